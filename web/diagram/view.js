// Draws a DiagramModel (diagram-model.js) as live, inline SVG: the padded input, the output,
// the window of the current step, and — on hover or focus — the receptive field of any output
// cell. Built with createElementNS / setAttribute / textContent only (values are data, never
// markup), styled by classes from diagram-style.js (no style attributes: CSP-safe).
//
// Hooks for scripts and tests: grid cells carry data-pos="i,j" and data-kind, output cells
// data-out="i,j" and data-step; highlighted cells get the class is-rf.
//
// The picture follows the core renderer (core/diagram/svg_renderer.cpp) — same palette, same
// cropping rule, outputs of a 1D diagram under their anchor cell — so what the page shows and
// what it exports (the core's SVG) look alike.

const NS = 'http://www.w3.org/2000/svg';
let uid = 0;

function svg(tag, attrs = {}, parent = null) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (parent) parent.append(node);
  return node;
}

function text(parent, x, y, content, cls, anchor = null) {
  const t = svg('text', { x: r1(x), y: r1(y), class: cls }, parent);
  if (anchor) t.setAttribute('text-anchor', anchor);
  t.textContent = content;
  return t;
}

const r1 = (v) => Math.round(v * 10) / 10;

// A cell value as the core writes it (core/diagram/diagram.hpp format_value): integers
// plainly, else up to 3 decimals; U+2212 for minus.
export function formatValue(v) {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  const a = Math.abs(v);
  let s;
  if (a >= 1e7) {
    s = a.toExponential(2).replace(/\.?0+e/, 'e').replace('e+', 'e');
  } else {
    s = String(Math.round(a * 1000) / 1000);
    if (s === '0') return '0';
  }
  return v < 0 ? `−${s}` : s;
}

const textWidth = (t, size) => t.length * size * 0.56;
const key = (p) => p.join(',');

export class DiagramView {
  // figure: an element the SVG is drawn into. onHover(stepIndex | null), onPick(stepIndex).
  constructor(figure, { onHover = null, onPick = null } = {}) {
    this.figure = figure;
    this.onHover = onHover;
    this.onPick = onPick;
    this.model = null;
    this.view = null;
    this.current = -1;
    this.hovered = null;
    this.id = `pld${++uid}`;
    figure.addEventListener('pointerover', (e) => {
      const out = e.target.closest?.('[data-step]');
      this.onHover?.(out && this.figure.contains(out) ? Number(out.dataset.step) : null);
    });
    figure.addEventListener('pointerleave', () => this.onHover?.(null));
    figure.addEventListener('click', (e) => {
      const out = e.target.closest?.('[data-step]');
      if (out && this.figure.contains(out)) this.onPick?.(Number(out.dataset.step));
    });
  }

  setModel(model) {
    this.model = model;
    this.view = null;
    this.current = -1;
    this.hovered = null;
  }

  clear() {
    this.model = null;
    this.view = null;
    this.figure.replaceChildren();
  }

  // Draws step `index` (0 for a padding-only diagram).
  show(index) {
    const m = this.model;
    if (!m) return;
    const v = m.viewFor(index, this.view);
    if (!this.view || JSON.stringify(v) !== JSON.stringify(this.view)) {
      this.view = v;
      this.build();
    }
    this.paint(index);
    if (this.hovered !== null) this.highlight(this.hovered);
  }

  // "showing 16 of 30 columns of the padded input; 16 of 28 columns of the output", or ''.
  cropNote() {
    const m = this.model;
    if (!m || !this.view) return '';
    const names = m.rank === 1 ? ['cells'] : m.rank === 2 ? ['rows', 'columns'] : ['depth slices', 'rows', 'columns'];
    const part = (view, full) => view.map(([lo, hi], a) => (hi - lo < full[a] ? `${hi - lo} of ${full[a]} ${names[a]}` : null))
      .filter(Boolean).join(', ');
    const inPart = part(this.view.grid, m.geo.grid);
    const outPart = this.view.output ? part(this.view.output, m.geo.output) : '';
    const bits = [];
    if (inPart) bits.push(`${inPart} of the ${m.hasKernel ? 'padded input' : 'grid'}`);
    if (outPart) bits.push(`${outPart} of the output`);
    return bits.length ? `Showing ${bits.join('; ')} — the window follows the current step.` : '';
  }

