// First paint of the playground (issue 16): how soon after navigation the seed summary is
// visible, how soon an edit is reflected, what the page downloads, and the same for the TF.js
// wasm backend's download as the side-by-side reference.
//
//   node bench/first_paint.mjs [--runs N] [--write]      (site from scripts/build.sh site)
//
// Each run is a fresh browser context (cold cache, empty localStorage) on this script's own
// static server (127.0.0.1, no compression, no-store). Times are performance.now() in the page
// (ms after navigation start), medians over the runs:
//   summary visible   the frame after model A's Keras summary text is in the DOM
//                     (MutationObserver, then requestAnimationFrame: it is painted)
//   engine ready      html[data-engine=ready] (padlab.js's load() resolved)
//   early edit        an edit made (input event) the moment the summary shows; when its
//                     summary is on screen
//   edit latency      an edit after the engine is ready: input event -> next frame with the
//                     new summary in it (the engine's own summary takes ~1 ms)
// Bytes: every response, raw and gzip-compressed (zlib.gzipSync, level 9), as a server with
// compression would send them. --write puts the markdown into BENCHMARKS.md (first-paint).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { writeSection } from './report_section.mjs';
import { machineLine } from './bench_args.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WEB_DIR = path.resolve(process.env.PADLAB_WEB_DIR ?? path.join(REPO, 'build/web'));
const CHROMIUM = process.env.PADLAB_CHROMIUM ?? '/usr/bin/chromium';
const TFJS = path.join(REPO, 'node_modules/@tensorflow');
const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf('--runs') + 1]) || 7;
const WRITE = args.includes('--write');

const MIME = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png' };

// The reference page: TF.js core + its wasm backend, as a page would load them from files.
const TFJS_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>TF.js wasm reference</title>
<script src="/tfjs/tfjs-core/dist/tf-core.min.js"></script>
<script src="/tfjs/tfjs-backend-wasm/dist/tf-backend-wasm.min.js"></script>
<script src="/tfjs-ref.js"></script></head><body><p id="out">loading</p></body></html>`;
const TFJS_SCRIPT = `tf.wasm.setWasmPaths('/tfjs/tfjs-backend-wasm/dist/');
tf.setBackend('wasm').then(async (ok) => { await tf.ready();
  window.__ready = performance.now(); document.getElementById('out').textContent = tf.getBackend() + ' ' + ok; });`;

// Serves WEB_DIR, TF.js files under /tfjs/, and counts requests and bytes per path.
function startServer() {
  const log = [];
  const gzipCache = new Map();
  const root = fs.realpathSync(WEB_DIR);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let rel = decodeURIComponent(url.pathname);
    let body = null;
    if (rel === '/tfjs-ref.html') body = Buffer.from(TFJS_PAGE);
    else if (rel === '/tfjs-ref.js') body = Buffer.from(TFJS_SCRIPT);
    else {
      if (rel.endsWith('/')) rel += 'index.html';
      let base = root;
      if (rel.startsWith('/tfjs/')) { base = fs.realpathSync(TFJS); rel = rel.slice(5); }
      const file = path.join(base, path.normalize(rel));
      if (file.startsWith(base + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) body = fs.readFileSync(file);
    }
    if (!body) { res.writeHead(404).end(); return; }
    if (!gzipCache.has(url.pathname)) gzipCache.set(url.pathname, zlib.gzipSync(body, { level: 9 }).length);
    log.push({ path: url.pathname, bytes: body.length, gzip: gzipCache.get(url.pathname) });
    res.writeHead(200, { 'content-type': MIME[path.extname(rel)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}/`, log,
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }),
  })));
}

