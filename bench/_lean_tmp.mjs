import fs from 'node:fs';
import createLean from '../build/simd-dev/lean/lean.mjs';
import { load } from '../build/simd-dev/web/padlab.js';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { compare, randomArray } from './measure.mjs';
await tf.setBackend('wasm'); await tf.ready();
const M = await createLean({ wasmBinary: fs.readFileSync(new URL('../build/simd-dev/lean/lean.wasm', import.meta.url)) });
const pl = await load();
function leanConv(x, xs, k, ks, b, outShape, padding, act) {
  const n = outShape.reduce((a, c) => a * c, 1);
  const bytes = 4 * (x.length + k.length + b.length + n) + 64;
  const base = M._malloc(bytes);
  let p = base; const px = p; p += 4 * x.length; const pk = p; p += 4 * k.length; const pb = p; p += 4 * b.length; const po = p; p += 4 * n;
  const ps = p; const H = M.HEAPF32, I = M.HEAP32;
  H.set(x, px >> 2); H.set(k, pk >> 2); H.set(b, pb >> 2);
  I.set(xs, ps >> 2); I.set(ks, (ps >> 2) + 4);
  M._lean_conv(px, ps, xs.length, pk, ps + 16, ks.length, pb, 1, 1, padding, act, po);
  const out = M.HEAPF32.slice(po >> 2, (po >> 2) + n);
  M._free(base);
  return out;
}
for (const [h, ci, co, pad] of [[28, 1, 32, 0], [28, 1, 32, 1], [26, 32, 64, 0]]) {
  const x = randomArray(h*h*ci, 1), k = randomArray(9*ci*co, 2), b = randomArray(co, 3);
  const oh = pad ? h : h - 2;
  const filter = tf.tensor(k, [3,3,ci,co]), bias = tf.tensor1d(b);
  const tfr = () => { const t = tf.tensor(x, [1,h,h,ci]); const y = tf.fused.conv2d({x: t, filter, bias, activation:'relu', pad: pad ? 'same' : 'valid', strides: 1}); const d = y.dataSync(); y.dispose(); t.dispose(); return d; };
  const r = compare({
    lean: () => leanConv(x, [1,h,h,ci], k, [3,3,ci,co], b, [1,oh,oh,co], pad, 1),
    pl: () => pl.conv(x, [1,h,h,ci], k, [3,3,ci,co], {padding: pad ? 'same' : 'valid', bias: b, activation: 'relu'}).data,
    xnnpack: tfr,
  }, { samples: 21 });
  console.log(h, ci, co, pad, Object.entries(r).map(([n, v]) => `${n} ${(v*1000).toFixed(0)}us`).join('  '));
}
