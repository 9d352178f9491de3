/**
 * Retention purge on SQLite and Azurite. Over HTTP: reports filed, one resolved, one left open.
 * `trustline purge --dry-run` (child process) lists the due report and changes nothing; `purge`
 * removes it with its indexes and outbox entries, leaves a tombstone and an audit entry, and
 * keeps the open report (older still) and the report whose class has a longer retention. The
 * server's daily task does the same on its own clock.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHarness, Harness, FakeClock, STORAGE_BACKENDS } from '../support/harness';
import { actionExecute, people } from '../support/activities';
import { CHANNELS, fileReport, link, routingEnv, teamMembers, waitForAlerts, writeDirectory } from './routingSupport';
import { trustline } from './cliSupport';
import { tombstones } from '../../src/domain/records/retention';
import { auditTrail } from '../../src/domain/triage/audit';
import { ReportRepository } from '../../src/domain/reports/repository';

for (const storage of STORAGE_BACKENDS) {
  describe(`retention purge (${storage})`, function () {
    this.timeout(120_000);
    let h: Harness;
    let dir: string;
    const clock = new FakeClock();
    let open = '';
    let resolved = '';
    let resolvedLong = '';

    const press = async (verb: string, ref: string, values: Record<string, string> = {}) => {
      assert.equal((await h.send(actionExecute(verb, { ref, ...values }, { serviceUrl: h.serviceUrl, from: people.head, channel: CHANNELS.cronton }))).status, 200);
    };
    const repo = () => new ReportRepository(h.bot.services.store);

    before(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trustline-retention-'));
      // One day for connection requests, so the CLI's real clock (days after the fake one) finds it due.
      const file = path.join(dir, 'retention.json');
      fs.writeFileSync(file, JSON.stringify({ reports: { 'connection-request': 1, safeguarding: 9125 }, outboxDoneDays: 30 }));
      h = await startHarness({ storage, clock, env: routingEnv(writeDirectory(), { RETENTION_FILE: file }) });
      teamMembers(h.connector);
      await link(h, 'cronton');
      open = await fileReport(h, 'parent-connection');
      resolved = await fileReport(h, 'parent-connection');
      resolvedLong = await fileReport(h, 'pupil-connection');
      for (const ref of [open, resolved, resolvedLong]) await waitForAlerts(h.connector, ref);
      for (const ref of [resolved, resolvedLong]) {
        await press('triage.acknowledge', ref);
        await press('triage.resolve', ref, { resolveOutcome: 'Advice given' });
        assert.equal((await repo().get(ref))?.report.status, 'resolved', `${ref} resolved`);
      }
    });
    after(async () => {
      await h?.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('--dry-run lists only the closed report past its retention and changes nothing', async () => {
      const r = await trustline(h.env, 'purge', '--dry-run', '--json');
      assert.equal(r.code, 0, r.stderr);
      const plan = JSON.parse(r.stdout) as { dryRun: boolean; reports: { ref: string }[]; kept: { open: number; notYetDue: number } };
      assert.equal(plan.dryRun, true);
      assert.deepEqual(plan.reports.map((t) => t.ref), [resolved]);
      assert.equal(plan.kept.open, 1);
      assert.equal(plan.kept.notYetDue, 1);
      assert.ok(await repo().get(resolved), 'still there');
      assert.deepEqual(await tombstones(h.bot.services.store), []);
    });

    it('purges it with its indexes and outbox entries, leaves a tombstone, keeps the rest', async () => {
      const r = await trustline(h.env, 'purge');
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`Purged ${resolved}\\s+parent-connection`));
      assert.match(r.stdout, /Kept: 1 open, 1 closed but not yet due/);
      const store = h.bot.services.store;
      assert.equal(await repo().get(resolved), undefined);
      assert.ok(await repo().get(open), 'an open report is never purged');
      assert.ok(await repo().get(resolvedLong), 'safeguarding is kept longer');
      const index = [...await store.scan<{ ref: string }>('reportIndex')].map((e) => e.value.ref);
      const idx = await store.scan<{ ref: string }>('reportIndex');
      assert.ok(!index.includes(resolved), JSON.stringify(idx.filter((e) => e.value.ref === resolved).map((e) => [e.partition, e.key])));
      assert.ok(index.includes(open));
      const outbox = (await store.scan<{ work: { ref: string } }>('outbox')).map((e) => e.value.work.ref);
      assert.ok(!outbox.includes(resolved), `no outbox entry of ${resolved}: ${outbox.join(',')}`);
      assert.ok(outbox.includes(open), 'the open report\'s outbox entries stay');
      const [tomb] = await tombstones(store);
      assert.deepEqual({ ref: tomb.ref, kind: tomb.kind, cls: tomb.retentionClass }, { ref: resolved, kind: 'parent-connection', cls: 'connection-request' });
      assert.match(tomb.purgedBy, /^cli:/);
      assert.ok(tomb.submittedAt <= tomb.closedAt && tomb.closedAt <= tomb.purgedAt);
      assert.ok((await auditTrail(store, resolved)).some((e) => e.action === 'report.purged'), 'the purge is in the audit trail');
      const again = await trustline(h.env, 'purge', '--json');
      assert.deepEqual((JSON.parse(again.stdout) as { reports: unknown[] }).reports, [], 'a second run finds nothing');
    });

    it('the server\'s daily task purges on its own clock (safeguarding after 25 years), never the open report', async () => {
      clock.advance(9126 * 86_400_000);
      await h.restart({ RETENTION_FILE: path.join(dir, 'retention.json') });
      for (let i = 0; i < 200 && await repo().get(resolvedLong); i++) await new Promise((r) => setTimeout(r, 25));
      assert.equal(await repo().get(resolvedLong), undefined);
      assert.ok(await repo().get(open));
      const t = (await tombstones(h.bot.services.store)).find((x) => x.ref === resolvedLong);
      assert.equal(t?.purgedBy, 'system:retention');
    });

    it('refuses unknown options (exit 2)', async () => {
      assert.equal((await trustline(h.env, 'purge', '--now')).code, 2);
    });
  });
}
