// The npm package's pages in Chromium (run by tests/npm/test_pack.sh, which installs the
// tarball and bundles pages/bundle-entry.js into PADLAB_NPM_SITE/bundle/dist):
//  - the esbuild bundle of an app importing 'padlab' and 'padlab/embed' summarizes and draws;
//  - the installed package folder, served as a CDN would (/cdn/padlab/), works from the one
//    <script type="module"> tag of pages/cdn.html, and its diagram is the node CLI's picture.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { startServer, launchBrowser, newPage } from '../browser/helpers.mjs';

const SITE = process.env.PADLAB_NPM_SITE;
const PACKAGE = process.env.PADLAB_NPM_PACKAGE;
const CLI = PACKAGE && path.join(PACKAGE, 'bin/padlab.mjs');
const session = { server: null, browser: null };
before(async () => {
  assert.ok(SITE && PACKAGE, 'PADLAB_NPM_SITE and PADLAB_NPM_PACKAGE: run tests/npm/test_pack.sh');
  session.server = await startServer({ root: SITE, mounts: { '/cdn/padlab/': PACKAGE } });
  session.browser = await launchBrowser();
});
after(async () => {
  await session.browser?.close();
  await session.server?.close();
});

const cli = (args, input) => execFileSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input });

// A diagram element's picture next to the node CLI's for the same spec and id prefix (as
// tests/browser/embed.test.mjs checks the native CLI's), both normalised by the page's parser.
async function sameAsCli(page, args) {
  const embedded = await page.$eval('padlab-diagram', (e) => e.shadowRoot.querySelector('.pld-figure').innerHTML);
  const prefix = /<title id="([A-Za-z0-9_-]+)-title"/.exec(embedded)[1];
  const svg = cli(['diagram', ...args, '--step', '1', '--theme', 'light', '--id-prefix', prefix]);
  assert.equal(embedded, await page.evaluate((t) => { const d = document.createElement('div'); d.innerHTML = t; return d.innerHTML; }, svg));
}

test('an esbuild bundle importing padlab and padlab/embed summarizes and draws', async () => {
  const page = await newPage(session.browser);
  await page.goto(`${session.server.url}bundle/bundle.html`);
  await page.waitForSelector('html[data-bundle=ready]', { timeout: 20000 });
  await page.waitForSelector('padlab-diagram[data-state=ready]', { timeout: 20000 });
  const source = await page.textContent('#src');
  assert.equal(await page.textContent('#out'), cli(['summary', '-'], source));
  await sameAsCli(page, ['--input', '8', '--kernel', '4', '--padding', 'causal']);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the package folder served as a CDN works from one script tag', async () => {
  const page = await newPage(session.browser);
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.goto(`${session.server.url}cdn.html`);
  await page.waitForSelector('padlab-diagram[data-state=ready]', { timeout: 20000 });
  await page.waitForSelector('padlab-summary[data-state=ready]', { timeout: 20000 });
  await sameAsCli(page, ['--input', '8', '--kernel', '4', '--padding', 'causal']);
  const summary = await page.$eval('padlab-summary', (e) => e.shadowRoot.querySelector('pre').textContent);
  const source = await page.$eval('padlab-summary', (e) => e.textContent);
  assert.equal(summary, cli(['summary', '-'], source));
  // Everything but the page itself came from the package folder.
  const outside = requests.filter((p) => p !== '/cdn.html' && !p.startsWith('/cdn/padlab/'));
  assert.deepEqual(outside, []);
  assert.ok(requests.includes('/cdn/padlab/padlab_core.wasm'), requests.join(' '));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
