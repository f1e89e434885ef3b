// Runs before first paint (classic script, not a module): applies the theme chosen in the
// link (#...&theme=dark) or stored in this browser, so a dark page never flashes light.
(function () {
  var theme = null;
  var m = /[#&]theme=(light|dark|auto)(?:&|$)/.exec(location.hash);
  if (m) theme = m[1];
  else if (/[#&](ex|a|b|style)=/.test(location.hash)) theme = 'auto';  // a link without theme= means auto
  else {
    try { theme = (JSON.parse(localStorage.getItem('padlab.state.v1') || 'null') || {}).theme || null; } catch (e) { theme = null; }
  }
  if (theme === 'light' || theme === 'dark') document.documentElement.setAttribute('data-theme', theme);
})();
