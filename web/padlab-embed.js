// PadLab's embeddable components, for blogs and docs. One script tag defines both:
//
//   <script type="module" src="https://YOUR-HOST/padlab-embed.js"></script>
//   <padlab-diagram input="8" kernel="4" padding="causal" autoplay></padlab-diagram>
//   <padlab-summary summary-style="keras3">model = Sequential() ...</padlab-summary>
//   <padlab-summary src="model.json"></padlab-summary>
//
// Each element draws in its own shadow root, styled by constructable stylesheets
// (adoptedStyleSheets: no inline <style>, so a page's style-src CSP needs nothing extra), and
// owns its own state: any number of them on a page never interfere. WebAssembly is loaded once
// per page, lazily, when the first element comes near the viewport: <padlab-diagram> loads only
// the small diagram module (padlab_diagram.js), <padlab-summary> the engine (padlab.js).
//
// Attributes and URLs are data: they are parsed into numbers and names, and anything else is
// reported as text (textContent), never inserted as markup.
//
// <padlab-diagram> attributes: input (8, 28x28), kernel, strides (alias stride), dilation,
//   padding (valid | same | causal | full | amounts like 1,2 or (1,1),(2,2); negative crops),
//   mode (constant | reflect | symmetric | replicate | circular), value, op (conv | pool |
//   transpose), output-padding, values (input values, comma separated), label, preset (a
//   PadLab preset name; other attributes override it), autoplay (play on load unless the
//   reader prefers reduced motion), speed (0.25 - 4), theme (light | dark pin it; auto, the
//   default: the host page's, see hostTheme below).
// <padlab-summary> attributes: src (URL of the model: Python or JSON; else the element's
//   text), summary-style (keras2 | keras3; the attribute `style` is also read, but browsers
//   treat it as inline CSS and a strict CSP reports it), era (A | B | C), line-length,
//   receptive-field (boolean: after Keras's text, each layer's receptive field, jump,
//   effective padding, border-affected share and unread positions, as `padlab summary
//   --receptive-field` prints them), theme (as for <padlab-diagram>).
import { adoptDiagramStyles, COMPONENT_CSS } from './diagram/style.js';
import { DiagramPlayer, darkQuery } from './diagram/player.js';
import { ALL_SPEC_ATTRIBUTES, specFromStrings } from './diagram/spec.js';
import { loadDiagrams, vocabulary } from './padlab_diagram.js';

// The attribute names <padlab-diagram> reads (embed.html maps its URL parameters onto them).
export { ALL_SPEC_ATTRIBUTES };

// ---- the modules, once per page ----------------------------------------------------------------
// padlab.js's load() and padlab_diagram.js's loadDiagrams() keep one instance per page and
// forget a failed load, so a later element retries. Neither loads wasm before the first element
// starts; padlab.js is imported only then, so a page of diagrams never downloads the engine.
export function loadEngine() {
  return import('./padlab.js').then((m) => m.load());
}

// Starts elements when they come near the viewport (one observer for all of them).
const starters = new WeakMap();
const observer = typeof IntersectionObserver === 'function'
  ? new IntersectionObserver((entries) => {
    for (const e of entries) {
      if (!e.isIntersecting) continue;
      observer.unobserve(e.target);
      starters.get(e.target)?.();
    }
  }, { rootMargin: '400px 0px' })
  : null;

function whenNear(element, start) {
  if (!observer) { start(); return; }
  starters.set(element, start);
  observer.observe(element);
}

const SITE = new URL('./', import.meta.url).href;
const reducedMotion = () => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

function el(tag, className, content) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (content !== undefined) node.textContent = content;
  return node;
}

function button(text, label) {
  const b = el('button', 'pld-btn', text);
  b.type = 'button';
  if (label) b.setAttribute('aria-label', label);
  return b;
}

function credit() {
  const p = el('p', 'pld-credit');
  const a = el('a', null, 'PadLab');
  a.href = SITE;
  a.target = '_blank';
  a.rel = 'noopener';
  p.append('Drawn by ', a, ' from the layer\u2019s real Keras arithmetic.');
  return p;
}

