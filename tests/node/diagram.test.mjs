// pl.diagram / diagramStep / diagramSvg / diagramPresets / layerDiagramSpec: the diagram
// geometry and pictures of the core (core/diagram/*), through the public JS API.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { padlabError, pl } from './site.mjs';

const CAUSAL = { input: 8, kernel: 4, padding: 'causal' };

test('causal padding, kernel 4 on 8 steps: the geometry as plain data', () => {
  const g = pl.diagram(CAUSAL);
  assert.deepEqual(g.spec, {
    input: [8], kernel: [4], strides: [1], dilation: [1], padding: 'causal', mode: 'constant', value: 0, op: 'conv',
    outputPadding: null, values: null, label: '',
  });
  assert.deepEqual(g.axes, [{ input: 8, kernel: 4, stride: 1, dilation: 1, effectiveKernel: 4, padBefore: 3, padAfter: 0, output: 8 }]);
  assert.deepEqual([g.grid, g.offset, g.gridStride, g.output], [[11], [3], [1], [8]]);
  assert.equal(g.stepCount, 8);
  assert.equal(g.cellCount, 11);
  assert.equal(g.formula, 'out = ⌈(8 + 3 + 0 − 4 + 1) / 1⌉ = 8');
  assert.deepEqual(g.notes, ['causal: dk − 1 = 3 before, none after; output t reads inputs t − 3 … t only', 'padding values: zeros',
    '3 of 8 outputs read padding']);  // outputs 0, 1, 2 reach back into the 3 zeros
  assert.deepEqual(g.view, [[0, 11]]);
  // Cells: 3 zeros, then x0..x7 (default values 1..n).
  assert.deepEqual(g.cells.map((c) => c.kind), ['pad', 'pad', 'pad', 'input', 'input', 'input', 'input', 'input', 'input', 'input', 'input']);
  assert.deepEqual(g.cells.map((c) => c.value), [0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8]);
  assert.deepEqual(g.cells[0], { pos: [0], kind: 'pad', source: null, value: 0, read: true });
  assert.deepEqual(g.cells[4], { pos: [4], kind: 'input', source: [1], value: 2, read: true });
  // Output t reads padded cells t..t+3, i.e. inputs t-3..t.
  assert.deepEqual(g.steps[0], { index: 0, output: [0], origin: [0], window: [[0], [1], [2], [3]] });
  assert.deepEqual(g.steps[7], { index: 7, output: [7], origin: [7], window: [[7], [8], [9], [10]] });
  assert.deepEqual(g.readMask, [Array(11).fill(true)]);
});

test('reflection 2D: mirrored cells name the input cell they copy', () => {
  const g = pl.diagram({ input: [3, 3], kernel: 3, padding: 'same', mode: 'reflect', values: [1, 2, 3, 4, 5, 6, 7, 8, 9] });
  const at = (i, j) => g.cells[i * 5 + j];
  const values = [0, 1, 2, 3, 4].map((i) => [0, 1, 2, 3, 4].map((j) => at(i, j).value));
  assert.deepEqual(values, [
    [5, 4, 5, 6, 5],
    [2, 1, 2, 3, 2],
    [5, 4, 5, 6, 5],
    [8, 7, 8, 9, 8],
    [5, 4, 5, 6, 5],
  ]);
  assert.deepEqual(at(0, 0), { pos: [0, 0], kind: 'pad', source: [1, 1], value: 5, read: true });
  assert.deepEqual(at(1, 1), { pos: [1, 1], kind: 'input', source: [0, 0], value: 1, read: true });
});

test('stride that skips the tail, transposed gaps, cropping', () => {
  const skip = pl.diagram({ input: 8, kernel: 3, strides: 2 });
  assert.deepEqual(skip.output, [3]);
  assert.deepEqual(skip.cells.map((c) => c.read), [true, true, true, true, true, true, true, false]);
  assert.match(skip.notes.join(' '), /never read/);

  const t = pl.diagram({ input: [3], kernel: [3], strides: [2], padding: 'same', op: 'transpose' });
  assert.deepEqual(t.output, [6]);
  // TF crops the odd extra cell of 'same' at the end: k-1 = 2 zeros before, 1 after.
  assert.deepEqual(t.cells.map((c) => c.kind), ['pad', 'pad', 'input', 'gap', 'input', 'gap', 'input', 'pad']);

  const crop = pl.diagram({ input: [5, 6], padding: [[-1, -1], [-2, -1]] });
  assert.equal(crop.stepCount, 0);
  assert.deepEqual(crop.output, [3, 3]);
  assert.equal(crop.steps.length, 0);
  assert.equal(crop.cells.filter((c) => c.kind === 'cropped').length, 30 - 9);
});

