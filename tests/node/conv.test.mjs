// pl.conv: Keras padding arithmetic and values on small literal grids (channels-last input,
// kernel [...k, in, out]).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { grid, padlabError, pl } from './site.mjs';

const seq = [1, 2, 3, 4, 5];       // input [1, 5, 1]
const sum3 = [1, 1, 1];            // kernel [3, 1, 1]: window sums
const conv1d = (options, kernel = sum3) => pl.conv(seq, [1, 5, 1], kernel, [kernel.length, 1, 1], options);
const flat = (r) => grid(r)[0].map((c) => c[0]);  // [1, L, 1] -> the L values

test('1D valid, same, causal, full (the padding arithmetic)', () => {
  assert.deepEqual(conv1d().shape, [1, 3, 1]);
  assert.deepEqual(flat(conv1d()), [6, 9, 12]);
  assert.deepEqual(flat(conv1d({ padding: 'valid' })), [6, 9, 12]);
  assert.deepEqual(flat(conv1d({ padding: 'same' })), [3, 6, 9, 12, 9]);
  assert.deepEqual(flat(conv1d({ padding: 'causal' })), [1, 3, 6, 9, 12]);
  assert.deepEqual(flat(conv1d({ padding: 'full' })), [1, 3, 6, 9, 12, 9, 5]);
});

test("'same' with an even kernel puts the extra cell AFTER (TensorFlow)", () => {
  assert.deepEqual(flat(conv1d({ padding: 'same' }, [1, 1])), [3, 5, 7, 9, 5]);
});

test('explicit [before, after] pads', () => {
  assert.deepEqual(flat(conv1d({ padding: [[1, 0]] })), [3, 6, 9, 12]);
  assert.deepEqual(flat(conv1d({ padding: [[0, 2]] })), [6, 9, 12, 9, 5]);
});

test('strides and dilation, as a number or one per axis', () => {
  assert.deepEqual(flat(conv1d({ strides: 2 })), [6, 12]);
  assert.deepEqual(flat(conv1d({ strides: [2], padding: 'same' })), [3, 9, 9]);
  assert.deepEqual(flat(conv1d({ dilation: 2 })), [9]);
  assert.deepEqual(flat(conv1d({ dilation: [2], padding: 'same' })), [4, 6, 9, 6, 8]);
});

test('padding cells follow mode: reflect / replicate / constant value', () => {
  assert.deepEqual(flat(conv1d({ padding: 'same', mode: 'reflect' })), [5, 6, 9, 12, 13]);
  assert.deepEqual(flat(conv1d({ padding: 'same', mode: 'edge' })), [4, 6, 9, 12, 14]);
  assert.deepEqual(flat(conv1d({ padding: 'same', mode: 'constant', value: 10 })), [13, 6, 9, 12, 19]);
});

test('bias and activation', () => {
  assert.deepEqual(flat(conv1d({ bias: [10] })), [16, 19, 22]);
  const neg = [-1, -1, -1];
  assert.deepEqual(flat(conv1d({ bias: new Float32Array([10]), activation: 'relu' }, neg)), [4, 1, 0]);
  assert.deepEqual(flat(conv1d({ activation: null }, neg)), [-6, -9, -12]);
});

test('channels: 2 in, 3 out with a 1x1 kernel', () => {
  // input [1, 2, 2]: positions [1, 2] and [3, 4]; kernel [1, 2, 3] = [[1, 0, 1], [0, 1, 1]]
  const r = pl.conv([1, 2, 3, 4], [1, 2, 2], [1, 0, 1, 0, 1, 1], [1, 2, 3]);
  assert.deepEqual(r.shape, [1, 2, 3]);
  assert.deepEqual(grid(r), [[
    [1, 2, 3],
    [3, 4, 7],
  ]]);
});

test('2D valid and same with a 2x2 kernel of ones', () => {
  const input = [1, 2, 3, 4, 5, 6, 7, 8, 9];  // [1, 3, 3, 1]
  const ones = [1, 1, 1, 1];                  // [2, 2, 1, 1]
  const valid = pl.conv(input, [1, 3, 3, 1], ones, [2, 2, 1, 1]);
  assert.deepEqual(valid.shape, [1, 2, 2, 1]);
  assert.deepEqual(grid(valid)[0].map((r) => r.map((c) => c[0])), [
    [12, 16],
    [24, 28],
  ]);
  const same = pl.conv(input, [1, 3, 3, 1], ones, [2, 2, 1, 1], { padding: 'same' });
  assert.deepEqual(grid(same)[0].map((r) => r.map((c) => c[0])), [
    [12, 16, 9],
    [24, 28, 15],
    [15, 17, 9],
  ]);
});

test('batch of two: each sample convolved alone', () => {
  const r = pl.conv([1, 2, 3, 10, 20, 30], [2, 3, 1], [1, 1], [2, 1, 1]);
  assert.deepEqual(r.shape, [2, 2, 1]);
  assert.deepEqual(grid(r), [
    [[3], [5]],
    [[30], [50]],
  ]);
});

test("Keras's rejections come back as PadlabErrors", () => {
  const causal2d = padlabError(() =>
    pl.conv([1, 2, 3, 4], [1, 2, 2, 1], [1], [1, 1, 1, 1], { padding: 'causal' }));
  assert.equal(causal2d.kind, 'ArgumentError');
  const tooBig = padlabError(() => pl.conv([1, 2], [1, 2, 1], [1, 1, 1], [3, 1, 1]));
  assert.ok(['ShapeError', 'ArgumentError'].includes(tooBig.kind), tooBig.kind);
  const channels = padlabError(() => pl.conv(seq, [1, 5, 1], [1, 1, 1, 1, 1, 1], [3, 2, 1]));
  assert.equal(channels.kind, 'ShapeError');
  const badPadding = padlabError(() => conv1d({ padding: 'sideways' }));
  assert.equal(badPadding.kind, 'ArgumentError');
  const badActivation = padlabError(() => conv1d({ activation: 'swishy' }));
  assert.equal(badActivation.kind, 'ArgumentError');
  const zeroStride = padlabError(() => conv1d({ strides: 0 }));
  assert.equal(zeroStride.kind, 'ArgumentError');
});

test('a huge dilation on a one-channel input is computed, not a trap (the fast kernel steps aside)', () => {
  const used = pl.memoryStats().usedBytes;
  const k = new Float32Array(4 * 3 * 16).fill(1);
  const r = pl.conv(new Float32Array(16 * 64).fill(1), [1, 16, 64, 1], k, [4, 3, 1, 16], { dilation: [1, 2 ** 28], padding: 'same' });
  assert.deepEqual(r.shape, [1, 16, 64, 16]);
  // Along the width only the middle tap lands on the input ('same' pads 2^28 on each side);
  // along the height 'same' pads (1, 2) for 4 taps: rows sum 3, 4, ..., 4, 3, 2 ones.
  const at = (h) => r.data[(h * 64 + 10) * 16];
  assert.deepEqual([at(0), at(5), at(14), at(15)], [3, 4, 3, 2]);
  assert.equal(pl.memoryStats().usedBytes, used);
});
