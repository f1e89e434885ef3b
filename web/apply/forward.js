// "Run a model forward": one of the playground's seed models runs on batch 1 with
// deterministic random weights in the WebAssembly core (in the Web Worker), or a saved model
// opened in a pane (.keras, .h5, TF.js) with the weights stored in its file; every layer's
// output shape, MACs and time (measured by the core) is listed, times as bars.
import { EXAMPLES } from '../playground/seed-models.js';
import { formatInt, formatShape, formatCompact } from '../shared/format.js';
import { formatMs } from './render.js';
import { el } from '../shared/dom.js';
import { ReceptiveFieldView } from './receptive.js';

/** The seed models: both sides of every example. */
export const SEED_MODELS = EXAMPLES.flatMap((ex) => ['a', 'b'].map((key) => ({
  id: `${ex.id}:${key}`,
  label: `${ex.label.split(':')[0]} · ${ex[key].title}`,
  code: ex[key].code,
})));

const MAX_SEED = 2 ** 32 - 1;
const TICK_MS = 100;

/** Parses the seed field: an integer in [0, 2^32 - 1], else an error message. */
export function parseSeed(text) {
  const t = String(text).trim();
  if (!/^\d+$/.test(t)) return { error: `The seed must be a whole number from 0 to ${MAX_SEED}; got "${t}"` };
  const seed = Number(t);
  if (seed > MAX_SEED) return { error: `The seed must be at most ${MAX_SEED}; got ${t}` };
  return { seed };
}

export class ForwardRunner {
  /**
   * container: where to build; client: ApplyWorkerClient; getInput(): {data: Float32Array,
   * dims: number[], label} of the selected digit, or null.
   */
  // getSavedModels(): [{ key, name, file, sideFiles, hasWeights }] of the panes' opened files.
  // getEngine(): the page's engine, for the receptive-field view under the run.
  constructor(container, { client, getInput, getSavedModels = () => [], getEngine = () => null }) {
    this.client = client;
    this.getEngine = getEngine;
    this.getInput = getInput;
    this.getSavedModels = getSavedModels;
    this.running = false;
    this.ticker = 0;
    this.build(container);
  }

