// PadLab's public JavaScript API: Keras model summaries, tensor padding and convolution,
// padding / convolution diagrams (geometry and SVG), computed by the C++ core compiled to
// WebAssembly. One ES module that runs unchanged in
// browsers and in node >= 20:
//
//   import { load, PadlabError } from './padlab.js';
//   const pl = await load();
//   pl.summary(source, { style: 'keras2' }).text;
//
// Every error is a thrown PadlabError (kind, message, layer, line, column, where). Arguments are
// checked here before anything reaches wasm, and the bindings return result objects rather
// than throwing (wasm/bind_module.cpp), so a bad call never leaves the module in a bad state.
//
// The names PadLab takes (pad modes, padding names, window ops, summary styles, Keras 2 eras)
// are the core's (core/base/names.hpp): `vocabulary` below is the module's vocabulary(),
// written at build time, so this file and the page never retype them.
//
// Memory: this module malloc()s heap buffers for the inputs, copies them in and frees them
// after the call (#withHeap); a result buffer the bindings malloc()ed is copied into a fresh
// Float32Array owned by the caller and freed (#withResult). Nothing needs .delete().
import moduleVocabulary from './padlab_vocabulary.js';

/** The PadLab version (matches the CMake project version and the wasm module's). */
export const version = '0.1.0';

/**
 * The core's vocabularies: for each, { names, entries: [{ name, aliases, description }],
 * ignoreCase }, the first name being the default. Frozen; available without load().
 */
export const vocabulary = moduleVocabulary;

const names = (v) => v.names;
// Whether `text` is a name or alias of vocabulary `v` (in the core's case rule).
function isName(v, text) {
  const same = v.ignoreCase ? (a) => a.toLowerCase() === text.toLowerCase() : (a) => a === text;
  return v.entries.some((e) => same(e.name) || e.aliases.some(same));
}
// "'A', 'B' or 'C'" (core/base/names.hpp quoted_choices).
function choices(list, last = ' or ') {
  const q = list.map((n) => `'${n}'`);
  return q.length > 1 ? `${q.slice(0, -1).join(', ')}${last}${q[q.length - 1]}` : q.join('');
}

const KINDS = new Set(['ArgumentError', 'ShapeError', 'ParseError', 'UnsupportedError', 'LimitError', 'Error', 'LoadError']);

/** Every error PadLab reports: the core's typed errors and argument checks made here. */
export class PadlabError extends Error {
  constructor(message, { kind = 'Error', layer = null, line = null, column = null, where = null, cause } = {}) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'PadlabError';
    this.kind = KINDS.has(kind) ? kind : 'Error';
    this.layer = layer ?? null;
    this.line = line ?? null;
    this.column = column ?? null;
    // The core's text of the location ("line 3, column 5, layer 'conv2d_1'"), or null.
    this.where = where ?? null;
  }
}

// The core's caps, mirrored so oversized requests are refused before copying anything.
const MAX_TENSOR_BYTES = 2 ** 30;  // core/limits.hpp kMaxTensorBytes
const MAX_RANK = 32;               // no real tensor comes near; bounds the work per call
// core/import/source_text.hpp kMaxSourceBytes (UTF-8 bytes >= UTF-16 units, so checking the
// length here never refuses what the core would accept, and spares copying the rest).
const MAX_SOURCE_BYTES = 2 ** 20;

// ------------------------------------------------------------------ loading

const isNode = typeof process === 'object' && process !== null && typeof process.versions?.node === 'string';

// One instance (one wasm heap) per module URL; a failed load is forgotten so it can be retried.
const instances = new Map();

/**
 * Loads the module (once per wasm URL) and resolves to the API object.
 * @param {{ wasmUrl?: string | URL }} [options] wasmUrl is resolved against this file's URL;
 *   default './padlab_core.wasm', next to padlab.js.
 */
export async function load(options = {}) {
  if (options === null || typeof options !== 'object') {
    throw argumentError(`load: options must be an object, got ${show(options)}`);
  }
  checkKeys('load', options, ['wasmUrl']);
  const { wasmUrl = './padlab_core.wasm' } = options;
  if (typeof wasmUrl !== 'string' && !(wasmUrl instanceof URL)) {
    throw argumentError(`load: wasmUrl must be a string or URL, got ${show(wasmUrl)}`);
  }
  let url;
  try {
    url = new URL(wasmUrl, import.meta.url).href;
  } catch {
    throw argumentError(`load: wasmUrl ${show(String(wasmUrl))} is not a valid URL`);
  }
  let instance = instances.get(url);
  if (!instance) {
    instance = instantiate(url);
    instances.set(url, instance);
    instance.catch(() => instances.delete(url));
  }
  return instance;
}

async function instantiate(url) {
  try {
    const moduleArg = { locateFile: () => url };
    // node 20's fetch cannot read file: URLs and Emscripten 3.1.6's web loader has no node
    // path (TOOLCHAIN.md §3), so in node we read the bytes ourselves.
    if (isNode) moduleArg.wasmBinary = await readBinary(url);
    // Imported here, not at the top: importing padlab.js (for `vocabulary`) loads no engine.
    const { default: createPadlabCore } = await import('./padlab_core.mjs');
    const core = await createPadlabCore(moduleArg);
    return new Padlab(core);
  } catch (e) {
    throw new PadlabError(`load: could not load the PadLab module from ${url}: ${e?.message ?? e}`,
                          { kind: 'LoadError', cause: e });
  }
}

