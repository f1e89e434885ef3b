#!/usr/bin/env node
// Golden fixtures from TensorFlow.js (tfjs-layers/core/backend-cpu 4.22.0) for PadLab's
// checker tests/core/test_golden.cpp. Run from the repository root:
//     node tests/golden/generate.mjs
// Deterministic: a fixed seedrandom seed drives every choice, no clocks, no Math.random in
// anything that is written, so two runs give byte-identical files (see README.md).
//
// Keras is PadLab's contract, TF.js only a witness: where TF.js departs from Keras (causal
// length, strides>1 with dilation>1, dilated DepthwiseConv2D, 0-length outputs) its answer is
// never recorded as golden; those cases go to keras_contract.json with hand-written Keras
// expectations. Every windowed layer TF.js builds is re-checked here against the Keras rule
// (keras-and-peers.md §1.1/§1.2) so an unknown divergence stops the run instead of landing.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import seedrandom from 'seedrandom';

const SEED = 'padlab-golden-v1';
const OUT_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
// Activations PadLab models (core/activation.hpp); TF.js knows more, Keras summaries don't care,
// but the importer validates the name, so only these are generated.
const ACTIVATIONS = ['linear', 'relu', 'sigmoid', 'tanh', 'softmax'];

await tf.setBackend('cpu');
const rng = seedrandom(SEED);

// ------------------------------------------------------------------ random helpers
const rint = (lo, hi) => lo + Math.floor(rng() * (hi - lo + 1));  // inclusive
const pick = (xs) => xs[Math.floor(rng() * xs.length)];
const chance = (p) => rng() < p;
const rval = () => Math.round((rng() * 2 - 1) * 1000) / 1000;      // 3 decimals in [-1, 1]
const prod = (xs) => xs.reduce((a, b) => a * b, 1);
const known = (xs) => xs.every((x) => x != null);
// Keras's int shorthand or a per-axis list, at random, when all entries agree.
const shorthand = (xs) => (xs.every((x) => x === xs[0]) && chance(0.5) ? xs[0] : xs);
const round5 = (x) => {
  const r = Number(x.toFixed(5));
  return Object.is(r, -0) ? 0 : r;
};

// ------------------------------------------------------------------ Keras rules (the contract)
// keras-and-peers.md §1.1: conv_output_length, ceil form; null stays null.
function kerasConvLength(L, k, s, d, padding) {
  if (L == null) return null;
  const dk = d * (k - 1) + 1;
  if (padding === 'valid') return Math.floor((L - dk + 1 + s - 1) / s);
  if (padding === 'same' || padding === 'causal') return Math.floor((L + s - 1) / s);
  throw new Error(`generator: no Keras rule for padding ${padding}`);
}
// §1.2: TF's split, the odd cell AFTER; causal pads (dk-1, 0).
function kerasPads(L, k, s, d, padding) {
  const dk = d * (k - 1) + 1;
  if (padding === 'valid') return [0, 0];
  if (padding === 'causal') return [dk - 1, 0];
  const out = kerasConvLength(L, k, s, d, padding);
  const total = Math.max(0, (out - 1) * s + dk - L);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}
// §1.1 deconv_output_length with output_padding=None.
function kerasDeconvLength(L, k, s, padding) {
  if (L == null) return null;
  return padding === 'valid' ? L * s + Math.max(k - s, 0) : L * s;
}

// What Keras says when it refuses a model (keras-and-peers.md §1 and §1.3, the ValueError
// texts): each rejected case records the layer Keras names and a part of its message, and
// PadLab's error must name that layer and contain that text (tests/core/test_golden.cpp,
// tests/node/golden.test.mjs). Python reprs, as Keras prints its tuples.
const pyRepr = (v) => (Array.isArray(v) ? (v.length === 1 ? `(${pyRepr(v[0])},)` : `(${v.map(pyRepr).join(', ')})`)
  : v === null ? 'None' : String(v));
const KERAS_SAYS = {
  // keras v2.7-v2.15 compute_output_shape guard (a negative length). Keras writes the layer's
  // name where PadLab writes its class; PadLab words every too-long window so, pooling and
  // 0-length outputs included (Keras 3: "Computed output size would be zero or negative").
  window: (cls) => `One of the dimensions in the output is <= 0 due to downsampling in ${cls}.`,
  cropping: (inputShape, cropping) => 'Values in `cropping` argument should be smaller than the corresponding spatial ' +
    `dimension of the input. Received: input_shape=${pyRepr(inputShape)}, cropping=${pyRepr(cropping)}`,
  stridesAndDilation: (s, d) => `\`strides > 1\` not supported in conjunction with \`dilation_rate > 1\`. ` +
    `Received: strides=${pyRepr(s)} and dilation_rate=${pyRepr(d)}`,
  causalNot1d: () => 'Causal padding is only supported for `Conv1D`and `SeparableConv1D`.',
  reshape: () => 'The total size of the tensor must be unchanged.',
};

// ------------------------------------------------------------------ TF.js serialization
// Copy of tfjs-layers' convertTsToPythonic + toSnakeCase (dist/utils/serialization_utils.js,
// not exported by the package): needed to serialize a layer TF.js refused to add, so a
// rejected model's JSON is exactly what toJSON() would have written. Checked against
// toJSON() on every accepted model (see checkSerialization).
function toSnakeCase(name) {
  const s = name.replace(/(.)([A-Z][a-z0-9]+)/g, '$1_$2').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
  return s[0] !== '_' ? s : 'private' + s;
}
function tsToPythonic(v, key) {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return toSnakeCase(v);
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map((x) => tsToPythonic(x, key));
  const out = {};
  for (const k of Object.keys(v)) {
    const val = v[k];
    out[toSnakeCase(k)] = (k === 'name' || k === 'className') && typeof val === 'string' ? val : tsToPythonic(val, k);
  }
  return out;
}
const layerJSON = (layer) => ({ class_name: layer.getClassName(), config: tsToPythonic(layer.getConfig()) });
const modelJSON = (m) => m.toJSON(null, false);

function checkSerialization(model, layers) {
  const fromModel = JSON.stringify(modelJSON(model).config.layers);
  const mine = JSON.stringify(layers.map(layerJSON));
  if (fromModel !== mine) throw new Error(`generator: serialization replica differs from toJSON()\n${fromModel}\n${mine}`);
}

// ------------------------------------------------------------------ layer makers
// Each maker takes the current per-sample shape (no batch) and returns
// { cls, make: (extraArgs) => tfjs layer, info } or null when the layer does not fit that shape.
// `info` keeps what the Keras cross-check and the padding record need.

const spatialOf = (shape) => shape.slice(0, -1);
const channelsOf = (shape) => shape[shape.length - 1];

// Windowed-op arguments. dilation > 1 only with all strides 1 (Keras rejects the mix).
function windowArgs(shape, rank, { kMax = 5, sMax = 3, dilate = false, pool = false }) {
  const spatial = spatialOf(shape);
  const padding = pick(['valid', 'same']);
  for (let attempt = 0; attempt < 30; attempt++) {
    const k = spatial.map(() => rint(1, kMax));
    let s = spatial.map(() => rint(1, sMax));
    let d = spatial.map(() => 1);
    if (dilate && chance(0.35)) {
      s = spatial.map(() => 1);
      d = spatial.map(() => rint(1, 3));
    }
    if (pool && chance(0.4)) s = null;  // Keras default strides = pool_size
    const sEff = s ?? k;
    const outs = spatial.map((L, i) => kerasConvLength(L, k[i], sEff[i], d[i], padding));
    if (outs.every((o) => o == null || o > 0)) return { k, s, d, padding, outs };
  }
  return null;
}

