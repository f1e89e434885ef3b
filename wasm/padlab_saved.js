// The containers of saved Keras model files, opened for padlab.js's readModel() / summary():
// a .keras archive (zip) with fflate, an HDF5 file (legacy .h5, a .keras archive's
// model.weights.h5) with h5wasm (libhdf5 compiled to wasm, so it reads what the native
// libhdf5 reader reads). Both libraries are loaded on first use by dynamic import from
// ./vendor/ (never by the first paint of the page, never part of the engine's wasm).
//
// Only the containers are read here: what they hold (zip entries as text or bytes, HDF5
// string attributes, float datasets) goes to the core (core/import/saved/saved_model.hpp),
// which knows Keras's layouts. Private to padlab.js and the npm package's node CLI; not a
// public module.
//
// Reading as little as possible:
//  - a .keras Blob (a File in the page's worker) above 64 MiB is streamed through fflate's
//    Unzip and the stream stops once the entries asked for are read: Keras writes metadata.json
//    and config.json first (keras/src/saving/saving_lib.py, _save_state / save_model), so
//    reading the config of a 500 MB archive reads its first few kilobytes; only when that fails
//    (an archive written in another order) is the whole file read. Smaller archives are read
//    whole and their central directory checked first (truncation, entry names), as libzip does;
//  - an HDF5 Blob in a Web Worker is mounted with Emscripten's WORKERFS (random access through
//    FileReaderSync), so libhdf5 reads only the blocks it needs: the attributes for the config,
//    the datasets only when weights are asked for. Elsewhere the bytes go into h5wasm's MEMFS.

// The core's caps (core/import/saved/saved_model.hpp), checked before inflating or reading.
export const MAX_CONFIG_BYTES = 64 * 2 ** 20;  // kMaxSavedConfigBytes: config.json, model_config
export const MAX_TOTAL_BYTES = 2 ** 30;        // kMaxSavedTotalBytes: everything uncompressed

// Errors carry a PadLab kind; padlab.js turns them into PadlabErrors with the file's name.
export class ContainerError extends Error {
  constructor(message, kind = 'ParseError') {
    super(message);
    this.kind = kind;
  }
}

let fflatePromise = null;
let h5wasmPromise = null;

// fflate (MIT), ./vendor/fflate.js. A failed load is forgotten so a later open can retry.
export function loadFflate() {
  fflatePromise ??= import('./vendor/fflate.js').catch((e) => {
    fflatePromise = null;
    throw new ContainerError(`could not load the zip reader (vendor/fflate.js): ${e?.message ?? e}`, 'LoadError');
  });
  return fflatePromise;
}