async function readBinary(url) {
  const u = new URL(url);
  if (u.protocol === 'file:') {
    const fs = await import('node:fs/promises');  // dynamic: browsers never see it
    return new Uint8Array(await fs.readFile(u));
  }
  const response = await fetch(u);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

// ------------------------------------------------------------------ the API object

class Padlab {
  #core;

  constructor(core) {
    this.#core = core;
  }

  /** The version compiled into the wasm module. */
  get version() {
    return this.#call('version');
  }

  /**
   * Imports a model (Keras 2/3 JSON, TF.js model.json, Python code; Sequential or Functional)
   * and summarizes it the way Keras prints model.summary().
   *
   * Given a saved file's bytes (Uint8Array, ArrayBuffer or Blob: .keras, .h5, TF.js model.json)
   * instead of source text, it reads the file as readModel() does and returns a Promise of the
   * same summary; then style defaults to the file's Keras version (3.x: 'keras3'; 2.x: 'keras2'
   * with the era of that version) and options also take readModel()'s filename and sideFiles.
   */
  summary(source, options) {
    const fn = 'summary';
    if (isFileInput(source)) return this.#savedSummary(fn, source, options);
    const o = checkOptions(fn, options, SUMMARY_OPTIONS);
    source = checkSource(fn, source);
    const f = checkSummaryFormat(fn, o);
    return unpackReceptiveFields(
      this.#call(fn, source, f.style, f.era, f.lineLength, f.showTrainable, f.expandNested, f.receptiveField));
  }

  /**
   * Reads a saved model file without running it: a .keras archive (Keras 3, tf.keras
   * 2.13-2.15), a legacy .h5 (model.save("model.h5")), a TF.js model.json (with its shard
   * files in options.sideFiles), or Keras JSON / Python source. Async: the zip and HDF5 readers
   * (fflate, h5wasm, from ./vendor/) are loaded on first use. The kind comes from the first
   * bytes, never from the name. Resolves to { format, filename, kerasVersion, backend, config,
   * source, hasWeights, weightArrays, weightLayers } (plain values, owned by the caller); a file
   * PadLab cannot read rejects with one PadlabError and the module stays usable.
   */
  async readModel(file, options) {
    return (await this.#readSaved('readModel', file, options, READ_OPTIONS, null)).model;
  }

  async #savedSummary(fn, file, options) {
    const o = checkOptions(fn, options, [...SUMMARY_OPTIONS, 'filename', 'sideFiles']);
    const { filename, sideFiles, ...summaryOptions } = o;
    checkSummaryFormat(fn, summaryOptions);  // bad options fail before the file is read
    const { model, record } = await this.#readSaved(fn, file, { filename, sideFiles }, ['filename', 'sideFiles'], summaryOptions);
    if (record?.summary) return unpackReceptiveFields(record.summary);
    // Keras JSON or Python source: the summary of the text, as for a string.
    return this.summary(model.source, { ...styleDefaults(model.kerasVersion), ...summaryOptions });
  }

  // Opens `file` (the containers in padlab_saved.js, Keras's layouts in the core) and returns
  // { model, record } (record: the binding's, with record.summary when summaryOptions is given).
  async #readSaved(fn, file, options, allowed, summaryOptions) {
    const o = checkOptions(fn, options, allowed);
    if (!isFileInput(file)) {
      throw argumentError(`${fn}: file must be a Uint8Array, an ArrayBuffer or a Blob (File), got ${show(file)}`);
    }
    const filename = o.filename ?? (typeof file.name === 'string' ? file.name : '');
    if (typeof filename !== 'string') throw argumentError(`${fn}: filename must be a string, got ${show(filename)}`);
    if (o.weights !== undefined && typeof o.weights !== 'boolean') throw argumentError(`${fn}: weights must be a boolean, got ${show(o.weights)}`);
    const sideFiles = checkSideFiles(fn, o.sideFiles);
    const withWeights = o.weights ?? false;
    const label = filename ? `'${filename}'` : 'the file';
    const wrap = (e) => {
      if (e instanceof PadlabError) return e;
      return new PadlabError(`${label}: ${e?.message ?? e}`, { kind: e?.kind ?? 'ParseError', cause: e });
    };
    if (file instanceof ArrayBuffer) file = new Uint8Array(file);
    const size = isBlob(file) ? file.size : file.length;
    try {
      // Only the head is needed to tell the kind (and the core's text check is bounded by the
      // source cap anyway); cut at an ASCII byte so UTF-8 text stays valid.
      let head = isBlob(file) ? null : file;
      if (size > HEAD_BYTES) {
        head = isBlob(file) ? new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer()) : file.subarray(0, HEAD_BYTES);
        let end = head.length;
        while (end > 0 && head[end - 1] >= 0x80) end--;
        head = head.subarray(0, end);
      } else if (isBlob(file)) {
        head = new Uint8Array(await file.arrayBuffer());
      }
      const kind = this.#withBytes([head], ([block]) => this.#call('detectSavedFile', block.ptr, block.size, filename));
      const saved = await import('./padlab_saved.js');
      const summary = summaryOptions ? { ...checkSummaryFormat(fn, { ...styleDefaults(null), ...summaryOptions }) } : null;
      let request;
      let hasWeights = false;
      let text = null;
      if (kind === 'keras' || kind === 'h5') {
        ({ request, hasWeights } = await saved.openContainer(kind, file, { withWeights, filename }));
      } else {
        if (size > saved.MAX_CONFIG_BYTES) {
          throw new saved.ContainerError(`${size} bytes of text, above the 64 MiB limit of a model config`, 'LimitError');
        }
        text = isBlob(file) ? await file.text() : new TextDecoder().decode(file);
        const json = kind === 'json' ? parseJson(text) : null;
        if (json && typeof json === 'object' && ('modelTopology' in json || 'weightsManifest' in json)) {
          const paths = this.#call('tfjsShardPaths', text);
          const shards = [];
          if (sideFiles.size > 0) {
            for (const path of paths) {
              const base = path.split('/').pop();
              const side = sideFiles.get(path) ?? sideFiles.get(base);
              if (!side) throw new saved.ContainerError(`model.json names the weights file '${path}', which was not given beside it`, 'ArgumentError');
              shards.push(isBlob(side) ? new Uint8Array(await side.arrayBuffer()) : side);
            }
          }
          hasWeights = paths.length > 0 && shards.length === paths.length;
          request = { format: 'tfjs', modelJson: text, shards };
        }
      }
      if (!request) {
        // Keras JSON or Python source: what summary() reads already.
        const json = kind === 'json' ? parseJson(text) : null;
        return {
          record: null,
          model: { format: kind === 'json' ? 'json' : 'python', filename, kerasVersion: json?.keras_version ?? '',
                   backend: json?.backend ?? '', config: json, source: text, hasWeights: false, weightArrays: 0, weightLayers: 0 },
        };
      }
      if (summary) request.summary = summary;
      request.returnWeights = withWeights;
      const record = this.#readRequest(request);
      const config = parseJson(record.config);
      const model = { format: record.format, filename, kerasVersion: record.kerasVersion, backend: record.backend, config,
                      source: record.config, hasWeights, weightArrays: record.weightArrays, weightLayers: record.weightLayers };
      if (withWeights) model.weights = record.weights;
      if (summary && !summaryOptions.style && !summaryOptions.era) {
        // The file's own Keras version picks the style (and era) unless the caller chose.
        const d = styleDefaults(record.kerasVersion);
        if (d.style && (d.style !== summary.style || (d.era ?? summary.era) !== summary.era)) {
          request.summary = checkSummaryFormat(fn, { ...d, ...summaryOptions });
          return { model, record: this.#readRequest(request) };
        }
      }
      return { model, record };
    } catch (e) {
      throw wrap(e);
    }
  }

  // Calls readSaved with every float array and shard copied into heap buffers, freed after.
  #readRequest(request) {
    const core = this.#core;
    const ptrs = [];
    const alloc = (bytes) => {
      if (bytes === 0) return 0;
      const ptr = core._malloc(bytes);
      if (!ptr) throw limitError(`out of memory: ${bytes} bytes do not fit in the module's memory`);
      ptrs.push(ptr);
      return ptr;
    };
    const contents = (c) => c && {
      attributes: c.attributes,
      groups: c.groups,
      arrays: c.arrays.map((a) => {
        const ptr = alloc(a.data.length * 4);
        if (ptr) core.HEAPF32.set(a.data, ptr >>> 2);  // read after malloc: growing replaces it
        return { path: a.path, shape: a.shape, ptr };
      }),
    };
    try {
      const r = { ...request };
      if (r.weights) r.weights = contents(r.weights);
      if (r.contents) r.contents = contents(r.contents);
      if (r.shards) {
        r.shards = r.shards.map((bytes) => {
          const ptr = alloc(bytes.length);
          if (ptr) new Uint8Array(core.HEAPF32.buffer).set(bytes, ptr);
          return { ptr, size: bytes.length };
        });
      }
      r.summary ??= null;
      r.returnWeights ??= false;
      return this.#call('readSaved', r);
    } finally {
      for (const p of ptrs) core._free(p);
    }
  }

  // Copies byte arrays into heap buffers, runs body([{ ptr, size }]) and frees them.
  #withBytes(arrays, body) {
    const core = this.#core;
    const blocks = [];
    try {
      for (const a of arrays) {
        let ptr = 0;
        if (a.length > 0) {
          ptr = core._malloc(a.length);
          if (!ptr) throw limitError(`out of memory: ${a.length} bytes do not fit in the module's memory`);
          new Uint8Array(core.HEAPF32.buffer).set(a, ptr);
        }
        blocks.push({ ptr, size: a.length });
      }
      return body(blocks);
    } finally {
      for (const b of blocks) if (b.ptr) core._free(b.ptr);
    }
  }

  /** Pads a tensor (row-major data of `shape`) by [before, after] per axis. */
  pad(data, shape, pads, options) {
    const fn = 'pad';
    const o = checkOptions(fn, options, ['mode', 'value']);
    const dims = checkShape(fn, 'shape', shape);
    const values = checkData(fn, 'data', data, dims);
    const flatPads = checkPairs(fn, 'pads', pads);
    const mode = checkMode(fn, o.mode);
    const value = checkNumber(fn, 'value', o.value ?? 0);
    return this.#withHeap([values], ([ptr]) => this.#call(fn, ptr, dims, flatPads, mode, value));
  }

  /**
   * Convolution as Keras computes it: channels-last input [N, ...spatial, C], kernel
   * [...k, C, filters]; padding cells take values per `mode` (zeros by default).
   */
  conv(input, inputShape, kernel, kernelShape, options) {
    const fn = 'conv';
    const o = checkOptions(fn, options, ['strides', 'dilation', 'padding', 'mode', 'value', 'bias', 'activation']);
    const inDims = checkShape(fn, 'inputShape', inputShape);
    const inValues = checkData(fn, 'input', input, inDims);
    const kDims = checkShape(fn, 'kernelShape', kernelShape);
    const kValues = checkData(fn, 'kernel', kernel, kDims);
    const strides = checkIntegers(fn, 'strides', o.strides);
    const dilation = checkIntegers(fn, 'dilation', o.dilation);
    let padding = o.padding ?? names(vocabulary.paddings)[0];
    let explicitPads = null;
    if (typeof padding !== 'string') {
      if (!Array.isArray(padding)) {
        throw argumentError(`${fn}: padding must be ${paddingChoices()}, got ${show(padding)}`);
      }
      explicitPads = checkPairs(fn, 'padding', padding);
      padding = '';
    }
    let bias = new Float32Array(0);
    if (o.bias !== undefined && o.bias !== null) {
      if (!isNumberArray(o.bias)) {
        throw argumentError(`${fn}: bias must be a Float32Array or an array of numbers, got ${show(o.bias)}`);
      }
      bias = checkData(fn, 'bias', o.bias, [o.bias.length]);
    }
    const mode = checkMode(fn, o.mode);
    const value = checkNumber(fn, 'value', o.value ?? 0);
    const activation = o.activation ?? names(vocabulary.activations)[0];
    if (typeof activation !== 'string') {
      throw argumentError(`${fn}: activation must be ${choices(names(vocabulary.activations))}, got ${show(activation)}`);
    }
    return this.#withHeap([inValues, kValues, bias], ([inPtr, kPtr, bPtr]) =>
      this.#call(fn, inPtr, inDims, kPtr, kDims, bPtr, bias.length, strides, dilation, padding, explicitPads,
                 mode, value, activation));
  }

  /**
   * Runs a Sequential model or a one-input, one-output graph forward (batch 1) with deterministic
   * random weights (Keras's default initializers, drawn from PadLab's seeded generator; see core/weight_init.hpp). The model
   * stays built inside the module for the next call with the same source and seed.
   */
  forward(source, options) {
    const fn = 'forward';
    const o = checkOptions(fn, options, ['seed', 'input', 'onLayer', 'weights']);
    source = checkSource(fn, source);
    const seed = checkSeed(fn, o.seed);
    const stored = checkWeights(fn, o.weights);
    if (o.onLayer !== undefined && o.onLayer !== null && typeof o.onLayer !== 'function') {
      throw argumentError(`${fn}: onLayer must be a function, got ${show(o.onLayer)}`);
    }
    // The callback runs inside the wasm call: its exception is held and rethrown after the
    // call returns, so it never unwinds through the core.
    let callbackError = null;
    const onLayer = o.onLayer ? (index, layer) => {
      if (callbackError) return;
      try {
        o.onLayer(layer, index);
      } catch (e) {
        callbackError = { error: e };
      }
    } : undefined;
    let input = null;
    if (o.input !== undefined && o.input !== null) {
      if (!isNumberArray(o.input)) throw argumentError(`${fn}: input must be a Float32Array or an array of numbers, got ${show(o.input)}`);
      input = checkData(fn, 'input', o.input, [o.input.length]);
    }
    // The stored weights go into the heap for the call (the core copies them only when it
    // builds the network; a cached one is reused), the input likewise.
    const arrays = [...(stored ? stored.list.map((w) => w.data) : []), ...(input ? [input] : [])];
    const r = this.#withHeap(arrays, (ptrs) => {
      const storedArg = stored
        ? { key: stored.key, weights: stored.list.map((w, i) => ({ layer: w.layer, name: w.name, shape: w.shape, ptr: ptrs[i] })) }
        : null;
      return input
        ? this.#call(fn, source, seed, ptrs[ptrs.length - 1], input.length, onLayer, storedArg)
        : this.#call(fn, source, seed, 0, -1, onLayer, storedArg);
    });
    if (callbackError) throw callbackError.error;
    return { inputShape: r.inputShape, outputShape: r.shape, output: r.data, layers: r.layers, totalMs: r.totalMs,
             storedWeights: r.storedWeights };
  }

  /** The weights forward() uses for (source, seed), in Keras's get_weights() order. */
  modelWeights(source, options) {
    const fn = 'modelWeights';
    const o = checkOptions(fn, options, ['seed']);
    return this.#call(fn, checkSource(fn, source), checkSeed(fn, o.seed));
  }

  /**
   * The geometry of a padding / convolution diagram: axis arithmetic, the padded grid, where
   * each padded value comes from, and the window every step reads. Pure data (the page and the
   * components draw it; diagramSvg draws the same thing as SVG).
   * options.view: [[lo, hi], ...] grid region whose cells to list (default: the whole grid when
   *   it has at most 65536 cells, else cells is null);
   * options.steps: true (all), false (none), [from, to) (default: all when they read at most
   *   65536 cells in total, else null).
   */
  diagram(spec, options) {
    const fn = 'diagram';
    const o = checkOptions(fn, options, ['view', 'steps']);
    const s = checkDiagramSpec(fn, spec);
    const rank = s.input.length;
    let view = null;
    if (o.view !== undefined && o.view !== null) {
      view = checkPairs(fn, 'view', o.view);
      if (view.length !== 2 * rank) throw argumentError(`${fn}: view must hold one [lo, hi] pair per axis (${rank})`);
    }
    let from = -1;
    let to = -1;
    const steps = o.steps;
    if (steps === true) { from = 0; to = 2 ** 31 - 1; } else if (steps === false) { from = 0; to = 0; } else if (steps !== undefined && steps !== null) {
      if (!Array.isArray(steps) || steps.length !== 2) {
        throw argumentError(`${fn}: steps must be true, false or a [from, to) pair of step indices, got ${show(steps)}`);
      }
      from = checkIndex(fn, 'steps[0]', steps[0]);
      to = checkIndex(fn, 'steps[1]', steps[1]);
    }
    const g = this.#call(fn, s, view, from, to);
    return geometryFromColumns(g, steps === false);
  }

  /** One step of a diagram (0-based, row-major over the output): the output cell it writes and the window it reads. */
  diagramStep(spec, index) {
    const fn = 'diagramStep';
    const s = checkDiagramSpec(fn, spec);
    const i = checkIndex(fn, 'index', index);
    const rank = s.input.length;
    const g = geometryFromColumns(this.#call('diagram', s, new Array(2 * rank).fill(0), i, i + 1), false);
    if (g.steps.length === 0) {
      throw new PadlabError(`${fn}: step ${i} does not exist; the diagram has ${g.stepCount} steps`, { kind: 'ArgumentError' });
    }
    return g.steps[0];
  }

  /**
   * The diagram as SVG text (the picture the CLI writes): one step ({ step: 0-based }, the
   * default is step 0) or the self-contained CSS animation ({ animate: true }).
   */
  diagramSvg(spec, options) {
    return this.#diagramSvg('diagramSvg', spec, options).svg;
  }

  /**
   * One static step as the page shows it: { svg, view, outputView, reads, highlightReads }.
   * `view` / `outputView` are the regions drawn ([[lo, hi), ...] per axis); pass their first
   * cells back as viewHint / outputViewHint with the next step to keep the picture still.
   * `reads` says what the step reads; `highlightReads` what the highlighted output reads.
   */
  diagramPicture(spec, options) {
    const o = options ?? {};
    if (o.animate) throw argumentError('diagramPicture: a picture is one step; use diagramSvg({ animate: true }) for the animation');
    return this.#diagramSvg('diagramPicture', spec, o);
  }

  #diagramSvg(fn, spec, options) {
    const o = checkOptions(fn, options, ['step', 'animate', 'cell', 'maxCells', 'maxSlices', 'maxFrames', 'stepSeconds',
      'holdSeconds', 'values', 'sources', 'title', 'idPrefix', 'theme', 'highlight', 'viewHint', 'outputViewHint']);
    const s = checkDiagramSpec(fn, spec);
    if (o.animate !== undefined && typeof o.animate !== 'boolean') throw argumentError(`${fn}: animate must be a boolean, got ${show(o.animate)}`);
    if (o.animate && o.step !== undefined) throw argumentError(`${fn}: give either step or animate, not both`);
    const step = o.animate ? -1 : checkIndex(fn, 'step', o.step ?? 0);
    const int = (name, v, lo, hi) => {
      if (!Number.isInteger(v) || v < lo || v > hi) throw argumentError(`${fn}: ${name} must be an integer in [${lo}, ${hi}], got ${show(v)}`);
      return v;
    };
    const num = (name, v) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw argumentError(`${fn}: ${name} must be a number, got ${show(v)}`);
      return v;
    };
    const bool = (name, v) => {
      if (typeof v !== 'boolean') throw argumentError(`${fn}: ${name} must be a boolean, got ${show(v)}`);
      return v;
    };
    const str = (name, v) => {
      if (typeof v !== 'string') throw argumentError(`${fn}: ${name} must be a string, got ${show(v)}`);
      return v;
    };
    const hint = (name, v) => {
      if (v === undefined || v === null) return [];
      if (!Array.isArray(v) || v.some((x) => !Number.isInteger(x) || x < 0)) {
        throw argumentError(`${fn}: ${name} must be an array of non-negative integers (one per axis), got ${show(v)}`);
      }
      return v;
    };
    const svgOptions = {
      cell: int('cell', o.cell ?? 0, 0, 120),
      maxCells: int('maxCells', o.maxCells ?? 16, 1, 256),
      maxSlices: int('maxSlices', o.maxSlices ?? 5, 1, 64),
      maxFrames: int('maxFrames', o.maxFrames ?? 48, 1, 4096),
      stepSeconds: num('stepSeconds', o.stepSeconds ?? 0.8),
      holdSeconds: num('holdSeconds', o.holdSeconds ?? 1.6),
      values: bool('values', o.values ?? true),
      sources: bool('sources', o.sources ?? true),
      title: str('title', o.title ?? ''),
      idPrefix: str('idPrefix', o.idPrefix ?? 'pl'),
      theme: str('theme', o.theme ?? 'auto'),
      highlight: o.highlight === undefined || o.highlight === null ? -1 : checkIndex(fn, 'highlight', o.highlight),
      viewHint: hint('viewHint', o.viewHint),
      outputViewHint: hint('outputViewHint', o.outputViewHint),
    };
    if (svgOptions.title.length > MAX_LABEL) throw limitError(`${fn}: title is longer than ${MAX_LABEL} characters`);
    return this.#call('diagramSvg', s, step, svgOptions);
  }

  /** The named diagrams (causal_time_series, reflection_2d, valid_28x28, same_28x28, ...), each with a spec diagram() takes. */
  diagramPresets() {
    return this.#call('diagramPresets');
  }

  /**
   * The diagram spec of one layer of a model (Conv*, pooling, ZeroPadding*, Cropping*): its
   * real input length, kernel, strides, dilation and padding. `source` is anything summary() takes.
   */
  layerDiagramSpec(source, layerName) {
    const fn = 'layerDiagramSpec';
    if (typeof source !== 'string') throw argumentError(`${fn}: source must be a string (model JSON or Python code), got ${show(source)}`);
    if (source.length > MAX_SOURCE_BYTES) throw limitError(`${fn}: model source is at least ${source.length} bytes, above the 1 MiB limit`);
    if (typeof layerName !== 'string') throw argumentError(`${fn}: layerName must be a string, got ${show(layerName)}`);
    return this.#call(fn, source, layerName);
  }

  /** Heap facts: current wasm memory size, bytes in use by malloc, and the cap. */
  memoryStats() {
    return this.#call('memoryStats');
  }

  // Copies `arrays` into heap buffers this wrapper malloc()s, runs body(pointers) (0 for an
  // empty array), and frees them whatever happens. body returns a binding's result, whose `ptr`
  // is a buffer the bindings malloc()ed and handed over: #withResult copies and frees it.
  #withHeap(arrays, body) {
    const core = this.#core;
    const ptrs = [];
    try {
      for (const a of arrays) {
        let ptr = 0;
        if (a.length > 0) {
          ptr = core._malloc(a.length * 4);
          if (!ptr) throw limitError(`out of memory: ${a.length * 4} bytes do not fit in the module's memory`);
          core.HEAPF32.set(a, ptr >>> 2);  // HEAPF32 read after malloc: growing the heap replaces it
        }
        ptrs.push(ptr);
      }
      return this.#withResult(body(ptrs));
    } finally {
      for (const p of ptrs) if (p) core._free(p);
    }
  }

  // { ptr, shape, ...rest } from a binding -> { data: a fresh Float32Array, shape, ...rest }.
  #withResult(result) {
    const core = this.#core;
    const { ptr, ...rest } = result;
    try {
      const n = result.shape.reduce((a, b) => a * b, 1);
      const data = new Float32Array(n);
      data.set(core.HEAPF32.subarray(ptr >>> 2, (ptr >>> 2) + n));
      return { data, ...rest };
    } finally {
      core._free(ptr);
    }
  }

  // Calls a binding and unwraps its result object. A JS exception here means a trap inside
  // wasm (a core bug, not bad input): restore the stack pointer the trap skipped so the next
  // call starts clean, and report it as a PadlabError too.
  #call(name, ...args) {
    const core = this.#core;
    const sp = core.stackSave();
    let result;
    try {
      result = core[name](...args);
    } catch (e) {
      core.stackRestore(sp);
      throw new PadlabError(`${name}: internal error in the PadLab module: ${e?.message ?? e}`, { kind: 'Error', cause: e });
    }
    if (!result.ok) throw new PadlabError(result.message, result);
    return result.value;
  }
}

