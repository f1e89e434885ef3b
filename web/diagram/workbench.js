// The diagram workbench: a panel of the playground (mounted like compare.js) with the live
// diagram, its settings (input size, kernel, stride, dilation, padding, mode, operation),
// the transport (play, pause, step, scrub, speed), the seed post's pictures as presets,
// exports (animated SVG, PNG of the step, animated GIF) and the "copy embed code" dialog.
// Picking a convolution, pooling, zero-padding or cropping layer in a summary table shows
// that layer here with its real settings.
//
// Keyboard, anywhere in the workbench outside a text field: space plays / pauses, ← → step,
// ↑ ↓ a row of the output, Home / End. The picture itself is one tab stop.
import { DiagramPlayer } from './player.js';
import { adoptDiagramStyles } from './style.js';
import { SpecError, parseInts, parsePadding, embedSnippets, specToPairs, specFromStrings } from './spec.js';
import { fileStem, download, svgBlob, animatedSvgBlob, pngBlob, animatedGifBlob } from './export.js';
import { el } from '../shared/dom.js';
import { vocabulary } from '../padlab.js';

// The seed post's pictures, first (core presets, core/diagram/presets.cpp).
const FEATURED = [
  ['causal_time_series', 'Causal, kernel 4'],
  ['reflection_2d', 'Reflection 2D'],
  ['valid_28x28', 'Valid 28×28'],
  ['same_28x28', 'Same 28×28'],
];
const DEFAULT_PRESET = 'causal_time_series';
const SPEEDS = [0.25, 0.5, 1, 2, 4];
const EDIT_DEBOUNCE_MS = 200;

function field(id, label, input, hint = null) {
  const wrap = el('div', { class: 'wb-field' }, el('label', { for: id, text: label }), input);
  if (hint) {
    const h = el('span', { class: 'wb-hint', id: `${id}-hint`, text: hint });
    input.setAttribute('aria-describedby', h.id);
    wrap.append(h);
  }
  return wrap;
}

function select(id, options) {
  const s = el('select', { id });
  for (const [value, label] of options) s.append(new Option(label, value));
  return s;
}

const dimsText = (v) => (v && v.length ? v.join('x') : '');

export class DiagramWorkbench {
  // onState(text): the picture on screen changed (its settings, the step while paused), as the
  // text the page's link keeps (stateText below).
  constructor(section, { getEngine, getState, onState = () => {} }) {
    this.section = section;
    this.getEngine = getEngine;
    this.getState = getState;
    this.onState = onState;
    // Where the picture came from: { kind: 'preset', name } | { kind: 'layer', pane, name } |
    // { kind: 'custom' }; null until the engine drew the first one.
    this.origin = null;
    this.reported = null;
    this.presets = [];
    this.label = '';
    this.values = null;
    this.timer = 0;
    this.build();
  }

