// "Apply to data": a panel of the playground (mounted like compare.js). Convolves a real
// picture (shipped photographs and MNIST digits, or the user's own image), or a 1D signal,
// with a chosen kernel under every padding mode side by side, 'same' padding so the output
// has the input's size: the centres agree and the borders do not. A second part runs a seed
// model forward (apply-forward.js).
//
// All computing happens in a Web Worker (apply-worker.js) running the WebAssembly core, so
// the page never freezes; the times shown are the core calls' own. The worker and the
// samples load only when the panel comes near the screen (or is used).
import { sampleGroups, resolveSample, PHOTO_SIZES, DEFAULT_PHOTO_SIZE } from './data.js';
import {
  kernelsFor, findKernel, kernelText, parseKernel, kernelSum, imageKernelTensor, signalKernelTensor,
  samePads, DEFAULT_KERNEL, KernelError,
} from './kernels.js';
import { displayMapping, absGain, maxAbsDiff } from './image.js';
import {
  MODES, REFERENCE_MODE, countWords, createCard, showImage, showSignal, showModeError, signalRange, formatMs,
} from './render.js';
import { SampleLoader } from './samples.js';
import { ApplyWorkerClient } from './client.js';
import { ForwardRunner } from './forward.js';
import { el } from '../shared/dom.js';

const DEFAULT_SAMPLE = 'photo-camera';
const GRID_DEBOUNCE_MS = 250;
const PROGRESS_DELAY_MS = 150;  // quick runs do not flash a progress bar
const INPUT_MODE = { id: 'input', label: 'Input', note: '' };

function field(id, label, control, { hint = null, wide = false } = {}) {
  const wrap = el('div', { class: `ap-field${wide ? ' ap-field-wide' : ''}` }, el('label', { for: id, text: label }), control);
  if (hint) {
    const h = el('span', { class: 'ap-hint', id: `${id}-hint`, text: hint });
    control.setAttribute('aria-describedby', h.id);
    wrap.append(h);
  }
  return wrap;
}

const sampleKind = (id) => (resolveSample(id)?.kind === 'signal' ? 'signal' : 'image');

export class ApplyPanel {
  constructor(section, ctx = {}) {
    this.section = section;
    this.ctx = ctx;
    this.client = new ApplyWorkerClient(new URL('./worker.js', import.meta.url));
    this.loader = new SampleLoader();
    this.active = false;
    this.seq = 0;
    this.busy = false;
    this.queued = false;
    this.last = null;
    this.sample = null;
    this.gridTimer = 0;
    this.build();
  }

