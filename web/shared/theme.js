// Light / dark / auto theme. "auto" follows prefers-color-scheme through CSS alone;
// light and dark pin it with <html data-theme>. theme-init.js does the same before paint.
export function applyTheme(theme) {
  const root = document.documentElement;
  if (theme === 'light' || theme === 'dark') root.dataset.theme = theme;
  else delete root.dataset.theme;
}

// The theme the page actually shows (what "auto" resolved to).
export function effectiveTheme() {
  const pinned = document.documentElement.dataset.theme;
  if (pinned) return pinned;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
