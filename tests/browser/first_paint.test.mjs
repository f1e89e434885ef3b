// First paint of the playground (issue 16): the built index.html carries both seed panes
// pre-rendered by this build's engine (wasm/write_first_paint.mjs), one bundled module
// (wasm/bundle_site.mjs) and the wasm preload; the live engine takes over without changing
// what the pre-render showed; a link to another state never shows the seed; an edit typed
// before the engine is ready is applied when it is. Times are measured by
// bench/first_paint.mjs (BENCHMARKS.md), not asserted here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSiteAndBrowser, newPage, waitReady, summaryText, screenshot } from './helpers.mjs';

const session = useSiteAndBrowser();
const BUNDLE = /\/playground\/app\.bundle\.js$/;

test('without any script the page already shows both seed summaries, and the live engine leaves them as they were', async () => {
  const ctx = await session.browser.newContext({ viewport: { width: 1440, height: 1000 }, javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(session.server.url);
  const pre = { a: await summaryText(page, 'a'), b: await summaryText(page, 'b') };
  assert.match(pre.a, /Total params: 15,955,210/);  // the blog's "valid" model, its published count
  assert.match(pre.b, /Total params: 25,785,610/);  // its "same" model
  assert.ok(await page.isVisible('#pane-a .summary-text'));
  assert.equal(await page.isVisible('#pane-a .table-wrap'), false, 'the table waits for the engine');
  await screenshot(page, 'first-paint-static.png');
  await ctx.close();

  const live = await newPage(session.browser);
  const requests = [];
  live.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await live.goto(session.server.url);
  await waitReady(live);
  assert.equal(await summaryText(live, 'a'), pre.a);
  assert.equal(await summaryText(live, 'b'), pre.b);
  assert.ok(await live.isVisible('#pane-a .table-wrap'));
  assert.equal(await live.getAttribute('#pane-a', 'data-prerendered'), null);
  assert.ok(requests.some((p) => BUNDLE.test(p)), 'the bundle is loaded');
  assert.ok(!requests.includes('/playground/app.js') && !requests.includes('/playground/model-pane.js'),
    `no unbundled module is requested: ${requests.filter((p) => p.endsWith('.js')).join(' ')}`);
  assert.equal(requests.filter((p) => p === '/padlab_core.wasm').length, 1, 'the preload is the one download');
  assert.deepEqual(live.problems, []);
  await live.context().close();
});

test('a link to another state hides the pre-rendered seed until the page has filled the panes', async () => {
  const page = await newPage(session.browser);
  await page.route(BUNDLE, (route) => route.abort());  // the page never starts: what the first paint shows
  await page.goto(`${session.server.url}#ex=valid-vs-same&style=keras3`);
  assert.equal(await page.getAttribute('html', 'data-first-paint'), 'other');
  assert.equal(await page.isVisible('#pane-a .summary-text'), false);
  await page.context().close();

  const live = await newPage(session.browser);
  await live.goto(`${session.server.url}#ex=valid-vs-same&style=keras3`);
  await waitReady(live);
  assert.equal(await live.getAttribute('html', 'data-first-paint'), 'live');
  assert.match(await summaryText(live, 'a'), /Model: "sequential"/);
  assert.match(await summaryText(live, 'a'), /Total params: 15,955,210 \(60\.86 MB\)/);  // Keras 3 style
  assert.ok(await live.isVisible('#pane-a .summary-text'));
  await live.context().close();
});

test('an edit typed before the engine is ready is applied as soon as it is', async () => {
  const page = await newPage(session.browser);
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(/\/padlab_core\.wasm$/, async (route) => { await held; await route.continue(); });
  await page.goto(session.server.url);
  await page.waitForSelector('#code-a');
  const area = page.locator('#code-a');
  const code = await area.inputValue();
  assert.ok(code.includes('Dense(256'), 'the seed code is pre-rendered');
  await area.fill(code.replace('Dense(256', 'Dense(255'));
  assert.equal(await page.getAttribute('html', 'data-engine'), null, 'the engine is still held back');
  release();
  await waitReady(page);
  await page.waitForFunction(() => document.querySelector('#pane-a .summary-text').textContent.includes('(None, 255)'), null, { timeout: 5000 });
  assert.equal(await area.inputValue(), code.replace('Dense(256', 'Dense(255'));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
