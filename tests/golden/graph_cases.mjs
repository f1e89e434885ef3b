// Random Functional (graph) models built with TensorFlow.js, each written twice: as TF.js's
// model.toJSON() and as the Python a tutorial would write for the same model (keras.Input,
// layer calls, def blocks called in for loops, keras.Model), with what TF.js reports for it.
// Shared by generate_graphs.mjs (the checked-in fixtures/graphs.json) and heldout_graphs.mjs
// (fresh models on every run, scored against the wasm build).
//
// Topologies: residual (a def block in a for loop, projection shortcuts), inception (parallel
// branches + Concatenate), unet (down, up, skip concatenations), multi_input, multi_output,
// shared (one layer called on several tensors: node indices 0, 1, ...), nested (a Sequential
// or a Functional model used as a layer), merge (every merge class, Dot with axes).
// Every layer is named explicitly (TF.js's auto-names are not Keras's), so both sources name
// the same layers; names come from the Python the case prints (f-strings in the def blocks).
import * as tfl from '@tensorflow/tfjs-layers';

export const TOPOLOGIES = ['residual', 'inception', 'unet', 'multi_input', 'multi_output', 'shared', 'nested', 'merge'];

// ------------------------------------------------------------------ Python rendering
const snake = (k) => k.replace(/([A-Z])/g, '_$1').toLowerCase();
export function py(v) {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  if (typeof v === 'string') return `'${v}'`;
  if (Array.isArray(v)) return v.length === 1 ? `(${py(v[0])},)` : `(${v.map(py).join(', ')})`;
  throw new Error(`graph_cases: no Python form for ${JSON.stringify(v)}`);
}
// Keras's positional first arguments, written positionally as tutorials do.
const POSITIONAL = { Conv2D: ['filters', 'kernelSize'], Conv1D: ['filters', 'kernelSize'], Conv2DTranspose: ['filters', 'kernelSize'],
  Dense: ['units'], Dropout: ['rate'], Activation: ['activation'], MaxPooling2D: ['poolSize'], AveragePooling2D: ['poolSize'] };
function pyCall(cls, args) {
  const pos = (POSITIONAL[cls] ?? []).filter((k) => k in args);
  const parts = pos.map((k) => py(args[k]));
  for (const [k, v] of Object.entries(args)) if (!pos.includes(k)) parts.push(`${snake(k)}=${v && v.py ? v.py : py(v)}`);
  return `layers.${cls}(${parts.join(', ')})`;
}

const FACTORY = {
  Conv2D: tfl.layers.conv2d, Conv1D: tfl.layers.conv1d, Conv2DTranspose: tfl.layers.conv2dTranspose, Dense: tfl.layers.dense,
  BatchNormalization: tfl.layers.batchNormalization, ReLU: tfl.layers.reLU, Activation: tfl.layers.activation,
  MaxPooling2D: tfl.layers.maxPooling2d, AveragePooling2D: tfl.layers.averagePooling2d, UpSampling2D: tfl.layers.upSampling2d,
  GlobalAveragePooling2D: tfl.layers.globalAveragePooling2d, GlobalMaxPooling2D: tfl.layers.globalMaxPooling2d,
  Flatten: tfl.layers.flatten, Dropout: tfl.layers.dropout, ZeroPadding2D: tfl.layers.zeroPadding2d,
  Add: tfl.layers.add, Multiply: tfl.layers.multiply, Average: tfl.layers.average,
  Maximum: tfl.layers.maximum, Minimum: tfl.layers.minimum, Concatenate: tfl.layers.concatenate, Dot: tfl.layers.dot,
};
// TF.js 4.22 has no Subtract layer: it is checked against Keras's rules in test_merge_layers.cpp.
const MERGES = ['Add', 'Multiply', 'Average', 'Maximum', 'Minimum'];

