// Issue 15 where a person sees it: the playground's "Receptive fields" toggle adds RF / Jump /
// Border-affected columns to the layers table, kept in the link; <padlab-summary
// receptive-field> prints the same table as `padlab summary --receptive-field`. One core
// computation: every number is compared with the native CLI's JSON for the same model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  useSiteAndBrowser, newPage, openPlayground, replaceCode, waitSummaryContains, screenshot, REPO,
} from './helpers.mjs';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const session = useSiteAndBrowser({ mounts: { '/fixtures/': FIXTURES } });
const CLI = path.join(REPO, 'build/native/bin/padlab');

// 'same' with an even kernel (4 on 32: pads 1 before, 2 after), a stride-2 'same' conv (odd
// total again), a valid pool, a Flatten: the cases the columns exist for.
const MODEL = `from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([
    keras.Input(shape=(32, 32, 3)),
    layers.Conv2D(8, 4, padding='same'),
    layers.Conv2D(8, 3, strides=2, padding='same'),
    layers.MaxPooling2D(3, strides=2),
    layers.Flatten(),
    layers.Dense(10),
])
`;

function cliFields(source) {
  const json = JSON.parse(execFileSync(CLI, ['summary', '--json', '--receptive-field', '-'], { input: source, encoding: 'utf8' }));
  return json.layers.map((l) => l.receptive_field);
}

const axes = (v) => v.map((x) => String(x)).join('×');

test('the Receptive fields toggle adds RF, Jump and Border-affected columns with the core\u2019s numbers, and the link keeps it', async () => {
  const page = await newPage(session.browser);
  await openPlayground(page, `${session.server.url}`);
  await replaceCode(page, 'a', MODEL);
  await waitSummaryContains(page, 'a', 'max_pooling2d');
  assert.equal(await page.locator('#pane-a th.rf-col').first().isVisible(), false);
  await page.check('#rf-toggle');
  await page.waitForSelector('#pane-a th.rf-col:not([hidden])');
  const rows = await page.$$eval('#pane-a .layer-table tbody tr', (trs) => trs.map((tr) =>
    [...tr.querySelectorAll('td.rf-cell')].map((td) => td.childNodes[0].textContent.trim())));
  const expected = cliFields(MODEL);
  assert.equal(rows.length, expected.length);
  rows.forEach((cells, i) => {
    const rf = expected[i];
    if (!rf) { assert.deepEqual(cells, ['—', '—', '—'], `row ${i}`); return; }
    assert.deepEqual(cells, [axes(rf.size), axes(rf.stride), `${(100 * rf.border_fraction).toFixed(1)} %`], `row ${i}`);
  });
  // conv2d: 4x4 'same' on 32: r 4, S 1; the extra cell is said in the tooltip. conv2d_1: r 4+2, S 2.
  assert.deepEqual(rows[0].slice(0, 2), ['4×4', '1×1']);
  assert.deepEqual(rows[1].slice(0, 2), ['6×6', '2×2']);
  assert.match(await page.getAttribute('#pane-a tbody tr:first-child td.rf-cell', 'title'), /extra padding cell after/);
  await screenshot(page, 'receptive-field-columns.png');
  // The toggle is part of the state a link reproduces.
  await page.click('#copy-link').catch(() => {});
  await page.waitForFunction(() => location.hash.includes('rf=1'));
  const link = page.url();
  const again = await newPage(session.browser);
  await openPlayground(again, link);
  assert.equal(await again.isChecked('#rf-toggle'), true);
  await again.waitForSelector('#pane-a th.rf-col:not([hidden])');
  assert.deepEqual(page.problems, []);
  assert.deepEqual(again.problems, []);
  await page.context().close();
  await again.context().close();
});

