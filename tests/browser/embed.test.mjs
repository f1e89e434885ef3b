// The embeddable components (<padlab-diagram>, <padlab-summary> from padlab-embed.js) on plain
// HTML pages, as a blog would use them: one script tag, shadow DOM, one engine load per page,
// independent instances, attributes as data (XSS), a strict CSP, cross-origin use, embed.html
// for iframe-only platforms, and an axe-core audit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startServer, useSiteAndBrowser, newPage, SCREENSHOT_DIR, REPO } from './helpers.mjs';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

// What a page using the components needs: script-src for the module and the WebAssembly,
// connect-src for fetching the .wasm; no 'unsafe-inline' for styles, no 'unsafe-eval'.
const EMBED_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const session = useSiteAndBrowser({ mounts: { '/fixtures/': FIXTURES } });

// Text inside an element's shadow root.
const shadowText = (page, sel, inner) =>
  page.$eval(sel, (e, i) => e.shadowRoot.querySelector(i)?.textContent ?? null, inner);

// The caption lines of a diagram's picture (the core wraps them), as one text.
const shadowNotes = (page, sel) =>
  page.$eval(sel, (e) => [...e.shadowRoot.querySelectorAll('[data-role=note]')].map((t) => t.textContent).join(' '));

// The picture in element `sel` and the CLI's SVG of `padlab diagram ARGS --step 1 --theme THEME`
// with the element's id prefix, both serialised by the page (so the two compare byte for byte).
async function figureAndCli(page, sel, args, theme) {
  const html = await page.$eval(sel, (e) => e.shadowRoot.querySelector('.pld-figure').innerHTML);
  const prefix = /<title id="([A-Za-z0-9_-]+)-title"/.exec(html)[1];
  const svg = execFileSync(path.join(REPO, 'build/native/bin/padlab'),
    ['diagram', ...args, '--step', '1', '--theme', theme, '--id-prefix', prefix], { encoding: 'utf8' });
  return [html, await page.evaluate((t) => { const d = document.createElement('div'); d.innerHTML = t; return d.innerHTML; }, svg)];
}
const CAUSAL_8 = ['--input', '8', '--kernel', '4', '--padding', 'causal'];

async function shot(page, name) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, name), fullPage: true });
}

