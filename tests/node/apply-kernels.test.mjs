// web/apply-kernels.js: the named kernels, the custom grid parser, Keras-layout kernel tensors
// and the 'same' split the "Apply to data" panel draws.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  KERNELS, kernelsFor, findKernel, kernelText, kernelRows, parseKernel, KernelError, kernelSum,
  imageKernelTensor, signalKernelTensor, samePads, MAX_KERNEL_SIDE,
} from '../../web/apply/kernels.js';

test('named kernels: sums say what survives (1 keeps brightness, 0 keeps only changes)', () => {
  const sums = Object.fromEntries(KERNELS.map((k) => [k.id, Number(kernelSum(kernelRows(k, 'image')).toFixed(12))]));
  assert.deepEqual(sums, {
    identity: 1, box3: 1, box7: 1, gauss5: 1, laplacian: 0, 'sobel-x': 0, 'sobel-y': 0, emboss: 1, sharpen: 1,
  });
  for (const k of kernelsFor('signal')) {
    assert.ok(k.line, `${k.id} has a 1D form`);
  }
  assert.equal(kernelsFor('signal').some((k) => k.id === 'sobel-y'), false);
});

test('the grid editor text round-trips through the parser', () => {
  assert.equal(kernelText(findKernel('laplacian'), 'image'), ' 0  1  0\n 1 -4  1\n 0  1  0');
  assert.equal(kernelText(findKernel('box3'), 'signal'), '1/3 1/3 1/3');
  for (const k of KERNELS) {
    for (const kind of k.line ? ['image', 'signal'] : ['image']) {
      assert.deepEqual(parseKernel(kernelText(k, kind), kind), kernelRows(k, kind), `${k.id} ${kind}`);
    }
  }
});

test('custom grids: lines, commas, brackets, fractions, exponents', () => {
  assert.deepEqual(parseKernel('1 2\n3 4'), [[1, 2], [3, 4]]);
  assert.deepEqual(parseKernel('  1, 2 ;\n\n 3,4  \n'), [[1, 2], [3, 4]]);
  assert.deepEqual(parseKernel('[[0, 1, 0], [1, -4, 1], [0, 1, 0]]'), [[0, 1, 0], [1, -4, 1], [0, 1, 0]]);
  assert.deepEqual(parseKernel('1/4 -1/2 .5 1e-1'), [[0.25, -0.5, 0.5, 0.1]]);
  assert.deepEqual(parseKernel('1 -2 1', 'signal'), [[1, -2, 1]]);
});

test('bad grids say what to fix', () => {
  const fails = (text, re, kind) => assert.throws(() => parseKernel(text, kind), (e) => e instanceof KernelError && re.test(e.message));
  fails('', /empty/);
  fails('  \n ', /empty/);
  fails('1 2\n3', /^Row 2 has 1 number but row 1 has 2/);
  fails('1 2 3\n4 5', /^Row 2 has 2 numbers but row 1 has 3/);
  fails('1 x 3', /"x" on row 1 is not a number/);
  fails('1\n0x10', /"0x10" on row 2 is not a number/);
  fails('1/0', /"1\/0" on row 1 is not a finite number/);
  fails('1/2/3', /not a number/);
  fails('1\n2', /one row; this one has 2 rows/, 'signal');
  fails(new Array(MAX_KERNEL_SIDE + 1).fill('1').join(' '), /at most 15 per side/);
});

test('Keras-layout tensors: per-channel (depthwise-like) image kernels, [k, 1, 1] for signals', () => {
  const t = imageKernelTensor([[1, 2], [3, 4]], 2);
  assert.deepEqual(t.shape, [2, 2, 2, 2]);
  // [i][j][cin][cout]: the tap on the diagonal, zeros elsewhere.
  assert.deepEqual(Array.from(t.data), [1, 0, 0, 1, 2, 0, 0, 2, 3, 0, 0, 3, 4, 0, 0, 4]);
  const s = signalKernelTensor([[1, -2, 1]]);
  assert.deepEqual(s.shape, [3, 1, 1]);
  assert.deepEqual(Array.from(s.data), [1, -2, 1]);
});

test("'same' split: dilation * (k - 1) cells, the odd one after", () => {
  assert.deepEqual(samePads(3), [1, 1]);
  assert.deepEqual(samePads(4), [1, 2]);
  assert.deepEqual(samePads(7, 2), [6, 6]);
  assert.deepEqual(samePads(2, 3), [1, 2]);
  assert.deepEqual(samePads(1, 4), [0, 0]);
});
