// Runs before first paint (classic script in <head>): is the seed state that the build
// pre-rendered the panes with (wasm/write_first_paint.mjs, which writes this tag with that
// state in its data attributes) the state this visit opens? The same order as url-state.js's
// initialState: a link wins, then what this browser stored, then the seed. When it is another
// state, html[data-first-paint=other] hides the panes until playground/app.js has filled
// them, so a shared link never flashes the seed's summary. Unsure is "other": app.js keeps the
// pre-rendered summaries only when this said "seed".
(function () {
  var seed = document.currentScript.dataset;
  var same = true;
  var p = new URLSearchParams(location.hash.replace(/^#/, ''));
  if (['ex', 'a', 'b', 'style', 'theme', 'rf', 'dg'].some(function (k) { return p.has(k); })) {
    same = p.get('ex') === seed.example && !p.has('a') && !p.has('b') && p.get('rf') !== '1' &&
      (!p.has('style') || p.get('style') === seed.style);
  } else {
    var s = null;
    try { s = JSON.parse(localStorage.getItem('padlab.state.v1') || 'null'); } catch (e) { s = null; }
    if (s && typeof s.a === 'string' && typeof s.b === 'string') {
      same = s.example === seed.example && s.a === seed.a && s.b === seed.b && s.style === seed.style && s.rf !== true;
    }
  }
  document.documentElement.setAttribute('data-first-paint', same ? 'seed' : 'other');
})();
