// Saved model files through the JS API (readModel, summary(bytes)): .keras archives (fflate),
// legacy .h5 (h5wasm), TF.js model.json + shards. The fixtures of tests/fixtures/saved/ (made
// by its script with Python's zipfile and h5py, the real on-disk layouts) give byte-identical
// summaries to the same model's JSON; the files built here with h5wasm / fflate (libhdf5 and a
// zip writer, the layouts of keras/src/saving/saving_lib.py and tf_keras's hdf5_format.py) and
// the hostile files each get one PadlabError, and the next call works.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { padlab, padlabError, pl, repoRoot } from './site.mjs';
import {
  CONV_BIAS, CONV_KERNEL, DENSE_BIAS, DENSE_KERNEL, KERAS2_CONFIG, KERAS3_CONFIG, enc, fflate, forgedSizeZip, kerasArchive, legacyH5, ramp,
} from './saved-builders.mjs';

test('a .keras archive: readModel gives its facts and config, summary(bytes) equals the summary of its JSON', async () => {
  const bytes = kerasArchive();
  const m = await pl.readModel(bytes, { filename: 'small.keras' });
  assert.equal(m.format, 'keras');
  assert.equal(m.filename, 'small.keras');
  assert.equal(m.kerasVersion, '3.3.3');
  assert.equal(m.hasWeights, true);
  assert.equal(m.weightArrays, 0);  // not asked for
  assert.equal(m.config.class_name, 'Sequential');
  const json = JSON.stringify(KERAS3_CONFIG);
  for (const style of ['keras2', 'keras3']) {
    assert.equal((await pl.summary(bytes, { filename: 'small.keras', style })).text, pl.summary(json, { style }).text);
  }
  // Without a style, the file's Keras version (3.x) picks Keras 3's table.
  assert.equal((await pl.summary(bytes)).text, pl.summary(json, { style: 'keras3' }).text);
  // The same as a Blob (the page's File): the zip is streamed, only its first entries read.
  const fromBlob = await pl.readModel(new Blob([bytes]), { filename: 'small.keras' });
  assert.deepEqual(fromBlob, m);
  const withWeights = await pl.readModel(bytes, { weights: true });
  assert.equal(withWeights.weightArrays, 4);
  assert.equal(withWeights.weightLayers, 2);
});

test('a legacy .h5: readModel and summary(bytes) equal the summary of its model_config', async () => {
  const bytes = legacyH5();
  const m = await pl.readModel(bytes, { filename: 'small.h5' });
  assert.equal(m.format, 'h5');
  assert.equal(m.kerasVersion, '2.15.0');
  assert.equal(m.backend, 'tensorflow');
  assert.equal(m.hasWeights, true);
  const json = JSON.stringify(KERAS2_CONFIG);
  // 2.15 picks Keras 2's table in era C (tf.keras 2.13-2.15).
  assert.equal((await pl.summary(bytes)).text, pl.summary(json, { style: 'keras2', era: 'C' }).text);
  assert.equal((await pl.summary(new Blob([bytes]), { style: 'keras3' })).text, pl.summary(json, { style: 'keras3' }).text);
  const withWeights = await pl.readModel(bytes, { weights: true });
  assert.equal(withWeights.weightArrays, 4);
});

