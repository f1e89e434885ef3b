// web/apply-image.js and web/apply-data.js: pixel <-> tensor conversion, the display mapping
// of convolution outputs, corner crops, 1D plot paths, the generated signals and digit decoding.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  fitSize, rgbaToTensor, bytesToTensor, displayMapping, absGain, tensorToRgba, maxAbsDiff, diffToRgba,
  cornerRect, cropRgba, cornerBand, valueRange, linePath,
} from '../../web/apply/image.js';
import { SIGNALS, SIGNAL_LENGTH, decodeDigits, resolveSample, sampleGroups } from '../../web/apply/data.js';

test('fitSize downsizes to the longest edge and never enlarges', () => {
  assert.deepEqual(fitSize(512, 512, 128), { width: 128, height: 128 });
  assert.deepEqual(fitSize(384, 303, 128), { width: 128, height: 101 });
  assert.deepEqual(fitSize(300, 40, 128), { width: 128, height: 17 });
  assert.deepEqual(fitSize(28, 28, 128), { width: 28, height: 28 });
  assert.deepEqual(fitSize(5000, 1, 64), { width: 64, height: 1 });
});

test('RGBA -> tensor: grey pictures become one channel, colour ones three', () => {
  const grey = [10, 10, 10, 255, 255, 255, 255, 255];
  assert.deepEqual(rgbaToTensor(grey, 2, 1), { data: Float32Array.from([10 / 255, 1]), channels: 1 });
  const colour = [255, 0, 0, 255, 0, 51, 0, 255];
  const t = rgbaToTensor(colour, 2, 1);
  assert.equal(t.channels, 3);
  assert.deepEqual(Array.from(t.data), [1, 0, 0, 0, 0.2, 0].map((v) => Math.fround(v)));
  assert.deepEqual(Array.from(bytesToTensor(Uint8Array.from([0, 255]))), [0, 1]);
});

test('display: linear divides by the kernel sum, abs shows magnitude scaled by the interior', () => {
  assert.deepEqual(displayMapping(1), { kind: 'linear', gain: 1 });
  assert.deepEqual(displayMapping(9), { kind: 'linear', gain: 1 / 9 });
  assert.equal(displayMapping(0).kind, 'abs');
  // 3x3 grey: interior is the centre (pads 1 each side); the border's 100 is ignored.
  const data = Float32Array.from([100, 100, 100, 100, -0.5, 100, 100, 100, 100]);
  assert.equal(absGain(data, 3, 3, 1, [[1, 1], [1, 1]]), 2);
  const rgba = tensorToRgba(Float32Array.from([-0.5, 0.25, 2]), 3, 1, 1, { kind: 'abs', gain: 2 });
  assert.deepEqual(Array.from(rgba), [255, 255, 255, 255, 128, 128, 128, 255, 255, 255, 255, 255]);
  const lin = tensorToRgba(Float32Array.from([-1, 0.5, 0, 1, 0.2, 3]), 2, 1, 3, { kind: 'linear', gain: 1 });
  assert.deepEqual(Array.from(lin), [0, 128, 0, 255, 255, 51, 255, 255]);
});

test('differences: black where equal, bright where they differ most', () => {
  const a = Float32Array.from([0, 1, 2]);
  const b = Float32Array.from([0, 1, 1]);
  assert.equal(maxAbsDiff(a, b), 1);
  const rgba = diffToRgba(a, b, 3, 1, 1, 1);
  assert.deepEqual(Array.from(rgba), [0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255, 255]);
});

test('corner crops and how far the padding reaches into them', () => {
  assert.deepEqual(cornerRect(128, 101, 12, 'top-left'), { x: 0, y: 0, width: 12, height: 12 });
  assert.deepEqual(cornerRect(128, 101, 12, 'bottom-right'), { x: 116, y: 89, width: 12, height: 12 });
  assert.deepEqual(cornerRect(8, 4, 12, 'bottom-right'), { x: 0, y: 0, width: 8, height: 4 });
  const rgba = Uint8ClampedArray.from({ length: 3 * 2 * 4 }, (_, i) => i);
  assert.deepEqual(Array.from(cropRgba(rgba, 3, { x: 1, y: 1, width: 2, height: 1 })), [16, 17, 18, 19, 20, 21, 22, 23]);
  assert.deepEqual(cornerBand([[1, 2], [3, 4]], 'top-left'), { x: 3, y: 1 });
  assert.deepEqual(cornerBand([[1, 2], [3, 4]], 'bottom-right'), { x: 4, y: 2 });
});

test('1D plots: shared ranges with a margin, paths at positions', () => {
  assert.deepEqual(valueRange([[0, 1], [0.5]]).map((v) => +v.toFixed(3)), [-0.06, 1.06]);
  assert.deepEqual(valueRange([[2, 2]]).map((v) => +v.toFixed(3)), [1.44, 2.56]);
  assert.deepEqual(valueRange([]), [0, 1]);
  assert.equal(linePath([1, 2], -1, (p) => p * 10, (v) => -v), 'M-10.00 -1.00L0.00 -2.00');
});

test('signals are deterministic and start and end at different levels', () => {
  for (const s of SIGNALS) {
    const a = s.make(SIGNAL_LENGTH);
    assert.equal(a.length, SIGNAL_LENGTH);
    assert.deepEqual(a, s.make(SIGNAL_LENGTH), `${s.id} is the same every time`);
    assert.ok(Math.abs(a[0] - a[a.length - 1]) > 0.05, `${s.id}: circular padding must show`);
  }
});

test('samples: ids resolve, digits decode from base64 bytes', () => {
  const ids = sampleGroups().flatMap((g) => g.items.map((i) => i.id));
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ids) assert.ok(resolveSample(id), id);
  assert.equal(resolveSample('file').kind, 'file');
  assert.equal(resolveSample('nope'), null);
  const bytes = Buffer.alloc(784, 0);
  bytes[0] = 255;
  const map = decodeDigits({ width: 28, height: 28, digits: [{ label: 4, index: 1, pixels: bytes.toString('base64') }] });
  assert.deepEqual([...map.keys()], ['digit-4-1']);
  assert.equal(map.get('digit-4-1')[0], 255);
  assert.throws(() => decodeDigits({ width: 32, height: 32, digits: [] }), /28×28/);
});
