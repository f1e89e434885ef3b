// The playground page in Chromium: seed models, live summary, errors, Keras 3 switch,
// examples, pasted JSON and loaded files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useSiteAndBrowser, newPage, openPlayground, summaryText, replaceCode,
  waitSummaryContains, screenshot,
} from './helpers.mjs';
import { VALID_MODEL } from '../../web/playground/seed-models.js';

const session = useSiteAndBrowser();

// Keras 2 JSON of Conv2D(2, 3, padding='same') on 28x28x1 (tf.keras 2.12 model.to_json()).
const KERAS2_JSON = JSON.stringify({
  class_name: 'Sequential',
  config: {
    name: 'sequential',
    layers: [
      { class_name: 'InputLayer', config: { batch_input_shape: [null, 28, 28, 1], dtype: 'float32', sparse: false, ragged: false, name: 'conv2d_input' } },
      { class_name: 'Conv2D', config: { name: 'conv2d', trainable: true, batch_input_shape: [null, 28, 28, 1], dtype: 'float32', filters: 2, kernel_size: [3, 3], strides: [1, 1], padding: 'same', data_format: 'channels_last', dilation_rate: [1, 1], groups: 1, activation: 'linear', use_bias: true, kernel_initializer: { class_name: 'GlorotUniform', config: { seed: null } }, bias_initializer: { class_name: 'Zeros', config: {} }, kernel_regularizer: null, bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, bias_constraint: null } },
    ],
  },
  keras_version: '2.12.0',
  backend: 'tensorflow',
}, null, 2);