test('TF.js model.json: its shards are taken by the names its weightsManifest lists', async () => {
  const modelJson = JSON.stringify({
    format: 'layers-model',
    generatedBy: 'keras v2.15.0',
    convertedBy: 'TensorFlow.js Converter v4.22.0',
    modelTopology: { class_name: 'Sequential', config: KERAS2_CONFIG.config, keras_version: '2.15.0', backend: 'tensorflow' },
    weightsManifest: [{
      paths: ['group1-shard1of1.bin'],
      weights: [
        { name: 'conv2d/kernel', shape: CONV_KERNEL.shape, dtype: 'float32' },
        { name: 'conv2d/bias', shape: CONV_BIAS.shape, dtype: 'float32' },
        { name: 'dense/kernel', shape: DENSE_KERNEL.shape, dtype: 'float32' },
        { name: 'dense/bias', shape: DENSE_BIAS.shape, dtype: 'float32' },
      ],
    }],
  });
  const values = [CONV_KERNEL, CONV_BIAS, DENSE_KERNEL, DENSE_BIAS].flatMap((v) => Array.from(ramp(v.n, 0.03)));
  const shard = new Uint8Array(Float32Array.from(values).buffer);
  const m = await pl.readModel(enc(modelJson), { filename: 'model.json', sideFiles: { 'group1-shard1of1.bin': shard }, weights: true });
  assert.equal(m.format, 'tfjs');
  assert.equal(m.hasWeights, true);
  assert.equal(m.weightArrays, 4);
  const configOnly = await pl.readModel(enc(modelJson), { filename: 'model.json' });
  assert.equal(configOnly.hasWeights, false);
  assert.equal((await pl.summary(enc(modelJson))).text, pl.summary(modelJson, { style: 'keras2', era: 'C' }).text);
  await assert.rejects(pl.readModel(enc(modelJson), { sideFiles: { 'other.bin': shard } }),
                       (e) => e instanceof padlab.PadlabError && /group1-shard1of1\.bin/.test(e.message));
});

test('Keras JSON and Python source as bytes read as text (detected from the bytes, not the name)', async () => {
  const json = JSON.stringify(KERAS3_CONFIG);
  const m = await pl.readModel(enc(json), { filename: 'renamed.h5' });
  assert.equal(m.format, 'json');
  assert.equal((await pl.summary(enc(json), { style: 'keras3' })).text, pl.summary(json, { style: 'keras3' }).text);
  const py = 'from keras import layers, Sequential\nmodel = Sequential([layers.Input((4,)), layers.Dense(2)])\n';
  assert.equal((await pl.readModel(enc(py))).format, 'python');
  assert.equal((await pl.summary(enc(py))).text, pl.summary(py).text);
  // A .keras archive renamed .json is still an archive.
  assert.equal((await pl.readModel(kerasArchive(), { filename: 'model.json' })).format, 'keras');
});

// ------------------------------------------------------------------ hostile files

// Each rejects with one PadlabError, quickly, and the module still works afterwards.
async function refuses(input, filename, pattern) {
  const t0 = performance.now();
  const e = await pl.readModel(input, { filename }).then(() => null, (err) => err);
  assert.ok(e instanceof padlab.PadlabError, `${filename}: expected a PadlabError, got ${e?.stack ?? e}`);
  assert.match(e.message, pattern, filename);
  assert.ok(performance.now() - t0 < 2000, `${filename} took ${performance.now() - t0} ms`);
  assert.match(pl.summary('{"class_name": "Sequential", "config": {"layers": [{"class_name": "InputLayer", "config": {"batch_input_shape": [null, 3]}}, {"class_name": "Dense", "config": {"units": 2}}]}}').text, /Total params: 8/);
  return e;
}

test('hostile files: each gets one clear PadlabError and the next call works', async () => {
  const archive = kerasArchive();
  const h5 = legacyH5();
  await refuses(new Uint8Array(0), 'empty.keras', /empty/i);
  await refuses(archive.subarray(0, 40), 'truncated.keras', /zip|archive|truncated|corrupt/i);
  await refuses(h5.subarray(0, 600), 'truncated.h5', /HDF5|truncated|corrupt/i);
  await refuses(Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256), 'noise.bin', /./);
  // An archive without config.json.
  await refuses(fflate.zipSync({ 'notes.txt': enc('hello') }), 'other.zip', /config\.json/);
  // config.json declaring 4 GB uncompressed (a zip bomb's headers): refused before inflating,
  // from the bytes (central directory) and from a Blob (the streamed local headers).
  const bomb = forgedSizeZip({ 'metadata.json': enc('{}'), 'config.json': enc(JSON.stringify(KERAS3_CONFIG)) }, 'config.json', 0xf0000000);
  for (const input of [bomb, new Blob([bomb])]) {
    const e = await refuses(input, 'bomb.keras', /4026531840 bytes uncompressed, above the 64 MiB limit/);
    assert.equal(e.kind, 'LimitError');
  }
  // A .tflite flatbuffer ("TFL3" file identifier at offset 4).
  await refuses(Uint8Array.of(0x1c, 0, 0, 0, ...enc('TFL3'), 0, 0, 0, 0), 'model.tflite', /TensorFlow Lite|tflite/i);
  // config.json that is not JSON, or not a model.
  await refuses(kerasArchive({ config: 'not json {' }), 'garbage.keras', /./);
  await refuses(kerasArchive({ config: '[1, 2, 3]' }), 'array.keras', /./);
  // A weights-only .h5 (model.save_weights) and an .h5 whose model_config is not JSON.
  await refuses(legacyH5({ weightsOnly: true }), 'model.weights.h5', /weights/i);
  await refuses(legacyH5({ config: 'not json' }), 'bad-config.h5', /./);
  // Bad arguments.
  await assert.rejects(pl.readModel('model.keras'), (err) => err.kind === 'ArgumentError' && /Uint8Array/.test(err.message));
  await assert.rejects(pl.readModel(archive, { nope: 1 }), (err) => err.kind === 'ArgumentError' && /unknown option/.test(err.message));
  // Still usable: a real archive reads after all of that.
  assert.equal((await pl.readModel(archive)).format, 'keras');
});

