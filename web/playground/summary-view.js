// Renders one model's summary: the Keras text (2 or 3 style, produced by the engine) and a
// richer table (padding before/after, spatial size change, output shape, params, MACs).
// When the model has an error the last good summary stays, dimmed and labelled stale.
// Big models (ResNet50 has 177 layers, InceptionResNetV2 782) stay responsive: the table shows
// PAGE rows at a time ("Show more"), and a search box finds layers by name or class.
import {
  formatInt, formatCompact, formatShape, formatPadding, paddingKind, describePadding,
  spatialChange, formatSpatialChange, formatSpatialDelta, formatAxes, describeReceptiveField,
} from '../shared/format.js';
import { COPY_FORMATS, summaryExport } from './summary-export.js';

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function srOnly(text) {
  return el('span', 'visually-hidden', text);
}

// Rows rendered at once; a find box appears from FIND_FROM layers up.
export const PAGE = 100;
const FIND_FROM = 30;

export class SummaryView {
  // onSelect(index | -1) when the user picks a layer row.
  constructor(root, { label, onSelect }) {
    this.root = root.querySelector('.summary');
    this.label = label;
    this.onSelect = onSelect;
    this.pre = this.root.querySelector('.summary-text');
    this.tbody = this.root.querySelector('tbody');
    this.tfoot = this.root.querySelector('tfoot');
    this.caption = this.root.querySelector('caption');
    this.status = this.root.querySelector('.summary-status');
    this.staleLabel = this.root.querySelector('.stale-label');
    this.tableWrap = this.root.querySelector('.table-wrap');
    this.notes = this.root.querySelector('.summary-notes');
    this.tools = this.root.querySelector('.table-tools');
    this.find = this.root.querySelector('.table-find');
    this.count = this.root.querySelector('.table-count');
    this.more = this.root.querySelector('.table-more');
    this.rfHeads = [...this.root.querySelectorAll('th.rf-col')];
    this.withRf = false;  // the result carries receptive fields (the toolbar's toggle)
    this.result = null;
    this.diff = null;
    this.selected = -1;
    this.shown = PAGE;
    this.find.setAttribute('aria-label', `${label}: find a layer by name or class`);
    this.find.addEventListener('input', () => {
      this.shown = PAGE;
      this.renderRows();
    });
    this.more.addEventListener('click', () => {
      this.shown += PAGE;
      this.renderRows();
    });
    this.pre.setAttribute('aria-label', `${label}: Keras summary text`);
    this.tableWrap.setAttribute('aria-label', `${label}: layers table`);
    this.caption.textContent = `${label}: layers, padding, spatial size, output shapes, parameters and multiply-accumulates`;
    this.copyGroup = this.root.querySelector('.summary-copy');
    this.copyGroup.setAttribute('aria-label', `${label}: copy the summary`);
    this.copyStatus = this.root.querySelector('.copy-status');
    for (const button of this.copyGroup.querySelectorAll('[data-copy]')) {
      const format = COPY_FORMATS.find((f) => f.id === button.dataset.copy);
      button.title = `Copy ${format.what}`;
      button.addEventListener('click', () => this.copy(format));
    }
    // Ctrl+A (⌘A) in the focused summary text or table selects that, not the whole page.
    for (const box of [this.pre, this.tableWrap]) {
      box.addEventListener('keydown', (e) => {
        if (e.key.toLowerCase() !== 'a' || !(e.ctrlKey || e.metaKey) || e.altKey || e.target !== box) return;
        e.preventDefault();
        getSelection().selectAllChildren(box);
      });
    }
    this.tbody.addEventListener('click', (e) => {
      const row = e.target.closest('tr[data-index]');
      if (row) this.select(Number(row.dataset.index) === this.selected ? -1 : Number(row.dataset.index));
    });
  }

  // Copies the shown summary (the stale one too: it is what the reader sees, labelled).
  async copy(format) {
    if (!this.result) return;
    const text = summaryExport(this.result, format.id);
    try {
      await navigator.clipboard.writeText(text);
      this.copyStatus.textContent = `Copied ${format.what}.`;
    } catch {
      // No clipboard permission (an insecure origin, a sandboxed frame): select the text instead.
      if (format.id === 'text') getSelection().selectAllChildren(this.pre);
      this.copyStatus.textContent = format.id === 'text'
        ? 'Copying was blocked: the text is selected, press Ctrl+C (⌘C).'
        : 'Copying was blocked by the browser.';
    }
  }

  get lastResult() {
    return this.result;
  }

  // Both also clear a pre-rendered summary (first paint): not this page's state, or no engine
  // to stand behind it.
  showLoading() {
    this.clear();
    this.root.classList.add('is-loading');
    this.pre.textContent = 'Loading the engine…';
  }

