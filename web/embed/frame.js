// embed.html: one <padlab-diagram> built from the page's URL parameters, for blogs that can
// only embed iframes. Each known parameter becomes the attribute of the same name (values are
// data: setAttribute, parsed by the component, never markup); unknown ones are ignored.
//   embed.html?input=8&kernel=4&padding=causal&autoplay
//   embed.html?preset=reflection_2d&theme=dark
// padlab-embed.js is one bundle; the attribute names come from it, not from a second copy of
// diagram/spec.js.
import { ALL_SPEC_ATTRIBUTES } from '../padlab-embed.js';

const ALLOWED = [...ALL_SPEC_ATTRIBUTES, 'autoplay', 'speed', 'theme'];

const params = new URLSearchParams(location.search);
const diagram = document.createElement('padlab-diagram');
for (const name of ALLOWED) {
  if (params.has(name)) diagram.setAttribute(name, params.get(name));
}
if (!params.has('input') && !params.has('preset')) diagram.setAttribute('preset', 'causal_time_series');
const label = params.get('label');
if (label) document.title = `${label} · PadLab`;
document.getElementById('embed').append(diagram);