// One model written in both languages at once. Python statements go to `lines` (with the
// current indentation); a value `{py: 'expr'}` in args is written as that Python expression
// (an f-string name inside a def) while TF.js gets the plain value.
class Dual {
  constructor() {
    this.lines = ['from tensorflow import keras', 'from tensorflow.keras import layers', ''];
    this.vars = 0;
  }
  emit(s) { this.lines.push(s); }
  fresh(stem = 'x') { return `${stem}${this.vars++}`; }
  input(shape, name) {
    const t = tfl.input({ shape, name });
    const v = this.fresh('inp');
    this.emit(`${v} = keras.Input(shape=${py(shape)}, name='${name}')`);
    return { t, v };
  }
  // layer(cls, args, x) with x a tensor {t, v} or a list of them; returns {t, v}. `pyName` is
  // the Python expression of the name when it differs from the literal (f-strings).
  layer(cls, args, x, { pyName = null, indent = '', out = null, layerObj = null } = {}) {
    const tfArgs = Object.fromEntries(Object.entries(args));
    const l = layerObj ?? FACTORY[cls](tfArgs);
    const t = l.apply(Array.isArray(x) ? x.map((e) => e.t) : x.t);
    const pyArgs = { ...args };
    if (pyName) pyArgs.name = { py: pyName };
    const v = out ?? this.fresh();
    const arg = Array.isArray(x) ? `[${x.map((e) => e.v).join(', ')}]` : x.v;
    this.emit(`${indent}${v} = ${layerObj ? layerObj.__pyVar : pyCall(cls, pyArgs)}(${arg})`);
    return { t, v, layer: l };
  }
}

// ------------------------------------------------------------------ expected (what TF.js reports)
const sizeOf = (ws) => ws.reduce((a, w) => a + w.shape.reduce((p, d) => p * d, 1), 0);
function expectedOf(model) {
  const layers = model.layers.map((l) => {
    let output_shape;
    try {
      output_shape = l.outputShape;
    } catch (e) {
      if (!/multiple inbound nodes/.test(e.message)) throw e;
      output_shape = 'multiple';  // Keras 2 prints "multiple" for such a shared layer
    }
    const connected_to = [];
    for (const n of l.inboundNodes) {
      n.inboundLayers.forEach((il, i) => connected_to.push(`${il.name}[${n.nodeIndices[i]}][${n.tensorIndices[i]}]`));
    }
    const trainable = l.trainable ? sizeOf(l.trainableWeights) : 0;
    const params = l.countParams();
    // TF.js calls a Functional model "Model" (tf.keras <= 2.3 did too); Keras 2.4+ and Keras 3
    // build and print it as "Functional", which is the contract.
    const class_name = l.getClassName() === 'Model' ? 'Functional' : l.getClassName();
    return { name: l.name, class_name, output_shape, params, trainable, non_trainable: params - trainable, connected_to };
  });
  const total = layers.reduce((a, l) => a + l.params, 0);
  const trainable = layers.reduce((a, l) => a + l.trainable, 0);
  return { name: model.name, layers, total_params: total, trainable_params: trainable, non_trainable_params: total - trainable };
}

// ------------------------------------------------------------------ topologies
function residual(r, d, name) {
  const size = r.pick([8, 12, 16]);
  const inp = d.input([size, size, r.int(1, 4)], 'image');
  let x = d.layer('Conv2D', { filters: r.int(2, 8), kernelSize: 3, padding: 'same', name: 'stem' }, inp);
  const filters = Array.from({ length: r.int(1, 3) }, () => r.pick([4, 8, 12]));
  let channels = x.t.shape[3];
  const proj = filters.map((f) => f !== channels && ((channels = f), true));
  const bn = r.chance(0.5);
  // The block as a tutorial writes it: a def with an f-string per name, called in a for loop.
  d.emit('');
  d.emit('def block(x, filters, i, project):');
  d.emit('    shortcut = x');
  d.emit('    if project:');
  d.emit(`        shortcut = layers.Conv2D(filters, 1, name=f'b{i}_proj')(x)`);
  d.emit(`    y = layers.Conv2D(filters, 3, padding='same', name=f'b{i}_conv1')(x)`);
  if (bn) d.emit(`    y = layers.BatchNormalization(name=f'b{i}_bn')(y)`);
  d.emit(`    y = layers.ReLU(name=f'b{i}_relu')(y)`);
  d.emit(`    y = layers.Conv2D(filters, 3, padding='same', name=f'b{i}_conv2')(y)`);
  d.emit(`    return layers.Add(name=f'b{i}_add')([shortcut, y])`);
  d.emit('');
  d.emit(`for i, (f, p) in enumerate(zip(${py(filters)}, ${py(proj)})):`);
  d.emit(`    ${x.v} = block(${x.v}, f, i, p)`);
  // The same block in TF.js, without writing Python (the loop above is that Python).
  filters.forEach((f, i) => {
    let shortcut = x.t;
    if (proj[i]) shortcut = tfl.layers.conv2d({ filters: f, kernelSize: 1, name: `b${i}_proj` }).apply(x.t);
    let y = tfl.layers.conv2d({ filters: f, kernelSize: 3, padding: 'same', name: `b${i}_conv1` }).apply(x.t);
    if (bn) y = tfl.layers.batchNormalization({ name: `b${i}_bn` }).apply(y);
    y = tfl.layers.reLU({ name: `b${i}_relu` }).apply(y);
    y = tfl.layers.conv2d({ filters: f, kernelSize: 3, padding: 'same', name: `b${i}_conv2` }).apply(y);
    x = { t: tfl.layers.add({ name: `b${i}_add` }).apply([shortcut, y]), v: x.v };
  });
  x = d.layer(r.pick(['GlobalAveragePooling2D', 'GlobalMaxPooling2D']), { name: 'pool' }, x);
  const out = d.layer('Dense', { units: r.int(2, 10), activation: 'softmax', name: 'classes' }, x);
  return [inp, out, name];
}