  // ---- layout -------------------------------------------------------------------------------
  layout() {
    const m = this.model;
    const v = this.view;
    const rank = m.rank;
    const sizes = v.grid.map(([lo, hi]) => hi - lo);
    const biggest = Math.max(...sizes);
    const cs = rank === 3 ? (biggest > 6 ? 28 : 34) : rank === 1 ? (biggest > 16 ? 32 : 40) : (biggest > 10 ? 32 : 40);
    const L = { cs, rank, inX: [], outX: [], inY: 0, outY: 0, width: 0, height: 0 };
    const hasOut = m.stepCount > 0;
    if (rank === 1) {
      L.inX = [60];
      L.inY = 8;
      L.outY = L.inY + cs + 18 + Math.max(30, Math.round(cs * 0.9));
      L.width = L.inX[0] + sizes[0] * cs + 24;
      L.height = (hasOut ? L.outY : L.inY) + cs + 22;
    } else if (rank === 2) {
      const W = sizes[1] * cs;
      const H = sizes[0] * cs;
      const OW = hasOut ? (v.output[1][1] - v.output[1][0]) * cs : 0;
      const OH = hasOut ? (v.output[0][1] - v.output[0][0]) * cs : 0;
      const top = 40;
      L.inX = [36];
      L.inY = top + Math.max(0, (OH - H) / 2);
      let right = L.inX[0] + W;
      if (hasOut) {
        L.outX = [L.inX[0] + W + Math.max(3 * cs, 104)];
        L.outY = top + Math.max(0, (H - OH) / 2);
        right = L.outX[0] + OW;
      }
      L.width = right + 24;
      L.height = top + Math.max(H, OH) + 26;
    } else {
      const W = sizes[2] * cs;
      const H = sizes[1] * cs;
      const sep = Math.max(18, cs * 0.6);
      L.inY = 26;
      for (let z = 0; z < sizes[0]; z++) L.inX.push(12 + z * (W + sep));
      let right = L.inX[L.inX.length - 1] + W;
      let bottom = L.inY + H + 20;
      if (hasOut) {
        const oz = v.output[0][1] - v.output[0][0];
        const OW = (v.output[2][1] - v.output[2][0]) * cs;
        const OH = (v.output[1][1] - v.output[1][0]) * cs;
        L.outY = L.inY + H + 56;
        for (let z = 0; z < oz; z++) L.outX.push(12 + z * (OW + sep));
        right = Math.max(right, L.outX[L.outX.length - 1] + OW);
        bottom = L.outY + OH + 20;
      }
      L.width = right + 24;
      L.height = bottom;
    }
    return L;
  }

  // Top-left corner of grid position p, or null when it is outside the drawn region.
  cellXY(p) {
    const { grid } = this.view;
    const L = this.L;
    for (let a = 0; a < L.rank; a++) if (p[a] < grid[a][0] || p[a] >= grid[a][1]) return null;
    const col = L.rank - 1;
    const panel = L.rank === 3 ? p[0] - grid[0][0] : 0;
    return {
      x: L.inX[panel] + (p[col] - grid[col][0]) * L.cs,
      y: L.inY + (L.rank > 1 ? (p[L.rank - 2] - grid[L.rank - 2][0]) * L.cs : 0),
    };
  }

  // Top-left corner of output cell o, or null.
  outXY(o) {
    const m = this.model;
    const L = this.L;
    if (m.stepCount === 0) return null;
    if (L.rank === 1) {
      const g = o[0] * m.geo.gridStride[0] + m.anchor();
      const [lo, hi] = this.view.grid[0];
      if (g < lo || g >= hi) return null;
      return { x: L.inX[0] + (g - lo) * L.cs, y: L.outY };
    }
    const ov = this.view.output;
    for (let a = 0; a < L.rank; a++) if (o[a] < ov[a][0] || o[a] >= ov[a][1]) return null;
    const col = L.rank - 1;
    const panel = L.rank === 3 ? o[0] - ov[0][0] : 0;
    return { x: L.outX[panel] + (o[col] - ov[col][0]) * L.cs, y: L.outY + (o[L.rank - 2] - ov[L.rank - 2][0]) * L.cs };
  }

  // Output cells in the drawn region, row-major, with their step index.
  visibleOutputs() {
    const m = this.model;
    const out = [];
    if (m.stepCount === 0) return out;
    if (m.rank === 1) {
      for (let j = 0; j < m.geo.output[0]; j++) if (this.outXY([j])) out.push([j]);
      return out;
    }
    const ranges = this.view.output;
    const walk = (a, prefix) => {
      if (a === m.rank) { out.push(prefix); return; }
      for (let i = ranges[a][0]; i < ranges[a][1]; i++) walk(a + 1, [...prefix, i]);
    };
    walk(0, []);
    return out;
  }