test('memory: reading files leaves nothing allocated in the module', async () => {
  const archive = kerasArchive();
  await pl.readModel(archive, { weights: true });
  const before = pl.memoryStats().usedBytes;
  for (let i = 0; i < 5; i++) {
    await pl.readModel(archive, { weights: true });
    await pl.readModel(legacyH5(), { weights: true });
    await pl.readModel(new Uint8Array(0)).catch(() => {});
  }
  assert.ok(pl.memoryStats().usedBytes <= before + 4096, `${pl.memoryStats().usedBytes - before} bytes left in use`);
});

// ------------------------------------------------------------------ the repository's fixtures
// tests/fixtures/saved/make_fixtures.py: one small CNN saved by each Keras (zipfile, h5py: the
// real layouts), its tf.keras 2.15 model.to_json() in cnn_keras2.json, and the hostile files.

const FIXTURES = join(repoRoot, 'tests', 'fixtures', 'saved');
const fixture = (name) => new Uint8Array(readFileSync(join(FIXTURES, name)));
const SAVED = {
  'cnn_keras3.keras': { format: 'keras', kerasVersion: '3.3.3', backend: '' },
  'cnn_tfkeras215.keras': { format: 'keras', kerasVersion: '2.15.0', backend: '' },
  'cnn_tfkeras213.keras': { format: 'keras', kerasVersion: '2.13.1', backend: '' },
  'cnn_tfkeras215.h5': { format: 'h5', kerasVersion: '2.15.0', backend: 'tensorflow' },
  'cnn_keras3_legacy.h5': { format: 'h5', kerasVersion: '3.3.3', backend: 'tensorflow' },
  'hostile_keras_renamed.h5': { format: 'keras', kerasVersion: '3.3.3', backend: '' },  // a .keras under an .h5 name
};

test('tests/fixtures/saved: the CNN as .keras, .h5 and TF.js gives the byte-identical summary of its JSON', async () => {
  const json = readFileSync(join(FIXTURES, 'cnn_keras2.json'), 'utf8');
  const styles = [{ style: 'keras3' }, { style: 'keras2', era: 'A' }, { style: 'keras2', era: 'B' }, { style: 'keras2', era: 'C' },
                  { style: 'keras3', showTrainable: true }];
  const shard = fixture('cnn_tfjs/group1-shard1of1.bin');
  const files = { ...SAVED, 'cnn_tfjs/model.json': { format: 'tfjs', kerasVersion: '2.15.0', backend: 'tensorflow' } };
  for (const [name, facts] of Object.entries(files)) {
    const bytes = fixture(name);
    const sideFiles = { 'group1-shard1of1.bin': shard };
    for (const input of [bytes, new Blob([bytes])]) {
      const m = await pl.readModel(input, { filename: name, sideFiles, weights: true });
      assert.deepEqual({ format: m.format, kerasVersion: m.kerasVersion, backend: m.backend }, facts, name);
      assert.equal(m.hasWeights, true, name);
      assert.deepEqual([m.weightArrays, m.weightLayers], [4, 2], `${name}: conv2d and dense, kernel and bias each`);
      for (const options of styles) {
        assert.equal((await pl.summary(input, { filename: name, ...options })).text, pl.summary(json, options).text, `${name} ${JSON.stringify(options)}`);
      }
    }
  }
  // Without a style, the file's version picks it: 3.x Keras 3's table, 2.13-2.15 era C.
  assert.equal((await pl.summary(fixture('cnn_keras3.keras'))).text, pl.summary(json, { style: 'keras3' }).text);
  assert.equal((await pl.summary(fixture('cnn_tfkeras215.h5'))).text, pl.summary(json, { style: 'keras2', era: 'C' }).text);
});