function inception(r, d, name) {
  const size = r.pick([7, 9, 12, 16]);
  const inp = d.input([size, size, r.int(1, 6)], 'image');
  let x = inp;
  const modules = r.int(1, 2);
  for (let m = 0; m < modules; m++) {
    const branches = [];
    branches.push(d.layer('Conv2D', { filters: r.int(1, 6), kernelSize: 1, padding: 'same', activation: 'relu', name: `m${m}_1x1` }, x));
    const b3 = d.layer('Conv2D', { filters: r.int(1, 4), kernelSize: 1, name: `m${m}_3x3_reduce` }, x);
    branches.push(d.layer('Conv2D', { filters: r.int(1, 6), kernelSize: 3, padding: 'same', name: `m${m}_3x3` }, b3));
    if (r.chance(0.7)) branches.push(d.layer('Conv2D', { filters: r.int(1, 6), kernelSize: 5, padding: 'same', name: `m${m}_5x5` }, x));
    const p = d.layer('MaxPooling2D', { poolSize: 3, strides: 1, padding: 'same', name: `m${m}_pool` }, x);
    branches.push(d.layer('Conv2D', { filters: r.int(1, 4), kernelSize: 1, name: `m${m}_pool_proj` }, p));
    x = d.layer('Concatenate', { axis: r.pick([-1, 3]), name: `m${m}_concat` }, branches);
    if (m + 1 < modules) x = d.layer(r.pick(['MaxPooling2D', 'AveragePooling2D']), { poolSize: 2, name: `m${m}_down` }, x);
  }
  x = d.layer('Flatten', { name: 'flatten' }, x);
  const out = d.layer('Dense', { units: r.int(1, 8), name: 'logits' }, x);
  return [inp, out, name];
}

function unet(r, d, name) {
  const depth = r.int(1, 2);
  const size = 4 * 2 ** depth;
  const inp = d.input([size, size, r.int(1, 3)], 'image');
  let x = inp;
  const skips = [];
  let f = r.pick([2, 4]);
  for (let i = 0; i < depth; i++) {
    x = d.layer('Conv2D', { filters: f, kernelSize: 3, padding: 'same', activation: 'relu', name: `down${i}_conv` }, x);
    skips.push(x);
    x = d.layer('MaxPooling2D', { poolSize: 2, name: `down${i}_pool` }, x);
    f *= 2;
  }
  x = d.layer('Conv2D', { filters: f, kernelSize: 3, padding: 'same', activation: 'relu', name: 'bottleneck' }, x);
  for (let i = depth - 1; i >= 0; i--) {
    f /= 2;
    x = r.chance(0.5)
      ? d.layer('UpSampling2D', { size: [2, 2], name: `up${i}_upsample` }, x)
      : d.layer('Conv2DTranspose', { filters: f, kernelSize: 2, strides: 2, padding: 'same', name: `up${i}_deconv` }, x);
    x = d.layer('Concatenate', { name: `up${i}_concat` }, [x, skips[i]]);
    x = d.layer('Conv2D', { filters: f, kernelSize: 3, padding: 'same', activation: 'relu', name: `up${i}_conv` }, x);
  }
  const out = d.layer('Conv2D', { filters: r.int(1, 3), kernelSize: 1, activation: 'sigmoid', name: 'mask' }, x);
  return [inp, out, name];
}

