// Saved model files on the playground: a .keras archive picked with "Open file…" and a legacy
// .h5 dropped on the editor are read in the page's Web Worker (nothing is requested from the
// server for them), the pane names the file and its Keras version, the editor holds the config
// as JSON, the summary is the one of the model's JSON in the file's Keras style, and a broken
// file shows its error as the page shows model errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { useSiteAndBrowser, newPage, openPlayground, summaryText, waitSummaryContains, screenshot, REPO } from './helpers.mjs';

const session = useSiteAndBrowser();

// tests/fixtures/saved/make_fixtures.py: one small CNN saved by Keras 3.3.3 (.keras) and by
// tf.keras 2.15 (.h5, TF.js), written with zipfile and h5py; cnn_keras2.json is its JSON.
const FIXTURES = path.join(REPO, 'tests', 'fixtures', 'saved');
const fixture = (name) => readFileSync(path.join(FIXTURES, name));
const CNN_JSON = fixture('cnn_keras2.json').toString('utf8');

// The summary the page's own engine prints for the model's JSON.
const expected = (page, options) => page.evaluate(async ([json, o]) => {
  const pl = await (await import('./padlab.js')).load();
  return pl.summary(json, o).text;
}, [CNN_JSON, options]);

// Files the page fetched while a file was open: none may be the file, and nothing may leave
// 127.0.0.1 (the site's own scripts: the worker, padlab_saved.js, vendor/).
function watchRequests(page) {
  const urls = [];
  page.on('request', (req) => urls.push(req.url()));
  return urls;
}

