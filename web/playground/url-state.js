// Playground state <-> URL hash (so a link reproduces it) and localStorage (so a reload or a
// closed tab loses nothing). The hash reads like query parameters:
//   #ex=valid-vs-same&style=keras2&theme=dark&rf=1&a=z.<base64url>&b=z.<base64url>&dg=<picture>
// dg: the padding diagram's picture and step (web/diagram/workbench.js stateText), e.g.
// "preset=reflection_2d&step=3", "layer=a.conv2d_1" or "input=8&kernel=4&padding=causal".
// Code that equals the selected example's code is left out, which keeps default links short.
// Edited code is deflate-raw compressed ("z.") when the browser has CompressionStream, plain
// UTF-8 ("u.") otherwise; both are base64url so the link survives chat apps and e-mail.
import { findExample, DEFAULT_EXAMPLE } from './seed-models.js';
import { vocabulary } from '../padlab.js';

export const STORAGE_KEY = 'padlab.state.v1';
/** The core's summary styles (the first is the default). */
export const STYLES = vocabulary.summaryStyles.names;
export const THEMES = ['auto', 'light', 'dark'];

export function defaultState() {
  const ex = findExample(DEFAULT_EXAMPLE);
  return { example: ex.id, a: ex.a.code, b: ex.b.code, style: STYLES[0], theme: THEMES[0], rf: false, diagram: '' };
}

// ---- base64url of bytes -------------------------------------------------------------------
function toBase64url(bytes) {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text) {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

async function pipeBytes(bytes, stream) {
  const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

const canCompress = typeof CompressionStream === 'function' && typeof DecompressionStream === 'function';

export async function encodeCode(code) {
  const utf8 = new TextEncoder().encode(code);
  if (canCompress) return 'z.' + toBase64url(await pipeBytes(utf8, new CompressionStream('deflate-raw')));
  return 'u.' + toBase64url(utf8);
}

export async function decodeCode(text) {
  const [kind, data] = [text.slice(0, 2), text.slice(2)];
  if (kind === 'u.') return new TextDecoder().decode(fromBase64url(data));
  if (kind === 'z.') {
    if (!canCompress) throw new Error('this browser cannot decompress the code in this link');
    return new TextDecoder().decode(await pipeBytes(fromBase64url(data), new DecompressionStream('deflate-raw')));
  }
  throw new Error('unknown code encoding in link');
}

// ---- hash ---------------------------------------------------------------------------------
export async function stateToHash(state) {
  const p = new URLSearchParams();
  const ex = findExample(state.example);
  if (ex) p.set('ex', ex.id);
  p.set('style', state.style);
  if (state.theme !== 'auto') p.set('theme', state.theme);
  if (state.rf) p.set('rf', '1');
  if (!ex || state.a !== ex.a.code) p.set('a', await encodeCode(state.a));
  if (!ex || state.b !== ex.b.code) p.set('b', await encodeCode(state.b));
  if (state.diagram) p.set('dg', state.diagram);
  return '#' + p.toString();
}

// Returns a full state, or null when the hash carries none. Unknown values fall back to
// defaults instead of failing: an old or hand-edited link should still open.
export async function hashToState(hash) {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  if (!['ex', 'a', 'b', 'style', 'theme', 'rf', 'dg'].some((k) => p.has(k))) return null;
  const ex = findExample(p.get('ex')) ?? null;
  const base = defaultState();
  const state = {
    example: ex ? ex.id : 'custom',
    a: ex ? ex.a.code : '',
    b: ex ? ex.b.code : '',
    style: STYLES.includes(p.get('style')) ? p.get('style') : base.style,
    theme: THEMES.includes(p.get('theme')) ? p.get('theme') : base.theme,
    rf: p.get('rf') === '1',
    diagram: p.get('dg') ?? '',
  };
  if (p.has('a')) state.a = await decodeCode(p.get('a'));
  if (p.has('b')) state.b = await decodeCode(p.get('b'));
  return state;
}

// ---- localStorage (may be unavailable: private mode, blocked storage) ---------------------
export function saveLocal(state) {
  try { localStorage.setItem(STORAGE_KEY, JSON.stringify(state)); } catch { /* storage off: the hash still holds it */ }
}

export function loadLocal() {
  try {
    const s = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    if (!s || typeof s.a !== 'string' || typeof s.b !== 'string') return null;
    const base = defaultState();
    return {
      example: typeof s.example === 'string' ? s.example : 'custom',
      a: s.a,
      b: s.b,
      style: STYLES.includes(s.style) ? s.style : base.style,
      theme: THEMES.includes(s.theme) ? s.theme : base.theme,
      rf: s.rf === true,
      diagram: typeof s.diagram === 'string' ? s.diagram : '',
    };
  } catch {
    return null;
  }
}

// Where the page starts: a link wins, then what this browser had last, then the blog example.
export async function initialState(hash) {
  try {
    const fromHash = await hashToState(hash);
    if (fromHash) return { state: fromHash, source: 'link' };
  } catch (e) {
    const local = loadLocal();
    return { state: local ?? defaultState(), source: 'broken-link', error: e };
  }
  const local = loadLocal();
  if (local) return { state: local, source: 'storage' };
  return { state: defaultState(), source: 'default' };
}
