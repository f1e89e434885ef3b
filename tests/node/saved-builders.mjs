// Saved model files built with the site's own h5wasm (libhdf5) and fflate, in the layouts
// Keras writes (keras/src/saving/saving_lib.py for .keras; tf_keras/src/saving/legacy/
// hdf5_format.py save_model_to_hdf5 for .h5): small models whose JSON is known, for the node
// and browser tests of reading saved files. The repository's own fixtures (tests/fixtures/saved/,
// made with Python's zipfile and h5py) are the reference; these add what a test needs to vary.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// The built site (as site.mjs finds it), without loading the PadLab module itself.
const webDir = resolve(process.env.PADLAB_WEB_DIR ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'build', 'web'));

const { default: h5wasm } = await import(pathToFileURL(join(webDir, 'vendor', 'h5wasm', 'hdf5_hl.js')).href);
const { FS } = await h5wasm.ready;
export const fflate = await import(pathToFileURL(join(webDir, 'vendor', 'fflate.js')).href);

export const enc = (s) => new TextEncoder().encode(s);

// A small Keras 3 Sequential config (keras/src/models/sequential.py get_config, as
// model.to_json() writes it): Input (8, 8, 1) -> Conv2D(2, 3, relu) -> Flatten -> Dense(3).
const layer = (class_name, config, extra = {}) => ({ module: 'keras.layers', class_name, config, registered_name: null, ...extra });
export const KERAS3_CONFIG = {
  module: 'keras',
  class_name: 'Sequential',
  config: {
    name: 'sequential',
    trainable: true,
    dtype: 'float32',
    layers: [
      layer('InputLayer', { batch_shape: [null, 8, 8, 1], dtype: 'float32', sparse: false, name: 'input_layer' }),
      layer('Conv2D', { name: 'conv2d', trainable: true, dtype: 'float32', filters: 2, kernel_size: [3, 3], strides: [1, 1],
                        padding: 'valid', data_format: 'channels_last', dilation_rate: [1, 1], groups: 1, activation: 'relu',
                        use_bias: true }),
      layer('Flatten', { name: 'flatten', trainable: true, dtype: 'float32', data_format: 'channels_last' }),
      layer('Dense', { name: 'dense', trainable: true, dtype: 'float32', units: 3, activation: 'linear', use_bias: true }),
    ],
  },
  registered_name: null,
};
export const CONV_KERNEL = { shape: [3, 3, 1, 2], n: 18 };
export const CONV_BIAS = { shape: [2], n: 2 };
export const DENSE_KERNEL = { shape: [72, 3], n: 216 };
export const DENSE_BIAS = { shape: [3], n: 3 };
export const ramp = (n, scale) => Float32Array.from({ length: n }, (_, i) => (i - n / 2) * scale);

// An HDF5 file written by libhdf5 (h5wasm), as bytes. build(file) adds groups and datasets.
let seq = 0;
function h5Bytes(build) {
  const path = `/fixture-${++seq}.h5`;
  const f = new h5wasm.File(path, 'w');
  build(f);
  f.close();
  const bytes = FS.readFile(path);
  FS.unlink(path);
  return bytes;
}

// model.weights.h5 of a .keras archive (Keras 3 Layer.save_own_variables: layers/<name>/vars/<i>).
function kerasWeightsH5() {
  return h5Bytes((f) => {
    for (const [group, vars] of [['layers/conv2d', [CONV_KERNEL, CONV_BIAS]], ['layers/dense', [DENSE_KERNEL, DENSE_BIAS]]]) {
      let at = '';
      for (const part of `${group}/vars`.split('/')) {  // h5wasm makes one level at a time
        at = at ? `${at}/${part}` : part;
        if (!f.get(at)) f.create_group(at);
      }
      vars.forEach((v, i) => f.get(`${group}/vars`).create_dataset({ name: String(i), data: ramp(v.n, 0.01), shape: v.shape }));
    }
  });
}