const convLike = (cls, rank, factory, { dilate = true, extra = () => ({}) } = {}) => (shape) => {
  if (shape.length !== rank + 1) return null;
  const w = windowArgs(shape, rank, { dilate });
  if (!w) return null;
  const args = {
    kernelSize: shorthand(w.k),
    strides: shorthand(w.s),
    padding: w.padding,
    useBias: chance(0.8),
    activation: pick(ACTIVATIONS),
    ...extra(),
  };
  if (w.d.some((x) => x > 1) || chance(0.2)) args.dilationRate = shorthand(w.d);
  return { cls, make: (x) => factory({ ...args, ...x }), info: { window: 'conv', rank, k: w.k, s: w.s, d: w.d, padding: w.padding } };
};

const poolLike = (cls, rank, factory) => (shape) => {
  if (shape.length !== rank + 1) return null;
  const w = windowArgs(shape, rank, { kMax: 4, pool: true });
  if (!w) return null;
  const args = { poolSize: shorthand(w.k), padding: w.padding };
  if (w.s) args.strides = shorthand(w.s);
  return { cls, make: (x) => factory({ ...args, ...x }), info: { window: 'pool', rank, k: w.k, s: w.s ?? w.k, d: w.k.map(() => 1), padding: w.padding } };
};

const transposeLike = (cls, rank, factory) => (shape) => {
  if (shape.length !== rank + 1 || !known(shape)) return null;
  if (prod(shape) > 4000) return null;  // keep the growth of later layers in check
  const k = spatialOf(shape).map(() => rint(1, 4));
  const s = spatialOf(shape).map(() => rint(1, 3));
  const padding = pick(['valid', 'same']);
  const args = { filters: rint(1, 8), kernelSize: shorthand(k), strides: shorthand(s), padding, useBias: chance(0.8), activation: pick(ACTIVATIONS) };
  return { cls, make: (x) => factory({ ...args, ...x }), info: { window: 'transpose', rank, k, s, padding } };
};

const MAKERS = {
  Conv1D: convLike('Conv1D', 1, tfl.layers.conv1d, { extra: () => ({ filters: rint(1, 16) }) }),
  Conv2D: convLike('Conv2D', 2, tfl.layers.conv2d, { extra: () => ({ filters: rint(1, 16) }) }),
  Conv3D: convLike('Conv3D', 3, tfl.layers.conv3d, { extra: () => ({ filters: rint(1, 8) }) }),
  // TF.js's SeparableConv2D.getConfig() omits depth_multiplier (a reload gives 1), so only 1
  // here; other multipliers are in keras_contract.json with the key added as Keras writes it.
  SeparableConv2D: convLike('SeparableConv2D', 2, tfl.layers.separableConv2d, {
    extra: () => ({ filters: rint(1, 16) }),
  }),
  // TF.js's DepthwiseConv2D ignores dilation in its output shape: dilated ones live in
  // keras_contract.json only.
  DepthwiseConv2D: convLike('DepthwiseConv2D', 2, tfl.layers.depthwiseConv2d, {
    dilate: false,
    extra: () => ({ depthMultiplier: rint(1, 3) }),
  }),
  // No dilation for transposed convs: TF.js drops dilation_rate from their config.
  Conv2DTranspose: transposeLike('Conv2DTranspose', 2, tfl.layers.conv2dTranspose),
  Conv3DTranspose: transposeLike('Conv3DTranspose', 3, tfl.layers.conv3dTranspose),
  MaxPooling1D: poolLike('MaxPooling1D', 1, tfl.layers.maxPooling1d),
  MaxPooling2D: poolLike('MaxPooling2D', 2, tfl.layers.maxPooling2d),
  MaxPooling3D: poolLike('MaxPooling3D', 3, tfl.layers.maxPooling3d),
  AveragePooling1D: poolLike('AveragePooling1D', 1, tfl.layers.averagePooling1d),
  AveragePooling2D: poolLike('AveragePooling2D', 2, tfl.layers.averagePooling2d),
  AveragePooling3D: poolLike('AveragePooling3D', 3, tfl.layers.averagePooling3d),
  GlobalMaxPooling1D: (shape) => (shape.length === 2 ? { cls: 'GlobalMaxPooling1D', make: (x) => tfl.layers.globalMaxPooling1d({ ...x }), info: {} } : null),
  GlobalAveragePooling1D: (shape) =>
    shape.length === 2 ? { cls: 'GlobalAveragePooling1D', make: (x) => tfl.layers.globalAveragePooling1d({ ...x }), info: {} } : null,
  GlobalMaxPooling2D: (shape) => (shape.length === 3 ? { cls: 'GlobalMaxPooling2D', make: (x) => tfl.layers.globalMaxPooling2d({ ...x }), info: {} } : null),
  GlobalAveragePooling2D: (shape) =>
    shape.length === 3 ? { cls: 'GlobalAveragePooling2D', make: (x) => tfl.layers.globalAveragePooling2d({ ...x }), info: {} } : null,
  ZeroPadding2D: (shape) => {
    if (shape.length !== 3) return null;
    const form = rint(0, 2);
    const p = [rint(0, 3), rint(0, 3), rint(0, 3), rint(0, 3)];
    let padding;
    if (form === 0) padding = p[0];
    else if (form === 1) padding = [p[0], p[1]];
    else padding = [[p[0], p[1]], [p[2], p[3]]];
    return { cls: 'ZeroPadding2D', make: (x) => tfl.layers.zeroPadding2d({ padding, ...x }), info: { window: 'zeropad' } };
  },
  Cropping2D: (shape) => {
    if (shape.length !== 3 || !known(shape) || shape[0] < 2 || shape[1] < 2) return null;
    const [H, W] = shape;
    const t = rint(0, Math.floor((H - 1) / 2)), b = rint(0, H - 1 - t);
    const l = rint(0, Math.floor((W - 1) / 2)), r = rint(0, W - 1 - l);
    const form = rint(0, 2);
    let cropping;
    if (form === 0) cropping = Math.min(Math.floor((H - 1) / 2), Math.floor((W - 1) / 2));
    else if (form === 1) cropping = [Math.floor((H - 1) / 2), Math.floor((W - 1) / 2)].map((x) => rint(0, x));
    else cropping = [[t, b], [l, r]];
    return { cls: 'Cropping2D', make: (x) => tfl.layers.cropping2D({ cropping, ...x }), info: { window: 'crop' } };
  },
  UpSampling2D: (shape) => {
    if (shape.length !== 3 || !known(shape) || prod(shape) > 4000) return null;
    // A list only: TF.js mis-handles an int size (NaN shape); see keras_contract 'upsampling_int_size'.
    const size = [rint(1, 3), rint(1, 3)];
    const interpolation = pick(['nearest', 'bilinear']);
    return { cls: 'UpSampling2D', make: (x) => tfl.layers.upSampling2d({ size, interpolation, ...x }), info: { upsample: size } };
  },
  // TF.js's Flatten needs rank >= 3 (with batch); Keras accepts rank 2 too, so only >= 3 here.
  Flatten: (shape) => (shape.length >= 2 && known(shape) ? { cls: 'Flatten', make: (x) => tfl.layers.flatten({ ...x }), info: {} } : null),
  Dense: (shape) => {
    if (shape[shape.length - 1] == null || prod(shape.filter((x) => x != null)) > 20000) return null;
    const args = { units: rint(1, 64), activation: pick(ACTIVATIONS), useBias: chance(0.8) };
    return { cls: 'Dense', make: (x) => tfl.layers.dense({ ...args, ...x }), info: {} };
  },
  Dropout: () => {
    const rate = rint(0, 9) / 20;
    return { cls: 'Dropout', make: (x) => tfl.layers.dropout({ rate, ...x }), info: {} };
  },
  Activation: () => {
    const activation = pick(ACTIVATIONS);
    return { cls: 'Activation', make: (x) => tfl.layers.activation({ activation, ...x }), info: {} };
  },
  ReLU: () => {
    const args = chance(0.4) ? { maxValue: pick([1, 6]) } : {};
    return { cls: 'ReLU', make: (x) => tfl.layers.reLU({ ...args, ...x }), info: {} };
  },
  LeakyReLU: () => {
    const args = chance(0.3) ? {} : { alpha: rint(1, 30) / 100 };
    return { cls: 'LeakyReLU', make: (x) => tfl.layers.leakyReLU({ ...args, ...x }), info: {} };
  },
  BatchNormalization: (shape) => {
    if (channelsOf(shape) == null) return null;
    const args = chance(0.7) ? {} : { center: chance(0.5), scale: chance(0.5) };
    return { cls: 'BatchNormalization', make: (x) => tfl.layers.batchNormalization({ ...args, ...x }), info: {} };
  },
  LayerNormalization: (shape) => {
    if (channelsOf(shape) == null) return null;
    const args = chance(0.7) ? {} : { center: chance(0.5), scale: chance(0.5) };
    return { cls: 'LayerNormalization', make: (x) => tfl.layers.layerNormalization({ ...args, ...x }), info: {} };
  },
  Reshape: (shape) => {
    if (!known(shape)) return null;
    // A random factorisation of the element count into 1..3 dims.
    let rest = prod(shape);
    const rank = rint(1, 3);
    const dims = [];
    for (let i = 0; i < rank - 1; i++) {
      const divisors = [];
      for (let q = 1; q <= Math.min(rest, 64); q++) if (rest % q === 0) divisors.push(q);
      const q = pick(divisors);
      dims.push(q);
      rest /= q;
    }
    dims.push(rest);
    for (let i = dims.length - 1; i > 0; i--) {
      const j = rint(0, i);
      [dims[i], dims[j]] = [dims[j], dims[i]];
    }
    // No -1 here: TF.js leaves an inferred dim unknown (null); see keras_contract 'reshape_inferred'.
    return { cls: 'Reshape', make: (x) => tfl.layers.reshape({ targetShape: dims, ...x }), info: { reshape: dims } };
  },
};
const LAYER_TYPES = Object.keys(MAKERS);

