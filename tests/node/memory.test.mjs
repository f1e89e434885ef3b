// Memory: inputs are copied into the heap and freed, results copied out, so 10,000 calls
// (successes and errors alike) must leave the heap size and malloc's in-use bytes flat.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { pl } from './site.mjs';

const SOURCE = `model = Sequential()
model.add(Conv2D(8, (3, 3), padding='same', input_shape=(16, 16, 3)))
model.add(Flatten())
model.add(Dense(4))
`;

function mixedCall(i) {
  try {
    switch (i % 6) {
      case 0: return pl.pad(new Float32Array(64).fill(i), [8, 8], [[2, 3], [1, 0]], { mode: 'reflect' });
      case 1: return pl.conv(new Float32Array(2 * 10 * 10 * 3).fill(1), [2, 10, 10, 3],
                             new Float32Array(3 * 3 * 3 * 4).fill(0.5), [3, 3, 3, 4], { padding: 'same', bias: [1, 2, 3, 4] });
      case 2: return pl.summary(SOURCE, { style: i % 4 === 0 ? 'keras3' : 'keras2' });
      case 3: return pl.pad([1, 2, 3], [3], [[5, 0]], { mode: 'reflect' });          // core error
      case 4: return pl.summary(SOURCE.replace('Dense(4)', 'Dense(4'));               // parse error
      default: return pl.conv([1, 2], [1, 2, 1], [1, 1, 1], [3, 1, 1]);               // shape error
    }
  } catch {
    return null;
  }
}

test('10,000 mixed calls leave heap size and used bytes flat', () => {
  for (let i = 0; i < 120; i++) mixedCall(i);  // warm-up: lazily built tables, first growth
  const before = pl.memoryStats();
  for (let i = 0; i < 10000; i++) mixedCall(i);
  const after = pl.memoryStats();
  assert.equal(after.heapBytes, before.heapBytes, 'the wasm memory did not grow');
  assert.equal(after.usedBytes, before.usedBytes, 'every malloc was freed');
  assert.equal(after.maxHeapBytes, 2 ** 31, 'the documented 2 GiB cap');
});

test('a large call grows the heap once; repeating it does not grow it again', () => {
  const n = 2 ** 22;  // 16 MiB of floats, more than the 16 MiB initial heap holds with its copy
  const first = pl.pad(new Float32Array(n), [n], [[1, 1]]);
  assert.equal(first.data.length, n + 2);
  const grown = pl.memoryStats();
  for (let i = 0; i < 5; i++) pl.pad(new Float32Array(n), [n], [[1, 1]]);
  const again = pl.memoryStats();
  assert.equal(again.heapBytes, grown.heapBytes);
  assert.equal(again.usedBytes, grown.usedBytes);
});