test('tests/fixtures/saved: every hostile file gets one PadlabError in well under a second, bytes or Blob', async () => {
  const expected = {
    'hostile_bomb.keras': /209715200 bytes uncompressed, above the 64 MiB limit/,
    'hostile_bomb_lying.keras': /more than the 100 bytes its header declares/,
    'hostile_corrupt.h5': /not a readable HDF5 file/,
    'hostile_empty.keras': /is empty/,
    'hostile_model.tflite': /TensorFlow Lite/,
    'hostile_not_json.h5': /"model_config" is not JSON/,
    'hostile_not_model.h5': /not a Keras model config/,
    'hostile_saved_model.pb': /SavedModel/,
    'hostile_subclassed.keras': /subclassed model/,
    'hostile_traversal.keras': /'\.\.\/\.\.\/evil\.h5', which points outside the archive/,
    'hostile_truncated.keras': /not a readable zip archive/,
    'hostile_weights_only.h5': /only weights/,
    'hostile_weights_only.weights.h5': /only weights/,
  };
  for (const name of readdirSync(FIXTURES).filter((n) => n.startsWith('hostile_') && !(n in SAVED))) {
    assert.ok(name in expected, `a new hostile fixture without an expectation here: ${name}`);
    const bytes = fixture(name);
    for (const input of [bytes, new Blob([bytes])]) {
      for (const weights of [false, true]) {
        const t0 = performance.now();
        const e = await pl.readModel(input, { filename: name, weights }).then(() => null, (err) => err);
        assert.ok(e instanceof padlab.PadlabError, `${name}: expected a PadlabError, got ${e?.stack ?? e}`);
        assert.match(e.message, expected[name], name);
        assert.ok(performance.now() - t0 < 1000, `${name} took ${Math.round(performance.now() - t0)} ms`);
      }
    }
  }
  assert.equal((await pl.readModel(fixture('cnn_keras3.keras'))).format, 'keras');  // still usable
});

// The CNN of the fixtures computed here from cnn_weights.json, independently of the core:
// Conv2D(4, 3, padding='same', relu) -> MaxPooling2D(2) -> Flatten -> Dense(3, softmax), on
// an 8x8x1 input (channels last, Keras's kernel layout [kh, kw, cin, cout], Dense [in, out]).
function referenceCnn(weights, x) {
  const get = (layer, name) => weights[layer].find((w) => w.name === name).data;
  const [k, b, dk, db] = [get('conv2d', 'kernel'), get('conv2d', 'bias'), get('dense', 'kernel'), get('dense', 'bias')];
  const conv = new Float64Array(8 * 8 * 4);
  for (let i = 0; i < 8; i++) for (let j = 0; j < 8; j++) for (let c = 0; c < 4; c++) {
    let s = b[c];
    for (let di = 0; di < 3; di++) for (let dj = 0; dj < 3; dj++) {
      const y = i + di - 1;
      const z = j + dj - 1;
      if (y >= 0 && y < 8 && z >= 0 && z < 8) s += x[y * 8 + z] * k[(di * 3 + dj) * 4 + c];  // 'same': one zero each side
    }
    conv[(i * 8 + j) * 4 + c] = Math.max(0, s);
  }
  const pooled = new Float64Array(4 * 4 * 4);
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) for (let c = 0; c < 4; c++) {
    pooled[(i * 4 + j) * 4 + c] = Math.max(...[0, 1].flatMap((a) => [0, 1].map((d) => conv[((2 * i + a) * 8 + 2 * j + d) * 4 + c])));
  }
  const logits = [0, 1, 2].map((o) => pooled.reduce((s, v, n) => s + v * dk[n * 3 + o], db[o]));
  const m = Math.max(...logits);
  const e = logits.map((l) => Math.exp(l - m));
  const total = e.reduce((a, v) => a + v, 0);
  return e.map((v) => v / total);
}

