// One side of the playground: an editor, its error box and its summary. The pane knows
// nothing about the engine or the other pane; app.js feeds it results and errors.
import { CodeEditor } from './editor.js';
import { SummaryView } from './summary-view.js';

// Plain-words headings for the engine's error kinds (PadlabError.kind).
const KIND_WORDS = {
  ParseError: 'PadLab cannot read this code',
  ShapeError: 'The shapes do not fit',
  ArgumentError: 'Keras would reject an argument',
  UnsupportedError: 'Not supported yet',
  LimitError: 'Too large to compute',
  Empty: 'Nothing to summarise yet',
};

// The engine may already prefix "line 3, layer 'conv2d_1': "; the pane shows that part
// separately, so drop it from the message.
function bareMessage(message) {
  return String(message ?? '').replace(/^line \d+(?:, column \d+)?(?:, layer '[^']*')?: /i, '');
}

export class ModelPane {
  constructor(container, { key, onEdit, onSelectLayer, onNotice }) {
    this.key = key;
    const tag = key.toUpperCase();
    this.label = `Model ${tag}`;
    const fragment = document.getElementById('pane-template').content.cloneNode(true);
    this.root = fragment.querySelector('.pane');
    this.root.dataset.pane = key;
    this.root.id = `pane-${key}`;
    const heading = this.root.querySelector('.pane-heading');
    heading.id = `pane-${key}-heading`;
    this.root.setAttribute('aria-labelledby', heading.id);
    this.root.querySelector('.pane-tag').textContent = tag;
    this.titleEl = this.root.querySelector('.pane-title');

    this.errorBox = this.root.querySelector('.error-box');
    this.errorBox.id = `pane-${key}-error`;
    this.errorWhere = this.errorBox.querySelector('.error-where');
    this.errorMessage = this.errorBox.querySelector('.error-message');
    this.errorGoto = this.errorBox.querySelector('.error-goto');
    this.error = null;
    this.errorGoto.addEventListener('click', () => {
      if (this.error?.line) this.editor.goToLine(this.error.line, this.error.column || 1);
    });

    this.editor = new CodeEditor(this.root, {
      id: `code-${key}`,
      label: `${this.label} code (Python or Keras JSON)`,
      onChange: (text, info) => onEdit(key, text, info),
      onNotice: (message) => onNotice(message),
    });
    this.summary = new SummaryView(this.root, {
      label: this.label,
      onSelect: (index, layer) => {
        this.editor.markSelected(layer?.line ?? 0);
        onSelectLayer?.(key, index, layer);
      },
    });
    container.append(this.root);
  }

  setTitle(title) {
    this.titleEl.textContent = title;
  }

  setCode(text) {
    this.editor.setValue(text);
  }

  get code() {
    return this.editor.value;
  }

  showResult(result, diff) {
    this.clearError();
    this.summary.showResult(result, diff);
    const selected = this.summary.selected;
    this.editor.markSelected(selected >= 0 ? result.layers[selected]?.line ?? 0 : 0);
  }

  showError(err) {
    const isEngineError = err && typeof err.kind === 'string';
    const line = Number(err?.line) || 0;
    const column = Number(err?.column) || 0;
    const layer = err?.layer || '';
    this.error = { line, column, layer };

    const heading = isEngineError ? (KIND_WORDS[err.kind] ?? 'This model has an error') : 'Internal error in the engine';
    // The core's own text of the location (PadlabError.where: "line 11, column 5, layer 'conv2d_2'").
    const where = isEngineError && typeof err.where === 'string' ? err.where : '';
    this.errorWhere.textContent = where ? `${heading} — ${where}` : heading;
    this.errorMessage.textContent = bareMessage(err?.message) || 'Unknown error.';
    this.errorGoto.hidden = !line;
    this.errorGoto.textContent = line ? `Go to line ${line}` : 'Go to line';
    this.errorBox.hidden = false;
    this.errorBox.classList.toggle('is-empty', err?.kind === 'Empty');
    this.root.classList.add('has-error');
    this.editor.markError(line, this.errorBox.id);
    this.summary.showStale(`${where ? `${where}: ` : ''}${this.errorMessage.textContent}`);
  }

  clearError() {
    this.error = null;
    this.errorBox.hidden = true;
    this.root.classList.remove('has-error');
    this.editor.clearError();
  }
}
