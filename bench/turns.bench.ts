/**
 * `npm run bench` (turns): trustline against the framework floor, side by side in one run, on
 * loopback. Each is started as its own process from built JavaScript (`node dist/index.js`,
 * `node bench/support/echoBot.cjs`), with authentication off, replying to the same Connector
 * stand-in (200 to everything). autocannon drives each with 10 connections; every request is a
 * new user in a new 1:1 conversation asking a realistic staff question (test/fixtures).
 * Prints the issue 11 table as ratios measured in this run, plus the machine it ran on.
 *
 * Environment: BENCH_SECONDS (measured seconds per load, default 8), BENCH_CONNECTIONS (10),
 * BENCH_ROUNDS (2: targets measured in turn, round after round; throughput and p99 from each
 * target's least disturbed round, start and idle memory the median),
 * TRUSTLINE_ENTRY (default dist/index.js; `npm run bench` builds it first), BENCH_BEFORE (the
 * entry of another build, e.g. an earlier commit's dist/index.js, measured in the same run and
 * printed as a "before" column: how docs/PERFORMANCE.md's before/after figures were taken).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { startConnectorStandIn, type ConnectorStandIn } from './support/connectorStandIn';

const ROOT = path.resolve(__dirname, '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 2));
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

const questions: string[] = ['dev', 'teacher', 'office'].flatMap((split) =>
  (JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', `questions.${split}.json`), 'utf8')) as { questions: { q: string }[] }).questions.map((q) => q.q));
const searches = ['facebook', 'follow request', 'journalist', 'personal phone', 'photos of pupils', 'whatsapp group', 'parents', 'instagram'];

/** A 1:1 message from a user never seen before, in a conversation never seen before. */
export function question(serviceUrl: string, i: number): Record<string, unknown> {
  const user = randomUUID();
  return {
    type: 'message', id: `in-${randomUUID()}`, timestamp: new Date().toISOString(), serviceUrl, channelId: 'msteams',
    from: { id: `29:${user}`, name: 'Bench User', aadObjectId: user },
    recipient: { id: '28:trustline-bot', name: 'trustline' }, locale: 'en-GB', textFormat: 'plain',
    text: questions[i % questions.length],
    conversation: { id: `a:personal-${user}`, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
  };
}

/** A message-extension search (composeExtension/query) from a new user. */
export function search(serviceUrl: string, i: number): Record<string, unknown> {
  const q = question(serviceUrl, i);
  delete q.text;
  delete q.textFormat;
  return {
    ...q, type: 'invoke', name: 'composeExtension/query',
    value: { commandId: 'searchPolicy', parameters: [{ name: 'query', value: searches[i % searches.length] }], queryOptions: { skip: 0, count: 25 } },
  };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** CPU time the process has used (user + system), in ms, from /proc (clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  // Fields after the command name (which is in parentheses and may hold spaces): utime is the 12th, stime the 13th.
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Running {
  child: ChildProcess;
  url: string;
  startToHealthyMs: number;
  /** Spawn until /healthz no longer says `"policy":"loading"` (the policy loads just after listening; turns wait for it). */
  startToAnsweringMs: number;
  stop(): Promise<void>;
}

/** Spawns `node <entry>` and waits for GET /healthz to answer 200; the time is spawn to healthy. */
export async function startProcess(name: string, entry: string, env: Record<string, string>, workDir: string, nodeArgs: string[] = []): Promise<Running> {
  const port = await freePort();
  const out = fs.openSync(path.join(workDir, `${name}.log`), 'w');
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, entry], {
    cwd: ROOT, stdio: ['ignore', out, out],
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), HOST: '127.0.0.1', PORT: String(port), ...env },
  });
  const url = `http://127.0.0.1:${port}`;
  let exited = false;
  child.once('exit', () => { exited = true; });
  let startToHealthyMs = 0;
  for (;;) {
    if (exited) throw new Error(`${name} exited before it was healthy (log: ${path.join(workDir, `${name}.log`)})`);
    if (performance.now() - started > 30_000) throw new Error(`${name} not healthy after 30 s`);
    try {
      const res = await fetch(`${url}/healthz`);
      const body = await res.text();
      if (res.status === 200) {
        startToHealthyMs ||= performance.now() - started;
        if (!body.includes('"policy":"loading"')) break;
      }
    } catch {
      // not listening yet
    }
    await sleep(5);
  }
  const startToAnsweringMs = performance.now() - started;
  return {
    child, url, startToHealthyMs, startToAnsweringMs,
    stop: async () => {
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await Promise.race([gone, sleep(5_000).then(() => child.kill('SIGKILL'))]);
      fs.closeSync(out);
    },
  };
}

interface LoadFigures { rps: number; p50: number; p99: number; non2xx: number; errors: number; total: number; rssMaxMb: number }

