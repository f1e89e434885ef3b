// pl.summary: the seed blog's models (Python source, as the playground sends them), Keras 2
// text byte for byte, Keras 3 text, JSON sources and the structured fields.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { padlabError, pl } from './site.mjs';

const blogModel = (padding) => `from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Dense, Flatten, Conv2D

input_shape = (28, 28, 1)
no_classes = 10

# Create the model
model = Sequential()
model.add(Conv2D(32, kernel_size=(3, 3), activation='relu', input_shape=input_shape, padding='${padding}'))
model.add(Conv2D(64, kernel_size=(3, 3), activation='relu', padding='${padding}'))
model.add(Conv2D(128, kernel_size=(3, 3), activation='relu', padding='${padding}'))
model.add(Flatten())
model.add(Dense(256, activation='relu'))
model.add(Dense(no_classes, activation='softmax'))
`;
const VALID = blogModel('valid');
const SAME = blogModel('same');

// Keras 2 era A (the blog's format). Rows are padded to 65 columns: the quotes keep the
// trailing spaces visible.
const VALID_KERAS2 = [
  'Model: "sequential"',
  '_________________________________________________________________',
  'Layer (type)                 Output Shape              Param #   ',
  '=================================================================',
  'conv2d (Conv2D)              (None, 26, 26, 32)        320       ',
  '_________________________________________________________________',
  'conv2d_1 (Conv2D)            (None, 24, 24, 64)        18496     ',
  '_________________________________________________________________',
  'conv2d_2 (Conv2D)            (None, 22, 22, 128)       73856     ',
  '_________________________________________________________________',
  'flatten (Flatten)            (None, 61952)             0         ',
  '_________________________________________________________________',
  'dense (Dense)                (None, 256)               15859968  ',
  '_________________________________________________________________',
  'dense_1 (Dense)              (None, 10)                2570      ',
  '=================================================================',
  'Total params: 15,955,210',
  'Trainable params: 15,955,210',
  'Non-trainable params: 0',
  '_________________________________________________________________',
  '',
].join('\n');

const SAME_KERAS2 = [
  'Model: "sequential"',
  '_________________________________________________________________',
  'Layer (type)                 Output Shape              Param #   ',
  '=================================================================',
  'conv2d (Conv2D)              (None, 28, 28, 32)        320       ',
  '_________________________________________________________________',
  'conv2d_1 (Conv2D)            (None, 28, 28, 64)        18496     ',
  '_________________________________________________________________',
  'conv2d_2 (Conv2D)            (None, 28, 28, 128)       73856     ',
  '_________________________________________________________________',
  'flatten (Flatten)            (None, 100352)            0         ',
  '_________________________________________________________________',
  'dense (Dense)                (None, 256)               25690368  ',
  '_________________________________________________________________',
  'dense_1 (Dense)              (None, 10)                2570      ',
  '=================================================================',
  'Total params: 25,785,610',
  'Trainable params: 25,785,610',
  'Non-trainable params: 0',
  '_________________________________________________________________',
  '',
].join('\n');

const VALID_KERAS3 = [
  'Model: "sequential"',
  '┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓',
  '┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃',
  '┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩',
  '│ conv2d (Conv2D)                 │ (None, 26, 26, 32)     │           320 │',
  '├─────────────────────────────────┼────────────────────────┼───────────────┤',
  '│ conv2d_1 (Conv2D)               │ (None, 24, 24, 64)     │        18,496 │',
  '├─────────────────────────────────┼────────────────────────┼───────────────┤',
  '│ conv2d_2 (Conv2D)               │ (None, 22, 22, 128)    │        73,856 │',
  '├─────────────────────────────────┼────────────────────────┼───────────────┤',
  '│ flatten (Flatten)               │ (None, 61952)          │             0 │',
  '├─────────────────────────────────┼────────────────────────┼───────────────┤',
  '│ dense (Dense)                   │ (None, 256)            │    15,859,968 │',
  '├─────────────────────────────────┼────────────────────────┼───────────────┤',
  '│ dense_1 (Dense)                 │ (None, 10)             │         2,570 │',
  '└─────────────────────────────────┴────────────────────────┴───────────────┘',
  ' Total params: 15,955,210 (60.86 MB)',
  ' Trainable params: 15,955,210 (60.86 MB)',
  ' Non-trainable params: 0 (0.00 B)',
];

test("seed model, padding='valid': totals and the exact Keras 2 text", () => {
  const s = pl.summary(VALID);
  assert.equal(s.totalParams, 15955210);
  assert.equal(s.trainableParams, 15955210);
  assert.equal(s.nonTrainableParams, 0);
  assert.equal(s.text, VALID_KERAS2);
  assert.equal(pl.summary(VALID, { style: 'keras2', era: 'A' }).text, VALID_KERAS2);
});

