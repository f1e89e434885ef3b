// The "Apply to data" panel: a real photo, digit or signal convolved under every padding mode
// side by side (borders differ, centres agree), custom kernels and their inline errors, the
// user's own image, and a seed model run forward in the Web Worker with per-layer times while
// the page keeps painting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  useSiteAndBrowser, newPage, openPlayground, screenshot, startServer, SCREENSHOT_DIR, REPO, WEB_DIR, PHONE,
} from './helpers.mjs';

const session = useSiteAndBrowser();
const AP = '#apply';
// One card per pad mode of the core, in its order (the built site's padlab.js says which).
const { vocabulary } = await import(pathToFileURL(path.join(WEB_DIR, 'padlab.js')).href);
const MODES = vocabulary.padModes.names;

async function openApply(page, url = session.server.url) {
  await openPlayground(page, url);
  await page.locator(AP).scrollIntoViewIfNeeded();
  await waitApplied(page, 'Photographer photo');
}

const renders = (page) => page.getAttribute(AP, 'data-renders').then((v) => Number(v ?? 0));

// Waits for a drawing whose description contains every needle (and, with after, a new one).
async function waitApplied(page, needles, after = 0) {
  await page.waitForFunction(([sel, ns, n]) => {
    const s = document.querySelector(sel);
    const applied = s?.dataset.applied ?? '';
    return Number(s?.dataset.renders ?? 0) > n && [].concat(ns).every((x) => applied.includes(x));
  }, [AP, needles, after], { timeout: 20000 });
}

// RGBA bytes of every mode's main canvas, as plain arrays.
const canvasPixels = (page) => page.$$eval(`${AP} .ap-card:not([data-mode=input]) .ap-canvas`, (cs) => cs.map((c) => ({
  mode: c.closest('.ap-card').dataset.mode,
  width: c.width,
  height: c.height,
  label: c.getAttribute('aria-label'),
  data: Array.from(c.getContext('2d').getImageData(0, 0, c.width, c.height).data),
})));

// Compares two pictures on the border band (within `band` pixels of an edge) and the interior.
function compare(a, b, band) {
  let borderDiff = 0;
  let interiorDiff = 0;
  for (let y = 0; y < a.height; y++) {
    for (let x = 0; x < a.width; x++) {
      const o = 4 * (y * a.width + x);
      const same = a.data[o] === b.data[o] && a.data[o + 1] === b.data[o + 1] && a.data[o + 2] === b.data[o + 2];
      const border = y < band || x < band || y >= a.height - band || x >= a.width - band;
      if (!same) { if (border) borderDiff++; else interiorDiff++; }
    }
  }
  return { borderDiff, interiorDiff };
}

