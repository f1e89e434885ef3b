// Layer-family models built with TensorFlow.js 4.22 for fixtures/families.json (written by
// generate_families.mjs): text and sequence layers (Embedding, SimpleRNN, LSTM, GRU,
// Bidirectional, TimeDistributed, ConvLSTM2D, Masking, RepeatVector, Permute), activation
// layers, noise / dropout layers, preprocessing layers and LayerNormalization, in Sequential and
// Functional models mixed with Dense / Conv / pooling / Flatten / Reshape / global pooling.
// Each case is written twice: TF.js's model.toJSON() and the same model as tutorial Python,
// with what TF.js reports for it (or, for a `witness: "keras"` case, what Keras reports where
// TF.js departs from it: see tests/golden/README.md).
//
// Every layer is named explicitly (TF.js's auto-names are not Keras's); a wrapped layer
// sometimes is (Python then names it too) and sometimes not (TF.js's JSON carries its
// auto-name, the Python none).
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

import { py } from './graph_cases.mjs';

// ------------------------------------------------------------------ TF.js in node, repaired
// tfjs-core's node bundle does not register the chained tensor methods, which tfjs-layers'
// Orthogonal initializer (every recurrent kernel's default) calls: register the five it uses.
// Initial weights are never written, so this changes nothing in the fixtures.
for (const op of ['flatten', 'stridedSlice', 'sign', 'transpose', 'reshape']) {
  if (!tf.Tensor.prototype[op]) {
    tf.Tensor.prototype[op] = op === 'flatten' ? function flatten() { return tf.reshape(this, [this.size]); }
      : function chained(...a) { return tf[op](this, ...a); };
  }
}
// CenterCrop and CategoryEncoding compute the right shape but write it INTO the input shape
// array they are given (tfjs-layers 4.22 preprocessing/center_crop.ts, category_encoding.ts), so
// the previous layer's output shape (and a first layer's saved batch_input_shape) changes too.
// Keras copies (tf_keras/layers/preprocessing/image_preprocessing.py CenterCrop,
// keras/src/layers/preprocessing/category_encoding.py compute_output_shape): give TF.js a copy.
const copyingShape = (factory) => {
  const proto = Object.getPrototypeOf(factory({ height: 1, width: 1, numTokens: 1 }));
  const own = proto.computeOutputShape;
  proto.computeOutputShape = function computeOutputShape(s) { return own.call(this, Array.isArray(s) ? [...s] : s); };
};
copyingShape(tfl.layers.centerCrop);
copyingShape(tfl.layers.categoryEncoding);
// Where TF.js's shape rule departs from Keras's, the generator swaps in Keras's rule; a case
// that uses such a layer is recorded with `witness: "keras"` (README, "Known differences").
const KERAS_RULES = {
  // TF.js: [height, width, inputShape[2]] (the batch axis dropped, the width read as channels).
  // Keras 3 keras/src/layers/preprocessing/image_preprocessing/resizing.py compute_output_shape
  // (a rank-4 input is a batch): (batch, height, width, channels); tf.keras 2 the same.
  Resizing: (layer, s) => [s[0], layer.height, layer.width, s[3]],
  // TF.js: [imgHeight, -1, channels], imgHeight only set by call(), so Sequential.add throws
  // "Negative dimension size". tf_keras/layers/preprocessing/image_preprocessing.py RandomWidth
  // compute_output_shape (and Keras 3 keras/src/legacy/layers.py): the width becomes None.
  RandomWidth: (layer, s) => [...s.slice(0, -2), null, s[s.length - 1]],
};
const patched = new Set();
for (const [cls, rule] of Object.entries(KERAS_RULES)) {
  const factory = { Resizing: tfl.layers.resizing, RandomWidth: tfl.layers.randomWidth }[cls];
  const proto = Object.getPrototypeOf(factory({ height: 1, width: 1, factor: 0.1 }));
  proto.computeOutputShape = function computeOutputShape(s) {
    patched.add(this);
    return rule(this, Array.isArray(s[0]) ? s[0] : s);
  };
}

// Global pooling's keepdims: TF.js 4.22 neither reads nor saves it (GlobalPooling1D/2D take no
// such argument). Keras 3 keras/src/layers/pooling/base_global_pooling.py compute_output_shape
// and tf_keras/layers/pooling/base_global_pooling1d.py / 2d.py: keepdims=True keeps every
// spatial axis as 1. A layer built with keepdims (tfLayer sets it) gets Keras's shape and key.
for (const factory of [tfl.layers.globalAveragePooling1d, tfl.layers.globalAveragePooling2d]) {
  const proto = Object.getPrototypeOf(Object.getPrototypeOf(factory({})));
  const ownShape = proto.computeOutputShape, ownConfig = proto.getConfig;
  proto.computeOutputShape = function computeOutputShape(s) {
    if (!this.keepdims) return ownShape.call(this, s);
    patched.add(this);
    return [s[0], ...s.slice(1, -1).map(() => 1), s[s.length - 1]];
  };
  proto.getConfig = function getConfig() {
    const c = ownConfig.call(this);
    return this.keepdims ? { ...c, keepdims: true } : c;
  };
}

// ------------------------------------------------------------------ layers, in both languages
const FACTORY = {
  Embedding: tfl.layers.embedding, SimpleRNN: tfl.layers.simpleRNN, LSTM: tfl.layers.lstm, GRU: tfl.layers.gru,
  Bidirectional: tfl.layers.bidirectional, TimeDistributed: tfl.layers.timeDistributed, ConvLSTM2D: tfl.layers.convLstm2d,
  Masking: tfl.layers.masking, RepeatVector: tfl.layers.repeatVector, Permute: tfl.layers.permute,
  Softmax: tfl.layers.softmax, ELU: tfl.layers.elu, PReLU: tfl.layers.prelu, ThresholdedReLU: tfl.layers.thresholdedReLU,
  LeakyReLU: tfl.layers.leakyReLU, ReLU: tfl.layers.reLU, SpatialDropout1D: tfl.layers.spatialDropout1d,
  GaussianNoise: tfl.layers.gaussianNoise, GaussianDropout: tfl.layers.gaussianDropout, AlphaDropout: tfl.layers.alphaDropout,
  Rescaling: tfl.layers.rescaling, Resizing: tfl.layers.resizing, CenterCrop: tfl.layers.centerCrop,
  RandomWidth: tfl.layers.randomWidth, CategoryEncoding: tfl.layers.categoryEncoding,
  LayerNormalization: tfl.layers.layerNormalization, BatchNormalization: tfl.layers.batchNormalization,
  Dense: tfl.layers.dense, Dropout: tfl.layers.dropout, Activation: tfl.layers.activation, Flatten: tfl.layers.flatten,
  Reshape: tfl.layers.reshape, Conv1D: tfl.layers.conv1d, Conv2D: tfl.layers.conv2d,
  MaxPooling1D: tfl.layers.maxPooling1d, MaxPooling2D: tfl.layers.maxPooling2d, AveragePooling1D: tfl.layers.averagePooling1d,
  AveragePooling2D: tfl.layers.averagePooling2d,
  GlobalAveragePooling1D: tfl.layers.globalAveragePooling1d, GlobalMaxPooling1D: tfl.layers.globalMaxPooling1d,
  GlobalAveragePooling2D: tfl.layers.globalAveragePooling2d, GlobalMaxPooling2D: tfl.layers.globalMaxPooling2d,
  Concatenate: tfl.layers.concatenate, Add: tfl.layers.add, Multiply: tfl.layers.multiply, Average: tfl.layers.average,
  Dot: tfl.layers.dot,
};
// Keras's positional first arguments, written positionally as tutorials do.
const POSITIONAL = {
  Embedding: ['inputDim', 'outputDim'], SimpleRNN: ['units'], LSTM: ['units'], GRU: ['units'], ConvLSTM2D: ['filters', 'kernelSize'],
  RepeatVector: ['n'], Permute: ['dims'], Dense: ['units'], Dropout: ['rate'], Activation: ['activation'], Reshape: ['targetShape'],
  Conv1D: ['filters', 'kernelSize'], Conv2D: ['filters', 'kernelSize'], MaxPooling1D: ['poolSize'], MaxPooling2D: ['poolSize'],
  SpatialDropout1D: ['rate'], GaussianNoise: ['stddev'], GaussianDropout: ['rate'], AlphaDropout: ['rate'],
  Rescaling: ['scale'], Resizing: ['height', 'width'], CenterCrop: ['height', 'width'], RandomWidth: ['factor'],
};
// TF.js spellings of string values that Keras spells otherwise (TF.js's toJSON writes Keras's).
const PY_VALUE = { oneHot: 'one_hot', multiHot: 'multi_hot', hardSigmoid: 'hard_sigmoid' };
const snake = (k) => k.replace(/([A-Z])/g, '_$1').toLowerCase();