// libhdf5 prints its error stack ("HDF5-DIAG: ...") through console.error, bound when h5wasm
// starts (h5wasm exposes no H5Eset_auto). In a Web Worker (ours alone), and in a thread that
// called captureDiagnostics() first (the node CLI's reader, wasm/npm/bin/saved_thread.mjs), the
// lines are caught before they reach the console and the deepest one ("truncated file: eof =
// 300, ...") goes into the error message; elsewhere in node and on a page they are printed as
// libhdf5 prints them.
let diagnostics = null;  // the lines since the last open, while caught
let captureAlways = false;
export function captureDiagnostics() {
  captureAlways = true;
}
function catchDiagnostics() {
  if ((typeof WorkerGlobalScope === 'undefined' && !captureAlways) || typeof console?.error !== 'function') return;
  const original = console.error;
  diagnostics = [];
  console.error = (...args) => {
    const line = args.map(String).join(' ');
    if (/^(HDF5-DIAG|\s+#\d+:|\s+(major|minor):)/.test(line)) {
      if (diagnostics.length < 200) diagnostics.push(line);
      return;
    }
    original.apply(console, args);
  };
}

// libhdf5's own reason for the last failure: the deepest "#nnn: ... in F(): reason" line.
function lastDiagnostic() {
  if (!diagnostics) return '';
  const reasons = diagnostics.map((l) => /^\s+#\d+:.* in [^(]*\(\): (.*)$/.exec(l)?.[1]).filter(Boolean);
  diagnostics.length = 0;
  return reasons.length ? `: ${reasons[reasons.length - 1]}` : '';
}

// h5wasm (NIST), ./vendor/h5wasm/hdf5_hl.js; resolves once its wasm is instantiated.
export function loadH5wasm() {
  if (!h5wasmPromise) catchDiagnostics();
  h5wasmPromise ??= import('./vendor/h5wasm/hdf5_hl.js').then(async (m) => {
    const h5wasm = m.default ?? m;
    const Module = await h5wasm.ready;
    return { h5wasm, FS: Module.FS };
  }).catch((e) => {
    h5wasmPromise = null;
    throw new ContainerError(`could not load the HDF5 reader (vendor/h5wasm): ${e?.message ?? e}`, 'LoadError');
  });
  return h5wasmPromise;
}

const isBlob = (v) => typeof Blob === 'function' && v instanceof Blob;

function concat(chunks, total) {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

// Per entry: its cap (config and metadata: MAX_CONFIG_BYTES; the weights: MAX_TOTAL_BYTES).
function capOf(caps, name) {
  return caps[name] ?? MAX_CONFIG_BYTES;
}

function tooLarge(name, size, cap) {
  return new ContainerError(`the archive's ${name} is ${size} bytes uncompressed, above the ${cap / 2 ** 20} MiB limit`,
                            'LimitError');
}

// Archives up to this size are read whole (their central directory checked, as libzip does
// natively); larger Blobs are streamed and the stream stops once the entries asked for are read.
export const WHOLE_ARCHIVE_BYTES = 64 * 2 ** 20;

// "../x", "/x", "a/../../x", "C:x", "\\x": a name a careless extractor writes outside its folder
// (saved_file_native.cpp refuses the same). PadLab never writes entries anywhere; refusing them
// keeps the page and the CLI agreeing on what a good archive is.
function leavesArchive(name) {
  return name === '' || name.startsWith('/') || name.includes('\\') || name.includes('\0') || /^.:/.test(name) ||
         name.split('/').includes('..');
}

/**
 * The entries `names` of a zip archive (Uint8Array or Blob) as bytes: Map name -> Uint8Array
 * (absent entries are missing from the map), plus `entries`, the entry names seen (all of them
 * unless a large Blob was streamed: then at least `names` and `peek` when they exist).
 * caps: { [name]: max uncompressed bytes }; peek: names whose presence is wanted, not their bytes.
 * Every entry is inflated chunk by chunk and stopped at its cap and at the size its header
 * declares, so neither a zip bomb nor a header that lies about one costs more than the cap.
 */
export async function zipEntries(archive, names, caps = {}, peek = []) {
  const fflate = await loadFflate();
  if (isBlob(archive) && archive.size > WHOLE_ARCHIVE_BYTES) {
    // Ranged reads of 1 MiB (Blob.slice), not Blob.stream(): node hands a whole in-memory Blob
    // over as one chunk, a browser reads a File in small ones; slices bound it everywhere.
    const chunks = async function* () {
      for (let at = 0; at < archive.size; at += 2 ** 20) {
        yield new Uint8Array(await archive.slice(at, at + 2 ** 20).arrayBuffer());
      }
    };
    const streamed = await inflateEntries(fflate, chunks(), names, caps, peek, null).catch((e) => {
      if (e instanceof ContainerError && e.kind === 'LimitError') throw e;
      return null;  // what the stream cannot follow, the central directory may still name
    });
    if (streamed && streamed.missing === 0) {
      refuseNames(streamed.entries);
      return streamed;
    }
  }
  const bytes = isBlob(archive) ? new Uint8Array(await archive.arrayBuffer()) : archive;
  // The central directory: every name and declared size, nothing inflated (filter says no).
  const directory = new Map();
  try {
    fflate.unzipSync(bytes, {
      filter: (info) => {
        directory.set(info.name, info.originalSize);
        return false;
      },
    });
  } catch (e) {
    throw new ContainerError(`not a readable zip archive (truncated or corrupt): ${e?.message ?? e}`);
  }
  const entries = [...directory.keys()];
  refuseNames(entries);
  for (const name of names) {
    const cap = capOf(caps, name);
    if (directory.has(name) && directory.get(name) > cap) throw tooLarge(name, directory.get(name), cap);
  }
  const wanted = names.filter((n) => directory.has(n));
  const slices = function* () {
    for (let at = 0; at < bytes.length; at += 2 ** 20) yield bytes.subarray(at, at + 2 ** 20);
  };
  const read = await inflateEntries(fflate, slices(), wanted, caps, [], directory);
  if (read.missing > 0) throw new ContainerError('not a readable zip archive: an entry its directory lists cannot be read');
  return { files: read.files, entries };
}

function refuseNames(entries) {
  const bad = entries.find(leavesArchive);
  if (bad !== undefined) {
    throw new ContainerError(`the archive has an entry named '${bad}', which points outside the archive: refused (not a file Keras writes)`,
                             'ArgumentError');
  }
}

const PUSH_BYTES = 4 * 1024;

// Inflates the entries `names` from zip bytes arriving as `chunks` (fflate's streaming Unzip,
// which follows the local headers); stops once they are read and the `peek` names were seen.
// declared: name -> uncompressed size from the central directory (null: the local headers').
// Resolves to { files, entries, missing: how many of `names` were not found }.
async function inflateEntries(fflate, chunks, names, caps, peek, declared) {
  const files = new Map();
  const entries = [];
  const pending = new Set(names);
  const unseen = new Set(peek);
  let failure = null;
  const unzip = new fflate.Unzip((file) => {
    entries.push(file.name);
    unseen.delete(file.name);
    if (!pending.has(file.name) || failure) return;
    const cap = capOf(caps, file.name);
    const size = declared ? declared.get(file.name) : file.originalSize;
    if (size !== undefined && size > cap) {
      failure = tooLarge(file.name, size, cap);
      return;
    }
    const limit = size === undefined ? cap : Math.min(cap, size);
    const parts = [];
    let total = 0;
    file.ondata = (err, data, final) => {
      if (failure) return;
      if (err) {
        failure = new ContainerError(`not a readable zip archive: ${file.name}: ${err.message ?? err}`);
        return;
      }
      total += data.length;
      if (total > limit) {  // more than its header declares, or than the cap: stop inflating
        failure = total > cap
          ? tooLarge(file.name, `more than ${cap}`, cap)
          : new ContainerError(`the archive's ${file.name} inflates to more than the ${size} bytes its header declares: refused (a zip bomb, or a corrupt archive)`, 'LimitError');
        file.terminate();
        return;
      }
      parts.push(data);
      if (final) {
        files.set(file.name, concat(parts, total));
        pending.delete(file.name);
      }
    };
    file.start();
  });
  unzip.register(fflate.UnzipInflate);
  let ended = true;
  try {
    outer: for await (const chunk of chunks) {
      // Small pieces: fflate inflates all it is given at once, and deflate expands up to ~1000x,
      // so a piece of PUSH_BYTES bounds the work done before a bomb is noticed (to ~4 MB).
      for (let at = 0; at < chunk.length; at += PUSH_BYTES) {
        unzip.push(chunk.subarray(at, at + PUSH_BYTES));
        if (failure) throw failure;
        if (pending.size === 0 && unseen.size === 0) {
          ended = false;
          break outer;
        }
      }
    }
    if (ended) unzip.push(new Uint8Array(0), true);
  } catch (e) {
    if (e instanceof ContainerError) throw e;
    throw new ContainerError(`not a readable zip archive (truncated or corrupt): ${e?.message ?? e}`);
  }
  if (failure) throw failure;
  return { files, entries, missing: pending.size };
}

// ------------------------------------------------------------------ a saved file's containers

const WEIGHTS = 'model.weights.h5';

/**
 * A .keras archive (kind 'keras') or an HDF5 file (kind 'h5', detect_saved_file's kinds) opened
 * as far as the core needs it: { request, hasWeights }, request being what the core's
 * container_model reads (wasm/saved_contents.hpp):
 *   { format: 'keras', config, metadata | null, weights: h5Contents | null }
 *   { format: 'h5', contents: h5Contents, withWeights }
 * Used by padlab.js (readModel, summary of a file) and the npm package's node CLI.
 */
export async function openContainer(kind, file, { withWeights = false, filename = '' } = {}) {
  if (kind === 'keras') {
    const wanted = ['config.json', 'metadata.json', ...(withWeights ? [WEIGHTS] : [])];
    const { files, entries } = await zipEntries(file, wanted, { [WEIGHTS]: MAX_TOTAL_BYTES }, [WEIGHTS]);
    const decode = (name) => (files.has(name) ? new TextDecoder().decode(files.get(name)) : null);
    if (!files.has('config.json')) {
      throw new ContainerError('a zip archive without config.json is not a Keras model archive; save the model with model.save("model.keras")', 'ArgumentError');
    }
    const weights = files.has(WEIGHTS) ? await h5Contents(files.get(WEIGHTS), { withWeights: true, name: WEIGHTS }) : null;
    return {
      request: { format: 'keras', config: decode('config.json'), metadata: decode('metadata.json'), weights },
      hasWeights: entries.includes(WEIGHTS),
    };
  }
  if (kind === 'h5') {
    const contents = await h5Contents(file, { withWeights, name: filename || 'model.h5' });
    return { request: { format: 'h5', contents, withWeights }, hasWeights: contents.groups.includes('model_weights') };
  }
  throw new ContainerError(`openContainer: '${kind}' is not a container kind ('keras' or 'h5')`, 'ArgumentError');
}

// ------------------------------------------------------------------ HDF5

let mountSeq = 0;

// h5wasm's attribute types (metadata.type is libhdf5's H5T_class_t).
const H5T_INTEGER = 0;
const H5T_FLOAT = 1;
const H5T_STRING = 3;

// A half-precision float (IEEE 754 binary16) as a number.
function halfToFloat(h) {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

// A dataset's values as a Float32Array, or null for what is not numeric (strings, compounds).
function datasetFloats(ds) {
  const meta = ds.metadata;
  if (meta.type !== H5T_FLOAT && meta.type !== H5T_INTEGER) return null;
  const v = ds.value;
  if (v instanceof Float32Array) return v;
  if (meta.type === H5T_FLOAT && meta.size === 2) {  // float16 arrives as raw bytes
    const bytes = v instanceof Uint8Array ? v : new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const out = new Float32Array(bytes.byteLength / 2);
    for (let i = 0; i < out.length; i++) out[i] = halfToFloat(view.getUint16(2 * i, meta.littleEndian !== false));
    return out;
  }
  if (ArrayBuffer.isView(v) && !(v instanceof BigInt64Array) && !(v instanceof BigUint64Array)) return Float32Array.from(v);
  if (v instanceof BigInt64Array || v instanceof BigUint64Array) return Float32Array.from(v, Number);
  if (typeof v === 'number') return new Float32Array([v]);
  return null;
}

// A string attribute's items (a scalar string: a list of one), or null for other types.
function attributeStrings(attr) {
  if (attr.metadata?.type !== H5T_STRING) return null;
  const v = attr.value;
  const items = Array.isArray(v) ? v.flat(Infinity) : [v];
  return items.map((s) => (typeof s === 'string' ? s : s instanceof Uint8Array ? new TextDecoder().decode(s) : String(s)));
}

const MAX_GROUPS = 1_000_000;  // bounds the walk of a hostile file (and of hard-link cycles)
const MAX_DEPTH = 64;

/**
 * An HDF5 file's contents as the core's H5Contents reads them:
 *   { attributes: [["<group>@<name>", [string, ...]], ...], groups: [path, ...],
 *     arrays: [{ path, shape, data: Float32Array }] }   (arrays only when withWeights)
 * `source`: Uint8Array or Blob. Paths have no leading '/'; the root's attributes are "@name".
 */
export async function h5Contents(source, { withWeights = false, name = 'model.h5' } = {}) {
  const { h5wasm, FS } = await loadH5wasm();
  const dir = `/padlab-${++mountSeq}`;
  const path = `${dir}/${name.replace(/[^A-Za-z0-9._-]/g, '_') || 'model.h5'}`;
  FS.mkdir(dir);
  let mounted = false;
  let file = null;
  if (diagnostics) diagnostics.length = 0;
  try {
    if (isBlob(source) && typeof FileReaderSync === 'function') {
      // A Web Worker: random access to the Blob itself, nothing copied up front.
      FS.mount(FS.filesystems.WORKERFS, { blobs: [{ name: path.slice(dir.length + 1), data: source }] }, dir);
      mounted = true;
    } else {
      const bytes = isBlob(source) ? new Uint8Array(await source.arrayBuffer()) : source;
      FS.writeFile(path, bytes);
    }
    try {
      file = new h5wasm.File(path, 'r');
    } catch (e) {
      throw new ContainerError(`not a readable HDF5 file (truncated or corrupt): ${e?.message ?? e}${lastDiagnostic()}`);
    }
    if (!file || !file.file_id || file.file_id < 0n) {
      file = null;
      throw new ContainerError(`not a readable HDF5 file (truncated or corrupt)${lastDiagnostic()}`);
    }
    try {
      return walk(file, withWeights);
    } catch (e) {
      if (e instanceof ContainerError) throw e;
      throw new ContainerError(`the HDF5 file could not be read (corrupt): ${e?.message ?? e}${lastDiagnostic()}`);
    }
  } finally {
    try { file?.close(); } catch { /* already unusable */ }
    try {
      if (mounted) FS.unmount(dir); else FS.unlink(path);
    } catch { /* never written */ }
    try { FS.rmdir(dir); } catch { /* not empty: left for the next open to ignore */ }
  }
}

function walk(file, withWeights) {
  const attributes = [];
  const groups = [];
  const arrays = [];
  let configBytes = 0;
  let arrayBytes = 0;
  const visit = (obj, path, depth) => {
    if (groups.length > MAX_GROUPS || depth > MAX_DEPTH) {
      throw new ContainerError(`the HDF5 file has more than ${MAX_GROUPS} groups or is nested deeper than ${MAX_DEPTH}`, 'LimitError');
    }
    for (const [attrName, attr] of Object.entries(obj.attrs ?? {})) {
      // A string attribute's size is known before its value is read.
      const declared = (attr.metadata?.size ?? 0) * (attr.metadata?.total_size ?? 1);
      if (attr.metadata?.type === H5T_STRING && declared > MAX_CONFIG_BYTES && !attr.metadata.vlen) {
        throw new ContainerError(`the attribute ${path}@${attrName} is ${declared} bytes, above the 64 MiB limit`, 'LimitError');
      }
      const items = attributeStrings(attr);
      if (!items) continue;
      configBytes += items.reduce((n, s) => n + s.length, 0);
      if (configBytes > MAX_CONFIG_BYTES) {
        throw new ContainerError('the HDF5 file\'s string attributes hold more than 64 MiB', 'LimitError');
      }
      attributes.push([`${path}@${attrName}`, items]);
    }
    if (obj.type !== 'Group') return;
    for (const key of obj.keys()) {
      const child = obj.get(key);
      const childPath = path ? `${path}/${key}` : key;
      if (!child) continue;  // a broken link
      if (child.type === 'Group') {
        groups.push(childPath);
        visit(child, childPath, depth + 1);
      } else if (child.type === 'Dataset') {
        for (const [attrName, attr] of Object.entries(child.attrs ?? {})) {
          const items = attributeStrings(attr);
          if (items) attributes.push([`${childPath}@${attrName}`, items]);
        }
        if (!withWeights) continue;
        const meta = child.metadata;
        const elements = (meta.shape ?? []).reduce((a, b) => a * b, 1);
        arrayBytes += elements * 4;
        if (arrayBytes > MAX_TOTAL_BYTES) {
          throw new ContainerError('the stored weights need more than 1 GiB as float32, above the limit for loading them', 'LimitError');
        }
        const data = datasetFloats(child);
        if (data) arrays.push({ path: childPath, shape: [...(meta.shape ?? [])], data });
      }
    }
  };
  visit(file, '', 0);
  return { attributes, groups, arrays };
}