// ------------------------------------------------------------------ expectations per layer
// TF.js's own padding arithmetic (backend_util), per spatial axis [before, after].
function tfjsPads(info, inShape) {
  const sp = spatialOf(inShape);
  const C = channelsOf(inShape);
  const { k, s, d, padding } = info;
  if (info.window === 'conv') {
    if (info.rank === 1) {
      const p = tf.backend_util.computeConv2DInfo([1, 1, sp[0], C], [1, k[0], C, 1], [1, s[0]], [1, d[0]], padding).padInfo;
      return [[p.left, p.right]];
    }
    if (info.rank === 2) {
      const p = tf.backend_util.computeConv2DInfo([1, sp[0], sp[1], C], [k[0], k[1], C, 1], s, d, padding).padInfo;
      return [[p.top, p.bottom], [p.left, p.right]];
    }
    const p = tf.backend_util.computeConv3DInfo([1, ...sp, C], [...k, C, 1], s, d, padding).padInfo;
    return [[p.front, p.back], [p.top, p.bottom], [p.left, p.right]];
  }
  if (info.rank === 1) {
    const p = tf.backend_util.computePool2DInfo([1, sp[0], 1, C], [k[0], 1], [s[0], 1], 1, padding).padInfo;
    return [[p.top, p.bottom]];
  }
  if (info.rank === 2) {
    const p = tf.backend_util.computePool2DInfo([1, sp[0], sp[1], C], k, s, 1, padding).padInfo;
    return [[p.top, p.bottom], [p.left, p.right]];
  }
  const p = tf.backend_util.computePool3DInfo([1, ...sp, C], k, s, 1, padding).padInfo;
  return [[p.front, p.back], [p.top, p.bottom], [p.left, p.right]];
}

const sumSizes = (ws) => ws.reduce((a, w) => a + prod(w.shape), 0);

// The record of one built layer, with the Keras cross-check of windowed ops.
function describeLayer(layer, info, inShape, where) {
  const out = layer.outputShape;  // [null, ...]
  const rec = {
    name: layer.name,
    class_name: layer.getClassName(),
    output_shape: out,
    params: layer.countParams(),
    trainable: sumSizes(layer.trainableWeights),
    non_trainable: sumSizes(layer.nonTrainableWeights),
  };
  if (rec.trainable + rec.non_trainable !== rec.params) throw new Error(`generator: ${where}: weight sizes do not add up`);
  const sp = spatialOf(inShape);
  if (!out.slice(1).every((x) => x === null || (Number.isInteger(x) && x > 0)))
    throw new Error(`generator: ${where}: TF.js gave a malformed shape: ${out}`);
  if (known(inShape) && !known(out.slice(1))) throw new Error(`generator: ${where}: TF.js lost a known dim: ${JSON.stringify(out)}`);
  if (info.upsample && JSON.stringify(out.slice(1)) !== JSON.stringify([inShape[0] * info.upsample[0], inShape[1] * info.upsample[1], inShape[2]]))
    throw new Error(`generator: ${where}: UpSampling2D gave ${JSON.stringify(out)}`);
  if (info.reshape && JSON.stringify(out.slice(1)) !== JSON.stringify(info.reshape))
    throw new Error(`generator: ${where}: Reshape gave ${JSON.stringify(out)}`);
  if (info.window === 'conv' || info.window === 'pool') {
    const want = sp.map((L, i) => kerasConvLength(L, info.k[i], info.s[i], info.d[i], info.padding));
    if (JSON.stringify(want) !== JSON.stringify(out.slice(1, -1)))
      throw new Error(`generator: ${where}: TF.js shape ${JSON.stringify(out)} differs from the Keras rule ${JSON.stringify(want)}`);
    if (known(sp)) {
      // TF.js's 3D 'same' arithmetic does not clamp a negative total (stride > window) at 0 as
      // TF does (Keras's rule): [-1, 0] there means [0, 0].
      const pads = tfjsPads(info, inShape).map(([b, a]) => (b + a < 0 ? [0, 0] : [b, a]));
      const kp = sp.map((L, i) => kerasPads(L, info.k[i], info.s[i], info.d[i], info.padding));
      if (JSON.stringify(pads) !== JSON.stringify(kp))
        throw new Error(`generator: ${where}: TF.js pads ${JSON.stringify(pads)} differ from the Keras rule ${JSON.stringify(kp)}`);
      rec.padding = pads;
    }
  } else if (info.window === 'transpose') {
    const want = sp.map((L, i) => kerasDeconvLength(L, info.k[i], info.s[i], info.padding));
    if (JSON.stringify(want) !== JSON.stringify(out.slice(1, -1)))
      throw new Error(`generator: ${where}: TF.js shape ${JSON.stringify(out)} differs from the Keras rule ${JSON.stringify(want)}`);
  } else if (info.window === 'zeropad') {
    rec.padding = layer.getConfig().padding.map((p) => [p[0], p[1]]);
  } else if (info.window === 'crop') {
    rec.padding = layer.getConfig().cropping.map((p) => [-p[0], -p[1]]);
  }
  return rec;
}

