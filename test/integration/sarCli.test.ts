/**
 * `trustline sar` as an admin runs it (a child process), on SQLite and Azurite: for the
 * reporter (their reports and drafts), a colleague named in a report by typed name, and a
 * triager (their actions and views); JSON and text files written, the export audited, and
 * nothing personal on standard output.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHarness, Harness, FakeClock, STORAGE_BACKENDS } from '../support/harness';
import { actionExecute, actionRefresh, people } from '../support/activities';
import { CHANNELS, execCard, fileReport, link, routingEnv, teamMembers, waitForAlerts, writeDirectory } from './routingSupport';
import { actionData, validAnswers, PUPIL } from './reportsSupport';
import { trustline } from './cliSupport';
import type { SubjectAccessExport } from '../../src/domain/records/subjectAccess';

for (const storage of STORAGE_BACKENDS) {
  describe(`trustline sar CLI (${storage})`, function () {
    this.timeout(120_000);
    let h: Harness;
    let out: string;
    const refs: string[] = [];
    const clock = new FakeClock();

    async function sar(...args: string[]): Promise<{ json: SubjectAccessExport; text: string; stdout: string }> {
      const r = await trustline(h.env, 'sar', ...args, '--out', out);
      assert.equal(r.code, 0, r.stderr);
      const base = /Wrote (\S+)\.json/.exec(r.stdout)?.[1];
      assert.ok(base, r.stdout);
      const json = JSON.parse(fs.readFileSync(`${base}.json`, 'utf8')) as SubjectAccessExport;
      const text = fs.readFileSync(`${base}.txt`, 'utf8');
      assert.equal(fs.statSync(`${base}.json`).mode & 0o077, 0, 'owner only');
      return { json, text, stdout: r.stdout };
    }

    before(async () => {
      out = fs.mkdtempSync(path.join(os.tmpdir(), 'trustline-sar-'));
      h = await startHarness({ storage, clock, env: routingEnv(writeDirectory()) });
      teamMembers(h.connector);
      await link(h, 'cronton');
      refs.push(await fileReport(h, 'pupil-connection'));
      refs.push(await fileReport(h, 'colleague-abuse', { overrides: { colleagueName: `  sam   OTHER ` } }));
      await waitForAlerts(h.connector, refs[0]);
      for (const [verb, build] of [['triage.view', actionRefresh], ['triage.acknowledge', actionExecute]] as const) {
        assert.equal((await h.send(build(verb, { ref: refs[0] }, { serviceUrl: h.serviceUrl, from: people.head, channel: CHANNELS.cronton }))).status, 200);
      }
      // An unfinished report: review saves the draft.
      const form = await execCard(h, 'report.start', { kind: 'media-contact', via: 'picker' }, people.teacher);
      await execCard(h, 'report.review', { ...actionData(form, 'report.review'), ...validAnswers('media-contact') }, people.teacher);
    });
    after(async () => {
      await h?.close();
      fs.rmSync(out, { recursive: true, force: true });
    });

    it('exports the reporter\'s reports and drafts, as JSON and readable text, and audits it', async () => {
      const { json, text, stdout } = await sar('--person', people.teacher.aadObjectId);
      assert.deepEqual(json.asReporter.map((r) => r.ref).sort(), [...refs].sort());
      assert.ok(json.asReporter.some((r) => JSON.stringify(r.fields).includes(PUPIL)), 'the full reports');
      assert.deepEqual(json.drafts.map((d) => d.kind), ['media-contact']);
      assert.deepEqual(json.person.names, [people.teacher.name]);
      assert.match(text, /1\. Reports this person filed \(2\)/);
      assert.ok(text.includes(PUPIL));
      assert.match(text, /gap log[^\n]*without any asker identity/i);
      assert.doesNotMatch(stdout, new RegExp(PUPIL), 'standard output has counts only');
      assert.match(stdout, /2 filed/);
      const trail = JSON.parse((await trustline(h.env, 'audit', '--person', people.teacher.aadObjectId, '--json')).stdout) as { action: string; detail?: string }[];
      assert.ok(trail.some((e) => e.action === 'sar.export' && e.detail === `person:${people.teacher.aadObjectId}`), 'the export is audited');
    });

    it('finds a colleague named by typed name (case and spacing ignored), and says how it matched', async () => {
      const { json, text } = await sar('--person', people.otherTeacher.aadObjectId, '--name', people.otherTeacher.name);
      assert.deepEqual(json.namedIn.map((n) => ({ ref: n.ref, matchedBy: n.matchedBy })), [{ ref: refs[1], matchedBy: ['name'] }]);
      assert.equal(json.asReporter.length, 0);
      assert.match(text, /Matched by name in: Colleague who was targeted/);
      assert.match(text, /misspelling, nickname or initials will not match/);
      const partial = await sar('--person', people.otherTeacher.aadObjectId, '--name', 'Sam Oth');
      assert.equal(partial.json.namedIn.length, 0, 'a whole name, not a prefix');
    });

    it('lists a triager\'s actions and views', async () => {
      const { json } = await sar('--person', people.head.aadObjectId);
      const mine = json.asTriager.find((t) => t.ref === refs[0]);
      assert.ok(mine?.actions.some((a) => /acknowledged/.test(a.action)), JSON.stringify(json.asTriager));
      assert.ok(json.asViewer.some((v) => v.ref === refs[0] && v.action === 'view'));
      assert.equal(json.asReporter.length, 0);
    });

    it('refuses bad usage with exit 2', async () => {
      assert.equal((await trustline(h.env, 'sar')).code, 2);
      assert.equal((await trustline(h.env, 'sar', '--person', 'x', '--bogus')).code, 2);
      assert.equal((await trustline(h.env, 'sar', '--person', 'x', '--out', path.join(out, 'missing'))).code, 2);
    });
  });
}
