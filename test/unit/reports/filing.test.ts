/**
 * Reference numbering and filing against real stores (SQLite, and Azure Table Storage on
 * Azurite): distinct references under concurrency, one report per submission however often it
 * is submitted, and nothing lost when filing stops between any two steps.
 */
import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import type { RecordStore } from '../../../src/storage/recordStore';
import { SqliteRecordStore } from '../../../src/storage/sqlite/sqliteStore';
import { TableRecordStore } from '../../../src/storage/azureTable/tableStore';
import { allocateRef, formatRef } from '../../../src/domain/reports/references';
import { loadKinds } from '../../../src/domain/reports/kinds';
import { ReportsService, FileRequest } from '../../../src/domain/reports/service';
import { PENDING_PARTITION, FilingStep } from '../../../src/domain/reports/filing';
import { validateReport } from '../../../src/domain/reports/validate';
import { createLogger } from '../../../src/log';
import { OUTBOX_PARTITION } from '../../../src/domain/outbox/outbox';
import { getAzurite, uniqueTablePrefix } from '../../support/azurite';

const kinds = loadKinds();
const now = new Date('2026-11-25T09:00:00Z');
const clock = { now: () => now };
const schools = [{ id: 'cronton', name: 'Cronton' }];
const remembered = new Map<string, string>();
const schoolSource = {
  listSchools: async () => schools,
  userSchool: async (id: string) => remembered.get(id),
  setUserSchool: async (id: string, s: string) => void remembered.set(id, s),
};
const log = createLogger('silent');

function request(overrides: Partial<FileRequest> = {}, aad = 'aad-teacher'): FileRequest {
  const kind = kinds.get('pupil-connection');
  if (!kind) throw new Error('kind');
  const v = validateReport(kind, {
    school: 'cronton', immediateRisk: 'no', happenedAt: '2026-11-24', evidenceHeld: 'yes', concernsTriager: 'no', direction: 'pupil-to-staff',
    approached: 'Alex', pupilName: 'Jamie Pupilname', yearGroup: 'y6', platform: 'instagram', whatHappened: 'A request.', actionTaken: 'declined',
  }, { now, timeZone: 'Europe/London', schools });
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return {
    kind, submissionId: randomUUID(), source: 'chat', values: v.values,
    reporter: { aadObjectId: aad, name: 'Alex Teacher', teamsUserId: '29:teacher' },
    reporterConversation: { serviceUrl: 'http://127.0.0.1:1/', conversationId: 'a:1', tenantId: 't', botId: '28:bot', channelId: 'msteams' },
    ...overrides,
  };
}

const backends: [string, () => Promise<RecordStore>][] = [
  ['SQLite', async () => new SqliteRecordStore(':memory:')],
  ['Azure Table Storage (Azurite)', async () => TableRecordStore.connect((await getAzurite()).connectionString, uniqueTablePrefix())],
];

