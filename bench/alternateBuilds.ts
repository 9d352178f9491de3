/**
 * Two builds, alternated round by round on the same load, for a before/after on a busy machine:
 * CPU per request (from /proc, the figure other jobs move least), throughput and p50/p99 per round.
 * Usage: BEFORE=path/dist/index.js AFTER=path/dist/index.js npx tsx bench/alternateBuilds.ts [search]
 * (ROUNDS, default 4; SECONDS of measured load per round, default 5, after 3 s of warm-up.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startProcess, load, search, question } from './turns.bench';
import { startConnectorStandIn } from './support/connectorStandIn';

const cpuMs = (pid: number) => {
  const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(f[11]) + Number(f[12])) * 10;
};

async function main(): Promise<void> {
  const builds: [string, string][] = [['before', process.env.BEFORE ?? ''], ['after', process.env.AFTER ?? '']];
  if (builds.some(([, entry]) => !entry || !fs.existsSync(entry))) throw new Error('set BEFORE and AFTER to two built entries (dist/index.js)');
  const kind = process.argv[2] === 'search' ? 'search' : 'question';
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trustline-alternate-'));
  const connector = await startConnectorStandIn();
  try {
    for (let round = 0; round < Number(process.env.ROUNDS ?? 4); round++) {
      // before, after; then after, before: neither always follows the other.
      for (const [name, entry] of round % 2 ? [...builds].reverse() : builds) {
        const p = await startProcess(name, entry, { TRUSTLINE_DATA_DIR: path.join(workDir, `${name}-${round}`), NODE_ENV: 'development', LOG_LEVEL: 'info' }, workDir);
        try {
          const pid = p.child.pid ?? 0;
          const make = (i: number) => (kind === 'search' ? search(connector.url, i) : question(connector.url, i));
          await load(p.url, pid, 3, make);
          const cpuBefore = cpuMs(pid);
          const r = await load(p.url, pid, Number(process.env.SECONDS ?? 5), make);
          const cpu = (cpuMs(pid) - cpuBefore) / Math.max(1, r.total);
          console.log(`${round} ${name.padEnd(6)} ${r.rps.toFixed(0).padStart(5)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  CPU ${cpu.toFixed(3)} ms per ${kind}  (${r.non2xx} non-2xx, load ${os.loadavg()[0].toFixed(1)})`);
        } finally {
          await p.stop();
        }
      }
    }
  } finally {
    await connector.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
