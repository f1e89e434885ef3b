// A small status message at the bottom of the page, optionally with an Undo button.
export class Toast {
  constructor(root) {
    this.root = root;
    this.text = root.querySelector('.toast-text');
    this.undoButton = root.querySelector('.toast-undo');
    this.timer = 0;
    this.undo = null;
    this.undoButton.addEventListener('click', () => {
      const undo = this.undo;
      this.hide();
      undo?.();
    });
  }

  show(message, { undo = null, ms = 8000 } = {}) {
    clearTimeout(this.timer);
    this.text.textContent = message;
    this.undo = undo;
    this.undoButton.hidden = !undo;
    this.root.hidden = false;
    this.timer = setTimeout(() => this.hide(), ms);
  }

  hide() {
    clearTimeout(this.timer);
    this.root.hidden = true;
    this.undo = null;
  }
}