  build() {
    const s = this.section;
    s.classList.add('workbench');
    s.setAttribute('aria-labelledby', 'wb-heading');
    const heading = el('h2', { id: 'wb-heading', text: 'Padding diagram' });
    this.sourceEl = el('p', { class: 'wb-source', text: 'Pick a picture, change the settings, or select a convolution, pooling, padding or cropping layer in a table above.' });
    // Stays when the source line changes: how to draw a model's own layers.
    this.hintEl = el('p', { class: 'wb-hint', text: 'Any layer marked “Draw ▸” in the tables above draws here with its real settings.' });

    // ---- settings
    this.presetSelect = el('select', { id: 'wb-preset' });
    this.featured = el('div', { class: 'wb-featured', role: 'group', 'aria-label': 'Pictures from the padding post' });
    this.inputField = el('input', { id: 'wb-input', type: 'text', inputmode: 'numeric', autocomplete: 'off', spellcheck: 'false' });
    this.kernelField = el('input', { id: 'wb-kernel', type: 'text', inputmode: 'numeric', autocomplete: 'off', spellcheck: 'false' });
    this.strideField = el('input', { id: 'wb-strides', type: 'text', inputmode: 'numeric', autocomplete: 'off', spellcheck: 'false' });
    this.dilationField = el('input', { id: 'wb-dilation', type: 'text', inputmode: 'numeric', autocomplete: 'off', spellcheck: 'false' });
    this.paddingSelect = select('wb-padding', [...vocabulary.paddings.names.map((n) => [n, n]), ['explicit', 'explicit amounts']]);
    this.padsField = el('input', { id: 'wb-pads', type: 'text', autocomplete: 'off', spellcheck: 'false' });
    this.modeSelect = select('wb-mode', vocabulary.padModes.entries.map((e) => [e.name, e.aliases.length ? `${e.name} (${e.aliases.join(', ')})` : e.name]));
    this.valueField = el('input', { id: 'wb-value', type: 'number', step: 'any', value: '0' });
    this.opSelect = select('wb-op', vocabulary.windowOps.entries.map((e) => [e.name, e.description]));
    this.padsWrap = field('wb-pads', 'Padding amounts', this.padsField, 'before,after per axis, e.g. 1,2 or (1,1),(2,2); negative crops');
    this.valueWrap = field('wb-value', 'Pad value', this.valueField);
    const form = el('form', { class: 'wb-settings', 'aria-label': 'Diagram settings', novalidate: true },
      field('wb-preset', 'Picture', this.presetSelect),
      this.featured,
      field('wb-input', 'Input size', this.inputField, 'e.g. 8, 28x28 or 3x4x4'),
      field('wb-kernel', 'Kernel', this.kernelField, 'empty = padding only'),
      field('wb-strides', 'Stride', this.strideField),
      field('wb-dilation', 'Dilation', this.dilationField),
      field('wb-padding', 'Padding', this.paddingSelect),
      this.padsWrap,
      field('wb-mode', 'Mode', this.modeSelect),
      this.valueWrap,
      field('wb-op', 'Operation', this.opSelect),
    );
    form.addEventListener('submit', (e) => e.preventDefault());
    form.addEventListener('input', (e) => this.onEdit(e));
    form.addEventListener('change', (e) => this.onEdit(e));
    this.presetSelect.addEventListener('change', () => this.loadPreset(this.presetSelect.value));

    // ---- stage: the player, its transport and the exports
    // The skip link "Skip to the padding diagram" lands here: the next Tab is the transport.
    this.stage = el('div', { class: 'wb-stage pld', id: 'wb-stage', tabindex: '-1' });
    const playerRoot = el('div', { class: 'wb-player' });
    this.player = new DiagramPlayer(playerRoot, { label: 'Padding diagram of the workbench' });
    this.player.addEventListener('change', () => this.syncTransport());

    this.firstButton = el('button', { type: 'button', class: 'button', id: 'wb-first', text: 'First' });
    this.backButton = el('button', { type: 'button', class: 'button', id: 'wb-back' }, el('span', { 'aria-hidden': 'true', text: '◀ ' }), 'Back');
    this.playButton = el('button', { type: 'button', class: 'button wb-play', id: 'wb-play' });
    this.forwardButton = el('button', { type: 'button', class: 'button', id: 'wb-forward' }, 'Forward', el('span', { 'aria-hidden': 'true', text: ' ▶' }));
    this.scrub = el('input', { type: 'range', id: 'wb-scrub', min: '1', max: '1', value: '1', step: '1', 'aria-label': 'Step' });
    this.speedSelect = select('wb-speed', SPEEDS.map((v) => [String(v), `${v}×`]));
    this.speedSelect.value = '1';
    const transport = el('div', { class: 'wb-transport', role: 'group', 'aria-label': 'Playback' },
      this.firstButton, this.backButton, this.playButton, this.forwardButton,
      el('label', { class: 'wb-scrub-label', for: 'wb-scrub' }, el('span', { class: 'visually-hidden', text: 'Step' }), this.scrub),
      el('label', { class: 'wb-speed-label', for: 'wb-speed', text: 'Speed' }), this.speedSelect);
    this.firstButton.addEventListener('click', () => { this.player.pause(); this.player.goTo(0); });
    this.backButton.addEventListener('click', () => { this.player.pause(); this.player.goTo(this.player.step - 1); });
    this.forwardButton.addEventListener('click', () => { this.player.pause(); this.player.goTo(this.player.step + 1); });
    this.playButton.addEventListener('click', () => this.player.toggle());
    this.scrub.addEventListener('input', () => { this.player.pause(); this.player.goTo(Number(this.scrub.value) - 1); });
    this.speedSelect.addEventListener('change', () => this.player.setSpeed(Number(this.speedSelect.value)));

    this.svgButton = el('button', { type: 'button', class: 'button', id: 'wb-export-svg', text: 'Animated SVG' });
    this.stepSvgButton = el('button', { type: 'button', class: 'button', id: 'wb-export-step-svg', text: 'SVG of this step' });
    this.pngButton = el('button', { type: 'button', class: 'button', id: 'wb-export-png', text: 'PNG of this step' });
    this.gifButton = el('button', { type: 'button', class: 'button', id: 'wb-export-gif', text: 'Animated GIF' });
    this.embedButton = el('button', { type: 'button', class: 'button', id: 'wb-embed', 'aria-haspopup': 'dialog', text: 'Copy embed code…' });
    this.exportStatus = el('p', { class: 'wb-export-status', role: 'status', 'aria-live': 'polite' });
    const exports = el('div', { class: 'wb-exports', role: 'group', 'aria-label': 'Export' },
      el('span', { class: 'wb-exports-label', text: 'Download' }), this.svgButton, this.stepSvgButton, this.pngButton, this.gifButton, this.embedButton);
    this.svgButton.addEventListener('click', () => this.exportSvg());
    this.stepSvgButton.addEventListener('click', () => this.exportStepSvg());
    this.pngButton.addEventListener('click', () => this.exportPng());
    this.gifButton.addEventListener('click', () => this.exportGif());
    this.embedButton.addEventListener('click', () => this.openEmbedDialog());

    this.stage.append(transport, playerRoot, exports, this.exportStatus);
    this.dialog = this.buildDialog();
    s.replaceChildren(el('header', { class: 'wb-head' }, heading, this.sourceEl, this.hintEl),
      el('div', { class: 'wb-body' }, form, this.stage), this.dialog);

    // Space / arrows anywhere in the workbench except where they type or choose.
    s.addEventListener('keydown', (e) => {
      if (e.defaultPrevented || this.dialog.open) return;
      const t = e.target;
      const tag = t.tagName;
      const isRange = tag === 'INPUT' && t.type === 'range';
      if (isRange) {
        if (e.key === ' ' && this.player.handleKey(e)) e.preventDefault();
        return;
      }
      if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' || t.isContentEditable) return;
      if (tag === 'BUTTON' && (e.key === ' ' || e.key === 'Enter')) return;  // buttons keep their own keys
      if (this.player.handleKey(e)) e.preventDefault();
    });
    this.syncTransport();
  }

