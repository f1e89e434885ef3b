// Diagram specs <-> the strings of HTML attributes and URL parameters, for the components
// (<padlab-diagram input="8" kernel="4" padding="causal">), embed.html?input=8&... and the
// "copy embed code" dialog. Every value is data: it is parsed into numbers and names or
// rejected with a SpecError whose message quotes it (shown with textContent, never as markup).
import { vocabulary } from '../padlab_diagram.js';

export class SpecError extends Error {
  constructor(message) {
    super(message);
    this.name = 'SpecError';
  }
}

// The attributes / parameters a diagram reads, in the order embed code writes them.
export const SPEC_KEYS = ['preset', 'input', 'kernel', 'strides', 'dilation', 'padding', 'mode', 'value', 'op',
  'output-padding', 'values', 'label'];
// Accepted spellings that are not the canonical name.
const ALIASES = { stride: 'strides', 'dilation-rate': 'dilation', 'pool-size': 'kernel', 'kernel-size': 'kernel' };
export const ALL_SPEC_ATTRIBUTES = [...SPEC_KEYS, ...Object.keys(ALIASES)];

// The core's name sets (padlab.js `vocabulary`; the first name of each is the default).
const { paddings, padModes, windowOps } = vocabulary;
const PADDINGS = paddings.names;
const MODES = padModes.entries.flatMap((e) => [e.name, ...e.aliases]);
const OPS = windowOps.names;
const isDefaultMode = (mode) => mode === padModes.names[0] || padModes.entries[0].aliases.includes(mode);
const listed = (names) => `${names.slice(0, -1).map((n) => `'${n}'`).join(', ')}, '${names[names.length - 1]}'`;
const MAX_TEXT = 200;

// A value quoted for a message: short, and visibly a value.
function quote(text) {
  const t = String(text);
  return `'${t.length > 60 ? `${t.slice(0, 57)}…` : t}'`;
}

// "8", "5x5", "5,5", "(5, 5)", "[5 5]" -> [5, 5]
export function parseInts(name, text, { allowNegative = false } = {}) {
  const t = String(text).trim();
  if (t.length > MAX_TEXT) throw new SpecError(`${name}: value too long`);
  const parts = t.replace(/^[([]|[)\]]$/g, '').split(/\s*[x×*,\s]\s*/i).filter((p) => p !== '');
  const re = allowNegative ? /^-?\d{1,9}$/ : /^\d{1,9}$/;
  if (!parts.length || !parts.every((p) => re.test(p))) {
    throw new SpecError(`${name}: expected ${allowNegative ? 'integers' : 'whole numbers'} like 5 or 5x5, got ${quote(t)}`);
  }
  return parts.map(Number);
}

// "3, 5, 4.5" -> [3, 5, 4.5]
function parseNumbers(name, text) {
  const t = String(text).trim();
  if (t.length > 20000) throw new SpecError(`${name}: value too long`);
  const parts = t.replace(/^[([]|[)\]]$/g, '').split(/[\s,]+/).filter((p) => p !== '');
  const nums = parts.map(Number);
  if (!parts.length || nums.some((n, i) => !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(parts[i]) || !Number.isFinite(n))) {
    throw new SpecError(`${name}: expected numbers separated by commas, got ${quote(t)}`);
  }
  return nums;
}

// 'same' | 'causal' | ... , or explicit amounts: "1" (every side), "1,2" (before, after on
// every axis), "(1,1),(2,2)" or "1,1,2,2" (one pair per axis).
export function parsePadding(text, rank) {
  const t = String(text).trim().toLowerCase();
  if (PADDINGS.includes(t)) return t;
  if (!/^[\d\s,()[\]-]+$/.test(t)) {
    throw new SpecError(`padding: expected ${listed(PADDINGS)} or amounts like 1,2; got ${quote(text)}`);
  }
  const v = parseInts('padding', t.replace(/[()[\]]/g, ' '), { allowNegative: true });
  if (v.length === 1) return Array.from({ length: rank }, () => [v[0], v[0]]);
  if (v.length === 2) return Array.from({ length: rank }, () => [v[0], v[1]]);
  if (v.length === 2 * rank) return Array.from({ length: rank }, (_, i) => [v[2 * i], v[2 * i + 1]]);
  throw new SpecError(`padding: give one amount, a before,after pair, or one pair per axis (${2 * rank} numbers); got ${quote(text)}`);
}

function pick(name, text, allowed) {
  const t = String(text).trim().toLowerCase();
  if (!allowed.includes(t)) throw new SpecError(`${name}: expected one of ${allowed.join(', ')}; got ${quote(text)}`);
  return t;
}

