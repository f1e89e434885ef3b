// The diagram workbench of the playground: presets from the padding post, stepping and playing
// (buttons, keyboard, scrub), hover highlighting of receptive fields, layer selection from the
// summaries, the exports (animated SVG, PNG, GIF) and the embed-code dialog.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  useSiteAndBrowser, newPage, openPlayground, screenshot, SCREENSHOT_DIR, REPO, PHONE,
} from './helpers.mjs';

const session = useSiteAndBrowser();

const WB = '#diagram-workbench';

async function openWorkbench(page) {
  await openPlayground(page, session.server.url);
  await page.waitForSelector(`${WB} .pld-figure svg`, { timeout: 10000 });
}

const step = (page) => page.getAttribute(WB, 'data-step').then(Number);
const stepText = (page) => page.textContent(`${WB} .pld-step`);
// The caption lines of the picture (the core wraps them), as one text.
const notes = (page) => page.$$eval(`${WB} [data-role=note]`, (ts) => ts.map((t) => t.textContent).join(' '));

async function shot(page, name) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.locator(WB).screenshot({ path: path.join(SCREENSHOT_DIR, name) });
}

test('opens on the causal picture of the post: 3 zeros before, output t reads inputs t-3..t', async () => {
  const page = await newPage(session.browser);
  await openWorkbench(page);
  assert.equal(await page.textContent(`${WB} [data-role=title]`), "Conv1D(kernel_size=4, padding='causal')");
  assert.match(await page.textContent(`${WB} [data-role=subtitle]`), /input 8 · kernel 4 · stride 1 · causal padding · zeros → output 8/);
  // 3 padding cells, then the 8 values of the series.
  const kinds = await page.$$eval(`${WB} [data-pos]`, (gs) => gs.map((g) => g.dataset.kind));
  assert.deepEqual(kinds, ['pad', 'pad', 'pad', 'input', 'input', 'input', 'input', 'input', 'input', 'input', 'input']);
  assert.equal(await page.locator(`${WB} [data-out]`).count(), 8);
  assert.match(await stepText(page), /^Step 1 of 8: y0 reads 3 padding \+ x0$/);
  assert.match(await page.textContent(`${WB} [data-role=formula]`), /out = ⌈\(8 \+ 3 \+ 0 − 4 \+ 1\) \/ 1⌉ = 8/);
  await shot(page, 'diagram-causal.png');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('steps with buttons, keys and the scrub bar; space plays and pauses', async () => {
  const page = await newPage(session.browser);
  await openWorkbench(page);
  await page.click('#wb-forward');
  assert.equal(await step(page), 1);
  assert.match(await stepText(page), /^Step 2 of 8: y1 reads 2 padding \+ x0 … x1$/);
  await page.click('#wb-back');
  assert.equal(await step(page), 0);

  // The picture is one tab stop; arrows step, End / Home jump.
  await page.focus(`${WB} .pld-figure`);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(await step(page), 2);
  await page.keyboard.press('End');
  assert.equal(await step(page), 7);
  assert.match(await stepText(page), /y7 reads x4 … x7/);
  await page.keyboard.press('Home');
  assert.equal(await step(page), 0);
  // Focus alone shows the current output's receptive field.
  assert.equal(await page.locator(`${WB} [data-rf]`).count(), 4);

  // Scrub: the range input is the step.
  await page.focus('#wb-scrub');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(await step(page), 2);
  assert.equal(await page.inputValue('#wb-scrub'), '3');

  // Space anywhere in the workbench (outside text fields) plays; the step advances by itself.
  await page.focus(`${WB} .pld-figure`);
  await page.selectOption('#wb-speed', '4');
  await page.focus(`${WB} .pld-figure`);
  await page.keyboard.press(' ');
  assert.equal(await page.getAttribute(WB, 'data-playing'), 'true');
  assert.match(await page.textContent('#wb-play'), /Pause/);
  await page.waitForFunction((sel) => Number(document.querySelector(sel).dataset.step) >= 4, WB, { timeout: 5000 });
  await page.keyboard.press(' ');
  assert.equal(await page.getAttribute(WB, 'data-playing'), 'false');
  const stopped = await step(page);
  await page.waitForTimeout(500);
  assert.equal(await step(page), stopped, 'paused means paused');

  // The play button does the same.
  await page.click('#wb-play');
  assert.equal(await page.getAttribute(WB, 'data-playing'), 'true');
  await page.click('#wb-play');
  assert.equal(await page.getAttribute(WB, 'data-playing'), 'false');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('every workbench control is reachable with Tab', async () => {
  const page = await newPage(session.browser);
  await openWorkbench(page);
  await page.focus('#wb-preset');
  const seen = new Set();
  for (let i = 0; i < 40; i++) {
    const id = await page.evaluate(() => {
      const a = document.activeElement;
      return a?.id || a?.dataset?.preset || a?.className || a?.tagName;
    });
    seen.add(id);
    await page.keyboard.press('Tab');
  }
  for (const id of ['wb-preset', 'causal_time_series', 'wb-input', 'wb-kernel', 'wb-strides', 'wb-dilation', 'wb-padding',
    'wb-mode', 'wb-op', 'wb-first', 'wb-back', 'wb-play', 'wb-forward', 'wb-scrub', 'wb-speed', 'pld-figure',
    'wb-export-svg', 'wb-export-png', 'wb-export-gif', 'wb-embed']) {
    assert.ok(seen.has(id), `${id} is reachable by Tab (saw ${[...seen].join(', ')})`);
  }
  await page.context().close();
});

test('hovering an output cell highlights its receptive field in the padded input', async () => {
  const page = await newPage(session.browser);
  await openWorkbench(page);
  await page.hover(`${WB} [data-out="5"]`);
  const rf = await page.$$eval(`${WB} [data-rf]`, (gs) => gs.map((g) => g.dataset.pos));
  assert.deepEqual(rf, ['5', '6', '7', '8']);  // y5 reads padded cells 5..8 = x2..x5
  assert.match(await page.textContent(`${WB} .pld-hover`), /Receptive field: y5 reads x2 … x5/);
  assert.equal(await page.locator(`${WB} [data-out="5"][data-hover]`).count(), 1);
  // Leaving the picture clears it.
  await page.mouse.move(5, 5);
  assert.equal(await page.locator(`${WB} [data-rf]`).count(), 0);

  // 2D: the seed's 28x28 'valid' layer, drawn as a 16x16 window that says so.
  await page.click('[data-preset=valid_28x28]');
  await page.waitForFunction((sel) => document.querySelector(sel).textContent.includes('26×26'), `${WB} [data-role=subtitle]`);
  assert.match(await notes(page), /showing 16 of 28 rows, 16 of 28 columns of the padded input/);
  await page.hover(`${WB} [data-out="9,4"]`);
  const rf2 = await page.$$eval(`${WB} [data-rf]`, (gs) => gs.map((g) => g.dataset.pos));
  assert.deepEqual(rf2, ['9,4', '9,5', '9,6', '10,4', '10,5', '10,6', '11,4', '11,5', '11,6']);
  assert.match(await page.textContent(`${WB} .pld-hover`), /output \(9, 4\) reads input rows 9–11, cols 4–6/);
  await shot(page, 'diagram-valid-28x28-hover.png');
  // Clicking an output cell jumps to its step.
  await page.click(`${WB} [data-out="2,3"]`);
  assert.equal(await step(page), 2 * 26 + 3);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('presets reproduce the post: causal 1D, reflection 2D, valid vs same on 28x28', async () => {
  const page = await newPage(session.browser);
  await openWorkbench(page);
  await page.click('[data-preset=reflection_2d]');
  await page.waitForFunction((sel) => document.querySelector(sel).textContent.includes('reflect'), `${WB} [data-role=subtitle]`);
  // 7x7 padded grid: a ring of mirrored cells, each labelled with where it was copied from.
  assert.equal(await page.locator(`${WB} [data-pos]`).count(), 49);
  assert.equal(await page.locator(`${WB} [data-kind=pad]`).count(), 24);
  assert.equal(await page.textContent(`${WB} [data-pos="0,0"] text:nth-of-type(2)`), '1,1');
  assert.equal(await page.textContent(`${WB} [data-pos="0,0"] text:nth-of-type(1)`), '7');  // input (1,1) = 7
  assert.ok(await page.locator(`${WB} [data-role=source]`).count() > 0, 'sources of copied values in the window are ringed');
  await shot(page, 'diagram-reflection-2d.png');

  await page.click('[data-preset=same_28x28]');
  await page.waitForFunction((sel) => document.querySelector(sel).textContent.includes('→ output 28×28'), `${WB} [data-role=subtitle]`);
  assert.equal(await page.getAttribute(`${WB} [data-pos="0,0"]`, 'data-kind'), 'pad');
  assert.match(await notes(page), /same: total 2 = 1 before, 1 after on each axis/);
  await page.click('[data-preset=valid_28x28]');
  await page.waitForFunction((sel) => document.querySelector(sel).textContent.includes('→ output 26×26'), `${WB} [data-role=subtitle]`);
  assert.equal(await page.getAttribute(`${WB} [data-pos="0,0"]`, 'data-kind'), 'input');
  assert.match(await notes(page), /valid: no padding/);

  // Settings by hand: an error is text, and fixing it brings the picture back.
  await page.fill('#wb-input', '5x5');
  await page.fill('#wb-kernel', '9x9');
  await page.waitForSelector(`${WB} .pld-error:not([hidden])`);
  assert.match(await page.textContent(`${WB} .pld-error`), /Conv2D/);
  assert.equal(await page.isDisabled('#wb-export-svg'), true);
  await page.fill('#wb-kernel', '3');
  await page.waitForSelector(`${WB} .pld-error`, { state: 'hidden' });
  assert.match(await page.textContent(`${WB} [data-role=subtitle]`), /input 5×5 · kernel 3×3 .* → output 3×3/);
  await page.selectOption('#wb-padding', 'explicit');
  await page.fill('#wb-pads', '(1,2),(0,0)');
  await page.fill('#wb-kernel', '');
  await page.waitForFunction((sel) => document.querySelector(sel).textContent.includes('padding (1, 2), (0, 0)'), `${WB} [data-role=subtitle]`);
  assert.match(await stepText(page), /Padding only/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('selecting a layer in a summary (click or keyboard) shows that layer with its settings', async () => {
  const page = await newPage(session.browser);
  await openWorkbench(page);
  // Model B's first layer: Conv2D 3x3 'same' on 28x28.
  await page.locator('#pane-b tbody .layer-button').first().click();
  await page.waitForFunction((sel) => document.querySelector(sel).textContent.startsWith('conv2d'), `${WB} [data-role=title]`);
  assert.equal(await page.textContent(`${WB} [data-role=title]`), 'conv2d (Conv2D)');
  assert.match(await page.textContent(`${WB} [data-role=subtitle]`), /input 28×28 · kernel 3×3 · stride 1×1 · same padding · zeros → output 28×28/);
  assert.match(await page.textContent(`${WB} .wb-source`), /Layer conv2d \(Conv2D\) of model B/);
  assert.match(await notes(page), /showing 16 of 30 rows/);
  assert.equal(await page.inputValue('#wb-input'), '28x28');

  // Keyboard: the second layer of model A (conv2d_1, valid on 26x26).
  const second = page.locator('#pane-a tbody .layer-button').nth(1);
  await second.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((sel) => document.querySelector(sel).textContent.startsWith('conv2d_1'), `${WB} [data-role=title]`);
  assert.match(await page.textContent(`${WB} [data-role=subtitle]`), /input 26×26 · kernel 3×3 .* valid padding → output 24×24/);

  // A Dense layer has no window: the note says so and the picture stays.
  await page.locator('#pane-a tbody .layer-button').nth(4).click();
  await page.waitForFunction((sel) => /Dense/.test(document.querySelector(sel).textContent), `${WB} .wb-source`);
  assert.match(await page.textContent(`${WB} .wb-source`), /no padding or sliding window to draw/);
  assert.equal(await page.textContent(`${WB} [data-role=title]`), 'conv2d_1 (Conv2D)');
  await screenshot(page, 'diagram-layer-selected.png');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

async function saveDownload(page, click) {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = path.join(SCREENSHOT_DIR, 'exports', download.suggestedFilename());
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await download.saveAs(file);
  return { name: download.suggestedFilename(), bytes: fs.readFileSync(file), file };
}

// The CLI's SVG for the same picture (the native build's bin/padlab).
const CLI = path.join(REPO, 'build/native/bin/padlab');
const cliSvg = (...args) => execFileSync(CLI, ['diagram', ...args], { encoding: 'utf8' });
// An SVG text parsed as the page parses it, serialised back: equal DOMs give equal strings.
const asDom = (page, text) => page.evaluate((t) => { const d = document.createElement('div'); d.innerHTML = t; return d.innerHTML; }, text);

test('one picture: the step on screen is the exported SVG byte for byte, and the CLI draws the same', async () => {
  const page = await newPage(session.browser);
  await openWorkbench(page);
  await page.click('#wb-forward');
  await page.click('#wb-forward');
  const onScreen = await page.$eval(`${WB} .pld-figure`, (f) => f.innerHTML);
  const file = await saveDownload(page, () => page.click('#wb-export-step-svg'));
  assert.equal(file.name, 'padlab-conv1d-kernel-size-4-padding-causal-step3.svg');
  const text = file.bytes.toString('utf8');
  assert.equal(await asDom(page, text), onScreen, 'the DOM on screen is the exported SVG, parsed');
  assert.doesNotMatch(text, /<style|class=/, 'a pinned theme: colours as attributes, nothing a CSP blocks');
  // The same spec, step and options through the CLI: the same bytes.
  const prefix = /<title id="([A-Za-z0-9_-]+)-title"/.exec(text)[1];
  const cli = cliSvg('--preset', 'causal_time_series', '--step', '3', '--theme', 'light', '--id-prefix', prefix);
  assert.equal(text, cli);
  // Hovering redraws with the receptive field marked; the export still equals the screen.
  await page.hover(`${WB} [data-out="6"]`);
  await page.waitForSelector(`${WB} [data-out="6"][data-hover]`);
  const hovered = await page.$eval(`${WB} .pld-figure`, (f) => f.innerHTML);
  assert.equal(hovered, await asDom(page, cliSvg('--preset', 'causal_time_series', '--step', '3', '--theme', 'light',
    '--id-prefix', prefix, '--highlight', '7')));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('exports: animated SVG, PNG of the step and animated GIF open as what they claim to be', async () => {
  const page = await newPage(session.browser);
  await openWorkbench(page);
  await page.click('#wb-forward');

  const svg = await saveDownload(page, () => page.click('#wb-export-svg'));
  assert.equal(svg.name, 'padlab-conv1d-kernel-size-4-padding-causal.svg');
  const svgText = svg.bytes.toString('utf8');
  assert.match(svgText, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.match(svgText, /@keyframes/);
  // Parsed on a blank page: parsing it in the playground would apply the page's CSP to the
  // SVG's own <style> (an inline style), which is only blocked there, not in a file or <img>.
  const blank = await session.browser.newPage();
  const parsed = await blank.evaluate((t) => {
    const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
    return { error: doc.querySelector('parsererror')?.textContent ?? null, root: doc.documentElement.localName,
      title: doc.querySelector('title')?.textContent };
  }, svgText);
  await blank.close();
  assert.deepEqual(parsed, { error: null, root: 'svg', title: "Conv1D(kernel_size=4, padding='causal')" });

  const png = await saveDownload(page, () => page.click('#wb-export-png'));
  assert.equal(png.name, 'padlab-conv1d-kernel-size-4-padding-causal-step2.png');
  assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const pngSize = await page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bmp = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    return [bmp.width, bmp.height];
  }, png.bytes.toString('base64'));
  assert.ok(pngSize[0] >= 1000 && pngSize[1] >= 500, `PNG is drawn at 2x (${pngSize})`);

  const gif = await saveDownload(page, () => page.click('#wb-export-gif'));
  assert.equal(gif.name, 'padlab-conv1d-kernel-size-4-padding-causal.gif');
  assert.equal(gif.bytes.subarray(0, 6).toString('latin1'), 'GIF89a');
  // One graphic control extension (21 F9 04) per frame: one frame per step.
  let frames = 0;
  for (let i = 0; i + 2 < gif.bytes.length; i++) if (gif.bytes[i] === 0x21 && gif.bytes[i + 1] === 0xf9 && gif.bytes[i + 2] === 0x04) frames++;
  assert.equal(frames, 8);
  const gifSize = await page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const img = new Image();
    img.src = URL.createObjectURL(new Blob([bytes], { type: 'image/gif' }));  // the page allows blob: images
    await img.decode();
    return [img.naturalWidth, img.naturalHeight];
  }, gif.bytes.toString('base64'));
  assert.ok(gifSize[0] > 300 && gifSize[1] > 200, `GIF decodes (${gifSize})`);
  assert.match(await page.textContent('.wb-export-status'), /Saved padlab-conv1d-kernel-size-4-padding-causal\.gif \(8 frames\)/);

  // The PNG, looked at: a copy beside the screenshots.
  fs.copyFileSync(png.file, path.join(SCREENSHOT_DIR, 'export-step2.png'));
  fs.copyFileSync(gif.file, path.join(SCREENSHOT_DIR, 'export-causal.gif'));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the embed dialog gives a script snippet and an iframe snippet for these settings', async () => {
  const page = await newPage(session.browser);
  await openWorkbench(page);
  await page.click('#wb-embed');
  await page.waitForSelector('#wb-embed-dialog[open]');
  const script = await page.inputValue('#wb-embed-script');
  const iframe = await page.inputValue('#wb-embed-iframe');
  assert.equal(script, `<script type="module" src="${session.server.url}padlab-embed.js"></script>\n` +
    '<padlab-diagram input="8" kernel="4" padding="causal" values="3,5,4,6,8,7,9,10" ' +
    'label="Conv1D(kernel_size=4, padding=\'causal\')" autoplay></padlab-diagram>');
  assert.match(iframe, new RegExp(`^<iframe src="${session.server.url}embed\\.html\\?input=8&amp;kernel=4&amp;padding=causal&amp;values=3%2C5`));
  // Focus is in the dialog; Escape closes it and gives focus back.
  assert.equal(await page.evaluate(() => document.activeElement.id), 'wb-embed-script');
  await screenshot(page, 'diagram-embed-dialog.png');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.getElementById('wb-embed-dialog').open);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'wb-embed');

  // The iframe URL works as given.
  const url = iframe.match(/src="([^"]+)"/)[1].replace(/&amp;/g, '&');
  const frame = await newPage(session.browser);
  await frame.goto(url);
  await frame.waitForSelector('padlab-diagram[data-state=ready]');
  assert.equal(await frame.locator('padlab-diagram [data-role=title]').textContent(), "Conv1D(kernel_size=4, padding='causal')");
  assert.deepEqual(frame.problems, []);
  await frame.context().close();
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("exports take the page's chosen theme, not the viewer's system", async () => {
  const page = await newPage(session.browser, { colorScheme: 'light' });
  await openWorkbench(page);
  await page.click('label[for=theme-dark]');
  await page.waitForFunction((wb) => document.querySelector(`${wb} .pld-figure svg > g > rect`)?.getAttribute('fill') === '#0f172a', WB);
  const corner = async (bytes) => page.evaluate(async (b64) => {
    const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bmp = await createImageBitmap(new Blob([data], { type: 'image/png' }));
    const c = new OffscreenCanvas(bmp.width, bmp.height).getContext('2d');
    c.drawImage(bmp, 0, 0);
    return [...c.getImageData(4, 4, 1, 1).data];
  }, bytes.toString('base64'));
  const png = await saveDownload(page, () => page.click('#wb-export-png'));
  assert.deepEqual(await corner(png.bytes), [0x0f, 0x17, 0x2a, 255], 'the dark palette\u2019s background, opaque');
  const animated = (await saveDownload(page, () => page.click('#wb-export-svg'))).bytes.toString('utf8');
  assert.doesNotMatch(animated, /prefers-color-scheme/, 'a chosen theme is stated, not left to the viewer');
  assert.match(animated, /#0f172a/);
  // Auto: the animated SVG follows its viewer (both palettes, a media query); the PNG is the
  // picture on screen (the system's light here).
  await page.click('label[for=theme-auto]');
  await page.waitForFunction((wb) => document.querySelector(`${wb} .pld-figure svg > g > rect`)?.getAttribute('fill') === '#ffffff', WB);
  assert.deepEqual(await corner((await saveDownload(page, () => page.click('#wb-export-png'))).bytes), [255, 255, 255, 255]);
  assert.match((await saveDownload(page, () => page.click('#wb-export-svg'))).bytes.toString('utf8'), /@media \(prefers-color-scheme:dark\)/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('dark theme and a phone-sized screen', async () => {
  const page = await newPage(session.browser, { colorScheme: 'dark' });
  await openWorkbench(page);
  await page.click('[data-preset=reflection_2d]');
  const bg = await page.$eval(`${WB} .wb-stage`, (e) => getComputedStyle(e).getPropertyValue('--pld-bg').trim());
  assert.equal(bg, '#0f172a');
  // The picture is the core's dark palette, drawn as such (no media query inside the page).
  assert.equal(await page.getAttribute(`${WB} .pld-figure svg > g > rect`, 'fill'), '#0f172a');
  await shot(page, 'diagram-dark.png');
  // The light theme pinned in the page wins over the system's dark.
  await page.click('label[for=theme-light]');
  const pinned = await page.$eval(`${WB} .wb-stage`, (e) => getComputedStyle(e).getPropertyValue('--pld-bg').trim());
  assert.equal(pinned, '#ffffff');
  assert.equal(await page.getAttribute(`${WB} .pld-figure svg > g > rect`, 'fill'), '#ffffff');
  await page.context().close();

  const phone = await newPage(session.browser, { viewport: PHONE });
  await openWorkbench(phone);
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  assert.ok(overflow <= 0, `no sideways scrolling on a phone (overflow ${overflow}px)`);
  await phone.locator(WB).screenshot({ path: path.join(SCREENSHOT_DIR, 'diagram-phone.png') });
  assert.deepEqual(phone.problems, []);
  await phone.context().close();
});

test('axe-core finds no serious or critical accessibility problem in the workbench', async () => {
  const page = await newPage(session.browser, { bypassCSP: true });
  await openWorkbench(page);
  await page.click('[data-preset=reflection_2d]');
  await page.addScriptTag({ path: path.join(REPO, 'node_modules/axe-core/axe.min.js') });
  const check = async (what) => {
    const result = await page.evaluate(async () => {
      const r = await window.axe.run(document.getElementById('diagram-workbench'), { resultTypes: ['violations'] });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) }));
    });
    const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(bad, [], `${what}: ${JSON.stringify(bad)}`);
  };
  await check('workbench');
  await page.click('#wb-embed');
  await check('embed dialog');
  await page.keyboard.press('Escape');
  await page.context().close();
});
