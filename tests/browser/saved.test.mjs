// Saved model files on the playground: a .keras archive picked with "Open file…" and a legacy
// .h5 dropped on the editor are read in the page's Web Worker (nothing is requested from the
// server for them), the pane names the file and its Keras version, the editor holds the config
// as JSON, the summary is the one of the model's JSON in the file's Keras style, and a broken
// file shows its error as the page shows model errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { useSiteAndBrowser, newPage, openPlayground, summaryText, waitSummaryContains, screenshot, REPO } from './helpers.mjs';
import { KERAS2_CONFIG, KERAS3_CONFIG, kerasArchive, legacyH5 } from '../node/saved-builders.mjs';

const session = useSiteAndBrowser();

// The repository's fixtures (tests/fixtures/saved/, written with zipfile and h5py) when present,
// else files of the same layouts built with h5wasm / fflate (tests/node/saved-builders.mjs).
const FIXTURES = path.join(REPO, 'tests', 'fixtures', 'saved');
function fixture(name, build) {
  const file = path.join(FIXTURES, name);
  return existsSync(file) ? readFileSync(file) : Buffer.from(build());
}

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
  const keras = kerasArchive();
  await page.setInputFiles('#pane-a .file-input', { name: 'small.keras', mimeType: 'application/octet-stream', buffer: Buffer.from(keras) });
  await page.waitForSelector('#pane-a .pane-file:not([hidden]):not(.is-reading)', { timeout: 20000 });
  assert.equal(await page.textContent('#pane-a .pane-file-name'), 'small.keras');
  assert.match(await page.textContent('#pane-a .pane-file-meta'), /\.keras archive · Keras 3\.3\.3 · weights stored/);
  assert.match(await page.textContent('#pane-a .pane-file-local'), /nothing is uploaded/);
  // The file's Keras version picked Keras 3's summary style.
  assert.equal(await page.isChecked('#style-keras3'), true);
  await waitSummaryContains(page, 'a', 'conv2d (Conv2D)');
  const expectedA = await page.evaluate(async (json) => {
    const pl = await (await import('./padlab.js')).load();
    return pl.summary(json, { style: 'keras3' }).text;
  }, JSON.stringify(KERAS3_CONFIG));
  assert.equal(await summaryText(page, 'a'), expectedA);
  assert.match(expectedA, /Total params: 239 \(956\.00 B\)/);
  // The editor holds the config as JSON, which the playground reads as it reads pasted JSON.
  assert.deepEqual(JSON.parse(await page.inputValue('#code-a')), KERAS3_CONFIG);

  // .h5 (tf.keras 2.15) dropped on model B's editor as a DataTransfer of one File.
  const h5 = legacyH5();
  const dataTransfer = await page.evaluateHandle((bytes) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], 'small.h5', { type: 'application/x-hdf5' }));
    return dt;
  }, [...h5]);
  for (const type of ['dragenter', 'dragover', 'drop']) await page.dispatchEvent('#pane-b .editor', type, { dataTransfer });
  await page.waitForSelector('#pane-b .pane-file:not([hidden]):not(.is-reading)', { timeout: 20000 });
  assert.equal(await page.textContent('#pane-b .pane-file-name'), 'small.h5');
  assert.match(await page.textContent('#pane-b .pane-file-meta'), /HDF5 \(\.h5\) · Keras 2\.15\.0 · weights stored/);
  // A 2.15 file switches the page to Keras 2's style, and model B is printed in era C, as
  // tf.keras 2.15 prints it.
  assert.equal(await page.isChecked('#style-keras2'), true);
  await waitSummaryContains(page, 'b', 'conv2d (Conv2D)');
  const expected = (json, options) => page.evaluate(async ([j, o]) => {
    const pl = await (await import('./padlab.js')).load();
    return pl.summary(j, o).text;
  }, [json, options]);
  assert.equal(await summaryText(page, 'b'), await expected(JSON.stringify(KERAS2_CONFIG), { style: 'keras2', era: 'C' }));
  assert.match(await summaryText(page, 'b'), /Total params: 239 \(956\.00 Byte\)/);
  // Switching to Keras 3 prints both in Keras 3's table.
  await page.check('#style-keras3');
  await waitSummaryContains(page, 'b', '┃');
  assert.equal(await summaryText(page, 'b'), await expected(JSON.stringify(KERAS2_CONFIG), { style: 'keras3' }));
  assert.equal(await summaryText(page, 'a'), expectedA);

  // Nothing was sent: every request stayed on the site and none carried the file.
  for (const url of requests) assert.ok(url.startsWith(session.server.url), `a request left the site: ${url}`);
  assert.ok(requests.some((u) => u.endsWith('/saved/worker.js')), 'the saved-file worker was loaded');
  assert.ok(!requests.some((u) => /small\.(keras|h5)/.test(u)), 'the file was requested from the server');

  await screenshot(page, 'saved-files.png');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the readers load only when a file is opened, and a broken file shows its error in the pane', async () => {
  const page = await newPage(session.browser);
  const requests = watchRequests(page);
  await openPlayground(page, session.server.url);
  assert.ok(!requests.some((u) => /vendor\/(fflate|h5wasm)|padlab_saved|saved\/worker/.test(u)),
            `the first paint loaded a saved-file reader: ${requests.filter((u) => /vendor|saved/.test(u)).join(', ')}`);

  const truncated = Buffer.from(kerasArchive()).subarray(0, 60);
  await page.setInputFiles('#pane-a .file-input', { name: 'broken.keras', mimeType: 'application/octet-stream', buffer: truncated });
  await page.waitForSelector('#pane-a .error-box:not([hidden])', { timeout: 20000 });
  assert.match(await page.textContent('#pane-a .error-where'), /PadLab cannot read this code/);
  assert.match(await page.textContent('#pane-a .error-message'), /'broken\.keras': not a readable zip archive/);
  assert.match(await page.textContent('#pane-a .pane-file-meta'), /could not be read/);
  // The page still works: the next file opens.
  const h5 = fixture('small.h5', () => legacyH5());
  await page.setInputFiles('#pane-a .file-input', { name: 'small.h5', mimeType: 'application/octet-stream', buffer: h5 });
  await page.waitForSelector('#pane-a .error-box', { state: 'hidden', timeout: 20000 });
  assert.equal(await page.textContent('#pane-a .pane-file-name'), 'small.h5');
  assert.ok(requests.some((u) => u.endsWith('/vendor/h5wasm/hdf5_util.js')));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
