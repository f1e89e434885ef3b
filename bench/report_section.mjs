// BENCHMARKS.md is written by several benchmark scripts, each owning one section between
// <!-- begin NAME --> and <!-- end NAME --> markers: a script rewrites its own section and
// leaves the others as they are (a new section goes at the end).
import fs from 'node:fs';

export function writeSection(file, name, markdown) {
  const begin = `<!-- begin ${name} -->`;
  const end = `<!-- end ${name} -->`;
  const block = `${begin}\n${markdown.trimEnd()}\n${end}`;
  const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const a = old.indexOf(begin);
  const b = old.indexOf(end);
  const text = a >= 0 && b > a ? old.slice(0, a) + block + old.slice(b + end.length)
    : `${old.trimEnd()}${old ? '\n\n' : ''}${block}\n`;
  fs.writeFileSync(file, text);
}
