/**
 * The outbox worker on a real store (SQLite): claims with leases so several workers run an
 * entry once; retries with backoff and Retry-After; defers without counting; parks permanent
 * failures without dropping them; re-runs coalesced work requested during a run; resumes an
 * entry whose worker died once its lease runs out; moves due timers into the outbox once.
 */
import { strict as assert } from 'node:assert';
import { SqliteRecordStore } from '../../../src/storage/sqlite/sqliteStore';
import type { RecordStore } from '../../../src/storage/recordStore';
import { createLogger } from '../../../src/log';
import type { OutboxConfig } from '../../../src/config';
import { OutboxWorker, OutboxHandlers } from '../../../src/domain/outbox/worker';
import { OUTBOX_PARTITION, OutboxEntry, completed, enqueue, pending, request } from '../../../src/domain/outbox/outbox';
import { listTimers, scheduleTimer } from '../../../src/domain/outbox/timers';
import { DeliveryError } from '../../../src/domain/routing/ports';

class Clock {
  constructor(public t = Date.parse('2026-11-25T09:00:00Z')) {}
  now() {
    return new Date(this.t);
  }
}

const settings: OutboxConfig = { enabled: true, pollMs: 10, concurrency: 4, requestTimeoutMs: 100, createTimeoutMs: 100, backoffBaseMs: 1_000, backoffMaxMs: 60_000, leaseMs: 30_000 };
const log = createLogger('silent');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