// A layer description: class, TF.js arguments (camelCase), an optional wrapped layer.
export const L = (cls, args = {}, inner = null) => ({ cls, args, inner });

function pyValue(v) {
  if (typeof v === 'string' && v in PY_VALUE) return py(PY_VALUE[v]);
  return py(v);
}
function pyLayer(spec, extra = {}) {
  const args = { ...spec.args, ...(spec.pyArgs ?? {}), ...extra };
  for (const k of Object.keys(args)) if (args[k] === undefined) delete args[k];
  const pos = (POSITIONAL[spec.cls] ?? []).filter((k) => k in args);
  const parts = spec.inner ? [pyLayer(spec.inner)] : [];
  parts.push(...pos.map((k) => pyValue(args[k])));
  for (const [k, v] of Object.entries(args)) if (!pos.includes(k)) parts.push(`${snake(k)}=${pyValue(v)}`);
  return `layers.${spec.cls}(${parts.join(', ')})`;
}
function tfLayer(spec, extra = {}) {
  const { keepdims, ...args } = { ...spec.args, ...extra };
  if (spec.inner) args.layer = tfLayer(spec.inner);
  const layer = FACTORY[spec.cls](args);
  if (keepdims) layer.keepdims = true;
  if (spec.post) posts.set(layer.name, spec.post);
  return layer;
}
// JSON edits of a Keras-witness case: `post(config)` rewrites a layer's saved config as Keras
// writes it (a -1 in Reshape's target_shape, reset_after=True), keyed by layer name.
const posts = new Map();
function applyPosts(json) {
  let edited = false;
  for (const l of json.config.layers) {
    const post = posts.get(l.config.name);
    if (post) { post(l.config); edited = true; }
  }
  posts.clear();
  return edited;
}

// ------------------------------------------------------------------ what TF.js reports
const prod = (xs) => xs.reduce((a, b) => a * b, 1);
const sizeOf = (ws) => ws.reduce((a, w) => a + prod(w.shape), 0);
// A drawn model with a 0-length axis: TF.js accepts it, Keras 3 refuses it ("zero_size" in
// keras_contract.json), so it is drawn again.
class Redraw extends Error {}
function layerRecord(l) {
  const shapes = Array.isArray(l.outputShape[0]) ? l.outputShape : [l.outputShape];
  if (shapes.some((s) => s.includes(0))) throw new Redraw(l.name);
  const params = l.countParams();
  const trainable = l.trainable ? sizeOf(l.trainableWeights) : 0;
  if (sizeOf(l.trainableWeights) + sizeOf(l.nonTrainableWeights) !== params) throw new Error(`family_cases: ${l.name}: weights do not add up`);
  return { name: l.name, class_name: l.getClassName(), output_shape: l.outputShape, params, trainable, non_trainable: params - trainable };
}
function totals(layers) {
  const total = layers.reduce((a, l) => a + l.params, 0);
  const trainable = layers.reduce((a, l) => a + l.trainable, 0);
  return { total_params: total, trainable_params: trainable, non_trainable_params: total - trainable };
}

// ------------------------------------------------------------------ Keras cross-checks
// Parameter counts by Keras's rules, from the saved config and the layer's input shape, for
// the layers whose counts are this file's subject. A disagreement stops the generator.
function kerasParams(cls, c, inShape) {
  const last = inShape[inShape.length - 1];
  switch (cls) {
    // tf_keras/layers/rnn/simple_rnn.py / lstm.py / gru.py SimpleRNNCell/LSTMCell/GRUCell.build:
    // kernel (in, g*u), recurrent_kernel (u, g*u), bias (g*u) or, GRU reset_after, (2, 3u).
    case 'SimpleRNN': case 'LSTM': case 'GRU': {
      const g = { SimpleRNN: 1, LSTM: 4, GRU: 3 }[cls], u = c.units;
      return g * u * (last + u) + (c.use_bias ? g * u * (cls === 'GRU' && c.reset_after ? 2 : 1) : 0);
    }
    // tf_keras/layers/rnn/conv_lstm2d.py -> ConvLSTMCell.build: kernel k + (in, 4f), recurrent
    // kernel k + (f, 4f), bias (4f).
    case 'ConvLSTM2D': {
      const k = prod(c.kernel_size), f = c.filters;
      return 4 * f * k * (last + f) + (c.use_bias ? 4 * f : 0);
    }
    // tf_keras/layers/core/embedding.py build: (input_dim, output_dim).
    case 'Embedding': return c.input_dim * c.output_dim;
    // bidirectional.py: the forward and the backward copy.
    case 'Bidirectional': return 2 * kerasParams(c.layer.class_name, c.layer.config, inShape);
    // prelu.py build: input_shape[1:] with each shared axis set to 1.
    case 'PReLU': {
      const p = inShape.slice(1);
      for (const a of c.shared_axes ?? []) p[a - 1] = 1;
      return prod(p);
    }
    // layer_normalization.py build: gamma and beta of the normalized axes' shape.
    case 'LayerNormalization': return ((c.center ? 1 : 0) + (c.scale ? 1 : 0)) * prod(c.axis.map((a) => inShape[a]));
    default: return null;
  }
}
function crossCheck(l, where) {
  const json = { class_name: l.getClassName(), config: serialize(l) };
  let inShape;
  try { inShape = l.inputShape; } catch { return; }
  if (!Array.isArray(inShape) || Array.isArray(inShape[0])) return;
  const want = kerasParams(json.class_name, json.config, inShape);
  if (want !== null && want !== l.countParams()) throw new Error(`family_cases: ${where} ${l.name}: TF.js counts ${l.countParams()}, Keras's rule ${want}`);
}
// tfjs-layers' convertTsToPythonic (as generate.mjs replicates it), enough for the keys above.
function serialize(l) {
  const toSnake = (k) => k.replace(/(.)([A-Z][a-z0-9]+)/g, '$1_$2').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
  const conv = (v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [toSnake(k), k === 'className' ? x : conv(x)])) : v);
  const c = conv(l.getConfig());
  if (c.layer) c.layer = { class_name: c.layer.class_name ?? c.layer.className, config: conv(c.layer.config) };
  return c;
}

