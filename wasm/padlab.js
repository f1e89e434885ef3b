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
import {
  PadlabError, vocabulary, names, isName, choices, paddingChoices, isNumberArray, loadOnce, callCore,
  argumentError, limitError, show, checkOptions, checkShape, checkData, checkPairs, checkIntegers, checkMode,
  checkNumber, MAX_SOURCE_BYTES,
} from './padlab_checks.js';
import { Diagrams } from './padlab_diagram.js';

export { PadlabError, version, vocabulary } from './padlab_checks.js';

// ------------------------------------------------------------------ loading

/**
 * Loads the module (once per wasm URL) and resolves to the API object.
 * @param {{ wasmUrl?: string | URL }} [options] wasmUrl is resolved against this file's URL;
 *   default './padlab_core.wasm', next to padlab.js.
 */
export function load(options = {}) {
  // The loader is imported here, not at the top: importing padlab.js (for `vocabulary`) loads no engine.
  return loadOnce('load', options, './padlab_core.wasm',
    async (arg) => (await import('./padlab_core.mjs')).default(arg), (core) => new Padlab(core));
}

// ------------------------------------------------------------------ the API object

// The diagram methods (diagram, diagramStep, diagramSvg, diagramPicture, diagramPresets,
// version) come from padlab_diagram.js's Diagrams: the engine has the same bindings.
class Padlab extends Diagrams {
  #core;

  constructor(core) {
    super(core);
    this.#core = core;
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

  // Calls a binding and unwraps its result object (callCore, padlab_checks.js).
  #call(name, ...args) {
    return callCore(this.#core, name, args);
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