  buildDialog() {
    const d = el('dialog', { class: 'wb-dialog', id: 'wb-embed-dialog', 'aria-labelledby': 'wb-embed-title' });
    this.scriptCode = el('textarea', { id: 'wb-embed-script', readonly: true, rows: '4', spellcheck: 'false' });
    this.iframeCode = el('textarea', { id: 'wb-embed-iframe', readonly: true, rows: '4', spellcheck: 'false' });
    const copyButton = (area, what) => {
      const b = el('button', { type: 'button', class: 'button', text: `Copy ${what}` });
      b.addEventListener('click', async () => {
        area.select();
        try {
          await navigator.clipboard.writeText(area.value);
          this.dialogStatus.textContent = `Copied the ${what}.`;
        } catch {
          this.dialogStatus.textContent = 'Copying was blocked: the text is selected, press Ctrl+C (⌘C).';
        }
      });
      return b;
    };
    this.dialogStatus = el('p', { class: 'wb-dialog-status', role: 'status', 'aria-live': 'polite' });
    const close = el('button', { type: 'button', class: 'button', id: 'wb-embed-close', text: 'Close' });
    close.addEventListener('click', () => d.close());
    d.append(
      el('h2', { id: 'wb-embed-title', text: 'Embed this diagram' }),
      el('p', { text: 'Paste one of these into a blog post. The script tag draws a live, interactive diagram; the iframe works on platforms that allow only iframes. Both load from this site.' }),
      el('label', { for: 'wb-embed-script', text: 'Script tag and element' }), this.scriptCode, copyButton(this.scriptCode, 'script snippet'),
      el('label', { for: 'wb-embed-iframe', text: 'Iframe' }), this.iframeCode, copyButton(this.iframeCode, 'iframe snippet'),
      this.dialogStatus,
      el('div', { class: 'wb-dialog-actions' }, close));
    return d;
  }