test("seed model, padding='same': totals and the exact Keras 2 text", () => {
  const s = pl.summary(SAME);
  assert.equal(s.totalParams, 25785610);
  assert.equal(s.text, SAME_KERAS2);
});

test('Keras 3 style at the default width 76', () => {
  const text = pl.summary(VALID, { style: 'keras3' }).text;
  assert.deepEqual(text.split('\n').filter((l) => l !== ''), VALID_KERAS3);
  assert.equal(pl.summary(VALID, { style: 'keras3', lineLength: 76 }).text, text);
  const wide = pl.summary(VALID, { style: 'keras3', lineLength: 88 }).text;
  assert.ok(wide.split('\n').some((l) => l.length === 88), 'a wider table');
});

test('Keras 2 eras B and C', () => {
  const b = pl.summary(VALID, { era: 'B' }).text.split('\n');
  assert.equal(b[2], ' Layer (type)                Output Shape              Param #   ');
  assert.equal(b[5], ' '.repeat(65));
  const c = pl.summary(VALID, { era: 'C' }).text;
  assert.match(c, /^Total params: 15955210 \(60\.86 MB\)$/m);
  assert.match(c, /^Non-trainable params: 0 \(0\.00 Byte\)$/m);
});

test('structured fields: layers, shapes with null for None, padding, MACs, lines', () => {
  const s = pl.summary(VALID);
  assert.equal(s.name, 'sequential');
  assert.deepEqual(s.layers.map((l) => l.name), ['conv2d', 'conv2d_1', 'conv2d_2', 'flatten', 'dense', 'dense_1']);
  assert.deepEqual(s.layers.map((l) => l.className), ['Conv2D', 'Conv2D', 'Conv2D', 'Flatten', 'Dense', 'Dense']);
  assert.deepEqual(s.layers.map((l) => l.params), [320, 18496, 73856, 0, 15859968, 2570]);
  const conv = s.layers[0];
  assert.deepEqual(conv.inputShape, [null, 28, 28, 1]);
  assert.deepEqual(conv.outputShape, [null, 26, 26, 32]);
  assert.deepEqual(conv.padding, [[0, 0], [0, 0]]);
  assert.equal(conv.trainableParams, 320);
  assert.equal(conv.nonTrainableParams, 0);
  assert.equal(conv.macs, 194688);
  assert.equal(conv.line, 9);
  assert.equal(s.layers[3].padding, null);
  assert.equal(s.layers[5].line, 14);
  assert.equal(s.totalMacs, 62358144);

  const same = pl.summary(SAME);
  assert.deepEqual(same.layers[0].padding, [[1, 1], [1, 1]]);
  assert.equal(same.totalMacs, 98171904);
});

test('Keras 2 JSON, its parsed object, and a TF.js model.json', () => {
  const keras2 = {
    class_name: 'Sequential',
    config: {
      name: 'sequential',
      layers: [
        { class_name: 'InputLayer', config: { batch_input_shape: [null, 28, 28, 1], dtype: 'float32', sparse: false, ragged: false, name: 'conv2d_input' } },
        { class_name: 'Conv2D', config: { name: 'conv2d', trainable: true, batch_input_shape: [null, 28, 28, 1], dtype: 'float32', filters: 2, kernel_size: [3, 3], strides: [1, 1], padding: 'same', data_format: 'channels_last', dilation_rate: [1, 1], groups: 1, activation: 'linear', use_bias: true } },
      ],
    },
    keras_version: '2.12.0',
    backend: 'tensorflow',
  };
  const fromText = pl.summary(JSON.stringify(keras2));
  assert.equal(fromText.totalParams, 20);
  assert.deepEqual(fromText.layers[0].outputShape, [null, 28, 28, 2]);
  assert.deepEqual(fromText.layers[0].padding, [[1, 1], [1, 1]]);
  assert.deepEqual(pl.summary(keras2), fromText);

  const tfjs = { modelTopology: { ...keras2, config: { name: 'sequential_1', layers: [keras2.config.layers[1]] } }, format: 'layers-model', weightsManifest: [] };
  const s = pl.summary(JSON.stringify(tfjs));
  assert.equal(s.name, 'sequential_1');
  assert.equal(s.totalParams, 20);
});

test('model errors carry kind, layer and line', () => {
  const unknown = padlabError(() => pl.summary(VALID.replace('Flatten()', 'Flattenn()')));
  assert.equal(unknown.kind, 'NameError');  // a typo of Flatten ("Did you mean 'Flatten'?")
  assert.equal(unknown.line, 12);
  const bad = padlabError(() => pl.summary(VALID.replace("kernel_size=(3, 3), activation='relu', padding='valid'))\nmodel.add(Flatten", "kernel_size=(30, 30), activation='relu', padding='valid'))\nmodel.add(Flatten")));
  assert.ok(['ShapeError', 'ArgumentError'].includes(bad.kind), bad.kind);
  assert.equal(bad.layer, 'conv2d_2');
  assert.equal(bad.line, 11);
  const json = padlabError(() => pl.summary('{"class_name": "Sequential", '));
  assert.equal(json.kind, 'ParseError');
  assert.equal(json.line, 1);
});

