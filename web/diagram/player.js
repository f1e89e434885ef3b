// A playable diagram: the core's SVG of the current step (padlab.js diagramPicture), the step
// clock (play / pause / step / speed) and hover / focus, which ask the core for the picture
// with that output's receptive field marked. The page draws nothing itself: what is on screen
// is the core's SVG text (`svgText`), byte for byte, and every export uses the same text.
// Owns no page-wide state, so any number of players (the playground's workbench, every
// <padlab-diagram> on a blog page) run side by side: each has its own id prefix.
//
// Events (it is an EventTarget): 'change' after every step / play / spec change, with
// detail { step, stepCount, playing }.

const STEP_MS = 800;   // the core's animated SVG uses 0.8 s per step ...
const HOLD_MS = 1600;  // ... and holds the finished output 1.6 s before looping
let uid = 0;

function el(tag, className, content) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (content !== undefined) node.textContent = content;
  return node;
}

export const darkQuery = () => (typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null);

export class DiagramPlayer extends EventTarget {
  // root: an element to build into. label: accessible name of the picture.
  constructor(root, { label = 'Padding diagram' } = {}) {
    super();
    this.root = root;
    this.engine = null;
    this.spec = null;
    this.geo = null;        // the engine's geometry of the spec (no cells)
    this.title = null;
    this.index = 0;
    this.hovered = null;    // step index of the hovered output, or null
    this.playing = false;
    this.speed = 1;
    this.timer = 0;
    this.focused = false;
    this.pinnedTheme = null;  // 'light' | 'dark' | null (follow the reader's OS)
    this.picture = null;      // the last diagramPicture: { svg, view, outputView, reads, highlightReads }
    this.idPrefix = `pld${++uid}`;

    this.figure = el('div', 'pld-figure');
    this.figure.tabIndex = 0;
    this.figure.setAttribute('role', 'group');
    this.figure.setAttribute('aria-roledescription', 'diagram');
    this.figure.setAttribute('aria-label', `${label}. Left and right arrows step, space plays or pauses.`);
    // The picture says the step too; this line is for screen readers (announced when stepped by hand).
    this.stepEl = el('p', 'pld-step visually-hidden');
    this.stepEl.setAttribute('aria-live', 'polite');
    this.hoverEl = el('p', 'pld-hover');
    this.errorEl = el('p', 'pld-error');
    this.errorEl.setAttribute('role', 'alert');
    this.errorEl.hidden = true;
    root.append(this.errorEl, this.figure, this.stepEl, this.hoverEl);

    this.figure.addEventListener('pointerover', (e) => {
      const out = e.target.closest?.('[data-step]');
      this.hover(out && this.figure.contains(out) ? Number(out.dataset.step) : null);
    });
    this.figure.addEventListener('pointerleave', () => this.hover(null));
    this.figure.addEventListener('click', (e) => {
      const out = e.target.closest?.('[data-step]');
      if (out && this.figure.contains(out)) { this.pause(); this.goTo(Number(out.dataset.step)); }
    });
    this.figure.addEventListener('focus', () => { this.focused = true; this.draw(); });
    this.figure.addEventListener('blur', () => { this.focused = false; this.draw(); });
    this.figure.addEventListener('keydown', (e) => { if (this.handleKey(e)) e.preventDefault(); });
    this.onScheme = () => { if (!this.pinnedTheme) this.draw(); };
    darkQuery()?.addEventListener?.('change', this.onScheme);
  }

  get stepCount() { return this.geo?.stepCount ?? 0; }
  get step() { return this.index; }
  get ready() { return this.geo !== null; }
  // The exact SVG text on screen.
  get svgText() { return this.picture?.svg ?? ''; }
  // 'light' or 'dark': the pinned theme, else the reader's OS setting.
  get theme() { return this.pinnedTheme ?? (darkQuery()?.matches ? 'dark' : 'light'); }

  setEngine(engine) {
    this.engine = engine;
  }

  // theme: 'light' | 'dark' pins the picture's palette; anything else follows the OS.
  setTheme(theme) {
    const t = theme === 'light' || theme === 'dark' ? theme : null;
    if (t === this.pinnedTheme) return;
    this.pinnedTheme = t;
    this.draw();
  }