// ------------------------------------------------------------------ receptive fields
// The binding hands the analysis over as one Float64Array (bind_summary_record.hpp,
// packed_receptive_fields: per layer spatial, aligned, borderFraction, axes; then 8 numbers per
// axis); here it becomes each layer's receptiveField, the record padlab.d.ts types.
const RF_AXIS_VALUES = 8;
const EXTRA_CELL = [null, 'after', 'before'];

function unpackReceptiveFields(record) {
  const packed = record.receptiveFieldPacked;
  if (!packed) return record;
  delete record.receptiveFieldPacked;
  let k = 0;
  for (const layer of record.layers) {
    if (k >= packed.length) break;
    const [spatial, aligned, borderFraction, axes] = packed.subarray(k, k + 4);
    k += 4;
    if (!spatial) {
      layer.receptiveField = null;
      k += axes * RF_AXIS_VALUES;
      continue;
    }
    const f = {
      size: [], stride: [], padding: [], aligned: aligned === 1, borderAffected: [], borderBefore: [],
      borderFraction, unread: [], unreadEnd: [], extraCell: [],
    };
    for (let a = 0; a < axes; a++, k += RF_AXIS_VALUES) {
      f.size.push(packed[k]);
      f.stride.push(packed[k + 1]);
      f.padding.push(packed[k + 2]);
      f.borderAffected.push(packed[k + 3]);
      f.borderBefore.push(packed[k + 4]);
      f.unread.push(packed[k + 5]);
      f.unreadEnd.push(packed[k + 6]);
      f.extraCell.push(EXTRA_CELL[packed[k + 7]] ?? null);
    }
    layer.receptiveField = f;
  }
  return record;
}

