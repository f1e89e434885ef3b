// The page runs under the strict Content-Security-Policy a later deployment requires:
// no inline script, no inline style attribute, no eval; only 'wasm-unsafe-eval' for the engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { useSiteAndBrowser, newPage, openPlayground, summaryText, replaceCode, REPO } from './helpers.mjs';
import { VALID_MODEL } from '../../web/playground/seed-models.js';

export const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const session = useSiteAndBrowser({ headers: { 'content-security-policy': STRICT_CSP } });

test('no CSP violation while loading, typing, erroring, switching theme and style, and opening saved files', async () => {
  const page = await newPage(session.browser);
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  await openPlayground(page, session.server.url);
  assert.match(await summaryText(page, 'b'), /Total params: 25,785,610/);
  await replaceCode(page, 'a', VALID_MODEL.replace("padding='valid')", "padding='causal')"));
  await page.waitForSelector('#pane-a .error-box:not([hidden])');
  await page.click('label[for=style-keras3]');
  await page.click('label[for=theme-dark]');
  await page.locator('#pane-b tbody .layer-button').first().click();
  await replaceCode(page, 'a', VALID_MODEL);
  await page.waitForSelector('#pane-a .error-box', { state: 'hidden' });
  // Saved model files: the worker, fflate and h5wasm (its wasm compiled in the worker) run
  // under the same policy (every response carries it, the worker script's too).
  for (const name of ['cnn_keras3.keras', 'cnn_tfkeras215.h5']) {
    const buffer = readFileSync(path.join(REPO, 'tests', 'fixtures', 'saved', name));
    await page.setInputFiles('#pane-b .file-input', { name, mimeType: 'application/octet-stream', buffer });
    await page.waitForFunction((n) => document.querySelector('#pane-b .pane-title')?.textContent === n &&
      !document.querySelector('#pane-b .pane-file').classList.contains('is-reading'), name, { timeout: 20000 });
    assert.match(await summaryText(page, 'b'), /Total params: 235/);
  }
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
