/**
 * Report filing figures (npm run bench:reports): the domain's filing on SQLite, sequential and
 * concurrent, and the Submit press over HTTP (review already done) through the real server.
 * Prints milliseconds; no thresholds here (see docs/REPORTS.md for what they mean).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { SqliteRecordStore } from '../src/storage/sqlite/sqliteStore';
import { loadKinds } from '../src/domain/reports/kinds';
import { ReportsService, FileRequest } from '../src/domain/reports/service';
import { validateReport } from '../src/domain/reports/validate';
import { createLogger } from '../src/log';
import { startHarness, FakeClock } from '../test/support/harness';
import { personalMessage, actionExecute, people } from '../test/support/activities';
import { actionData, invokeCard, validAnswers, Card } from '../test/integration/reportsSupport';

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const fmt = (xs: number[]) => `p50 ${percentile(xs, 0.5).toFixed(1)} ms, p95 ${percentile(xs, 0.95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`;

async function domain(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-reports-'));
  const store = new SqliteRecordStore(path.join(dir, 'trustline.db'));
  const kinds = loadKinds();
  const now = new Date('2026-11-25T09:00:00Z');
  const schools = [{ id: 'cronton', name: 'Cronton' }];
  const svc = new ReportsService({
    store, kinds, clock: { now: () => now }, log: createLogger('silent'),
    schools: { listSchools: async () => schools, userSchool: async () => undefined, setUserSchool: async () => undefined },
  });
  const kind = kinds.get('pupil-connection');
  if (!kind) throw new Error('kind');
  const v = validateReport(kind, validAnswers('pupil-connection'), { now, timeZone: 'Europe/London', schools });
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  const req = (): FileRequest => ({
    kind, submissionId: randomUUID(), source: 'chat', values: v.values,
    reporter: { aadObjectId: `aad-${randomUUID()}`, name: 'Bench', teamsUserId: '29:bench' },
    reporterConversation: { serviceUrl: 'http://127.0.0.1:1/', conversationId: 'a:1', tenantId: 't', botId: '28:b', channelId: 'msteams' },
  });
  const seq: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t = performance.now();
    await svc.file(req());
    seq.push(performance.now() - t);
  }
  console.log(`filing, SQLite, sequential x300: ${fmt(seq)}`);
  const t = performance.now();
  await Promise.all(Array.from({ length: 100 }, () => svc.file(req())));
  const ms = performance.now() - t;
  console.log(`filing, SQLite, 100 concurrent: ${ms.toFixed(0)} ms in all, ${(100_000 / ms).toFixed(0)} reports/s, ${(await svc.repository.listBySchool('cronton')).length} stored`);
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

async function overHttp(): Promise<void> {
  const h = await startHarness({ storage: 'sqlite', clock: new FakeClock(), env: { LOG_LEVEL: 'silent' } });
  try {
    const exec = async (verb: string, data: Record<string, unknown>) => invokeCard((await h.send(actionExecute(verb, data, { serviceUrl: h.serviceUrl, from: people.teacher }))).body);
    await h.send(personalMessage('report', { serviceUrl: h.serviceUrl }));
    const [msg] = await h.connector.waitForMessages(1, (m) => m.summary === 'Make a report');
    const start = actionData(msg.attachments?.[0].content as Card, 'report.start', (d) => d.kind === 'pupil-connection');
    const review: number[] = [];
    const submit: number[] = [];
    for (let i = 0; i < 100; i++) {
      const form = await exec('report.start', start);
      let t = performance.now();
      const rev = await exec('report.review', { ...actionData(form, 'report.review'), ...validAnswers('pupil-connection') });
      review.push(performance.now() - t);
      t = performance.now();
      await exec('report.submit', actionData(rev, 'report.submit'));
      submit.push(performance.now() - t);
    }
    console.log(`HTTP Review press (validate + save draft + card), x100: ${fmt(review)}`);
    console.log(`HTTP Submit press (file + confirmation card), x100: ${fmt(submit)}`);
  } finally {
    await h.close();
  }
}

domain().then(overHttp).catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
