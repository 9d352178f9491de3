/**
 * The marker test (issue 10): a unique marker typed into every free-text field of all six report
 * kinds, into a triage note and a resolution, then viewed, acknowledged, exported and handed to
 * the CLI's `reports show` and `sar` (files aside). The marker may appear only in cards for those
 * allowed (the invoke responses to triagers); never in a log line, nor in any activity sent to a
 * channel (alerts, card updates, replies), nor in any activity's text or summary. On SQLite and
 * on Azure Table Storage (Azurite): the Azure store's errors and retries log too.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHarness, Harness, FakeClock, STORAGE_BACKENDS } from '../support/harness';
import { actionExecute, actionRefresh, people } from '../support/activities';
import { CHANNELS, command, fileReport, link, routingEnv, teamMembers, waitForAlerts, writeDirectory } from './routingSupport';
import { kinds, validAnswers } from './reportsSupport';
import { trustline } from './cliSupport';

const MARK = 'Zqxmarkerq';

function markedAnswers(kindId: string): Record<string, string> {
  const valid = validAnswers(kindId);
  const k = kinds.get(kindId)!;
  const out: Record<string, string> = {};
  for (const f of k.fields) {
    const v = valid[f.id];
    if (f.type === 'text' || f.type === 'longtext') out[f.id] = `${v ?? 'Seen'} ${MARK}`.slice(0, f.maxLength ?? 200);
    else if (f.type === 'person') out[f.id] = (v ?? 'Pat Person').split(',').map((n) => `${n.trim()} ${MARK}`).join(', ');
    else if (f.type === 'url') out[f.id] = `https://example.org/${MARK}`;
  }
  return out;
}

for (const storage of STORAGE_BACKENDS) {
  describe(`marker: typed text never leaves the allowed cards (${storage})`, function () {
    this.timeout(180_000);
    let h: Harness;
    const clock = new FakeClock();
    const refs: string[] = [];
    let out: string;

    before(async () => {
      out = fs.mkdtempSync(path.join(os.tmpdir(), 'trustline-marker-'));
      h = await startHarness({ storage, clock, env: routingEnv(writeDirectory()) });
      teamMembers(h.connector);
      await link(h, 'cronton');
      await link(h, 'trust');
    });
    after(async () => {
      await h?.close();
      fs.rmSync(out, { recursive: true, force: true });
    });

    it('files all six kinds, triages, notes, resolves, exports and runs the CLI with the marker nowhere it must not be', async () => {
      for (const k of kinds.list()) {
        const answers = markedAnswers(k.id);
        assert.ok(Object.keys(answers).length > 0, `${k.id} has free-text fields`);
        refs.push(await fileReport(h, k.id, { overrides: answers }));
      }
      const press = async (verb: string, ref: string, values: Record<string, string> = {}, automatic = false) => {
        const build = automatic ? actionRefresh : actionExecute;
        const res = await h.send(build(verb, { ref, ...values }, { serviceUrl: h.serviceUrl, from: people.head, channel: CHANNELS.cronton }));
        assert.equal(res.status, 200);
        return JSON.stringify(res.body);
      };
      const ref = refs[0];
      await waitForAlerts(h.connector, ref);
      const view = await press('triage.view', ref, {}, true);
      assert.ok(view.includes(MARK), 'the triager\'s own view shows what was typed (so the test can fail)');
      await press('triage.acknowledge', ref);
      await press('triage.note', ref, { noteText: `Called parent ${MARK}` });
      await press('triage.resolve', ref, { resolveOutcome: `Advice given ${MARK}` });
      await command(h, 'export 2026-11-01 2026-11-30', CHANNELS.cronton, people.head);
      await command(h, 'open alerts', CHANNELS.cronton, people.head);
      const shown = await trustline(h.env, 'reports', 'show', ref);
      assert.ok(shown.stdout.includes(MARK), 'reports show prints the report to the admin');
      const sar = await trustline(h.env, 'sar', '--person', people.teacher.aadObjectId, '--out', out);
      assert.equal(sar.code, 0, sar.stderr);
      assert.ok(!sar.stdout.includes(MARK), 'sar prints counts only (the files aside)');
      const audit = await trustline(h.env, 'audit', ref);
      assert.ok(!audit.stdout.includes(MARK), 'audit trail holds no typed text');
      const outbox = await trustline(h.env, 'outbox', '--all');
      assert.ok(!outbox.stdout.includes(MARK));
      // Let the worker deliver card updates and notices.
      await new Promise((r) => setTimeout(r, 1500));

      assert.ok(!h.logText().includes(MARK), 'no log line carries the marker');
      // Every call the bot made to the Connector: thread starts (POST /v3/conversations), replies, updates.
      const calls = h.connector.requests.filter((r) => r.method !== 'GET');
      assert.ok(calls.length > 10 && calls.some((r) => r.path.endsWith('/v3/conversations')), 'alerts were posted');
      for (const r of calls) {
        const body = (r.body ?? {}) as { text?: string; summary?: string; activity?: { text?: string; summary?: string } };
        for (const a of [body, body.activity ?? {}]) assert.ok(!`${a.text ?? ''}|${a.summary ?? ''}`.includes(MARK), `text/summary of ${r.method} ${r.path}`);
        const personal = (r.conversationId ?? '').startsWith('a:personal-');
        if (!personal) assert.ok(!JSON.stringify(r.body).includes(MARK), `a channel-level call: ${r.method} ${r.path}`);
      }
    });
  });
}
