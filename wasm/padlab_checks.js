// What padlab.js (the engine) and padlab_diagram.js (the diagram-only module) share: the
// error type, the argument checks, and loading an Emscripten module once per wasm URL. Private
// to the package (import padlab.js or padlab_diagram.js); no wasm is loaded by importing it.
import moduleVocabulary from './padlab_vocabulary.js';

/** The PadLab version (matches the CMake project version and the wasm module's). */
export const version = '0.1.0';

/**
 * The core's vocabularies: for each, { names, entries: [{ name, aliases, description }],
 * ignoreCase }, the first name being the default. Frozen; available without load().
 */
export const vocabulary = moduleVocabulary;

export const names = (v) => v.names;
// Whether `text` is a name or alias of vocabulary `v` (in the core's case rule).
export function isName(v, text) {
  const same = v.ignoreCase ? (a) => a.toLowerCase() === text.toLowerCase() : (a) => a === text;
  return v.entries.some((e) => same(e.name) || e.aliases.some(same));
}
// "'A', 'B' or 'C'" (core/base/names.hpp quoted_choices).
export function choices(list, last = ' or ') {
  const q = list.map((n) => `'${n}'`);
  return q.length > 1 ? `${q.slice(0, -1).join(', ')}${last}${q[q.length - 1]}` : q.join('');
}

export const KINDS = new Set(['ArgumentError', 'ShapeError', 'ParseError', 'UnsupportedError', 'NameError', 'LimitError', 'Error', 'LoadError']);

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
export const MAX_TENSOR_BYTES = 2 ** 30;  // core/limits.hpp kMaxTensorBytes
export const MAX_RANK = 32;               // no real tensor comes near; bounds the work per call
// core/import/source_text.hpp kMaxSourceBytes (UTF-8 bytes >= UTF-16 units, so checking the
// length here never refuses what the core would accept, and spares copying the rest).
export const MAX_SOURCE_BYTES = 2 ** 20;

// ------------------------------------------------------------------ loading

export const isNode = typeof process === 'object' && process !== null && typeof process.versions?.node === 'string';


// Loads an Emscripten module once per resolved wasm URL (one instance, one heap, per page):
// `createModule()` imports the loader, `wrap(core)` makes the API object. A failed load is
// forgotten so a later call retries. `fn` names the caller in errors.
const instances = new Map();

export function loadOnce(fn, options, defaultWasm, createModule, wrap) {
  if (options === null || typeof options !== 'object') {
    return Promise.reject(argumentError(`${fn}: options must be an object, got ${show(options)}`));
  }
  try {
    checkKeys(fn, options, ['wasmUrl']);
  } catch (e) {
    return Promise.reject(e);
  }
  const { wasmUrl = defaultWasm } = options;
  if (typeof wasmUrl !== 'string' && !(wasmUrl instanceof URL)) {
    return Promise.reject(argumentError(`${fn}: wasmUrl must be a string or URL, got ${show(wasmUrl)}`));
  }
  let url;
  try {
    url = new URL(wasmUrl, import.meta.url).href;
  } catch {
    return Promise.reject(argumentError(`${fn}: wasmUrl ${show(String(wasmUrl))} is not a valid URL`));
  }
  let instance = instances.get(url);
  if (!instance) {
    instance = instantiate(fn, url, createModule, wrap);
    instances.set(url, instance);
    instance.catch(() => instances.delete(url));
  }
  return instance;
}

async function instantiate(fn, url, createModule, wrap) {
  try {
    const moduleArg = { locateFile: () => url };
    // node 20's fetch cannot read file: URLs and Emscripten 3.1.6's web loader has no node
    // path (TOOLCHAIN.md §3), so in node we read the bytes ourselves. In browsers the loader
    // fetches the URL itself, with WebAssembly.instantiateStreaming.
    if (isNode) moduleArg.wasmBinary = await readBinary(url);
    return wrap(await createModule(moduleArg));
  } catch (e) {
    throw new PadlabError(`${fn}: could not load the PadLab module from ${url}: ${e?.message ?? e}`,
                          { kind: 'LoadError', cause: e });
  }
}