  // ---- engine and presets -------------------------------------------------------------------
  setEngine(engine) {
    this.player.setEngine(engine);
    try {
      this.presets = engine.diagramPresets();
    } catch (e) {
      this.presets = [];
      this.player.showError(`The presets could not be loaded: ${e.message}`);
      return;
    }
    this.presetSelect.replaceChildren(new Option('Custom', ''));
    for (const p of this.presets) {
      const o = new Option(`${p.name.replace(/_/g, ' ')} — ${p.summary}`, p.name);
      this.presetSelect.append(o);
    }
    this.featured.replaceChildren(...FEATURED.filter(([n]) => this.presets.some((p) => p.name === n)).map(([name, label]) => {
      const b = el('button', { type: 'button', class: 'button wb-chip', 'data-preset': name, text: label });
      b.addEventListener('click', () => this.loadPreset(name));
      return b;
    }));
    if (!this.restore(this.getState()?.diagram ?? '')) this.loadPreset(DEFAULT_PRESET);
  }

  // ---- the picture in the page's link -------------------------------------------------------
  // "preset=reflection_2d&step=3", "layer=a.conv2d_1", or the settings as <padlab-diagram>
  // attributes ("input=8&kernel=4&padding=causal"); the step only when past the first.
  stateText() {
    if (!this.origin || !this.spec) return '';
    // The default picture at its start is no news: default links stay short.
    if (this.origin.kind === 'preset' && this.origin.name === DEFAULT_PRESET && this.player.step === 0) return '';
    const p = new URLSearchParams();
    if (this.origin.kind === 'preset') p.set('preset', this.origin.name);
    else if (this.origin.kind === 'layer') p.set('layer', `${this.origin.pane}.${this.origin.name}`);
    else for (const [k, v] of specToPairs(this.spec)) p.set(k, v);
    if (this.player.step > 0) p.set('step', String(this.player.step + 1));
    return p.toString();
  }

  report() {
    if (!this.origin || this.player.playing) return;  // a playing picture reports where it stops
    const text = this.stateText();
    if (text === this.reported) return;
    this.reported = text;
    this.onState(text);
  }

  // Shows the picture a link's text names; false (nothing changed) when it names none or
  // cannot be drawn, so the caller falls back to the default picture.
  restore(text) {
    if (!text || text === this.reported) return false;
    const p = new URLSearchParams(text);
    let ok = false;
    if (p.has('layer')) {
      const [pane, ...rest] = p.get('layer').split('.');
      ok = this.showLayerNamed(pane, rest.join('.'), { scroll: false });
    } else if (p.has('preset') && [...p.keys()].every((k) => k === 'preset' || k === 'step')) {
      ok = this.presets.some((x) => x.name === p.get('preset'));
      if (ok) this.loadPreset(p.get('preset'));
    } else {
      try {
        const spec = specFromStrings((k) => p.get(k), this.presets);
        this.presetSelect.value = '';
        this.fillForm(spec);
        this.sourceEl.textContent = 'Custom settings.';
        ok = this.apply({ title: spec.label ?? null });
        if (ok) this.origin = { kind: 'custom' };
      } catch {
        ok = false;
      }
    }
    if (!ok) return false;
    const step = Number(p.get('step'));
    if (Number.isInteger(step) && step > 1) this.player.goTo(Math.min(step, this.player.stepCount) - 1);
    this.report();
    return true;
  }

