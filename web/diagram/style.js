// The stylesheet of the diagram's surroundings, shared by the playground page and the
// embeddable components: the card, the hover line, errors, and the colours of the controls.
// The picture itself is the core's SVG and carries its own colours (core/diagram/palette.hpp):
// nothing here styles it, except that it scales down to fit its column.
// It is applied as a constructable stylesheet (document.adoptedStyleSheets / shadowRoot
// .adoptedStyleSheets): CSSOM, not markup, so it needs no 'unsafe-inline' under a
// Content-Security-Policy with style-src 'self' (or none at all).
// `.pld.is-light` / `.pld.is-dark` pin a theme (the page's theme switch, the `theme` attribute).

const LIGHT = `
  --pld-bg: #ffffff; --pld-text: #1f2937; --pld-muted: #64748b; --pld-grid: #94a3b8;
  --pld-rf: #6d28d9;
  --pld-control: #ffffff; --pld-control-border: #cbd5e1; --pld-accent: #2761c4; --pld-error: #b3261e;
  --pld-error-soft: #fde4e6;
`;

const DARK = `
  --pld-bg: #0f172a; --pld-text: #e5e7eb; --pld-muted: #94a3b8; --pld-grid: #475569;
  --pld-rf: #c4b5fd;
  --pld-control: #1e293b; --pld-control-border: #475569; --pld-accent: #7db3ff; --pld-error: #ff7b86;
  --pld-error-soft: #47202a;
`;

export const DIAGRAM_CSS = `
.pld { ${LIGHT} color: var(--pld-text); background: var(--pld-bg); }
@media (prefers-color-scheme: dark) { .pld:not(.is-light) { ${DARK} } }
.pld.is-dark { ${DARK} }

.pld-figure { position: relative; overflow-x: auto; border-radius: 6px; }
.pld-figure:focus-visible { outline: 2px solid var(--pld-accent); outline-offset: 2px; }
/* The picture scales down with its column, but not below 480 px (its text would become too small
   to read): a narrower column scrolls it sideways instead. */
.pld-figure > svg { display: block; max-width: 100%; min-width: 480px; height: auto; }
.pld-figure [data-step] { cursor: pointer; }
.pld-hover { margin: 4px 0 0; font-size: 13px; color: var(--pld-rf); min-height: 1.4em; }
.pld-error { margin: 8px 0; padding: 8px 10px; border-left: 4px solid var(--pld-error); background: var(--pld-error-soft);
  border-radius: 4px; font-size: 13px; overflow-wrap: anywhere; white-space: pre-wrap; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
  overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
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
.pld-credit { margin: 6px 0 0; font-size: 11.5px; color: var(--pld-muted); }
.pld-credit a { color: var(--pld-accent); }
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