// Runs in the page before any of its own scripts: timestamps of the summary appearing, of the
// engine being ready, of edits being reflected; counts WebAssembly compile paths.
const PROBE = () => {
  const t = (window.__fp = { wasm: { streaming: 0, arrayBuffer: 0 } });
  const { instantiateStreaming, instantiate } = WebAssembly;
  WebAssembly.instantiateStreaming = function (...a) { t.wasm.streaming++; return instantiateStreaming.apply(this, a); };
  WebAssembly.instantiate = function (...a) { if (!(a[0] instanceof WebAssembly.Module)) t.wasm.arrayBuffer++; return instantiate.apply(this, a); };
  const summary = () => document.querySelector('#pane-a .summary-text')?.textContent ?? '';
  const painted = (key) => requestAnimationFrame(() => { t[key] ??= performance.now(); });
  let armed = null;  // { needle, key }
  const check = () => {
    const text = summary();
    if (t.visibleAt === undefined && /Total params/.test(text)) { t.visibleAt = -1; painted('visible'); }
    if (document.documentElement.dataset.engine === 'ready' && t.ready === undefined) t.ready = performance.now();
    if (armed && text.includes(armed.needle)) { const k = armed.key; armed = null; painted(k); }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-engine'] });
  // An edit the way a keystroke makes it: the textarea's value changes, an input event fires.
  t.edit = (from, to, key) => {
    const area = document.querySelector('#code-a');
    t[key + 'Start'] = performance.now();
    armed = { needle: `(None, ${to})`, key };
    area.value = area.value.replace(`Dense(${from}`, `Dense(${to}`);
    area.dispatchEvent(new Event('input', { bubbles: true }));
    check();
  };
};

async function playgroundRun(browser, server) {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await ctx.newPage();
  await page.addInitScript(PROBE);
  server.log.length = 0;
  await page.goto(server.url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__fp?.visible !== undefined, null, { polling: 'raf', timeout: 30000 });
  await page.evaluate(() => window.__fp.edit(256, 255, 'early'));
  await page.waitForFunction(() => window.__fp.early !== undefined && document.documentElement.dataset.app === 'ready', null, { timeout: 30000 });
  await page.waitForTimeout(300);  // the page settles (hash written, panels idle)
  await page.evaluate(() => window.__fp.edit(255, 254, 'late'));
  await page.waitForFunction(() => window.__fp.late !== undefined, null, { timeout: 10000 });
  const r = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
    return {
      ...window.__fp, fcp, domContentLoaded: nav.domContentLoadedEventEnd,
      resources: performance.getEntriesByType('resource').map((e) => ({ name: new URL(e.name).pathname, start: e.startTime, end: e.responseEnd })),
    };
  });
  const log = [...server.log];
  await ctx.close();
  return { ...r, early: r.early, late: r.late - r.lateStart, log };
}

