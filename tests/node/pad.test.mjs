// pl.pad: every mode and alias on small literal grids.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { grid, padlabError, pl } from './site.mjs';

const row = [1, 2, 3];

test('1D: each mode pads [1, 2, 3] by 2 on both sides', () => {
  const cases = {
    constant: [0, 0, 1, 2, 3, 0, 0],
    reflect: [3, 2, 1, 2, 3, 2, 1],
    symmetric: [2, 1, 1, 2, 3, 3, 2],
    replicate: [1, 1, 1, 2, 3, 3, 3],
    circular: [2, 3, 1, 2, 3, 1, 2],
  };
  for (const [mode, expected] of Object.entries(cases)) {
    const r = pl.pad(new Float32Array(row), [3], [[2, 2]], { mode });
    assert.deepEqual(r.shape, [7], mode);
    assert.deepEqual(grid(r), expected, mode);
  }
});

test('aliases and case: zeros, edge, wrap, REFLECT', () => {
  assert.deepEqual(grid(pl.pad(row, [3], [[1, 1]], { mode: 'zeros' })), [0, 1, 2, 3, 0]);
  assert.deepEqual(grid(pl.pad(row, [3], [[1, 1]], { mode: 'edge' })), [1, 1, 2, 3, 3]);
  assert.deepEqual(grid(pl.pad(row, [3], [[1, 1]], { mode: 'wrap' })), [3, 1, 2, 3, 1]);
  assert.deepEqual(grid(pl.pad(row, [3], [[1, 1]], { mode: 'REFLECT' })), [2, 1, 2, 3, 2]);
});

test('constant mode with a fill value, default mode is constant 0', () => {
  assert.deepEqual(grid(pl.pad(row, [3], [[2, 1]], { mode: 'constant', value: 9 })), [9, 9, 1, 2, 3, 9]);
  assert.deepEqual(grid(pl.pad(row, [3], [[0, 2]])), [1, 2, 3, 0, 0]);
  assert.deepEqual(grid(pl.pad(row, [3], [[1, 0]], { value: -1.5 })), [-1.5, 1, 2, 3]);
});

test('2D constant: uneven pads per axis', () => {
  const r = pl.pad([1, 2, 3, 4], [2, 2], [[1, 0], [0, 1]]);
  assert.deepEqual(r.shape, [3, 3]);
  assert.deepEqual(grid(r), [
    [0, 0, 0],
    [1, 2, 0],
    [3, 4, 0],
  ]);
});

test('2D reflect by 1 on every side', () => {
  const r = pl.pad([1, 2, 3, 4, 5, 6, 7, 8, 9], [3, 3], [[1, 1], [1, 1]], { mode: 'reflect' });
  assert.deepEqual(grid(r), [
    [5, 4, 5, 6, 5],
    [2, 1, 2, 3, 2],
    [5, 4, 5, 6, 5],
    [8, 7, 8, 9, 8],
    [5, 4, 5, 6, 5],
  ]);
});

test('2D circular and symmetric', () => {
  const input = [1, 2, 3, 4];
  assert.deepEqual(grid(pl.pad(input, [2, 2], [[1, 0], [0, 1]], { mode: 'circular' })), [
    [3, 4, 3],
    [1, 2, 1],
    [3, 4, 3],
  ]);
  assert.deepEqual(grid(pl.pad(input, [2, 2], [[1, 1], [1, 1]], { mode: 'symmetric' })), [
    [1, 1, 2, 2],
    [1, 1, 2, 2],
    [3, 3, 4, 4],
    [3, 3, 4, 4],
  ]);
});

test('3D replicate (batch-like leading axis left alone)', () => {
  const r = pl.pad([1, 2, 3, 4], [2, 2, 1], [[0, 0], [1, 0], [0, 0]], { mode: 'replicate' });
  assert.deepEqual(r.shape, [2, 3, 1]);
  assert.deepEqual(grid(r), [
    [[1], [1], [2]],
    [[3], [3], [4]],
  ]);
});

test('results are fresh arrays: not the input, not a heap view', () => {
  const input = new Float32Array(row);
  const r = pl.pad(input, [3], [[0, 0]]);
  assert.deepEqual(grid(r), row);
  assert.notEqual(r.data, input);
  assert.ok(r.data instanceof Float32Array);
  assert.equal(r.data.byteOffset, 0);
  assert.equal(r.data.buffer.byteLength, 3 * 4, 'owns its own buffer, not the wasm memory');
  r.data[0] = 42;  // writing to it must not touch anything else
  assert.deepEqual(grid(pl.pad(input, [3], [[0, 0]])), row);
});

test('any numeric array type is accepted as data; NaN and Infinity pass through', () => {
  assert.deepEqual(grid(pl.pad(new Float64Array(row), [3], [[1, 0]])), [0, 1, 2, 3]);
  assert.deepEqual(grid(pl.pad(new Int8Array([-1, 2]), [2], [[0, 1]], { mode: 'edge' })), [-1, 2, 2]);
  assert.deepEqual(grid(pl.pad([NaN, Infinity], [2], [[1, 0]], { mode: 'wrap' })), [Infinity, NaN, Infinity]);
});

test('empty axes: a [0] tensor padded with constant gives only fill', () => {
  assert.deepEqual(grid(pl.pad([], [0], [[1, 2]], { value: 7 })), [7, 7, 7]);
});

test('mode limits are the core\'s: reflect needs pad < size', () => {
  const e = padlabError(() => pl.pad(row, [3], [[3, 0]], { mode: 'reflect' }));
  assert.equal(e.kind, 'ArgumentError');
  assert.match(e.message, /axis 0/);
  assert.deepEqual(grid(pl.pad(row, [3], [[2, 0]], { mode: 'reflect' })), [3, 2, 1, 2, 3]);
});