// ------------------------------------------------------------------ (a) accepted models
function randomInputShape(rank) {
  // rank = number of spatial axes (0 = a flat vector).
  if (rank === 0) return [rint(1, 64)];
  if (rank === 1) return [chance(0.08) ? null : rint(4, 40), rint(1, 8)];
  if (rank === 2) return [rint(4, 24), rint(4, 24), rint(1, 6)];
  return [rint(3, 10), rint(3, 10), rint(3, 10), rint(1, 4)];
}
const RANK_OF = {
  Conv1D: 1, MaxPooling1D: 1, AveragePooling1D: 1, GlobalMaxPooling1D: 1, GlobalAveragePooling1D: 1,
  Conv3D: 3, Conv3DTranspose: 3, MaxPooling3D: 3, AveragePooling3D: 3,
  Dense: null, Dropout: null, Activation: null, ReLU: null, LeakyReLU: null, BatchNormalization: null,
  LayerNormalization: null, Reshape: 'nd', Flatten: 'nd',
};
// null: any input (flat vectors included); 'nd': needs at least one spatial axis.
const rankFor = (cls) => {
  if (!(cls in RANK_OF)) return 2;
  if (RANK_OF[cls] === null) return pick([0, 1, 2, 2, 3]);
  if (RANK_OF[cls] === 'nd') return pick([1, 2, 2, 3]);
  return RANK_OF[cls];
};

function buildModel(focus, where) {
  for (let attempt = 0; attempt < 50; attempt++) {
    const inShape = randomInputShape(rankFor(focus));
    const model = tfl.sequential();
    const layers = [], records = [];
    let shape = inShape;
    const plan = [];
    const before = rint(0, 2), after = rint(0, 3);
    for (let i = 0; i < before; i++) plan.push(null);
    plan.push(focus);
    for (let i = 0; i < after; i++) plan.push(null);
    let ok = true, haveFocus = false;
    for (const want of plan) {
      let added = false;
      for (let tries = 0; tries < 20 && !added; tries++) {
        const cls = want ?? pick(LAYER_TYPES);
        const spec = MAKERS[cls](shape);
        if (!spec) { if (want) break; else continue; }
        // The first layer carries the input shape (TF.js then writes batch_input_shape + dtype).
        const layer = spec.make(layers.length === 0 ? { inputShape: shape } : {});
        try {
          model.add(layer);
        } catch (e) {
          throw new Error(`generator: ${where}: TF.js refused ${cls} on ${JSON.stringify(shape)}: ${e.message}`);
        }
        const out = layer.outputShape;
        if (out.slice(1).some((x) => x === 0)) {
          // A 0-length axis: Keras 2 and 3 disagree (see README), never golden. Start over.
          ok = false;
          break;
        }
        records.push(describeLayer(layer, spec.info, shape, `${where} ${cls}`));
        layers.push(layer);
        shape = out.slice(1);
        added = true;
        if (cls === focus) haveFocus = true;
      }
      if (!ok || (want && !added)) { ok = false; break; }
    }
    if (!ok || !haveFocus) continue;
    return { model, layers, records, inShape };
  }
  throw new Error(`generator: ${where}: could not build a model around ${focus}`);
}

// ------------------------------------------------------------------ generation
function generateModels() {
  const cases = [];
  const coverage = Object.fromEntries(LAYER_TYPES.map((t) => [t, 0]));
  const PER_TYPE = 12;
  for (let round = 0; round < PER_TYPE; round++) {
    for (const focus of LAYER_TYPES) {
      const id = `model_${String(cases.length).padStart(3, '0')}_${focus}`;
      const { model, layers, records, inShape } = buildModel(focus, id);
      checkSerialization(model, layers);
      for (const r of records) coverage[r.class_name] = (coverage[r.class_name] ?? 0) + 1;
      const trainable = records.reduce((a, r) => a + r.trainable, 0);
      const nonTrainable = records.reduce((a, r) => a + r.non_trainable, 0);
      if (trainable + nonTrainable !== model.countParams()) throw new Error(`generator: ${id}: totals do not add up`);
      cases.push({
        id,
        model: modelJSON(model),
        expected: {
          name: model.name,
          input_shape: [null, ...inShape],
          layers: records,
          total_params: model.countParams(),
          trainable_params: trainable,
          non_trainable_params: nonTrainable,
        },
      });
    }
  }
  return { cases, coverage };
}

// Sequential JSON for a model TF.js refused: the accepted prefix plus the refused layer,
// serialized as toJSON() does (the first layer then carries batch_input_shape itself).
function rejectedJSON(model, prefixLayers, bad) {
  if (prefixLayers.length > 0) {
    const j = modelJSON(model);
    j.config.layers.push(layerJSON(bad));
    return j;
  }
  return {
    class_name: 'Sequential',
    config: { name: model.name, layers: [layerJSON(bad)] },
    keras_version: `tfjs-layers ${tfl.version_layers}`,
    backend: 'tensor_flow.js',
  };
}

