/**
 * `trustline outbox` as an admin runs it (a child process) over the store of a running server,
 * on SQLite and Azurite: an alert the Connector refuses for good (403) is listed as parked, one
 * that failed with a 500 as retrying, each with its reference, the error class and status; a
 * delivered alert is not listed; nothing personal (no pupil name, no write-up) is printed.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { startHarness, Harness, FakeClock, STORAGE_BACKENDS } from '../support/harness';
import { personalMessage, actionExecute } from '../support/activities';
import { actionData, cardText, invokeCard, validAnswers, PUPIL, Card } from './reportsSupport';

const ROOT = path.resolve(__dirname, '..', '..');
const MAIN = path.join(ROOT, 'src', 'cli', 'main.ts');

async function trustline(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--require', 'tsx/cjs', MAIN, ...args], {
      cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env, LOG_LEVEL: 'silent' }, timeout: 30_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

interface Row { ref: string; work: string; state: string; attempts: number; lastError: { status: number | null; reason: string } | null }

const isAlert = (r: { method: string; body: unknown }) => r.method === 'POST' && JSON.stringify(r.body ?? '').includes('New alert');

for (const storage of STORAGE_BACKENDS) {
  describe(`trustline outbox CLI (${storage})`, function () {
    this.timeout(90_000);
    let h: Harness;
    const refs: string[] = [];

    async function file(kindId: string): Promise<string> {
      const exec = async (verb: string, data: Record<string, unknown>) => invokeCard((await h.send(actionExecute(verb, data, { serviceUrl: h.serviceUrl }))).body);
      const count = h.connector.messages.filter((m) => m.summary === 'Make a report').length;
      await h.send(personalMessage('report', { serviceUrl: h.serviceUrl }));
      const [msg] = (await h.connector.waitForMessages(count + 1, (m) => m.summary === 'Make a report')).slice(-1);
      const form = await exec('report.start', actionData(msg.attachments?.[0].content as Card, 'report.start', (d) => d.kind === kindId));
      const review = await exec('report.review', { ...actionData(form, 'report.review'), ...validAnswers(kindId) });
      const ref = /([A-Z]{2}-2026-\d{4})/.exec(cardText(await exec('report.submit', actionData(review, 'report.submit'))))?.[1];
      assert.ok(ref);
      return ref;
    }
    async function until(check: () => boolean): Promise<void> {
      for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
      assert.ok(check(), 'timed out');
    }

    before(async () => {
      // Long backoff: a failed entry stays failed while the CLI looks at it.
      h = await startHarness({ storage, clock: new FakeClock(), env: { OUTBOX_BACKOFF_BASE_MS: '600000', OUTBOX_BACKOFF_MAX_MS: '600000' } });
      // Every post of the first alert is refused for good (the channel and any fallback).
      h.connector.failNextWhere(isAlert, { status: 403 }, { status: 403 }, { status: 403 }, { status: 403 });
      refs.push(await file('pupil-connection'));
      await until(() => h.connector.faults.length >= 1 && h.logs.some((l) => l.event === 'outbox.parked'));
      h.connector.reset();
      h.connector.failNextWhere(isAlert, { status: 500 });
      refs.push(await file('media-contact'));
      await until(() => h.logs.some((l) => l.event === 'outbox.retry'));
      h.connector.reset();
      refs.push(await file('pupil-connection'));
      await h.connector.waitForMessages(1, (m) => JSON.stringify(m.attachments ?? '').includes(refs[2]));
    });
    after(async () => h?.close());

    it('lists the parked and the retrying alert by reference, with the error, and not the delivered one', async () => {
      const { code, stdout, stderr } = await trustline(h.env, 'outbox', '--json');
      assert.equal(code, 0, stderr);
      const rows = JSON.parse(stdout) as Row[];
      const parked = rows.find((r) => r.ref === refs[0]);
      const retrying = rows.find((r) => r.ref === refs[1]);
      assert.deepEqual(parked && { work: parked.work, state: parked.state, reason: parked.lastError?.reason, status: parked.lastError?.status }, { work: 'report.filed', state: 'parked', reason: 'permanent', status: 403 });
      assert.deepEqual(retrying && { work: retrying.work, state: retrying.state, attempts: retrying.attempts, reason: retrying.lastError?.reason, status: retrying.lastError?.status }, { work: 'report.filed', state: 'retrying', attempts: 1, reason: 'retry', status: 500 });
      assert.ok(!rows.some((r) => r.ref === refs[2]), 'a delivered alert is not listed');
    });

    it('prints a table with counts and advice, and nothing personal', async () => {
      const { code, stdout, stderr } = await trustline(h.env, 'outbox');
      assert.equal(code, 0, stderr);
      assert.match(stdout, /REFERENCE\s+WORK\s+STATE/);
      assert.match(stdout, new RegExp(`${refs[0]}\\s+report\\.filed\\s+parked\\s+\\d+\\s+permanent 403`));
      assert.match(stdout, new RegExp(`${refs[1]}\\s+report\\.filed\\s+retrying\\s+1\\s+retry 500`));
      assert.match(stdout, /1 parked, 1 retrying/);
      assert.match(stdout, /link <school>/);
      assert.doesNotMatch(stdout, new RegExp(PUPIL));
      for (const v of Object.values(validAnswers('pupil-connection'))) if (v.length > 12) assert.ok(!stdout.includes(v), 'no typed text');
    });

    it('refuses unknown options with usage (exit 2)', async () => {
      const bad = await trustline(h.env, 'outbox', '--everything');
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /unknown option --everything/);
      assert.match(bad.stderr, /Usage:/);
    });
  });
}