// ------------------------------------------------------------------ argument checks
// Each returns the value in the form the bindings take, or throws a PadlabError naming the
// function and the argument.

function argumentError(message) {
  return new PadlabError(message, { kind: 'ArgumentError' });
}

function limitError(message) {
  return new PadlabError(message, { kind: 'LimitError' });
}

// A short description of a bad value for messages (never the whole value).
function show(v) {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return v.length > 40 ? `'${v.slice(0, 37)}...'` : `'${v}'`;
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  if (ArrayBuffer.isView(v)) return `a ${v.constructor?.name ?? 'typed array'}`;
  return `a ${typeof v === 'object' ? (v.constructor?.name ?? 'object') : typeof v}`;
}

function checkKeys(fn, options, allowed) {
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw argumentError(`${fn}: unknown option '${key}' (expected ${allowed.join(', ')})`);
    }
  }
}

function checkOptions(fn, options, allowed) {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw argumentError(`${fn}: options must be an object, got ${show(options)}`);
  }
  checkKeys(fn, options, allowed);
  return options;
}

function isNumberArray(v) {
  return Array.isArray(v) ||
         (ArrayBuffer.isView(v) && !(v instanceof DataView) && !(v instanceof BigInt64Array) && !(v instanceof BigUint64Array));
}

// A tensor shape: non-negative integers, at most MAX_RANK of them, within the size cap.
function checkShape(fn, name, shape) {
  if (!isNumberArray(shape)) throw argumentError(`${fn}: ${name} must be an array of integers, got ${show(shape)}`);
  if (shape.length > MAX_RANK) throw limitError(`${fn}: ${name} has ${shape.length} axes, above the limit of ${MAX_RANK}`);
  const dims = Array.from(shape);
  let elements = 1;
  dims.forEach((d, i) => {
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 0) {
      throw argumentError(`${fn}: ${name}[${i}] must be a non-negative integer, got ${show(d)}`);
    }
    if (!Number.isSafeInteger(d)) throw limitError(`${fn}: ${name}[${i}] = ${d} is too large`);
    elements *= d;
  });
  if (elements * 4 > MAX_TENSOR_BYTES) {
    throw limitError(`${fn}: ${name} (${dims.join(', ')}) would need ${elements * 4} bytes, above the 1 GiB limit`);
  }
  return dims;
}