function multiInput(r, d, name) {
  const size = r.pick([6, 8, 10]);
  const img = d.input([size, size, r.int(1, 3)], 'image');
  const meta = d.input([r.int(1, 12)], 'meta');
  let a = d.layer('Conv2D', { filters: r.int(1, 6), kernelSize: r.int(1, 3), strides: r.int(1, 2), padding: r.pick(['valid', 'same']), name: 'conv' }, img);
  a = d.layer('Flatten', { name: 'flatten' }, a);
  let b = d.layer('Dense', { units: r.int(1, 8), activation: 'relu', name: 'meta_dense' }, meta);
  let x = d.layer('Concatenate', { name: 'joined' }, r.chance(0.5) ? [a, b] : [b, a]);
  if (r.chance(0.5)) x = d.layer('Dropout', { rate: 0.5, name: 'dropout' }, x);
  const out = d.layer('Dense', { units: r.int(1, 5), name: 'score' }, x);
  return [[img, meta], out, name];
}

function multiOutput(r, d, name) {
  const inp = d.input([r.int(4, 20), r.int(1, 6)], 'signal');
  let x = d.layer('Conv1D', { filters: r.int(1, 8), kernelSize: r.int(1, 3), padding: r.pick(['valid', 'same']), activation: 'relu', name: 'features' }, inp);
  x = d.layer('Flatten', { name: 'flatten' }, x);
  const heads = [];
  const n = r.int(2, 3);
  for (let i = 0; i < n; i++) heads.push(d.layer('Dense', { units: r.int(1, 6), name: `head_${i}` }, x));
  return [inp, heads, name];
}

function shared(r, d, name) {
  if (r.chance(0.3)) return sharedConv(r, d, name);
  const n = r.int(2, 3);
  const dim = r.int(2, 10);
  const ins = Array.from({ length: n }, (_, i) => d.input([dim], `in_${i}`));
  // A shared layer built once and called on each input: Keras names its calls node 0, 1, ...
  const units = r.int(1, 8);
  const l = tfl.layers.dense({ units, activation: 'relu', name: 'shared_dense' });
  l.__pyVar = 'shared';
  d.emit(`shared = layers.Dense(${units}, activation='relu', name='shared_dense')`);
  const outs = ins.map((x) => d.layer('Dense', {}, x, { layerObj: l }));
  let x = d.layer(r.pick(['Add', 'Maximum', 'Average', 'Concatenate']), { name: 'merge' }, outs);
  const out = d.layer('Dense', { units: 1, activation: 'sigmoid', name: 'out' }, x);
  return [ins, out, name];
}

// One Conv2D called on two images of different sizes: its calls' shapes differ, so Keras 2
// prints "multiple" as its output shape.
function sharedConv(r, d, name) {
  const ch = r.int(1, 3);
  const a = d.input([r.pick([6, 8]), r.pick([6, 8]), ch], 'small');
  const b = d.input([r.pick([10, 12]), r.pick([10, 12]), ch], 'large');
  const f = r.int(1, 6);
  const k = r.pick([1, 3]);
  const l = tfl.layers.conv2d({ filters: f, kernelSize: k, name: 'shared_conv' });
  l.__pyVar = 'shared';
  d.emit(`shared = layers.Conv2D(${f}, ${k}, name='shared_conv')`);
  const pools = [a, b].map((x, i) => d.layer('GlobalAveragePooling2D', { name: `pool_${i}` }, d.layer('Conv2D', {}, x, { layerObj: l })));
  const x = d.layer(r.pick(['Add', 'Concatenate', 'Minimum']), { name: 'merge' }, pools);
  const out = d.layer('Dense', { units: r.int(1, 3), name: 'out' }, x);
  return [[a, b], out, name];
}