  // ---- DOM ------------------------------------------------------------------------------------
  build() {
    const s = this.section;
    s.classList.add('apply');
    s.setAttribute('aria-labelledby', 'ap-heading');

    this.sampleSelect = el('select', { id: 'ap-sample' });
    for (const group of sampleGroups()) {
      const og = el('optgroup', { label: group.label });
      for (const item of group.items) og.append(new Option(item.label, item.id));
      this.sampleSelect.append(og);
    }
    this.sampleSelect.value = DEFAULT_SAMPLE;
    this.fileInput = el('input', { type: 'file', id: 'ap-file', class: 'visually-hidden', accept: 'image/*' });
    const fileButton = el('label', { class: 'button file-button ap-file-button', for: 'ap-file' },
      el('span', { text: 'Open image…' }), this.fileInput);

    this.kernelSelect = el('select', { id: 'ap-kernel' });
    this.dilationSelect = el('select', { id: 'ap-dilation' });
    for (const d of [1, 2, 3, 4]) this.dilationSelect.append(new Option(String(d), String(d)));
    this.sizeSelect = el('select', { id: 'ap-size' });
    for (const px of PHOTO_SIZES) this.sizeSelect.append(new Option(`${px} px`, String(px)));
    this.sizeSelect.value = String(DEFAULT_PHOTO_SIZE);
    this.cornerSelect = el('select', { id: 'ap-corner' });
    this.cornerSelect.append(new Option('Top left', 'top-left'), new Option('Bottom right', 'bottom-right'));

    this.viewRadios = [['result', 'Result'], ['diff', 'Difference vs zero']].map(([value, text]) => {
      const input = el('input', { type: 'radio', name: 'ap-view', id: `ap-view-${value}`, value });
      if (value === 'result') input.checked = true;
      return [input, el('label', { for: `ap-view-${value}`, text })];
    });
    const viewGroup = el('div', { class: 'tool segmented ap-view', role: 'radiogroup', 'aria-labelledby': 'ap-view-label' },
      el('span', { class: 'tool-label', id: 'ap-view-label', text: 'Show' }), ...this.viewRadios.flat());

    this.grid = el('textarea', {
      id: 'ap-grid', class: 'ap-grid', rows: '5', spellcheck: 'false', autocomplete: 'off', autocapitalize: 'off', wrap: 'off',
    });
    this.gridError = el('p', { class: 'ap-error', id: 'ap-grid-error', role: 'alert' });
    this.gridError.hidden = true;

    this.error = el('p', { class: 'ap-error', id: 'ap-error', role: 'alert' });
    this.error.hidden = true;
    this.progress = el('progress', { class: 'ap-progress', max: String(MODES.length), value: '0', 'aria-label': 'Convolution progress' });
    this.progress.hidden = true;
    this.status = el('p', { class: 'ap-status', role: 'status', 'aria-live': 'polite', text: 'Scroll here to start: the engine loads in a Web Worker.' });
    this.credit = el('p', { class: 'ap-credit' });
    this.explain = el('p', { class: 'ap-note ap-explain' });
    this.results = el('div', { class: 'ap-results', id: 'ap-results' });
    this.forwardBox = el('div', { class: 'ap-forward', id: 'ap-forward', role: 'group', 'aria-labelledby': 'ap-forward-heading' });

    s.replaceChildren(
      el('div', { class: 'ap-head' },
        el('h2', { id: 'ap-heading', text: 'Apply to data' }),
        el('p', { class: 'ap-lead', text: 'Convolve a real picture or a signal under every padding mode at once. With \'same\' padding the output keeps the input\'s size; the centres agree, only the borders differ.' })),
      el('div', { class: 'ap-body' },
        el('div', { class: 'ap-controls' },
          el('div', { class: 'ap-field ap-field-wide' },
            el('label', { for: 'ap-sample', text: 'Sample' }),
            el('div', { class: 'ap-sample-row' }, this.sampleSelect, fileButton)),
          field('ap-kernel', 'Kernel', this.kernelSelect, { wide: true }),
          field('ap-dilation', 'Dilation', this.dilationSelect),
          field('ap-size', 'Photo size', this.sizeSelect, { hint: 'Longest edge' }),
          field('ap-corner', 'Magnified corner', this.cornerSelect),
          field('ap-grid', 'Kernel grid (edit it to make your own)', this.grid,
            { hint: 'One row per line; numbers or fractions such as 1/9. A signal takes one row.', wide: true }),
          this.gridError,
          viewGroup),
        el('div', { class: 'ap-stage' },
          this.error, this.status, this.progress, this.credit, this.explain, this.results)),
      this.forwardBox);
    this.grid.setAttribute('aria-describedby', 'ap-grid-hint ap-grid-error');

    this.forward = new ForwardRunner(this.forwardBox, {
      client: this.client,
      getInput: () => this.digitInput(),
      getSavedModels: () => this.ctx.getSavedFiles?.() ?? [],
      getEngine: () => this.ctx.getEngine?.() ?? null,
    });
    // A saved model opened (or closed) in a pane: the run's model list offers it.
    this.ctx.bus?.addEventListener('savedfile', () => this.forward.refreshModels());

    this.fillKernels();
    this.kernelSelect.value = DEFAULT_KERNEL;
    this.gridKind = null;  // the kind of data the grid's text was written for
    this.followKernel();
    this.syncEnabled();
    this.wire();
  }