// (b) Build-time rejections that Keras shares: a window larger than its (padded) input, a
// crop larger than the input. (A Reshape of the wrong size is not one: TF.js counts the null
// batch dim as unknown and skips the check, so that case is in keras_contract.json.)
function generateRejected() {
  const cases = [];
  const kinds = ['Conv1D', 'Conv2D', 'Conv3D', 'SeparableConv2D', 'DepthwiseConv2D', 'MaxPooling1D', 'MaxPooling2D',
    'MaxPooling3D', 'AveragePooling1D', 'AveragePooling2D', 'AveragePooling3D', 'Cropping2D'];
  const PER_KIND = 4;
  for (let round = 0; round < PER_KIND; round++) {
    for (const kind of kinds) {
      const id = `rejected_${String(cases.length).padStart(3, '0')}_${kind}`;
      const rank = rankFor(kind);
      const inShape = randomInputShape(rank);
      if (inShape.includes(null)) inShape[0] = rint(4, 20);
      const model = tfl.sequential();
      const prefix = [];
      let shape = inShape;
      // Optionally a harmless layer first, so the bad layer is not always the first.
      if (chance(0.5)) {
        const cls = pick(['ReLU', 'Dropout', 'BatchNormalization', 'Activation']);
        const l = MAKERS[cls](shape).make({ inputShape: shape });
        model.add(l);
        prefix.push(l);
      }
      const sp = spatialOf(shape);
      const first = prefix.length === 0 ? { inputShape: shape } : {};
      let bad, why, says;
      if (kind === 'Cropping2D') {
        const [H, W] = sp;
        const axis = rint(0, 1), over = rint(1, 3);
        const crop = [[rint(0, 2), rint(0, 2)], [rint(0, 2), rint(0, 2)]];
        const dim = axis === 0 ? H : W;
        crop[axis][0] = rint(0, dim);
        crop[axis][1] = dim - crop[axis][0] + over;
        bad = tfl.layers.cropping2D({ cropping: crop, ...first });
        why = `cropping ${JSON.stringify(crop)} removes more than the ${dim} cells of axis ${axis}`;
        says = KERAS_SAYS.cropping([null, ...shape], crop);  // the prefix layers keep the shape
      } else {
        // Valid padding with a (dilated) window longer than the input on one axis, by >= 2 cells
        // so the length is negative (not 0) in every rule.
        const axis = rint(0, sp.length - 1);
        const k = sp.map((L) => rint(1, Math.max(1, Math.min(L, 3))));
        const d = sp.map(() => 1);
        const isConv = kind.startsWith('Conv') || kind.startsWith('Separable');
        if (isConv && chance(0.3)) d[axis] = 2;
        const need = sp[axis] + 1 + rint(1, 3);  // effective kernel
        k[axis] = d[axis] === 2 ? Math.ceil((need - 1) / 2) + 1 : need;
        const padding = 'valid';
        if (kind.includes('Pooling')) {
          const f = { MaxPooling1D: tfl.layers.maxPooling1d, MaxPooling2D: tfl.layers.maxPooling2d, MaxPooling3D: tfl.layers.maxPooling3d,
            AveragePooling1D: tfl.layers.averagePooling1d, AveragePooling2D: tfl.layers.averagePooling2d, AveragePooling3D: tfl.layers.averagePooling3d }[kind];
          bad = f({ poolSize: k, strides: sp.map(() => 1), padding, ...first });
        } else {
          const args = { kernelSize: k, padding, dilationRate: d, ...first };
          if (kind === 'DepthwiseConv2D') { delete args.dilationRate; bad = tfl.layers.depthwiseConv2d(args); }
          else if (kind === 'SeparableConv2D') bad = tfl.layers.separableConv2d({ ...args, filters: rint(1, 8) });
          else bad = { Conv1D: tfl.layers.conv1d, Conv2D: tfl.layers.conv2d, Conv3D: tfl.layers.conv3d }[kind]({ ...args, filters: rint(1, 8) });
        }
        const dk = d[axis] * (k[axis] - 1) + 1;
        if (kerasConvLength(sp[axis], k[axis], 1, d[axis], padding) >= 0) throw new Error(`generator: ${id}: not a negative length`);
        why = `valid window of ${dk} cells on an axis of ${sp[axis]}`;
        says = KERAS_SAYS.window(kind);
      }
      let err = null;
      try {
        model.add(bad);
      } catch (e) {
        err = e.message;
      }
      if (err === null) throw new Error(`generator: ${id}: TF.js accepted it (${why})`);
      cases.push({ id, model: rejectedJSON(model, prefix, bad), failing_layer: prefix.length, reason: why, tfjs_error: err,
        error: { layer: bad.name, message: says } });
    }
  }
  return cases;
}