test('a plain page with one script tag renders a diagram and a summary, without console errors', async () => {
  const page = await newPage(session.browser);
  const wasm = [];
  page.on('response', (r) => { if (r.url().endsWith('.wasm')) wasm.push(r.url()); });
  await page.goto(`${session.server.url}fixtures/embed-page.html`);
  await page.waitForSelector('padlab-diagram[data-state=ready]');
  await page.waitForSelector('padlab-summary[data-state=ready]');
  assert.equal(await shadowText(page, 'padlab-diagram', '[data-role=subtitle]'), 'input 8 · kernel 4 · stride 1 · causal padding · zeros → output 8');
  assert.equal(await page.$eval('padlab-diagram', (e) => e.shadowRoot.querySelectorAll('[data-out]').length), 8);
  // The same picture as the CLI draws for this spec (and the playground, tests/browser/diagram.test.mjs).
  const [embedded, cli] = await figureAndCli(page, 'padlab-diagram', CAUSAL_8, 'light');
  assert.equal(embedded, cli);
  const summary = await shadowText(page, 'padlab-summary', 'pre');
  assert.match(summary, /^Model: "sequential"\n/);
  assert.match(summary, /conv2d \(Conv2D\) +\(None, 28, 28, 32\) +320/);
  assert.match(summary, /Total params: 251,210\n/);
  // Styles come from adopted sheets: nothing leaks into the page, the page's CSS stays out.
  assert.equal(await page.$eval('padlab-diagram', (e) => e.shadowRoot.adoptedStyleSheets.length), 2);
  assert.equal(await page.evaluate(() => document.styleSheets.length + document.adoptedStyleSheets.length), 0);
  // The diagram loads the diagram module, the summary the engine: each fetched once.
  assert.deepEqual(wasm.map((u) => u.split('/').pop()).sort(), ['padlab_core.wasm', 'padlab_diagram.wasm']);
  // Paused by default (no autoplay attribute).
  assert.equal(await page.getAttribute('padlab-diagram', 'data-playing'), 'false');
  await shot(page, 'embed-page.png');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('without a theme attribute the embeds take the host page\u2019s theme (a dark blog, a light system), and follow its switch', async () => {
  const page = await newPage(session.browser, { colorScheme: 'light' });
  await page.goto(`${session.server.url}fixtures/embed-dark-host.html`);
  for (const id of ['auto', 'light', 'summary']) await page.waitForSelector(`#${id}[data-state=ready]`);
  const boxTheme = (id) => page.$eval(`#${id}`, (e) => {
    const box = e.shadowRoot.querySelector('.pld');
    return box.classList.contains('is-dark') ? 'dark' : box.classList.contains('is-light') ? 'light' : 'none';
  });
  assert.deepEqual([await boxTheme('auto'), await boxTheme('light'), await boxTheme('summary')], ['dark', 'light', 'dark']);
  // The picture is the core's dark SVG, byte for byte as the CLI draws it with --theme dark.
  const [dark, darkCli] = await figureAndCli(page, '#auto', CAUSAL_8, 'dark');
  assert.equal(dark, darkCli);
  const [light, lightCli] = await figureAndCli(page, '#light', CAUSAL_8, 'light');
  assert.equal(light, lightCli);
  await shot(page, 'embed-dark-host.png');
  // The blog switches to its light theme (a class on <body>): the auto embeds follow, the pinned one stays.
  await page.evaluate(() => document.body.classList.add('light'));
  await page.waitForFunction(() => document.querySelector('#auto').shadowRoot.querySelector('.pld').classList.contains('is-light'));
  assert.equal(await boxTheme('summary'), 'light');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('content inside the element is the fallback: shown when the script cannot load, hidden once it draws', async () => {
  const page = await newPage(session.browser);
  await page.goto(`${session.server.url}fixtures/embed-fallback.html?missing`);
  assert.equal(await page.isVisible('#fallback'), true);
  await page.goto(`${session.server.url}fixtures/embed-fallback.html`);
  await page.waitForSelector('#d[data-state=ready]');
  assert.equal(await page.isVisible('#fallback'), false);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('instances are independent; controls, keys and attribute changes re-render one element only', async () => {
  const page = await newPage(session.browser);
  const wasm = [];
  page.on('response', (r) => { if (r.url().endsWith('.wasm')) wasm.push(r.url()); });
  await page.goto(`${session.server.url}fixtures/embed-two.html`);
  for (const id of ['one', 'two', 'three']) await page.waitForSelector(`#${id}[data-state=ready]`);
  await page.waitForSelector('#json[data-state=ready]');
  assert.deepEqual(wasm.map((u) => u.split('/').pop()).sort(), ['padlab_core.wasm', 'padlab_diagram.wasm'],
                   'one diagram module for the three diagrams, one engine for the summary');

  // Step one; the other does not move.
  const forward = (id) => page.$eval(`#${id}`, (e) => e.shadowRoot.querySelector('[aria-label="Step forward"]').click());
  await forward('one');
  await forward('one');
  assert.equal(await page.getAttribute('#one', 'data-step'), '2');
  assert.equal(await page.getAttribute('#two', 'data-step'), '0');
  // Keyboard on the picture of #two.
  await page.$eval('#two', (e) => e.shadowRoot.querySelector('.pld-figure').focus());
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getAttribute('#two', 'data-step'), '1');
  assert.equal(await page.getAttribute('#one', 'data-step'), '2');
  // Hover highlights in one shadow root only (focus also shows the current step's field: blur first).
  await page.$eval('#two', (e) => e.shadowRoot.querySelector('.pld-figure').blur());
  assert.equal(await page.$eval('#two', (e) => e.shadowRoot.querySelectorAll('[data-rf]').length), 0);
  const cell = await page.$('#one >> [data-out="5"]');
  await cell.hover();
  assert.equal(await page.$eval('#one', (e) => e.shadowRoot.querySelectorAll('[data-rf]').length), 4);
  assert.equal(await page.$eval('#two', (e) => e.shadowRoot.querySelectorAll('[data-rf]').length), 0);

  // autoplay plays (and only that one).
  await page.waitForFunction(() => Number(document.getElementById('three').dataset.step) >= 1, null, { timeout: 5000 });
  assert.equal(await page.getAttribute('#three', 'data-playing'), 'true');
  assert.equal(await page.getAttribute('#one', 'data-playing'), 'false');
  await page.$eval('#three', (e) => [...e.shadowRoot.querySelectorAll('button')].find((b) => b.textContent === 'Pause').click());
  assert.equal(await page.getAttribute('#three', 'data-playing'), 'false');
  assert.match(await shadowNotes(page, '#three'), /showing 16 of 30 rows/);

  // attributeChangedCallback: new settings redraw.
  await page.$eval('#one', (e) => { e.setAttribute('padding', 'same'); e.setAttribute('kernel', '3'); });
  await page.waitForFunction(() => document.getElementById('one').shadowRoot.querySelector('[data-role=subtitle]').textContent.includes('same padding'));
  assert.equal(await shadowText(page, '#one', '[data-role=subtitle]'), 'input 8 · kernel 3 · stride 1 · same padding · zeros → output 8');
  assert.equal(await shadowText(page, '#two', '[data-role=subtitle]'), 'input 5×5 · kernel 3×3 · stride 1×1 · same padding · reflect → output 5×5');
  await page.$eval('#one', (e) => e.setAttribute('theme', 'dark'));
  assert.equal(await page.$eval('#one', (e) => getComputedStyle(e.shadowRoot.querySelector('.pld')).getPropertyValue('--pld-bg').trim()), '#0f172a');

  // The JSON summary from src, Keras 3 style.
  const summary = await shadowText(page, '#json', 'pre');
  assert.match(summary, /causal_conv \(Conv1D\)/);
  assert.match(summary, /┃ Layer \(type\)/);
  // Inline text edits re-render a summary.
  await page.$eval('#json', (e) => e.setAttribute('summary-style', 'keras2'));
  await page.waitForFunction(() => document.getElementById('json').shadowRoot.querySelector('pre').textContent.startsWith('Model: "sequential"\n_'));
  await shot(page, 'embed-two.png');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('autoplay respects prefers-reduced-motion: the reader presses play', async () => {
  const page = await newPage(session.browser);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(`${session.server.url}fixtures/embed-two.html`);
  await page.waitForSelector('#three[data-state=ready]');
  await page.waitForTimeout(1200);
  assert.equal(await page.getAttribute('#three', 'data-playing'), 'false');
  assert.equal(await page.getAttribute('#three', 'data-step'), '0');
  await page.$eval('#three', (e) => [...e.shadowRoot.querySelectorAll('button')].find((b) => b.textContent === 'Play').click());
  assert.equal(await page.getAttribute('#three', 'data-playing'), 'true');
  await page.context().close();
});

test('attribute and URL values are data: hostile values show as text and nothing executes', async () => {
  const page = await newPage(session.browser);
  await page.goto(`${session.server.url}fixtures/embed-xss.html`);
  for (const id of ['pad', 'label', 'input']) await page.waitForSelector(`#${id}[data-state]:not([data-state=loading])`);
  await page.waitForSelector('#src[data-state=error]');
  await page.waitForSelector('#code[data-state=error]');
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  const injected = await page.evaluate(() => [...document.querySelectorAll('padlab-diagram, padlab-summary')]
    .map((e) => e.shadowRoot.querySelectorAll('img, script, foreignObject, iframe, [onerror], [onload]').length));
  assert.deepEqual(injected, [0, 0, 0, 0, 0]);
  assert.equal(await shadowText(page, '#pad', '.pld-error'),
    "padlab-diagram: padding: expected 'valid', 'same', 'causal', 'full' or amounts like 1,2; got '<img src=x onerror=window.__xss=1>'");
  // A label is shown as a title, as text.
  // The label is the picture's accessible title, as text (the drawn title line is cut to fit the width).
  const label = '<img src=x onerror=window.__xss=2><script>window.__xss=3</script>';
  assert.ok((await shadowText(page, '#label', 'svg > title')).startsWith(label));
  assert.ok(label.startsWith((await shadowText(page, '#label', '[data-role=title]')).replace(/…$/, '')));
  assert.match(await shadowText(page, '#input', '.pld-error'), /^padlab-diagram: input: expected whole numbers like 5 or 5x5, got '8"><svg onload/);
  assert.equal(await shadowText(page, '#src', '.pld-error'), "padlab-summary: src: only http(s) URLs are read, got 'javascript:'");
  assert.match(await shadowText(page, '#code', '.pld-error'), /<img src=x onerror=window\.__xss=6>/);
  await shot(page, 'embed-xss.png');
  assert.deepEqual(page.problems, []);

  // embed.html takes the same values from its URL.
  const frame = await newPage(session.browser);
  const q = new URLSearchParams({ input: '8', kernel: '4', padding: '<img src=x onerror=window.__xss=7>', label: '<b>bold</b>' });
  await frame.goto(`${session.server.url}embed.html?${q}`);
  await frame.waitForSelector('padlab-diagram[data-state=error]');
  assert.equal(await frame.evaluate(() => window.__xss), undefined);
  assert.match(await shadowText(frame, 'padlab-diagram', '.pld-error'), /got '<img src=x onerror=window\.__xss=7>'/);
  assert.equal(await frame.$eval('padlab-diagram', (e) => e.shadowRoot.querySelectorAll('img, b').length), 0);
  assert.equal(await frame.title(), '<b>bold</b> · PadLab');
  assert.deepEqual(frame.problems, []);
  await page.context().close();
  await frame.context().close();
});

test('components, embed.html and the playground run under a strict CSP (no unsafe-inline, no unsafe-eval)', async () => {
  const strict = await startServer({ headers: { 'content-security-policy': EMBED_CSP }, mounts: { '/fixtures/': FIXTURES } });
  try {
    const watch = async (page) => {
      await page.addInitScript(() => {
        window.__csp = [];
        document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
      });
    };
    for (const url of ['fixtures/embed-page.html', 'fixtures/embed-two.html', 'embed.html?preset=reflection_2d&autoplay']) {
      const page = await newPage(session.browser);
      await watch(page);
      await page.goto(strict.url + url);
      await page.waitForSelector('padlab-diagram[data-state=ready]');
      await page.waitForTimeout(300);
      assert.deepEqual(await page.evaluate(() => window.__csp), [], url);
      assert.deepEqual(page.problems, [], url);
      await page.context().close();
    }

    // The playground's workbench, including an export that rasterises through a blob: image.
    const page = await newPage(session.browser);
    await watch(page);
    await page.goto(strict.url);
    await page.waitForSelector('#diagram-workbench .pld-figure svg', { timeout: 15000 });
    await page.click('[data-preset=reflection_2d]');
    await page.hover('#diagram-workbench [data-out="1,1"]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#wb-export-png')]);
    assert.match(download.suggestedFilename(), /\.png$/);
    assert.deepEqual(await page.evaluate(() => window.__csp), []);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  } finally {
    await strict.close();
  }
});

test('a blog on another origin embeds from the PadLab site (CORS on the site)', async () => {
  const site = await startServer({ headers: { 'access-control-allow-origin': '*' } });
  const blog = await startServer({
    root: FIXTURES,
    rewrite: (_, html) => html.replace('src="/padlab-embed.js"', `src="${site.url}padlab-embed.js"`),
    headers: { 'content-security-policy': EMBED_CSP.replace("'self' 'wasm-unsafe-eval'", `'self' ${site.url} 'wasm-unsafe-eval'`)
      .replace("connect-src 'self'", `connect-src 'self' ${site.url}`) },
  });
  try {
    const page = await newPage(session.browser);
    await page.goto(`${blog.url}embed-page.html`);
    await page.waitForSelector('padlab-diagram[data-state=ready]');
    await page.waitForSelector('padlab-summary[data-state=ready]');
    assert.match(await shadowText(page, 'padlab-summary', 'pre'), /Total params: 251,210/);
    // The credit links back to the site the script came from.
    assert.equal(await page.$eval('padlab-diagram', (e) => e.shadowRoot.querySelector('.pld-credit a').href), site.url);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  } finally {
    await blog.close();
    await site.close();
  }
});

test('axe-core finds no serious or critical problem on an embedding page and in embed.html', async () => {
  for (const url of ['fixtures/embed-two.html', 'embed.html?input=5x5&kernel=3&padding=same&mode=reflect']) {
    const page = await newPage(session.browser, { bypassCSP: true });
    await page.goto(session.server.url + url);
    await page.waitForSelector('padlab-diagram[data-state=ready]');
    await page.addScriptTag({ path: path.join(REPO, 'node_modules/axe-core/axe.min.js') });
    const violations = await page.evaluate(async () => {
      const r = await window.axe.run(document, { resultTypes: ['violations'] });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) }));
    });
    const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(bad, [], `${url}: ${JSON.stringify(bad)}`);
    if (url.startsWith('embed.html')) await shot(page, 'embed-iframe-page.png');
    await page.context().close();
  }
});
