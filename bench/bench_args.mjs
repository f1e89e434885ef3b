// What every benchmark script reads before it measures: its command-line options, the PadLab
// module under test, and one line describing the machine for the report.
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url);

// The options every script takes: --quick, --write, --module <padlab.js>, plus `flag(name)`
// and `option(name, fallback)` for a script's own.
export function benchArgs(argv = process.argv.slice(2)) {
  const flag = (name) => argv.includes(name);
  const option = (name, fallback) => {
    const i = argv.indexOf(name);
    return i >= 0 && i + 1 < argv.length ? argv[i + 1] : fallback;
  };
  return {
    flag,
    option,
    quick: flag('--quick'),
    write: flag('--write'),
    modulePath: option('--module', fileURLToPath(new URL('build/web/padlab.js', root))),
  };
}

// The public JS module at `modulePath`, loaded: { pl, version, module }. Exits with a hint
// when it has not been built.
export async function loadPadlab(modulePath) {
  if (!fs.existsSync(modulePath)) {
    console.error(`PadLab module not found at ${modulePath}: build it with \`scripts/build.sh site\`, or pass --module.`);
    process.exit(2);
  }
  const module = await import(pathToFileURL(modulePath).href);
  return { pl: await module.load(), version: module.version, module };
}

// "2026-12-07 11:20 UTC; <cpu> (2 cores, load average 1.0 0.9 0.8); node v20.x"
export function machineLine() {
  const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const load = os.loadavg().map((x) => x.toFixed(1)).join(' ');
  return `${when} UTC; ${cpu} (${os.cpus().length} cores, load average ${load}); node ${process.version}`;
}
