import fs from 'node:fs';
import createLean from '../build/simd-dev/lean/lean.mjs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import * as tfl from '@tensorflow/tfjs-layers';
import { compare, randomArray } from './measure.mjs';
await tf.setBackend('wasm'); await tf.ready();
const M = await createLean({ wasmBinary: fs.readFileSync(new URL('../build/simd-dev/lean/lean.wasm', import.meta.url)) });
const prod = v => v.reduce((a,b)=>a*b,1);
const put = (arr) => { const p = M._malloc(4*arr.length); M.HEAPF32.set(arr, p>>2); return p; };
const putI = (arr) => { const p = M._malloc(4*arr.length); M.HEAP32.set(arr, p>>2); return p; };
const padding = process.argv[2] ?? 'valid'; const pk = padding === 'valid' ? 0 : 1;
const convs = [[3,3,1,32],[3,3,32,64],[3,3,64,128]].map((k,i)=>({k, w: randomArray(prod(k), 10+i, Math.sqrt(24/(prod(k)/k[3]))), b: randomArray(k[3], 20+i, 0.1)}));
const side = padding === 'valid' ? 22 : 28, F = side*side*128;
const dense = [{shape:[F,256], w: randomArray(F*256, 30, Math.sqrt(24/F)), b: randomArray(256, 31, 0.1)}, {shape:[256,10], w: randomArray(2560, 32, Math.sqrt(24/256)), b: randomArray(10, 33, 0.1)}];
// resident weights and activation buffers
const layers = []; let shape = [1,28,28,1];
for (const c of convs) { const out = [1, padding==='valid'? shape[1]-2 : shape[1], padding==='valid'? shape[2]-2 : shape[2], c.k[3]]; layers.push({w: put(c.w), b: put(c.b), ks: putI(c.k), kr: 4, is: putI(shape), ir: 4, out: M._malloc(4*prod(out)), pad: pk, act: 1}); shape = out; }
layers.push({w: put(dense[0].w), b: put(dense[0].b), ks: putI([1,F,256]), kr: 3, is: putI([1,1,F]), ir: 3, out: M._malloc(4*256), pad: 0, act: 1});
layers.push({w: put(dense[1].w), b: put(dense[1].b), ks: putI([1,256,10]), kr: 3, is: putI([1,1,256]), ir: 3, out: M._malloc(4*10), pad: 0, act: 4});
const xin = M._malloc(4*784);
const lean = (x) => { M.HEAPF32.set(x, xin>>2); let inp = xin; for (const l of layers) { if (M._lean_conv(inp, l.is, l.ir, l.w, l.ks, l.kr, l.b, 1, 1, l.pad, l.act, l.out)) throw new Error('conv failed'); inp = l.out; } const o = new Float32Array(10); o.set(M.HEAPF32.subarray(inp>>2, (inp>>2)+10)); return o; };
const model = tfl.sequential({layers: [
  tfl.layers.conv2d({inputShape:[28,28,1], filters:32, kernelSize:3, activation:'relu', padding}),
  tfl.layers.conv2d({filters:64, kernelSize:3, activation:'relu', padding}), tfl.layers.conv2d({filters:128, kernelSize:3, activation:'relu', padding}),
  tfl.layers.flatten(), tfl.layers.dense({units:256, activation:'relu'}), tfl.layers.dense({units:10, activation:'softmax'})]});
const ws = []; for (const c of convs) ws.push(tf.tensor(c.w, c.k), tf.tensor1d(c.b)); for (const d of dense) ws.push(tf.tensor2d(d.w, d.shape), tf.tensor1d(d.b)); model.setWeights(ws);
const x = randomArray(784, 5).map(v=>v+0.5);
const tfr = () => { const t = tf.tensor4d(x,[1,28,28,1]); const y = model.predict(t); const d = y.dataSync(); y.dispose(); t.dispose(); return d; };
console.log(lean(x), tfr());
console.log(padding, compare({ leanResident: () => lean(x), tf: tfr }, { samples: 11, warmupCalls: 10 }));
const dl = layers[3]; const cl = layers.slice(0,3);
const denseOnly = () => M._lean_conv(layers[2].out, dl.is, dl.ir, dl.w, dl.ks, dl.kr, dl.b, 1, 1, 0, 1, dl.out);
const convOnly = () => { let inp = xin; for (const l of cl) { M._lean_conv(inp, l.is, l.ir, l.w, l.ks, l.kr, l.b, 1, 1, l.pad, l.act, l.out); inp = l.out; } };
const big = new Float32Array(F*256); const big2 = new Float32Array(F*256);
const sum = () => { let s = 0; for (let i = 0; i < big.length; i += 16) s += big[i]; return s; };
console.log(compare({ denseOnly, convOnly, memcpy63: () => big2.set(big), touch63: sum }, { samples: 11, warmupCalls: 5 }));