// ------------------------------------------------------------------ the two model kinds
const HEADER = ['from tensorflow import keras', 'from tensorflow.keras import layers', ''];

// A Sequential model: TF.js's first layer carries the input shape; the Python says it in one of
// three tutorial ways (keras.Input in the list, input_shape= on the first layer, model.add).
export class SeqModel {
  constructor(r, name, inputShape) {
    this.r = r;
    this.name = name;
    this.inputShape = inputShape;  // null: the first layer brings its own (Embedding)
    this.specs = [];
  }
  add(spec) { this.specs.push(spec); return this; }
  build() {
    const model = tfl.sequential({ name: this.name });
    const tl = this.specs.map((s, i) => tfLayer(s, i === 0 && this.inputShape ? { inputShape: this.inputShape } : {}));
    for (const l of tl) model.add(l);
    const style = this.inputShape ? this.r.pick(['input', 'input_shape', 'add']) : this.r.pick(['list', 'add']);
    const lines = [...HEADER];
    const inputLine = this.inputShape ? `keras.Input(shape=${py(this.inputShape)})` : null;
    const pyLayers = this.specs.map((s, i) => pyLayer(s, i === 0 && style === 'input_shape' ? { inputShape: this.inputShape } : {}));
    if (style === 'add') {
      lines.push(`model = keras.Sequential(name='${this.name}')`);
      if (inputLine) lines.push(`model.add(${inputLine})`);
      for (const p of pyLayers) lines.push(`model.add(${p})`);
    } else {
      lines.push('model = keras.Sequential([');
      if (style === 'input') lines.push(`    ${inputLine},`);
      for (const p of pyLayers) lines.push(`    ${p},`);
      lines.push(`], name='${this.name}')`);
    }
    lines.push('model.summary()');
    for (const l of tl) crossCheck(l, this.name);
    const layers = tl.map(layerRecord);
    const json = model.toJSON(null, false);
    const edited = applyPosts(json);
    return {
      kind: 'sequential',
      witness: edited || tl.some((l) => patched.has(l)) ? 'keras' : 'tfjs',
      python: lines.join('\n') + '\n',
      model: json,
      expected: { name: model.name, input_shape: model.inputs[0].shape, layers, ...totals(layers) },
    };
  }
}

// A Functional model, as graph_cases.mjs's Dual writes one: keras.Input, layer calls (a list
// output unpacked into names, `o, h, c = layers.LSTM(..., return_state=True)(x)`), keras.Model.
export class FnModel {
  constructor(r, name) {
    this.r = r;
    this.name = name;
    this.lines = [...HEADER];
    this.vars = 0;
    this.layers = [];
  }
  fresh(stem = 'x') { return `${stem}${this.vars++}`; }
  input(shape, name) {
    const t = tfl.input({ shape, name });
    const v = this.fresh('inp');
    this.lines.push(`${v} = keras.Input(shape=${py(shape)}, name='${name}')`);
    return { t, v };
  }
  // spec applied to x (a tensor or a list of them); returns one tensor or, for a layer with
  // several outputs, a list.
  call(spec, x, initialState = null) {
    const layer = tfLayer(spec);
    this.layers.push(layer);
    const out = layer.apply(Array.isArray(x) ? x.map((e) => e.t) : x.t, initialState ? { initialState: initialState.map((e) => e.t) } : {});
    let arg = Array.isArray(x) ? `[${x.map((e) => e.v).join(', ')}]` : x.v;
    if (initialState) arg += `, initial_state=${initialState.length === 1 && this.r.chance(0.5) ? initialState[0].v : `[${initialState.map((e) => e.v).join(', ')}]`}`;
    if (Array.isArray(out)) {
      const vs = out.map(() => this.fresh());
      this.lines.push(`${vs.join(', ')} = ${pyLayer(spec)}(${arg})`);
      return out.map((t, i) => ({ t, v: vs[i] }));
    }
    const v = this.fresh();
    this.lines.push(`${v} = ${pyLayer(spec)}(${arg})`);
    return { t: out, v };
  }
  build(inputs, outputs) {
    const list = (x) => (Array.isArray(x) ? x : [x]);
    const model = tfl.model({ inputs: list(inputs).map((e) => e.t), outputs: Array.isArray(outputs) ? outputs.map((e) => e.t) : outputs.t, name: this.name });
    const side = (x) => (Array.isArray(x) ? `[${x.map((e) => e.v).join(', ')}]` : x.v);
    this.lines.push('', `model = keras.Model(inputs=${side(inputs)}, outputs=${side(outputs)}, name='${this.name}')`, 'model.summary()');
    for (const l of model.layers) crossCheck(l, this.name);
    const layers = model.layers.map((l) => {
      const connected_to = [];
      for (const n of l.inboundNodes) n.inboundLayers.forEach((il, i) => connected_to.push(`${il.name}[${n.nodeIndices[i]}][${n.tensorIndices[i]}]`));
      return { ...layerRecord(l), connected_to };
    });
    const json = model.toJSON(null, false);
    const edited = applyPosts(json);
    return {
      kind: 'functional',
      witness: edited || model.layers.some((l) => patched.has(l)) ? 'keras' : 'tfjs',
      python: this.lines.join('\n') + '\n',
      model: json,
      expected: { name: model.name, layers, ...totals(layers) },
    };
  }
}

// ------------------------------------------------------------------ the families
// Each builder (r: random helpers, name: the model's name) returns a built case (SeqModel /
// FnModel .build()), optionally with `edit` and `note` for a Keras-witness case.
const ACT = ['linear', 'relu', 'tanh', 'sigmoid', 'elu', 'selu', 'softplus', 'softsign', 'hardSigmoid'];
const RNN_CLS = ['SimpleRNN', 'LSTM', 'GRU'];

// Layer names as Keras would auto-name them (lstm, lstm_1, ...), given explicitly.
function namer() {
  const seen = {};
  const STEM = { SimpleRNN: 'simple_rnn', ConvLSTM2D: 'conv_lstm2d', PReLU: 'p_re_lu', ThresholdedReLU: 'thresholded_re_lu',
    ReLU: 're_lu', LeakyReLU: 'leaky_re_lu', ELU: 'elu', GRU: 'gru', LSTM: 'lstm', SpatialDropout1D: 'spatial_dropout1d',
    Conv1D: 'conv1d', Conv2D: 'conv2d', MaxPooling1D: 'max_pooling1d', MaxPooling2D: 'max_pooling2d',
    AveragePooling1D: 'average_pooling1d', AveragePooling2D: 'average_pooling2d',
    GlobalAveragePooling1D: 'global_average_pooling1d', GlobalMaxPooling1D: 'global_max_pooling1d',
    GlobalAveragePooling2D: 'global_average_pooling2d', GlobalMaxPooling2D: 'global_max_pooling2d' };
  return (cls) => {
    const stem = STEM[cls] ?? cls.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
    const n = seen[stem] ?? 0;
    seen[stem] = n + 1;
    return n === 0 ? stem : `${stem}_${n}`;
  };
}

