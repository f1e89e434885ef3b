// A playable diagram: the live picture (diagram-view.js), its captions, and the step clock
// (play / pause / step / scrub / speed). Owns no page-wide state, so any number of players
// — the playground's workbench, every <padlab-diagram> on a blog page — run side by side.
//
// Events (it is an EventTarget): 'change' after every step / play / spec change, with
// detail { step, stepCount, playing }.
import { DiagramModel } from './model.js';
import { DiagramView, formatValue } from './view.js';

const STEP_MS = 800;   // the core's animated SVG uses 0.8 s per step ...
const HOLD_MS = 1600;  // ... and holds the finished output 1.6 s before looping
const NS = 'http://www.w3.org/2000/svg';

function el(tag, className, content) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (content !== undefined) node.textContent = content;
  return node;
}

// "input 8 · kernel 4 · stride 1 · causal padding · zeros → output 8"
export function subtitle(geo) {
  const s = geo.spec;
  const dims = (v) => v.join('×');
  const parts = [`input ${dims(s.input)}`];
  const cropping = s.kernel.length === 0 && Array.isArray(s.padding) && s.padding.some((p) => p[0] < 0 || p[1] < 0);
  const modeText = geo.padsIgnored ? 'ignored by pooling'
    : s.mode === 'constant' ? (s.value === 0 ? 'zeros' : `constant ${formatValue(s.value)}`) : s.mode;
  if (s.kernel.length === 0) {
    parts.push(`${cropping ? 'cropping' : 'padding'} ${s.padding.map((p) => `(${Math.abs(p[0])}, ${Math.abs(p[1])})`).join(', ')}`);
    if (!cropping) parts.push(modeText);
  } else {
    parts.push(`${s.op === 'pool' ? 'pool' : 'kernel'} ${dims(s.kernel)}`);
    parts.push(`stride ${dims(s.strides)}`);
    if (s.dilation.some((d) => d > 1)) parts.push(`dilation ${dims(s.dilation)}`);
    parts.push(`${Array.isArray(s.padding) ? 'explicit' : s.padding} padding`);
    if (s.op === 'transpose') parts.push('transposed');
    else if (geo.axes.some((a) => a.padBefore !== 0 || a.padAfter !== 0)) parts.push(modeText);
  }
  return `${parts.join(' · ')} → output ${dims(geo.output)}`;
}

export class DiagramPlayer extends EventTarget {
  // root: an element to build into. label: accessible name of the picture.
  constructor(root, { label = 'Padding diagram' } = {}) {
    super();
    this.root = root;
    this.engine = null;
    this.model = null;
    this.spec = null;
    this.index = 0;
    this.playing = false;
    this.speed = 1;
    this.timer = 0;
    this.focused = false;

    this.titleEl = el('p', 'pld-title');
    this.subEl = el('p', 'pld-sub');
    this.figure = el('div', 'pld-figure');
    this.figure.tabIndex = 0;
    this.figure.setAttribute('role', 'group');
    this.figure.setAttribute('aria-roledescription', 'diagram');
    this.figure.setAttribute('aria-label', `${label}. Left and right arrows step, space plays or pauses.`);
    this.stepEl = el('p', 'pld-step');
    this.stepEl.setAttribute('aria-live', 'polite');
    this.hoverEl = el('p', 'pld-hover');
    this.formulaEl = el('p', 'pld-formula');
    this.notesEl = el('ul', 'pld-notes');
    this.legendEl = el('ul', 'pld-legend');
    this.legendEl.setAttribute('aria-label', 'Legend');
    this.errorEl = el('p', 'pld-error');
    this.errorEl.setAttribute('role', 'alert');
    this.errorEl.hidden = true;
    root.append(this.titleEl, this.subEl, this.errorEl, this.figure, this.stepEl, this.hoverEl, this.formulaEl,
      this.notesEl, this.legendEl);

    this.view = new DiagramView(this.figure, {
      onHover: (i) => this.hover(i),
      onPick: (i) => { this.pause(); this.goTo(i); },
    });
    this.figure.addEventListener('focus', () => { this.focused = true; this.hover(null); });
    this.figure.addEventListener('blur', () => { this.focused = false; this.hover(null); });
    this.figure.addEventListener('keydown', (e) => { if (this.handleKey(e)) e.preventDefault(); });
  }

  get stepCount() { return this.model?.stepCount ?? 0; }
  get step() { return this.index; }

  setEngine(engine) {
    this.engine = engine;
  }

