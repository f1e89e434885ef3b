// The containers of saved Keras model files, opened for padlab.js's readModel() / summary():
// a .keras archive (zip) with fflate, an HDF5 file (legacy .h5, a .keras archive's
// model.weights.h5) with h5wasm (libhdf5 compiled to wasm, so it reads what the native
// libhdf5 reader reads). Both libraries are loaded on first use by dynamic import from
// ./vendor/ (never by the first paint of the page, never part of the engine's wasm).
//
// Only the containers are read here: what they hold (zip entries as text or bytes, HDF5
// string attributes, float datasets) goes to the core (core/import/saved/saved_model.hpp),
// which knows Keras's layouts. Private to padlab.js; not a public module.
//
// Reading as little as possible:
//  - a .keras given as a Blob (a File in the page's worker) is streamed through fflate's Unzip
//    and the stream stops once the entries asked for are read: Keras writes metadata.json and
//    config.json first (keras/src/saving/saving_lib.py, _save_state / save_model), so reading the
//    config of a 500 MB archive reads its first few kilobytes; only when that fails (an
//    archive written in another order or with data descriptors) is the whole file read and
//    its central directory used;
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
// starts (h5wasm exposes no H5Eset_auto). In a Web Worker (ours alone) the lines are caught
// before they reach the console and the deepest one ("truncated file: eof = 300, ...") goes
// into the error message; in node and on a page they are printed as libhdf5 prints them.
let diagnostics = null;  // the lines since the last open, while caught
function catchDiagnostics() {
  if (typeof WorkerGlobalScope === 'undefined' || typeof console?.error !== 'function') return;
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

/**
 * The entries `names` of a zip archive (Uint8Array or Blob) as bytes: Map name -> Uint8Array
 * (absent entries are missing from the map), plus `entries`, every entry name seen (null when
 * the stream stopped early: then it holds at least `names` and `peek` when they exist).
 * caps: { [name]: max uncompressed bytes }; peek: names whose presence is wanted, not their bytes.
 */
export async function zipEntries(archive, names, caps = {}, peek = []) {
  const fflate = await loadFflate();
  if (isBlob(archive)) {
    const streamed = await streamZipEntries(fflate, archive, names, caps, peek);
    if (streamed) return streamed;
    archive = new Uint8Array(await archive.arrayBuffer());
  }
  const entries = [];
  let refused = null;
  let files;
  try {
    files = fflate.unzipSync(archive, {
      filter: (info) => {
        entries.push(info.name);
        if (!names.includes(info.name)) return false;
        const cap = capOf(caps, info.name);
        // The declared size bounds what fflate allocates for the entry (its output buffer).
        if (info.originalSize > cap) {
          refused ??= tooLarge(info.name, info.originalSize, cap);
          return false;
        }
        return true;
      },
    });
  } catch (e) {
    throw new ContainerError(`not a readable zip archive (truncated or corrupt): ${e?.message ?? e}`);
  }
  if (refused) throw refused;
  return { files: new Map(Object.entries(files)), entries };
}

// The streaming read of a Blob: resolves as zipEntries does, or null when the stream did not
// yield every entry asked for (then the caller reads the central directory instead).
async function streamZipEntries(fflate, blob, names, caps, peek) {
  const files = new Map();
  const entries = [];
  const pending = new Set(names);
  const unseen = new Set(peek);
  let failure = null;
  const unzip = new fflate.Unzip((file) => {
    entries.push(file.name);
    unseen.delete(file.name);
    if (!pending.has(file.name)) return;
    const cap = capOf(caps, file.name);
    if (file.originalSize !== undefined && file.originalSize > cap) {
      failure ??= tooLarge(file.name, file.originalSize, cap);
      return;
    }
    const chunks = [];
    let total = 0;
    file.ondata = (err, data, final) => {
      if (failure) return;
      if (err) {
        failure = new ContainerError(`not a readable zip archive: ${err.message ?? err}`);
        return;
      }
      total += data.length;
      if (total > cap) {  // a header that lied about the size: stop at the cap
        failure = tooLarge(file.name, `more than ${cap}`, cap);
        file.terminate();
        return;
      }
      chunks.push(data);
      if (final) {
        files.set(file.name, concat(chunks, total));
        pending.delete(file.name);
      }
    };
    file.start();
  });
  unzip.register(fflate.UnzipInflate);
  const reader = blob.stream().getReader();
  try {
    while ((pending.size > 0 || unseen.size > 0) && !failure) {
      const { done, value } = await reader.read();
      if (done) {
        unzip.push(new Uint8Array(0), true);
        break;
      }
      unzip.push(value);
    }
  } catch {
    return null;  // what the stream reader cannot follow, the central directory may still name
  } finally {
    reader.cancel().catch(() => {});
  }
  if (failure?.kind === 'LimitError') throw failure;
  if (failure || pending.size > 0) return null;
  return { files, entries };
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
