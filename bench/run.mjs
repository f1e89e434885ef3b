// PadLab benchmark: convolution and padding in WebAssembly against TensorFlow.js, in one
// node process, on the same inputs, with the outputs checked against each other.
//
//   node bench/run.mjs              run everything, print markdown tables
//   node bench/run.mjs --write      also write BENCHMARKS.md at the repository root
//   options: --module <padlab.js>   the PadLab module to test (default build/web/padlab.js,
//                                   built by `cmake --build --preset wasm`)
//            --quick                fewer samples (a smoke run, ~1 min)
//            --no-cpu               skip the TF.js CPU backend (the slowest part)
//
// Contenders:
//   PadLab    pl.conv / pl.pad from the wasm module (C++ kernels, WebAssembly SIMD128)
//   XNNPACK   @tensorflow/tfjs-backend-wasm 4.22.0 (XNNPACK, SIMD binary). In node the backend
//             never uses threads (WASM_HAS_MULTITHREAD_SUPPORT is false under node), so it runs
//             single-threaded like PadLab; the script checks getThreadsCount() === 1.
//   TF.js CPU @tensorflow/tfjs-backend-cpu 4.22.0 (plain JavaScript)
// What one timed call does, for each:
//   PadLab    JS Float32Arrays in (input, kernel, bias: padlab.js copies each into the wasm heap
//             on every call), conv with bias + activation fused, a fresh Float32Array out.
//   TF.js     tf.tensor(input) (copied in), the fused op on kernel/bias tensors created once
//             (resident, as model weights are), dataSync() out, dispose. Causal Conv1D has no
//             TF.js op: tf.pad then a valid conv, inside the timed call.
// GFLOP/s = 2 * multiply-adds / time. Each time is the median of interleaved samples after a
// warm-up long enough for V8 to tier the wasm up to TurboFan (bench/measure.mjs); peak is
// measured in the same process (bench/peak.mjs).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import * as tf from '@tensorflow/tfjs-core';
import * as tfWasm from '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';

import { agreement, compare, randomArray } from './measure.mjs';
import { measurePeak } from './peak.mjs';
import { writeSection } from './report_section.mjs';
import { benchArgs, loadPadlab } from './bench_args.mjs';

const root = new URL('..', import.meta.url);
const { flag, quick, modulePath } = benchArgs();
const withCpu = !flag('--no-cpu');
const SAMPLES = quick ? 7 : 21;
const WARMUP_MS = quick ? 150 : 400;

// ------------------------------------------------------------------ setup

const { pl } = await loadPadlab(modulePath);
// The raw Emscripten module of the same build, as a second instance: only the padding table
// uses it, to time the pad op on data already in the heap (what pl.pad wraps with copies).
const { default: createPadlabCore } = await import(pathToFileURL(path.join(path.dirname(modulePath), 'padlab_core.mjs')).href);
const raw = await createPadlabCore({ wasmBinary: fs.readFileSync(path.join(path.dirname(modulePath), 'padlab_core.wasm')) });

await tf.setBackend('wasm');
await tf.ready();
const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
const threads = tfWasm.getThreadsCount();
if (!simd || threads !== 1) {
  console.error(`TF.js wasm backend is not single-threaded SIMD (simd=${simd}, threads=${threads}): results would not be comparable.`);
  process.exit(2);
}

const version = (pkg) => JSON.parse(fs.readFileSync(new URL(`node_modules/${pkg}/package.json`, root))).version;
const env = {
  date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
  cpu: `${os.cpus()[0]?.model ?? 'unknown CPU'} (${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})`,
  node: `node ${process.version} (V8 ${process.versions.v8})`,
  tfjs: `@tensorflow/tfjs-backend-wasm ${version('@tensorflow/tfjs-backend-wasm')} (SIMD, ${threads} thread), tfjs-backend-cpu ${version('@tensorflow/tfjs-backend-cpu')}, tfjs-layers ${version('@tensorflow/tfjs-layers')}`,
  padlab: `PadLab ${pl.version} (${fileURLToPath(pathToFileURL(modulePath)).replace(fileURLToPath(root), '')})`,
};

const log = (line = '') => process.stdout.write(line + '\n');
const fmt = (x, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : '-');
const ms = (x) => (x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3));
const table = (header, rows) => [
  `| ${header.join(' | ')} |`,
  `|${header.map((h, i) => (i === 0 ? ':--' : '--:')).join('|')}|`,
  ...rows.map((r) => `| ${r.join(' | ')} |`),
].join('\n');

