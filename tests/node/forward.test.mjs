// pl.forward / pl.modelWeights: a Sequential model run forward in the core with seeded
// Keras-default weights, checked against TF.js (tfjs-layers on the CPU backend) given the same
// weights, plus the API's errors and memory behaviour.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';

import { padlabError, pl } from './site.mjs';

await tf.setBackend('cpu');

const SEED_VALID = `model = Sequential()
model.add(Conv2D(32, kernel_size=(3, 3), activation='relu', input_shape=(28, 28, 1), padding='valid'))
model.add(Conv2D(64, kernel_size=(3, 3), activation='relu'))
model.add(Conv2D(128, kernel_size=(3, 3), activation='relu', padding='valid'))
model.add(Flatten())
model.add(Dense(256, activation='relu'))
model.add(Dense(10, activation='softmax'))
`;

// A model touching every kind of op the forward pass has, small enough for TF.js's CPU backend.
const MIXED = `model = Sequential()
model.add(Conv2D(6, (3, 3), padding='same', activation='relu', input_shape=(9, 7, 3)))
model.add(DepthwiseConv2D((3, 3), depth_multiplier=2, padding='valid'))
model.add(BatchNormalization())
model.add(MaxPooling2D((2, 2), padding='same'))
model.add(ZeroPadding2D(((1, 0), (0, 2))))
model.add(AveragePooling2D((2, 2), strides=(1, 1)))
model.add(Cropping2D(((0, 1), (1, 0))))
model.add(Flatten())
model.add(Dense(16, activation='tanh'))
model.add(Dropout(0.5))
model.add(Dense(5, activation='softmax'))
`;

function tfMixed() {
  return tfl.sequential({
    layers: [
      tfl.layers.conv2d({ inputShape: [9, 7, 3], filters: 6, kernelSize: 3, padding: 'same', activation: 'relu' }),
      tfl.layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, padding: 'valid' }),
      tfl.layers.batchNormalization(),
      tfl.layers.maxPooling2d({ poolSize: 2, padding: 'same' }),
      tfl.layers.zeroPadding2d({ padding: [[1, 0], [0, 2]] }),
      tfl.layers.averagePooling2d({ poolSize: 2, strides: 1 }),
      tfl.layers.cropping2D({ cropping: [[0, 1], [1, 0]] }),
      tfl.layers.flatten(),
      tfl.layers.dense({ units: 16, activation: 'tanh' }),
      tfl.layers.dropout({ rate: 0.5 }),
      tfl.layers.dense({ units: 5, activation: 'softmax' }),
    ],
  });
}

function tfSeed() {
  return tfl.sequential({
    layers: [
      tfl.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu' }),
      tfl.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }),
      tfl.layers.conv2d({ filters: 128, kernelSize: 3, activation: 'relu' }),
      tfl.layers.flatten(),
      tfl.layers.dense({ units: 256, activation: 'relu' }),
      tfl.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
}

// TF.js's prediction with PadLab's weights for (source, seed). Weights are set layer by layer:
// PadLab lists them in Keras's get_weights() order (per layer: kernel, bias; gamma, beta,
// moving_mean, moving_variance), TF.js's model.getWeights() puts every non-trainable one last.
function tfPredict(model, source, seed, input) {
  const byLayer = new Map();
  for (const w of pl.modelWeights(source, { seed })) {
    if (!byLayer.has(w.layer)) byLayer.set(w.layer, []);
    byLayer.get(w.layer).push(w);
  }
  const groups = [...byLayer.values()];
  const tfLayers = model.layers.filter((l) => l.getWeights().length > 0);
  assert.equal(groups.length, tfLayers.length);
  tfLayers.forEach((layer, i) => {
    const ours = groups[i];
    layer.getWeights().forEach((t, j) => assert.deepEqual(ours[j].shape, t.shape, `${ours[j].layer}/${ours[j].name}`));
    layer.setWeights(ours.map((w) => tf.tensor(w.data, w.shape)));
  });
  const x = tf.tensor(input, [1, ...model.inputs[0].shape.slice(1)]);
  return model.predict(x).dataSync();
}

function expectError(fn, fields) {
  const e = padlabError(fn);
  for (const [k, v] of Object.entries(fields)) assert.equal(e[k], v, `${k} of: ${e.message}`);
  return e;
}

function assertClose(actual, expected, tol) {
  assert.equal(actual.length, expected.length);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / (1 + Math.abs(expected[i])));
  assert.ok(worst <= tol, `worst relative difference ${worst} > ${tol}`);
}

test('the seed model runs forward: shapes, a softmax, one timing per layer', () => {
  const r = pl.forward(SEED_VALID);
  assert.deepEqual(r.inputShape, [1, 28, 28, 1]);
  assert.deepEqual(r.outputShape, [1, 10]);
  assert.ok(r.output instanceof Float32Array);
  assert.equal(r.output.length, 10);
  assert.ok(Math.abs(r.output.reduce((a, b) => a + b, 0) - 1) < 1e-5);
  assert.deepEqual(r.layers.map((l) => l.name), ['conv2d', 'conv2d_1', 'conv2d_2', 'flatten', 'dense', 'dense_1']);
  assert.deepEqual(r.layers[2].outputShape, [1, 22, 22, 128]);
  assert.equal(r.layers[4].macs, 22 * 22 * 128 * 256);
  for (const l of r.layers) assert.ok(l.ms >= 0 && Number.isFinite(l.ms));
  assert.ok(r.totalMs >= r.layers.reduce((a, l) => a + l.ms, 0) * 0.9);
});