// Tensor values of a checked shape, as a Float32Array (the caller's own, or a converted copy).
function checkData(fn, name, data, dims) {
  if (!isNumberArray(data)) {
    throw argumentError(`${fn}: ${name} must be a Float32Array or an array of numbers, got ${show(data)}`);
  }
  const needed = dims.reduce((a, b) => a * b, 1);
  if (data.length !== needed) {
    throw new PadlabError(`${fn}: ${name} has ${data.length} values but its shape (${dims.join(', ')}) needs ${needed}`,
                          { kind: 'ShapeError' });
  }
  if (data instanceof Float32Array) return data;
  if (Array.isArray(data)) {
    for (let i = 0; i < data.length; i++) {
      if (typeof data[i] !== 'number') throw argumentError(`${fn}: ${name}[${i}] must be a number, got ${show(data[i])}`);
    }
  }
  return Float32Array.from(data);
}

// [[before, after], ...] as a flat list of integers (the core checks signs and limits).
function checkPairs(fn, name, pairs) {
  if (!Array.isArray(pairs)) throw argumentError(`${fn}: ${name} must be an array of [before, after] pairs, got ${show(pairs)}`);
  if (pairs.length > MAX_RANK) throw limitError(`${fn}: ${name} has ${pairs.length} axes, above the limit of ${MAX_RANK}`);
  const flat = [];
  pairs.forEach((pair, i) => {
    if (!isNumberArray(pair) || pair.length !== 2) {
      throw argumentError(`${fn}: ${name}[${i}] must be a [before, after] pair, got ${show(pair)}`);
    }
    for (let j = 0; j < 2; j++) flat.push(checkInteger(fn, `${name}[${i}][${j}]`, pair[j]));
  });
  return flat;
}