export async function readBinary(url) {
  const u = new URL(url);
  if (u.protocol === 'file:') {
    const fs = await import('node:fs/promises');  // dynamic: browsers never see it
    return new Uint8Array(await fs.readFile(u));
  }
  const response = await fetch(u);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

// Calls a binding and unwraps its result object. A JS exception here means a trap inside
// wasm (a core bug, not bad input): restore the stack pointer the trap skipped so the next
// call starts clean, and report it as a PadlabError too.
export function callCore(core, name, args) {
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

// ------------------------------------------------------------------ argument checks
// Each returns the value in the form the bindings take, or throws a PadlabError naming the
// function and the argument.

export function argumentError(message) {
  return new PadlabError(message, { kind: 'ArgumentError' });
}

export function limitError(message) {
  return new PadlabError(message, { kind: 'LimitError' });
}

// A short description of a bad value for messages (never the whole value).
export function show(v) {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return v.length > 40 ? `'${v.slice(0, 37)}...'` : `'${v}'`;
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  if (ArrayBuffer.isView(v)) return `a ${v.constructor?.name ?? 'typed array'}`;
  return `a ${typeof v === 'object' ? (v.constructor?.name ?? 'object') : typeof v}`;
}

export function checkKeys(fn, options, allowed) {
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw argumentError(`${fn}: unknown option '${key}' (expected ${allowed.join(', ')})`);
    }
  }
}

export function checkOptions(fn, options, allowed) {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw argumentError(`${fn}: options must be an object, got ${show(options)}`);
  }
  checkKeys(fn, options, allowed);
  return options;
}

export function isNumberArray(v) {
  return Array.isArray(v) ||
         (ArrayBuffer.isView(v) && !(v instanceof DataView) && !(v instanceof BigInt64Array) && !(v instanceof BigUint64Array));
}

// A tensor shape: non-negative integers, at most MAX_RANK of them, within the size cap.
export function checkShape(fn, name, shape) {
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
export function checkData(fn, name, data, dims) {
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
export function checkPairs(fn, name, pairs) {
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

export function checkInteger(fn, name, v) {
  if (typeof v !== 'number' || !Number.isInteger(v)) throw argumentError(`${fn}: ${name} must be an integer, got ${show(v)}`);
  if (!Number.isSafeInteger(v)) throw limitError(`${fn}: ${name} = ${v} is too large`);
  return v;
}

// strides / dilation: a number for every axis, or one per spatial axis; absent = 1.
export function checkIntegers(fn, name, v) {
  if (v === undefined || v === null) return [];
  if (typeof v === 'number') return [checkInteger(fn, name, v)];
  if (!isNumberArray(v)) throw argumentError(`${fn}: ${name} must be an integer or an array of integers, got ${show(v)}`);
  if (v.length > MAX_RANK) throw limitError(`${fn}: ${name} has ${v.length} entries, above the limit of ${MAX_RANK}`);
  return Array.from(v, (x, i) => checkInteger(fn, `${name}[${i}]`, x));
}

// A pad mode name; the core parses it (aliases, any case) and says what it accepts.
export function checkMode(fn, mode) {
  if (mode === undefined) return names(vocabulary.padModes)[0];
  if (typeof mode !== 'string') {
    throw argumentError(`${fn}: mode must be ${choices(names(vocabulary.padModes))}, got ${show(mode)}`);
  }
  return mode;
}

export function checkIndex(fn, name, v) {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw argumentError(`${fn}: ${name} must be a non-negative integer, got ${show(v)}`);
  if (v >= 2 ** 31) throw limitError(`${fn}: ${name} = ${v} is too large`);
  return v;
}

export function checkNumber(fn, name, v) {
  if (typeof v !== 'number') throw argumentError(`${fn}: ${name} must be a number, got ${show(v)}`);
  return v;
}

// "'valid', 'same', 'causal', 'full' or [[before, after], ...]".
export function paddingChoices() {
  return `${choices(names(vocabulary.paddings), ', ')} or [[before, after], ...]`;
}
