/**
 * Profiles trustline answering question turns: starts `node --cpu-prof dist/index.js`, drives it
 * as the turns bench does, stops it (the profile is written on exit) and prints the summary of
 * scripts/cpuProfileSummary.ts. Usage: npx tsx bench/profileTurns.ts [search|floor]
 * (`floor` profiles the echo bot under question turns, to compare where the time goes.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { startProcess, load, question, search } from './turns.bench';
import { startConnectorStandIn } from './support/connectorStandIn';

const ROOT = path.resolve(__dirname, '..');

async function main(): Promise<void> {
  const kind = process.argv[2] === 'search' ? 'search' : process.argv[2] === 'floor' ? 'floor' : 'question';
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trustline-profile-'));
  const connector = await startConnectorStandIn();
  const entry = kind === 'floor' ? path.join(ROOT, 'bench', 'support', 'echoBot.cjs') : path.resolve(ROOT, process.env.TRUSTLINE_ENTRY ?? 'dist/index.js');
  const p = await startProcess(kind === 'floor' ? 'floor' : 'trustline', entry, {
    TRUSTLINE_DATA_DIR: path.join(workDir, 'data'), LOG_LEVEL: 'info',
  }, workDir, ['--cpu-prof', `--cpu-prof-dir=${workDir}`]);
  const make = (i: number) => (kind === 'search' ? search(connector.url, i) : question(connector.url, i));
  await load(p.url, p.child.pid ?? 0, 2, make);
  const r = await load(p.url, p.child.pid ?? 0, Number(process.env.BENCH_SECONDS ?? 8), make);
  console.log(`${kind}: ${r.rps.toFixed(0)} req/s, p99 ${r.p99} ms`);
  await p.stop();
  await connector.close();
  const file = fs.readdirSync(workDir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error('no profile written');
  const keep = path.join(os.tmpdir(), `trustline-${kind}.cpuprofile`);
  fs.copyFileSync(path.join(workDir, file), keep);
  console.log(execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'cpuProfileSummary.ts'), keep, '40'], { encoding: 'utf8' }));
  fs.rmSync(workDir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