function checkInteger(fn, name, v) {
  if (typeof v !== 'number' || !Number.isInteger(v)) throw argumentError(`${fn}: ${name} must be an integer, got ${show(v)}`);
  if (!Number.isSafeInteger(v)) throw limitError(`${fn}: ${name} = ${v} is too large`);
  return v;
}

// strides / dilation: a number for every axis, or one per spatial axis; absent = 1.
function checkIntegers(fn, name, v) {
  if (v === undefined || v === null) return [];
  if (typeof v === 'number') return [checkInteger(fn, name, v)];
  if (!isNumberArray(v)) throw argumentError(`${fn}: ${name} must be an integer or an array of integers, got ${show(v)}`);
  if (v.length > MAX_RANK) throw limitError(`${fn}: ${name} has ${v.length} entries, above the limit of ${MAX_RANK}`);
  return Array.from(v, (x, i) => checkInteger(fn, `${name}[${i}]`, x));
}

// A pad mode name; the core parses it (aliases, any case) and says what it accepts.
function checkMode(fn, mode) {
  if (mode === undefined) return names(vocabulary.padModes)[0];
  if (typeof mode !== 'string') {
    throw argumentError(`${fn}: mode must be ${choices(names(vocabulary.padModes))}, got ${show(mode)}`);
  }
  return mode;
}