  // Shows `spec` (a padlab.js diagram spec). Returns false and shows the error as text when
  // the engine rejects it. `keepStep`: stay on the same step number when it still exists.
  setSpec(spec, { keepStep = false, title = null } = {}) {
    this.spec = spec;
    let model;
    try {
      model = new DiagramModel(this.engine, spec);
    } catch (e) {
      this.showError(e?.message ?? String(e));
      return false;
    }
    this.model = model;
    this.errorEl.hidden = true;
    this.errorEl.textContent = '';
    this.figure.hidden = false;
    const geo = model.geo;
    this.titleEl.textContent = title ?? (geo.spec.label || kerasCall(geo));
    this.subEl.textContent = subtitle(geo);
    this.formulaEl.textContent = geo.formula.split('; ').join('\n');
    this.view.setModel(model);
    this.index = keepStep ? Math.min(this.index, Math.max(0, model.stepCount - 1)) : 0;
    this.view.show(this.index);
    this.renderNotes();
    this.renderLegend();
    if (model.stepCount === 0) this.pause();
    this.update();
    return true;
  }

  showError(message) {
    this.pause();
    this.model = null;
    this.view.clear();
    this.figure.hidden = true;
    this.titleEl.textContent = 'No diagram';
    this.subEl.textContent = '';
    this.formulaEl.textContent = '';
    this.notesEl.replaceChildren();
    this.legendEl.replaceChildren();
    this.stepEl.textContent = '';
    this.hoverEl.textContent = '';
    this.errorEl.textContent = message;  // data, never markup
    this.errorEl.hidden = false;
    this.emit();
  }

  renderNotes() {
    const items = this.model.geo.notes.map((n) => el('li', null, n));
    const crop = this.view.cropNote();
    if (crop) items.push(el('li', 'pld-crop-note', crop));
    this.notesEl.replaceChildren(...items);
  }

  renderLegend() {
    const m = this.model;
    const kinds = new Set();
    for (const c of this.view.cells?.values() ?? []) {
      if (c.kind === 'pad') kinds.add(c.source ? 'src' : 'pad');
      else kinds.add(c.kind);
      if (!c.read && c.kind !== 'pad') kinds.add('unread');
    }
    const mode = m.geo.padsIgnored ? 'ignored by pooling' : m.geo.spec.mode === 'constant' ? (m.geo.spec.value === 0 ? 'zeros' : `constant ${formatValue(m.geo.spec.value)}`) : m.geo.spec.mode;
    const entries = [
      ['input', 'input'], ['pad', `padding: ${mode}`], ['src', `padding: ${mode} (small text = copied from)`],
      ['gap', 'zero inserted by the stride'], ['cropped', 'cropped away'], ['unread', 'never read'],
    ].filter(([k]) => kinds.has(k));
    if (m.stepCount > 0) {
      entries.push(['win', m.geo.spec.op === 'pool' ? 'pool window' : 'kernel window'], ['current', 'output of this step'],
        ['done', 'output already written'], ['rf', 'receptive field of the hovered output']);
    }
    this.legendEl.replaceChildren(...entries.map(([k, text]) => {
      const li = el('li');
      const sw = document.createElementNS(NS, 'svg');
      sw.setAttribute('class', 'pld-swatch');
      sw.setAttribute('viewBox', '0 0 14 14');
      sw.setAttribute('aria-hidden', 'true');
      const r = document.createElementNS(NS, 'rect');
      for (const [a, v] of Object.entries({ x: 1, y: 1, width: 12, height: 12, rx: 2, class: `pld-sw-${k}` })) r.setAttribute(a, String(v));
      sw.append(r);
      li.append(sw, el('span', null, text));
      return li;
    }));
  }

  // ---- the clock ----------------------------------------------------------------------------
  goTo(i) {
    if (!this.model) return;
    const n = this.model.stepCount;
    if (n === 0) return;
    this.index = Math.max(0, Math.min(n - 1, i));
    const cropBefore = this.view.cropNote();
    this.view.show(this.index);
    if (this.view.cropNote() !== cropBefore) this.renderNotes();
    if (this.focused) this.hover(null);
    this.update();
  }

  next() { this.goTo(this.index + 1 >= this.stepCount ? 0 : this.index + 1); }
  prev() { this.goTo(this.index - 1 < 0 ? this.stepCount - 1 : this.index - 1); }

  play() {
    if (!this.model || this.model.stepCount < 2 || this.playing) return;
    this.playing = true;
    if (this.index >= this.stepCount - 1) this.goTo(0);
    this.schedule(STEP_MS);
    this.update();
  }

  pause() {
    clearTimeout(this.timer);
    this.timer = 0;
    if (!this.playing) return;
    this.playing = false;
    this.update();
  }