for (const [name, open] of backends) {
  describe(`report references and filing on ${name}`, function () {
    this.timeout(60_000);
    let store: RecordStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => store.close());

    it('formats references as PREFIX-YEAR-NNNN, counting per prefix and per year', async () => {
      assert.equal(formatRef('PC', 2026, 42), 'PC-2026-0042');
      assert.equal(formatRef('PC', 2026, 12345), 'PC-2026-12345');
      assert.equal(await allocateRef(store, 'PC', 2026), 'PC-2026-0001');
      assert.equal(await allocateRef(store, 'PC', 2026), 'PC-2026-0002');
      assert.equal(await allocateRef(store, 'MC', 2026), 'MC-2026-0001');
      assert.equal(await allocateRef(store, 'PC', 2027), 'PC-2027-0001');
    });

    it('gives concurrent filings distinct references with no gaps', async () => {
      const n = 25;
      const refs = await Promise.all(Array.from({ length: n }, () => allocateRef(store, 'PC', 2026)));
      assert.equal(new Set(refs).size, n);
      assert.deepEqual([...refs].sort(), Array.from({ length: n }, (_, i) => formatRef('PC', 2026, i + 1)));
    });

    it('files concurrently from two service instances (two servers) with distinct references', async () => {
      const a = new ReportsService({ store, kinds, schools: schoolSource, clock, log });
      const b = new ReportsService({ store, kinds, schools: schoolSource, clock, log });
      const filed = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).file(request())));
      const refs = filed.map((f) => f.report.ref);
      assert.equal(new Set(refs).size, 12);
      assert.equal((await a.repository.listBySchool('cronton')).length, 12);
    });

    it('stores the report, indexes, outbox entry and audit before returning', async () => {
      const svc = new ReportsService({ store, kinds, schools: schoolSource, clock, log });
      const { report, created } = await svc.file(request());
      assert.equal(created, true);
      assert.equal(report.ref, 'PC-2026-0001');
      assert.equal(report.status, 'new');
      assert.equal(report.priority, 'high');
      assert.deepEqual(report.history.map((h) => h.action), ['filed']);
      assert.ok(report.sensitiveFields.includes('pupilName'));
      assert.equal((await svc.repository.get(report.ref))?.report.ref, report.ref);
      assert.deepEqual((await svc.repository.listByReporter('aad-teacher')).map((r) => r.ref), [report.ref]);
      assert.deepEqual((await svc.repository.listBySchool('cronton', { from: new Date('2026-11-01'), to: new Date('2026-12-01') })).map((r) => r.ref), [report.ref]);
      assert.deepEqual(await svc.repository.listBySchool('cronton', { from: new Date('2026-12-01') }), []);
      assert.ok(await store.get('outbox', OUTBOX_PARTITION, `report.filed:${report.ref}`));
      const audit = await store.list<Record<string, unknown>>('audit', `report:${report.ref}`);
      assert.equal(audit.length, 1);
      assert.deepEqual(Object.keys(audit[0].value).sort(), ['action', 'at', 'byAadObjectId', 'kind', 'ref', 'schoolId']);
      assert.doesNotMatch(JSON.stringify(audit), /Pupilname|Alex Teacher/, 'no personal data in the audit entry');
      assert.deepEqual(await store.list('reportIndex', PENDING_PARTITION), []);
      assert.equal(remembered.get('aad-teacher'), 'cronton', 'the school is remembered');
    });

    it('files a submission once however often it is submitted, also concurrently', async () => {
      const svc = new ReportsService({ store, kinds, schools: schoolSource, clock, log });
      const req = request();
      const results = await Promise.all([svc.file(req), svc.file(req), svc.file(req), svc.file(req)]);
      const again = await svc.file(req);
      const refs = new Set([...results, again].map((r) => r.report.ref));
      assert.equal(refs.size, 1);
      assert.equal(results.filter((r) => r.created).length, 1);
      assert.equal((await svc.repository.listByReporter('aad-teacher')).length, 1);
      assert.deepEqual(await store.list('reportIndex', PENDING_PARTITION), []);
    });

    it('updates a report with its ETag and refuses a stale one', async () => {
      const svc = new ReportsService({ store, kinds, schools: schoolSource, clock, log });
      const { report } = await svc.file(request());
      const got = await svc.repository.get(report.ref);
      assert.ok(got);
      const next = { ...got.report, status: 'acknowledged' as const, history: [...got.report.history, { at: now.toISOString(), byAadObjectId: 'head', action: 'acknowledged' }] };
      await svc.repository.update(report.ref, next, got.etag);
      await assert.rejects(svc.repository.update(report.ref, next, got.etag), { name: 'ConflictError' });
      assert.equal((await svc.repository.get(report.ref))?.report.status, 'acknowledged');
      assert.equal(await svc.repository.get('NOT-A-REF'), undefined);
    });

    const steps: FilingStep[] = ['allocated', 'pending', 'claimed', 'stored', 'indexed', 'enqueued', 'audited'];
    for (const step of steps) {
      it(`loses nothing when filing stops after "${step}": a retry or the start-up reconcile finishes it`, async () => {
        let crash = true;
        const crashing = new ReportsService({
          store, kinds, schools: schoolSource, clock, log,
          hooks: { afterStep: (s) => { if (crash && s === step) throw new Error(`crash after ${s}`); } },
        });
        const req = request();
        await assert.rejects(crashing.file(req), /crash after/);
        crash = false;
        const restarted = new ReportsService({ store, kinds, schools: schoolSource, clock, log });
        const rec = await restarted.reconcile();
        if (step === 'allocated') {
          // Nothing was written but a counter value: the user's retry files it (the number is skipped).
          assert.deepEqual(rec, { completed: 0, discarded: 0 });
          assert.equal((await restarted.repository.listByReporter('aad-teacher')).length, 0);
          const retried = await restarted.file(req);
          assert.equal(retried.report.ref, 'PC-2026-0002');
        } else {
          assert.deepEqual(rec, { completed: 1, discarded: 0 });
          const mine = await restarted.repository.listByReporter('aad-teacher');
          assert.deepEqual(mine.map((r) => r.ref), ['PC-2026-0001']);
          assert.ok(await store.get('outbox', OUTBOX_PARTITION, 'report.filed:PC-2026-0001'));
          assert.equal((await store.list('audit', 'report:PC-2026-0001')).length, 1);
          // The user's retry after the crash returns the same reference, not a second report.
          const retried = await restarted.file(req);
          assert.equal(retried.report.ref, 'PC-2026-0001');
          assert.equal(retried.created, false);
        }
        assert.deepEqual(await store.list('reportIndex', PENDING_PARTITION), []);
      });
    }

    it('a retry without reconcile also finishes a filing interrupted after its claim', async () => {
      let crash = true;
      const svc = new ReportsService({ store, kinds, schools: schoolSource, clock, log, hooks: { afterStep: (s) => { if (crash && s === 'stored') throw new Error('crash'); } } });
      const req = request();
      await assert.rejects(svc.file(req));
      crash = false;
      assert.equal((await svc.file(req)).report.ref, 'PC-2026-0001');
      assert.equal((await svc.repository.listBySchool('cronton')).length, 1);
    });

    it('keeps drafts per user: newer forms survive filing an older submission', async () => {
      const svc = new ReportsService({ store, kinds, schools: schoolSource, clock, log });
      const req = request();
      await svc.drafts.save('aad-teacher', { key: 'pupil-connection', kind: 'pupil-connection', submissionId: req.submissionId, source: 'chat', values: { pupilName: 'x' } }, now);
      await svc.drafts.save('aad-teacher', { key: 'media-contact', kind: 'media-contact', submissionId: randomUUID(), source: 'chat', values: {} }, now);
      await svc.drafts.save('aad-other', { key: 'pupil-connection', kind: 'pupil-connection', submissionId: randomUUID(), source: 'chat', values: {} }, now);
      await svc.file(req);
      assert.deepEqual((await svc.drafts.list('aad-teacher', now)).map((d) => d.kind), ['media-contact']);
      assert.equal((await svc.drafts.list('aad-other', now)).length, 1);
      const later = new Date(now.getTime() + 31 * 86_400_000);
      assert.deepEqual(await svc.drafts.list('aad-teacher', later), [], 'drafts expire after 30 days');
    });
  });
}
