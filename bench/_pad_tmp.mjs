import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { compare, randomArray } from './measure.mjs';
const { load } = await import(process.argv[2]);
const pl = await load();
await tf.setBackend('wasm'); await tf.ready();
for (const [shape, pad, mode] of [[[1,224,224,3],3,'reflect'],[[1,56,56,64],1,'constant'],[[8,64,64,32],2,'reflect']]) {
  const x = randomArray(shape.reduce((a,b)=>a*b), 1);
  const pads = [[0,0],[pad,pad],[pad,pad],[0,0]];
  const outN = shape[0]*(shape[1]+2*pad)*(shape[2]+2*pad)*shape[3];
  const src = new Float32Array(outN), dst = new Float32Array(outN);
  const r = compare({
    pl: () => pl.pad(x, shape, pads, {mode}).data,
    tf: () => { const t = tf.tensor(x, shape); const y = mode === 'constant' ? tf.pad(t, pads) : tf.mirrorPad(t, pads, mode); const d = y.dataSync(); y.dispose(); t.dispose(); return d; },
    memcpy: () => dst.set(src),
  }, { samples: 21 });
  console.log(shape.join('x'), mode, Object.entries(r).map(([n,v]) => `${n} ${v.toFixed(3)}ms`).join('  '), `tf/pl ${(r.tf/r.pl).toFixed(1)} pl/memcpy ${(r.pl/r.memcpy).toFixed(1)}`);
}