  loadPreset(name) {
    const p = this.presets.find((x) => x.name === name);
    if (!p) { this.presetSelect.value = ''; return; }
    this.origin = { kind: 'preset', name };
    this.presetSelect.value = name;
    this.fillForm(p.spec);
    this.sourceEl.textContent = `Picture: ${p.summary}`;
    this.apply({ title: p.spec.label });
  }

  // A spec (from a preset or a layer) into the form.
  fillForm(spec) {
    this.inputField.value = dimsText(spec.input);
    this.kernelField.value = dimsText(spec.kernel);
    this.strideField.value = dimsText(spec.strides?.length ? spec.strides : []);
    this.dilationField.value = dimsText(spec.dilation?.length ? spec.dilation : []);
    if (Array.isArray(spec.padding)) {
      this.paddingSelect.value = 'explicit';
      this.padsField.value = spec.padding.map((p) => `(${p[0]},${p[1]})`).join(',');
    } else {
      this.paddingSelect.value = spec.padding ?? vocabulary.paddings.names[0];
      this.padsField.value = '';
    }
    const mode = vocabulary.padModes.entries.find((e) => e.name === spec.mode || e.aliases.includes(spec.mode));
    this.modeSelect.value = (mode ?? vocabulary.padModes.entries[0]).name;
    this.valueField.value = String(spec.value ?? 0);
    this.opSelect.value = spec.op ?? vocabulary.windowOps.names[0];
    this.label = spec.label ?? '';
    this.values = spec.values ?? null;
    this.syncFields();
  }

  syncFields() {
    this.padsWrap.hidden = this.paddingSelect.value !== 'explicit';
    this.valueWrap.hidden = this.modeSelect.value !== vocabulary.padModes.names[0];  // the constant mode
  }

  // The form as a spec (throws SpecError naming the field).
  readForm() {
    const input = parseInts('input size', this.inputField.value);
    const rank = input.length;
    const spec = { input };
    const kernel = this.kernelField.value.trim();
    spec.kernel = kernel === '' ? [] : parseInts('kernel', kernel);
    if (this.strideField.value.trim()) spec.strides = parseInts('stride', this.strideField.value);
    if (this.dilationField.value.trim()) spec.dilation = parseInts('dilation', this.dilationField.value);
    if (this.paddingSelect.value === 'explicit') {
      if (!this.padsField.value.trim()) throw new SpecError('padding amounts: give before,after amounts, e.g. 1,1');
      const pads = parsePadding(this.padsField.value, rank);
      if (typeof pads === 'string') throw new SpecError('padding amounts: give numbers, or choose the name in Padding');
      spec.padding = pads;
    } else {
      spec.padding = this.paddingSelect.value;
    }
    spec.mode = this.modeSelect.value;
    const value = Number(this.valueField.value || 0);
    if (!Number.isFinite(value)) throw new SpecError('pad value: expected a number');
    spec.value = value;
    spec.op = this.opSelect.value;
    if (this.values && this.values.length === input.reduce((a, b) => a * b, 1)) spec.values = this.values;
    if (this.label) spec.label = this.label;
    return spec;
  }

  onEdit(e) {
    if (e.target === this.presetSelect) return;
    this.syncFields();
    // Edited by hand: no longer the preset or layer it came from.
    if (e.type === 'input' || e.target.tagName === 'SELECT') {
      this.presetSelect.value = '';
      this.origin = { kind: 'custom' };
      this.label = '';
      this.sourceEl.textContent = 'Custom settings.';
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.apply({ keepStep: true }), EDIT_DEBOUNCE_MS);
  }

