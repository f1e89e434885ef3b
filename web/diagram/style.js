// The diagram's stylesheet, shared by the playground page and the embeddable components.
// It is applied as a constructable stylesheet (document.adoptedStyleSheets / shadowRoot
// .adoptedStyleSheets): CSSOM, not markup, so it needs no 'unsafe-inline' under a
// Content-Security-Policy with style-src 'self' (or none at all).
//
// Colours are the palette of core/diagram/palette.hpp (light, and dark under
// prefers-color-scheme), so the live diagram and the exported SVG / PNG / GIF agree.
// `.pld.is-light` / `.pld.is-dark` pin a theme (the page's theme switch, the `theme` attribute).

const LIGHT = `
  --pld-bg: #ffffff; --pld-text: #1f2937; --pld-muted: #64748b; --pld-grid: #94a3b8;
  --pld-input: #dbeafe; --pld-input-stroke: #60a5fa;
  --pld-pad: #f1f5f9; --pld-pad-hatch: #cbd5e1;
  --pld-src: #fef3c7; --pld-src-hatch: #fbbf24; --pld-src-text: #b45309;
  --pld-gap: #ffffff; --pld-crop: #fee2e2; --pld-crop-hatch: #f87171;
  --pld-kernel: #e11d48; --pld-out: #ffffff; --pld-out-stroke: #34d399;
  --pld-out-done: #bbf7d0; --pld-out-current: #10b981; --pld-out-current-text: #ffffff;
  --pld-rf: #6d28d9; --pld-rf-soft: rgb(109 40 217 / 0.16);
  --pld-control: #ffffff; --pld-control-border: #cbd5e1; --pld-accent: #2761c4; --pld-error: #b3261e;
  --pld-error-soft: #fde4e6;
`;

const DARK = `
  --pld-bg: #0f172a; --pld-text: #e5e7eb; --pld-muted: #94a3b8; --pld-grid: #475569;
  --pld-input: #1e3a5f; --pld-input-stroke: #3b82f6;
  --pld-pad: #1e293b; --pld-pad-hatch: #475569;
  --pld-src: #422006; --pld-src-hatch: #b45309; --pld-src-text: #fbbf24;
  --pld-gap: #0f172a; --pld-crop: #450a0a; --pld-crop-hatch: #b91c1c;
  --pld-kernel: #fb7185; --pld-out: #0f172a; --pld-out-stroke: #10b981;
  --pld-out-done: #065f46; --pld-out-current: #10b981; --pld-out-current-text: #0f172a;
  --pld-rf: #c4b5fd; --pld-rf-soft: rgb(196 181 253 / 0.22);
  --pld-control: #1e293b; --pld-control-border: #475569; --pld-accent: #7db3ff; --pld-error: #ff7b86;
  --pld-error-soft: #47202a;
`;