test('a photo under an edge kernel: every mode differs at the border and agrees inside; times shown', async () => {
  const page = await newPage(session.browser);
  await openApply(page);
  let n = await renders(page);
  await page.selectOption('#ap-sample', 'photo-coins');
  await waitApplied(page, ['Greek coins photo', 'Edge: Laplacian'], n);
  // Five modes plus the input, each with its magnified corner.
  assert.deepEqual(await page.$$eval(`${AP} .ap-card`, (cs) => cs.map((c) => c.dataset.mode)), ['input', ...MODES]);
  assert.equal(await page.locator(`${AP} .ap-zoom-canvas`).count(), 6);

  const pics = await canvasPixels(page);
  assert.equal(pics.length, 5);
  assert.ok(pics[0].width === 128 && pics[0].height === 101, `downsized to 128 px: ${pics[0].width}x${pics[0].height}`);
  for (const p of pics) {
    assert.match(p.label, new RegExp(`Greek coins photo, Edge: Laplacian kernel, .*${p.mode === 'constant' ? 'Zero' : ''}.* padding: result`, 'i'));
  }
  // The four classic modes pairwise: same interior, different border (a 3x3 kernel reads 1 pixel of padding).
  const four = pics.filter((p) => ['constant', 'reflect', 'replicate', 'circular'].includes(p.mode));
  for (let i = 0; i < four.length; i++) {
    for (let j = i + 1; j < four.length; j++) {
      const { borderDiff, interiorDiff } = compare(four[i], four[j], 1);
      assert.equal(interiorDiff, 0, `${four[i].mode} vs ${four[j].mode}: centres agree`);
      assert.ok(borderDiff > 10, `${four[i].mode} vs ${four[j].mode}: borders differ (${borderDiff} pixels)`);
    }
  }
  // Times of the core call, per mode.
  const times = await page.$$eval(`${AP} .ap-card:not([data-mode=input]) .ap-time`, (ts) => ts.map((t) => t.textContent));
  assert.equal(times.length, 5);
  for (const t of times) assert.match(t, /^\d+\.\d+ ms$|^\d+ ms$/);
  assert.match(await page.textContent(`${AP} .ap-status`), /five padding modes in [\d.]+ ms of core time/);
  assert.match(await page.textContent(`${AP} .ap-credit`), /Brooklyn Museum/);
  assert.match(await page.textContent(`${AP} .ap-explain`), /within 1 row of the top \/ bottom/);
  await page.locator(AP).screenshot({ path: screenshotPath('apply-photo-edge.png') });

  // The difference view: black inside, bright on the border; the zero card is the reference.
  n = await renders(page);
  await page.click('label[for=ap-view-diff]');
  await waitApplied(page, 'Greek coins', n);
  const diffs = await canvasPixels(page);
  const reflect = diffs.find((p) => p.mode === 'reflect');
  let bright = 0;
  for (let y = 0; y < reflect.height; y++) {
    for (let x = 0; x < reflect.width; x++) {
      const v = reflect.data[4 * (y * reflect.width + x)];
      const border = y === 0 || x === 0 || y === reflect.height - 1 || x === reflect.width - 1;
      if (!border) assert.equal(v, 0, `interior pixel ${x},${y} shows no difference`);
      else if (v > 0) bright++;
    }
  }
  assert.ok(bright > 10, `border differences show (${bright})`);
  assert.match(diffs[0].label, /difference from zero padding/);

  // A wider kernel with dilation: the band the padding reaches grows (7x7, dilation 2 -> 6 pixels).
  n = await renders(page);
  await page.click('label[for=ap-view-result]');
  await page.selectOption('#ap-kernel', 'box7');
  await page.selectOption('#ap-dilation', '2');
  await waitApplied(page, ['Blur: box 7×7', 'dilation 2'], n);
  const wide = await canvasPixels(page);
  const { borderDiff, interiorDiff } = compare(wide[0], wide[3], 6);
  assert.equal(interiorDiff, 0, 'zero vs circular agree 6 pixels in');
  assert.ok(borderDiff > 100);
  assert.match(await page.textContent(`${AP} .ap-explain`), /within 6 rows/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a 1D signal: one plot per mode, padded cells shaded, padding values differ by mode', async () => {
  const page = await newPage(session.browser);
  await openApply(page);
  const n = await renders(page);
  await page.selectOption('#ap-sample', 'signal-step');
  await waitApplied(page, ['Step signal', 'Edge: Laplacian'], n);
  // The image-only controls are off; the kernel grid became one row.
  assert.equal(await page.isDisabled('#ap-size'), true);
  assert.equal(await page.isDisabled('#ap-view-diff'), true);
  assert.deepEqual((await page.inputValue('#ap-grid')).trim().split(/\s+/), ['1', '-2', '1']);
  assert.equal(await page.locator(`${AP} svg.ap-plot`).count(), 6);
  for (const mode of MODES) {
    const card = `${AP} .ap-card[data-mode=${mode}]`;
    assert.equal(await page.locator(`${card} rect.ap-padband`).count(), 2, `${mode}: one shaded cell each side`);
    assert.equal(await page.locator(`${card} path.ap-line-out`).count(), 1);
    assert.match(await page.getAttribute(`${card} svg`, 'aria-label'), new RegExp(`Step signal, Edge: Laplacian kernel, .* padding: padded input`));
    assert.match(await page.textContent(`${card} .ap-time`), /ms$/);
  }
  // The step is 0.1 then 0.9: circular pads the start with 0.9, zero with 0 -> different lines.
  const padLine = (mode) => page.getAttribute(`${AP} .ap-card[data-mode=${mode}] path.ap-line-pad`, 'd');
  assert.notEqual(await padLine('constant'), await padLine('circular'));
  assert.notEqual(await padLine('constant'), await padLine('replicate'));
  await page.locator(AP).screenshot({ path: screenshotPath('apply-signal.png') });
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('editing the kernel grid changes the output; a bad grid shows an inline error and keeps the last result', async () => {
  const page = await newPage(session.browser);
  await openApply(page);
  const before = (await canvasPixels(page)).find((p) => p.mode === 'reflect');
  let n = await renders(page);
  await page.fill('#ap-grid', '1 0 -1\n2 0 -2\n1 0 -1');
  await waitApplied(page, 'custom 3×3 kernel', n);
  assert.equal(await page.inputValue('#ap-kernel'), 'custom');
  const after = (await canvasPixels(page)).find((p) => p.mode === 'reflect');
  assert.notDeepEqual(after.data, before.data, 'a new kernel, a new picture');

  // Rows of different lengths.
  await page.fill('#ap-grid', '1 2\n3');
  await page.waitForSelector('#ap-grid-error:not([hidden])');
  assert.match(await page.textContent('#ap-grid-error'), /Row 2 has 1 number but row 1 has 2/);
  assert.equal(await page.getAttribute('#ap-grid', 'aria-invalid'), 'true');
  assert.equal(await page.locator(`${AP} .ap-card`).count(), 6, 'the last result stays');
  // Not a number.
  await page.fill('#ap-grid', '1 x 3');
  await page.waitForFunction(() => /"x" on row 1 is not a number/.test(document.querySelector('#ap-grid-error').textContent));
  // Fractions work; fixing the grid clears the error.
  n = await renders(page);
  await page.fill('#ap-grid', '1/9 1/9 1/9\n1/9 1/9 1/9\n1/9 1/9 1/9');
  await waitApplied(page, 'custom 3×3', n);
  assert.equal(await page.isHidden('#ap-grid-error'), true);
  assert.equal(await page.getAttribute('#ap-grid', 'aria-invalid'), null);
  // A mode the core refuses for this input says why in its own card; the others still draw.
  n = await renders(page);
  await page.selectOption('#ap-sample', 'digit-3-1');
  await page.fill('#ap-grid', Array.from({ length: 15 }, () => new Array(15).fill('1').join(' ')).join('\n'));
  await page.selectOption('#ap-dilation', '4');
  await waitApplied(page, ['Digit 3', 'custom 15×15', 'dilation 4'], n);
  assert.match(await page.textContent(`${AP} .ap-card[data-mode=reflect] .ap-mode-error`), /reflect padding of 28 on axis 1 needs pad < size \(size 28\)/);
  assert.equal(await page.locator(`${AP} .ap-card:not([data-mode=reflect]) .ap-canvas`).count(), 5);
  assert.match(await page.textContent(`${AP} .ap-status`), /4 of 5 padding modes/);
  await page.locator(AP).screenshot({ path: screenshotPath('apply-mode-error.png') });
  await page.selectOption('#ap-dilation', '1');
  // Picking a named kernel writes its grid back.
  await page.selectOption('#ap-kernel', 'sharpen');
  assert.match(await page.inputValue('#ap-grid'), /-1\s+5\s+-1/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the user\'s own image is read locally; a file that is no image says so inline', async () => {
  const page = await newPage(session.browser);
  await openApply(page);
  // A 300x40 PNG made in the page: stripes, so every border mode shows.
  const png = await page.evaluate(async () => {
    const c = document.createElement('canvas');
    c.width = 300; c.height = 40;
    const g = c.getContext('2d');
    for (let x = 0; x < 300; x += 20) { g.fillStyle = x % 40 ? '#e33' : '#3c6'; g.fillRect(x, 0, 20, 40); }
    const blob = await new Promise((r) => c.toBlob(r, 'image/png'));
    return Array.from(new Uint8Array(await blob.arrayBuffer()));
  });
  let n = await renders(page);
  await page.setInputFiles('#ap-file', { name: 'stripes.png', mimeType: 'image/png', buffer: Buffer.from(png) });
  await waitApplied(page, 'your image “stripes.png”', n);
  assert.equal(await page.inputValue('#ap-sample'), 'file');
  const pics = await canvasPixels(page);
  assert.equal(pics[0].width, 128);
  assert.equal(pics[0].height, 17);
  assert.match(await page.textContent(`${AP} .ap-credit`), /never uploaded/);

  n = await renders(page);
  await page.setInputFiles('#ap-file', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a picture') });
  await page.waitForSelector('#ap-error:not([hidden])');
  assert.match(await page.textContent('#ap-error'), /“notes\.txt” could not be read as an image/);
  // Still usable: another sample works and clears the error.
  await page.selectOption('#ap-sample', 'photo-chelsea');
  await waitApplied(page, 'Cat (Chelsea) photo', n);
  assert.equal(await page.isHidden('#ap-error'), true);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a seed model runs forward in the worker: every layer with shape, MACs and time; the page handles input meanwhile', async () => {
  const page = await newPage(session.browser);
  // Lets the test hold back the Web Worker's messages to the page (window.__holdWorker), so a
  // run stays in flight until the test releases it, however fast the machine: the test then
  // looks at the page during the run without measuring any time.
  await page.addInitScript(() => {
    const held = [];
    window.__holdWorker = false;
    window.__heldWorkerMessages = () => held.length;
    window.__releaseWorker = () => {
      window.__holdWorker = false;
      for (const deliver of held.splice(0)) deliver();
    };
    const gate = (deliver) => (window.__holdWorker ? held.push(deliver) : deliver());
    const Base = window.Worker;
    window.Worker = class extends Base {
      addEventListener(type, fn, options) {
        if (type !== 'message') return super.addEventListener(type, fn, options);
        return super.addEventListener(type, (event) => gate(() => fn.call(this, event)), options);
      }
      set onmessage(fn) {
        super.onmessage = fn && ((event) => gate(() => fn.call(this, event)));
      }
      get onmessage() {
        return super.onmessage;
      }
    };
  });
  await openApply(page);
  const n = await renders(page);
  await page.selectOption('#ap-sample', 'digit-7-0');
  await waitApplied(page, 'Digit 7', n);
  await page.selectOption('#ap-model', 'valid-vs-same:a');
  await page.fill('#ap-seed', '3');

  await page.evaluate(() => {
    window.__runDisabled = false;
    const run = document.querySelector('#ap-run');
    new MutationObserver(() => { if (run.disabled) window.__runDisabled = true; }).observe(run, { attributes: true });
  });
  // The model runs in the worker while the main thread stays free: the page handles a key press
  // during the run (the worker has already answered, its messages held back).
  await page.evaluate(() => { window.__holdWorker = true; });
  await page.click('#ap-run');
  await page.waitForFunction(() => window.__heldWorkerMessages() > 0);
  await page.evaluate(() => {
    window.__keys = [];
    document.addEventListener('keydown', (e) => {
      window.__keys.push({ key: e.key, state: document.querySelector('#ap-forward').dataset.state });
    }, { once: true });
  });
  await page.keyboard.press('Shift');
  await page.waitForFunction(() => window.__keys.length > 0);
  assert.deepEqual(await page.evaluate(() => window.__keys), [{ key: 'Shift', state: 'running' }],
    'the main thread handled an input event while the model ran');
  await page.evaluate(() => window.__releaseWorker());
  await page.waitForFunction(() => ['done', 'error'].includes(document.querySelector('#ap-forward').dataset.state), null, { timeout: 60000 });
  if (await page.getAttribute('#ap-forward', 'data-state') === 'error') {
    assert.fail(`forward failed: ${await page.textContent('#ap-forward-error')}`);
  }
  assert.equal(await page.evaluate(() => window.__runDisabled), true, 'Run was off while running');
  assert.equal(await page.isDisabled('#ap-run'), false);

  const rows = await page.$$eval('#ap-layers tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.innerText.trim())));
  assert.deepEqual(rows.map((r) => r[0].replace(/\s+/g, ' ')), [
    'conv2d Conv2D', 'conv2d_1 Conv2D', 'conv2d_2 Conv2D', 'flatten Flatten', 'dense Dense', 'dense_1 Dense']);
  assert.deepEqual(rows.map((r) => r[1]), ['(1, 26, 26, 32)', '(1, 24, 24, 64)', '(1, 22, 22, 128)', '(1, 61952)', '(1, 256)', '(1, 10)']);
  assert.equal(rows[1][2], '10,616,832');  // 24*24*64 outputs x 3*3*32 taps
  for (const r of rows) assert.match(r[3], /\d ms$/);
  assert.equal(await page.locator('#ap-layers .ap-bar-fill').count(), 6);
  assert.match(await page.textContent('#ap-layers tfoot'), /Total.*\(1, 10\).*ms/);
  assert.match(await page.textContent('.ap-input-note'), /Input: Digit 7/);
  assert.match(await page.textContent('.ap-output'), /^Output \(1, 10\): /);
  await page.locator('#ap-forward').screenshot({ path: screenshotPath('apply-forward.png') });

  // A bad seed is refused inline; the panel stays usable.
  await page.fill('#ap-seed', '-4');
  await page.click('#ap-run');
  await page.waitForSelector('#ap-forward-error:not([hidden])');
  assert.match(await page.textContent('#ap-forward-error'), /seed must be a whole number/);
  assert.equal(await page.isDisabled('#ap-run'), false);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('phone width: controls and cards stack in one column, nothing scrolls sideways; dark theme', async () => {
  const page = await newPage(session.browser, { viewport: PHONE, colorScheme: 'dark' });
  await openApply(page);
  const boxes = await page.$$eval(`${AP} .ap-card`, (cs) => cs.map((c) => { const r = c.getBoundingClientRect(); return [r.x, r.y, r.width]; }));
  for (let i = 1; i < boxes.length; i++) {
    assert.ok(Math.abs(boxes[i][0] - boxes[0][0]) < 1 && boxes[i][1] > boxes[i - 1][1], 'cards in one column');
  }
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), PHONE.width);
  await page.locator(AP).screenshot({ path: screenshotPath('apply-phone-dark.png') });
  await screenshot(page, 'apply-page-phone.png');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('keyboard: every control of the panel is reachable with Tab and has a name', async () => {
  const page = await newPage(session.browser);
  await openApply(page);
  await page.focus('#ap-sample');
  const seen = new Set();
  for (let i = 0; i < 16; i++) {
    seen.add(await page.evaluate(() => document.activeElement.id || document.activeElement.tagName));
    await page.keyboard.press('Tab');
  }
  for (const id of ['ap-sample', 'ap-file', 'ap-kernel', 'ap-dilation', 'ap-size', 'ap-corner', 'ap-grid', 'ap-view-result', 'ap-model', 'ap-seed', 'ap-run']) {
    assert.ok(seen.has(id), `${id} reachable (saw ${[...seen].join(', ')})`);
  }
  const unnamed = await page.$$eval(`${AP} select, ${AP} input, ${AP} textarea`, (els) => els.filter((e) => !e.labels?.length && !e.getAttribute('aria-label')).map((e) => e.id));
  assert.deepEqual(unnamed, []);
  // Arrow keys switch the view radios, as in the rest of the page.
  const n = await renders(page);
  await page.focus('#ap-view-result');
  await page.keyboard.press('ArrowRight');
  await waitApplied(page, 'Photographer', n);
  assert.equal(await page.isChecked('#ap-view-diff'), true);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('axe-core finds no serious accessibility problems in the panel (light, dark, difference view, layer table)', async () => {
  const page = await newPage(session.browser, { bypassCSP: true });  // axe is injected as an inline script
  await openApply(page);
  await page.click('#ap-run');
  await page.waitForFunction(() => ['done', 'error'].includes(document.querySelector('#ap-forward').dataset.state), null, { timeout: 60000 });
  const audit = async (label) => {
    await page.addScriptTag({ path: path.join(REPO, 'node_modules/axe-core/axe.min.js') });
    const result = await page.evaluate(() => globalThis.axe.run({ include: [['#apply']] }, { resultTypes: ['violations'] }));
    const bad = result.violations.filter((v) => ['serious', 'critical'].includes(v.impact));
    assert.deepEqual(bad.map((v) => `${label}: ${v.id}: ${v.nodes.map((x) => x.target.join(' ')).slice(0, 3).join(', ')}`), []);
  };
  await audit('light');
  await page.click('label[for=theme-dark]');
  await audit('dark');
  await page.click('label[for=ap-view-diff]');
  await page.fill('#ap-grid', '1 2\n3');
  await page.waitForSelector('#ap-grid-error:not([hidden])');
  await audit('dark, difference view, grid error');
  await page.locator('#apply').screenshot({ path: screenshotPath('apply-dark-diff-error.png') });
  await page.context().close();
});

test("under the page's own CSP sent as a header, the worker loads, convolves and runs a model", async () => {
  const html = fs.readFileSync(path.join(WEB_DIR, 'index.html'), 'utf8');
  const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)[1];
  const server = await startServer({ headers: { 'content-security-policy': csp } });
  try {
    const page = await newPage(session.browser);
    await page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective}: ${e.blockedURI}`));
    });
    await openApply(page, server.url);
    await page.selectOption('#ap-model', 'causal:a');
    await page.click('#ap-run');
    await page.waitForFunction(() => ['done', 'error'].includes(document.querySelector('#ap-forward').dataset.state), null, { timeout: 60000 });
    assert.equal(await page.getAttribute('#ap-forward', 'data-state'), 'done', await page.textContent('#ap-forward-error'));
    assert.equal(await page.locator('#ap-layers tbody tr').count(), 3);
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  } finally {
    await server.close();
  }
});

function screenshotPath(name) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return path.join(SCREENSHOT_DIR, name);
}