test('<padlab-summary receptive-field> prints Keras\u2019s text, then the CLI\u2019s receptive-field table', async () => {
  const page = await newPage(session.browser);
  await page.goto(`${session.server.url}fixtures/embed-page.html`);
  await page.waitForSelector('padlab-summary[data-state=ready]');
  const plain = await page.$eval('padlab-summary', (e) => e.shadowRoot.querySelector('pre').textContent);
  assert.doesNotMatch(plain, /Receptive fields/);
  const source = await page.$eval('padlab-summary', (e) => e.textContent);
  await page.$eval('padlab-summary', (e) => e.setAttribute('receptive-field', ''));
  await page.waitForFunction(() => /Receptive fields/.test(document.querySelector('padlab-summary').shadowRoot.querySelector('pre').textContent));
  const withRf = await page.$eval('padlab-summary', (e) => e.shadowRoot.querySelector('pre').textContent);
  const dedented = source.split('\n').map((l) => l.replace(/^ {6}/, '')).join('\n');
  const cli = execFileSync(CLI, ['summary', '--receptive-field', '-'], { input: dedented, encoding: 'utf8' });
  assert.equal(withRf.startsWith(plain), true, 'Keras\u2019s text first, unchanged');
  assert.equal(withRf, cli, 'the same text as `padlab summary --receptive-field`');
  assert.match(withRf, /conv2d +3x3 +1x1 +1x1 +/);
  await screenshot(page, 'embed-receptive-field.png');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

// Waits for the Apply panel's drawing of a sample (its data-applied description).
async function waitApplied(page, needle) {
  await page.waitForFunction((n) => (document.querySelector('#apply')?.dataset.applied ?? '').includes(n), needle, { timeout: 20000 });
}

test('Apply to data: clicking an output position highlights its receptive field on the input, padding hatched, at the core\u2019s bounds', async () => {
  const page = await newPage(session.browser);
  await openPlayground(page, `${session.server.url}`);
  await page.locator('#apply').scrollIntoViewIfNeeded();
  await waitApplied(page, 'Photographer photo');
  await page.selectOption('#ap-sample', 'digit-7-0');
  await waitApplied(page, 'Digit 7');
  await page.selectOption('#ap-model', 'valid-vs-same:b');  // three 3x3 'same' convs on 28x28x1
  await page.click('#ap-run');
  await page.waitForFunction(() => ['done', 'error'].includes(document.querySelector('#ap-forward').dataset.state), null, { timeout: 60000 });
  assert.equal(await page.getAttribute('#ap-forward', 'data-state'), 'done');
  await page.waitForSelector('#ap-rf:not([hidden])');
  // The deepest spatial layer is offered first: conv2d_2, r = 7 in the core's numbers.
  const code = fs.readFileSync(path.join(REPO, 'tests/cli/seed_same.py'), 'utf8');
  const fields = cliFields(code);
  const conv = fields[2];
  assert.deepEqual(conv.size, [7, 7]);
  assert.match(await page.$eval('#ap-rf-layer', (s) => s.selectedOptions[0].textContent), /^conv2d_2 \(Conv2D\) · RF 7×7/);

  // Click output (row 0, column 1): rows -3..3, columns -2..4 (i*S - P ... + r - 1).
  const output = page.locator('#ap-rf .ap-rf-output');
  const scale = await output.evaluate((c) => c.getBoundingClientRect().width / c.width);
  const cell = await output.evaluate((c) => c.width / 28);
  await output.click({ position: { x: 1.5 * cell * scale, y: 0.5 * cell * scale } });
  await page.waitForFunction(() => document.querySelector('#ap-rf').dataset.field);
  const [r0, r1, c0, c1] = (await page.getAttribute('#ap-rf', 'data-field')).split(',').map(Number);
  const span = (i, a) => [i * conv.stride[a] - conv.padding[a], i * conv.stride[a] - conv.padding[a] + conv.size[a] - 1];
  assert.deepEqual([r0, r1], span(0, 0));
  assert.deepEqual([c0, c1], span(1, 1));
  // The highlighted box's pixel bounds: margin cells of padding around the 28x28 digit.
  const box = (await page.getAttribute('#ap-rf', 'data-box')).split(',').map(Number);
  const geo = await page.$eval('#ap-rf .ap-rf-input', (c) => ({ w: c.width, h: c.height }));
  const margin = 3;  // the field reaches 3 cells into the padding
  const px = Math.floor(300 / (28 + 2 * margin));
  assert.equal(geo.w, (28 + 2 * margin) * px);
  assert.deepEqual(box, [(margin + c0) * px, (margin + r0) * px, (c1 - c0 + 1) * px, (r1 - r0 + 1) * px]);
  // What a person sees: inside the box the pixels are tinted, just outside they are not; the
  // padded rows above the image are in the padding colour, the data rows are not.
  const seen = await page.$eval('#ap-rf .ap-rf-input', (c, b) => {
    const all = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;  // one readback
    const at = (x, y) => { const k = 4 * (Math.round(y) * c.width + Math.round(x)); return [...all.subarray(k, k + 4)]; };
    return { padInside: at(b[0] + b[2] / 2 + 2, b[1] + 3), padOutside: at(b[0] + b[2] + 4, b[1] + 3),
             dataInside: at(b[0] + b[2] / 2 + 2, b[1] + b[3] - 4) };
  }, box);
  assert.notDeepEqual(seen.padInside, seen.padOutside, 'the padded part of the field is drawn');
  assert.notDeepEqual(seen.padInside, seen.dataInside, 'padding and data differ inside the field');
  assert.match(await page.textContent('#ap-rf .ap-rf-note'), /reads input rows -3…3 and columns -2…4 \(7×7, jump 1×1\): 29 of its 49 positions are padding/);
  // The toggle shades every output that read padding: 28*28 - 22*22 for r 7 on 'same'.
  await page.check('#ap-rf-shade');
  assert.equal(await page.getAttribute('#ap-rf', 'data-shaded'), String(28 * 28 - 22 * 22));
  await page.locator('#ap-rf').screenshot({ path: path.join(REPO, 'build/screenshots/apply-receptive-field.png') });
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