export const DIAGRAM_CSS = `
.pld { ${LIGHT} color: var(--pld-text); background: var(--pld-bg); }
@media (prefers-color-scheme: dark) { .pld:not(.is-light) { ${DARK} } }
.pld.is-dark { ${DARK} }

.pld-figure { position: relative; overflow-x: auto; border-radius: 6px; }
.pld-figure:focus-visible { outline: 2px solid var(--pld-accent); outline-offset: 2px; }
.pld-svg { display: block; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
.pld-svg text { pointer-events: none; }

/* cells */
.pld-cell { stroke-width: 1; }
.pld-k-input { fill: var(--pld-input); stroke: var(--pld-input-stroke); }
.pld-k-pad { stroke: var(--pld-grid); }
.pld-k-src { stroke: var(--pld-src-hatch); }
.pld-k-gap { fill: var(--pld-gap); stroke: var(--pld-grid); stroke-dasharray: 3 3; }
.pld-k-cropped { stroke: var(--pld-crop-hatch); }
.pld-unread { opacity: 0.38; }
.pld-hp { fill: var(--pld-pad); } .pld-hpl { stroke: var(--pld-pad-hatch); stroke-width: 2; }
.pld-hs { fill: var(--pld-src); } .pld-hsl { stroke: var(--pld-src-hatch); stroke-width: 2; }
.pld-hc { fill: var(--pld-crop); } .pld-hcl { stroke: var(--pld-crop-hatch); stroke-width: 2; }
.pld-v { fill: var(--pld-text); font-weight: 500; }
.pld-vm { fill: var(--pld-muted); }
.pld-srcl { fill: var(--pld-src-text); font-weight: 600; }
.pld-ix, .pld-lab { fill: var(--pld-muted); }
.pld-lab { font-size: 12px; }

/* outputs */
.pld-out { fill: var(--pld-out); stroke: var(--pld-out-stroke); stroke-width: 1.5; cursor: pointer; }
.pld-out.is-done { fill: var(--pld-out-done); }
.pld-out.is-current { fill: var(--pld-out-current); stroke: var(--pld-out-current); stroke-width: 2; }
.pld-ov { fill: var(--pld-text); font-weight: 600; }
.pld-ov.is-current { fill: var(--pld-out-current-text); }

/* the window of the current step */
.pld-tap { fill: var(--pld-kernel); fill-opacity: 0.2; }
.pld-win { fill: none; stroke: var(--pld-kernel); stroke-width: 3; }
.pld-win.is-dilated { stroke-dasharray: 5 4; stroke-width: 1.5; }
.pld-tapline { fill: none; stroke: var(--pld-kernel); stroke-width: 1.5; }
.pld-beam { fill: var(--pld-kernel); fill-opacity: 0.1; stroke: var(--pld-kernel); stroke-opacity: 0.35; }
.pld-ring { fill: none; stroke: var(--pld-src-text); stroke-width: 2; stroke-dasharray: 4 2; }

/* hover / focus: the receptive field of one output cell */
.pld-cell.is-rf { stroke: var(--pld-rf); stroke-width: 3; }
.pld-rfbox { fill: var(--pld-rf-soft); stroke: var(--pld-rf); stroke-width: 2; stroke-dasharray: 6 3; pointer-events: none; }
.pld-out.is-hover { stroke: var(--pld-rf); stroke-width: 3; }

/* captions (HTML, below the picture) */
.pld-title { margin: 0; font-size: 15px; font-weight: 650; }
.pld-sub { margin: 2px 0 0; font-size: 13px; color: var(--pld-muted); }
.pld-step { margin: 6px 0 0; font-size: 13px; font-weight: 600; color: var(--pld-kernel); min-height: 1.4em; }
.pld-hover { margin: 0; font-size: 13px; color: var(--pld-rf); min-height: 1.4em; }
.pld-formula { margin: 6px 0 0; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 13px; white-space: pre-wrap; }
.pld-notes { margin: 4px 0 0; padding: 0; list-style: none; font-size: 12.5px; color: var(--pld-muted); }
.pld-notes li { margin: 1px 0; }
.pld-legend { display: flex; flex-wrap: wrap; gap: 4px 14px; margin: 6px 0 0; padding: 0; list-style: none; font-size: 12px; }
.pld-legend li { display: inline-flex; align-items: center; gap: 6px; }
.pld-swatch { width: 14px; height: 14px; display: inline-block; vertical-align: middle; flex: none; }
.pld-sw-input { fill: var(--pld-input); stroke: var(--pld-input-stroke); }
.pld-sw-pad { fill: var(--pld-pad); stroke: var(--pld-pad-hatch); stroke-width: 2; }
.pld-sw-src { fill: var(--pld-src); stroke: var(--pld-src-hatch); stroke-width: 2; }
.pld-sw-gap { fill: var(--pld-gap); stroke: var(--pld-grid); stroke-dasharray: 3 2; }
.pld-sw-cropped { fill: var(--pld-crop); stroke: var(--pld-crop-hatch); stroke-width: 2; }
.pld-sw-unread { fill: var(--pld-input); stroke: var(--pld-input-stroke); opacity: 0.38; }
.pld-sw-win { fill: none; stroke: var(--pld-kernel); stroke-width: 3; }
.pld-sw-current { fill: var(--pld-out-current); stroke: var(--pld-out-current); }
.pld-sw-done { fill: var(--pld-out-done); stroke: var(--pld-out-stroke); }
.pld-sw-rf { fill: var(--pld-rf-soft); stroke: var(--pld-rf); stroke-width: 2; stroke-dasharray: 4 2; }
.pld-error { margin: 8px 0; padding: 8px 10px; border-left: 4px solid var(--pld-error); background: var(--pld-error-soft);
  border-radius: 4px; font-size: 13px; overflow-wrap: anywhere; white-space: pre-wrap; }
`;

// Extra rules of the components' shadow roots: their own small controls.
export const COMPONENT_CSS = `
:host { display: block; max-width: 100%; margin: 1em 0; }
:host([hidden]) { display: none; }
[hidden] { display: none !important; }
.pld { padding: 12px; border: 1px solid var(--pld-grid); border-radius: 8px;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
.pld-controls { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin-top: 8px; }
.pld-btn { font: inherit; font-size: 13px; color: var(--pld-text); background: var(--pld-control);
  border: 1px solid var(--pld-control-border); border-radius: 6px; min-height: 32px; min-width: 32px; padding: 3px 10px; cursor: pointer; }
.pld-btn:hover { border-color: var(--pld-accent); }
.pld-btn:focus-visible { outline: 2px solid var(--pld-accent); outline-offset: 2px; }
.pld-btn:disabled { opacity: 0.5; cursor: default; }
.pld-loading { color: var(--pld-muted); font-size: 13px; margin: 0; }
.pld-summary-text { margin: 0; padding: 10px 12px; overflow-x: auto; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas,
  "DejaVu Sans Mono", monospace; font-size: 12.5px; line-height: 1.25; }
.pld-svg { max-width: 100%; height: auto; }
.pld-credit { margin: 6px 0 0; font-size: 11.5px; color: var(--pld-muted); }
.pld-credit a { color: var(--pld-accent); }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
  overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
`;

// One constructed sheet per (document, css): a sheet can only be adopted by the document
// that made it, and sharing one avoids re-parsing for every component on a page.
const sheets = new Map();

export function sheet(css, doc = document) {
  const key = css;
  let perDoc = sheets.get(doc);
  if (!perDoc) {
    perDoc = new Map();
    sheets.set(doc, perDoc);
  }
  let s = perDoc.get(key);
  if (!s) {
    s = new doc.defaultView.CSSStyleSheet();
    s.replaceSync(css);
    perDoc.set(key, s);
  }
  return s;
}

// Adds the diagram sheet to a document or shadow root once.
export function adoptDiagramStyles(root, extra = []) {
  const doc = root.ownerDocument ?? root;
  const wanted = [sheet(DIAGRAM_CSS, doc), ...extra.map((css) => sheet(css, doc))];
  const current = root.adoptedStyleSheets;
  const missing = wanted.filter((s) => !current.includes(s));
  if (missing.length) root.adoptedStyleSheets = [...current, ...missing];
}