  // The engine itself is unavailable: nothing to show but the reason.
  showUnavailable(message) {
    this.clear();
    this.root.classList.add('is-unavailable');
    this.pre.textContent = message;
  }

  clear() {
    this.result = null;
    this.root.classList.remove('is-loading', 'is-stale', 'is-unavailable');
    this.staleLabel.hidden = true;
    this.notes.hidden = true;
    this.tools.hidden = true;
    this.more.hidden = true;
    this.copyGroup.hidden = true;
    this.copyStatus.textContent = '';
    this.tbody.replaceChildren();
    this.tfoot.replaceChildren();
  }

  // diff: per-row flags from compare.js ({shape, params, padding, missing}), or null.
  showResult(result, diff = null) {
    this.result = result;
    this.root.classList.remove('is-loading', 'is-stale', 'is-unavailable');
    this.staleLabel.hidden = true;
    this.pre.textContent = result.text;
    this.copyGroup.hidden = false;
    this.notes.textContent = (result.notes ?? []).map((n) => `Note: ${n}`).join('\n');
    this.notes.hidden = !result.notes?.length;
    this.renderTable(result, diff);
    if (this.selected >= result.layers.length) this.selected = -1;
    this.paintSelection();
    const n = result.layers.length;
    this.announce(`${this.label}: ${n} layer${n === 1 ? '' : 's'}, ${formatInt(result.totalParams)} parameters, output ${formatShape(result.layers[n - 1]?.outputShape)}.`);
  }

  // The live region speaks only when the news changes, not on every keystroke.
  announce(text) {
    if (this.status.textContent !== text) this.status.textContent = text;
  }

  // Keeps the last good summary visible but marked stale; the error itself is shown by the pane.
  showStale(errorText) {
    this.root.classList.remove('is-loading');
    this.announce(`${this.label} has an error: ${errorText}`);
    if (!this.result) {
      this.pre.textContent = 'No summary yet: fix the error above.';
      return;
    }
    this.root.classList.add('is-stale');
    this.staleLabel.hidden = false;
  }

  // Re-colours the differences without rebuilding the text (the other model changed).
  setDiff(diff) {
    if (this.result) this.renderTable(this.result, diff);
    this.paintSelection();
  }

  select(index) {
    this.selected = index;
    // A layer picked elsewhere (the editor, the other model) may be on a later page or
    // filtered out: bring its row in.
    if (index >= 0 && !this.tbody.querySelector(`tr[data-index="${index}"]`)) {
      if (!this.matchingRows().includes(index)) this.find.value = '';
      this.renderRows();
    }
    this.paintSelection();
    this.onSelect?.(index, index >= 0 ? this.result?.layers[index] ?? null : null);
  }

  paintSelection() {
    for (const row of this.tbody.rows) {
      const on = Number(row.dataset.index) === this.selected;
      row.classList.toggle('is-selected', on);
      row.querySelector('.layer-button')?.setAttribute('aria-pressed', String(on));
    }
  }

  // The rows that match the find box (all without a query), as original indices.
  matchingRows() {
    const layers = this.result?.layers ?? [];
    const q = this.find.value.trim().toLowerCase();
    const all = layers.map((_, i) => i);
    if (!q) return all;
    return all.filter((i) => layers[i].name.toLowerCase().includes(q) || layers[i].className.toLowerCase().includes(q));
  }

  // Renders the first `shown` matching rows (the selected one always among them).
  renderRows() {
    const layers = this.result?.layers ?? [];
    const match = this.matchingRows();
    let rows = match.slice(0, this.shown);
    if (this.selected >= 0 && match.includes(this.selected) && !rows.includes(this.selected)) rows = [...rows, this.selected];
    this.tbody.replaceChildren(...rows.map((i) => this.renderRow(layers[i], i, this.diff?.rows?.[i] ?? null)));
    this.tools.hidden = layers.length < FIND_FROM;
    const q = this.find.value.trim();
    this.count.textContent = q
      ? `${match.length} of ${layers.length} layers match`
      : rows.length < layers.length ? `showing ${rows.length} of ${layers.length} layers` : `${layers.length} layers`;
    const left = match.length - rows.length;
    this.more.hidden = left <= 0;
    this.more.textContent = `Show ${Math.min(PAGE, left)} more of ${left} remaining layers`;
    this.paintSelection();
  }