// One recurrent layer's arguments. TF.js's GRU supports only reset_after=False, and Keras's
// default is True, so every GRU says reset_after=False (the Python too).
function rnnArgs(r, cls, units, seqs) {
  const a = { units };
  if (r.chance(0.3)) a.activation = r.pick(['tanh', 'relu', 'sigmoid']);
  if (cls !== 'SimpleRNN' && r.chance(0.4)) a.recurrentActivation = r.pick(['sigmoid', 'hardSigmoid']);
  if (r.chance(0.2)) a.useBias = false;
  if (r.chance(0.2)) a.dropout = r.pick([0.1, 0.2, 0.5]);
  if (r.chance(0.15)) a.recurrentDropout = r.pick([0.1, 0.25]);
  if (cls === 'LSTM' && r.chance(0.15)) a.unitForgetBias = false;
  if (cls === 'GRU') a.resetAfter = false;
  if (seqs) a.returnSequences = true;
  if (r.chance(0.15)) a.goBackwards = true;
  return a;
}
const rnn = (r, nm, cls, units, seqs, extra = {}) => L(cls, { ...rnnArgs(r, cls, units, seqs), ...extra, name: nm(cls) });
const dense = (r, nm, units, act = r.pick(ACT)) => L('Dense', { units, activation: act, name: nm('Dense') });
// A wrapped layer: named (Python names it too) or not (TF.js's JSON has its auto-name).
const inner = (r, nm, spec) => {
  if (r.chance(0.5)) return spec;
  const { name, ...args } = spec.args;
  void name;
  return L(spec.cls, args, spec.inner);
};
const seqLen = (r, unknown = 0.2) => (r.chance(unknown) ? null : r.int(3, 16));

// A tail that turns (T, F) sequences into a prediction, with layers Keras allows after them.
function sequenceTail(r, nm, m, T, masked) {
  const k = r.int(0, masked ? 2 : 4);
  if (k === 0) m.add(L('GlobalAveragePooling1D', { name: nm('GlobalAveragePooling1D') }));
  else if (k === 1) m.add(rnn(r, nm, r.pick(RNN_CLS), r.int(1, 8), false));
  else if (k === 2) m.add(dense(r, nm, r.int(1, 6))).add(L('GlobalAveragePooling1D', { name: nm('GlobalAveragePooling1D') }));
  else if (k === 3 && T !== null) m.add(L('Flatten', { name: nm('Flatten') }));
  else m.add(L('Conv1D', { filters: r.int(1, 8), kernelSize: r.int(1, 3), padding: 'same', name: nm('Conv1D') }))
    .add(L('GlobalMaxPooling1D', { name: nm('GlobalMaxPooling1D') }));
  m.add(dense(r, nm, r.int(1, 5), r.pick(['softmax', 'sigmoid', 'linear'])));
}

function embedding(r, name) {
  const nm = namer();
  const T = seqLen(r);
  const a = { inputDim: r.int(10, 2000), outputDim: r.int(2, 32) };
  const masked = r.chance(0.4);
  if (masked) a.maskZero = true;
  if (T !== null && r.chance(0.5)) a.inputLength = T;
  else if (T === null && r.chance(0.3)) a.inputLength = r.int(3, 12);  // Keras 2: the output's length
  const own = T === null && r.chance(0.5);  // no input shape: the Embedding builds itself
  const m = new SeqModel(r, name, own ? null : [T]);
  if (own) delete a.inputLength;
  if (own && r.chance(0.5)) a.inputLength = r.int(3, 12);
  m.add(L('Embedding', { ...a, name: nm('Embedding') }));
  if (r.chance(0.3)) m.add(L(r.pick(['Dropout', 'SpatialDropout1D']), { rate: r.pick([0.1, 0.2, 0.5]), name: nm('Dropout') }));
  const len = a.inputLength ?? T;
  sequenceTail(r, nm, m, len, masked);
  return m.build();
}

function recurrent(cls) {
  return (r, name) => {
    const nm = namer();
    const T = seqLen(r);
    const m = new SeqModel(r, name, [T, r.int(1, 12)]);
    const n = r.int(1, 3);
    for (let i = 0; i < n; i++) {
      const seqs = i + 1 < n || r.chance(0.25);
      const extra = T !== null && r.chance(0.15) ? { unroll: true } : {};
      m.add(rnn(r, nm, cls, r.int(1, 16), seqs, extra));
      if (seqs && i + 1 === n) m.add(L('TimeDistributed', { name: nm('TimeDistributed') }, inner(r, nm, dense(r, nm, r.int(1, 4)))));
    }
    if (r.chance(0.6)) m.add(dense(r, nm, r.int(1, 6)));
    return m.build();
  };
}

function bidirectional(r, name) {
  const nm = namer();
  const T = seqLen(r);
  const m = new SeqModel(r, name, [T, r.int(1, 10)]);
  const n = r.int(1, 2);
  for (let i = 0; i < n; i++) {
    const seqs = i + 1 < n || r.chance(0.3);
    const a = { layer: null, name: nm('Bidirectional') };
    const mode = r.pick(['concat', 'sum', 'mul', 'ave', 'default']);
    const spec = L('Bidirectional', mode === 'default' ? { name: a.name } : { mergeMode: mode, name: a.name },
      inner(r, nm, rnn(r, nm, r.pick(RNN_CLS), r.int(1, 12), seqs)));
    m.add(spec);
  }
  if (r.chance(0.5)) m.add(dense(r, nm, r.int(1, 4)));
  return m.build();
}

function timeDistributed(r, name) {
  const nm = namer();
  const td = (spec) => L('TimeDistributed', { name: nm('TimeDistributed') }, inner(r, nm, spec));
  const T = seqLen(r, 0.15);
  if (r.chance(0.4)) {
    const m = new SeqModel(r, name, [T, r.int(1, 16)]);
    m.add(td(dense(r, nm, r.int(1, 16))));
    if (r.chance(0.4)) m.add(td(L('Dropout', { rate: 0.3, name: nm('Dropout') })));
    if (r.chance(0.3)) m.add(td(L('BatchNormalization', { name: nm('BatchNormalization') })));
    m.add(r.chance(0.5) ? td(dense(r, nm, r.int(1, 4))) : rnn(r, nm, r.pick(RNN_CLS), r.int(1, 8), false));
    return m.build();
  }
  // A video classifier: a CNN on every frame, then an RNN over the frames.
  const H = r.int(6, 16), W = r.int(6, 16);
  const m = new SeqModel(r, name, [T, H, W, r.int(1, 3)]);
  const k = r.int(1, 3), pad = r.pick(['valid', 'same']), s = r.int(1, 2);
  m.add(td(L('Conv2D', { filters: r.int(1, 8), kernelSize: k, strides: s, padding: pad, activation: 'relu', name: nm('Conv2D') })));
  if (r.chance(0.6)) m.add(td(L(r.pick(['MaxPooling2D', 'AveragePooling2D']), { poolSize: 2, name: nm('MaxPooling2D') })));
  if (r.chance(0.5)) {
    m.add(td(L(r.pick(['GlobalAveragePooling2D', 'GlobalMaxPooling2D']), { name: nm('GlobalAveragePooling2D') })));
  } else {
    m.add(td(L('Flatten', { name: nm('Flatten') })));
  }
  if (r.chance(0.3)) m.add(td(dense(r, nm, r.int(2, 16))));
  m.add(rnn(r, nm, r.pick(RNN_CLS), r.int(1, 8), false));
  m.add(dense(r, nm, r.int(1, 5), 'softmax'));
  return m.build();
}

