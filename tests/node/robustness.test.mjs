// Robustness: thousands of malformed calls with random junk for every argument. Each must
// return a result or throw a PadlabError (never another exception, never a trap reported as
// "internal error"), and afterwards a valid call must still work.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { padlab, pl, rng } from './site.mjs';

const KINDS = new Set(['ArgumentError', 'ShapeError', 'ParseError', 'UnsupportedError', 'NameError', 'LimitError']);

const VALID_SOURCE = `model = Sequential()
model.add(Conv2D(32, kernel_size=(3, 3), activation='relu', input_shape=(28, 28, 1), padding='same'))
model.add(MaxPooling2D((2, 2)))
model.add(Flatten())
model.add(Dense(10, activation='softmax'))
`;
const VALID_JSON = JSON.stringify({
  class_name: 'Sequential',
  config: { name: 'sequential', layers: [
    { class_name: 'Conv2D', config: { name: 'conv2d', batch_input_shape: [null, 28, 28, 1], filters: 2, kernel_size: [3, 3], strides: [1, 1], padding: 'same', dilation_rate: [1, 1], activation: 'linear', use_bias: true } },
    { class_name: 'Flatten', config: {} },
  ] },
});

function junkMaker(random) {
  const int = (n) => Math.floor(random() * n);
  const pick = (xs) => xs[int(xs.length)];
  const scalars = [undefined, null, true, false, 0, -0, 1, -1, 2, 3, 0.5, -7.25, NaN, Infinity, -Infinity,
                   2 ** 31, 2 ** 32, 2 ** 53, 2 ** 60, 1e300, -(2 ** 31), '', 'a', '3', 'same', 'valid', 'causal',
                   'full', 'reflect', 'constant', 'zeros', 'wrap', 'edge', 'relu', 'keras2', 'keras3', 'A', 'C',
                   '\u0000', '{', '[', 'None', 1n, -5n, Symbol('s'), () => 1, {}, [], new Date(0)];
  const junk = (depth = 0) => {
    switch (int(depth > 2 ? 3 : 9)) {
      case 0: case 1: case 2: return pick(scalars);
      case 3: return Array.from({ length: int(5) }, () => junk(depth + 1));
      case 4: return Array.from({ length: int(6) }, () => pick([0, 1, 2, 3, -1, 1.5, NaN, 2 ** 40]));
      case 5: {
        const type = pick([Float32Array, Float64Array, Int32Array, Uint8Array, BigInt64Array]);
        return type.from({ length: int(8) }, () => (type === BigInt64Array ? BigInt(int(4)) : int(4)));
      }
      case 6: return Object.fromEntries(Array.from({ length: int(4) }, () =>
        [pick(['mode', 'value', 'strides', 'dilation', 'padding', 'bias', 'activation', 'style', 'era', 'lineLength', 'x']), junk(depth + 1)]));
      case 7: return Array.from({ length: int(4) }, () => [pick([0, 1, 2, -1, 5]), pick([0, 1, 2, -1, 5, 0.5])]);
      default: return randomSource(random);
    }
  };
  return junk;
}

// Model text mutated from valid sources: truncated, spliced, with random characters or deep nesting.
function randomSource(random) {
  const int = (n) => Math.floor(random() * n);
  const base = random() < 0.5 ? VALID_SOURCE : VALID_JSON;
  switch (int(6)) {
    case 0: return base.slice(0, int(base.length));
    case 1: { const i = int(base.length); return base.slice(0, i) + String.fromCharCode(int(0x3000)) + base.slice(i + 1); }
    case 2: { const i = int(base.length); const j = int(base.length); return base.slice(0, i) + base.slice(j); }
    case 3: return '['.repeat(int(20000)) + ']'.repeat(int(3));
    case 4: return `model = Sequential()\nmodel.add(${'('.repeat(int(5000))}Dense(1)${')'.repeat(int(5000))})\n`;
    default: return base.replace(/\d+/g, () => String(int(5) === 0 ? -int(1e9) : int(100)));
  }
}

