// Errors: every failure is a thrown PadlabError with kind/message/layer/line/column, whether
// found by the argument checks in padlab.js or by the core.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { padlab, padlabError, pl } from './site.mjs';

const { PadlabError } = padlab;

test('PadlabError is an exported Error subclass with the documented fields', () => {
  const e = new PadlabError('boom', { kind: 'ShapeError', layer: 'conv2d', line: 3, column: 7 });
  assert.ok(e instanceof Error);
  assert.equal(e.name, 'PadlabError');
  assert.equal(e.message, 'boom');
  assert.deepEqual([e.kind, e.layer, e.line, e.column], ['ShapeError', 'conv2d', 3, 7]);
  const bare = new PadlabError('x');
  assert.deepEqual([bare.kind, bare.layer, bare.line, bare.column], ['Error', null, null, null]);
});

test("core errors keep the core's message and location in separate fields", () => {
  const e = padlabError(() => pl.summary('model = Sequential()\nmodel.add(Conv2D(32, (3, 3), input_shape=(28, 28, 1)))\nmodel.add(Frobnicate())\n'));
  assert.ok(e instanceof Error);
  assert.equal(e.kind, 'UnsupportedError');
  assert.equal(e.line, 3);
  assert.doesNotMatch(e.message, /^line 3/, 'location is in the fields, not prefixed to the message');
  assert.match(e.message, /Frobnicate/);
});

test('a misspelt class, padding or mode names what was meant ("Did you mean"), and a typo is a NameError', () => {
  const cls = padlabError(() => pl.summary('model = Sequential()\nmodel.add(Conv2d(32, (3, 3), input_shape=(28, 28, 1)))\n'));
  assert.equal(cls.kind, 'NameError');
  assert.equal(cls.message, "Unknown layer class 'Conv2d'. Did you mean 'Conv2D'?");
  assert.equal(cls.line, 2);
  const padding = padlabError(() => pl.summary("model = Sequential()\nmodel.add(Conv2D(32, 3, padding='smae', input_shape=(28, 28, 1)))\n"));
  assert.equal(padding.kind, 'ArgumentError');
  assert.match(padding.message, /Received: smae\. Did you mean 'same'\?$/);
  assert.match(padlabError(() => pl.pad([1, 2], [2], [[1, 1]], { mode: 'reflekt' })).message, /Did you mean 'reflect'\?$/);
  const keyword = padlabError(() => pl.summary('model = Sequential()\nmodel.add(Conv2D(32, kernal_size=(3, 3), input_shape=(28, 28, 1)))\n'));
  assert.equal(keyword.kind, 'ArgumentError');
  assert.equal(keyword.message, "('Keyword argument not understood:', 'kernal_size'). Did you mean 'kernel_size'?");
  assert.equal(keyword.line, 2);
});

test('core argument errors: bad pad mode, negative pads, count != rank', () => {
  const mode = padlabError(() => pl.pad([1, 2], [2], [[1, 1]], { mode: 'mirror' }));
  assert.equal(mode.kind, 'ArgumentError');
  assert.match(mode.message, /mirror/);
  assert.equal(padlabError(() => pl.pad([1, 2], [2], [[-1, 0]])).kind, 'ArgumentError');
  assert.equal(padlabError(() => pl.pad([1, 2], [2], [[1, 0], [0, 1]])).kind, 'ArgumentError');
  assert.equal(padlabError(() => pl.pad([1, 2], [2], [])).kind, 'ArgumentError');
});