test('large inputs: cells and steps on request, by region and range', () => {
  const spec = { input: [224, 224], kernel: 3, padding: 'same' };
  const g = pl.diagram(spec);
  assert.equal(g.cellCount, 226 * 226);
  assert.equal(g.stepCount, 224 * 224);
  assert.equal(g.steps, null, 'too many steps to list by default');
  const v = pl.diagram(spec, { view: [[0, 3], [100, 102]], steps: [500, 502] });
  assert.deepEqual(v.view, [[0, 3], [100, 102]]);
  assert.deepEqual(v.cells.map((c) => `${c.pos}:${c.kind}`), ['0,100:pad', '0,101:pad', '1,100:input', '1,101:input', '2,100:input', '2,101:input']);
  assert.deepEqual(v.steps.map((s) => s.output), [[2, 52], [2, 53]]);
  assert.deepEqual(pl.diagramStep(spec, 500).window[0], [2, 52]);
  assert.equal(pl.diagram(spec, { steps: false }).steps, null);
  assert.equal(pl.diagram({ input: [512, 512], kernel: 3 }).cells, null, 'too many cells to list by default');
  assert.equal(padlabError(() => pl.diagram({ input: [512, 512], kernel: 3 }, { view: [[0, 512], [0, 512]] })).kind, 'LimitError');
  assert.equal(padlabError(() => pl.diagram(spec, { steps: true })).kind, 'LimitError');
});