function checkIndex(fn, name, v) {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw argumentError(`${fn}: ${name} must be a non-negative integer, got ${show(v)}`);
  if (v >= 2 ** 31) throw limitError(`${fn}: ${name} = ${v} is too large`);
  return v;
}

// ------------------------------------------------------------------ saved files

const SUMMARY_OPTIONS = ['style', 'era', 'lineLength', 'showTrainable', 'expandNested', 'receptiveField'];
const READ_OPTIONS = ['filename', 'sideFiles', 'weights'];
// What readModel reads of a file to tell its kind (detect_saved_file): magic bytes, or text.
const HEAD_BYTES = 2 ** 20;

const isBlob = (v) => typeof Blob === 'function' && v instanceof Blob;
const isFileInput = (v) => v instanceof Uint8Array || v instanceof ArrayBuffer || isBlob(v);

// summary()'s format options, checked, with their defaults.
function checkSummaryFormat(fn, o) {
  const style = o.style ?? names(vocabulary.summaryStyles)[0];
  if (typeof style !== 'string' || !isName(vocabulary.summaryStyles, style)) {
    throw argumentError(`${fn}: style must be ${choices(names(vocabulary.summaryStyles))}, got ${show(style)}`);
  }
  const era = o.era ?? names(vocabulary.keras2Eras)[0];
  if (typeof era !== 'string' || !isName(vocabulary.keras2Eras, era)) {
    throw argumentError(`${fn}: era must be ${choices(names(vocabulary.keras2Eras))}, got ${show(era)}`);
  }
  // The core checks the range (Keras's "Insufficient console width", at most 4096).
  const lineLength = o.lineLength ?? 76;
  if (!Number.isInteger(lineLength) || Math.abs(lineLength) >= 2 ** 31) {
    throw argumentError(`${fn}: lineLength must be an integer, got ${show(lineLength)}`);
  }
  for (const flag of ['showTrainable', 'expandNested', 'receptiveField']) {
    if (o[flag] !== undefined && typeof o[flag] !== 'boolean') throw argumentError(`${fn}: ${flag} must be a boolean, got ${show(o[flag])}`);
  }
  return {
    style, era, lineLength, showTrainable: o.showTrainable ?? false, expandNested: o.expandNested ?? false,
    receptiveField: o.receptiveField ?? false,
  };
}

/**
 * The summary style a file's Keras version prints: 3.x -> keras3; 2.x -> keras2 with the era of
 * that version (A: <= 2.6, B: 2.7-2.12, C: 2.13 and later; core/summary/summary_style.hpp);
 * unknown -> {} (summary()'s own defaults).
 */
export function styleDefaults(kerasVersion) {
  const m = /^(\d+)\.(\d+)/.exec(kerasVersion ?? '');
  if (!m) return {};
  const major = Number(m[1]);
  const minor = Number(m[2]);
  if (major >= 3) return { style: 'keras3' };
  if (major === 2 && minor >= 13) return { style: 'keras2', era: 'C' };
  if (major === 2 && minor >= 7) return { style: 'keras2', era: 'B' };
  return { style: 'keras2', era: 'A' };
}

// Each weights list forward() is given gets a number, so the module's cache of built networks
// knows a list it has already copied (the list is only read; the caller keeps it).
const weightKeys = new WeakMap();
let lastWeightKey = 0;

// forward()'s options.weights: [{ layer, name, shape, data }] -> { key, list } (null: none).
function checkWeights(fn, weights) {
  if (weights === undefined || weights === null) return null;
  if (!Array.isArray(weights)) {
    throw argumentError(`${fn}: weights must be the list readModel(file, { weights: true }) gives ([{ layer, name, shape, data }]), got ${show(weights)}`);
  }
  const list = weights.map((w, i) => {
    if (w === null || typeof w !== 'object') throw argumentError(`${fn}: weights[${i}] must be an object { layer, name, shape, data }, got ${show(w)}`);
    if (typeof w.layer !== 'string' || typeof w.name !== 'string') throw argumentError(`${fn}: weights[${i}].layer and .name must be strings`);
    const shape = checkShape(fn, `weights[${i}].shape`, w.shape);
    return { layer: w.layer, name: w.name, shape, data: checkData(fn, `weights[${i}].data`, w.data, shape) };
  });
  let key = weightKeys.get(weights);
  if (key === undefined) {
    key = ++lastWeightKey;
    weightKeys.set(weights, key);
  }
  return { key, list };
}

// sideFiles: { name: bytes | Blob } or an array of Files -> Map name -> Uint8Array | Blob.
function checkSideFiles(fn, sideFiles) {
  const out = new Map();
  if (sideFiles === undefined || sideFiles === null) return out;
  const add = (name, v) => {
    if (!isFileInput(v)) throw argumentError(`${fn}: sideFiles['${name}'] must be a Uint8Array, an ArrayBuffer or a Blob, got ${show(v)}`);
    out.set(name, v instanceof ArrayBuffer ? new Uint8Array(v) : v);
  };
  if (Array.isArray(sideFiles)) {
    sideFiles.forEach((f, i) => {
      if (!isBlob(f) || typeof f.name !== 'string') throw argumentError(`${fn}: sideFiles[${i}] must be a File, got ${show(f)}`);
      add(f.name, f);
    });
  } else if (typeof sideFiles === 'object') {
    for (const [name, v] of Object.entries(sideFiles)) add(name, v);
  } else {
    throw argumentError(`${fn}: sideFiles must be an object of name -> bytes or an array of Files, got ${show(sideFiles)}`);
  }
  return out;
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}


// ------------------------------------------------------------------ diagram specs

const MAX_LABEL = 1000;
const MAX_DIAGRAM_VALUES = 2 ** 24;

// "'valid', 'same', 'causal', 'full' or [[before, after], ...]".
function paddingChoices() {
  return `${choices(names(vocabulary.paddings), ', ')} or [[before, after], ...]`;
}