  apply({ keepStep = false, title = null } = {}) {
    clearTimeout(this.timer);
    if (!this.getEngine()) return false;
    let spec;
    try {
      spec = this.readForm();
    } catch (e) {
      this.player.showError(e.message);
      this.spec = null;
      this.syncTransport();
      return false;
    }
    const ok = this.player.setSpec(spec, { keepStep, title });
    this.spec = ok ? spec : null;
    this.syncTransport();
    return ok;
  }

  // ---- layers of the summaries -----------------------------------------------------------------
  showLayer({ pane, index, layer }) {
    if (index < 0 || !layer) return;
    this.showLayerNamed(pane, layer.name, { className: layer.className });
  }

  // The layer `name` of model `pane` ('a' | 'b') with its real settings; false when it has no
  // picture (the reason is shown in the source line).
  showLayerNamed(pane, name, { className = null, scroll = true } = {}) {
    const engine = this.getEngine();
    if (!engine || !name || !['a', 'b'].includes(pane)) return false;
    const code = this.getState()?.[pane] ?? '';
    const who = `${name}${className ? ` (${className})` : ''} of model ${pane.toUpperCase()}`;
    let spec;
    try {
      spec = engine.layerDiagramSpec(code, name);
    } catch (e) {
      this.sourceEl.textContent = `${who}: ${e.message}`;
      this.sourceEl.classList.add('is-note');
      return false;
    }
    this.sourceEl.classList.remove('is-note');
    this.presetSelect.value = '';
    this.origin = { kind: 'layer', pane, name };
    this.fillForm(spec);
    const big = spec.input.some((n) => n > 16);
    this.sourceEl.textContent = `Layer ${who}, with its real settings${big ? ' (a large input is drawn as a window around the current step)' : ''}.`;
    const ok = this.apply({ title: spec.label });
    // Bring the picture into view unless all of it is on screen already.
    const r = this.stage.getBoundingClientRect();
    if (scroll && (r.top < 0 || r.bottom > innerHeight)) {
      const smooth = !matchMedia('(prefers-reduced-motion: reduce)').matches;
      this.section.scrollIntoView({ behavior: smooth ? 'smooth' : 'auto', block: 'start' });
    }
    return ok;
  }

  setTheme(theme) {
    this.stage.classList.toggle('is-dark', theme === 'dark');
    this.stage.classList.toggle('is-light', theme === 'light');
    this.player.setTheme(theme);
  }

  // ---- transport state ----------------------------------------------------------------------
  syncTransport() {
    const p = this.player;
    const n = p.stepCount;
    const live = p.ready && n > 0;
    for (const b of [this.firstButton, this.backButton, this.forwardButton, this.scrub, this.speedSelect]) b.disabled = !live;
    this.playButton.disabled = !live || n < 2;
    this.playButton.replaceChildren(el('span', { 'aria-hidden': 'true', text: p.playing ? '❚❚ ' : '▶ ' }), p.playing ? 'Pause' : 'Play');
    this.playButton.setAttribute('aria-pressed', String(p.playing));
    this.scrub.max = String(Math.max(1, n));
    this.scrub.value = String(p.step + 1);
    this.scrub.setAttribute('aria-valuetext', n ? `step ${p.step + 1} of ${n}` : 'no steps');
    const exportable = p.ready;
    for (const b of [this.svgButton, this.stepSvgButton, this.pngButton, this.gifButton, this.embedButton]) b.disabled = !exportable || this.busy;
    this.section.dataset.step = String(p.step);
    this.section.dataset.playing = String(p.playing);
    this.report();
  }