  fillKernels() {
    const kind = sampleKind(this.sampleSelect.value);
    const keep = this.kernelSelect.value;
    this.kernelSelect.replaceChildren(
      ...kernelsFor(kind).map((k) => new Option(k.label, k.id)),
      new Option('Custom (edit the grid)', 'custom'));
    if ([...this.kernelSelect.options].some((o) => o.value === keep)) this.kernelSelect.value = keep;
    else this.kernelSelect.value = DEFAULT_KERNEL;
  }

  syncEnabled() {
    const kind = resolveSample(this.sampleSelect.value)?.kind;
    this.sizeSelect.disabled = !(kind === 'photo' || kind === 'file');
    const image = kind !== 'signal';
    this.cornerSelect.disabled = !image;
    for (const [input] of this.viewRadios) input.disabled = !image;
  }

  wire() {
    const start = () => this.activate();
    if ('IntersectionObserver' in window) {
      const io = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) { io.disconnect(); start(); }
      }, { rootMargin: '300px' });
      io.observe(this.section);
    } else {
      start();
    }
    this.section.addEventListener('focusin', start);
    this.section.addEventListener('pointerdown', start);

    this.sampleSelect.addEventListener('change', () => {
      this.fillKernels();
      this.followKernel();
      this.syncEnabled();
      this.update();
    });
    this.kernelSelect.addEventListener('change', () => {
      this.gridKind = null;
      this.followKernel();
      this.update();
    });
    this.grid.addEventListener('input', () => {
      if (this.kernelSelect.value !== 'custom') this.kernelSelect.value = 'custom';
      clearTimeout(this.gridTimer);
      this.gridTimer = setTimeout(() => this.update(), GRID_DEBOUNCE_MS);
    });
    for (const sel of [this.dilationSelect, this.sizeSelect]) sel.addEventListener('change', () => this.update());
    this.cornerSelect.addEventListener('change', () => this.render());
    for (const [input] of this.viewRadios) input.addEventListener('change', () => this.render());
    this.fileInput.addEventListener('change', () => this.pickFile());
  }

  pickFile() {
    const file = this.fileInput.files?.[0];
    if (!file) return;
    try {
      this.loader.setFile(file);
    } catch (e) {
      this.showError(e.message);
      return;
    }
    let option = [...this.sampleSelect.options].find((o) => o.value === 'file');
    if (!option) {
      option = new Option('', 'file');
      this.sampleSelect.prepend(el('optgroup', { label: 'Your image' }, option));
    }
    option.textContent = `Your image: ${file.name}`;
    this.sampleSelect.value = 'file';
    this.fillKernels();
    this.followKernel();
    this.syncEnabled();
    this.fileInput.value = '';  // picking the same file again still fires 'change'
    this.update();
  }

  // A named kernel's grid follows the data's shape (3×3 grid <-> one row); a custom one stays.
  followKernel() {
    const kind = sampleKind(this.sampleSelect.value);
    const k = findKernel(this.kernelSelect.value);
    if (k && this.gridKind !== kind) {
      this.grid.value = kernelText(k, kind);
      this.gridKind = kind;
    }
  }

  activate() {
    if (this.active) return;
    this.active = true;
    this.client.start();
    this.update();
  }

  showError(message) {
    this.error.textContent = message;
    this.error.hidden = !message;
  }

  // ---- computing -----------------------------------------------------------------------------
  view() {
    return this.viewRadios.find(([input]) => input.checked)?.[0].value ?? 'result';
  }

  kernelLabel(rows) {
    const k = findKernel(this.kernelSelect.value);
    return k ? `${k.label} kernel` : `custom ${rows.length}×${rows[0].length} kernel`;
  }

  /** The picked digit as the forward run's input, or null when no digit is picked. */
  digitInput() {
    const s = this.sample;
    if (!s?.digit) return null;
    return { data: s.data.slice(), dims: [s.height, s.width, 1], label: s.label };
  }

  async update() {
    if (!this.active) return;
    const seq = ++this.seq;
    const id = this.sampleSelect.value;
    const kind = sampleKind(id);
    let rows;
    try {
      rows = parseKernel(this.grid.value, kind);
    } catch (e) {
      if (!(e instanceof KernelError)) throw e;
      this.gridError.textContent = e.message;
      this.gridError.hidden = false;
      this.grid.setAttribute('aria-invalid', 'true');
      this.status.textContent = 'Fix the kernel grid to update the results.';
      return;
    }
    this.gridError.hidden = true;
    this.grid.removeAttribute('aria-invalid');

    let sample;
    try {
      sample = await this.loader.load(id, Number(this.sizeSelect.value));
    } catch (e) {
      if (seq === this.seq) { this.showError(e.message); this.status.textContent = ''; }
      return;
    }
    if (seq !== this.seq) return;
    this.sample = sample;
    if (this.busy) { this.queued = true; return; }
    this.busy = true;
    try {
      await this.convolve(sample, rows, Number(this.dilationSelect.value), seq);
    } finally {
      this.busy = false;
      if (this.queued) { this.queued = false; this.update(); }
    }
  }

  async convolve(sample, rows, dilation, seq) {
    const signal = sample.kind === 'signal';
    const inputShape = signal ? [1, sample.length, 1] : [1, sample.height, sample.width, sample.channels];
    const kernel = signal ? signalKernelTensor(rows) : imageKernelTensor(rows, sample.channels);
    const input = sample.data.slice();  // the copy goes to the worker; the sample stays here
    const describe = `${sample.label}, ${this.kernelLabel(rows)}, dilation ${dilation}`;
    this.status.textContent = `Convolving ${describe}…`;
    this.progress.value = 0;
    const reveal = setTimeout(() => { this.progress.hidden = false; }, PROGRESS_DELAY_MS);
    try {
      const res = await this.client.request({
        type: 'convolve', input, inputShape, kernel: kernel.data, kernelShape: kernel.shape,
        modes: MODES.map((m) => m.id), dilation, padded: signal,
      }, {
        transfer: [input.buffer, kernel.data.buffer],
        onProgress: (msg) => {
          this.progress.value = msg.done;
          if (msg.done < msg.total) this.status.textContent = `Convolving under ${msg.label} padding (${msg.done + 1} of ${msg.total})…`;
        },
      });
      if (seq !== this.seq) return;  // a newer request will draw
      this.showError('');
      this.last = { sample, rows, dilation, results: res.results, describe };
      this.render();
    } catch (e) {
      if (seq !== this.seq) return;
      this.showError(e?.message ?? String(e));
      this.status.textContent = 'The convolution did not run.';
    } finally {
      clearTimeout(reveal);
      this.progress.hidden = true;
    }
  }

  // ---- drawing -------------------------------------------------------------------------------
  render() {
    const last = this.last;
    if (!last) return;
    const { sample, rows, dilation, results } = last;
    const signal = sample.kind === 'signal';
    const view = signal ? 'result' : this.view();
    const corner = this.cornerSelect.value;
    const cards = [INPUT_MODE, ...MODES].map((m) => createCard(m));
    const byMode = new Map(results.map((r) => [r.mode, r]));
    const total = results.reduce((sum, r) => sum + (r.ms ?? 0), 0);
    const failed = results.filter((r) => r.error).length;
    const kname = this.kernelLabel(rows);

    if (signal) {
      const range = signalRange(sample.data, results);
      const [before, after] = samePads(rows[0].length, dilation);
      showSignal(cards[0], { input: sample.data, range, describe: `${sample.label}: the input, ${sample.length} samples` });
      cards[0].note.textContent = `${sample.length} samples`;
      for (const card of cards.slice(1)) {
        const r = byMode.get(card.mode.id);
        if (r.error) { showModeError(card, r.error); continue; }
        showSignal(card, {
          input: sample.data, output: r.data, padded: r.padded, range,
          describe: `${sample.label}, ${kname}, ${card.mode.label} padding: padded input (shaded: ${before} cells before, ${after} after) and output`,
        });
        card.time.textContent = formatMs(r.ms);
      }
      this.explain.textContent = `Shaded: the ${before} + ${after} padding cells 'same' adds for a ${rows[0].length}-tap kernel at dilation ${dilation}; the line in the padding colour shows the values each mode invents there. Grey: input; blue: output.`;
    } else {
      const { width, height, channels } = sample;
      const pads = [samePads(rows.length, dilation), samePads(rows[0].length, dilation)];
      const mapping = displayMapping(kernelSum(rows));
      // Zero padding accepts any amount (it is the reference); should it still fail, another mode is.
      const ok = results.filter((r) => !r.error);
      const ref = (byMode.get(REFERENCE_MODE).error ? ok[0] : byMode.get(REFERENCE_MODE))?.data;
      if (!ref) {
        for (const card of cards.slice(1)) showModeError(card, byMode.get(card.mode.id).error);
        this.results.replaceChildren(...cards.map((c) => c.root));
        this.showError(results[0].error.message);
        this.status.textContent = 'No padding mode could convolve this input.';
        return;
      }
      if (mapping.kind === 'abs') mapping.gain = absGain(ref, width, height, channels, pads);
      const maxDiff = Math.max(0, ...ok.map((r) => maxAbsDiff(r.data, ref)));
      const diffGain = maxDiff > 0 ? 1 / maxDiff : 1;
      showImage(cards[0], {
        data: sample.data, width, height, channels, mapping: { kind: 'linear', gain: 1 }, pads: null, corner,
        describe: `${sample.label}: the input, ${width}×${height}`,
      });
      cards[0].note.textContent = `${width}×${height}, ${channels === 1 ? 'grey' : 'RGB'}`;
      for (const card of cards.slice(1)) {
        const r = byMode.get(card.mode.id);
        if (r.error) { showModeError(card, r.error); continue; }
        const diff = view === 'diff';
        showImage(card, {
          data: r.data, width, height, channels, mapping, diffFrom: diff ? ref : null, gain: diffGain, pads, corner,
          describe: `${sample.label}, ${kname}, ${card.mode.label} padding: ${diff ? 'difference from zero padding' : 'result'}`,
        });
        card.time.textContent = formatMs(r.ms);
        if (diff && card.mode.id === REFERENCE_MODE) card.note.textContent = 'the reference: every other card shows how far it is from this one';
      }
      const edge = ([a, b], unit) => `${a === b ? a : `${a} / ${b}`} ${unit}${Math.max(a, b) === 1 ? '' : 's'}`;
      this.explain.textContent = `Only pixels within ${edge(pads[0], 'row')} of the top / bottom and ${edge(pads[1], 'column')} of the left / right read padding (a ${rows.length}×${rows[0].length} kernel at dilation ${dilation}); ${height > pads[0][0] + pads[0][1] && width > pads[1][0] + pads[1][1] ? `every other pixel is the same under all ${countWords(MODES.length)} modes` : 'here that is every pixel, so no two modes need agree anywhere'}.`
        + (mapping.kind === 'abs' ? ' This kernel sums to 0, so brightness shows the size of the response.' : '')
        + (view === 'diff' ? ' Bright: differs from zero padding; black: identical.' : '');
    }
    this.results.replaceChildren(...cards.map((c) => c.root));
    // For tests and styles: what is shown, and a counter that changes with every drawing.
    this.section.dataset.applied = last.describe;
    this.section.dataset.renders = String(Number(this.section.dataset.renders ?? 0) + 1);
    this.credit.replaceChildren(`${sample.credit} `, el('a', { href: 'data/CREDITS.txt', text: 'Credits and licences' }));
    this.status.textContent = `${last.describe}: ${failed ? `${MODES.length - failed} of ${MODES.length}` : countWords(MODES.length)} padding modes in ${formatMs(total)} of core time.`;
  }
}

export function mountApplyPanel(ctx) {
  const section = document.getElementById('apply');
  if (!section) return null;
  const panel = new ApplyPanel(section, ctx);
  section.hidden = false;
  return panel;
}