function convLstm2d(r, name) {
  const nm = namer();
  const T = seqLen(r, 0.2);
  const m = new SeqModel(r, name, [T, r.int(5, 12), r.int(5, 12), r.int(1, 3)]);
  const n = r.int(1, 2);
  for (let i = 0; i < n; i++) {
    const seqs = i + 1 < n || r.chance(0.3);
    const a = { filters: r.int(1, 6), kernelSize: r.chance(0.7) ? r.int(1, 3) : [r.int(1, 3), r.int(1, 3)], padding: r.pick(['valid', 'same']) };
    if (r.chance(0.3)) a.strides = r.int(1, 2);
    else if (r.chance(0.2)) a.dilationRate = 2;
    if (r.chance(0.2)) a.useBias = false;
    if (r.chance(0.2)) a.activation = r.pick(['relu', 'tanh']);
    if (seqs) a.returnSequences = true;
    m.add(L('ConvLSTM2D', { ...a, name: nm('ConvLSTM2D') }));
    if (r.chance(0.4)) m.add(L('BatchNormalization', { name: nm('BatchNormalization') }));
  }
  const last = m.specs.filter((s) => s.cls === 'ConvLSTM2D').pop();
  if (last.args.returnSequences) m.add(L('TimeDistributed', { name: nm('TimeDistributed') }, L('GlobalAveragePooling2D', {}))).add(dense(r, nm, r.int(1, 4)));
  else if (r.chance(0.5)) m.add(L('GlobalAveragePooling2D', { name: nm('GlobalAveragePooling2D') })).add(dense(r, nm, r.int(1, 4)));
  else m.add(L('Conv2D', { filters: r.int(1, 3), kernelSize: 1, name: nm('Conv2D') }));
  return m.build();
}

// return_sequences / return_state in a graph: an RNN's list of outputs feeding later layers.
function rnnState(r, name) {
  const nm = namer();
  const m = new FnModel(r, name);
  const T = seqLen(r, 0.2);
  const inp = m.input([T, r.int(1, 8)], 'sequence');
  const cls = r.pick(RNN_CLS);
  const u = r.int(2, 12);
  const seqs = r.chance(0.5);
  const outs = m.call(rnn(r, nm, cls, u, seqs, { returnState: true }), inp);
  const [o, ...states] = outs;
  const heads = [];
  if (states.length > 1 && r.chance(0.6)) heads.push(m.call(L('Concatenate', { name: nm('Concatenate') }), states));
  else heads.push(m.call(dense(r, nm, r.int(1, 4)), states[0]));
  if (seqs) heads.push(m.call(rnn(r, nm, r.pick(RNN_CLS), r.int(1, 6), false), o));
  else if (r.chance(0.5)) heads.push(m.call(L('Add', { name: nm('Add') }), [o, states[0]]));
  if (r.chance(0.4)) heads.push(states[states.length - 1]);
  return m.build(inp, heads.length === 1 ? heads[0] : heads);
}

// An encoder-decoder (keras-io lstm_seq2seq): the encoder's states start the decoder
// (initial_state: TF.js and Keras 2 record them as the decoder call's extra inputs).
function seq2seq(r, name) {
  const nm = namer();
  const m = new FnModel(r, name);
  const cls = r.pick(RNN_CLS);
  const u = r.int(2, 16);
  const encIn = m.input([seqLen(r, 0.5), r.int(1, 12)], 'encoder_inputs');
  const [, ...states] = m.call(rnn(r, nm, cls, u, false, { returnState: true }), encIn);
  const decIn = m.input([seqLen(r, 0.5), r.int(1, 12)], 'decoder_inputs');
  const dec = m.call(rnn(r, nm, cls, u, true), decIn, states);
  const out = m.call(L('TimeDistributed', { name: nm('TimeDistributed') }, inner(r, nm, dense(r, nm, r.int(2, 12), 'softmax'))), dec);
  return m.build([encIn, decIn], out);
}

// Bidirectional in a graph: merge_mode None's two outputs, or return_state's five.
function bidirectionalGraph(r, name) {
  const nm = namer();
  const m = new FnModel(r, name);
  const inp = m.input([seqLen(r, 0.2), r.int(1, 8)], 'tokens');
  const cls = r.pick(RNN_CLS);
  const state = r.chance(0.4);
  const mode = r.pick([null, null, 'concat', 'sum', 'ave', 'mul']);
  const extra = state ? { returnState: true } : {};
  const outs = m.call(L('Bidirectional', { mergeMode: mode, name: nm('Bidirectional') }, inner(r, nm, rnn(r, nm, cls, r.int(1, 10), r.chance(0.3), extra))), inp);
  const list = Array.isArray(outs) ? outs : [outs];
  const merged = mode === null ? m.call(L(r.pick(['Concatenate', 'Add', 'Average', 'Multiply']), { name: nm('Merge') }), list.slice(0, 2)) : list[0];
  const heads = [m.call(dense(r, nm, r.int(1, 4)), merged)];
  if (state) heads.push(m.call(L('Concatenate', { name: nm('Concatenate') }), list.slice(mode === null ? 2 : 1)));
  return m.build(inp, heads.length === 1 ? heads[0] : heads);
}

function masking(r, name) {
  const nm = namer();
  const T = seqLen(r);
  const m = new SeqModel(r, name, [T, r.int(1, 8)]);
  m.add(L('Masking', { maskValue: r.pick([0, -1, 0.5]), name: nm('Masking') }));
  if (r.chance(0.3)) m.add(dense(r, nm, r.int(1, 8)));
  sequenceTail(r, nm, m, T, true);
  return m.build();
}

// An autoencoder: Dense, RepeatVector(n), an RNN over the repeats, TimeDistributed(Dense).
function repeatVector(r, name) {
  const nm = namer();
  const m = new SeqModel(r, name, [r.int(1, 20)]);
  m.add(dense(r, nm, r.int(1, 16)));
  const n = r.int(1, 12);
  m.add(L('RepeatVector', { n, name: nm('RepeatVector') }));
  if (r.chance(0.7)) m.add(rnn(r, nm, r.pick(RNN_CLS), r.int(1, 8), true));
  m.add(L('TimeDistributed', { name: nm('TimeDistributed') }, inner(r, nm, dense(r, nm, r.int(1, 4)))));
  return m.build();
}