/** Drives `url` for `seconds` with a fresh activity per request; samples the server's RSS meanwhile. */
export async function load(url: string, pid: number, seconds: number, make: (i: number) => Record<string, unknown>): Promise<LoadFigures> {
  let i = 0;
  let rssMax = 0;
  const sampler = setInterval(() => { rssMax = Math.max(rssMax, rssMb(pid)); }, 200);
  try {
    const r = await autocannon({
      url, connections: CONNECTIONS, duration: seconds, timeout: 20,
      requests: [{
        method: 'POST', path: '/api/messages', headers: { 'content-type': 'application/json' },
        setupRequest: (req) => ({ ...req, body: JSON.stringify(make(i++)) }),
      }],
    });
    rssMax = Math.max(rssMax, rssMb(pid));
    return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors + r.timeouts, total: r['2xx'] + r.non2xx, rssMaxMb: rssMax };
  } finally {
    clearInterval(sampler);
  }
}

interface TargetFigures {
  startToHealthyMs: number;
  startToAnsweringMs: number;
  idleRssMb: number;
  turns: LoadFigures;
  search?: LoadFigures;
  replies: number;
  /** The server's CPU time over the question turns divided by the turns answered: less moved by other jobs than throughput. */
  cpuPerTurnMs: number;
  /** The same over the message-extension searches. */
  cpuPerSearchMs?: number;
}

async function measure(name: string, entry: string, env: Record<string, string>, connector: ConnectorStandIn, workDir: string, withSearch: boolean): Promise<TargetFigures> {
  const p = await startProcess(name, entry, env, workDir);
  try {
    const pid = p.child.pid ?? 0;
    await sleep(2_000); // settle: background tasks started, start-up garbage collected or not
    const idleRssMb = rssMb(pid);
    await load(p.url, pid, 3, (i) => question(connector.url, i)); // warm-up (JIT), not reported
    const before = connector.count();
    const cpuBefore = cpuMs(pid);
    const turns = await load(p.url, pid, SECONDS, (i) => question(connector.url, i + 7));
    const cpuPerTurnMs = (cpuMs(pid) - cpuBefore) / Math.max(1, turns.total);
    const replies = connector.count() - before;
    const cpuBeforeSearch = cpuMs(pid);
    const searching = withSearch ? await load(p.url, pid, Math.max(3, Math.round(SECONDS / 2)), (i) => search(connector.url, i)) : undefined;
    const cpuPerSearchMs = searching ? (cpuMs(pid) - cpuBeforeSearch) / Math.max(1, searching.total) : undefined;
    return { startToHealthyMs: p.startToHealthyMs, startToAnsweringMs: p.startToAnsweringMs, idleRssMb, turns, search: searching, replies, cpuPerTurnMs, cpuPerSearchMs };
  } finally {
    await p.stop();
  }
}

export interface TurnBenchResult { floor: TargetFigures; trustline: TargetFigures; before?: TargetFigures; rounds: number }

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/** One figure per target from its rounds: the least disturbed load (highest throughput) and the median start and memory. */
function combine(rounds: TargetFigures[]): TargetFigures {
  const best = rounds.reduce((a, b) => (b.turns.rps > a.turns.rps ? b : a));
  const searches = rounds.map((r) => r.search).filter((x): x is LoadFigures => Boolean(x));
  const bestSearch = searches.length ? searches.reduce((a, b) => (b.rps > a.rps ? b : a)) : undefined;
  return {
    ...best,
    search: bestSearch,
    startToHealthyMs: median(rounds.map((r) => r.startToHealthyMs)),
    startToAnsweringMs: median(rounds.map((r) => r.startToAnsweringMs)),
    idleRssMb: median(rounds.map((r) => r.idleRssMb)),
    cpuPerTurnMs: median(rounds.map((r) => r.cpuPerTurnMs)),
    cpuPerSearchMs: searches.length ? median(rounds.map((r) => r.cpuPerSearchMs ?? NaN)) : undefined,
  };
}