function nested(r, d, name) {
  const size = r.pick([6, 8, 12]);
  const ch = r.int(1, 3);
  const f = r.int(1, 6);
  const k = r.pick([1, 3]);
  const pad = r.pick(['valid', 'same']);
  let inner;
  if (r.chance(0.5)) {
    // a Sequential used as a layer (its own input shape given, as tutorials do)
    inner = tfl.sequential({ name: 'features', layers: [
      tfl.layers.conv2d({ filters: f, kernelSize: k, padding: pad, inputShape: [size, size, ch], name: 'inner_conv' }),
      tfl.layers.reLU({ name: 'inner_relu' }),
    ] });
    d.emit('features = keras.Sequential([');
    d.emit(`    layers.Conv2D(${f}, ${k}, padding='${pad}', input_shape=${py([size, size, ch])}, name='inner_conv'),`);
    d.emit(`    layers.ReLU(name='inner_relu'),`);
    d.emit("], name='features')");
  } else {
    // a Functional model used as a layer
    const ii = tfl.input({ shape: [size, size, ch], name: 'inner_in' });
    const io = tfl.layers.conv2d({ filters: f, kernelSize: k, padding: pad, activation: 'relu', name: 'inner_conv' }).apply(ii);
    inner = tfl.model({ inputs: ii, outputs: io, name: 'features' });
    d.emit(`inner_in = keras.Input(shape=${py([size, size, ch])}, name='inner_in')`);
    d.emit(`inner_out = layers.Conv2D(${f}, ${k}, padding='${pad}', activation='relu', name='inner_conv')(inner_in)`);
    d.emit("features = keras.Model(inner_in, inner_out, name='features')");
  }
  inner.__pyVar = 'features';
  const inp = d.input([size, size, ch], 'image');
  let x = d.layer('Sequential', {}, inp, { layerObj: inner });
  x = d.layer('GlobalAveragePooling2D', { name: 'pool' }, x);
  const out = d.layer('Dense', { units: r.int(1, 5), name: 'out' }, x);
  return [inp, out, name];
}

function merge(r, d, name) {
  const dim = r.int(2, 8);
  const a = d.input([dim], 'a');
  const b = d.input([dim], 'b');
  const cls = r.pick([...MERGES, 'Dot', 'Concatenate']);
  let x;
  if (cls === 'Dot') x = d.layer('Dot', { axes: 1, normalize: r.chance(0.3), name: 'dot' }, [a, b]);
  else {
    const ins = [a, b];
    if (r.chance(0.5) && cls !== 'Concatenate') ins.push(d.layer('Dense', { units: dim, name: 'third' }, a));
    x = d.layer(cls, { name: 'merged' }, ins);
  }
  const out = d.layer('Dense', { units: r.int(1, 4), name: 'out' }, x);
  return [[a, b], out, name];
}

const BUILD = { residual, inception, unet, multi_input: multiInput, multi_output: multiOutput, shared, nested, merge };

// rng: a function returning [0, 1). Returns `count` cases, the topologies in turn.
export function makeGraphCases(rng, count, idPrefix = 'graph') {
  const r = {
    int: (lo, hi) => lo + Math.floor(rng() * (hi - lo + 1)),
    pick: (xs) => xs[Math.floor(rng() * xs.length)],
    chance: (p) => rng() < p,
  };
  const cases = [];
  for (let i = 0; i < count; i++) {
    const topology = TOPOLOGIES[i % TOPOLOGIES.length];
    const d = new Dual();
    const name = `${topology}_${i}`;
    const [ins, outs, modelName] = BUILD[topology](r, d, name);
    const list = (x) => (Array.isArray(x) ? x : [x]);
    const model = tfl.model({ inputs: list(ins).map((e) => e.t), outputs: Array.isArray(outs) ? outs.map((e) => e.t) : outs.t, name: modelName });
    const side = (x) => (Array.isArray(x) ? `[${x.map((e) => e.v).join(', ')}]` : x.v);
    d.emit('');
    d.emit(`model = keras.Model(inputs=${side(ins)}, outputs=${side(outs)}, name='${modelName}')`);
    d.emit('model.summary()');
    cases.push({ id: `${idPrefix}-${topology}-${String(i).padStart(3, '0')}`, topology, python: d.lines.join('\n') + '\n', model: model.toJSON(null, false), expected: expectedOf(model) });
  }
  return cases;
}