describe('outbox worker', () => {
  let store: RecordStore;
  let clock: Clock;
  const workers: OutboxWorker[] = [];
  const worker = (handlers: OutboxHandlers, extra: Partial<OutboxConfig> = {}, owner?: string) => {
    const w = new OutboxWorker({ store, clock, log, settings: { ...settings, ...extra }, handlers, owner, random: () => 1 });
    workers.push(w);
    w.start();
    return w;
  };

  beforeEach(() => {
    store = new SqliteRecordStore(':memory:');
    clock = new Clock();
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await store.close();
  });

  it('runs each entry exactly once with three workers on one store', async () => {
    const runs = new Map<string, number>();
    const handlers: OutboxHandlers = {
      'report.filed': async (w) => {
        runs.set(w.ref, (runs.get(w.ref) ?? 0) + 1);
        await sleep(Math.random() * 5);
      },
    };
    for (let i = 0; i < 60; i++) await enqueue(store, { type: 'report.filed', ref: `PC-2026-${String(i).padStart(4, '0')}` }, clock.now());
    worker(handlers, {}, 'a');
    worker(handlers, {}, 'b');
    worker(handlers, {}, 'c');
    await until(async () => (await pending(store)).length === 0, 'the outbox to empty');
    assert.equal(runs.size, 60);
    assert.deepEqual([...new Set(runs.values())], [1], 'each ran once');
    assert.equal((await completed(store)).length, 60, 'each recorded as done');
  });

  it('enqueueing the same work twice is a no-op', async () => {
    assert.equal(await enqueue(store, { type: 'report.filed', ref: 'PC-2026-0001' }, clock.now()), true);
    assert.equal(await enqueue(store, { type: 'report.filed', ref: 'PC-2026-0001' }, clock.now()), false);
    assert.equal((await pending(store)).length, 1);
  });

  it('retries with exponential backoff, honouring Retry-After, and never drops the entry', async () => {
    let calls = 0;
    worker({
      'report.filed': async () => {
        calls++;
        throw new DeliveryError('busy', 'retry', 429, 7_000);
      },
    });
    await enqueue(store, { type: 'report.filed', ref: 'PC-2026-0001' }, clock.now());
    await until(() => calls === 1, 'the first attempt');
    await until(async () => (await pending(store))[0]?.attempts === 1, 'the failure recorded');
    const [entry] = await pending(store);
    assert.equal(entry.lease, undefined, 'released');
    assert.ok(Date.parse(entry.dueAt) - clock.t >= 7_000, 'not before Retry-After');
    assert.deepEqual(entry.lastError, { at: clock.now().toISOString(), status: 429, reason: 'retry' });
    await sleep(50);
    assert.equal(calls, 1, 'nothing until it is due');
    clock.t += 8_100;
    await until(() => calls === 2, 'the retry');
    await until(async () => (await pending(store))[0]?.attempts === 2, 'the second failure recorded');
  });

  it('defers for a rate limit without counting a failure', async () => {
    let calls = 0;
    worker({
      'report.filed': async () => {
        calls++;
        if (calls === 1) throw new DeliveryError('wait', 'defer', undefined, 2_000);
      },
    });
    await enqueue(store, { type: 'report.filed', ref: 'PC-2026-0001' }, clock.now());
    await until(async () => (await pending(store))[0]?.lease === undefined && calls === 1, 'the deferral');
    assert.equal((await pending(store))[0].attempts, 0);
    clock.t += 2_000;
    await until(async () => (await pending(store)).length === 0, 'delivery after the wait');
    assert.equal((await completed(store))[0].attempts, 0);
  });

  it('parks a permanent failure at the longest backoff and keeps it', async () => {
    worker({ 'report.filed': async () => { throw new DeliveryError('gone', 'permanent', 404); } });
    await enqueue(store, { type: 'report.filed', ref: 'PC-2026-0001' }, clock.now());
    await until(async () => (await pending(store))[0]?.attempts === 1, 'the failure recorded');
    const [entry] = await pending(store);
    assert.equal(Date.parse(entry.dueAt) - clock.t, settings.backoffMaxMs);
    assert.equal(workers[0].stats.parked, 1);
  });

  it('runs coalesced work again when it is requested during a run', async () => {
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    worker({
      'alert.update': async () => {
        runs++;
        if (runs === 1) await gate;
      },
    });
    await request(store, { type: 'alert.update', ref: 'PC-2026-0001' }, clock.now());
    await until(() => runs === 1, 'the first run');
    await request(store, { type: 'alert.update', ref: 'PC-2026-0001' }, clock.now());
    await request(store, { type: 'alert.update', ref: 'PC-2026-0001' }, clock.now());
    release();
    await until(async () => (await pending(store)).length === 0, 'the outbox to empty');
    assert.equal(runs, 2, 'two requests during the run cost one more run');
  });

  it('takes over an entry whose worker died, once its lease has run out', async () => {
    await enqueue(store, { type: 'report.filed', ref: 'PC-2026-0001' }, clock.now());
    const rec = (await store.list<OutboxEntry>('outbox', OUTBOX_PARTITION))[0];
    await store.update('outbox', OUTBOX_PARTITION, rec.key, { ...rec.value, lease: { owner: 'dead', until: new Date(clock.t + 30_000).toISOString() } }, rec.etag);
    let calls = 0;
    worker({ 'report.filed': async () => { calls++; } });
    await sleep(80);
    assert.equal(calls, 0, 'leased by another instance');
    clock.t += 30_001;
    await until(() => calls === 1, 'the takeover');
  });

  describe('lease heartbeat (real time)', () => {
    const realClock = { now: () => new Date() };
    const live = (handlers: OutboxHandlers, owner: string, extra: Partial<OutboxConfig> = {}) => {
      const w = new OutboxWorker({ store, clock: realClock, log, settings: { ...settings, leaseMs: 1_500, ...extra }, handlers, owner, random: () => 1 });
      workers.push(w);
      w.start();
      return w;
    };

    it('renews the lease while a delivery runs longer than it, so a second worker never takes it over', async () => {
      let runs = 0;
      let finished = 0;
      const handlers: OutboxHandlers = { 'report.filed': async () => { runs++; await sleep(4_000); finished++; } };
      await enqueue(store, { type: 'report.filed', ref: 'PC-2026-0001' }, realClock.now());
      live(handlers, 'a');
      await until(() => runs === 1, 'the first run');
      live(handlers, 'b');
      await until(() => finished === 1, 'the slow delivery to finish', 10_000);
      await until(async () => (await pending(store)).length === 0, 'the outbox to empty');
      assert.equal(runs, 1, 'run once: the lease (1.5 s) was renewed through a 4 s delivery');
      assert.equal((await completed(store)).length, 1);
    });

    it('re-runs work requested again while it ran, across renewals', async () => {
      let runs = 0;
      live({ 'alert.update': async () => { runs++; if (runs === 1) await sleep(1_400); } }, 'a');
      await request(store, { type: 'alert.update', ref: 'PC-2026-0001' }, realClock.now());
      await until(() => runs === 1, 'the first run');
      await sleep(600); // at least one renewal before the request
      await request(store, { type: 'alert.update', ref: 'PC-2026-0001' }, realClock.now());
      await until(async () => (await pending(store)).length === 0, 'the outbox to empty', 8_000);
      assert.equal(runs, 2);
    });

    it('a restarted instance takes back its own claims at once; another instance waits for the lease', async () => {
      await enqueue(store, { type: 'report.filed', ref: 'PC-2026-0001' }, realClock.now());
      await enqueue(store, { type: 'report.filed', ref: 'PC-2026-0002' }, realClock.now());
      const until60 = new Date(Date.now() + 60_000).toISOString();
      for (const [i, rec] of (await store.list<OutboxEntry>('outbox', OUTBOX_PARTITION)).entries()) {
        // Claimed before a crash: the first by this instance, the second by another one.
        await store.update('outbox', OUTBOX_PARTITION, rec.key, { ...rec.value, lease: { owner: i === 0 ? 'inst-1' : 'inst-2', until: until60 } }, rec.etag);
      }
      const ran: string[] = [];
      const w = live({ 'report.filed': async (x) => { ran.push(x.ref); } }, 'inst-1');
      await until(() => ran.length === 1, 'its own claim taken back', 2_000);
      await sleep(200);
      assert.deepEqual(ran, ['PC-2026-0001'], 'the other instance\'s claim waits for its lease');
      assert.equal(w.stats.reclaimed, 1);
    });
  });

  it('finishes deliveries in flight when stopped, and claims nothing after', async () => {
    let finished = 0;
    const w = worker({ 'report.filed': async () => { await sleep(60); finished++; } });
    await enqueue(store, { type: 'report.filed', ref: 'PC-2026-0001' }, clock.now());
    await until(() => w.busy === 1, 'a delivery to start');
    await w.stop();
    assert.equal(finished, 1);
    await enqueue(store, { type: 'report.filed', ref: 'PC-2026-0002' }, clock.now());
    await sleep(50);
    assert.equal((await pending(store)).length, 1, 'a stopped worker claims nothing');
  });

  it('moves a due timer into the outbox once, even with two workers', async () => {
    let reminders = 0;
    const handlers: OutboxHandlers = { 'report.remind': async () => { reminders++; } };
    await scheduleTimer(store, { type: 'report.remind', ref: 'PC-2026-0001' }, new Date(clock.t + 60_000), clock.now());
    await scheduleTimer(store, { type: 'report.remind', ref: 'PC-2026-0001' }, new Date(clock.t + 60_000), clock.now());
    assert.equal((await listTimers(store)).length, 1, 'scheduling twice keeps one');
    worker(handlers);
    worker(handlers);
    await sleep(50);
    assert.equal(reminders, 0, 'not yet due');
    clock.t += 60_000;
    await until(() => reminders === 1, 'the reminder');
    await sleep(80);
    assert.equal(reminders, 1);
    assert.equal((await listTimers(store)).length, 0);
  });
});