test('forward with a file\'s stored weights equals the CNN computed from cnn_weights.json', async () => {
  const reference = JSON.parse(readFileSync(join(FIXTURES, 'cnn_weights.json'), 'utf8'));
  const input = Float32Array.from({ length: 64 }, (_, i) => ((i * 37) % 17) / 16 - 0.5);
  const expected = referenceCnn(reference, input);
  const shard = fixture('cnn_tfjs/group1-shard1of1.bin');
  for (const name of ['cnn_keras3.keras', 'cnn_tfkeras215.keras', 'cnn_tfkeras213.keras', 'cnn_tfkeras215.h5', 'cnn_keras3_legacy.h5', 'cnn_tfjs/model.json']) {
    const m = await pl.readModel(fixture(name), { filename: name, weights: true, sideFiles: { 'group1-shard1of1.bin': shard } });
    assert.deepEqual(m.weights.map((w) => `${w.layer}/${w.name} ${w.shape}`),
                     ['conv2d/kernel 3,3,1,4', 'conv2d/bias 4', 'dense/kernel 64,3', 'dense/bias 3'], name);
    const r = pl.forward(m.source, { input, weights: m.weights });
    assert.equal(r.storedWeights, true, name);
    assert.deepEqual(r.outputShape, [1, 3]);
    for (let i = 0; i < 3; i++) assert.ok(Math.abs(r.output[i] - expected[i]) < 1e-6, `${name}: output[${i}] ${r.output[i]} vs ${expected[i]}`);
    // The seeded weights give another output; the same list again reuses the built network.
    const seeded = pl.forward(m.source, { input });
    assert.equal(seeded.storedWeights, false);
    assert.notDeepEqual(Array.from(seeded.output), Array.from(r.output));
    assert.deepEqual(Array.from(pl.forward(m.source, { input, weights: m.weights }).output), Array.from(r.output));
  }
  // A list without the dense layer's arrays: an ArgumentError naming it.
  const m = await pl.readModel(fixture('cnn_keras3.keras'), { weights: true });
  const e = padlabError(() => pl.forward(m.source, { weights: m.weights.filter((w) => w.layer !== 'dense') }));
  assert.equal(e.kind, 'ArgumentError');
  assert.match(e.message, /dense/);
  assert.throws(() => pl.forward(m.source, { weights: 'nope' }), /weights must be the list readModel/);
});

test('a .keras Blob above 64 MiB: only its first entries are read for the config, the weights when asked', async () => {
  const files = fflate.unzipSync(fixture('cnn_keras3.keras'));
  // The fixture's entries in Keras's order, then 65 MiB more (stored) so the archive is streamed.
  const zip = fflate.zipSync({
    'metadata.json': files['metadata.json'],
    'config.json': files['config.json'],
    'model.weights.h5': [files['model.weights.h5'], { level: 0 }],
    'assets/padding.bin': [new Uint8Array(65 * 2 ** 20), { level: 0 }],
  });
  const blob = new Blob([zip]);
  let reads = 0;
  const counting = new Proxy(blob, {
    get: (target, key) => (key === 'slice' ? (...args) => { reads++; return target.slice(...args); }
      : typeof target[key] === 'function' ? target[key].bind(target) : target[key]),
    getPrototypeOf: () => Blob.prototype,
  });
  const t0 = performance.now();
  const m = await pl.readModel(counting, { filename: 'big.keras' });
  assert.ok(performance.now() - t0 < 1000);
  assert.equal(m.hasWeights, true);
  assert.ok(reads <= 2, `read ${reads} slices of a ${zip.length}-byte archive for its config`);
  const json = readFileSync(join(FIXTURES, 'cnn_keras2.json'), 'utf8');
  assert.equal((await pl.summary(blob, { style: 'keras3' })).text, pl.summary(json, { style: 'keras3' }).text);
  assert.equal((await pl.readModel(blob, { weights: true })).weightArrays, 4);
});