function permute(r, name) {
  const nm = namer();
  const rank = r.int(2, 3);
  const shape = Array.from({ length: rank }, () => r.int(2, 9));
  const m = new SeqModel(r, name, shape);
  const dims = [...Array(rank).keys()].map((i) => i + 1);
  for (let i = dims.length - 1; i > 0; i--) { const j = r.int(0, i); [dims[i], dims[j]] = [dims[j], dims[i]]; }
  m.add(L('Permute', { dims, name: nm('Permute') }));
  if (rank === 2) m.add(r.chance(0.5) ? L('Conv1D', { filters: r.int(1, 6), kernelSize: 2, name: nm('Conv1D') }) : rnn(r, nm, r.pick(RNN_CLS), r.int(1, 6), false));
  else m.add(L('Conv2D', { filters: r.int(1, 6), kernelSize: 1, name: nm('Conv2D') })).add(L('Flatten', { name: nm('Flatten') }));
  m.add(dense(r, nm, r.int(1, 4)));
  return m.build();
}

// The activation layers on Dense / Conv1D / Conv2D outputs.
const ACT_LAYERS = ['Softmax', 'ELU', 'PReLU', 'ThresholdedReLU', 'LeakyReLU', 'ReLU'];
function actLayer(r, nm, cls, rank) {
  const a = { name: nm(cls) };
  if (cls === 'Softmax' && r.chance(0.4)) a.axis = r.int(1, rank) === rank ? -1 : r.int(1, rank);
  if (cls === 'PReLU' && rank > 1 && r.chance(0.6)) {
    const axes = [...Array(rank - 1).keys()].map((i) => i + 1).filter(() => r.chance(0.6));
    if (axes.length) a.sharedAxes = axes.length === 1 && r.chance(0.5) ? axes[0] : axes;
  }
  if (cls === 'ThresholdedReLU' && r.chance(0.7)) a.theta = r.pick([0, 0.5, 1.5, 2]);
  if (cls === 'LeakyReLU' && r.chance(0.7)) a.alpha = r.pick([0.01, 0.1, 0.2, 0.3]);
  if (cls === 'ReLU' && r.chance(0.5)) a.maxValue = r.pick([1, 6]);
  return L(cls, a);
}
function activations(focus) {
  return (r, name) => {
    const nm = namer();
    const rank = r.int(1, 3);  // spatial axes + 1
    const shape = rank === 1 ? [r.int(2, 20)] : rank === 2 ? [r.int(4, 16), r.int(1, 6)] : [r.int(4, 12), r.int(4, 12), r.int(1, 4)];
    const m = new SeqModel(r, name, shape);
    const body = () => (rank === 1 ? dense(r, nm, r.int(1, 16), 'linear') : L(rank === 2 ? 'Conv1D' : 'Conv2D',
      { filters: r.int(1, 8), kernelSize: r.int(1, 3), padding: r.pick(['valid', 'same']), name: nm(rank === 2 ? 'Conv1D' : 'Conv2D') }));
    const n = r.int(1, 3);
    for (let i = 0; i < n; i++) {
      if (i === 0 ? r.chance(0.8) : r.chance(0.5)) m.add(body());
      m.add(actLayer(r, nm, i === 0 ? focus : r.pick(ACT_LAYERS), rank));
    }
    if (rank > 1) m.add(L(rank === 2 ? 'GlobalMaxPooling1D' : 'GlobalAveragePooling2D', { name: nm(rank === 2 ? 'GlobalMaxPooling1D' : 'GlobalAveragePooling2D') }));
    m.add(dense(r, nm, r.int(1, 4)));
    return m.build();
  };
}

// SpatialDropout1D (rank 3 only), GaussianNoise, GaussianDropout, AlphaDropout.
function noise(focus) {
  return (r, name) => {
    const nm = namer();
    const seqs = focus === 'SpatialDropout1D' || r.chance(0.5);
    const m = new SeqModel(r, name, seqs ? [seqLen(r, 0.1) ?? null, r.int(1, 8)] : [r.int(2, 30)]);
    const layer = (cls) => L(cls, cls === 'GaussianNoise' ? { stddev: r.pick([0.01, 0.1, 0.5, 1]), name: nm(cls) } : { rate: r.pick([0.05, 0.1, 0.3, 0.5]), name: nm(cls) });
    if (r.chance(0.5)) m.add(seqs ? L('Conv1D', { filters: r.int(1, 8), kernelSize: 1, name: nm('Conv1D') }) : dense(r, nm, r.int(1, 16), 'selu'));
    m.add(layer(focus));
    if (r.chance(0.4)) m.add(layer(r.pick(seqs ? ['SpatialDropout1D', 'GaussianNoise', 'GaussianDropout', 'AlphaDropout'] : ['GaussianNoise', 'GaussianDropout', 'AlphaDropout'])));
    if (seqs) m.add(r.chance(0.5) ? rnn(r, nm, r.pick(RNN_CLS), r.int(1, 6), false) : L('GlobalAveragePooling1D', { name: nm('GlobalAveragePooling1D') }));
    m.add(dense(r, nm, r.int(1, 4)));
    return m.build();
  };
}

// Image preprocessing in front of a small CNN; CategoryEncoding in front of Dense layers.
function preprocessing(focus) {
  return (r, name) => {
    const nm = namer();
    if (focus === 'CategoryEncoding') {
      const mode = r.pick(['oneHot', 'multiHot', 'count']);
      const shape = mode === 'oneHot' && r.chance(0.5) ? [1] : r.chance(0.7) ? [r.int(2, 8)] : [r.int(2, 5), r.int(1, 4)];
      const m = new SeqModel(r, name, shape);
      m.add(L('CategoryEncoding', { numTokens: r.int(2, 50), outputMode: mode, name: nm('CategoryEncoding') }));
      if (shape.length > 1 || (mode === 'oneHot' && shape[0] !== 1)) m.add(L('Flatten', { name: nm('Flatten') }));
      m.add(dense(r, nm, r.int(1, 16))).add(dense(r, nm, r.int(1, 3), 'sigmoid'));
      return m.build();
    }
    const H = r.int(8, 40), W = r.int(8, 40), C = r.pick([1, 3]);
    const m = new SeqModel(r, name, [H, W, C]);
    const pre = [];
    const rescaling = () => L('Rescaling', r.chance(0.5) ? { scale: 1 / 255, name: nm('Rescaling') } : { scale: 1 / 127.5, offset: -1, name: nm('Rescaling') });
    const crop = () => L('CenterCrop', { height: r.int(2, H), width: r.int(2, W), name: nm('CenterCrop') });
    const resize = () => L('Resizing', { height: r.int(4, 32), width: r.int(4, 32), name: nm('Resizing'), ...(r.chance(0.3) ? { interpolation: 'nearest' } : {}) });
    const width = () => L('RandomWidth', { factor: r.pick([0.1, 0.2, [-0.2, 0.3]]), name: nm('RandomWidth') });
    const make = { Rescaling: rescaling, CenterCrop: crop, Resizing: resize, RandomWidth: width }[focus];
    pre.push(make());
    if (r.chance(0.5)) pre.push((focus === 'Rescaling' ? r.pick([crop, resize]) : rescaling)());
    if (r.chance(0.5)) pre.reverse();
    // CenterCrop after Resizing: crop within the resized size.
    for (const s of pre) {
      const prev = m.specs[m.specs.length - 1];
      if (s.cls === 'CenterCrop' && prev?.cls === 'Resizing') { s.args.height = Math.min(s.args.height, prev.args.height); s.args.width = Math.min(s.args.width, prev.args.width); }
      m.add(s);
    }
    m.add(L('Conv2D', { filters: r.int(1, 8), kernelSize: r.int(1, 3), padding: 'same', activation: 'relu', name: nm('Conv2D') }));
    const widthUnknown = pre.some((s) => s.cls === 'RandomWidth');
    m.add(L(widthUnknown || r.chance(0.5) ? 'GlobalAveragePooling2D' : 'Flatten', { name: nm('Pool') }));
    m.add(dense(r, nm, r.int(1, 10), 'softmax'));
    return m.build();
  };
}

