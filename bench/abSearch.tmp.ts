import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startProcess, load, search, question } from './turns.bench';
import { startConnectorStandIn } from './support/connectorStandIn';
const cpuMs = (pid: number) => { const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
async function main() {
  const entries = { before: process.env.A!, after: process.env.B! };
  const kind = process.env.KIND ?? 'search';
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ab-'));
  const connector = await startConnectorStandIn();
  const rows: string[] = [];
  for (let round = 0; round < Number(process.env.ROUNDS ?? 4); round++) {
    for (const [name, entry] of (round % 2 ? Object.entries(entries).reverse() : Object.entries(entries))) {
      const p = await startProcess(name, entry, { TRUSTLINE_DATA_DIR: path.join(workDir, `${name}-${round}`), NODE_ENV: 'development', LOG_LEVEL: 'info' }, workDir);
      const pid = p.child.pid!;
      const make = (i: number) => (kind === 'search' ? search(connector.url, i) : question(connector.url, i));
      await load(p.url, pid, 3, make);
      const c0 = cpuMs(pid);
      const r = await load(p.url, pid, Number(process.env.SECS ?? 5), make);
      const cpu = (cpuMs(pid) - c0) / r.total;
      rows.push(`${round} ${name.padEnd(6)} ${r.rps.toFixed(0).padStart(5)} req/s p50 ${r.p50} p99 ${String(r.p99).padStart(4)} ms  CPU ${cpu.toFixed(3)} ms/req  load ${os.loadavg()[0].toFixed(1)}`);
      console.log(rows[rows.length - 1]);
      await p.stop();
    }
  }
  await connector.close();
}
main().catch((e) => { console.error(e); process.exit(1); });
