/**
 * `trustline audit` as an admin runs it (a child process), on SQLite and Azurite, over a report
 * filed, viewed, refused, acknowledged and exported over HTTP: the chronology lists each in
 * order, a person's trail lists only what they did, each read is audited, and nothing
 * personal is printed.
 */
import { strict as assert } from 'node:assert';
import os from 'node:os';
import { startHarness, Harness, FakeClock, STORAGE_BACKENDS } from '../support/harness';
import { actionExecute, actionRefresh, people, Persona } from '../support/activities';
import { CHANNELS, command, fileReport, link, routingEnv, teamMembers, waitForAlerts, writeDirectory } from './routingSupport';
import { PUPIL } from './reportsSupport';
import { trustline } from './cliSupport';

interface Row { at: string; actor: string; action: string; outcome: string; ref?: string; schoolId?: string; detail?: string }
const CLI = `cli:${os.userInfo().username}`;

for (const storage of STORAGE_BACKENDS) {
  describe(`trustline audit CLI (${storage})`, function () {
    this.timeout(90_000);
    let h: Harness;
    let ref = '';
    const clock = new FakeClock();

    const press = async (verb: string, from: Persona, automatic = false) => {
      const build = automatic ? actionRefresh : actionExecute;
      assert.equal((await h.send(build(verb, { ref }, { serviceUrl: h.serviceUrl, from, channel: CHANNELS.cronton }))).status, 200);
      clock.advance(60_000);
    };

    before(async () => {
      h = await startHarness({ storage, clock, env: routingEnv(writeDirectory()) });
      teamMembers(h.connector);
      await link(h, 'cronton');
      ref = await fileReport(h, 'pupil-connection');
      await waitForAlerts(h.connector, ref);
      clock.advance(60_000);
      await press('triage.view', people.head, true);
      await press('triage.open', people.otherHead);
      await press('triage.acknowledge', people.head);
      await command(h, 'export 2026-11-01 2026-11-30', CHANNELS.cronton, people.head);
      const shown = await trustline(h.env, 'reports', 'show', ref);
      assert.equal(shown.code, 0, shown.stderr);
    });
    after(async () => h?.close());

    it('gives a report\'s chronology: filed, viewed, refused, acknowledged, exported, viewed at the CLI', async () => {
      const { code, stdout, stderr } = await trustline(h.env, 'audit', ref, '--json');
      assert.equal(code, 0, stderr);
      const rows = JSON.parse(stdout) as Row[];
      const has = (who: string, action: string, outcome?: string) => rows.findIndex((r) => r.actor === who && r.action === action && (!outcome || r.outcome === outcome));
      const filed = has(people.teacher.aadObjectId, 'report.filed');
      const viewed = has(people.head.aadObjectId, 'view', 'shown');
      const refused = rows.findIndex((r) => r.actor === people.otherHead.aadObjectId && r.outcome === 'denied');
      const acked = has(people.head.aadObjectId, 'acknowledge', 'ok');
      const exported = has(people.head.aadObjectId, 'export', 'ok');
      const cliView = has(CLI, 'report.viewed');
      for (const [name, i] of Object.entries({ filed, viewed, refused, acked, exported, cliView })) assert.ok(i >= 0, `${name} in ${stdout}`);
      assert.ok(filed < viewed && viewed < refused && refused < acked && acked < exported && exported < cliView, 'in time order');
      assert.ok(rows.every((r, i) => i === 0 || rows[i - 1].at <= r.at));
      assert.doesNotMatch(stdout, new RegExp(PUPIL));
    });

    it('audits each read of the trail (before showing it), as a table by default', async () => {
      const { code, stdout, stderr } = await trustline(h.env, 'audit', ref);
      assert.equal(code, 0, stderr);
      assert.match(stdout, /WHEN\s+WHO\s+ACTION\s+OUTCOME/);
      assert.match(stdout, new RegExp(`${CLI}\\s+audit\\.read\\s+shown\\s+${ref}`), 'the earlier --json read is in the trail');
      assert.doesNotMatch(stdout, new RegExp(PUPIL));
    });

    it('gives one person\'s trail across reports, and records that it was read', async () => {
      const head = await trustline(h.env, 'audit', '--person', people.head.aadObjectId, '--json');
      assert.equal(head.code, 0, head.stderr);
      const rows = JSON.parse(head.stdout) as Row[];
      assert.ok(rows.length >= 3);
      assert.ok(rows.every((r) => r.actor === people.head.aadObjectId), 'only what the head did');
      assert.deepEqual(new Set(rows.map((r) => r.action)), new Set(['view', 'acknowledge', 'export']));
      const again = JSON.parse((await trustline(h.env, 'audit', '--person', people.head.aadObjectId, '--json')).stdout) as Row[];
      assert.ok(again.some((r) => r.actor === CLI && r.action === 'audit.read' && r.detail === `person:${people.head.aadObjectId}`), 'the first read is in the second');
      const nobody = await trustline(h.env, 'audit', '--person', 'no-such-person');
      assert.equal(nobody.code, 0);
      assert.match(nobody.stdout, /No audit entries\./);
    });

    it('refuses bad usage with exit 2 and an unknown report with exit 1', async () => {
      assert.equal((await trustline(h.env, 'audit')).code, 2);
      assert.equal((await trustline(h.env, 'audit', 'not-a-ref')).code, 2);
      assert.equal((await trustline(h.env, 'audit', ref, '--person', 'x')).code, 2);
      assert.equal((await trustline(h.env, 'audit', ref, '--everything')).code, 2);
      const missing = await trustline(h.env, 'audit', 'PC-2026-9999');
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /No report PC-2026-9999/);
    });
  });
}