  // ---- the static part: cells, labels, outputs -----------------------------------------------
  build() {
    const m = this.model;
    this.L = this.layout();
    const L = this.L;
    const cs = L.cs;
    const vf = Math.round(cs * 0.34);
    const sf = Math.max(8, Math.round(cs * 0.23));
    const p = this.id;
    const root = svg('svg', {
      xmlns: NS, class: 'pld-svg', width: Math.ceil(L.width), height: Math.ceil(L.height),
      viewBox: `0 0 ${Math.ceil(L.width)} ${Math.ceil(L.height)}`, 'aria-hidden': 'true', focusable: 'false',
    });
    const defs = svg('defs', {}, root);
    for (const [id, fill, line] of [['pp', 'pld-hp', 'pld-hpl'], ['ps', 'pld-hs', 'pld-hsl'], ['pc', 'pld-hc', 'pld-hcl']]) {
      const pat = svg('pattern', { id: `${p}-${id}`, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' }, defs);
      svg('rect', { width: 6, height: 6, class: fill }, pat);
      svg('line', { x1: 0, y1: 0, x2: 0, y2: 6, class: line }, pat);
    }
    this.beamLayer = svg('g', { class: 'pld-beams' }, root);
    const cellsLayer = svg('g', { class: 'pld-cells' }, root);
    const labels = svg('g', { class: 'pld-labels' }, root);
    const outputs = svg('g', { class: 'pld-outputs' }, root);
    this.overlay = svg('g', { class: 'pld-overlay' }, root);
    this.hoverLayer = svg('g', { class: 'pld-hoverlayer' }, root);

    const cells = m.cellsIn(this.view.grid);
    this.cells = cells;
    this.rects = new Map();
    for (const cell of cells.values()) {
      const at = this.cellXY(cell.pos);
      const g = svg('g', { 'data-pos': key(cell.pos), 'data-kind': cell.kind }, cellsLayer);
      if (!cell.read && cell.kind !== 'pad') g.setAttribute('class', 'pld-unread');
      let cls = 'pld-cell pld-k-input';
      let fill = null;
      const sourced = cell.kind === 'pad' && cell.source !== null;
      if (cell.kind === 'pad') {
        cls = sourced ? 'pld-cell pld-k-src' : 'pld-cell pld-k-pad';
        fill = `url(#${p}-${sourced ? 'ps' : 'pp'})`;
      } else if (cell.kind === 'gap') cls = 'pld-cell pld-k-gap';
      else if (cell.kind === 'cropped') {
        cls = 'pld-cell pld-k-cropped';
        fill = `url(#${p}-pc)`;
      }
      const rect = svg('rect', { x: r1(at.x), y: r1(at.y), width: cs, height: cs, class: cls }, g);
      if (fill) rect.setAttribute('fill', fill);
      this.rects.set(key(cell.pos), rect);
      const ignored = cell.kind === 'pad' && m.geo.padsIgnored;
      if (!ignored) {
        const t = formatValue(cell.value);
        if (textWidth(t, vf) <= cs - 5) {
          const cy = sourced ? at.y + cs * 0.44 : at.y + cs / 2;
          text(g, at.x + cs / 2, cy + vf * 0.35, t, cell.kind === 'gap' ? 'pld-vm' : 'pld-v', 'middle')
            .setAttribute('font-size', vf);
        }
      }
      if (sourced) {
        const label = m.rank === 1 ? `x${cell.source[0]}` : cell.source.join(',');
        if (textWidth(label, sf) <= cs - 4) {
          text(g, at.x + cs / 2, at.y + cs - 4, label, 'pld-srcl', 'middle').setAttribute('font-size', sf);
        }
      }
    }
    this.drawLabels(labels, cells, vf, sf);

    this.outRects = new Map();
    for (const o of this.visibleOutputs()) {
      const at = this.outXY(o);
      const step = m.stepIndexOf(o);
      const rect = svg('rect', {
        x: r1(at.x), y: r1(at.y), width: cs, height: cs, rx: 3, class: 'pld-out',
        'data-out': key(o), 'data-step': step,
      }, outputs);
      this.outRects.set(step, rect);
      if (L.rank === 1) text(outputs, at.x + cs / 2, at.y + cs + 14, `y${o[0]}`, 'pld-ix', 'middle').setAttribute('font-size', Math.max(9, sf + 1));
    }
    this.figure.replaceChildren(root);
    this.root = root;
  }

  drawLabels(g, cells, vf, sf) {
    const m = this.model;
    const L = this.L;
    const cs = L.cs;
    const { grid } = this.view;
    const ixf = Math.max(9, sf + 1);
    // The input index an axis position shows, or null over padding.
    const inputIndex = (axis, pos) => {
      const rel = pos - m.geo.offset[axis];
      if (m.geo.spec.op === 'transpose') {
        const s = m.geo.axes[axis].stride;
        return rel >= 0 && rel % s === 0 && rel / s < m.geo.spec.input[axis] ? rel / s : null;
      }
      return rel >= 0 && rel < m.geo.spec.input[axis] ? rel : null;
    };
    const label = (x, y, t, anchor = null) => text(g, x, y, t, 'pld-ix', anchor).setAttribute('font-size', ixf);
    if (L.rank === 1) {
      for (let i = grid[0][0]; i < grid[0][1]; i++) {
        const n = inputIndex(0, i);
        if (n !== null) label(L.inX[0] + (i - grid[0][0]) * cs + cs / 2, L.inY + cs + 14, `x${n}`, 'middle');
      }
      text(g, 8, L.inY + cs / 2 + 4, m.hasKernel ? 'input' : 'padded', 'pld-lab');
      if (m.stepCount > 0) text(g, 8, L.outY + cs / 2 + 4, 'output', 'pld-lab');
      if (grid[0][0] > 0) text(g, L.inX[0] - 4, L.inY + cs / 2 + 4, '…', 'pld-lab', 'end');
      if (grid[0][1] < m.geo.grid[0]) text(g, L.inX[0] + (grid[0][1] - grid[0][0]) * cs + 4, L.inY + cs / 2 + 4, '…', 'pld-lab');
      return;
    }
    if (L.rank === 2) {
      for (let j = grid[1][0]; j < grid[1][1]; j++) {
        const n = inputIndex(1, j);
        if (n !== null) label(L.inX[0] + (j - grid[1][0]) * cs + cs / 2, L.inY - 5, String(n), 'middle');
      }
      for (let i = grid[0][0]; i < grid[0][1]; i++) {
        const n = inputIndex(0, i);
        if (n !== null) label(L.inX[0] - 5, L.inY + (i - grid[0][0]) * cs + cs / 2 + ixf * 0.35, String(n), 'end');
      }
      const padded = m.geo.grid.some((v, a) => v !== m.geo.spec.input[a]);
      text(g, L.inX[0], L.inY - 22, `${padded ? 'padded input' : 'input'} ${m.geo.grid.join('×')}`, 'pld-lab');
      const W = (grid[1][1] - grid[1][0]) * cs;
      const H = (grid[0][1] - grid[0][0]) * cs;
      if (grid[1][0] > 0) text(g, L.inX[0] - 18, L.inY + H / 2, '…', 'pld-lab', 'end');
      if (grid[1][1] < m.geo.grid[1]) text(g, L.inX[0] + W + 4, L.inY + H / 2, '…', 'pld-lab');
      if (grid[0][1] < m.geo.grid[0]) text(g, L.inX[0] + W / 2, L.inY + H + 16, '⋮', 'pld-lab', 'middle');
      if (m.stepCount > 0) {
        const ov = this.view.output;
        for (let j = ov[1][0]; j < ov[1][1]; j++) label(L.outX[0] + (j - ov[1][0]) * cs + cs / 2, L.outY - 5, String(j), 'middle');
        for (let i = ov[0][0]; i < ov[0][1]; i++) label(L.outX[0] - 5, L.outY + (i - ov[0][0]) * cs + cs / 2 + ixf * 0.35, String(i), 'end');
        text(g, L.outX[0], L.outY - 22, `output ${m.geo.output.join('×')}`, 'pld-lab');
      }
      return;
    }
    for (let z = grid[0][0]; z < grid[0][1]; z++) {
      const n = inputIndex(0, z);
      text(g, L.inX[z - grid[0][0]], L.inY - 8, n !== null ? `depth ${n}` : 'depth (padding)', 'pld-lab');
    }
    if (m.stepCount > 0) {
      const ov = this.view.output;
      for (let z = ov[0][0]; z < ov[0][1]; z++) text(g, L.outX[z - ov[0][0]], L.outY - 8, `output depth ${z}`, 'pld-lab');
    }
  }

  // ---- the moving part: the window of step `index` -------------------------------------------
  paint(index) {
    const m = this.model;
    this.current = index;
    this.overlay.replaceChildren();
    this.beamLayer.replaceChildren();
    if (m.stepCount === 0) return;
    const L = this.L;
    const cs = L.cs;
    const st = m.step(index);
    for (const [step, rect] of this.outRects) {
      rect.classList.toggle('is-done', step < index);
      rect.classList.toggle('is-current', step === index);
    }
    const dilated = m.geo.spec.dilation.some((d) => d > 1);
    const boxes = new Map();
    for (const t of st.window) {
      const at = this.cellXY(t);
      if (!at) continue;
      const panel = L.rank === 3 ? t[0] : 0;
      const b = boxes.get(panel) ?? { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
      b.x0 = Math.min(b.x0, at.x); b.y0 = Math.min(b.y0, at.y);
      b.x1 = Math.max(b.x1, at.x + cs); b.y1 = Math.max(b.y1, at.y + cs);
      boxes.set(panel, b);
      svg('rect', { x: r1(at.x), y: r1(at.y), width: cs, height: cs, class: 'pld-tap' }, this.overlay);
      if (dilated) svg('rect', { x: r1(at.x + 1.5), y: r1(at.y + 1.5), width: cs - 3, height: cs - 3, class: 'pld-tapline' }, this.overlay);
    }
    for (const b of boxes.values()) {
      svg('rect', { x: r1(b.x0), y: r1(b.y0), width: r1(b.x1 - b.x0), height: r1(b.y1 - b.y0), rx: 2,
        class: dilated ? 'pld-win is-dilated' : 'pld-win' }, this.overlay);
    }
    // Where a copied padding value comes from: a ring on its source cell.
    if (m.geo.spec.mode !== 'constant') {
      const seen = new Set();
      for (const t of st.window) {
        const c = this.cells.get(key(t));
        if (!c || c.kind !== 'pad' || c.source === null) continue;
        const src = c.source.map((v, a) => v + m.geo.offset[a]);
        if (seen.has(key(src))) continue;
        seen.add(key(src));
        const at = this.cellXY(src);
        if (at) svg('rect', { x: r1(at.x + 2.5), y: r1(at.y + 2.5), width: cs - 5, height: cs - 5, rx: 3, class: 'pld-ring' }, this.overlay);
      }
    }
    // A faint beam from the window to the output cell it writes.
    const out = this.outXY(st.output);
    const main = boxes.get(L.rank === 3 ? [...boxes.keys()][0] : 0);
    if (out && main && L.rank < 3) {
      const pts = L.rank === 1
        ? [[main.x0, main.y1], [main.x1, main.y1], [out.x + cs, out.y], [out.x, out.y]]
        : [[main.x1, main.y0], [out.x, out.y], [out.x, out.y + cs], [main.x1, main.y1]];
      svg('polygon', { points: pts.map(([x, y]) => `${r1(x)},${r1(y)}`).join(' '), class: 'pld-beam' }, this.beamLayer);
    }
  }

  // Marks the receptive field of step `index` (the cells its output reads); null clears.
  highlight(index) {
    const m = this.model;
    this.hovered = index;
    for (const rect of this.figure.querySelectorAll('.is-rf, .is-hover')) rect.classList.remove('is-rf', 'is-hover');
    this.hoverLayer?.replaceChildren();
    if (!m || index === null || index < 0 || index >= m.stepCount) return;
    const st = m.step(index);
    const cs = this.L.cs;
    const boxes = new Map();
    for (const t of st.window) {
      const rect = this.rects.get(key(t));
      if (rect) rect.classList.add('is-rf');
      const at = this.cellXY(t);
      if (!at) continue;
      const panel = this.L.rank === 3 ? t[0] : 0;
      const b = boxes.get(panel) ?? { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
      b.x0 = Math.min(b.x0, at.x); b.y0 = Math.min(b.y0, at.y);
      b.x1 = Math.max(b.x1, at.x + cs); b.y1 = Math.max(b.y1, at.y + cs);
      boxes.set(panel, b);
    }
    for (const b of boxes.values()) {
      svg('rect', { x: r1(b.x0 - 3), y: r1(b.y0 - 3), width: r1(b.x1 - b.x0 + 6), height: r1(b.y1 - b.y0 + 6), rx: 4,
        class: 'pld-rfbox' }, this.hoverLayer);
    }
    this.outRects.get(index)?.classList.add('is-hover');
  }
}
