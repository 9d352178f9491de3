/**
 * Preload that measures what start-up costs, module by module: `node -r ./scripts/requireCost.cjs
 * dist/index.js`. Every require is timed (inclusive of what it requires in turn) and charged
 * to the package it loads; the heap growth across it too. On SIGUSR2 (or exit) it prints the
 * packages by time, the project modules' heaviest direct requires, and the process's RSS.
 */
'use strict';
/* global require, process */
// A preload runs before any loader, so it is plain CommonJS.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Module = require('node:module');

const byPackage = new Map();
const direct = new Map();
const originalLoad = Module._load;

function packageOf(file) {
  const m = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  return m ? m[1] : file.includes('/dist/') ? `dist/${file.split('/dist/')[1]}` : file;
}

Module._load = function load(request, parent, isMain) {
  let file;
  try {
    file = Module._resolveFilename(request, parent, isMain);
  } catch {
    return originalLoad.apply(this, arguments);
  }
  if (Module._cache[file] || !file.includes('/')) return originalLoad.apply(this, arguments);
  const t = process.hrtime.bigint();
  const heap = process.memoryUsage().heapUsed;
  try {
    return originalLoad.apply(this, arguments);
  } finally {
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    const mb = (process.memoryUsage().heapUsed - heap) / 1048576;
    const pkg = packageOf(file);
    const parentPkg = parent && parent.filename ? packageOf(parent.filename) : '';
    // Charge a package only for loads entering it from outside, so nesting is not counted twice.
    if (pkg !== parentPkg && !pkg.startsWith('dist/')) {
      const p = byPackage.get(pkg) ?? { ms: 0, mb: 0, n: 0 };
      p.ms += ms; p.mb += mb; p.n++;
      byPackage.set(pkg, p);
    }
    if (parentPkg.startsWith('dist/') && !pkg.startsWith('dist/')) {
      const key = `${pkg} <- ${parentPkg}`;
      direct.set(key, { ms: (direct.get(key)?.ms ?? 0) + ms, mb: (direct.get(key)?.mb ?? 0) + mb });
    }
  }
};

let printed = false;
function report() {
  if (printed) return;
  printed = true;
  const rows = (m) => [...m].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25)
    .map(([k, v]) => `  ${v.ms.toFixed(0).padStart(6)} ms  ${v.mb.toFixed(1).padStart(6)} MB heap  ${k}`).join('\n');
  process.stderr.write(`require cost by package (inclusive, entered from outside it):\n${rows(byPackage)}\n`
    + `project modules' direct requires of packages:\n${rows(direct)}\n`
    + `rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB, heap used ${(process.memoryUsage().heapUsed / 1048576).toFixed(0)} MB\n`);
}
process.on('SIGUSR2', report);
process.on('exit', report);