export async function runTurnBench(): Promise<TurnBenchResult> {
  const entry = path.resolve(ROOT, process.env.TRUSTLINE_ENTRY ?? 'dist/index.js');
  if (!fs.existsSync(entry)) throw new Error(`${entry} not found: run npm run build (npm run bench does)`);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trustline-bench-'));
  const connector = await startConnectorStandIn();
  try {
    const env = (dir: string) => ({ TRUSTLINE_DATA_DIR: path.join(workDir, dir), NODE_ENV: 'development', LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info' });
    const beforeEntry = process.env.BENCH_BEFORE ? path.resolve(process.env.BENCH_BEFORE) : undefined;
    // Rounds, interleaved (floor, before, trustline, floor, ...), each on a fresh process: on a
    // shared machine another job's burst then hurts one round of each, not one target.
    const runs: { floor: TargetFigures[]; before: TargetFigures[]; trustline: TargetFigures[] } = { floor: [], before: [], trustline: [] };
    for (let round = 0; round < ROUNDS; round++) {
      runs.floor.push(await measure('floor', path.join(ROOT, 'bench', 'support', 'echoBot.cjs'), {}, connector, workDir, false));
      if (beforeEntry) runs.before.push(await measure('before', beforeEntry, env(`data-before-${round}`), connector, workDir, true));
      runs.trustline.push(await measure('trustline', entry, env(`data-${round}`), connector, workDir, true));
    }
    return { floor: combine(runs.floor), trustline: combine(runs.trustline), before: runs.before.length ? combine(runs.before) : undefined, rounds: ROUNDS };
  } finally {
    await connector.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

export function machineLine(): string {
  const cpus = os.cpus();
  return `machine: ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown'}), load average ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}, node ${process.version}, ${os.platform()} ${os.release()}`;
}

const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

const loadRss = (x: TargetFigures) => Math.max(x.turns.rssMaxMb, x.search?.rssMaxMb ?? 0);

export function turnTable({ floor, trustline, before, rounds }: TurnBenchResult): string {
  const t = trustline;
  const f = floor;
  const b = before;
  // With a "before" build, each of its cells shows its figure and its ratio to the floor.
  const was = (cell: (x: TargetFigures) => string) => (b ? [cell(b)] : []);
  const rows: string[][] = [
    ['', 'floor', ...(b ? ['before'] : []), 'trustline', 'ratio', 'target', ''],
    ['question turn throughput', `${f.turns.rps.toFixed(0)} req/s`, ...was((x) => `${x.turns.rps.toFixed(0)} req/s (${ratio(x.turns.rps, f.turns.rps)})`), `${t.turns.rps.toFixed(0)} req/s`, ratio(t.turns.rps, f.turns.rps), '≥ 0.8× floor', verdict(t.turns.rps >= 0.8 * f.turns.rps)],
    ['question turn p99', `${f.turns.p99} ms`, ...was((x) => `${x.turns.p99} ms (${ratio(x.turns.p99, f.turns.p99)})`), `${t.turns.p99} ms`, ratio(t.turns.p99, f.turns.p99), '≤ 1.5× floor', verdict(t.turns.p99 <= 1.5 * f.turns.p99)],
    ['message-extension query p99', '—', ...was((x) => `${x.search?.p99 ?? NaN} ms (${ratio(x.search?.p99 ?? NaN, f.turns.p99)})`), `${t.search?.p99 ?? NaN} ms`, ratio(t.search?.p99 ?? NaN, f.turns.p99), '≤ floor turn p99', verdict((t.search?.p99 ?? Infinity) <= f.turns.p99)],
    ['resident memory at idle', `${f.idleRssMb.toFixed(0)} MB`, ...was((x) => `${x.idleRssMb.toFixed(0)} MB (${ratio(x.idleRssMb, f.idleRssMb)})`), `${t.idleRssMb.toFixed(0)} MB`, ratio(t.idleRssMb, f.idleRssMb), '≤ 1.5× floor', verdict(t.idleRssMb <= 1.5 * f.idleRssMb)],
    ['resident memory under load (max)', `${f.turns.rssMaxMb.toFixed(0)} MB`, ...was((x) => `${loadRss(x).toFixed(0)} MB (${ratio(loadRss(x), f.idleRssMb)})`), `${loadRss(t).toFixed(0)} MB`, `${ratio(loadRss(t), f.idleRssMb)} floor idle`, '≤ 2.5× floor idle', verdict(loadRss(t) <= 2.5 * f.idleRssMb)],
    ['start to healthy', `${f.startToHealthyMs.toFixed(0)} ms`, ...was((x) => `${x.startToHealthyMs.toFixed(0)} ms`), `${t.startToHealthyMs.toFixed(0)} ms`, ratio(t.startToHealthyMs, f.startToHealthyMs), '≤ 1 s', verdict(t.startToHealthyMs <= 1_000)],
    ['start to answering (policy loaded)', `${f.startToAnsweringMs.toFixed(0)} ms`, ...was((x) => `${x.startToAnsweringMs.toFixed(0)} ms`), `${t.startToAnsweringMs.toFixed(0)} ms`, ratio(t.startToAnsweringMs, f.startToAnsweringMs), '—', ''],
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const lines = rows.map((r) => `| ${r.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`);
  lines.splice(1, 0, `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  const detail = (name: string, x: TargetFigures) => `${name}: turns p50 ${x.turns.p50} ms, CPU ${x.cpuPerTurnMs.toFixed(2)} ms per turn (median of rounds), ${x.turns.total} answered (${x.turns.non2xx} non-2xx, ${x.turns.errors} errors/timeouts), ${x.replies} Connector calls`
    + (x.search ? `; search ${x.search.rps.toFixed(0)} req/s p50 ${x.search.p50} ms, CPU ${x.cpuPerSearchMs?.toFixed(2)} ms per search (${x.search.non2xx} non-2xx, ${x.search.errors} errors)` : '');
  return [...lines, '', detail('floor', floor), ...(before ? [detail('before', before)] : []), detail('trustline', trustline), `${CONNECTIONS} connections, ${SECONDS} s per load (after 3 s of warm-up), ${rounds} round(s); every request a new user and conversation`].join('\n');
}

if (require.main === module) {
  runTurnBench().then((r) => {
    console.log(machineLine());
    console.log(turnTable(r));
  }).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
