// Module Web Worker of the "Apply to data" panel: runs the WebAssembly core off the page's
// main thread, so long convolutions and model runs never freeze the page.
//
// Messages in:  {id, type: 'convolve', input: Float32Array, inputShape, kernel: Float32Array,
//                kernelShape, modes: string[], dilation, padded: boolean}
//               {id, type: 'forward', source, saved: {file, sideFiles} | null, seed,
//                input: Float32Array | null, inputDims: number[] | null}   (input is used when
//                inputDims match the model's; saved: a file opened in a pane, run with its own
//                stored weights, read here from the File: nothing leaves the machine)
// Messages out: {type: 'ready', version} | {type: 'load-error', error}
//               {id, type: 'progress', done, total, label, ...}   forward: phase 'plan' (the
//                layers, before the run), then phase 'layer' (index, layer) as each finishes
//               {id, type: 'result', ...} | {id, type: 'error', error: {kind, message}}
// Times are measured here around each core call (performance.now() in the worker), or come
// from the core itself (forward's per-layer times). Result buffers are transferred, not copied.
import { load, vocabulary } from '../padlab.js';

const MODES = vocabulary.padModes.names;

// A few small calls before the first real one: the browser compiles wasm lazily and tiers hot
// code up, and without this the first mode shown would look several times slower than the rest.
function warmUp(pl) {
  const ones = (n) => new Float32Array(n).fill(0.5);
  try {
    for (let round = 0; round < 3; round++) {
      for (const mode of MODES) {
        pl.conv(ones(32 * 32 * 3), [1, 32, 32, 3], ones(81), [3, 3, 3, 3], { padding: 'same', mode });
        pl.conv(ones(32 * 32), [1, 32, 32, 1], ones(9), [3, 3, 1, 1], { padding: 'same', mode });
        pl.conv(ones(64), [1, 64, 1], ones(3), [3, 1, 1], { padding: 'same', mode });
        pl.pad(ones(64), [1, 64, 1], [[0, 0], [1, 1], [0, 0]], { mode });
      }
    }
  } catch (e) {
    // Only a warm-up: the real calls report their own errors.
    console.warn('PadLab worker warm-up failed', e);
  }
  return pl;
}

const engine = load().then(warmUp);
engine.then(
  (pl) => postMessage({ type: 'ready', version: pl.version }),
  (e) => postMessage({ type: 'load-error', error: errorInfo(e) }),
);

function errorInfo(e) {
  return { kind: typeof e?.kind === 'string' ? e.kind : 'Error', message: String(e?.message ?? e) };
}

// A result array that owns its whole buffer, so the buffer can be transferred (never a view
// into the wasm heap or a larger block).
function own(array) {
  return array.byteOffset === 0 && array.buffer.byteLength === array.byteLength ? array : array.slice();
}

function convolve(pl, msg) {
  const { id, input, inputShape, kernel, kernelShape, modes, dilation, padded } = msg;
  const rank = inputShape.length - 2;
  const results = [];
  const transfer = [];
  for (let i = 0; i < modes.length; i++) {
    const mode = modes[i];
    postMessage({ id, type: 'progress', done: i, total: modes.length, label: mode });
    const t0 = performance.now();
    let out;
    try {
      out = pl.conv(input, inputShape, kernel, kernelShape, { padding: 'same', mode, dilation });
    } catch (e) {
      // One mode may refuse what the others accept (reflect needs pad < size): say so in its
      // own card and go on with the rest.
      results.push({ mode, error: errorInfo(e) });
      continue;
    }
    const ms = performance.now() - t0;
    const result = { mode, data: own(out.data), shape: out.shape, ms, padded: null };
    transfer.push(result.data.buffer);
    if (padded) {
      // The padded input the kernel slid over (1D plots draw it): the core's own pad().
      const k = kernelShape[0];
      const total = dilation * (k - 1);
      const before = Math.floor(total / 2);
      const pads = [[0, 0], [before, total - before], [0, 0]];
      const p = pl.pad(input, inputShape, pads.slice(0, rank + 2), { mode });
      result.padded = { data: own(p.data), before, after: total - before };
      transfer.push(result.padded.data.buffer);
    }
    results.push(result);
  }
  postMessage({ id, type: 'progress', done: modes.length, total: modes.length, label: 'done' });
  postMessage({ id, type: 'result', results }, transfer);
}

function sameDims(a, b) {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

// The last saved file read with its weights (a second run of the same File reuses them, and
// the core reuses the network built from them).
let lastSaved = null;
async function savedModel(pl, saved) {
  if (lastSaved?.file !== saved.file) {
    const model = await pl.readModel(saved.file, { filename: saved.file.name, sideFiles: saved.sideFiles, weights: true });
    lastSaved = { file: saved.file, model };
  }
  return lastSaved.model;
}

async function forward(pl, msg) {
  const { id, seed } = msg;
  const saved = msg.saved ? await savedModel(pl, msg.saved) : null;
  const source = saved ? saved.source : msg.source;
  // The plan first (layers, shapes, MACs from the summary), so the page can list the layers
  // before the run's times arrive.
  const summary = pl.summary(source);
  const inputDims = summary.inputShape.slice(1);
  const useInput = msg.input && msg.inputDims && sameDims(inputDims, msg.inputDims);
  postMessage({
    id,
    type: 'progress',
    phase: 'plan',
    inputShape: summary.inputShape,
    usesGivenInput: !!useInput,
    storedWeights: !!saved,
    layers: summary.layers.map((l) => ({ name: l.name, className: l.className, outputShape: l.outputShape, macs: l.macs })),
    done: 0,
    total: summary.layers.length,
    label: 'running',
  });
  if (typeof pl.forward !== 'function') {
    throw Object.assign(new Error('Running a model forward is not available in this build of the PadLab engine.'),
      { kind: 'Unavailable' });
  }
  // Each layer's time as soon as it is done: the worker's messages reach the page while the
  // pass is still running.
  const options = {
    seed,
    onLayer: (layer, index) => postMessage({ id, type: 'progress', phase: 'layer', index, layer, done: index + 1, total: summary.layers.length }),
  };
  if (useInput) options.input = msg.input;
  if (saved) options.weights = saved.weights;
  const t0 = performance.now();
  const res = pl.forward(source, options);
  const wallMs = performance.now() - t0;
  const output = own(res.output);
  postMessage({
    id,
    type: 'result',
    inputShape: res.inputShape,
    outputShape: res.outputShape,
    output,
    layers: res.layers,
    totalMs: res.totalMs,
    wallMs,
    usesGivenInput: !!useInput,
    storedWeights: res.storedWeights,
  }, [output.buffer]);
}

onmessage = async (event) => {
  const msg = event.data;
  let pl;
  try {
    pl = await engine;
  } catch (e) {
    postMessage({ id: msg.id, type: 'error', error: errorInfo(e) });
    return;
  }
  try {
    if (msg.type === 'convolve') convolve(pl, msg);
    else if (msg.type === 'forward') await forward(pl, msg);
    else throw new Error(`unknown message type ${msg.type}`);
  } catch (e) {
    postMessage({ id: msg.id, type: 'error', error: errorInfo(e) });
  }
};