// TF.js CPU timings run after every wasm measurement, not between them: switching to the CPU
// backend and back between cases was measured to slow XNNPACK down 2-3x in the cases after.
const cpuJobs = [];
const later = (job) => { if (withCpu) cpuJobs.push(job); };

// The three backends in turn: tensors belong to the backend that was active when created.
async function onBackend(name, body) {
  await tf.setBackend(name);
  await tf.ready();
  try {
    return await body();
  } finally {
    await tf.setBackend('wasm');
  }
}

// ------------------------------------------------------------------ 1. peak

log('Measuring the WebAssembly SIMD peak...');
const peak = measurePeak({ seconds: quick ? 0.1 : 0.3 });

// ------------------------------------------------------------------ 2. single convolutions

const convCases = [
  { name: 'seed conv 1, valid: 28x28x1 -> 32', input: [1, 28, 28, 1], kernel: [3, 3, 1, 32], padding: 'valid', first: true },
  { name: 'seed conv 1, same: 28x28x1 -> 32', input: [1, 28, 28, 1], kernel: [3, 3, 1, 32], padding: 'same', first: true },
  { name: 'seed conv 2, valid: 26x26x32 -> 64', input: [1, 26, 26, 32], kernel: [3, 3, 32, 64], padding: 'valid' },
  { name: 'seed conv 2, same: 28x28x32 -> 64', input: [1, 28, 28, 32], kernel: [3, 3, 32, 64], padding: 'same' },
  { name: 'seed conv 3, valid: 24x24x64 -> 128', input: [1, 24, 24, 64], kernel: [3, 3, 64, 128], padding: 'valid' },
  { name: 'seed conv 3, same: 28x28x64 -> 128', input: [1, 28, 28, 64], kernel: [3, 3, 64, 128], padding: 'same' },
  { name: '56x56x64 -> 64, 3x3 same', input: [1, 56, 56, 64], kernel: [3, 3, 64, 64], padding: 'same' },
  { name: '112x112x32 -> 64, 3x3 stride 2 same', input: [1, 112, 112, 32], kernel: [3, 3, 32, 64], padding: 'same', strides: 2 },
  { name: 'Conv1D 1024x64 -> 64, k4 causal', input: [1, 1024, 64], kernel: [4, 64, 64], padding: 'causal' },
  { name: 'Conv1D 1024x64 -> 64, k4 causal dilation 2', input: [1, 1024, 64], kernel: [4, 64, 64], padding: 'causal', dilation: 2 },
];

function outputShape(c) {
  const spatial = c.input.slice(1, -1);
  const s = c.strides ?? 1, d = c.dilation ?? 1;
  const out = spatial.map((n, i) => {
    const k = (c.kernel[i] - 1) * d + 1;
    return c.padding === 'valid' ? Math.ceil((n - k + 1) / s) : Math.ceil(n / s);
  });
  return [c.input[0], ...out, c.kernel.at(-1)];
}

const prod = (v) => v.reduce((a, b) => a * b, 1);

// The TF.js version of a case (2D, or 1D through a [1, L] image), returning a timed function
// and a dispose; created on the active backend.
function tfConv(c, x, w, b) {
  const is1d = c.input.length === 3;
  const d = c.dilation ?? 1;
  const filter = is1d ? tf.tensor4d(w, [1, ...c.kernel]) : tf.tensor(w, c.kernel);
  const bias = tf.tensor1d(b);
  const inShape = is1d ? [c.input[0], 1, c.input[1], c.input[2]] : c.input;
  const causal = c.padding === 'causal' ? (c.kernel[0] - 1) * d : 0;
  // No tf.tidy here: measured, a fused conv inside tidy() costs TF.js ~5 ms more per call
  // (28x28x32 -> 64), so we dispose by hand - the faster way to call TF.js.
  const run = () => {
    const t = tf.tensor(x, inShape);
    const padded = causal ? tf.pad(t, [[0, 0], [0, 0], [causal, 0], [0, 0]]) : t;
    const y = tf.fused.conv2d({
      x: padded, filter, bias, activation: 'relu',
      strides: c.strides ?? 1, pad: causal ? 'valid' : c.padding, dilations: is1d ? [1, d] : d,
    });
    const data = y.dataSync();
    y.dispose();
    if (padded !== t) padded.dispose();
    t.dispose();
    return data;
  };
  return { run, dispose: () => { filter.dispose(); bias.dispose(); } };
}

