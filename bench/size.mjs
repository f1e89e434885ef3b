// PadLab download size: what each page and embed transfers, against TF.js's WebAssembly backend,
// and where the engine's bytes go.
//
//   node bench/size.mjs                    print the markdown section
//   node bench/size.mjs --write            also write it into BENCHMARKS.md (section "size")
//   options: --web <dir>                   the built site (default build/web)
//            --names <padlab_core.wasm>    a build of the same module that kept its function
//                                          names (cmake -DPADLAB_WASM_PROFILING_FUNCS=ON): the
//                                          code section is then split by where each function
//                                          comes from (names demangled with llvm-cxxfilt)
//
// Sizes are of the files as served: raw, gzip -9 and brotli (quality 11), the compressions a
// static host applies. "Transferred" is gzip: the common denominator of static hosts.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { benchArgs, machineLine } from './bench_args.mjs';
import { writeSection } from './report_section.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = benchArgs();
const WEB = path.resolve(args.option('--web', path.join(ROOT, 'build/web')));
const NAMES = args.option('--names', null);
const TFJS = path.join(ROOT, 'node_modules/@tensorflow');

function sizes(file) {
  const bytes = fs.readFileSync(file);
  return {
    raw: bytes.length,
    gz: zlib.gzipSync(bytes, { level: 9 }).length,
    br: zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

const kb = (n) => (n / 1024).toFixed(1);
const row = (label, s) => `| ${label} | ${s.raw.toLocaleString('en')} | ${kb(s.gz)} | ${kb(s.br)} |`;
const sum = (list) => list.reduce((a, s) => ({ raw: a.raw + s.raw, gz: a.gz + s.gz, br: a.br + s.br }), { raw: 0, gz: 0, br: 0 });

// ---- the wasm binary format, just enough to size each function's body ------------------------
function leb(buf, at) {
  let v = 0, shift = 0, b;
  do { b = buf[at++]; v += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
  return [v, at];
}

// { sections: [{ id, name, size }], bodies: [size per defined function], imported, names: Map }
function parseWasm(buf) {
  const out = { sections: [], bodies: [], imported: 0, names: new Map() };
  let at = 8;
  while (at < buf.length) {
    const sectionStart = at;
    const id = buf[at++];
    let size;
    [size, at] = leb(buf, at);
    const start = at;
    let name = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount'][id] ?? `#${id}`;
    if (id === 0) {
      let n;
      [n, at] = leb(buf, at);
      name = `custom "${buf.subarray(at, at + n).toString()}"`;
      const customName = buf.subarray(at, at + n).toString();
      at += n;
      if (customName === 'name') readNames(buf, at, start + size, out.names);
    } else if (id === 2) {
      let count;
      [count, at] = leb(buf, at);
      for (let i = 0; i < count; ++i) {
        for (let s = 0; s < 2; ++s) { let n; [n, at] = leb(buf, at); at += n; }
        const kind = buf[at++];
        if (kind === 0) { [, at] = leb(buf, at); out.imported++; }
        else if (kind === 1) { at += 1; let flags; [flags, at] = leb(buf, at); [, at] = leb(buf, at); if (flags & 1) [, at] = leb(buf, at); }
        else if (kind === 2) { let flags; [flags, at] = leb(buf, at); [, at] = leb(buf, at); if (flags & 1) [, at] = leb(buf, at); }
        else if (kind === 3) { at += 2; }
        else if (kind === 4) { at += 1; [, at] = leb(buf, at); }
      }
    } else if (id === 10) {
      let count;
      [count, at] = leb(buf, at);
      for (let i = 0; i < count; ++i) {
        let n;
        const s = at;
        [n, at] = leb(buf, at);
        out.bodies.push(n + (at - s));
        at += n;
      }
    }
    out.sections.push({ id, name, size: start + size - sectionStart });
    at = start + size;
  }
  return out;
}

function readNames(buf, at, end, names) {
  while (at < end) {
    const kind = buf[at++];
    let size;
    [size, at] = leb(buf, at);
    const next = at + size;
    if (kind === 1) {
      let count;
      [count, at] = leb(buf, at);
      for (let i = 0; i < count; ++i) {
        let idx, n;
        [idx, at] = leb(buf, at);
        [n, at] = leb(buf, at);
        names.set(idx, buf.subarray(at, at + n).toString());
        at += n;
      }
    }
    at = next;
  }
}

// Where a (demangled) function comes from. Order matters: the first match wins.
const ORIGINS = [
  ['kernels (SIMD, -O3)', /padlab::kernels::|conv_nd_|depthwise_nd|dense_packed|kernel_registry/],
  ['nlohmann-json', /nlohmann::/],
  ['embind (bindings glue)', /emscripten::|padlab_wasm::|_embind_|EMSCRIPTEN_BINDINGS/],
  ['Python importer', /padlab::python|padlab::(anonymous namespace)::.*Python|Interpreter|PyValue|python_/i],
  ['Keras JSON importer', /import_keras_json|json_positions|KerasJson/i],
  ['saved files (HDF5/zip contents)', /padlab::saved|saved_/],
  ['Keras Applications', /applications/i],
  ['diagram + SVG', /padlab::.*(Diagram|diagram|Svg|svg)/],
  ['receptive fields', /receptive/i],
  ['summaries (Keras 2/3 text, JSON)', /padlab::.*(summary|Summary|summar)/],
  ['layers + model + graph', /padlab::.*(Layer|layer|Model|model|Graph|graph|Network|network|ConfigArgs)/],
  ['other PadLab code (ops, arithmetic, helpers in anonymous namespaces)', /padlab::/],
  ['std::regex', /std::__2::(basic_regex|__match|regex|__loop|__owns|__bracket|__state)/],
  ['libc++ iostream / locale', /std::__2::(basic_[io]?stream|basic_streambuf|basic_ios|locale|ctype|num_put|num_get|codecvt|ios_base|__num_|moneypunct|money_|time_|messages|collate|numpunct|__time)/],
  ['libc++ other', /std::/],
  ['libc (musl), malloc, compiler-rt', /./],
];

function attribute(buf) {
  const w = parseWasm(buf);
  if (!w.names.size) return null;
  const mangled = w.bodies.map((_, i) => w.names.get(w.imported + i) ?? '');
  const demangled = execFileSync('llvm-cxxfilt', [], { input: mangled.join('\n'), maxBuffer: 1 << 28 }).toString().split('\n');
  const groups = new Map(ORIGINS.map(([label]) => [label, { bytes: 0, count: 0 }]));
  w.bodies.forEach((bytes, i) => {
    const name = demangled[i] || mangled[i];
    const [label] = ORIGINS.find(([, re]) => re.test(name));
    const g = groups.get(label);
    g.bytes += bytes;
    g.count++;
  });
  const code = w.bodies.reduce((a, b) => a + b, 0);
  return { sections: w.sections, groups, code };
}

// ---- the files each surface transfers -----------------------------------------------------------
function siteFiles(list) {
  return list.filter((f) => fs.existsSync(path.join(WEB, f))).map((f) => ({ f, s: sizes(path.join(WEB, f)) }));
}

const ENGINE = ['padlab_core.wasm', 'padlab_core.mjs', 'padlab.js', 'padlab_vocabulary.js'];
const DIAGRAM = ['padlab_diagram.wasm', 'padlab_diagram.mjs'];
// What a page with one <padlab-diagram> requests (tests/browser/embed_cost.test.mjs checks the
// list): the components' bundle, then the diagram module. The components' CSS is in the bundle.
const ONE_DIAGRAM_EMBED = ['padlab-embed.js', ...DIAGRAM];
const TFJS_FILES = [
  ['tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-simd.wasm (XNNPACK + kernels)'],
  ['tfjs-backend-wasm/dist/tf-backend-wasm.min.js', 'tf-backend-wasm.min.js (glue + kernel registry)'],
  ['tfjs-core/dist/tf-core.min.js', 'tf-core.min.js (tensors, ops; the backend needs it)'],
];

const lines = [];
lines.push('## Size: what a page downloads');
lines.push('');
lines.push('Generated by `node bench/size.mjs --write' + (NAMES ? ' --names <named build>' : '') + '` (method: the comment at the top of bench/size.mjs);');
lines.push(`${machineLine()}.`);
lines.push('');
lines.push('| file | bytes | gzip KiB | brotli KiB |');
lines.push('|:--|--:|--:|--:|');
const engine = siteFiles(ENGINE);
for (const { f, s } of engine) lines.push(row(`\`${f}\``, s));
lines.push(row('**the engine (all of the above)**', sum(engine.map((e) => e.s))));
const diagram = siteFiles(DIAGRAM);
for (const { f, s } of diagram) lines.push(row(`\`${f}\``, s));
if (diagram.length) lines.push(row('**the diagram module**', sum(diagram.map((e) => e.s))));
const embed = siteFiles(ONE_DIAGRAM_EMBED);
const embedFiles = embed.filter((e) => !DIAGRAM.includes(e.f));
for (const { f, s } of embedFiles) lines.push(row(`\`${f}\` (the components, one bundle)`, s));
if (embed.length === ONE_DIAGRAM_EMBED.length) lines.push(row('**one `<padlab-diagram>` embed, everything it transfers**', sum(embed.map((e) => e.s))));
const tf = TFJS_FILES.filter(([f]) => fs.existsSync(path.join(TFJS, f))).map(([f, label]) => ({ label, s: sizes(path.join(TFJS, f)) }));
for (const { label, s } of tf) lines.push(row(`TF.js 4.22: ${label}`, s));
if (tf.length) lines.push(row('**TF.js wasm backend, what a page loads to run one conv**', sum(tf.map((e) => e.s))));
lines.push('');
const wasm = engine.find((e) => e.f === 'padlab_core.wasm');
const xnn = tf.find((e) => e.label.startsWith('tfjs-backend-wasm-simd'));
if (wasm && xnn) {
  lines.push(`padlab_core.wasm / XNNPACK's binary, gzip: **${(wasm.s.gz / xnn.s.gz).toFixed(2)}×** (issue 16's goal: ≤ 1, i.e. ≤ 136 KB gz).`);
  lines.push('');
}
if (embed.length === ONE_DIAGRAM_EMBED.length) {
  lines.push(`One diagram embed: **${kb(sum(embed.map((e) => e.s)).gz)} KiB gzip** (issue 16's goal: ≤ 60 KB).`);
  lines.push('');
}

if (NAMES) {
  const a = attribute(fs.readFileSync(NAMES));
  if (!a) {
    lines.push(`(${NAMES} has no name section: build with -DPADLAB_WASM_PROFILING_FUNCS=ON)`);
  } else {
    lines.push(`### Where the engine's code goes (${path.basename(NAMES)}, code section ${a.code.toLocaleString('en')} bytes; raw bytes, before compression)`);
    lines.push('');
    lines.push('| origin | functions | bytes | share |');
    lines.push('|:--|--:|--:|--:|');
    for (const [label, g] of [...a.groups].sort((x, y) => y[1].bytes - x[1].bytes)) {
      if (g.count) lines.push(`| ${label} | ${g.count} | ${g.bytes.toLocaleString('en')} | ${(100 * g.bytes / a.code).toFixed(1)} % |`);
    }
    lines.push('');
    lines.push('Sections: ' + a.sections.filter((s) => s.size > 1024).map((s) => `${s.name} ${s.size.toLocaleString('en')}`).join(', ') + '.');
    lines.push('');
  }
}

const markdown = lines.join('\n');
console.log(markdown);
if (args.write) writeSection(path.join(ROOT, 'BENCHMARKS.md'), 'size', markdown);