function layerNormalization(r, name) {
  const nm = namer();
  const rank = r.int(1, 3);
  const shape = Array.from({ length: rank }, () => r.int(2, 10));
  const fn = r.chance(0.4);
  const a = { name: nm('LayerNormalization') };
  const k = r.int(0, 3);
  if (k === 1) a.axis = -1;
  else if (k === 2 && rank > 1) a.axis = r.int(1, rank);
  else if (k === 3 && rank > 1) a.axis = [...Array(rank).keys()].map((i) => i + 1).filter((i) => i === rank || r.chance(0.5));
  if (r.chance(0.3)) a.center = r.chance(0.5);
  if (r.chance(0.3)) a.scale = r.chance(0.5);
  if (r.chance(0.3)) a.epsilon = r.pick([1e-6, 1e-5]);
  if (!fn) {
    const m = new SeqModel(r, name, shape);
    if (r.chance(0.5)) m.add(dense(r, nm, r.int(1, 12)));
    m.add(L('LayerNormalization', a));
    if (rank > 1) m.add(L('Flatten', { name: nm('Flatten') }));
    m.add(dense(r, nm, r.int(1, 4)));
    return m.build();
  }
  // A Transformer-style residual block over (T, d) sequences (TF.js 4.22 has no
  // MultiHeadAttention, so a Dense feed-forward stands in for the attention).
  const m = new FnModel(r, name);
  const d = r.int(2, 16);
  const inp = m.input([seqLen(r, 0.2), d], 'sequence');
  const h = m.call(dense(r, nm, r.int(2, 32), 'relu'), inp);
  const y = m.call(dense(r, nm, d, 'linear'), h);
  const s = m.call(L('Add', { name: nm('Add') }), [inp, y]);
  const z = m.call(L('LayerNormalization', { ...a, axis: -1 }), s);
  const p = m.call(L(r.pick(['GlobalAveragePooling1D', 'GlobalMaxPooling1D']), { name: nm('GlobalAveragePooling1D') }), z);
  return m.build(inp, m.call(dense(r, nm, r.int(1, 4), 'softmax'), p));
}

// Functional models mixing the families with the layers of models.json / graphs.json.
function mixed(r, name) {
  const nm = namer();
  const m = new FnModel(r, name);
  const k = r.int(0, 2);
  if (k === 0) {
    // a text classifier: an Embedding shared by a CNN branch and an RNN branch
    const T = r.int(6, 30);
    const inp = m.input([T], 'text');
    const e = m.call(L('Embedding', { inputDim: r.int(50, 5000), outputDim: r.int(4, 32), name: nm('Embedding') }), inp);
    let a = m.call(L('Conv1D', { filters: r.int(2, 16), kernelSize: r.int(2, 5), activation: 'relu', name: nm('Conv1D') }), e);
    a = m.call(L(r.pick(['GlobalMaxPooling1D', 'GlobalAveragePooling1D']), { name: nm('GlobalMaxPooling1D') }), a);
    const b = m.call(L('Bidirectional', { name: nm('Bidirectional') }, inner(r, nm, rnn(r, nm, r.pick(RNN_CLS), r.int(2, 8), false))), e);
    const c = m.call(L('Concatenate', { name: nm('Concatenate') }), [a, b]);
    const dd = m.call(L('Dropout', { rate: 0.5, name: nm('Dropout') }), c);
    return m.build(inp, m.call(dense(r, nm, r.int(1, 5), 'softmax'), dd));
  }
  if (k === 1) {
    // frames and metadata: TimeDistributed CNN + LSTM, joined with a Dense branch
    const inp = m.input([r.int(2, 8), r.int(6, 12), r.int(6, 12), r.int(1, 3)], 'frames');
    const meta = m.input([r.int(1, 10)], 'meta');
    let x = m.call(L('TimeDistributed', { name: nm('TimeDistributed') }, inner(r, nm, L('Conv2D', { filters: r.int(1, 6), kernelSize: 3, name: nm('Conv2D') }))), inp);
    x = m.call(L('TimeDistributed', { name: nm('TimeDistributed') }, L('Flatten', {})), x);
    x = m.call(rnn(r, nm, r.pick(RNN_CLS), r.int(2, 8), false), x);
    const y = m.call(dense(r, nm, r.int(1, 8), 'relu'), meta);
    const z = m.call(L('Concatenate', { name: nm('Concatenate') }), [x, y]);
    const n = m.call(L('LayerNormalization', { name: nm('LayerNormalization') }), z);
    return m.build([inp, meta], m.call(dense(r, nm, r.int(1, 3)), n));
  }
  // an image model with activation, noise and reshaping layers
  const H = r.int(8, 20);
  const inp = m.input([H, H, r.int(1, 3)], 'image');
  let x = m.call(L('Rescaling', { scale: 1 / 255, name: nm('Rescaling') }), inp);
  x = m.call(L('Conv2D', { filters: r.int(2, 8), kernelSize: 3, padding: 'same', name: nm('Conv2D') }), x);
  x = m.call(actLayer(r, nm, r.pick(ACT_LAYERS), 3), x);
  x = m.call(L('MaxPooling2D', { poolSize: 2, name: nm('MaxPooling2D') }), x);
  const s = x.t.shape;
  x = m.call(L('Reshape', { targetShape: [s[1] * s[2], s[3]], name: nm('Reshape') }), x);
  x = m.call(rnn(r, nm, r.pick(RNN_CLS), r.int(2, 6), r.chance(0.5)), x);
  x = m.call(L('GaussianNoise', { stddev: 0.1, name: nm('GaussianNoise') }), x);
  if (x.t.shape.length === 3) x = m.call(L('GlobalAveragePooling1D', { name: nm('GlobalAveragePooling1D') }), x);
  return m.build(inp, m.call(dense(r, nm, r.int(1, 4), 'softmax'), x));
}

// ---- Keras-witness families (README, "Known differences")