function checkError(label, e) {
  if (!(e instanceof padlab.PadlabError)) assert.fail(`${label}: threw ${e?.stack ?? e}`);
  assert.ok(KINDS.has(e.kind), `${label}: unexpected kind ${e.kind}: ${e.message}`);
  assert.equal(typeof e.message, 'string');
}

// summary(bytes) reads a saved file and answers with a Promise (padlab.d.ts): its rejections
// are checked the same way, once the loop is done.
const pending = [];

function check(label, call) {
  try {
    const r = call();
    if (r instanceof Promise) pending.push(r.then(() => undefined, (e) => checkError(label, e)));
    return r;
  } catch (e) {
    checkError(label, e);
    return undefined;
  }
}

test('5,000 calls with random junk for every argument', async () => {
  const random = rng(20240611);
  const junk = junkMaker(random);
  for (let i = 0; i < 5000; i++) {
    const which = i % 3;
    if (which === 0) check(`pad #${i}`, () => pl.pad(junk(), junk(), junk(), junk()));
    else if (which === 1) check(`conv #${i}`, () => pl.conv(junk(), junk(), junk(), junk(), junk()));
    else check(`summary #${i}`, () => pl.summary(junk(), random() < 0.5 ? undefined : junk()));
  }
  await Promise.all(pending.splice(0));
  assert.deepEqual(Array.from(pl.pad([1, 2, 3], [3], [[1, 1]], { mode: 'reflect' }).data), [2, 1, 2, 3, 2]);
  assert.equal(pl.summary(VALID_SOURCE).totalParams, 320 + 14 * 14 * 32 * 10 + 10);
});

test('3,000 well-typed calls with random shapes, pads, modes and conv options', () => {
  const random = rng(7);
  const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
  const modes = ['constant', 'reflect', 'symmetric', 'replicate', 'circular'];
  for (let i = 0; i < 1500; i++) {
    const shape = Array.from({ length: int(0, 4) }, () => int(0, 4));
    const n = shape.reduce((a, b) => a * b, 1);
    const pads = shape.map(() => [int(-1, 5), int(-1, 5)]);
    if (random() < 0.1) pads.pop();
    const r = check(`pad #${i}`, () => pl.pad(new Float32Array(n).map((_, k) => k), shape, pads, { mode: modes[int(0, 4)], value: 1 }));
    if (r) assert.deepEqual(r.shape, shape.map((d, a) => d + pads[a][0] + pads[a][1]));
  }
  for (let i = 0; i < 1500; i++) {
    const rank = int(1, 3);
    const inShape = [int(0, 2), ...Array.from({ length: rank }, () => int(0, 6)), int(0, 3)];
    const kShape = [...Array.from({ length: rank }, () => int(0, 4)), random() < 0.9 ? inShape.at(-1) : int(0, 3), int(0, 3)];
    if (random() < 0.05) kShape.pop();
    const size = (s) => s.reduce((a, b) => a * b, 1);
    const padding = [
      'valid', 'same', 'causal', 'full', 'bogus',
      Array.from({ length: rank }, () => [int(-1, 3), int(-1, 3)]),
    ][int(0, 5)];
    const options = {
      padding,
      strides: random() < 0.5 ? int(-1, 3) : Array.from({ length: int(1, 3) }, () => int(0, 3)),
      dilation: random() < 0.5 ? int(0, 3) : Array.from({ length: rank }, () => int(1, 3)),
      mode: modes[int(0, 4)],
      bias: random() < 0.5 ? undefined : new Float32Array(int(0, 3)).fill(1),
      activation: ['linear', 'relu', 'sigmoid', 'tanh', 'softmax'][int(0, 4)],
    };
    check(`conv #${i} ${JSON.stringify([inShape, kShape, options])}`, () =>
      pl.conv(new Float32Array(size(inShape)).fill(0.5), inShape, new Float32Array(size(kShape)).fill(1), kShape, options));
  }
  assert.deepEqual(Array.from(pl.conv([1, 2, 3], [1, 3, 1], [1, 1], [2, 1, 1]).data), [3, 5]);
});
