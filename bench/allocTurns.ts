/**
 * Bytes allocated per question turn (or search) by the whole server process, from V8's sampling
 * heap profiler with objects already collected included (scripts/heapSampling.cjs, preloaded):
 * starts trustline as the turns bench does, warms it up, samples over `BENCH_SECONDS` (5) of
 * load, and prints bytes per turn, by owner (package or project folder of the allocating
 * function) and the top allocating functions. Usage: npx tsx bench/allocTurns.ts [search]
 * (TRUSTLINE_ENTRY as for profileTurns.ts: tsc's output gives per-package owners.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startProcess, load, question, search } from './turns.bench';
import { startConnectorStandIn } from './support/connectorStandIn';
import { codeOwner } from './support/codeOwner';

const ROOT = path.resolve(__dirname, '..');
interface HeapNode { callFrame: { functionName: string; url: string; lineNumber: number }; selfSize: number; children: HeapNode[] }

async function main(): Promise<void> {
  const kind = process.argv[2] === 'search' ? 'search' : 'question';
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trustline-alloc-'));
  const file = path.join(workDir, 'heap.json');
  const connector = await startConnectorStandIn();
  const entry = path.resolve(ROOT, process.env.TRUSTLINE_ENTRY ?? 'dist/index.js');
  const p = await startProcess('trustline', entry, { TRUSTLINE_DATA_DIR: path.join(workDir, 'data'), LOG_LEVEL: 'info', NODE_ENV: 'development', HEAP_SAMPLING_FILE: file },
    workDir, ['-r', path.join(ROOT, 'scripts', 'heapSampling.cjs')]);
  const make = (i: number) => (kind === 'search' ? search(connector.url, i) : question(connector.url, i));
  const pid = p.child.pid ?? 0;
  const waitFor = async (f: string) => { while (!fs.existsSync(f)) await new Promise((r) => setTimeout(r, 20)); };
  try {
    await load(p.url, pid, 3, make);
    process.kill(pid, 'SIGUSR2');
    await waitFor(`${file}.started`);
    const r = await load(p.url, pid, Number(process.env.BENCH_SECONDS ?? 5), make);
    process.kill(pid, 'SIGUSR2');
    await waitFor(file);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const head = (JSON.parse(fs.readFileSync(file, 'utf8')) as { head: HeapNode }).head;
    const owners = new Map<string, number>();
    const fns = new Map<string, number>();
    let total = 0;
    // A built-in (no url: Array.prototype.map, JSON.parse, …) is charged to the function calling it.
    const where = (n: HeapNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(node_modules|src|dist[^/]*)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;
    const walk = (n: HeapNode, caller: HeapNode | undefined) => {
      const charged = n.callFrame.url || !caller ? n : caller;
      total += n.selfSize;
      if (n.selfSize) {
        const o = codeOwner(charged.callFrame.url);
        owners.set(o, (owners.get(o) ?? 0) + n.selfSize);
        const k = charged === n ? where(n) : `${where(charged)} [${n.callFrame.functionName}]`;
        fns.set(k, (fns.get(k) ?? 0) + n.selfSize);
      }
      for (const c of n.children) walk(c, charged);
    };
    walk(head, undefined);
    const per = (b: number) => `${(b / r.total / 1024).toFixed(1).padStart(7)} KB`;
    console.log(`${kind}: ${r.total} requests (${r.rps.toFixed(0)} req/s), ${per(total)} allocated per request`);
    console.log('\nby owner:');
    for (const [k, b] of [...owners].sort((a, b2) => b2[1] - a[1]).slice(0, 20)) console.log(`  ${per(b)}  ${k}`);
    console.log('\ntop functions:');
    for (const [k, b] of [...fns].sort((a, b2) => b2[1] - a[1]).slice(0, Number(process.env.TOP ?? 30))) console.log(`  ${per(b)}  ${k}`);
  } finally {
    await p.stop();
    await connector.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
