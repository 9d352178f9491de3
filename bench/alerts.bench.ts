/**
 * `npm run bench` (alerts): a burst of 1,000 alerts to 40 school channels through the real
 * outbox worker, into a Connector stand-in that enforces Teams' documented limits (per thread
 * 7/1 s, 8/2 s, 60/30 s, 1,800/h, a new thread counting against its channel; 50 requests/s per
 * app per tenant, every request counted) and answers 429 beyond them. The reports are filed
 * first with the worker off (through the domain, as the HTTP Submit does), then the server is
 * restarted with the worker on and default outbox settings, and the burst is timed.
 * Target: at least 90% of the allowed rate, no 429 received, none dropped or duplicated.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { startHarness, type Harness } from '../test/support/harness';
import { TENANT_ID } from '../test/support/activities';
import { validAnswers } from '../test/integration/reportsSupport';
import { startedThreads, refOfCard } from '../test/integration/routingSupport';
import { validateReport } from '../src/domain/reports/validate';

const ALERTS = Number(process.env.BENCH_ALERTS ?? 1_000);
const CHANNELS = 40;
const TENANT_PER_SECOND = 50;

export interface AlertBenchResult {
  alerts: number;
  channels: number;
  delivered: number;
  distinct: number;
  firstToLastMs: number;
  /** Alerts per second, counting the last send's one-second window: N / (first-to-last + 1 s). */
  rate: number;
  /** The rate Teams allows for this burst (the tenant limit binds: 40 channels allow 4/s each). */
  allowed: number;
  received429: number;
  fileMs: number;
}

function writeDirectory(serviceUrl: string): { file: string; schools: { id: string; name: string }[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trustline-bench-dir-'));
  const channel = (id: string) => ({ teamId: `19:${id}-team@thread.tacv2`, channelId: `19:${id}-alerts@thread.tacv2`, serviceUrl, tenantId: TENANT_ID, teamName: `${id} team`, channelName: 'Alerts' });
  const schools = Array.from({ length: CHANNELS }, (_, i) => ({ id: `school-${String(i + 1).padStart(2, '0')}`, name: `Bench School ${i + 1}` }));
  fs.writeFileSync(path.join(dir, 'directory.json'), JSON.stringify({
    trust: { name: 'Bench Trust', namedPeople: [], trustChannel: channel('trust') },
    schools: schools.map((s) => ({ ...s, triagers: [], alertsChannel: channel(s.id) })),
  }));
  return { file: path.join(dir, 'directory.json'), schools };
}

async function fileBurst(h: Harness, schools: { id: string; name: string }[]): Promise<void> {
  const { reports, clock } = h.bot.services;
  const kind = reports.kinds.get('parent-connection');
  if (!kind) throw new Error('parent-connection kind missing');
  const now = clock.now();
  for (let i = 0; i < ALERTS; i++) {
    const school = schools[i % schools.length];
    const v = validateReport(kind, { ...validAnswers('parent-connection'), school: school.id }, { now, timeZone: 'Europe/London', schools });
    if (!v.ok) throw new Error(JSON.stringify(v.errors));
    const user = randomUUID();
    await reports.file({
      kind, submissionId: randomUUID(), source: 'chat', values: v.values,
      reporter: { aadObjectId: user, name: 'Bench Reporter', teamsUserId: `29:${user}` },
      reporterConversation: { serviceUrl: h.serviceUrl, conversationId: `a:personal-${user}`, tenantId: TENANT_ID, botId: '28:trustline-bot', channelId: 'msteams' },
    });
  }
}

export async function runAlertBench(): Promise<AlertBenchResult> {
  const h = await startHarness({ env: { OUTBOX_WORKER: 'off', LOG_LEVEL: 'info' } });
  try {
    const { file, schools } = writeDirectory(h.serviceUrl);
    await h.restart({ DIRECTORY_FILE: file });
    let t = performance.now();
    await fileBurst(h, schools);
    const fileMs = performance.now() - t;
    h.connector.reset();
    h.connector.enforceRateLimits(true, { newThreads: true, tenant: true });
    t = performance.now();
    // Default outbox settings (poll, concurrency, backoff), as deployed.
    await h.restart({ DIRECTORY_FILE: file, OUTBOX_WORKER: 'on', ...(process.env.OUTBOX_CONCURRENCY ? { OUTBOX_CONCURRENCY: process.env.OUTBOX_CONCURRENCY } : {}) });
    const alerts = () => startedThreads(h.connector).length;
    await h.connector.waitFor(() => alerts() >= ALERTS, 180_000, `${ALERTS} alerts`).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // any duplicate or late retry shows now
    const posts = h.connector.requests.filter((r) => r.method === 'POST' && r.status < 300 && r.assignedId && r.path.replace(/\/$/, '') === '/v3/conversations');
    const times = posts.map((r) => r.at);
    const firstToLastMs = times.length ? Math.max(...times) - Math.min(...times) : NaN;
    const threads = startedThreads(h.connector);
    if (process.env.BENCH_VERBOSE) {
      const t0 = Math.min(...times);
      const perSecond = new Map<number, number>();
      for (const at of times) perSecond.set(Math.floor((at - t0) / 1_000), (perSecond.get(Math.floor((at - t0) / 1_000)) ?? 0) + 1);
      console.log(`sends per second: ${[...perSecond.entries()].sort((a, b) => a[0] - b[0]).map(([, n]) => n).join(' ')}`);
      const deferred = h.logs.filter((l) => String(l.event).includes('defer')).length;
      console.log(`requests: ${h.connector.requests.length}, deferral log lines: ${deferred}, events: ${[...new Set(h.logs.map((l) => l.event))].join(' ')}`);
    }
    return {
      alerts: ALERTS, channels: CHANNELS, delivered: threads.length,
      distinct: new Set(threads.map((x) => refOfCard(x.card))).size,
      firstToLastMs, rate: threads.length / ((firstToLastMs + 1_000) / 1_000), allowed: TENANT_PER_SECOND,
      received429: h.connector.requests.filter((r) => r.status === 429).length, fileMs,
    };
  } finally {
    await h.close();
  }
}

export function alertLines(r: AlertBenchResult): string {
  const share = r.rate / r.allowed;
  const ok = share >= 0.9 && r.received429 === 0 && r.distinct === r.alerts && r.delivered === r.alerts;
  return [
    `alert burst: ${r.alerts} alerts to ${r.channels} channels (filed in ${(r.fileMs / 1_000).toFixed(1)} s with the worker off), Teams' limits enforced by the stand-in`,
    `  delivered ${r.delivered} (${r.distinct} distinct, ${r.alerts - r.distinct} dropped, ${r.delivered - r.distinct} duplicated), first to last send ${(r.firstToLastMs / 1_000).toFixed(1)} s`,
    `  rate ${r.rate.toFixed(1)}/s of ${r.allowed}/s allowed (${(share * 100).toFixed(0)}%), ${r.received429} × 429 received  (target ≥ 90%, 0 × 429, 0 dropped: ${ok ? 'met' : 'MISSED'})`,
  ].join('\n');
}

if (require.main === module) {
  runAlertBench().then((r) => console.log(alertLines(r))).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