  // ---- exports ------------------------------------------------------------------------------
  async runExport(what, fn) {
    if (!this.spec || this.busy) return;
    this.busy = true;
    this.syncTransport();
    this.exportStatus.textContent = `Making the ${what}…`;
    try {
      const name = await fn();
      this.exportStatus.textContent = `Saved ${name}.`;
    } catch (e) {
      this.exportStatus.textContent = `The ${what} could not be made: ${e?.message ?? e}`;
    } finally {
      this.busy = false;
      this.syncTransport();
    }
  }

  exportSvg() {
    return this.runExport('animated SVG', async () => {
      const name = `${fileStem(this.spec)}.svg`;
      // A theme chosen on the page is stated in the file; Auto leaves it to the file's viewer.
      download(animatedSvgBlob(this.getEngine(), this.spec, { theme: this.player.pinnedTheme ?? 'auto', title: this.player.title }), name);
      return name;
    });
  }

  stepName(ext) {
    const step = this.player.stepCount ? this.player.step : 0;
    return `${fileStem(this.spec)}-step${step + 1}.${ext}`;
  }

  // The step on screen: the exact SVG text the player shows, as a file and as a raster.
  exportStepSvg() {
    return this.runExport('SVG', async () => {
      const name = this.stepName('svg');
      download(svgBlob(this.player.svgText), name);
      return name;
    });
  }

  exportPng() {
    return this.runExport('PNG', async () => {
      const name = this.stepName('png');
      download(await pngBlob(this.player.svgText), name);
      return name;
    });
  }

  exportGif() {
    return this.runExport('GIF', async () => {
      // The frames the player would show when playing from the start (same theme, same view rule).
      const engine = this.getEngine();
      let previous = null;
      const frameText = (i) => {
        const o = { step: i, theme: this.player.theme, idPrefix: this.player.idPrefix };
        if (this.player.title) o.title = this.player.title;
        if (previous) {
          o.viewHint = previous.view.map((r) => r[0]);
          if (previous.outputView.length) o.outputViewHint = previous.outputView.map((r) => r[0]);
        }
        previous = engine.diagramPicture(this.spec, o);
        return previous.svg;
      };
      const { blob, frames } = await animatedGifBlob(frameText, this.player.stepCount, {
        speed: this.player.speed,
        onProgress: (i, n) => { this.exportStatus.textContent = `Making the GIF: frame ${i} of ${n}…`; },
      });
      const name = `${fileStem(this.spec)}.gif`;
      download(blob, name);
      return `${name} (${frames} frame${frames === 1 ? '' : 's'})`;
    });
  }

  openEmbedDialog() {
    if (!this.spec) return;
    const base = new URL('.', location.href).href;
    const { script, iframe } = embedSnippets(this.spec, base);
    this.scriptCode.value = script;
    this.iframeCode.value = iframe;
    this.dialogStatus.textContent = '';
    this.dialog.showModal();
    this.scriptCode.focus();
    this.scriptCode.select();
  }
}

// Panel entry point (app.js): builds the workbench in #diagram-workbench.
export function mountDiagramPanel({ bus, getState, getEngine, setDiagramState }) {
  const section = document.getElementById('diagram-workbench');
  if (!section) return null;
  adoptDiagramStyles(document);
  const bench = new DiagramWorkbench(section, { getEngine, getState, onState: setDiagramState });
  bench.setTheme(getState()?.theme);
  let ready = false;
  // The engine loads after the panels mount: start on the first results.
  bus.addEventListener('results', () => {
    if (!ready && getEngine()) {
      ready = true;
      bench.setEngine(getEngine());
    }
  });
  bus.addEventListener('layerselect', (e) => {
    if (!ready && getEngine()) { ready = true; bench.setEngine(getEngine()); }
    bench.showLayer(e.detail);
  });
  bus.addEventListener('state', (e) => {
    bench.setTheme(e.detail.state.theme);
    // A link opened in this tab (hashchange) may name another picture.
    if (ready && e.detail.state.diagram) bench.restore(e.detail.state.diagram);
  });
  section.hidden = false;
  return bench;
}