  renderTable(result, diff) {
    this.diff = diff;
    this.withRf = result.layers.some((l) => l.receptiveField !== undefined);
    for (const th of this.rfHeads) th.hidden = !this.withRf;
    this.renderRows();

    const total = el('tr', 'total-row');
    const th = el('th', null, `Total`);
    th.scope = 'row';
    total.append(th, el('td'), el('td'), el('td'));
    const params = el('td', 'num', formatInt(result.totalParams));
    if (diff?.totalParams) params.classList.add('is-diff');
    const macs = el('td', 'num', formatInt(result.totalMacs));
    macs.title = `${formatCompact(result.totalMacs)} multiply-accumulates per sample`;
    if (diff?.totalMacs) macs.classList.add('is-diff');
    total.append(params, macs);
    if (this.withRf) total.append(el('td'), el('td'), el('td'));

    const split = el('tr', 'split-row');
    const cell = el('td', null,
      `Trainable ${formatInt(result.trainableParams)} · non-trainable ${formatInt(result.nonTrainableParams)}`);
    cell.colSpan = this.withRf ? 9 : 6;
    split.append(cell);
    this.tfoot.replaceChildren(total, split);
  }

  // RF, jump, border-affected share: the core's analysis (receptive_field.cpp) of this layer;
  // dashes where the spatial mapping ends (Flatten, global pooling, Dense).
  receptiveFieldCells(rf) {
    if (!rf) return [0, 1, 2].map(() => { const td = el('td', 'mono rf-cell'); td.append(el('span', 'muted', '—')); return td; });
    const words = describeReceptiveField(rf);
    const size = el('td', 'mono rf-cell', formatAxes(rf.size));
    if (!rf.aligned) size.append(' ', el('span', 'rf-unaligned', 'unaligned'));
    const jump = el('td', 'mono rf-cell', formatAxes(rf.stride));
    const border = el('td', 'num rf-cell', `${(100 * rf.borderFraction).toFixed(1)} %`);
    if (rf.borderFraction > 0) border.classList.add('rf-border');
    for (const td of [size, jump, border]) td.title = words;
    border.append(srOnly(` (${words})`));
    return [size, jump, border];
  }

  renderRow(layer, i, flags) {
    const tr = el('tr');
    tr.dataset.index = String(i);
    if (layer.line) tr.dataset.line = String(layer.line);

    const nameCell = el('th');
    nameCell.scope = 'row';
    const button = el('button', 'layer-button');
    button.type = 'button';
    button.append(el('span', 'layer-name', layer.name), ' ', el('span', 'layer-class', layer.className));
    // Graph models: the layers this one reads ("conv2d[1][0]" keeps its node / tensor index).
    if (layer.connectedTo?.length) {
      const inputs = layer.connectedTo.map((c) => c.replace(/\[0\]\[0\]$/, '')).join(', ');
      button.append(el('span', 'layer-inputs', `← ${inputs}`));
    }
    // Layers that pad or crop have a padding diagram: say so on the row, not only in a tooltip.
    const drawable = Array.isArray(layer.padding) && layer.padding.length > 0;
    if (drawable) button.append(el('span', 'draw-chip', 'Draw ▸'));
    const what = drawable ? `Select ${layer.name} and draw its padding diagram` : `Select ${layer.name}`;
    button.title = layer.line ? `${what} (line ${layer.line})` : what;
    nameCell.append(button);

    const diffCell = (td, changed, what) => {
      if (changed) {
        td.classList.add('is-diff');
        td.append(srOnly(` (${what} differs from the other model)`));
      }
      return td;
    };

    const shape = diffCell(el('td', 'mono', formatShape(layer.outputShape)), flags?.shape, 'shape');
    const params = diffCell(el('td', 'num', formatInt(layer.params)), flags?.params, 'parameter count');
    if (layer.nonTrainableParams) params.title = `${formatInt(layer.nonTrainableParams)} non-trainable`;
    const macs = diffCell(el('td', 'num', formatInt(layer.macs)), flags?.macs, 'MAC count');

    const padding = el('td', 'mono');
    const kind = paddingKind(layer.padding);
    if (kind === 'none') padding.append(el('span', 'muted', '—'));
    else {
      padding.append(el('span', `pad pad-${kind}`, formatPadding(layer.padding)));
      padding.title = describePadding(layer.padding);
      padding.append(srOnly(` (${describePadding(layer.padding)})`));
    }
    diffCell(padding, flags?.padding, 'padding');

    const spatial = el('td', 'mono');
    const change = spatialChange(layer.inputShape, layer.outputShape);
    if (!change.length) spatial.append(el('span', 'muted', '—'));
    else {
      spatial.append(el('span', 'spatial', formatSpatialChange(change)));
      const delta = formatSpatialDelta(change);
      if (delta) {
        const sign = change.every((c) => c.delta === 0) ? 'zero' : change.some((c) => c.delta < 0) ? 'shrink' : 'grow';
        spatial.append(' ', el('span', `delta delta-${sign}`, delta));
      }
    }
    // Padding first: the columns this tool exists for stay in view in a narrow pane.
    tr.append(nameCell, padding, spatial, shape, params, macs);
    if (this.withRf) tr.append(...this.receptiveFieldCells(layer.receptiveField));
    if (flags?.missing) {
      tr.classList.add('is-extra');
      nameCell.append(srOnly(' (only in this model)'));
    }
    return tr;
  }
}