// get(name) -> string | null (an attribute or a URL parameter). presets: the engine's list,
// for `preset`. Returns a spec padlab.js's diagram() takes; throws SpecError.
export function specFromStrings(get, presets = []) {
  const read = (key) => {
    let v = get(key);
    if (v === null || v === undefined) {
      const alias = Object.keys(ALIASES).find((a) => ALIASES[a] === key && get(a) !== null && get(a) !== undefined);
      if (alias) v = get(alias);
    }
    return v === null || v === undefined ? null : String(v);
  };
  let spec = {};
  const presetName = read('preset');
  if (presetName !== null && presetName.trim() !== '') {
    const preset = presets.find((p) => p.name === presetName.trim());
    if (!preset) {
      throw new SpecError(`preset: unknown name ${quote(presetName)}; known: ${presets.map((p) => p.name).join(', ') || '(none loaded)'}`);
    }
    spec = { ...preset.spec };
    for (const k of Object.keys(spec)) if (spec[k] === null) delete spec[k];
  }
  const input = read('input');
  if (input !== null) spec.input = parseInts('input', input);
  if (spec.input === undefined) throw new SpecError('input: required, e.g. input="8" or input="5x5"');
  const rank = Array.isArray(spec.input) ? spec.input.length : 1;
  if (rank < 1 || rank > 3) throw new SpecError(`input: 1, 2 or 3 lengths, got ${rank}`);
  const kernel = read('kernel');
  if (kernel !== null) spec.kernel = kernel.trim() === '' ? [] : parseInts('kernel', kernel);
  const strides = read('strides');
  if (strides !== null) spec.strides = parseInts('strides', strides);
  const dilation = read('dilation');
  if (dilation !== null) spec.dilation = parseInts('dilation', dilation);
  const padding = read('padding');
  if (padding !== null) spec.padding = parsePadding(padding, rank);
  const mode = read('mode');
  if (mode !== null) spec.mode = pick('mode', mode, MODES);
  const value = read('value');
  if (value !== null) spec.value = parseNumbers('value', value)[0];
  const op = read('op');
  if (op !== null) spec.op = pick('op', op, OPS);
  const outputPadding = read('output-padding');
  if (outputPadding !== null) spec.outputPadding = parseInts('output-padding', outputPadding);
  const values = read('values');
  if (values !== null) spec.values = parseNumbers('values', values);
  const label = read('label');
  if (label !== null) spec.label = label.slice(0, MAX_TEXT);
  return spec;
}

const joinDims = (v) => (Array.isArray(v) ? v.join('x') : String(v));

// The spec as ordered [name, value] string pairs (defaults left out), for attributes and URLs.
export function specToPairs(spec) {
  const out = [];
  const dims = (v) => (v === undefined || v === null || (Array.isArray(v) && v.length === 0) ? null : joinDims(v));
  out.push(['input', joinDims(spec.input)]);
  const kernel = dims(spec.kernel);
  if (kernel !== null) out.push(['kernel', kernel]);
  const strides = dims(spec.strides);
  if (strides !== null && !/^(1x)*1$/.test(strides)) out.push(['strides', strides]);
  const dilation = dims(spec.dilation);
  if (dilation !== null && !/^(1x)*1$/.test(dilation)) out.push(['dilation', dilation]);
  if (Array.isArray(spec.padding)) out.push(['padding', spec.padding.map((p) => `(${p[0]},${p[1]})`).join(',')]);
  else if (spec.padding && spec.padding !== PADDINGS[0]) out.push(['padding', spec.padding]);
  if (spec.mode && !isDefaultMode(spec.mode)) out.push(['mode', spec.mode]);
  if (spec.value) out.push(['value', String(spec.value)]);
  if (spec.op && spec.op !== OPS[0]) out.push(['op', spec.op]);
  if (spec.outputPadding && spec.outputPadding.length) out.push(['output-padding', joinDims(spec.outputPadding)]);
  if (spec.values && spec.values.length) out.push(['values', Array.from(spec.values).join(',')]);
  if (spec.label) out.push(['label', spec.label]);
  return out;
}

// Text safe inside a double-quoted HTML attribute.
export function escapeAttribute(text) {
  return String(text).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// The two snippets of the "copy embed code" dialog. base: the site's URL (ends with '/').
export function embedSnippets(spec, base, { autoplay = true } = {}) {
  const pairs = specToPairs(spec);
  const attrs = pairs.map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`).join('') + (autoplay ? ' autoplay' : '');
  const script = `<script type="module" src="${escapeAttribute(new URL('padlab-embed.js', base).href)}"></script>\n` +
    `<padlab-diagram${attrs}></padlab-diagram>`;
  const params = new URLSearchParams(pairs);
  if (autoplay) params.set('autoplay', '');
  const url = new URL('embed.html', base);
  url.search = params.toString();
  const iframe = `<iframe src="${escapeAttribute(url.href)}" title="${escapeAttribute(spec.label || 'PadLab padding diagram')}"` +
    ' width="640" height="560" loading="lazy" style="border:0;max-width:100%"></iframe>';
  return { script, iframe, url: url.href };
}