// (keras_contract) Where TF.js departs from Keras: expectations written from the Keras rule.
function generateKerasContract() {
  const cases = [];
  const next = (group) => `contract_${String(cases.length).padStart(3, '0')}_${group}`;
  const withTail = (model, layers, recs, shape) => {
    // Flatten + Dense behind the layer, with their params from Keras's formula: this proves the
    // corrected shape propagates. Names come from TF.js (its shapes are not used).
    const units = rint(1, 8);
    const fl = tfl.layers.flatten({}), de = tfl.layers.dense({ units });
    model.add(fl);
    model.add(de);
    layers.push(fl, de);
    const n = prod(shape);
    recs.push({ name: fl.name, class_name: 'Flatten', output_shape: [null, n], params: 0, trainable: 0, non_trainable: 0 });
    recs.push({ name: de.name, class_name: 'Dense', output_shape: [null, units], params: (n + 1) * units, trainable: (n + 1) * units, non_trainable: 0 });
  };
  const okCase = (group, note, model, layers, recs, inShape, json = modelJSON(model)) => {
    const total = recs.reduce((a, r) => a + r.params, 0);
    const nt = recs.reduce((a, r) => a + r.non_trainable, 0);
    cases.push({
      id: next(group), group, expect: 'ok', note, model: json,
      expected: { name: model.name, input_shape: [null, ...inShape], layers: recs, total_params: total, trainable_params: total - nt, non_trainable_params: nt },
    });
  };
  // The refused layer is the model's last; `says` is what Keras says (KERAS_SAYS).
  const rejectCase = (group, note, model, says) => cases.push({ id: next(group), group, expect: 'reject', note, model: modelJSON(model),
    error: { layer: model.layers[model.layers.length - 1].name, message: says } });

  // 1. causal Conv1D: Keras out = ceil(L/s), pads (dk-1, 0); TF.js computes it as 'valid'.
  for (let i = 0; i < 14; i++) {
    const L = rint(3, 24), C = rint(1, 4), F = rint(1, 8), k = rint(2, 5);  // k >= 2: causal != valid
    let s = rint(1, 3), d = 1;
    if (chance(0.5)) { s = 1; d = rint(1, 4); }
    const model = tfl.sequential();
    const args = { filters: F, kernelSize: k, strides: s, padding: 'causal', inputShape: [L, C], useBias: chance(0.8) };
    if (d > 1 || chance(0.3)) args.dilationRate = d;
    const conv = tfl.layers.conv1d(args);
    const out = kerasConvLength(L, k, s, d, 'causal');
    const params = k * C * F + (args.useBias ? F : 0);
    const recs = [{ name: conv.name, class_name: 'Conv1D', output_shape: [null, out, F], params, trainable: params, non_trainable: 0,
      padding: [kerasPads(L, k, s, d, 'causal')] }];
    const layers = [conv];
    const dk = d * (k - 1) + 1;
    if (dk > L) {
      // Keras accepts a causal window longer than the input (it is all left padding); TF.js,
      // computing 'valid', refuses to build it, so the JSON is serialized by hand.
      let refused = false;
      try { model.add(conv); } catch (e) { refused = true; }
      if (!refused) throw new Error('generator: TF.js built a causal conv longer than its input');
      okCase('causal', `Keras: causal output = ceil(L/s) = ${out}, pads (${dk - 1}, 0), even though the window (${dk}) is longer than the input (${L}); TF.js 4.22 computes causal as 'valid' and refuses to build it.`,
        model, layers, recs, [L, C], rejectedJSON(model, [], conv));
      continue;
    }
    model.add(conv);
    if (conv.countParams() !== params) throw new Error('generator: causal params');
    if (chance(0.6)) withTail(model, layers, recs, [out, F]);
    const tfjsOut = conv.outputShape[1];
    okCase('causal', `Keras: causal output = ceil(L/s) = ${out}, pads (dk-1, 0); TF.js 4.22 computes causal as 'valid' (length ${tfjsOut}) and throws NotImplementedError at predict time.`,
      model, layers, recs, [L, C]);
  }
  // 2. strides > 1 together with dilation > 1: Keras rejects, TF.js accepts silently.
  for (let i = 0; i < 12; i++) {
    const rank = [1, 2, 3][i % 3];
    const inShape = randomInputShape(rank);
    if (inShape.includes(null)) inShape[0] = 16;
    const sp = spatialOf(inShape);
    const s = sp.map(() => rint(1, 3)), d = sp.map(() => rint(1, 3));
    const axis = rint(0, sp.length - 1);
    s[axis] = rint(2, 3);
    d[axis] = rint(2, 3);
    const f = [tfl.layers.conv1d, tfl.layers.conv2d, tfl.layers.conv3d][rank - 1];
    const model = tfl.sequential();
    model.add(f({ filters: rint(1, 8), kernelSize: rint(2, 3), strides: s, dilationRate: d, padding: 'same', inputShape: inShape }));
    rejectCase('strides_and_dilation',
      `Keras: "\`strides > 1\` not supported in conjunction with \`dilation_rate > 1\`. Received: strides=${JSON.stringify(s)} and dilation_rate=${JSON.stringify(d)}"; TF.js 4.22 builds it without complaint.`,
      model, KERAS_SAYS.stridesAndDilation(s, d));
  }
  // 3. causal on Conv2D/Conv3D: Keras rejects (Conv1D only), TF.js treats it as 'valid'.
  for (let i = 0; i < 4; i++) {
    const rank = 2 + (i % 2);
    const inShape = randomInputShape(rank);
    const model = tfl.sequential();
    model.add((rank === 2 ? tfl.layers.conv2d : tfl.layers.conv3d)({ filters: rint(1, 8), kernelSize: rint(1, 3), padding: 'causal', inputShape: inShape }));
    rejectCase('causal_not_1d', `Keras 2: "Causal padding is only supported for \`Conv1D\`and \`SeparableConv1D\`."; Keras 3 rejects the padding string. TF.js 4.22 accepts it and computes 'valid' shapes.`, model, KERAS_SAYS.causalNot1d());
  }
  // 4. DepthwiseConv2D with dilation (strides 1): TF.js's output shape ignores dilation.
  for (let i = 0; i < 8; i++) {
    const H = rint(6, 20), W = rint(6, 20), C = rint(1, 4), dm = rint(1, 3);
    const k = [rint(1, 3), rint(1, 3)], d = [rint(1, 3), rint(1, 3)];
    const ax = rint(0, 1);  // at least one axis where dilation changes the window
    d[ax] = Math.max(d[ax], 2);
    k[ax] = Math.max(k[ax], 2);
    const padding = pick(['valid', 'same']);
    const model = tfl.sequential();
    const useBias = chance(0.7);
    const dw = tfl.layers.depthwiseConv2d({ kernelSize: k, dilationRate: d, depthMultiplier: dm, padding, useBias, inputShape: [H, W, C] });
    model.add(dw);
    const out = [kerasConvLength(H, k[0], 1, d[0], padding), kerasConvLength(W, k[1], 1, d[1], padding)];
    const params = k[0] * k[1] * C * dm + (useBias ? C * dm : 0);
    if (dw.countParams() !== params) throw new Error('generator: depthwise params');
    const recs = [{ name: dw.name, class_name: 'DepthwiseConv2D', output_shape: [null, ...out, C * dm], params, trainable: params, non_trainable: 0,
      padding: [kerasPads(H, k[0], 1, d[0], padding), kerasPads(W, k[1], 1, d[1], padding)] }];
    const layers = [dw];
    if (chance(0.6)) withTail(model, layers, recs, [...out, C * dm]);
    okCase('depthwise_dilation', `Keras: dilated window d*(k-1)+1 gives ${JSON.stringify(out)}; TF.js 4.22 DepthwiseConv2D.computeOutputShape ignores dilation_rate (reports ${JSON.stringify(dw.outputShape.slice(1, 3))}).`,
      model, layers, recs, [H, W, C]);
  }
  // 5. A 0-length output: TF.js reports a 0 dim; Keras 3 rejects ("Computed output size would be
  //    zero or negative", Cropping "should be smaller than"), and so does PadLab.
  for (let i = 0; i < 8; i++) {
    const model = tfl.sequential();
    const kind = ['Conv1D', 'Conv2D', 'MaxPooling2D', 'Cropping2D'][i % 4];
    if (kind === 'Cropping2D') {
      const H = rint(2, 8), W = rint(2, 8), t = rint(0, H);
      model.add(tfl.layers.cropping2D({ cropping: [[t, H - t], [0, rint(0, W - 1)]], inputShape: [H, W, rint(1, 3)] }));
    } else if (kind === 'Conv1D') {
      const L = rint(2, 10), s = rint(1, 3);
      model.add(tfl.layers.conv1d({ filters: 2, kernelSize: L + 1, strides: s, inputShape: [L, 2] }));
    } else {
      const H = rint(2, 10), W = rint(2, 10);
      const f = kind === 'Conv2D' ? (a) => tfl.layers.conv2d({ ...a, filters: 3 }) : (a) => tfl.layers.maxPooling2d({ poolSize: a.kernelSize, strides: 1, inputShape: a.inputShape });
      model.add(f({ kernelSize: [H + 1, rint(1, W)], inputShape: [H, W, 1] }));
    }
    const shp = model.layers[model.layers.length - 1].outputShape;
    if (!shp.includes(0)) throw new Error('generator: zero-size case has no 0 dim');
    const zeroLayer = model.layers[model.layers.length - 1];
    const zeroSays = kind === 'Cropping2D'
      ? KERAS_SAYS.cropping(zeroLayer.batchInputShape, zeroLayer.getConfig().cropping)
      : KERAS_SAYS.window(kind);
    rejectCase('zero_size', `Keras 3 rejects a 0-length output axis; TF.js 4.22 reports ${JSON.stringify(shp)}. (tf.keras 2.x shape inference let 0 through and failed later in the TF op.)`, model, zeroSays);
  }
  // 6. Reshape with an inferred (-1) dim: Keras resolves it; TF.js leaves it null and writes
  //    null into target_shape. Odd cases keep TF.js's null, even ones hold -1 as Keras writes it.
  for (let i = 0; i < 6; i++) {
    const inShape = randomInputShape(rint(1, 2));
    if (inShape.includes(null)) inShape[0] = rint(4, 20);
    const n = prod(inShape);
    const divisors = [];
    for (let q = 1; q <= Math.min(n, 32); q++) if (n % q === 0) divisors.push(q);
    const last = pick(divisors);
    const target = chance(0.5) ? [-1, last] : [pick(divisors.filter((q) => (n / last) % q === 0)), -1, last];
    const resolved = target.map((t) => (t === -1 ? n / prod(target.filter((x) => x !== -1)) : t));
    const model = tfl.sequential();
    const rs = tfl.layers.reshape({ targetShape: [...target], inputShape: inShape });  // TF.js rewrites -1 in place
    model.add(rs);
    const recs = [{ name: rs.name, class_name: 'Reshape', output_shape: [null, ...resolved], params: 0, trainable: 0, non_trainable: 0 }];
    const layers = [rs];
    if (chance(0.6)) {
      const units = rint(1, 8);
      const de = tfl.layers.dense({ units });
      model.add(de);
      layers.push(de);
      const p = (last + 1) * units;
      recs.push({ name: de.name, class_name: 'Dense', output_shape: [null, ...resolved.slice(0, -1), units], params: p, trainable: p, non_trainable: 0 });
    }
    const tfjsShape = JSON.stringify(rs.outputShape);
    okCase('reshape_inferred', `Keras resolves target_shape ${JSON.stringify(target)} on ${n} elements to ${JSON.stringify(resolved)}; TF.js 4.22 reports ${tfjsShape} and saves -1 as null.`,
      model, layers, recs, inShape);
    if (i % 2 === 0) {
      const c = cases[cases.length - 1];
      const cfg = c.model.config.layers[0].config;
      cfg.target_shape = cfg.target_shape.map((t) => (t === null ? -1 : t));
      c.note += ' This copy writes -1, as Keras does.';
    }
  }
  // 8. SeparableConv2D with depth_multiplier > 1: TF.js builds it right but does not save the
  //    key; the JSON here has it added as Keras's get_config writes it. Params from TF.js.
  for (let i = 0; i < 6; i++) {
    const inShape = randomInputShape(2);
    const w = windowArgs(inShape, 2, { dilate: true });
    const dm = rint(2, 3);
    const args = { filters: rint(1, 8), kernelSize: w.k, strides: w.s, dilationRate: w.d, padding: w.padding, depthMultiplier: dm, useBias: chance(0.8), inputShape: inShape };
    const model = tfl.sequential();
    const sc = tfl.layers.separableConv2d(args);
    model.add(sc);
    const C = inShape[2];
    const params = w.k[0] * w.k[1] * C * dm + C * dm * args.filters + (args.useBias ? args.filters : 0);
    if (sc.countParams() !== params) throw new Error('generator: separable params');
    const outShape = [null, ...w.outs, args.filters];
    if (JSON.stringify(sc.outputShape) !== JSON.stringify(outShape)) throw new Error('generator: separable shape');
    const recs = [{ name: sc.name, class_name: 'SeparableConv2D', output_shape: outShape, params, trainable: params, non_trainable: 0,
      padding: inShape.slice(0, 2).map((L, a) => kerasPads(L, w.k[a], w.s[a], w.d[a], w.padding)) }];
    okCase('separable_depth_multiplier', `depth_multiplier=${dm} added to the config as Keras writes it; TF.js 4.22 SeparableConv2D.getConfig() drops the key, so its own model.json would reload with 1.`,
      model, [sc], recs, inShape);
    const cfg = cases[cases.length - 1].model.config.layers[0].config;
    cfg.depth_multiplier = dm;
  }
  // 9. UpSampling2D with an int size: Keras reads it as (size, size); TF.js keeps the int and
  //    computes NaN dims from size[0], size[1].
  for (let i = 0; i < 4; i++) {
    const inShape = randomInputShape(2);
    const size = rint(2, 3);
    const model = tfl.sequential();
    const up = tfl.layers.upSampling2d({ size, inputShape: inShape });
    model.add(up);
    const out = [inShape[0] * size, inShape[1] * size, inShape[2]];
    const recs = [{ name: up.name, class_name: 'UpSampling2D', output_shape: [null, ...out], params: 0, trainable: 0, non_trainable: 0 }];
    okCase('upsampling_int_size', `Keras reads size=${size} as (${size}, ${size}); TF.js 4.22 keeps the int and reports ${JSON.stringify(up.outputShape)}.`,
      model, [up], recs, inShape);
  }
  // 7. Reshape to a different element count: Keras rejects ("total size of new array must be
  //    unchanged"); TF.js skips the check at build time (the null batch dim counts as unknown).
  for (let i = 0; i < 4; i++) {
    const inShape = randomInputShape(rint(1, 3));
    if (inShape.includes(null)) inShape[0] = rint(4, 20);
    const n = prod(inShape);
    const target = chance(0.5) ? [n + rint(1, 5)] : [1, n + rint(1, 5)];
    const model = tfl.sequential();
    model.add(tfl.layers.reshape({ targetShape: target, inputShape: inShape }));
    rejectCase('reshape_mismatch', `Keras: target_shape ${JSON.stringify(target)} holds ${prod(target)} elements, the input ${n}: "total size of new array must be unchanged"; TF.js 4.22 builds it.`, model, KERAS_SAYS.reshape());
  }
  return cases;
}