  build(container) {
    this.box = container;
    this.model = el('select', { id: 'ap-model' });
    this.refreshModels();
    this.seed = el('input', { id: 'ap-seed', type: 'text', inputmode: 'numeric', value: '1', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'ap-seed-hint' });
    this.run = el('button', { type: 'button', id: 'ap-run', class: 'button ap-run', text: 'Run forward' });
    this.progress = el('progress', { class: 'ap-progress', 'aria-label': 'Model run progress' });
    this.progress.hidden = true;
    this.status = el('p', { class: 'ap-status', role: 'status', 'aria-live': 'polite' });
    this.error = el('p', { class: 'ap-error', role: 'alert', id: 'ap-forward-error' });
    this.error.hidden = true;
    this.inputNote = el('p', { class: 'ap-note ap-input-note' });
    this.tbody = el('tbody');
    this.tfoot = el('tfoot');
    this.table = el('table', { class: 'ap-layers', id: 'ap-layers' },
      el('caption', { class: 'visually-hidden', text: 'Layers of the model run: output shape, multiply-accumulates and time in the core' }),
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col', text: 'Layer' }),
        el('th', { scope: 'col', text: 'Output shape' }),
        el('th', { scope: 'col', class: 'num', text: 'MACs' }),
        el('th', { scope: 'col', class: 'ap-time-col', text: 'Time in the core' }))),
      this.tbody, this.tfoot);
    this.tableWrap = el('div', { class: 'table-wrap ap-table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Layer times' }, this.table);
    this.tableWrap.hidden = true;
    this.output = el('p', { class: 'ap-note ap-output' });

    container.append(
      el('h3', { class: 'ap-subheading', id: 'ap-forward-heading', text: 'Run a model forward' }),
      el('p', { class: 'ap-note', text: 'Runs one of the example models on one sample with deterministic random weights, or a saved model you opened (.keras, .h5, TF.js) with the trained weights stored in its file, in the WebAssembly core, and times every layer. A model with a 28×28×1 input takes the digit picked above; otherwise the input is deterministic random.' }),
      el('div', { class: 'ap-forward-controls' },
        el('div', { class: 'ap-field ap-field-wide' }, el('label', { for: 'ap-model', text: 'Model' }), this.model),
        el('div', { class: 'ap-field' }, el('label', { for: 'ap-seed', text: 'Seed' }), this.seed,
          el('span', { class: 'ap-hint', id: 'ap-seed-hint', text: 'Same seed, same weights' })),
        el('div', { class: 'ap-field ap-field-run' }, this.run)),
      this.error, this.status, this.progress, this.inputNote, this.tableWrap, this.output);
    this.receptive = new ReceptiveFieldView(container, { getEngine: this.getEngine });

    this.run.addEventListener('click', () => this.start());
    this.seed.addEventListener('keydown', (e) => { if (e.key === 'Enter') this.start(); });
    this.seed.addEventListener('input', () => { this.seed.removeAttribute('aria-invalid'); });
  }

  // The seed models, then the panes' opened files that store weights (their own weights).
  refreshModels() {
    const keep = this.model.value;
    const saved = this.getSavedModels().filter((m) => m.hasWeights);
    const options = SEED_MODELS.map((m) => new Option(m.label, m.id));
    const groups = [];
    if (saved.length) {
      const group = el('optgroup', { label: 'Opened files (their stored weights)' });
      for (const m of saved) group.append(new Option(`Model ${m.key.toUpperCase()} · ${m.name} (stored weights)`, `saved:${m.key}`));
      groups.push(group);
    }
    const before = new Set([...this.model.options].map((o) => o.value));
    this.model.replaceChildren(...groups, ...options);
    const ids = [...this.model.options].map((o) => o.value);
    // A file just opened is the likely next run; otherwise the choice stays.
    const added = saved.map((m) => `saved:${m.key}`).filter((id) => !before.has(id));
    this.model.value = added.length ? added[added.length - 1] : (ids.includes(keep) ? keep : ids[0]);
  }

  // The chosen model: a seed model { label, code } or an opened file { label, saved }.
  chosen() {
    const id = this.model.value;
    if (id.startsWith('saved:')) {
      const m = this.getSavedModels().find((s) => `saved:${s.key}` === id);
      if (m) return { label: `Model ${m.key.toUpperCase()} · ${m.name}`, saved: { file: m.file, sideFiles: m.sideFiles ?? [] } };
    }
    const seed = SEED_MODELS.find((m) => m.id === id) ?? SEED_MODELS[0];
    return { label: seed.label, code: seed.code };
  }

  showError(message) {
    this.error.textContent = message;
    this.error.hidden = false;
  }

  async start() {
    if (this.running) return;
    const parsed = parseSeed(this.seed.value);
    if (parsed.error) {
      this.box.dataset.state = 'error';
      this.seed.setAttribute('aria-invalid', 'true');
      this.showError(parsed.error);
      return;
    }
    const model = this.chosen();
    const input = this.getInput();
    this.error.hidden = true;
    this.running = true;
    this.box.dataset.state = 'running';
    this.run.disabled = true;
    this.progress.hidden = false;
    this.progress.removeAttribute('value');
    const started = performance.now();
    const say = (text) => { this.status.textContent = text; };
    say(`Running ${model.label}…`);
    // The page keeps painting while the worker computes: the elapsed time shows it.
    this.ticker = setInterval(() => {
      say(`Running ${model.label} in a Web Worker… ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }, TICK_MS);
    try {
      const res = await this.client.request(
        { type: 'forward', source: model.code ?? null, saved: model.saved ?? null, seed: parsed.seed,
          input: input?.data ?? null, inputDims: input?.dims ?? null },
        { onProgress: (msg) => {
          if (msg.phase === 'plan') this.showPlan(msg, input);
          else if (msg.phase === 'layer') this.showLayerDone(msg);
        } },
      );
      this.showResult(res, input);
      await this.receptive.show({ source: model.code, saved: model.saved, input: res.usesGivenInput ? input : null });
      this.box.dataset.state = 'done';
      say(res.storedWeights
        ? `Ran ${model.label} with the weights stored in the file: ${formatMs(res.totalMs)} in the core.`
        : `Ran ${model.label} (seed ${parsed.seed}): ${formatMs(res.totalMs)} in the core.`);
    } catch (e) {
      this.showError(e?.message ?? String(e));
      this.box.dataset.state = 'error';
      say('The model did not run.');
      for (const cell of this.tbody.querySelectorAll('.ap-pending')) cell.textContent = '–';
    } finally {
      clearInterval(this.ticker);
      this.running = false;
      this.run.disabled = false;
      this.progress.hidden = true;
    }
  }

  // The layers, known from the summary before the run: rows wait for their times.
  showPlan(plan, input) {
    this.inputNote.textContent = plan.usesGivenInput
      ? `Input: ${input.label}, ${formatShape(plan.inputShape)}.`
      : `Input: deterministic random values, ${formatShape(plan.inputShape)}${input ? ` (the picked digit is ${input.dims.join('×')}, this model takes another shape)` : ''}.`;
    this.tbody.replaceChildren(...plan.layers.map((l) => el('tr', {},
      el('th', { scope: 'row' }, el('span', { class: 'ap-layer-name', text: l.name }), el('span', { class: 'ap-layer-class', text: l.className })),
      el('td', { class: 'mono', text: formatShape(l.outputShape) }),
      el('td', { class: 'num', text: formatInt(l.macs) }),
      el('td', { class: 'ap-pending', text: 'waiting…' }))));
    this.tfoot.replaceChildren();
    this.tableWrap.hidden = false;
    this.progress.max = plan.total;
  }

  // One layer finished while the pass goes on: its time replaces "waiting…".
  showLayerDone(msg) {
    const cell = this.tbody.rows[msg.index]?.querySelector('.ap-pending');
    if (cell) {
      cell.textContent = formatMs(msg.layer.ms);
      cell.classList.remove('ap-pending');
    }
    this.progress.value = msg.done;
  }

  showResult(res, input) {
    const maxMs = Math.max(1e-9, ...res.layers.map((l) => l.ms));
    let macs = 0;
    this.tbody.replaceChildren(...res.layers.map((l) => {
      macs += l.macs;
      const fill = el('span', { class: 'ap-bar-fill' });
      fill.style.setProperty('--w', `${Math.max(0.5, (100 * l.ms) / maxMs).toFixed(2)}%`);
      return el('tr', {},
        el('th', { scope: 'row' }, el('span', { class: 'ap-layer-name', text: l.name }), el('span', { class: 'ap-layer-class', text: l.className })),
        el('td', { class: 'mono', text: formatShape(l.outputShape) }),
        el('td', { class: 'num', text: formatInt(l.macs) }),
        el('td', { class: 'ap-time-cell' },
          el('span', { class: 'ap-bar', 'aria-hidden': 'true' }, fill),
          el('span', { class: 'ap-ms', text: formatMs(l.ms) })));
    }));
    const rate = res.totalMs > 0 ? ` · ${formatCompact(Math.round((macs / res.totalMs) * 1000))}MAC/s` : '';
    this.tfoot.replaceChildren(el('tr', {},
      el('th', { scope: 'row', text: 'Total' }),
      el('td', { class: 'mono', text: formatShape(res.outputShape) }),
      el('td', { class: 'num', text: formatInt(macs) }),
      el('td', { class: 'ap-ms ap-total', text: `${formatMs(res.totalMs)}${rate}` })));
    this.tableWrap.hidden = false;
    if (!input || !res.usesGivenInput) {
      this.inputNote.textContent = `Input: deterministic random values, ${formatShape(res.inputShape)}.`;
    }
    const shown = Array.from(res.output.subarray(0, 10), (v) => v.toFixed(3)).join(', ');
    let best = 0;
    for (let i = 1; i < res.output.length; i++) if (res.output[i] > res.output[best]) best = i;
    this.output.textContent = `Output ${formatShape(res.outputShape)}: ${shown}${res.output.length > 10 ? ', …' : ''}`
      + (res.storedWeights
        ? ` (largest at index ${best}; computed with the trained weights stored in the file).`
        : ` (largest at index ${best}; the weights are random, so this is no prediction).`);
  }
}