// A number or an array of integers -> an array (absent -> []).
function diagramInts(fn, name, v) {
  if (v === undefined || v === null) return [];
  return checkIntegers(fn, name, v);
}

// The spec in the one fixed form the bindings read (wasm/bindings.cpp read_diagram_spec).
function checkDiagramSpec(fn, spec) {
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    throw argumentError(`${fn}: spec must be an object such as { input: 8, kernel: 4, padding: 'causal' }, got ${show(spec)}`);
  }
  checkKeys(`${fn}: spec`, spec, ['input', 'kernel', 'strides', 'dilation', 'padding', 'mode', 'value', 'op',
    'outputPadding', 'values', 'label']);
  if (spec.input === undefined || spec.input === null) throw argumentError(`${fn}: spec.input is required (a length, or one length per spatial axis)`);
  const input = checkIntegers(fn, 'spec.input', spec.input);
  if (input.length < 1 || input.length > 3) throw argumentError(`${fn}: spec.input must have 1, 2 or 3 spatial axes, got ${input.length}`);
  const kernel = diagramInts(fn, 'spec.kernel', spec.kernel);
  let padding = spec.padding ?? names(vocabulary.paddings)[0];
  let pads = null;
  if (typeof padding === 'string') {
    if (!isName(vocabulary.paddings, padding)) {
      throw argumentError(`${fn}: spec.padding must be ${paddingChoices()}, got ${show(padding)}`);
    }
  } else if (Array.isArray(padding)) {
    pads = checkPairs(fn, 'spec.padding', padding);
    padding = '';
  } else {
    throw argumentError(`${fn}: spec.padding must be ${paddingChoices()}, got ${show(padding)}`);
  }
  const op = spec.op ?? names(vocabulary.windowOps)[0];
  if (typeof op !== 'string' || !isName(vocabulary.windowOps, op)) {
    throw argumentError(`${fn}: spec.op must be ${choices(names(vocabulary.windowOps))}, got ${show(op)}`);
  }
  let values = null;
  if (spec.values !== undefined && spec.values !== null) {
    if (!isNumberArray(spec.values)) throw argumentError(`${fn}: spec.values must be an array of numbers, got ${show(spec.values)}`);
    if (spec.values.length > MAX_DIAGRAM_VALUES) throw limitError(`${fn}: spec.values has more than ${MAX_DIAGRAM_VALUES} entries`);
    values = checkData(fn, 'spec.values', spec.values, [spec.values.length]);
  }
  const label = spec.label ?? '';
  if (typeof label !== 'string') throw argumentError(`${fn}: spec.label must be a string, got ${show(label)}`);
  if (label.length > MAX_LABEL) throw limitError(`${fn}: spec.label is longer than ${MAX_LABEL} characters`);
  return {
    input,
    kernel,
    strides: diagramInts(fn, 'spec.strides', spec.strides),
    dilation: diagramInts(fn, 'spec.dilation', spec.dilation),
    padding,
    pads,
    mode: checkMode(fn, spec.mode),
    value: checkNumber(fn, 'spec.value', spec.value ?? 0),
    op,
    outputPadding: spec.outputPadding === undefined || spec.outputPadding === null ? null : checkIntegers(fn, 'spec.outputPadding', spec.outputPadding),
    values,
    label,
  };
}

const CELL_KINDS = ['input', 'pad', 'gap', 'cropped'];

// The bindings return cells and steps as columns of typed arrays (cheap to copy out of
// wasm); callers get one plain object per cell and per step.
function geometryFromColumns(g, noSteps) {
  const rank = g.grid.length;
  const slice = (a, i, n) => Array.from(a.subarray(i * n, i * n + n));
  let cells = null;
  if (g.cells) {
    const c = g.cells;
    cells = new Array(c.kind.length);
    for (let i = 0; i < cells.length; i++) {
      const source = c.source[i * rank] < 0 ? null : slice(c.source, i, rank);
      cells[i] = { pos: slice(c.pos, i, rank), kind: CELL_KINDS[c.kind[i]], source, value: c.value[i], read: c.read[i] === 1 };
    }
  }
  let steps = null;
  if (g.steps && !noSteps) {
    const s = g.steps;
    const n = s.to - s.from;
    steps = new Array(n);
    for (let i = 0; i < n; i++) {
      const window = new Array(s.taps);
      for (let t = 0; t < s.taps; t++) window[t] = slice(s.window, i * s.taps + t, rank);
      steps[i] = { index: s.from + i, output: slice(s.output, i, rank), origin: slice(s.origin, i, rank), window };
    }
  }
  return {
    spec: g.spec,
    axes: g.axes,
    grid: g.grid,
    offset: g.offset,
    gridStride: g.gridStride,
    output: g.output,
    stepCount: g.stepCount,
    cellCount: g.cellCount,
    padsIgnored: g.padsIgnored,
    formula: g.formula,
    notes: g.notes,
    readMask: g.readMask.map((m) => Array.from(m, (b) => b === 1)),
    view: g.cells ? g.cells.view : null,
    cells,
    steps,
  };
}

// Model source text: a string, or an already-parsed model.json object (sent as JSON text).
function checkSource(fn, source) {
  if (source !== null && typeof source === 'object' && !ArrayBuffer.isView(source)) {
    try {
      source = JSON.stringify(source);
    } catch (e) {
      throw argumentError(`${fn}: source object cannot be turned into JSON: ${e.message}`);
    }
  }
  if (typeof source !== 'string') {
    throw argumentError(`${fn}: source must be a string (model JSON or Python code), got ${show(source)}`);
  }
  if (source.length > MAX_SOURCE_BYTES) {
    throw limitError(`${fn}: model source is at least ${source.length} bytes, above the 1 MiB limit`);
  }
  return source;
}

// A weights seed: an integer in [0, 2^32); default 1.
function checkSeed(fn, seed) {
  if (seed === undefined || seed === null) return 1;
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) {
    throw argumentError(`${fn}: seed must be an integer in [0, 2^32), got ${show(seed)}`);
  }
  return seed;
}

function checkNumber(fn, name, v) {
  if (typeof v !== 'number') throw argumentError(`${fn}: ${name} must be a number, got ${show(v)}`);
  return v;
}