// A .keras archive as Keras 3 writes it: metadata.json, config.json, model.weights.h5 (stored).
export function kerasArchive({ config = JSON.stringify(KERAS3_CONFIG), version = '3.3.3', weights = true } = {}) {
  const files = {
    'metadata.json': enc(JSON.stringify({ keras_version: version, date_saved: '2026-12-07@11:00:00' })),
    'config.json': enc(config),
  };
  if (weights) files['model.weights.h5'] = [kerasWeightsH5(), { level: 0 }];
  return fflate.zipSync(files);
}

// A legacy .h5 as tf_keras/src/saving/legacy/hdf5_format.py save_model_to_hdf5 writes it.
export const KERAS2_CONFIG = {
  class_name: 'Sequential',
  config: {
    name: 'sequential',
    layers: [
      { class_name: 'InputLayer', config: { batch_input_shape: [null, 8, 8, 1], dtype: 'float32', sparse: false, ragged: false, name: 'conv2d_input' } },
      { class_name: 'Conv2D', config: { name: 'conv2d', trainable: true, dtype: 'float32', filters: 2, kernel_size: [3, 3], strides: [1, 1],
                                        padding: 'valid', data_format: 'channels_last', dilation_rate: [1, 1], groups: 1, activation: 'relu', use_bias: true } },
      { class_name: 'Flatten', config: { name: 'flatten', trainable: true, dtype: 'float32', data_format: 'channels_last' } },
      { class_name: 'Dense', config: { name: 'dense', trainable: true, dtype: 'float32', units: 3, activation: 'linear', use_bias: true } },
    ],
  },
  keras_version: '2.15.0',
  backend: 'tensorflow',
};
export function legacyH5({ config = JSON.stringify(KERAS2_CONFIG), weightsOnly = false } = {}) {
  return h5Bytes((f) => {
    if (!weightsOnly) {
      f.create_attribute('model_config', config);
      f.create_attribute('keras_version', '2.15.0');
      f.create_attribute('backend', 'tensorflow');
    }
    const root = weightsOnly ? f : (f.create_group('model_weights'), f.get('model_weights'));
    root.create_attribute('layer_names', ['conv2d', 'flatten', 'dense']);
    root.create_attribute('backend', 'tensorflow');
    root.create_attribute('keras_version', '2.15.0');
    for (const [name, vars] of [['conv2d', [['kernel', CONV_KERNEL], ['bias', CONV_BIAS]]], ['flatten', []], ['dense', [['kernel', DENSE_KERNEL], ['bias', DENSE_BIAS]]]]) {
      root.create_group(name);
      const g = root.get(name);
      // A layer without weights: h5py writes an empty float array, which h5wasm cannot; the
      // attribute is left out (the reader takes both as "no weights").
      if (vars.length) g.create_attribute('weight_names', vars.map(([v]) => `${name}/${v}:0`));
      if (vars.length) g.create_group(name);
      for (const [v, spec] of vars) g.get(name).create_dataset({ name: `${v}:0`, data: ramp(spec.n, 0.02), shape: spec.shape });
    }
  });
}


// A zip whose headers declare `entry` far larger than it is (a zip bomb's headers, without the
// gigabytes): the local header's and the central directory's uncompressed size fields
// (APPNOTE.TXT 4.3.7 offset 22, 4.3.12 offset 24) set to `declared`.
export function forgedSizeZip(files, entry, declared) {
  const zip = fflate.zipSync(files, { level: 0 });
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const name = enc(entry);
  const nameAt = (at) => name.every((b, i) => zip[at + i] === b);
  for (let at = 0; at + 46 < zip.length; at++) {
    const sig = view.getUint32(at, true);
    if (sig === 0x04034b50 && view.getUint16(at + 26, true) === name.length && nameAt(at + 30)) view.setUint32(at + 22, declared, true);
    if (sig === 0x02014b50 && view.getUint16(at + 28, true) === name.length && nameAt(at + 46)) view.setUint32(at + 24, declared, true);
  }
  return zip;
}