test('opens with both seed models summarised in Keras 2 style, without console errors', async () => {
  const page = await newPage(session.browser);
  await openPlayground(page, session.server.url);

  const a = await summaryText(page, 'a');
  const b = await summaryText(page, 'b');
  assert.match(a, /^Model: "sequential"\n_{65}\nLayer \(type\) {17}Output Shape {14}Param # {3}\n={65}\n/);
  assert.match(a, /conv2d \(Conv2D\) +\(None, 26, 26, 32\) +320/);
  assert.match(a, /flatten \(Flatten\) +\(None, 61952\) +0/);
  assert.match(a, /Total params: 15,955,210\nTrainable params: 15,955,210\nNon-trainable params: 0\n/);
  assert.match(b, /conv2d \(Conv2D\) +\(None, 28, 28, 32\) +320/);
  assert.match(b, /Total params: 25,785,610\n/);

  // The comparison strip names both totals and the difference.
  const compare = await page.textContent('#compare');
  assert.match(compare, /15,955,210.*25,785,610/s);
  assert.match(compare, /\+9,830,400/);

  // Differences are highlighted in the tables: 4 output shapes (3 convs + flatten) differ.
  assert.equal(await page.locator('#pane-a tbody td.is-diff').filter({ hasText: '(None, 26, 26, 32)' }).count(), 1);
  const shapeDiffs = await page.$$eval('#pane-b tbody tr', (rows) => rows.filter((r) => r.cells[3].classList.contains('is-diff')).length);  // Output shape
  assert.equal(shapeDiffs, 4);
  assert.equal(await page.locator('#pane-a tfoot td.is-diff').first().textContent(), '15,955,210');

  // Rows that pad draw a diagram, and say so: the three convolutions, not Flatten or Dense.
  assert.deepEqual(await page.$$eval('#pane-a tbody tr', (rows) => rows.map((r) => !!r.querySelector('.draw-chip'))),
    [true, true, true, false, false, false]);
  // The richer table, padding first: padding, spatial change, shape, params, MACs.
  const rowA = page.locator('#pane-a tbody tr').first();
  assert.match(await rowA.textContent(), /\(0,0\) ×\(0,0\).*28→26 ×28→26.*−2.*\(None, 26, 26, 32\).*320.*194,688/s);
  const rowB = page.locator('#pane-b tbody tr').first();
  assert.match(await rowB.textContent(), /\(1,1\) ×\(1,1\).*28→28 ×28→28.*±0/s);

  await screenshot(page, 'desktop-light.png');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('typing a layer updates the summary without pressing anything', async () => {
  const page = await newPage(session.browser);
  await openPlayground(page, session.server.url);
  const area = page.locator('#code-a');
  await area.click();
  await area.press('ControlOrMeta+End');
  await page.keyboard.type('model.add(Dense(5))\n', { delay: 5 });
  await waitSummaryContains(page, 'a', 'dense_2 (Dense)');
  const a = await summaryText(page, 'a');
  assert.match(a, /dense_2 \(Dense\) +\(None, 5\) +55/);
  assert.match(a, /Total params: 15,955,265\n/);
  assert.equal(await page.isHidden('#pane-a .error-box'), true);
  assert.equal(await page.textContent('#pane-a .pane-title'), "padding='valid' · edited");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('an error is shown at its line and layer, the last summary stays (stale), and it clears when fixed', async () => {
  const page = await newPage(session.browser);
  await openPlayground(page, session.server.url);
  const broken = VALID_MODEL.replace("kernel_size=(3, 3), activation='relu', padding='valid'", "kernel_size=(3, 3), activation='relu', padding='causal'");
  assert.notEqual(broken, VALID_MODEL);
  await replaceCode(page, 'a', broken);

  await page.waitForSelector('#pane-a .error-box:not([hidden])');
  const where = await page.textContent('#pane-a .error-where');
  assert.match(where, /line 11/);
  assert.match(where, /conv2d_2/);
  assert.match(await page.textContent('#pane-a .error-message'), /causal/i);
  assert.equal(await page.textContent('#pane-a .gutter .is-error'), '11');
  assert.equal(await page.isVisible('#pane-a .error-band'), true);
  assert.equal(await page.getAttribute('#code-a', 'aria-invalid'), 'true');
  // Last good summary kept, dimmed and labelled stale.
  assert.equal(await page.isVisible('#pane-a .stale-label'), true);
  assert.match(await summaryText(page, 'a'), /Total params: 15,955,210/);
  assert.equal(await page.getAttribute('#pane-a', 'data-status'), 'stale');
  await screenshot(page, 'error-state.png');

  // "Go to line" puts the caret on the error line.
  await page.click('#pane-a .error-goto');
  const caretLine = await page.$eval('#code-a', (t) => t.value.slice(0, t.selectionStart).split('\n').length);
  assert.equal(caretLine, 11);

  await replaceCode(page, 'a', VALID_MODEL);
  await page.waitForSelector('#pane-a .error-box', { state: 'hidden' });
  assert.equal(await page.locator('#pane-a .gutter .is-error').count(), 0);
  assert.equal(await page.isHidden('#pane-a .stale-label'), true);
  assert.equal(await page.getAttribute('#pane-a', 'data-status'), 'ok');
  assert.equal(await page.getAttribute('#code-a', 'aria-invalid'), null);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the Keras 3 switch re-renders both summaries as rich tables', async () => {
  const page = await newPage(session.browser);
  await openPlayground(page, session.server.url);
  await page.click('label[for=style-keras3]');
  await waitSummaryContains(page, 'a', '┏');
  const a = await summaryText(page, 'a');
  assert.match(a, /┃ Layer \(type\) +┃ Output Shape +┃ +Param # ┃/);
  assert.match(a, /│ conv2d \(Conv2D\) +│ \(None, 26, 26, 32\) +│ +320 │/);
  assert.match(a, / Total params: 15,955,210 \(60\.86 MB\)/);
  assert.match(await summaryText(page, 'b'), / Total params: 25,785,610 \(98\.36 MB\)/);
  assert.match(await page.evaluate(() => location.hash), /style=keras3/);
  await screenshot(page, 'desktop-keras3.png');

  await page.click('label[for=style-keras2]');
  await waitSummaryContains(page, 'a', '_'.repeat(65));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the causal example compares where the zeros go, and Undo brings the edits back', async () => {
  const page = await newPage(session.browser);
  await openPlayground(page, session.server.url);
  await replaceCode(page, 'b', VALID_MODEL.replace('Dense(256', 'Dense(128'));
  await waitSummaryContains(page, 'b', '(None, 128)');

  await page.selectOption('#example-select', 'causal');
  await page.click('#example-load');
  await waitSummaryContains(page, 'a', '(None, 100, 32)');
  const rowA = await page.locator('#pane-a tbody tr').first().textContent();
  const rowB = await page.locator('#pane-b tbody tr').first().textContent();
  assert.match(rowA, /conv1d.*\(3,0\).*100→100.*\(None, 100, 32\).*160/s);
  assert.match(rowB, /\(1,2\)/);
  assert.match(await page.textContent('#pane-a .pane-title'), /causal/);
  assert.match(await page.evaluate(() => location.hash), /ex=causal/);

  await page.click('#toast .toast-undo');
  await waitSummaryContains(page, 'b', '(None, 128)');
  assert.match(await summaryText(page, 'a'), /Total params: 15,955,210/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("the strided example shows TF's 'same' split: the odd zero goes after", async () => {
  const page = await newPage(session.browser);
  await openPlayground(page, session.server.url);
  await page.selectOption('#example-select', 'strided-same');
  await page.click('#example-load');
  await waitSummaryContains(page, 'b', '(None, 14, 14, 16)');
  assert.match(await page.locator('#pane-a tbody tr').first().textContent(), /\(0,1\) ×\(0,1\).*28→14 ×28→14.*−14.*\(None, 14, 14, 16\)/s);
  assert.match(await page.locator('#pane-b tbody tr').first().textContent(), /\(1,1\) ×\(1,1\).*27→14 ×27→14.*−13/s);
  // Same shapes everywhere, different padding: the padding cells are the highlighted ones.
  assert.match(await page.textContent('#compare'), /Same output shape in every layer/);
  assert.equal(await page.locator('#pane-a tbody tr').first().locator('td.is-diff').count(), 1);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("graph examples: 'same' lines up a residual Add, 'valid' fails at the Add's line", async () => {
  const page = await newPage(session.browser);
  await openPlayground(page, session.server.url);
  await page.selectOption('#example-select', 'residual');
  await page.click('#example-load');
  await page.waitForSelector('#pane-b .error-box:not([hidden])');
  const a = await summaryText(page, 'a');
  assert.match(a, /^Model: "residual_same"\n/);
  assert.match(a, /Layer \(type\) +Output Shape +Param # +Connected to/);
  assert.match(a, /^add \(Add\) +\(None, 32, 32, 16\) +0 +img\[0\]\[0\] +$/m);
  assert.match(a, /^ {65}conv2d_1\[0\]\[0\] +$/m);
  assert.match(a, /Total params: 9,450/);
  // The rich table says what each merge reads.
  assert.match(await page.locator('#pane-a tbody tr[data-index="6"]').textContent(), /add_1.*← add, conv2d_3/s);
  assert.match(await page.textContent('#pane-b .error-where'), /line 10.*layer 'add'/);
  assert.match(await page.textContent('#pane-b .error-message'), /Inputs have incompatible shapes\. Received shapes \(32, 32, 16\) and \(28, 28, 16\)/);
  assert.equal(await page.textContent('#pane-b .gutter .is-error'), '10');
  await screenshot(page, 'playground-residual.png');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a blank editor gets a hint instead of an error, and keeps the last summary', async () => {
  const page = await newPage(session.browser);
  await openPlayground(page, session.server.url);
  await replaceCode(page, 'b', '');
  await page.waitForSelector('#pane-b .error-box.is-empty:not([hidden])');
  assert.match(await page.textContent('#pane-b .error-where'), /Nothing to summarise yet/);
  assert.match(await summaryText(page, 'b'), /Total params: 25,785,610/);
  assert.equal(await page.locator('#pane-b .gutter .is-error').count(), 0);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('pasted Keras JSON, a picked file and a dropped file are summarised', async () => {
  const page = await newPage(session.browser);
  await openPlayground(page, session.server.url);

  // Paste (insertText is what a paste does to a textarea).
  await replaceCode(page, 'b', KERAS2_JSON);
  await waitSummaryContains(page, 'b', '(None, 28, 28, 2)');
  assert.match(await summaryText(page, 'b'), /Total params: 20\n/);

  // File picker.
  await page.setInputFiles('#pane-a .file-input', {
    name: 'model.json', mimeType: 'application/json', buffer: Buffer.from(KERAS2_JSON),
  });
  await waitSummaryContains(page, 'a', '(None, 28, 28, 2)');
  assert.equal(await page.inputValue('#code-a'), KERAS2_JSON);

  // Drag and drop onto the editor.
  await page.evaluate((code) => {
    const dt = new DataTransfer();
    dt.items.add(new File([code], 'dropped.py', { type: 'text/x-python' }));
    const target = document.querySelector('#pane-a .editor');
    for (const type of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }
  }, VALID_MODEL);
  await waitSummaryContains(page, 'a', 'Total params: 15,955,210');
  assert.equal(await page.inputValue('#code-a'), VALID_MODEL);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('layer rows are keyboard-selectable and mark their source line', async () => {
  const page = await newPage(session.browser);
  await openPlayground(page, session.server.url);
  const button = page.locator('#pane-a tbody tr').nth(1).locator('.layer-button');
  await button.focus();
  await page.keyboard.press('Enter');
  assert.equal(await button.getAttribute('aria-pressed'), 'true');
  assert.equal(await page.textContent('#pane-a .gutter .is-selected'), '10');
  await page.keyboard.press('Enter');
  assert.equal(await button.getAttribute('aria-pressed'), 'false');
  assert.equal(await page.locator('#pane-a .gutter .is-selected').count(), 0);
  await page.context().close();
});

test('a 300-layer model: the table pages 100 rows at a time and finds layers by name', async () => {
  const page = await newPage(session.browser);
  await openPlayground(page, session.server.url);
  // 1 InputLayer + 1 stem + 99 blocks of 3 layers + pool + head = 301 rows.
  await replaceCode(page, 'a', `from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(16, 16, 3), name='image')
x = layers.Conv2D(8, 3, padding='same', name='stem')(inputs)
for i in range(99):
    y = layers.Conv2D(8, 3, padding='same', name=f'block{i}_conv')(x)
    y = layers.ReLU(name=f'block{i}_relu')(y)
    x = layers.Add(name=f'block{i}_add')([x, y])
x = layers.GlobalAveragePooling2D(name='pool')(x)
outputs = layers.Dense(10, name='head')(x)
model = keras.Model(inputs, outputs, name='deep')
`);
  await waitSummaryContains(page, 'a', 'Model: "deep"');
  const pane = page.locator('#pane-a');
  assert.equal(await pane.locator('tbody tr').count(), 100);
  assert.equal(await pane.locator('.table-count').textContent(), 'showing 100 of 301 layers');
  assert.match(await pane.locator('.table-more').textContent(), /Show 100 more of 201 remaining layers/);
  await pane.locator('.table-more').click();
  assert.equal(await pane.locator('tbody tr').count(), 200);

  // Find: by name, then by class; rows keep their model index, so selecting still works.
  await pane.locator('.table-find').fill('block42_');
  assert.equal(await pane.locator('tbody tr').count(), 3);
  assert.equal(await pane.locator('.table-count').textContent(), '3 of 301 layers match');
  assert.equal(await pane.locator('.table-more').isHidden(), true);
  const conv = pane.locator('tbody tr').first();
  assert.equal(await conv.getAttribute('data-index'), String(2 + 42 * 3));
  await conv.locator('.layer-button').click();
  assert.equal(await conv.locator('.layer-button').getAttribute('aria-pressed'), 'true');
  assert.equal(await page.textContent('#pane-a .gutter .is-selected'), '7');
  await screenshot(page, 'playground-find-layer.png');
  await pane.locator('.table-find').fill('dense');
  assert.equal(await pane.locator('tbody tr').count(), 1);
  assert.match(await pane.locator('tbody tr').first().textContent(), /head.*Dense/s);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the Architecture picker opens ResNet50 in model A; conv1_conv opens its padding diagram; imagenet weights get a note', async () => {
  const page = await newPage(session.browser);
  await openPlayground(page, session.server.url);
  await page.selectOption('#architecture-select', 'ResNet50');
  // Time from the click to the summary on screen (a measurement, printed, not asserted).
  const ms = await page.evaluate(() => new Promise((resolve) => {
    const pre = document.querySelector('#pane-a .summary-text');
    const t0 = performance.now();
    const seen = new MutationObserver(() => {
      if (pre.textContent.includes('Model: "resnet50"')) {
        seen.disconnect();
        requestAnimationFrame(() => resolve(performance.now() - t0));
      }
    });
    seen.observe(pre, { childList: true, characterData: true, subtree: true });
    document.querySelector('#architecture-load').click();
  }));
  console.log(`# ResNet50 from the Architecture picker to its summary on screen: ${ms.toFixed(0)} ms`);
  assert.equal(await page.inputValue('#code-a'), "from tensorflow import keras\n\nmodel = keras.applications.ResNet50(weights=None)\nmodel.summary()\n");
  const a = await summaryText(page, 'a');
  assert.match(a, /^Model: "resnet50"\n/);
  assert.match(a, /conv1_pad \(ZeroPadding2D\) +\(None, 230, 230, 3\) +0 +\[?'?input_1\[0\]\[0\]/);
  assert.match(a, /conv1_conv \(Conv2D\) +\(None, 112, 112, 64\) +9472 +\[?'?conv1_pad\[0\]\[0\]/);
  assert.match(a, /Total params: 25,636,712\nTrainable params: 25,583,592\nNon-trainable params: 53,120\n/);
  const pane = page.locator('#pane-a');
  assert.equal(await pane.locator('.table-count').textContent(), 'showing 100 of 177 layers');
  await pane.locator('.table-find').fill('conv1_');
  await pane.locator('tbody tr').filter({ has: page.locator('.layer-name', { hasText: /^conv1_conv$/ }) }).locator('.layer-button').click();
  await page.waitForFunction(() => /conv1_conv/.test(document.querySelector('#diagram-workbench')?.textContent ?? ''));
  await screenshot(page, 'playground-resnet50.png');
  // weights='imagenet' (ResNet50's default) builds the same model; the page says nothing is loaded.
  assert.equal(await pane.locator('.summary-notes').isHidden(), true);
  await replaceCode(page, 'a', 'from tensorflow import keras\nmodel = keras.applications.MobileNetV2()\n');
  await waitSummaryContains(page, 'a', 'Model: "mobilenetv2_1.00_224"');
  assert.match(await pane.locator('.summary-notes').textContent(), /ImageNet weights are not loaded/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('copy buttons put the printed summary, a Markdown table and JSON on the clipboard; Ctrl+A selects only the summary', async () => {
  const page = await newPage(session.browser);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.server.url });
  await openPlayground(page, session.server.url);
  const printed = await summaryText(page, 'a');
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());

  await page.click('#pane-a [data-copy=text]');
  await page.waitForFunction(() => document.querySelector('#pane-a .copy-status').textContent.startsWith('Copied'));
  assert.equal(await clipboard(), printed);

  await page.click('#pane-a [data-copy=markdown]');
  const md = await clipboard();
  assert.match(md, /^\| Layer \(type\) \| Padding \(before, after\) \| Spatial size \| Output shape \| Param # \|$/m);
  assert.match(md, /^\| conv2d \(Conv2D\) \| \(0,0\) ×\(0,0\) \| 28→26 ×28→26 \(−2\) \| \(None, 26, 26, 32\) \| 320 \|$/m);

  await page.click('#pane-a [data-copy=json]');
  const json = JSON.parse(await clipboard());
  assert.equal(json.layers[0].name, 'conv2d');
  assert.equal(json.totalParams.toLocaleString('en'), printed.match(/Total params: ([\d,]+)/)[1]);
  assert.equal(json.text, undefined, 'the JSON holds the facts; the text button copies the text');

  await page.focus('#pane-a .summary-text');
  await page.keyboard.press('ControlOrMeta+a');
  const selected = await page.evaluate(() => getSelection().toString());
  assert.equal(selected.trim(), printed.trim());
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
