// el(tag, attrs, ...children): one DOM element. attrs: 'class' sets className, 'text' sets
// textContent, true sets an empty attribute, false / null / undefined leave it out, anything
// else is set as a string. Shared by the workbench and the Apply to data panel.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (v !== null && v !== undefined && v !== false) node.setAttribute(k, v === true ? '' : String(v));
  }
  node.append(...children);
  return node;
}