// (c) numeric results of tf.conv1d/2d/3d, tf.pad and tf.mirrorPad.
// Plain-loop convolution by the Keras rule (pads from kerasPads, zeros outside), channels-last,
// Keras kernel layout. An independent witness: TF.js's result is only written when it agrees.
function kerasConvReference(input, kernel, bias, s, d, padding) {
  const xs = input.shape, ks = kernel.shape, r = xs.length - 2;
  const sp = xs.slice(1, -1), k = ks.slice(0, r), cin = xs[r + 1], cout = ks[r + 1];
  const outs = sp.map((L, a) => kerasConvLength(L, k[a], s[a], d[a], padding));
  const before = sp.map((L, a) => kerasPads(L, k[a], s[a], d[a], padding)[0]);
  const stridesOf = (shape) => shape.map((_, i) => prod(shape.slice(i + 1)));
  const xst = stridesOf(xs), kst = stridesOf(ks);
  const unravel = (flat, dims) => {
    const idx = [];
    for (let a = dims.length - 1; a >= 0; a--) { idx[a] = flat % dims[a]; flat = Math.floor(flat / dims[a]); }
    return idx;
  };
  const out = [];
  for (let b = 0; b < xs[0]; b++) {
    for (let oi = 0; oi < prod(outs); oi++) {
      const o = unravel(oi, outs);
      for (let co = 0; co < cout; co++) {
        let acc = bias ? bias.data[co] : 0;
        for (let ki = 0; ki < prod(k); ki++) {
          const kk = unravel(ki, k);
          const pos = o.map((oa, a) => oa * s[a] + kk[a] * d[a] - before[a]);
          if (pos.some((p, a) => p < 0 || p >= sp[a])) continue;
          for (let ci = 0; ci < cin; ci++) {
            let xi = b * xst[0] + ci * xst[r + 1], kidx = ci * kst[r] + co;
            for (let a = 0; a < r; a++) { xi += pos[a] * xst[a + 1]; kidx += kk[a] * kst[a]; }
            acc += input.data[xi] * kernel.data[kidx];
          }
        }
        out.push(acc);
      }
    }
  }
  return out;
}

const tensorRecord = (shape) => ({ shape, data: Array.from({ length: prod(shape) }, rval) });
const outRecord = (t) => ({ shape: t.shape, data: Array.from(t.dataSync(), round5) });

