/**
 * `npm run bench`: the machine, then trustline against the framework floor (turns.bench.ts) and
 * the alert burst under Teams' limits (alerts.bench.ts). The npm script builds dist/ first and
 * runs the answer-compute and report-filing benches after this. A few minutes in all.
 */
import os from 'node:os';
import { machineLine, runTurnBench, turnTable } from './turns.bench';
import { alertLines, runAlertBench } from './alerts.bench';

async function main(): Promise<void> {
  console.log(machineLine());
  console.log('');
  console.log(turnTable(await runTurnBench()));
  console.log('');
  console.log(alertLines(await runAlertBench()));
  console.log(`(load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')})`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