test('weights are deterministic per seed; the input option replaces the default input', () => {
  const a = pl.forward(SEED_VALID, { seed: 7 }).output;
  assert.deepEqual(pl.forward(SEED_VALID, { seed: 7 }).output, a);
  assert.notDeepEqual(pl.forward(SEED_VALID, { seed: 8 }).output, a);
  const digit = new Float32Array(784).map((_, i) => ((i * 37) % 255) / 255);
  const b = pl.forward(SEED_VALID, { seed: 7, input: digit }).output;
  assert.notDeepEqual(b, a);
  assert.deepEqual(pl.forward(SEED_VALID, { seed: 7, input: Array.from(digit) }).output, b);
});

test('the forward pass equals TF.js with the same weights (seed model)', () => {
  const input = new Float32Array(784).map((_, i) => Math.sin(i) * 0.5 + 0.5);
  const ours = pl.forward(SEED_VALID, { seed: 3, input }).output;
  const model = tfSeed();
  assertClose(ours, tfPredict(model, SEED_VALID, 3, input), 1e-5);
  model.dispose();
});

test('the forward pass equals TF.js with the same weights (conv, depthwise, batch norm, pooling, padding, cropping, dense)', () => {
  const input = new Float32Array(9 * 7 * 3).map((_, i) => Math.cos(i * 0.7));
  const r = pl.forward(MIXED, { seed: 11, input });
  assert.deepEqual(r.outputShape, [1, 5]);
  assert.ok(Math.max(...r.output) - Math.min(...r.output) > 0.01, 'a near-uniform softmax would hide differences');
  const model = tfMixed();
  assertClose(r.output, tfPredict(model, MIXED, 11, input), 1e-5);
  model.dispose();
});

test('onLayer reports each layer as it finishes; its exception comes back after the pass', () => {
  const seen = [];
  const r = pl.forward(SEED_VALID, { onLayer: (layer, index) => seen.push([index, layer.name, layer.outputShape.length]) });
  assert.deepEqual(seen.map((s) => s[0]), [0, 1, 2, 3, 4, 5]);
  assert.deepEqual(seen.map((s) => s[1]), r.layers.map((l) => l.name));
  let calls = 0;
  assert.throws(() => pl.forward(SEED_VALID, { onLayer: () => { calls++; throw new RangeError('stop'); } }), RangeError);
  assert.equal(calls, 1);
  expectError(() => pl.forward(SEED_VALID, { onLayer: 3 }), { kind: 'ArgumentError' });
  assert.equal(pl.forward(SEED_VALID).output.length, 10);
});

test('errors name what is wrong, and the module stays usable', () => {
  expectError(() => pl.forward('model = Sequential()\nmodel.add(SeparableConv2D(4, 3, input_shape=(8, 8, 2)))\n'),
              { kind: 'UnsupportedError', layer: 'separable_conv2d', line: 2 });
  expectError(() => pl.forward('model = Sequential()\nmodel.add(Conv1D(4, 3, input_shape=(None, 2)))\n'), { kind: 'ShapeError' });
  expectError(() => pl.forward(SEED_VALID, { input: new Float32Array(5) }), { kind: 'ShapeError' });
  expectError(() => pl.forward(SEED_VALID, { seed: -1 }), { kind: 'ArgumentError' });
  expectError(() => pl.forward(SEED_VALID, { seed: 1.5 }), { kind: 'ArgumentError' });
  expectError(() => pl.forward(SEED_VALID, { sede: 1 }), { kind: 'ArgumentError' });
  expectError(() => pl.forward(42), { kind: 'ArgumentError' });
  expectError(() => pl.forward('model = Sequential(\n'), { kind: 'ParseError' });
  expectError(() => pl.forward('model = Sequential()\nmodel.add(Dense(60000, input_shape=(60000,)))\n'), { kind: 'LimitError' });
  assert.equal(pl.forward(SEED_VALID).output.length, 10);
});

test('running again allocates nothing new; at most two models stay built', () => {
  const models = [1, 2, 3].map((s) => `model = Sequential()\nmodel.add(Dense(${100 * s}, input_shape=(1000,)))\n`);
  for (const m of models) pl.forward(m);
  const used = pl.memoryStats().usedBytes;
  for (let i = 0; i < 20; i++) pl.forward(models[i % 2 ? 1 : 2]);
  assert.equal(pl.memoryStats().usedBytes, used);
  // Building a third model evicts the least recently used: memory stays bounded.
  for (let i = 0; i < 10; i++) for (const m of models) pl.forward(m);
  assert.ok(pl.memoryStats().usedBytes <= used + 4 * 1000 * 300 + 65536);
});

test('forward and modelWeights are refused inside onLayer (they could free the running model)', () => {
  const other = 'model = Sequential()\nmodel.add(Dense(3, input_shape=(4,)))\n';
  const kinds = [];
  const r = pl.forward(SEED_VALID, {
    onLayer: () => {
      for (const call of [() => pl.forward(other), () => pl.modelWeights(other), () => pl.forward(SEED_VALID)]) {
        try { call(); kinds.push('returned'); } catch (e) { kinds.push(e.kind); }
      }
      pl.summary(other);  // everything else works there
    },
  });
  assert.equal(r.output.length, 10);
  assert.deepEqual([...new Set(kinds)], ['ArgumentError']);
  assert.equal(pl.forward(other).output.length, 3);
});

test('huge activations are a LimitError, not a trap', () => {
  expectError(() => pl.forward('model = Sequential()\nmodel.add(MaxPooling2D(pool_size=(65536, 65536), input_shape=(65536, 65536, 1)))\n'),
              { kind: 'LimitError' });
  expectError(() => pl.forward('model = Sequential()\nmodel.add(Dense(1, input_shape=(200000000,)))\n'), { kind: 'LimitError' });
  assert.equal(pl.forward(SEED_VALID).output.length, 10);
});
