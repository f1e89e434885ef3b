// What embeds cost a blog page: a page with one <padlab-diagram> downloads the diagram module
// and never the engine; ten embeds on one page instantiate each module once; an embed far below
// the fold starts only when scrolled near. Bytes are reported (gzip, as a static host serves
// them), not asserted: sizes are measured by bench/size.mjs, recorded in BENCHMARKS.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { useSiteAndBrowser, newPage, WEB_DIR } from './helpers.mjs';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const session = useSiteAndBrowser({ mounts: { '/fixtures/': FIXTURES } });

// Every file the page requested, by path, with its gzip size (the test server sends raw files).
function recordRequests(page) {
  const files = [];
  page.on('request', (r) => files.push(new URL(r.url()).pathname));
  return files;
}
function gzipBytes(paths) {
  let total = 0;
  for (const p of new Set(paths)) {
    const file = p.startsWith('/fixtures/') ? path.join(FIXTURES, p.slice('/fixtures/'.length)) : path.join(WEB_DIR, p);
    if (fs.existsSync(file) && fs.statSync(file).isFile()) total += zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
  }
  return total;
}

// Counts WebAssembly instantiations in the page (each module's loader makes one per instance).
const COUNT_INSTANCES = () => {
  window.__wasmInstances = [];
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const original = WebAssembly[name];
    WebAssembly[name] = function (...args) {
      window.__wasmInstances.push(name);
      return original.apply(this, args);
    };
  }
};

test('a page with one <padlab-diagram> loads the diagram module only, never the engine', async (t) => {
  const page = await newPage(session.browser);
  const files = recordRequests(page);
  await page.goto(`${session.server.url}fixtures/embed-one-diagram.html`);
  await page.waitForSelector('padlab-diagram[data-state=ready]');
  assert.equal(await page.$eval('padlab-diagram', (e) => e.shadowRoot.querySelectorAll('[data-out]').length), 8);
  const site = files.filter((f) => !f.startsWith('/fixtures/'));
  assert.ok(site.includes('/padlab_diagram.wasm'), site.join(' '));
  for (const engine of ['/padlab.js', '/padlab_core.mjs', '/padlab_core.wasm']) {
    assert.ok(!site.includes(engine), `${engine} must not be requested by a diagram-only page: ${site.join(' ')}`);
  }
  t.diagnostic(`one-diagram page: ${site.length} site files, ${(gzipBytes(site) / 1024).toFixed(1)} KiB gzip: ${site.join(' ')}`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('ten embeds on one page: one diagram module, one engine; the far one waits until scrolled near', async () => {
  const page = await newPage(session.browser);
  await page.addInitScript(COUNT_INSTANCES);
  const files = recordRequests(page);
  await page.goto(`${session.server.url}fixtures/embed-ten.html`);
  for (let i = 0; i < 8; i++) await page.waitForSelector(`#d${i}[data-state=ready]`);
  await page.waitForSelector('#s0[data-state=ready]');
  assert.equal(await page.$$eval('padlab-diagram, padlab-summary', (els) => els.length), 10);
  assert.deepEqual((await page.evaluate(() => window.__wasmInstances)).length, 2, 'one instance of each module');
  const wasm = () => files.filter((f) => f.endsWith('.wasm')).sort();
  assert.deepEqual(wasm(), ['/padlab_core.wasm', '/padlab_diagram.wasm']);
  // Far below the fold: not started (no picture, still loading).
  assert.equal(await page.getAttribute('#far', 'data-state'), null);
  assert.equal(await page.$eval('#far', (e) => e.shadowRoot.querySelectorAll('[data-out]').length), 0);
  await page.$eval('#far', (e) => e.scrollIntoView());
  await page.waitForSelector('#far[data-state=ready]');
  assert.equal(await page.$eval('#far', (e) => e.shadowRoot.querySelectorAll('[data-out]').length), 10);
  assert.equal((await page.evaluate(() => window.__wasmInstances)).length, 2, 'the far embed shares the instance');
  assert.deepEqual(wasm(), ['/padlab_core.wasm', '/padlab_diagram.wasm']);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('embed.html (iframe embeds) loads the diagram module only', async () => {
  const page = await newPage(session.browser);
  const files = recordRequests(page);
  await page.goto(`${session.server.url}embed.html?input=8&kernel=4&padding=causal`);
  await page.waitForSelector('padlab-diagram[data-state=ready]');
  assert.ok(files.includes('/padlab_diagram.wasm'));
  assert.ok(!files.some((f) => /padlab_core|\/padlab\.js$/.test(f)), files.join(' '));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
