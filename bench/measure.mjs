// Timing for the benchmark: warm-up, then interleaved samples and medians.
//
// Warm-up runs each function until it has run for `warmupMs` and at least `warmupCalls`
// times: V8 first runs wasm in its baseline compiler (Liftoff) and only moves a function to
// TurboFan once it is hot, so early calls are several times slower for every contender.
// Samples then alternate between the contenders (A B C A B C ...), so a burst of load from
// another process hits all of them alike; a sample of a short call repeats it until the sample
// lasts ~10 ms. Every contender returns a fresh array per call, and for the small layers the
// garbage collection those arrays cause costs as much as the call itself: with 2 ms samples a
// collection fell in some samples and not others and medians swung by 2x between runs; 10 ms
// samples average it in, so a time is what a call costs including the collection it causes.
// The reported time is the median sample.

export function timeCalls(fn, calls) {
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) fn();
  return (performance.now() - t0) / calls;
}

function warm(fn, { warmupMs, warmupCalls }) {
  const until = performance.now() + warmupMs;
  let calls = 0;
  let last = 0;
  while (calls < warmupCalls || performance.now() < until) {
    last = timeCalls(fn, 1);
    calls++;
  }
  return last;
}

const median = (v) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// contenders: { name: fn }. Returns { name: median ms per call }.
export function compare(contenders, { samples = 15, warmupMs = 300, warmupCalls = 30, sampleMs = 10 } = {}) {
  const names = Object.keys(contenders);
  const repeat = {};
  for (const name of names) {
    const ms = warm(contenders[name], { warmupMs, warmupCalls });
    repeat[name] = Math.max(1, Math.ceil(sampleMs / Math.max(ms, 1e-3)));
  }
  const times = Object.fromEntries(names.map((n) => [n, []]));
  for (let s = 0; s < samples; s++) {
    for (const name of names) times[name].push(timeCalls(contenders[name], repeat[name]));
  }
  return Object.fromEntries(names.map((n) => [n, median(times[n])]));
}

// A deterministic Float32Array in [-0.5, 0.5) (LCG), scaled.
export function randomArray(n, seed, scale = 1) {
  const a = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    a[i] = (s / 4294967296 - 0.5) * scale;
  }
  return a;
}

// Largest |a - b| relative to 1 + |b|, and whether every value is within `tolerance` of it.
export function agreement(a, b, tolerance) {
  if (a.length !== b.length) return { ok: false, worst: Infinity };
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]) / (1 + Math.abs(b[i]));
    if (!(d <= worst)) worst = d;  // NaN propagates as a failure
  }
  return { ok: worst <= tolerance, worst };
}