async function tfjsRun(browser, server) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  server.log.length = 0;
  await page.goto(server.url + 'tfjs-ref.html', { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__ready !== undefined, null, { timeout: 60000 });
  const r = await page.evaluate(() => ({ ready: window.__ready, backend: document.getElementById('out').textContent }));
  const log = [...server.log];
  await ctx.close();
  return { ...r, log };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const ms = (x) => `${Math.round(x)} ms`;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const sum = (log, k) => log.reduce((a, e) => a + e[k], 0);

const server = await startServer();
const browser = await chromium.launch({ executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const runs = [];
const refs = [];
try {
  for (let i = 0; i < RUNS; i++) {
    runs.push(await playgroundRun(browser, server));
    refs.push(await tfjsRun(browser, server));
  }
} finally {
  await browser.close();
  await server.close();
}

const last = runs[runs.length - 1];
const wasmHits = last.log.filter((e) => e.path.endsWith('.wasm'));
const waterfall = new Map();
for (const run of runs) for (const e of run.resources) {
  if (!waterfall.has(e.name)) waterfall.set(e.name, { start: [], end: [] });
  waterfall.get(e.name).start.push(e.start);
  waterfall.get(e.name).end.push(e.end);
}
const rows = [...waterfall].map(([name, v]) => ({ name, start: median(v.start), end: median(v.end) }))
  .filter((r) => runs[0].resources.some((e) => e.name === r.name)).sort((a, b) => a.start - b.start);
const startup = (log) => log.filter((e) => !e.path.startsWith('/data/'));
const refLog = refs[refs.length - 1].log;

const verdict = (label, value, limit) => `${label} ${ms(value)} (goal ≤ ${limit} ms: ${value <= limit ? 'met' : 'not met'})`;
const goals = [
  verdict('visible', median(runs.map((r) => r.fcp)), 300),
  verdict('early edit reflected', median(runs.map((r) => r.early)), 500),
  verdict('edit after ready', median(runs.map((r) => r.late)), 50),
];

const md = `## First paint of the playground

\`node bench/first_paint.mjs --runs ${RUNS} --write\`: Chromium ${browser.version()} headless, localhost (no
compression), a fresh browser context per run (cold cache), median of ${RUNS} runs.
${machineLine()}. Times are ms after navigation start.

| | median | min | max |
|---|---:|---:|---:|
| seed summary in the DOM, next animation frame (the pre-render: during parsing) | ${ms(median(runs.map((r) => r.visible)))} | ${ms(Math.min(...runs.map((r) => r.visible)))} | ${ms(Math.max(...runs.map((r) => r.visible)))} |
| **first contentful paint** (the seed summaries are on it: the honest "visible") | ${ms(median(runs.map((r) => r.fcp)))} | ${ms(Math.min(...runs.map((r) => r.fcp)))} | ${ms(Math.max(...runs.map((r) => r.fcp)))} |
| engine ready | ${ms(median(runs.map((r) => r.ready)))} | ${ms(Math.min(...runs.map((r) => r.ready)))} | ${ms(Math.max(...runs.map((r) => r.ready)))} |
| edit made as the summary shows: reflected at | ${ms(median(runs.map((r) => r.early)))} | ${ms(Math.min(...runs.map((r) => r.early)))} | ${ms(Math.max(...runs.map((r) => r.early)))} |
| edit after the engine is ready: input → painted | ${ms(median(runs.map((r) => r.late)))} | ${ms(Math.min(...runs.map((r) => r.late)))} | ${ms(Math.max(...runs.map((r) => r.late)))} |
| **TF.js wasm backend ready** (\`await tf.setBackend('wasm')\`) | ${ms(median(refs.map((r) => r.ready)))} | ${ms(Math.min(...refs.map((r) => r.ready)))} | ${ms(Math.max(...refs.map((r) => r.ready)))} |

Issue 16's goals, on the medians: ${goals.join('; ')}.

Bytes until the page is ready (every response; gzip = \`zlib.gzipSync\` level 9 of each; the
"Apply to data" sample data under \`data/\` is listed apart, it loads after the engine):

| page | requests | raw | gzip |
|---|---:|---:|---:|
| playground (without data/) | ${startup(last.log).length} | ${kb(sum(startup(last.log), 'bytes'))} | ${kb(sum(startup(last.log), 'gzip'))} |
| playground data/ | ${last.log.length - startup(last.log).length} | ${kb(sum(last.log, 'bytes') - sum(startup(last.log), 'bytes'))} | ${kb(sum(last.log, 'gzip') - sum(startup(last.log), 'gzip'))} |
| of which padlab_core.wasm | ${wasmHits.length} | ${kb(sum(wasmHits, 'bytes'))} | ${kb(sum(wasmHits, 'gzip'))} |
| **TF.js reference** (tf-core.min.js + tf-backend-wasm.min.js + its .wasm) | ${refLog.length} | ${kb(sum(refLog, 'bytes'))} | ${kb(sum(refLog, 'gzip'))} |

WebAssembly compile path of the engine: instantiateStreaming ${last.wasm.streaming}×, from an
ArrayBuffer ${last.wasm.arrayBuffer}×; padlab_core.wasm requested ${wasmHits.length}× from the
server (the \`<link rel="preload">\` is reused). TF.js reference backend: \`${refs[0].backend}\`.

Request waterfall of the playground (median start → response end, ms after navigation):

| resource | start | end |
|---|---:|---:|
${rows.filter((r) => !r.name.startsWith('/data/')).map((r) => `| \`${r.name}\` | ${Math.round(r.start)} | ${Math.round(r.end)} |`).join('\n')}
`;
console.log(md);
if (WRITE) {
  writeSection(path.join(REPO, 'BENCHMARKS.md'), 'first-paint', md);
  console.error('BENCHMARKS.md: first-paint section written');
}