// Both wasm modules run every conv case for a while before anything is timed: V8 compiles hot
// wasm functions with TurboFan on a background thread, and without this pass the first case
// measured still ran partly in the baseline compiler (it came out 2x slower than the second).
log('Warming up both modules on every case...');
for (const c of convCases) {
  const x = randomArray(prod(c.input), 1), w = randomArray(prod(c.kernel), 2), b = randomArray(c.kernel.at(-1), 3);
  const xnn = tfConv(c, x, w, b);
  const until = performance.now() + (quick ? 50 : 200);
  while (performance.now() < until) {
    pl.conv(x, c.input, w, c.kernel, { strides: c.strides, dilation: c.dilation, padding: c.padding, bias: b, activation: 'relu' });
    xnn.run();
  }
  xnn.dispose();
}

const convRows = [];
const convResults = [];
for (const [i, c] of convCases.entries()) {
  log(`conv ${i + 1}/${convCases.length}: ${c.name}`);
  const cin = c.input.at(-1);
  const x = randomArray(prod(c.input), 100 + i);
  const w = randomArray(prod(c.kernel), 200 + i, Math.sqrt(24 / (prod(c.kernel) / c.kernel.at(-1))));
  const b = randomArray(c.kernel.at(-1), 300 + i, 0.2);
  const out = outputShape(c);
  const flop = 2 * prod(out) * (prod(c.kernel) / c.kernel.at(-1));
  const padlab = () => pl.conv(x, c.input, w, c.kernel, {
    strides: c.strides, dilation: c.dilation, padding: c.padding, bias: b, activation: 'relu',
  }).data;

  const xnn = tfConv(c, x, w, b);
  const check = agreement(padlab(), xnn.run(), 1e-4);
  const t = compare({ padlab, xnnpack: xnn.run }, { samples: SAMPLES, warmupMs: WARMUP_MS });
  xnn.dispose();

  const gflops = (msv) => flop / (msv * 1e6);
  const ratio = t.xnnpack / t.padlab;
  convResults.push({ case: c, cin, ratio, ok: check.ok });
  const row = [
    c.name, fmt(flop / 1e6, 1),
    ms(t.padlab), fmt(gflops(t.padlab), 1), `${fmt((100 * gflops(t.padlab)) / peak.gflops, 0)}%`,
    ms(t.xnnpack), fmt(gflops(t.xnnpack), 1),
    `**${fmt(ratio)}**`,
    '-',
    check.ok ? `yes (${check.worst.toExponential(0)})` : `**NO** (${check.worst.toExponential(1)})`,
  ];
  convRows.push(row);
  later(async () => {
    row[8] = ms(await onBackend('cpu', () => {
      const k = tfConv(c, x, w, b);
      const r = compare({ cpu: k.run }, { samples: quick ? 3 : 5, warmupMs: 0, warmupCalls: 2, sampleMs: 0 }).cpu;
      k.dispose();
      return r;
    }));
  });
}

// ------------------------------------------------------------------ 3. seed models, forward pass

// The seed's two models (the blog's 'valid' and 'same' versions), as the page runs them.
const seedSource = (padding) => `model = Sequential()
model.add(Conv2D(32, kernel_size=(3, 3), activation='relu', input_shape=(28, 28, 1), padding='${padding}'))
model.add(Conv2D(64, kernel_size=(3, 3), activation='relu', padding='${padding}'))
model.add(Conv2D(128, kernel_size=(3, 3), activation='relu', padding='${padding}'))
model.add(Flatten())
model.add(Dense(256, activation='relu'))
model.add(Dense(10, activation='softmax'))
`;