function generateConv() {
  const cases = [];
  const SPATIAL = { 1: [3, 14], 2: [3, 8], 3: [3, 5] };
  for (let i = 0; i < 90; i++) {
    const rank = 1 + (i % 3);
    const [lo, hi] = SPATIAL[rank];
    const sp = Array.from({ length: rank }, () => rint(lo, hi));
    const cin = rint(1, 3), cout = rint(1, 3), batch = rint(1, 2);
    const padding = pick(['valid', 'same']);
    let s = sp.map(() => rint(1, 3)), d = sp.map(() => 1);
    if (chance(0.35)) { s = sp.map(() => 1); d = sp.map(() => rint(1, 3)); }  // TF.js: strides 1 when dilated
    const k = sp.map((L, a) => rint(1, Math.min(4, padding === 'valid' ? Math.floor((L - 1) / d[a]) + 1 : 4)));
    const outs = sp.map((L, a) => kerasConvLength(L, k[a], s[a], d[a], padding));
    if (outs.some((o) => o <= 0)) throw new Error('generator: conv case with an empty output');
    // TF.js's conv3d 'same' does not clamp a negative pad total (stride > effective kernel
    // and L mod s leaves a gap) at 0, so it shifts the window by a cell: TF's and Keras's
    // answer differs. Such draws are skipped (README, "Known differences").
    const rawTotal = sp.map((L, a) => (outs[a] - 1) * s[a] + d[a] * (k[a] - 1) + 1 - L);
    if (rank === 3 && padding === 'same' && rawTotal.some((t) => t < 0)) { i--; continue; }
    const input = tensorRecord([batch, ...sp, cin]);
    const kernel = tensorRecord([...k, cin, cout]);
    const bias = chance(0.5) ? tensorRecord([cout]) : null;
    const x = tf.tensor(input.data, input.shape), w = tf.tensor(kernel.data, kernel.shape);
    let y;
    if (rank === 1) y = tf.conv1d(x, w, s[0], padding, 'NWC', d[0]);
    else if (rank === 2) y = tf.conv2d(x, w, s, padding, 'NHWC', d);
    else y = tf.conv3d(x, w, s, padding, 'NDHWC', d);
    if (bias) y = tf.add(y, tf.tensor(bias.data, bias.shape));
    if (JSON.stringify(y.shape.slice(1, -1)) !== JSON.stringify(outs)) throw new Error('generator: conv output shape differs from the Keras rule');
    const witness = kerasConvReference(input, kernel, bias, s, d, padding);
    const got = y.dataSync();
    if (witness.some((v, j) => Math.abs(v - got[j]) > 1e-4 + 1e-4 * Math.abs(v)))
      throw new Error(`generator: conv case ${i}: TF.js differs from the Keras-rule loop`);
    cases.push({ id: `conv${rank}d_${String(i).padStart(3, '0')}`, rank, strides: s, dilation: d, padding, input, kernel, bias, output: outRecord(y) });
    tf.dispose([x, w, y]);
  }
  return cases;
}

function generatePad() {
  const cases = [];
  const MODES = ['constant', 'reflect', 'symmetric'];
  for (let i = 0; i < 96; i++) {
    const mode = MODES[i % 3];
    const rank = rint(1, 4);
    const shape = Array.from({ length: rank }, () => rint(1, rank === 4 ? 3 : 5));
    const pads = shape.map((n) => {
      const limit = mode === 'reflect' ? n - 1 : mode === 'symmetric' ? n : 3;  // TF MirrorPad limits
      return [rint(0, Math.min(3, limit)), rint(0, Math.min(3, limit))];
    });
    const input = tensorRecord(shape);
    const value = mode === 'constant' && chance(0.6) ? rval() : 0;
    const x = tf.tensor(input.data, input.shape);
    const y = mode === 'constant' ? tf.pad(x, pads, value) : tf.mirrorPad(x, pads, mode);
    const c = { id: `pad_${mode}_${String(i).padStart(3, '0')}`, mode, pads, input, output: outRecord(y) };
    if (mode === 'constant') c.value = value;
    cases.push(c);
    tf.dispose([x, y]);
  }
  // Mirror pads past TF's limit (reflect: pad < size, symmetric: pad <= size): both reject.
  for (let i = 0; i < 10; i++) {
    const mode = i % 2 ? 'symmetric' : 'reflect';
    const rank = rint(1, 3);
    const shape = Array.from({ length: rank }, () => rint(1, 4));
    const pads = shape.map(() => [0, 0]);
    const axis = rint(0, rank - 1);
    const over = (mode === 'reflect' ? shape[axis] : shape[axis] + 1) + rint(0, 1);
    pads[axis][rint(0, 1)] = over;
    const input = tensorRecord(shape);
    const x = tf.tensor(input.data, input.shape);
    let err = null;
    try { tf.mirrorPad(x, pads, mode); } catch (e) { err = e.message; }
    tf.dispose(x);
    if (err === null) throw new Error('generator: TF.js accepted an over-long mirror pad');
    // TF's rule names the axis ("Padding in dimension A cannot be greater than or equal to ...");
    // PadLab's error must name the same axis, pad and rule.
    const rule = mode === 'reflect' ? 'pad < size' : 'pad <= size';
    cases.push({ id: `pad_rejected_${mode}_${String(i).padStart(3, '0')}`, mode, pads, input, expect: 'reject', tfjs_error: err,
      error: { axis, message: `${mode} padding of ${over} on axis ${axis} needs ${rule} (size ${shape[axis]})` } });
  }
  return cases;
}

// ------------------------------------------------------------------ output
// One case per line: small diffs when a fixture changes, still valid JSON.
function writeFixture(file, header, cases) {
  const head = JSON.stringify({ ...header, generator: 'tests/golden/generate.mjs', seed: SEED,
    tfjs_layers: tfl.version_layers, tfjs_core: tf.version_core, count: cases.length });
  const text = `${head.slice(0, -1)},"cases":[\n${cases.map((c) => JSON.stringify(c)).join(',\n')}\n]}\n`;
  JSON.parse(text);  // never write something the checker cannot read
  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.writeFileSync(path.join(OUT_DIR, file), text);
  return text.length;
}

const { cases: models, coverage } = generateModels();
const rejected = generateRejected();
const contract = generateKerasContract();
const conv = generateConv();
const pads = generatePad();

// Every accepted model must reload from its own JSON to the same shapes and params: catches a
// config key TF.js forgets to save (as SeparableConv2D's depth_multiplier).
for (const c of models) {
  const again = await tfl.models.modelFromJSON({ modelTopology: c.model });
  const got = again.layers.map((l) => [JSON.stringify(l.outputShape), l.countParams()]);
  const want = c.expected.layers.map((l) => [JSON.stringify(l.output_shape), l.params]);
  if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(`generator: ${c.id} does not survive a JSON round trip: ${JSON.stringify(got)}`);
}

let bytes = 0;
bytes += writeFixture('models.json', { format: 'padlab-golden-models/1' }, models);
bytes += writeFixture('rejected.json', { format: 'padlab-golden-rejected/1' }, rejected);
bytes += writeFixture('keras_contract.json', { format: 'padlab-golden-keras-contract/1' }, contract);
bytes += writeFixture('conv.json', { format: 'padlab-golden-conv/1' }, conv);
bytes += writeFixture('pad.json', { format: 'padlab-golden-pad/1' }, pads);

const missing = LAYER_TYPES.filter((t) => (coverage[t] ?? 0) < 10);
if (missing.length) throw new Error(`generator: thin coverage for ${missing.join(', ')}`);
process.stderr.write(`golden: ${models.length} models, ${rejected.length} rejected, ${contract.length} keras_contract, ` +
  `${conv.length} conv, ${pads.length} pad; ${(bytes / 1e6).toFixed(2)} MB\n` +
  `golden: layers per class ${JSON.stringify(coverage)}\n`);