  toggle() {
    if (this.playing) this.pause();
    else this.play();
  }

  setSpeed(speed) {
    this.speed = speed > 0 ? speed : 1;
    if (this.playing) this.schedule(STEP_MS);
    this.emit();
  }

  schedule(ms) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), ms / this.speed);
  }

  tick() {
    if (!this.playing || !this.model) return;
    if (this.index >= this.stepCount - 1) {
      this.goTo(0);
    } else {
      this.goTo(this.index + 1);
    }
    this.schedule(this.index >= this.stepCount - 1 ? HOLD_MS : STEP_MS);
  }

  // ---- hover / focus ------------------------------------------------------------------------
  // i: an output's step index, or null (then the focused picture shows the current step's).
  hover(i) {
    if (!this.model) return;
    const target = i ?? (this.focused ? this.index : null);
    this.view.highlight(target);
    this.hoverEl.textContent = target === null || this.stepCount === 0 ? '' : `Receptive field: ${this.model.describeStep(target)}`;
  }

  // Keys of a focused picture or of a surrounding panel: ← → step, ↑ ↓ a row of the output,
  // Home / End, space plays or pauses. Returns true when the key was used.
  handleKey(e) {
    if (!this.model || e.altKey || e.ctrlKey || e.metaKey) return false;
    const n = this.stepCount;
    const row = this.model.rank > 1 ? this.model.geo.output[this.model.rank - 1] : 1;
    switch (e.key) {
      case ' ': case 'Spacebar': case 'k': this.toggle(); return true;
      case 'ArrowRight': this.pause(); this.goTo(this.index + 1); return true;
      case 'ArrowLeft': this.pause(); this.goTo(this.index - 1); return true;
      case 'ArrowDown': if (n === 0) return false; this.pause(); this.goTo(this.index + row); return true;
      case 'ArrowUp': if (n === 0) return false; this.pause(); this.goTo(this.index - row); return true;
      case 'Home': this.pause(); this.goTo(0); return true;
      case 'End': this.pause(); this.goTo(n - 1); return true;
      default: return false;
    }
  }

  update() {
    if (this.model) {
      const n = this.model.stepCount;
      this.stepEl.textContent = n === 0
        ? 'Padding only: no window slides over this grid.'
        : `Step ${this.index + 1} of ${n}: ${this.model.describeStep(this.index)}`;
      // Announce steps taken by hand, not every tick of playback.
      this.stepEl.setAttribute('aria-live', this.playing ? 'off' : 'polite');
    }
    this.emit();
  }

  emit() {
    this.dispatchEvent(new CustomEvent('change', { detail: { step: this.index, stepCount: this.stepCount, playing: this.playing } }));
  }

  destroy() {
    this.pause();
  }
}

// The Keras call a diagram without a label shows, e.g. "Conv1D(kernel_size=4, padding='causal')".
export function kerasCall(geo) {
  const s = geo.spec;
  const n = s.input.length;
  const tuple = (v) => (n === 1 ? String(v[0]) : `(${v.join(', ')})`);
  const ones = (v) => v.every((x) => x === 1);
  if (s.kernel.length === 0) {
    const crop = s.padding.some((p) => p[0] < 0 || p[1] < 0);
    const amounts = s.padding.map((p) => `(${Math.abs(p[0])}, ${Math.abs(p[1])})`);
    const arg = n === 1 ? amounts[0] : `(${amounts.join(', ')})`;
    if (crop) return `Cropping${n}D(cropping=${arg})`;
    return s.mode === 'constant' && s.value === 0 ? `ZeroPadding${n}D(padding=${arg})` : `${s.mode} padding ${arg}`;
  }
  const args = [];
  if (s.op === 'pool') args.push(`pool_size=${tuple(s.kernel)}`);
  else args.push(`kernel_size=${tuple(s.kernel)}`);
  if (!ones(s.strides) && !(s.op === 'pool' && s.strides.join() === s.kernel.join())) args.push(`strides=${tuple(s.strides)}`);
  if (!ones(s.dilation)) args.push(`dilation_rate=${tuple(s.dilation)}`);
  if (Array.isArray(s.padding)) args.push(`padding=${JSON.stringify(s.padding)}`);
  else if (s.padding !== 'valid') args.push(`padding='${s.padding}'`);
  const cls = s.op === 'pool' ? `MaxPooling${n}D` : s.op === 'transpose' ? `Conv${n}DTranspose` : `Conv${n}D`;
  const call = `${cls}(${args.join(', ')})`;
  return s.mode === 'constant' || s.op === 'transpose' ? call : `${s.mode} padding + ${call}`;
}