// ---- theme -------------------------------------------------------------------------------------
// theme="light" / "dark" pin an element's colours. Without it (or with theme="auto") the element
// takes the host page's: a dark blog gets a dark card whatever the reader's system says.

function pinnedTheme(element) {
  const t = (element.getAttribute('theme') ?? '').trim().toLowerCase();
  return t === 'light' || t === 'dark' ? t : null;
}

// "rgb(18, 21, 28)" / "rgba(0, 0, 0, 0)" -> {r, g, b, a}; null for anything else.
function parseRgb(text) {
  const m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(text ?? '');
  if (!m) return null;
  const a = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : Number(m[4]);
  return { r: Number(m[1]), g: Number(m[2]), b: Number(m[3]), a };
}

// WCAG relative luminance of an sRGB colour (0 black .. 1 white).
function luminance({ r, g, b }) {
  const lin = (c) => { const s = c / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

// The host page's theme around `element`: its `color-scheme` when that names one scheme, else
// the first painted background behind it (dark below luminance 0.18, where white text and
// dark text contrast equally), else the canvas (dark only if the page allows dark and the
// reader's system asks for it).
export function hostTheme(element) {
  const words = (getComputedStyle(element).colorScheme ?? '').split(/\s+/);
  const dark = words.includes('dark');
  const light = words.includes('light');
  if (dark !== light) return dark ? 'dark' : 'light';
  for (let n = element; n; n = n.parentElement) {
    const bg = parseRgb(getComputedStyle(n).backgroundColor);
    if (bg && bg.a >= 0.5) return luminance(bg) < 0.18 ? 'dark' : 'light';
  }
  return dark && darkQuery()?.matches ? 'dark' : 'light';
}

// Elements that follow the host: re-themed when the host page switches (a class or attribute
// on <html> or <body>, the system setting), one observer for all of them.
const followers = new Set();
let watching = false;
function followHost(element) {
  followers.add(element);
  if (watching) return;
  watching = true;
  const again = () => { for (const e of followers) e.applyTheme(); };
  const mutations = new MutationObserver(again);
  mutations.observe(document.documentElement, { attributes: true });
  if (document.body) mutations.observe(document.body, { attributes: true });
  else document.addEventListener('DOMContentLoaded', () => mutations.observe(document.body, { attributes: true }), { once: true });
  darkQuery()?.addEventListener?.('change', again);
}

// Sets `box`'s classes (and the player's palette) from the element's theme; returns it.
function applyThemeTo(element, box) {
  const pinned = pinnedTheme(element);
  if (pinned) followers.delete(element);
  else if (element.isConnected) followHost(element);
  const theme = pinned ?? hostTheme(element);
  box.classList.toggle('is-dark', theme === 'dark');
  box.classList.toggle('is-light', theme === 'light');
  return theme;
}

// ---- <padlab-diagram> --------------------------------------------------------------------------
const DIAGRAM_ATTRIBUTES = [...ALL_SPEC_ATTRIBUTES, 'autoplay', 'speed', 'theme'];

export class PadlabDiagram extends HTMLElement {
  static get observedAttributes() { return DIAGRAM_ATTRIBUTES; }

  constructor() {
    super();
    this.started = false;
    this.engine = null;
    this.presets = [];
    this.pending = false;
    this.autoplayed = false;
    const root = this.attachShadow({ mode: 'open' });
    adoptDiagramStyles(root, [COMPONENT_CSS]);
    this.box = el('div', 'pld');
    this.loading = el('p', 'pld-loading', 'Loading the PadLab diagram…');
    const playerRoot = el('div', 'pld-player');
    this.player = new DiagramPlayer(playerRoot, { label: 'Padding diagram' });
    this.back = button('\u25C0', 'Step back');
    this.play = button('Play');
    this.forward = button('\u25B6', 'Step forward');
    this.controls = el('div', 'pld-controls');
    this.controls.setAttribute('role', 'group');
    this.controls.setAttribute('aria-label', 'Playback');
    this.controls.append(this.back, this.play, this.forward);
    this.controls.hidden = true;
    playerRoot.hidden = true;
    this.playerRoot = playerRoot;
    this.box.append(this.loading, playerRoot, this.controls, credit());
    root.append(this.box);
    this.back.addEventListener('click', () => { this.player.pause(); this.player.goTo(this.player.step - 1); });
    this.forward.addEventListener('click', () => { this.player.pause(); this.player.goTo(this.player.step + 1); });
    this.play.addEventListener('click', () => this.player.toggle());
    this.player.addEventListener('change', () => this.syncControls());
  }

  connectedCallback() {
    this.applyTheme();
    if (this.started) {
      this.render();
      return;
    }
    whenNear(this, () => this.start());
  }

  disconnectedCallback() {
    this.player.pause();
    followers.delete(this);
  }

  attributeChangedCallback(name) {
    if (name === 'theme') { this.applyTheme(); return; }
    if (name === 'speed') { this.player.setSpeed(this.speed()); return; }
    if (!this.started || this.pending) return;
    // Several attributes often change together: draw once, after them.
    this.pending = true;
    queueMicrotask(() => { this.pending = false; this.render(); });
  }

  async start() {
    if (this.started) return;
    this.started = true;
    try {
      this.engine = await loadDiagrams();
      this.presets = this.engine.diagramPresets();
    } catch (e) {
      this.loading.textContent = `The PadLab engine could not load: ${e?.message ?? e}`;
      this.loading.classList.add('pld-error');
      return;
    }
    this.player.setEngine(this.engine);
    this.loading.hidden = true;
    this.playerRoot.hidden = false;
    this.render();
  }

  speed() {
    const v = Number(this.getAttribute('speed'));
    return Number.isFinite(v) && v >= 0.25 && v <= 4 ? v : 1;
  }

  applyTheme() {
    this.player.setTheme(applyThemeTo(this, this.box));
  }

  render() {
    if (!this.engine) return;
    let spec;
    try {
      spec = specFromStrings((name) => this.getAttribute(name), this.presets);
    } catch (e) {
      this.player.showError(`padlab-diagram: ${e.message}`);
      this.syncControls();
      return;
    }
    const ok = this.player.setSpec(spec);
    this.player.figure.setAttribute('aria-label',
      `Padding diagram${spec.label ? `: ${spec.label}` : ''}. Left and right arrows step, space plays or pauses.`);
    this.player.setSpeed(this.speed());
    if (ok && this.hasAttribute('autoplay') && !this.autoplayed && !reducedMotion()) {
      this.autoplayed = true;
      this.player.play();
    }
    this.syncControls();
  }

  syncControls() {
    const p = this.player;
    const live = p.ready && p.stepCount > 0;
    this.controls.hidden = !live;
    this.play.textContent = p.playing ? 'Pause' : 'Play';
    this.play.setAttribute('aria-pressed', String(p.playing));
    this.play.disabled = p.stepCount < 2;
    this.dataset.step = String(p.step);
    this.dataset.playing = String(p.playing);
    this.dataset.state = p.ready ? 'ready' : (this.started && this.engine ? 'error' : 'loading');
  }
}

// ---- <padlab-summary> --------------------------------------------------------------------------
const MAX_SOURCE = 1 << 20;

// Code indented to sit nicely in HTML, brought back to column 0 (Python cares).
export function dedent(text) {
  const lines = String(text).replace(/\r\n?/g, '\n').split('\n');
  while (lines.length && !lines[0].trim()) lines.shift();
  while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
  const indents = lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)[0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n') + '\n';
}

export class PadlabSummary extends HTMLElement {
  static get observedAttributes() { return ['src', 'summary-style', 'style', 'era', 'line-length', 'receptive-field', 'theme']; }

  constructor() {
    super();
    this.started = false;
    this.engine = null;
    this.token = 0;
    const root = this.attachShadow({ mode: 'open' });
    adoptDiagramStyles(root, [COMPONENT_CSS]);
    this.box = el('div', 'pld');
    this.status = el('p', 'pld-loading', 'Loading the PadLab summary…');
    this.pre = el('pre', 'pld-summary-text');
    this.pre.tabIndex = 0;
    this.pre.setAttribute('aria-label', 'Keras model summary');
    this.pre.hidden = true;
    this.error = el('p', 'pld-error');
    this.error.setAttribute('role', 'alert');
    this.error.hidden = true;
    this.box.append(this.status, this.error, this.pre, credit());
    root.append(this.box);
    // Inline source: re-read whenever the element's text changes.
    this.mutations = new MutationObserver(() => { if (!this.hasAttribute('src')) this.render(); });
  }

  applyTheme() {
    applyThemeTo(this, this.box);
  }

  connectedCallback() {
    this.applyTheme();
    this.mutations.observe(this, { childList: true, characterData: true, subtree: true });
    if (this.started) { this.render(); return; }
    whenNear(this, () => this.start());
  }

  disconnectedCallback() {
    this.mutations.disconnect();
    followers.delete(this);
  }

  attributeChangedCallback(name) {
    if (name === 'theme') { this.applyTheme(); return; }
    if (this.started) this.render();
  }

  async start() {
    if (this.started) return;
    this.started = true;
    try {
      this.engine = await loadEngine();
    } catch (e) {
      this.showError(`The PadLab engine could not load: ${e?.message ?? e}`);
      return;
    }
    this.render();
  }

  options() {
    const { summaryStyles, keras2Eras } = vocabulary;
    const pickStyle = (v) => (summaryStyles.names.includes(v) ? v : null);
    const style = pickStyle((this.getAttribute('summary-style') ?? '').trim().toLowerCase())
      ?? pickStyle((this.getAttribute('style') ?? '').trim().toLowerCase()) ?? summaryStyles.names[0];
    const o = { style };
    const era = (this.getAttribute('era') ?? '').trim().toUpperCase();
    if (keras2Eras.names.includes(era)) o.era = era;
    const width = Number(this.getAttribute('line-length'));
    if (style === 'keras3' && Number.isInteger(width) && width > 0) o.lineLength = width;  // Keras 3's line_length
    if (this.hasAttribute('receptive-field')) o.receptiveField = true;
    return o;
  }

  async source() {
    const src = this.getAttribute('src');
    if (src === null || src.trim() === '') return dedent(this.textContent);
    let url;
    try {
      url = new URL(src.trim(), document.baseURI);
    } catch {
      throw new Error(`src: not a valid URL: '${src.slice(0, 80)}'`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`src: only http(s) URLs are read, got '${url.protocol}'`);
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`src: ${url.href} answered HTTP ${response.status}`);
    const text = await response.text();
    if (text.length > MAX_SOURCE) throw new Error(`src: ${url.href} is larger than 1 MiB`);
    return text;
  }

  async render() {
    if (!this.engine) return;
    const token = ++this.token;
    let text;
    try {
      const source = await this.source();
      if (token !== this.token) return;
      if (!source.trim()) throw new Error('no model: put Python or Keras JSON inside the element, or give src="model.json"');
      const summary = this.engine.summary(source, this.options());
      // Keras's text as it prints it, then PadLab's receptive-field table (as the CLI prints it).
      text = summary.text + (summary.receptiveFieldText ?? '');
    } catch (e) {
      if (token !== this.token) return;
      this.showError(`padlab-summary: ${e?.where ? `${e.where}: ` : ''}${e?.message ?? e}`);
      return;
    }
    this.status.hidden = true;
    this.error.hidden = true;
    this.pre.textContent = text;
    this.pre.hidden = false;
    this.dataset.state = 'ready';
  }

  showError(message) {
    this.status.hidden = true;
    this.pre.hidden = true;
    this.error.textContent = message;  // data, never markup
    this.error.hidden = false;
    this.dataset.state = 'error';
  }
}

if (!customElements.get('padlab-diagram')) customElements.define('padlab-diagram', PadlabDiagram);
if (!customElements.get('padlab-summary')) customElements.define('padlab-summary', PadlabSummary);