test('wrong argument types are refused before reaching wasm, naming the argument', () => {
  const cases = [
    [() => pl.pad('abc', [3], [[0, 0]]), /pad: data must be/],
    [() => pl.pad([1, 2, 3], '3', [[0, 0]]), /pad: shape must be/],
    [() => pl.pad([1, 2, 3], [3], [0, 0]), /pad: pads\[0\] must be a \[before, after\] pair/],
    [() => pl.pad([1, 2, 3], [3], [[0, 0.5]]), /pad: pads\[0\]\[1\] must be an integer/],
    [() => pl.pad([1, 2, 3], [3], [[0, 0]], { mode: 3 }), /pad: mode must be/],
    [() => pl.pad([1, 2, 3], [3], [[0, 0]], { value: '0' }), /pad: value must be a number/],
    [() => pl.pad([1, 2, 3], [3], [[0, 0]], { mdoe: 'reflect' }), /unknown option 'mdoe'/],
    [() => pl.pad([1, 2, 3], [3], [[0, 0]], 'reflect'), /pad: options must be an object/],
    [() => pl.pad([1, 'x', 3], [3], [[0, 0]]), /pad: data\[1\] must be a number/],
    [() => pl.pad(new BigInt64Array(3), [3], [[0, 0]]), /pad: data must be/],
    [() => pl.summary(42), /summary: source must be a string/],
    [() => pl.summary('x', { style: 'keras4' }), /style must be 'keras2' or 'keras3'/],
    [() => pl.summary('x', { era: 'D' }), /era must be 'A', 'B' or 'C'/],
    [() => pl.summary('x', { lineLength: 7.5 }), /lineLength must be an integer/],
    [() => pl.conv([1], [1, 1, 1], [1], [1, 1, 1], { strides: 'two' }), /conv: strides must be/],
    [() => pl.conv([1], [1, 1, 1], [1], [1, 1, 1], { padding: 7 }), /conv: padding must be/],
    [() => pl.conv([1], [1, 1, 1], [1], [1, 1, 1], { bias: 'b' }), /conv: bias must be/],
    [() => pl.conv([1], [1, 1, 1], [1], [1, 1, 1], { activation: 1 }), /conv: activation must be/],
  ];
  for (const [call, message] of cases) {
    const e = padlabError(call);
    assert.equal(e.kind, 'ArgumentError', e.message);
    assert.match(e.message, message);
  }
});

test('shapes: non-finite, negative, fractional dims are ArgumentErrors; length mismatch is a ShapeError', () => {
  for (const dim of [NaN, Infinity, -Infinity, -1, 1.5, '2', null, undefined, 2n]) {
    const e = padlabError(() => pl.pad([1, 2], [dim], [[0, 0]]));
    assert.equal(e.kind, 'ArgumentError', String(dim));
    assert.match(e.message, /pad: shape\[0\] must be a non-negative integer/);
  }
  const e = padlabError(() => pl.pad([1, 2, 3], [2, 2], [[0, 0], [0, 0]]));
  assert.equal(e.kind, 'ShapeError');
  assert.equal(e.message, 'pad: data has 3 values but its shape (2, 2) needs 4');
  assert.equal(padlabError(() => pl.conv([1, 2], [1, 3, 1], [1], [1, 1, 1])).kind, 'ShapeError');
  assert.equal(padlabError(() => pl.conv([1, 2, 3], [1, 3, 1], [1], [1, 1, 2])).kind, 'ShapeError');
});

test('requests above the caps are LimitErrors', () => {
  const huge = padlabError(() => pl.pad([1], [1], [[0, 2 ** 30]]));
  assert.equal(huge.kind, 'LimitError');
  assert.match(huge.message, /1 GiB/);
  // Big dims are fine when another one is 0: nothing is allocated.
  assert.deepEqual(pl.pad([], [2 ** 20, 2 ** 20, 0], [[0, 0], [0, 0], [0, 0]]).shape, [2 ** 20, 2 ** 20, 0]);
  assert.equal(padlabError(() => pl.pad([1], [2 ** 15, 2 ** 15], [[0, 0], [0, 0]])).kind, 'LimitError');
  assert.equal(padlabError(() => pl.pad([1], [1], [[0, 2 ** 60]])).kind, 'LimitError');
  assert.equal(padlabError(() => pl.pad([1], new Array(64).fill(1), [])).kind, 'LimitError');
  const out = padlabError(() => pl.conv([1], [1, 1, 1], [1], [1, 1, 1], { padding: [[0, 2 ** 29]] }));
  assert.equal(out.kind, 'LimitError');
  const model = 'model = Sequential()\nmodel.add(Dense(2, input_shape=(3,)))\n';
  const wide = padlabError(() => pl.summary(model, { style: 'keras3', lineLength: 100000 }));
  assert.equal(wide.kind, 'ArgumentError');
  assert.match(wide.message, /4096/);
  // Model sources are capped at 1 MiB of UTF-8: refused in JS by length, or by the core in bytes.
  assert.equal(padlabError(() => pl.summary('#'.repeat(2 ** 20 + 1))).kind, 'LimitError');
  const euros = padlabError(() => pl.summary(`# ${'\u20ac'.repeat(2 ** 19)}\n${model}`));
  assert.equal(euros.kind, 'LimitError');
  assert.match(euros.message, /1 MiB/);
});

test('errors leave the module usable', () => {
  for (let i = 0; i < 50; i++) padlabError(() => pl.pad([1, 2], [2], [[5, 0]], { mode: 'reflect' }));
  assert.deepEqual(Array.from(pl.pad([1, 2], [2], [[1, 0]], { mode: 'reflect' }).data), [2, 1, 2]);
});
