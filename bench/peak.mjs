// The machine's WebAssembly SIMD peak, so results read as a fraction of what V8 can do:
// a hand-assembled module (no toolchain needed) whose loop runs `chains` independent
// f32x4 multiply-add chains, c = c*a + b (baseline wasm SIMD has no FMA: a mul and an add,
// 8 flops per chain per iteration). Independent chains hide the add/mul latency; too many
// spill out of V8's 15 allocatable vector registers, so several counts are tried.

// Unsigned LEB128.
function leb(n) {
  const out = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

function f32(x) {
  return [...new Uint8Array(new Float32Array([x]).buffer)];
}

const SIMD = 0xfd;
const op = {
  localGet: 0x20, localSet: 0x21, localTee: 0x22, f32Const: 0x43, i32Const: 0x41, i32Sub: 0x6b,
  loop: 0x03, end: 0x0b, brIf: 0x0d, void: 0x40,
};
const simd = { f32x4Splat: [SIMD, ...leb(0x13)], extractLane: [SIMD, ...leb(0x1f)], add: [SIMD, ...leb(0xe4)], mul: [SIMD, ...leb(0xe6)] };

// (func (param $n i32) (result f32)) running `chains` chains for $n iterations.
function peakModule(chains) {
  const a = 1, b = 2, c0 = 3;  // local indices: 0 is the param
  const body = [];
  const splat = (x, local) => body.push(op.f32Const, ...f32(x), ...simd.f32x4Splat, op.localSet, local);
  splat(0.9999, a);
  splat(1e-7, b);
  for (let i = 0; i < chains; i++) splat(0.5 + i / 64, c0 + i);
  body.push(op.loop, op.void);
  for (let i = 0; i < chains; i++) {
    body.push(op.localGet, c0 + i, op.localGet, a, ...simd.mul, op.localGet, b, ...simd.add, op.localSet, c0 + i);
  }
  body.push(op.localGet, 0, op.i32Const, 1, op.i32Sub, op.localTee, 0, op.brIf, 0, op.end);
  // Sum the chains so none is dead code.
  body.push(op.localGet, c0);
  for (let i = 1; i < chains; i++) body.push(op.localGet, c0 + i, ...simd.add);
  body.push(...simd.extractLane, 0, op.end);

  const locals = [1, ...leb(chains + 2), 0x7b];  // one group: chains + 2 v128 locals
  const func = [...locals, ...body];
  const section = (id, bytes) => [id, ...leb(bytes.length), ...bytes];
  const name = [...new TextEncoder().encode('peak')];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 1, 0x7f, 1, 0x7d]),              // type: (i32) -> f32
    ...section(3, [1, 0]),                                   // one function of type 0
    ...section(7, [1, name.length, ...name, 0x00, 0]),       // export "peak"
    ...section(10, [1, ...leb(func.length), ...func]),       // its code
  ]);
}

// Best GFLOP/s over chain counts, and the count that reached it.
export function measurePeak({ seconds = 0.25 } = {}) {
  let best = { gflops: 0, chains: 0 };
  for (const chains of [8, 10, 12, 13, 14]) {
    const { peak } = new WebAssembly.Instance(new WebAssembly.Module(peakModule(chains))).exports;
    const iters = 2_000_000;
    for (let i = 0; i < 3; i++) peak(iters);  // tier up to TurboFan
    let fastest = Infinity;
    const until = performance.now() + seconds * 1000;
    while (performance.now() < until) {
      const t0 = performance.now();
      peak(iters);
      fastest = Math.min(fastest, performance.now() - t0);
    }
    const gflops = (iters * chains * 8) / (fastest * 1e6);
    if (gflops > best.gflops) best = { gflops, chains };
  }
  return best;
}