  // Shows `spec` (a padlab.js diagram spec). Returns false and shows the error as text when
  // the engine rejects it. `keepStep`: stay on the same step number when it still exists.
  setSpec(spec, { keepStep = false, title = null } = {}) {
    let geo;
    try {
      const rank = Array.isArray(spec.input) ? spec.input.length : 1;
      geo = this.engine.diagram(spec, { view: Array.from({ length: rank }, () => [0, 0]), steps: false });
    } catch (e) {
      this.showError(e?.message ?? String(e));
      return false;
    }
    this.spec = spec;
    this.geo = geo;
    this.title = title;
    this.picture = null;  // a new spec starts from a centred view
    this.hovered = null;
    this.errorEl.hidden = true;
    this.errorEl.textContent = '';
    this.figure.hidden = false;
    this.index = keepStep ? Math.min(this.index, Math.max(0, geo.stepCount - 1)) : 0;
    if (geo.stepCount === 0) this.pause();
    try {
      this.draw();
    } catch (e) {
      this.showError(e?.message ?? String(e));
      return false;
    }
    this.update();
    return true;
  }

  showError(message) {
    this.pause();
    this.geo = null;
    this.spec = null;
    this.picture = null;
    this.figure.replaceChildren();
    this.figure.hidden = true;
    this.stepEl.textContent = '';
    this.hoverEl.textContent = '';
    this.errorEl.textContent = message;  // data, never markup
    this.errorEl.hidden = false;
    this.emit();
  }

  // The options of the picture on screen; exports pass the same ones to get the same bytes.
  pictureOptions(step = this.index) {
    const o = { step, theme: this.theme, idPrefix: this.idPrefix };
    if (this.title) o.title = this.title;
    const target = this.hovered ?? (this.focused ? this.index : null);
    if (target !== null && this.stepCount > 0) o.highlight = target;
    if (this.picture) {
      o.viewHint = this.picture.view.map((r) => r[0]);
      if (this.picture.outputView.length) o.outputViewHint = this.picture.outputView.map((r) => r[0]);
    }
    return o;
  }

  // Asks the core for the current picture and puts its SVG on screen.
  draw() {
    if (!this.geo) return;
    const picture = this.engine.diagramPicture(this.spec, this.pictureOptions());
    if (picture.svg !== this.picture?.svg) this.figure.innerHTML = picture.svg;  // the core's escaped SVG, as is
    this.picture = picture;
    this.hoverEl.textContent = picture.highlightReads ? `Receptive field: ${picture.highlightReads}` : '';
  }

  // ---- the clock ----------------------------------------------------------------------------
  goTo(i) {
    if (!this.geo) return;
    const n = this.stepCount;
    if (n === 0) return;
    this.index = Math.max(0, Math.min(n - 1, i));
    this.draw();
    this.update();
  }

  next() { this.goTo(this.index + 1 >= this.stepCount ? 0 : this.index + 1); }
  prev() { this.goTo(this.index - 1 < 0 ? this.stepCount - 1 : this.index - 1); }

  play() {
    if (!this.geo || this.stepCount < 2 || this.playing) return;
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
    if (!this.playing || !this.geo) return;
    this.goTo(this.index >= this.stepCount - 1 ? 0 : this.index + 1);
    this.schedule(this.index >= this.stepCount - 1 ? HOLD_MS : STEP_MS);
  }

  // ---- hover / focus ------------------------------------------------------------------------
  // i: an output's step index, or null (then a focused picture marks the current step's).
  hover(i) {
    if (!this.geo || i === this.hovered) return;
    this.hovered = i;
    this.draw();
  }

  // Keys of a focused picture or of a surrounding panel: ← → step, ↑ ↓ a row of the output,
  // Home / End, space plays or pauses. Returns true when the key was used.
  handleKey(e) {
    if (!this.geo || e.altKey || e.ctrlKey || e.metaKey) return false;
    const n = this.stepCount;
    const rank = this.geo.output.length;
    const row = rank > 1 ? this.geo.output[rank - 1] : 1;
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
    if (this.geo) {
      this.stepEl.textContent = this.stepCount === 0
        ? 'Padding only: no window slides over this grid.'
        : `Step ${this.index + 1} of ${this.stepCount}: ${this.picture?.reads ?? ''}`;
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
    darkQuery()?.removeEventListener?.('change', this.onScheme);
  }
}