// GRU(reset_after=True), Keras's default since tf.keras 2.0 (tf_keras/layers/rnn/gru.py
// GRUCell.build: bias shape (2, 3 * units)); TF.js 4.22's GRUCell refuses it. TF.js builds the
// model with reset_after=False, the JSON is rewritten to True and each GRU gains 3 * units bias
// parameters (two copies in a Bidirectional).
function gruResetAfter(r, name) {
  const nm = namer();
  const m = new SeqModel(r, name, [seqLen(r), r.int(1, 10)]);
  const extra = new Map();  // layer name -> parameters Keras adds
  const n = r.int(1, 2);
  for (let i = 0; i < n; i++) {
    const seqs = i + 1 < n || r.chance(0.3);
    const g = rnn(r, nm, 'GRU', r.int(1, 12), seqs);
    g.pyArgs = { resetAfter: r.chance(0.5) ? true : undefined };  // undefined: Keras's default
    const bias = g.args.useBias === false ? 0 : 3 * g.args.units;
    if (r.chance(0.4)) {
      const b = L('Bidirectional', { name: nm('Bidirectional') }, g);
      b.post = (c) => { c.layer.config.reset_after = true; };
      extra.set(b.args.name, 2 * bias);
      m.add(b);
    } else {
      g.post = (c) => { c.reset_after = true; };
      extra.set(g.args.name, bias);
      m.add(g);
    }
  }
  m.add(dense(r, nm, r.int(1, 4)));
  const c = m.build();
  for (const l of c.expected.layers) {
    const add = extra.get(l.name) ?? 0;
    l.params += add;
    l.trainable += add;
  }
  Object.assign(c.expected, totals(c.expected.layers));
  c.note = 'TF.js 4.22 supports only reset_after=False: built so, saved with reset_after=True and counted as Keras does (3 * units more bias parameters per GRU).';
  return c;
}

// Global pooling with keepdims=True (TF.js 4.22 has no keepdims), in front of layers that need
// the kept axes.
function globalPoolingKeepdims(r, name) {
  const nm = namer();
  const two = r.chance(0.6);
  const m = new SeqModel(r, name, two ? [r.int(4, 16), r.int(4, 16), r.int(1, 4)] : [seqLen(r, 0.2), r.int(1, 8)]);
  m.add(L(two ? 'Conv2D' : 'Conv1D', { filters: r.int(1, 8), kernelSize: r.int(1, 3), padding: 'same', name: nm(two ? 'Conv2D' : 'Conv1D') }));
  const cls = two ? 'GlobalAveragePooling2D' : 'GlobalAveragePooling1D';
  m.add(L(cls, { keepdims: true, name: nm(cls) }));
  m.add(L(two ? 'Conv2D' : 'Conv1D', { filters: r.int(1, 8), kernelSize: 1, name: nm(two ? 'Conv2D' : 'Conv1D') }));
  m.add(L('Flatten', { name: nm('Flatten') })).add(dense(r, nm, r.int(1, 4)));
  const c = m.build();
  c.note = "TF.js 4.22 global pooling has no keepdims: built with Keras's keepdims rule and key.";
  return c;
}

// Reshape with an inferred (-1) axis: Keras resolves it (tf_keras/layers/reshaping/reshape.py
// _fix_unknown_dimension; Keras 3 keras/src/ops/operation_utils.py compute_reshape_output_shape);
// TF.js 4.22 leaves it null and saves null. Built with the resolved size, saved with -1.
function reshapeInferred(r, name) {
  const nm = namer();
  const m = new FnModel(r, name);
  const H = r.int(4, 12), W = r.int(4, 12);
  const inp = m.input([H, W, r.int(1, 3)], 'image');
  let x = m.call(L('Conv2D', { filters: r.int(1, 8), kernelSize: 3, padding: r.pick(['valid', 'same']), name: nm('Conv2D') }), inp);
  if (r.chance(0.5)) x = m.call(L('MaxPooling2D', { poolSize: 2, name: nm('MaxPooling2D') }), x);
  const [, h, w, ch] = x.t.shape;
  const first = r.chance(0.5);
  const target = first ? [h * w, ch] : [h, w * ch];
  const at = first ? 0 : 1;
  const spec = L('Reshape', { targetShape: target, name: nm('Reshape') });
  spec.pyArgs = { targetShape: target.map((d, i) => (i === at ? -1 : d)) };
  spec.post = (c) => { c.target_shape[at] = -1; };
  x = m.call(spec, x);
  x = m.call(r.chance(0.5) ? rnn(r, nm, r.pick(RNN_CLS), r.int(1, 6), false) : L('GlobalMaxPooling1D', { name: nm('GlobalMaxPooling1D') }), x);
  const c = m.build(inp, m.call(dense(r, nm, r.int(1, 4)), x));
  c.note = 'TF.js 4.22 Reshape leaves a -1 axis unknown (null): built with the resolved size, saved with -1 as Keras writes it.';
  return c;
}

export const FAMILIES = {
  embedding, simple_rnn: recurrent('SimpleRNN'), lstm: recurrent('LSTM'), gru: recurrent('GRU'), bidirectional,
  bidirectional_graph: bidirectionalGraph, seq2seq, time_distributed: timeDistributed, conv_lstm2d: convLstm2d, rnn_state: rnnState,
  masking, repeat_vector: repeatVector, permute,
  ...Object.fromEntries(ACT_LAYERS.map((c) => [c.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase(), activations(c)])),
  ...Object.fromEntries(['SpatialDropout1D', 'GaussianNoise', 'GaussianDropout', 'AlphaDropout'].map((c) => [c.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase(), noise(c)])),
  rescaling: preprocessing('Rescaling'), center_crop: preprocessing('CenterCrop'), category_encoding: preprocessing('CategoryEncoding'),
  layer_normalization: layerNormalization, mixed,
  // Keras-witness families: TF.js's shape rule replaced by Keras's (KERAS_RULES above)
  resizing: preprocessing('Resizing'), random_width: preprocessing('RandomWidth'),
  gru_reset_after: gruResetAfter, global_pooling_keepdims: globalPoolingKeepdims, reshape_inferred: reshapeInferred,
};

// rng: a function returning [0, 1). `perFamily` cases of each family, the families in turn.
export function makeFamilyCases(rng, perFamily, idPrefix = 'family') {
  const r = {
    int: (lo, hi) => lo + Math.floor(rng() * (hi - lo + 1)),
    pick: (xs) => xs[Math.floor(rng() * xs.length)],
    chance: (p) => rng() < p,
  };
  const cases = [];
  const names = Object.keys(FAMILIES);
  for (let round = 0; round < perFamily; round++) {
    for (const family of names) {
      const i = cases.length;
      const name = `${family}_${i}`;
      let c = null;
      for (let attempt = 0; c === null; attempt++) {
        try {
          c = FAMILIES[family](r, name);
        } catch (e) {
          if (!(e instanceof Redraw) || attempt > 20) throw e;
        }
      }
      if (c.witness === 'keras' && !c.note) {
        c.note = `TF.js 4.22's shape rule of ${[...new Set(c.expected.layers.map((l) => l.class_name))].filter((k) => k in KERAS_RULES).join(', ')} departs from Keras's: built with Keras's rule.`;
      }
      cases.push({ id: `${idPrefix}-${family}-${String(i).padStart(3, '0')}`, family, ...c });
    }
  }
  return cases;
}