test('a Functional model from JSON: Keras 2 and 3 graph tables, connections, options', () => {
  const model = JSON.stringify({ class_name: 'Functional', keras_version: '2.11.0', config: { name: 'res', layers: [
    { name: 'x', class_name: 'InputLayer', config: { batch_input_shape: [null, 8, 8, 4], name: 'x' }, inbound_nodes: [] },
    { name: 'c', class_name: 'Conv2D', config: { name: 'c', filters: 4, kernel_size: [3, 3], padding: 'same' }, inbound_nodes: [[['x', 0, 0, {}]]] },
    { name: 'add', class_name: 'Add', config: { name: 'add' }, inbound_nodes: [[['c', 0, 0, {}], ['x', 0, 0, {}]]] }],
  input_layers: [['x', 0, 0]], output_layers: [['add', 0, 0]] } });
  const s = pl.summary(model);
  assert.equal(s.graph, true);
  assert.deepEqual(s.layers.map((l) => l.name), ['x', 'c', 'add']);
  assert.equal(s.layers[0].isInput, true);
  assert.deepEqual(s.layers[2].connectedTo, ['c[0][0]', 'x[0][0]']);
  assert.match(s.text, /^Layer \(type\) {20}Output Shape {9}Param # {5}Connected to {21}$/m);
  assert.match(s.text, /^add \(Add\) +\(None, 8, 8, 4\) +0 +c\[0\]\[0\] +$/m);
  assert.match(s.text, /^ {65}x\[0\]\[0\] +$/m);
  const k3 = pl.summary(model, { style: 'keras3', showTrainable: true });
  assert.match(k3.text, /Trainable/);
  assert.match(k3.text, /┃ Connected to/);
  assert.throws(() => pl.summary(model, { expandNested: 'yes' }), /expandNested must be a boolean/);
  // Keras's shape rule for Add, at the layer: 'valid' padding breaks the residual.
  const broken = model.replace('"padding":"same"', '"padding":"valid"');
  assert.throws(() => pl.summary(broken), (e) => e.layer === 'add' && /Inputs have incompatible shapes/.test(e.message));
});

test('Keras Applications summarise in wasm; weights="imagenet" is a note, never loaded', () => {
  const s = pl.summary('from tensorflow import keras\nmodel = keras.applications.ResNet50()\n');
  assert.equal(s.name, 'resnet50');
  assert.equal(s.layers.length, 177);
  assert.equal(s.totalParams, 25636712);
  assert.equal(s.notes.length, 1);
  assert.match(s.notes[0], /ImageNet weights are not loaded/);
  assert.deepEqual(pl.summary('from tensorflow import keras\nmodel = keras.applications.VGG16(weights=None)\n').notes, []);
  assert.equal(pl.summary('from tensorflow import keras\nmodel = keras.applications.VGG16(weights=None)\n').totalParams, 138357544);
});

test('receptiveField: a record per layer from the core analysis, the Keras text unchanged', () => {
  const plain = pl.summary(SAME);
  const s = pl.summary(SAME, { receptiveField: true });
  assert.equal(s.text, plain.text);
  assert.equal(plain.layers[0].receptiveField, undefined);
  // conv2d 3x3 'same' on 28x28: r 3, S 1, P 1; rows and columns 0 and 27 read padding.
  assert.deepEqual(s.layers[0].receptiveField, {
    size: [3, 3], stride: [1, 1], padding: [1, 1], aligned: true, borderAffected: [2, 2], borderBefore: [1, 1],
    borderFraction: 1 - (26 * 26) / (28 * 28), unread: [0, 0], unreadEnd: [0, 0], extraCell: [null, null],
  });
  assert.deepEqual(s.layers[2].receptiveField.size, [7, 7]);  // three 3x3 convs
  assert.equal(s.layers.at(-1).receptiveField, null);  // Dense after Flatten
  assert.equal(plain.receptiveFieldText, undefined);
  assert.equal(s.receptiveFieldPacked, undefined);  // the binding's transport, unpacked by padlab.js
  // The CLI's --receptive-field table (tests/cli/test_cli.sh), from the same analysis.
  assert.match(s.receptiveFieldText, /^\nReceptive fields \(in input positions, per spatial axis\):\nLayer +RF +Jump +Padding +Border-affected +Unread\nconv2d +3x3 +1x1 +1x1 +13\.8%/);
  assert.throws(() => pl.summary(SAME, { receptiveField: 'yes' }), /receptiveField must be a boolean/);
});
