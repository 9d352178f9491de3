/**
 * The admin CLI over the same store as a running server: a report filed over HTTP survives a
 * restart and appears in `trustline reports list --json`; `show` prints it and audits the view.
 * The CLI runs as a child process, as an admin would run it.
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

/** Runs `trustline reports ...` through the CLI's dispatcher. */
async function trustline(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const argv = [MAIN, 'reports', ...args];
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--require', 'tsx/cjs', ...argv], {
      cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env, LOG_LEVEL: 'silent' }, timeout: 30_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

for (const storage of STORAGE_BACKENDS) {
  describe(`trustline reports CLI (${storage})`, function () {
    this.timeout(90_000);
    let h: Harness;
    const refs: string[] = [];

    before(async () => {
      h = await startHarness({ storage, clock: new FakeClock() });
      const exec = async (verb: string, data: Record<string, unknown>) => invokeCard((await h.send(actionExecute(verb, data, { serviceUrl: h.serviceUrl }))).body);
      for (const [kindId, school] of [['pupil-connection', 'cronton'], ['media-contact', 'beacon']]) {
        await h.send(personalMessage('report', { serviceUrl: h.serviceUrl }));
        const [msg] = (await h.connector.waitForMessages(refs.length + 1, (m) => m.summary === 'Make a report')).slice(-1);
        const form = await exec('report.start', actionData(msg.attachments?.[0].content as Card, 'report.start', (d) => d.kind === kindId));
        const review = await exec('report.review', { ...actionData(form, 'report.review'), ...validAnswers(kindId), school });
        const filed = await exec('report.submit', actionData(review, 'report.submit'));
        refs.push(/([A-Z]{2}-2026-\d{4})/.exec(cardText(filed))?.[1] ?? '');
      }
      await h.restart();
    });
    after(async () => h?.close());

    it('lists reports filed before a restart, as JSON without personal data', async () => {
      const { code, stdout, stderr } = await trustline(h.env, 'list', '--json');
      assert.equal(code, 0, stderr);
      const listed = JSON.parse(stdout) as { ref: string; kind: string; schoolId: string; status: string }[];
      assert.deepEqual(listed.map((r) => r.ref).sort(), [...refs].sort());
      assert.deepEqual(listed.find((r) => r.ref === refs[0]), { ...listed.find((r) => r.ref === refs[0]), kind: 'pupil-connection', schoolId: 'cronton', status: 'new' });
      assert.doesNotMatch(stdout, new RegExp(PUPIL));
    });

    it('filters by school (id or name) and by date, and prints a table by default', async () => {
      const bySchool = await trustline(h.env, 'list', '--school', 'The Beacon', '--json');
      assert.equal(bySchool.code, 0, bySchool.stderr);
      assert.deepEqual((JSON.parse(bySchool.stdout) as { ref: string }[]).map((r) => r.ref), [refs[1]]);
      const none = await trustline(h.env, 'list', '--from', '2026-11-26', '--json');
      assert.deepEqual(JSON.parse(none.stdout), []);
      const today = await trustline(h.env, 'list', '--from', '2026-11-25', '--to', '2026-11-25');
      assert.match(today.stdout, /REFERENCE\s+KIND\s+SCHOOL/);
      assert.match(today.stdout, /2 reports\./);
      const bad = await trustline(h.env, 'list', '--school', 'Hogwarts');
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /No school matches "Hogwarts"/);
    });

    it('shows one report in full and audits the view', async () => {
      const { code, stdout, stderr } = await trustline(h.env, 'show', refs[0]);
      assert.equal(code, 0, stderr);
      assert.match(stdout, new RegExp(`Reference\\s+${refs[0]}`));
      assert.match(stdout, new RegExp(PUPIL));
      assert.match(stdout, /History:\n.*filed/);
      const json = await trustline(h.env, 'show', refs[0].toLowerCase(), '--json');
      assert.equal((JSON.parse(json.stdout) as { ref: string }).ref, refs[0]);
      const audit = await h.bot.services.store.list<{ action: string }>('audit', `report:${refs[0]}`);
      assert.ok(audit.filter((a) => a.value.action === 'report.viewed').length >= 2);
    });

    it('says clearly when a report does not exist or the command is wrong', async () => {
      const missing = await trustline(h.env, 'show', 'PC-2026-9999');
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /No report PC-2026-9999/);
      const notRef = await trustline(h.env, 'show', 'hello');
      assert.equal(notRef.code, 2);
      const unknown = await trustline(h.env, 'list', '--colour');
      assert.equal(unknown.code, 2);
      assert.match(unknown.stderr, /unknown option --colour/);
      const bare = await trustline(h.env);
      assert.equal(bare.code, 2);
      assert.match(bare.stderr, /trustline reports list/);
    });
  });
}
