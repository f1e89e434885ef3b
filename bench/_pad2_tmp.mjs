import fs from 'node:fs';
import createLean from '../build/simd-dev/lean/lean.mjs';
import { compare, randomArray } from './measure.mjs';
const M = await createLean({ wasmBinary: fs.readFileSync(new URL('../build/simd-dev/lean/lean.wasm', import.meta.url)) });
for (const [shape, pad, mode] of [[[1,224,224,3],3,1],[[1,56,56,64],1,0],[[8,64,64,32],2,1]]) {
  const n = shape.reduce((a,b)=>a*b); const x = randomArray(n, 1);
  const outN = shape[0]*(shape[1]+2*pad)*(shape[2]+2*pad)*shape[3];
  const px = M._malloc(4*n), po = M._malloc(4*outN), ps = M._malloc(64);
  M.HEAP32.set(shape, ps>>2); M.HEAP32.set([0,0,pad,pad,pad,pad,0,0], (ps>>2)+4);
  M.HEAPF32.set(x, px>>2);
  const src = new Float32Array(outN), dst = new Float32Array(outN);
  const r = compare({
    core: () => M._lean_pad(px, ps, 4, ps+16, mode, 0, po),
    full: () => { M.HEAPF32.set(x, px>>2); M._lean_pad(px, ps, 4, ps+16, mode, 0, po); return M.HEAPF32.slice(po>>2, (po>>2)+outN); },
    memcpy: () => dst.set(src),
  }, { samples: 21 });
  console.log(shape.join('x'), mode, Object.entries(r).map(([n,v]) => `${n} ${v.toFixed(3)}ms`).join('  '), `core/memcpy ${(r.core/r.memcpy).toFixed(1)} full/memcpy ${(r.full/r.memcpy).toFixed(1)}`);
}