test('a .keras picked with Open file… and an .h5 dropped on the editor: file name, Keras version, summary', async () => {
  const page = await newPage(session.browser);
  await openPlayground(page, session.server.url);
  const requests = watchRequests(page);

  // .keras (Keras 3.3.3) into model A through the pane's file input (keyboard: it is the
  // focusable control inside the "Open file…" button).
  await page.setInputFiles('#pane-a .file-input', { name: 'cnn_keras3.keras', mimeType: 'application/octet-stream', buffer: fixture('cnn_keras3.keras') });
  await page.waitForSelector('#pane-a .pane-file:not([hidden]):not(.is-reading)', { timeout: 20000 });
  assert.equal(await page.textContent('#pane-a .pane-file-name'), 'cnn_keras3.keras');
  assert.equal(await page.textContent('#pane-a .pane-title'), 'cnn_keras3.keras');
  assert.match(await page.textContent('#pane-a .pane-file-meta'), /\.keras archive · Keras 3\.3\.3 · weights stored/);
  assert.match(await page.textContent('#pane-a .pane-file-local'), /nothing is uploaded/);
  // The file's Keras version picked Keras 3's summary style.
  assert.equal(await page.isChecked('#style-keras3'), true);
  await waitSummaryContains(page, 'a', 'conv2d (Conv2D)');
  const keras3 = await expected(page, { style: 'keras3' });
  assert.equal(await summaryText(page, 'a'), keras3);
  assert.match(keras3, /Total params: 235 \(940\.00 B\)/);
  // The editor holds the config as JSON, which the playground reads as it reads pasted JSON.
  const config = JSON.parse(await page.inputValue('#code-a'));
  assert.equal(config.class_name, 'Sequential');
  assert.equal(config.config.layers.length, 5);

  // .h5 (tf.keras 2.15) dropped on model B's editor as a DataTransfer of one File.
  const dataTransfer = await page.evaluateHandle((bytes) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], 'cnn_tfkeras215.h5', { type: 'application/x-hdf5' }));
    return dt;
  }, [...fixture('cnn_tfkeras215.h5')]);
  for (const type of ['dragenter', 'dragover', 'drop']) await page.dispatchEvent('#pane-b .editor', type, { dataTransfer });
  await page.waitForSelector('#pane-b .pane-file:not([hidden]):not(.is-reading)', { timeout: 20000 });
  assert.equal(await page.textContent('#pane-b .pane-file-name'), 'cnn_tfkeras215.h5');
  assert.match(await page.textContent('#pane-b .pane-file-meta'), /HDF5 \(\.h5\) · Keras 2\.15\.0 · weights stored/);
  // A 2.15 file switches the page to Keras 2's style, and model B is printed in era C, as
  // tf.keras 2.15 prints it.
  assert.equal(await page.isChecked('#style-keras2'), true);
  await waitSummaryContains(page, 'b', 'conv2d (Conv2D)');
  assert.equal(await summaryText(page, 'b'), await expected(page, { style: 'keras2', era: 'C' }));
  assert.match(await summaryText(page, 'b'), /Total params: 235 \(940\.00 Byte\)/);
  // Switching to Keras 3 prints both in Keras 3's table: the same model, the same text.
  await page.check('#style-keras3');
  await waitSummaryContains(page, 'b', '┃');
  assert.equal(await summaryText(page, 'b'), keras3);
  assert.equal(await summaryText(page, 'a'), keras3);

  // Nothing was sent: every request stayed on the site and none carried the file.
  for (const url of requests) assert.ok(url.startsWith(session.server.url), `a request left the site: ${url}`);
  assert.ok(requests.some((u) => u.endsWith('/saved/worker.js')), 'the saved-file worker was loaded');
  assert.ok(!requests.some((u) => /cnn_/.test(u)), 'the file was requested from the server');

  await screenshot(page, 'saved-files.png');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a TF.js model.json picked with its shard file', async () => {
  const page = await newPage(session.browser);
  await openPlayground(page, session.server.url);
  await page.setInputFiles('#pane-b .file-input', [
    { name: 'model.json', mimeType: 'application/json', buffer: fixture('cnn_tfjs/model.json') },
    { name: 'group1-shard1of1.bin', mimeType: 'application/octet-stream', buffer: fixture('cnn_tfjs/group1-shard1of1.bin') },
  ]);
  await page.waitForSelector('#pane-b .pane-file:not([hidden]):not(.is-reading)', { timeout: 20000 });
  assert.match(await page.textContent('#pane-b .pane-file-meta'), /TF\.js model\.json · Keras 2\.15\.0 · weights stored/);
  await waitSummaryContains(page, 'b', 'conv2d (Conv2D)');
  assert.equal(await summaryText(page, 'b'), await expected(page, { style: 'keras2', era: 'C' }));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('"Apply to data" runs an opened .keras forward with the weights stored in the file, and says so', async () => {
  const page = await newPage(session.browser);
  await openPlayground(page, session.server.url);
  const bytes = fixture('cnn_keras3.keras');
  await page.setInputFiles('#pane-a .file-input', { name: 'cnn_keras3.keras', mimeType: 'application/octet-stream', buffer: bytes });
  await page.waitForSelector('#pane-a .pane-file:not([hidden]):not(.is-reading)', { timeout: 20000 });
  await page.locator('#ap-forward').scrollIntoViewIfNeeded();
  // The opened file is offered (and chosen) as the model to run.
  assert.equal(await page.inputValue('#ap-model'), 'saved:a');
  assert.match(await page.textContent('#ap-model option[value="saved:a"]'), /Model A · cnn_keras3\.keras \(stored weights\)/);
  await page.click('#ap-run');
  await page.waitForFunction(() => ['done', 'error'].includes(document.querySelector('#ap-forward').dataset.state), null, { timeout: 60000 });
  if (await page.getAttribute('#ap-forward', 'data-state') === 'error') assert.fail(`forward failed: ${await page.textContent('#ap-forward-error')}`);
  assert.match(await page.textContent('#ap-forward .ap-status'), /Ran Model A · cnn_keras3\.keras with the weights stored in the file/);
  // The output is the file's own weights on the seeded default input, as the JS API computes it.
  const want = await page.evaluate(async (b) => {
    const pl = await (await import('./padlab.js')).load();
    const m = await pl.readModel(new Uint8Array(b), { weights: true });
    return Array.from(pl.forward(m.source, { seed: 1, weights: m.weights }).output, (v) => v.toFixed(3)).join(', ');
  }, [...bytes]);
  assert.equal(await page.textContent('.ap-output'),
               `Output (1, 3): ${want} (largest at index ${want.split(', ').map(Number).reduce((bi, v, i, a) => (v > a[bi] ? i : bi), 0)}; computed with the trained weights stored in the file).`);
  const rows = await page.$$eval('#ap-layers tbody tr', (trs) => trs.map((tr) => tr.children[0].innerText.replace(/\s+/g, ' ').trim()));
  assert.deepEqual(rows, ['conv2d Conv2D', 'max_pooling2d MaxPooling2D', 'flatten Flatten', 'dense Dense']);
  await page.locator('#ap-forward').screenshot({ path: path.join(REPO, 'build', 'screenshots', 'saved-forward.png') });
  // Editing the config: the file's weights are no longer offered for it.
  await page.locator('#code-a').click();
  await page.keyboard.press('End');
  await page.keyboard.insertText(' ');
  await page.waitForFunction(() => !document.querySelector('#ap-model option[value="saved:a"]'));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the readers load only when a file is opened, and a broken file shows its error in the pane', async () => {
  const page = await newPage(session.browser);
  const requests = watchRequests(page);
  await openPlayground(page, session.server.url);
  assert.ok(!requests.some((u) => /vendor\/(fflate|h5wasm)|padlab_saved|saved\/worker/.test(u)),
            `the first paint loaded a saved-file reader: ${requests.filter((u) => /vendor|saved/.test(u)).join(', ')}`);

  await page.setInputFiles('#pane-a .file-input', { name: 'broken.keras', mimeType: 'application/octet-stream', buffer: fixture('hostile_truncated.keras') });
  await page.waitForSelector('#pane-a .error-box:not([hidden])', { timeout: 20000 });
  assert.match(await page.textContent('#pane-a .error-where'), /PadLab cannot read this code/);
  assert.match(await page.textContent('#pane-a .error-message'), /'broken\.keras': not a readable zip archive/);
  assert.match(await page.textContent('#pane-a .pane-file-meta'), /could not be read/);
  // A .keras's config needs only the zip reader: libhdf5 (1 MB) is not fetched for it.
  assert.ok(requests.some((u) => u.endsWith('/vendor/fflate.js')));
  assert.ok(!requests.some((u) => /vendor\/h5wasm/.test(u)), 'h5wasm was loaded for a .keras config');
  // The page still works: the next file opens.
  await page.setInputFiles('#pane-a .file-input', { name: 'cnn_keras3_legacy.h5', mimeType: 'application/octet-stream', buffer: fixture('cnn_keras3_legacy.h5') });
  await page.waitForSelector('#pane-a .error-box', { state: 'hidden', timeout: 20000 });
  assert.equal(await page.textContent('#pane-a .pane-file-name'), 'cnn_keras3_legacy.h5');
  assert.equal(await summaryText(page, 'a'), await expected(page, { style: 'keras3' }));
  assert.ok(requests.some((u) => u.endsWith('/vendor/h5wasm/hdf5_util.js')));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