test('diagramSvg: a static step and the animated picture, with escaped labels', () => {
  const step = pl.diagramSvg(CAUSAL, { step: 2 });
  assert.match(step, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+" height="\d+"/);
  assert.match(step, /<title id="pl-title">Conv1D\(kernel_size=4, padding=&apos;causal&apos;\), step 3 of 8<\/title>/);
  assert.doesNotMatch(step, /@keyframes/);
  const anim = pl.diagramSvg(CAUSAL, { animate: true, idPrefix: 'blog1' });
  assert.match(anim, /@keyframes blog1-show/);
  assert.match(anim, /prefers-reduced-motion/);
  const hostile = pl.diagramSvg({ ...CAUSAL, label: '<script>alert(1)</script>' });
  assert.doesNotMatch(hostile, /<script>/);
  assert.match(hostile, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.equal(padlabError(() => pl.diagramSvg(CAUSAL, { step: 8 })).kind, 'ArgumentError');
  assert.equal(padlabError(() => pl.diagramSvg(CAUSAL, { idPrefix: '"><x' })).kind, 'ArgumentError');
  assert.equal(padlabError(() => pl.diagramSvg(CAUSAL, { step: 1, animate: true })).kind, 'ArgumentError');
});

test('diagramPicture: the step as the page shows it, its view, and what it reads', () => {
  const p = pl.diagramPicture(CAUSAL, { step: 1, theme: 'dark', highlight: 5, idPrefix: 'w1' });
  assert.equal(p.svg, pl.diagramSvg(CAUSAL, { step: 1, theme: 'dark', highlight: 5, idPrefix: 'w1' }));
  assert.doesNotMatch(p.svg, /<style|class="/);
  assert.match(p.svg, /<title id="w1-title">/);
  assert.deepEqual(p.view, [[0, 11]]);
  assert.deepEqual(p.outputView, [[0, 8]]);
  assert.equal(p.reads, 'y1 reads 2 padding + x0 … x1');
  assert.equal(p.highlightReads, 'y5 reads x2 … x5');
  assert.equal((p.svg.match(/ data-rf=""/g) ?? []).length, 4);
  // A kept view: step 14 of a 28x28 'valid' picture started at column 0 moves by one column only.
  const big = { input: [28, 28], kernel: [3, 3] };
  assert.deepEqual(pl.diagramPicture(big, { step: 14, viewHint: [0, 0], outputViewHint: [0, 0] }).view, [[0, 16], [1, 17]]);
  assert.deepEqual(pl.diagramPicture(big, { step: 14 }).view[1], [7, 23]);
  assert.equal(padlabError(() => pl.diagramPicture(CAUSAL, { highlight: 8 })).kind, 'ArgumentError');
  assert.equal(padlabError(() => pl.diagramPicture(CAUSAL, { theme: 'sepia' })).kind, 'ArgumentError');
  assert.equal(padlabError(() => pl.diagramPicture(CAUSAL, { viewHint: [-1] })).kind, 'ArgumentError');
  assert.equal(padlabError(() => pl.diagramPicture(CAUSAL, { animate: true })).kind, 'ArgumentError');
});

test('presets include the pictures of the padding post, and each one draws', () => {
  const presets = pl.diagramPresets();
  const names = presets.map((p) => p.name);
  for (const n of ['causal_time_series', 'reflection_2d', 'valid_28x28', 'same_28x28']) assert.ok(names.includes(n), n);
  const causal = presets.find((p) => p.name === 'causal_time_series');
  assert.deepEqual(causal.spec.values, [3, 5, 4, 6, 8, 7, 9, 10]);
  for (const p of presets) {
    const g = pl.diagram(p.spec);
    assert.ok(g.grid.length >= 1, p.name);
    assert.match(pl.diagramSvg(p.spec, { animate: true }), /^<svg /, p.name);
  }
  assert.deepEqual(pl.diagram(presets.find((p) => p.name === 'valid_28x28').spec).output, [26, 26]);
  assert.deepEqual(pl.diagram(presets.find((p) => p.name === 'same_28x28').spec).output, [28, 28]);
  assert.deepEqual(presets.find((p) => p.name === 'cropping_2d').spec.padding, [[-1, -1], [-2, -1]]);
});

test('layerDiagramSpec: a layer of a model with its real settings', () => {
  const source = `model = Sequential()
model.add(Conv1D(4, 4, padding='causal', dilation_rate=2, input_shape=(16, 1)))
model.add(MaxPooling1D(2))
model.add(ZeroPadding1D((1, 2)))
model.add(Flatten())
`;
  assert.deepEqual(pl.layerDiagramSpec(source, 'conv1d'), {
    input: [16], kernel: [4], strides: [1], dilation: [2], padding: 'causal', mode: 'constant', value: 0, op: 'conv',
    outputPadding: null, values: null, label: 'conv1d (Conv1D)',
  });
  const pool = pl.layerDiagramSpec(source, 'max_pooling1d');
  assert.deepEqual([pool.input, pool.kernel, pool.strides, pool.op], [[16], [2], [2], 'pool']);
  assert.deepEqual(pl.layerDiagramSpec(source, 'zero_padding1d').padding, [[1, 2]]);
  assert.deepEqual(pl.diagram(pl.layerDiagramSpec(source, 'zero_padding1d')).output, [11]);
  assert.equal(padlabError(() => pl.layerDiagramSpec(source, 'flatten')).kind, 'UnsupportedError');
  const missing = padlabError(() => pl.layerDiagramSpec(source, 'nope'));
  assert.equal(missing.kind, 'ArgumentError');
  assert.match(missing.message, /its layers are: conv1d, max_pooling1d, zero_padding1d, flatten/);
});

test('bad specs are PadlabErrors naming the argument', () => {
  const cases = [
    [() => pl.diagram(), /spec must be an object/],
    [() => pl.diagram({ kernel: 3 }), /spec.input is required/],
    [() => pl.diagram({ input: [1, 2, 3, 4], kernel: 1 }), /1, 2 or 3 spatial axes/],
    [() => pl.diagram({ input: 8, kernel: 3, padding: '<img onerror=x>' }), /spec.padding must be 'valid'.*got '<img onerror=x>'/],
    [() => pl.diagram({ input: 8, kernel: 3, op: 'deconv' }), /spec.op must be/],
    [() => pl.diagram({ input: 8, kernel: 3, colour: 'red' }), /unknown option 'colour'/],
    [() => pl.diagram({ input: 8, kernel: 3.5 }), /spec.kernel must be an integer/],
    [() => pl.diagram({ input: 8, kernel: 3, mode: 'mirror' }), /mirror/],
    [() => pl.diagram({ input: [5, 5], kernel: 3, padding: 'causal' }), /causal/i],
    [() => pl.diagram({ input: 3, padding: 'same' }), /explicit padding or cropping only/],
    [() => pl.diagram({ input: 4, values: [1, 2] , kernel: 2 }), /2 input values given for an input of 4 cells/],
    [() => pl.diagramStep(CAUSAL, 8), /step 8 does not exist; the diagram has 8 steps/],
  ];
  for (const [fn, re] of cases) assert.match(padlabError(fn).message, re);
});

test('1,000 diagram calls leave the heap flat', () => {
  const calls = () => {
    pl.diagram(CAUSAL);
    pl.diagramSvg({ input: [5, 5], kernel: 3, padding: 'same', mode: 'reflect' }, { step: 3 });
    try { pl.diagram({ input: 3, kernel: 9 }); } catch { /* core error */ }
  };
  for (let i = 0; i < 30; i++) calls();
  const before = pl.memoryStats();
  for (let i = 0; i < 1000; i++) calls();
  const after = pl.memoryStats();
  assert.equal(after.heapBytes, before.heapBytes);
  assert.equal(after.usedBytes, before.usedBytes);
});