// The same model in tfjs-layers, given PadLab's weights for (source, seed) layer by layer
// (every layer of this model has exactly a kernel and a bias, in both libraries' order).
function tfModel(padding, source, seed) {
  const model = tfl.sequential({
    layers: [
      tfl.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu', padding }),
      tfl.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu', padding }),
      tfl.layers.conv2d({ filters: 128, kernelSize: 3, activation: 'relu', padding }),
      tfl.layers.flatten(),
      tfl.layers.dense({ units: 256, activation: 'relu' }),
      tfl.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
  const weights = pl.modelWeights(source, { seed }).map((w) => tf.tensor(w.data, w.shape));
  model.setWeights(weights);
  weights.forEach((t) => t.dispose());
  const run = (x) => {
    const t = tf.tensor4d(x, [1, 28, 28, 1]);
    const y = model.predict(t);
    const data = y.dataSync();
    y.dispose();
    t.dispose();
    return data;
  };
  return { run, dispose: () => model.dispose() };
}

const modelRows = [];
const modelResults = [];
for (const padding of ['valid', 'same']) {
  log(`forward pass, seed model (${padding})`);
  const source = seedSource(padding);
  const seed = 1;
  const x = randomArray(28 * 28, 4000, 1).map((v) => v + 0.5);
  const padlab = () => pl.forward(source, { seed, input: x }).output;
  const first = pl.forward(source, { seed, input: x });  // builds the model (weights resident from now on)
  const macs = first.layers.reduce((s, l) => s + l.macs, 0);
  const denseBytes = first.layers.filter((l) => l.className === 'Dense').reduce((s, l) => s + 4 * l.macs, 0);
  const tfm = tfModel(padding, source, seed);
  const check = agreement(padlab(), tfm.run(x), 1e-4);
  const t = compare({ padlab, xnnpack: () => tfm.run(x) }, { samples: quick ? 5 : 11, warmupMs: WARMUP_MS, warmupCalls: 8 });
  tfm.dispose();
  const ratio = t.xnnpack / t.padlab;
  modelResults.push({ padding, ratio, ok: check.ok });
  const row = [
    `seed model, ${padding} (${fmt((2 * macs) / 1e6, 0)} MFLOP, ${fmt(denseBytes / 2 ** 20, 0)} MiB of Dense weights)`,
    ms(t.padlab), fmt((2 * macs) / (t.padlab * 1e6), 1), ms(t.xnnpack), fmt((2 * macs) / (t.xnnpack * 1e6), 1),
    `**${fmt(ratio)}**`, '-',
    check.ok ? `yes (${check.worst.toExponential(0)})` : `**NO** (${check.worst.toExponential(1)})`,
  ];
  modelRows.push(row);
  later(async () => {
    row[6] = ms(await onBackend('cpu', () => {
      const k = tfModel(padding, source, seed);
      const r = compare({ cpu: () => k.run(x) }, { samples: 3, warmupMs: 0, warmupCalls: 1, sampleMs: 0 }).cpu;
      k.dispose();
      return r;
    }));
  });
}

// ------------------------------------------------------------------ 4. padding

const padCases = [
  { shape: [1, 28, 28, 1], pad: 1, mode: 'constant' },
  { shape: [1, 28, 28, 1], pad: 1, mode: 'reflect' },
  { shape: [1, 28, 28, 32], pad: 1, mode: 'constant' },
  { shape: [1, 224, 224, 3], pad: 3, mode: 'constant' },
  { shape: [1, 224, 224, 3], pad: 3, mode: 'reflect' },
  { shape: [1, 56, 56, 64], pad: 1, mode: 'constant' },
  { shape: [1, 56, 56, 64], pad: 1, mode: 'reflect' },
  { shape: [1, 56, 56, 64], pad: 1, mode: 'symmetric' },
  { shape: [8, 64, 64, 32], pad: 2, mode: 'reflect' },
];

function tfPad(c, x) {
  const pads = [[0, 0], [c.pad, c.pad], [c.pad, c.pad], [0, 0]];
  return () => {
    const t = tf.tensor(x, c.shape);
    const y = c.mode === 'constant' ? tf.pad(t, pads, 0) : tf.mirrorPad(t, pads, c.mode);
    const data = y.dataSync();
    y.dispose();
    t.dispose();
    return data;
  };
}

const padRows = [];
const padResults = [];
for (const c of padCases) {
  const name = `(${c.shape.join(', ')}) + ${c.pad} on H, W, ${c.mode}`;
  log(`pad: ${name}`);
  const x = randomArray(prod(c.shape), 5000);
  const outShape = [c.shape[0], c.shape[1] + 2 * c.pad, c.shape[2] + 2 * c.pad, c.shape[3]];
  const bytes = prod(outShape) * 4;
  const pads = [[0, 0], [c.pad, c.pad], [c.pad, c.pad], [0, 0]];
  const padlab = () => pl.pad(x, c.shape, pads, { mode: c.mode }).data;
  const xnn = tfPad(c, x);
  // The op itself against memory speed, both inside one wasm heap: the core's pad on an input
  // already in the heap (through the private binding, so its small call cost is included)
  // against a copy of the output's bytes within the heap (copyWithin = memmove).
  const outN = prod(outShape);
  const inPtr = raw._malloc(x.length * 4), a = raw._malloc(outN * 4), b = raw._malloc(outN * 4);
  raw.HEAPF32.set(x, inPtr >>> 2);
  const flatPads = pads.flat();
  const padOp = () => {
    const r = raw.pad(inPtr, c.shape, flatPads, c.mode, 0);
    raw._free(r.value.ptr);
  };
  const memcpy = () => raw.HEAPF32.copyWithin(b >>> 2, a >>> 2, (a >>> 2) + outN);
  const check = agreement(padlab(), xnn(), 0);
  const t = compare({ padlab, tf: xnn, padOp, memcpy }, { samples: SAMPLES, warmupMs: WARMUP_MS });
  [inPtr, a, b].forEach((p) => raw._free(p));
  padResults.push({ name, mib: bytes / 2 ** 20, vsTf: t.tf / t.padlab, opVsMemcpy: t.padOp / t.memcpy, ok: check.ok });
  const row = [
    name, fmt(bytes / 2 ** 20, 2), ms(t.padlab), ms(t.tf), `**${fmt(t.tf / t.padlab, 1)}**`, '-', '-',
    ms(t.padOp), fmt(bytes / (t.padOp * 1e6), 1), ms(t.memcpy), fmt(t.padOp / t.memcpy, 2),
    check.ok ? 'yes (exact)' : '**NO**',
  ];
  padRows.push(row);
  later(async () => {
    const cpu = await onBackend('cpu', () => compare({ cpu: tfPad(c, x) }, { samples: quick ? 3 : 7, warmupMs: 0, warmupCalls: 2 }).cpu);
    row[5] = ms(cpu);
    row[6] = `**${fmt(cpu / t.padlab, 1)}**`;
  });
}

// ------------------------------------------------------------------ 5. TF.js CPU backend

if (cpuJobs.length) log('TF.js CPU backend...');
for (const job of cpuJobs) await job();

// ------------------------------------------------------------------ report

const verdict = (ok) => (ok ? 'met' : '**not met**');
const wide = convResults.filter((r) => r.cin >= 32);
const first = convResults.filter((r) => r.case.first);
const targets = [
  [`PadLab/XNNPACK >= 1.2 on every conv with >= 32 input channels`, `min ${fmt(Math.min(...wide.map((r) => r.ratio)))}`, verdict(wide.every((r) => r.ratio >= 1.2))],
  [`PadLab/XNNPACK >= 1.5 on the seed's first layer`, `min ${fmt(Math.min(...first.map((r) => r.ratio)))}`, verdict(first.every((r) => r.ratio >= 1.5))],
  [`PadLab/XNNPACK never below 1.0 (single convs)`, `min ${fmt(Math.min(...convResults.map((r) => r.ratio)))}`, verdict(convResults.every((r) => r.ratio >= 1.0))],
  [`each seed forward pass at least as fast as TF.js wasm`, modelResults.map((r) => `${r.padding} ${fmt(r.ratio)}`).join(', '), verdict(modelResults.every((r) => r.ratio >= 1.0))],
  [`the pad op at memory speed: op / heap memcpy <= 1.5 from 0.5 MiB up`, `max ${fmt(Math.max(...padResults.filter((r) => r.mib >= 0.5).map((r) => r.opVsMemcpy)))}`, verdict(padResults.filter((r) => r.mib >= 0.5).every((r) => r.opVsMemcpy <= 1.5))],
  [`pad >= 10x tf.pad / tf.mirrorPad (wasm backend)`, `min ${fmt(Math.min(...padResults.map((r) => r.vsTf)), 1)}`, verdict(padResults.every((r) => r.vsTf >= 10))],
  [`outputs agree with TF.js everywhere`, '', verdict([...convResults, ...modelResults, ...padResults].every((r) => r.ok))],
];

const report = `# PadLab benchmarks

Generated by \`node bench/run.mjs --write\` (method: the comment at the top of bench/run.mjs).
Ratios compare contenders measured in the same process, interleaved; absolute numbers move
with the machine's load, ratios much less.

- ${env.date}; ${env.cpu}
- ${env.node}; ${env.tfjs}; ${env.padlab}
- WebAssembly SIMD peak of this machine, measured here: **${fmt(peak.gflops, 1)} GFLOP/s**
  (${peak.chains} independent f32x4 multiply-add chains; baseline wasm SIMD has no FMA)

## Convolutions (bias + ReLU fused, batch 1)

PadLab/XNNPACK > 1 means PadLab is faster. "agree": max |PadLab - XNNPACK| / (1 + |XNNPACK|).

${table(['case', 'MFLOP', 'PadLab ms', 'GFLOP/s', 'of peak', 'XNNPACK ms', 'GFLOP/s', 'PadLab/XNNPACK', 'TF.js CPU ms', 'agree'], convRows)}

## Seed models, whole forward pass

PadLab runs \`pl.forward(source, { seed, input })\`: the model is built once in the core and its
weights stay in the wasm heap between calls, as a tfjs-layers model's do. TF.js runs
\`model.predict\` of the same model given the same weights (\`pl.modelWeights\`); both take the
input from JS and return the output as a fresh Float32Array.

${table(['model', 'PadLab ms', 'GFLOP/s', 'XNNPACK ms', 'GFLOP/s', 'PadLab/XNNPACK', 'TF.js CPU ms', 'agree'], modelRows)}

## Padding

End to end, \`pl.pad\` (a JS array in, a fresh Float32Array out) against \`tf.pad\` (constant) /
\`tf.mirrorPad\` (reflect, symmetric) doing the same (tensor in, \`dataSync()\` out). Then the op
alone: the core's pad on an input already in the wasm heap, against a copy of the output's
bytes inside the same heap (\`copyWithin\`, memmove speed); "op / memcpy" near 1 means the pad
runs at memory speed. MiB and GB/s count the output.

${table(['case', 'MiB', 'PadLab ms', 'TF.js wasm ms', 'x faster', 'TF.js CPU ms', 'x faster', 'pad op ms', 'GB/s', 'heap memcpy ms', 'op / memcpy', 'agree'], padRows)}

## Targets

${table(['target', 'measured', ''], targets)}

## Where the time goes (read this with the targets)

- **Per call.** \`pl.conv\` / \`pl.pad\` copy their inputs into the wasm heap (one
  \`HEAPF32.set\` each), run the core op on pointers, and copy the result into a fresh
  Float32Array; TF.js does the same around its op (\`tf.tensor\`, \`dataSync\`). For the seed's
  first layer the core's arithmetic is the smaller part (about 20 us of the call in a quiet
  run): the 100 KB output array and the garbage collection that a fresh array per call causes
  cost both contenders alike, which caps the end-to-end ratio there well below the ratio of the
  kernels themselves.
- **Forward passes.** \`pl.forward\` keeps each model built in the core: weights stay in the
  heap, Dense kernels packed once into 32-wide column blocks so a pass streams them exactly once
  (\`dense_packed_32x8__vec4\`). The seed models' Dense layer reads 61-98 MiB per pass and is
  memory-bound for both contenders; the convolutions are where PadLab gains.
- **Padding.** The op reads its input once and writes its output once, but in WebAssembly: the
  yardstick (\`copyWithin\` on the heap) is the engine's native memmove, while the op's row
  copies run as wasm code (16-byte vectors at best; \`memory.copy\` needs \`-mbulk-memory\`, which
  does not link with this toolchain's wasm exceptions), and its time includes the call and a
  fresh output buffer. Measured in a C++ loop in wasm, the pad is 1.5-2.5x a memmove of its
  output there too, against 1.1-1.8x natively. End to end, both
  contenders move the same bytes in and out around a native pad, so the ratio to TF.js's wasm
  backend stays near 1 for large tensors and reaches a few x only on small ones, where TF.js's
  per-op bookkeeping dominates. The 10x target is not reachable this way; against TF.js's CPU
  backend (plain JavaScript) PadLab is 10-100x faster.
`;

log();
log(report);
if (flag('--write')) {
  writeSection(new URL('BENCHMARKS.md', root), 'kernels', report);
  log(`wrote ${fileURLToPath(new URL('BENCHMARKS.md', root))}`);
}
