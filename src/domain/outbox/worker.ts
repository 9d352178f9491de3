/**
 * The outbox worker: delivers stored entries at least once, with several instances safely.
 *
 * - Claim: an instance writes a lease (owner, until) onto a due entry with the entry's ETag;
 *   only one conditional write succeeds, so one instance runs it. The lease is renewed while
 *   the work runs (claim.ts), so it can be short (15 s): a crashed instance's lease runs out
 *   soon and another instance takes the entry over, while a slow delivery is never taken over.
 *   An instance whose owner name survives restarts (config `instanceId`) takes its own claims
 *   back at once after a crash.
 * - Done: the handler's effects are recorded by the handler itself (e.g. the posted activity id
 *   on the report) before the entry is removed with its ETag; handlers skip work already
 *   recorded, so re-running an entry after a crash does not post twice. The one window left is
 *   "posted, then crashed before recording": that entry is posted again (docs/ROUTING.md).
 * - Failure: retryable errors back off exponentially with full jitter, honouring Retry-After;
 *   our own rate limits defer without counting a failure; permanent errors park the entry at
 *   the longest backoff. Nothing is ever dropped: an entry leaves 'due' only when done.
 * - Timers: future work waits in the 'timers' table keyed by due time; the worker moves due
 *   timers into the outbox (idempotent ids), so they survive restarts and run once.
 */
import { randomUUID } from 'node:crypto';
import type { RecordStore, StoredRecord } from '../../storage/recordStore';
import { ConflictError, NotFoundError, mutate } from '../../storage/recordStore';
import type { Clock } from '../../clock';
import type { Logger } from '../../log';
import { errorFields } from '../../log';
import type { OutboxConfig } from '../../config';
import type { BackgroundTask } from '../../services';
import { DeliveryError } from '../routing/ports';
import { backoffDelay } from './backoff';
import {
  OUTBOX_DONE_PARTITION, OUTBOX_PARTITION, OutboxDone, OutboxEntry, OutboxWork, OutboxWorkType, onEnqueued,
} from './outbox';
import { moveDueTimers } from './timers';
import { Claim } from './claim';

export interface HandlerContext {
  /** 1 for the first try. */
  attempt: number;
  entry: OutboxEntry;
}

export type OutboxHandler = (work: OutboxWork, ctx: HandlerContext) => Promise<void>;
export type OutboxHandlers = { [T in OutboxWorkType]?: (work: Extract<OutboxWork, { type: T }>, ctx: HandlerContext) => Promise<void> };

export interface WorkerStats {
  /** Entries completed. */
  done: number;
  /** Failed attempts that were scheduled for a retry. */
  retried: number;
  /** Entries put back because of our own rate limit (not failures). */
  deferred: number;
  /** Entries parked after a permanent failure (still kept, retried at the longest backoff). */
  parked: number;
  /** Claims lost to another instance. */
  claimsLost: number;
  /** Entries this instance had claimed before a restart, taken back at once. */
  reclaimed: number;
}

export interface WorkerOptions {
  store: RecordStore;
  clock: Clock;
  log: Logger;
  settings: OutboxConfig;
  handlers: OutboxHandlers;
  /** Lease owner name; unique per live instance (default: settings.instanceId, else random). */
  owner?: string;
  random?: () => number;
}

/** Entries read per look at the outbox. */
const PAGE = 2_000;

export class OutboxWorker implements BackgroundTask {
  readonly name = 'outbox';
  readonly owner: string;
  readonly stats: WorkerStats = { done: 0, retried: 0, deferred: 0, parked: 0, claimsLost: 0, reclaimed: 0 };
  private readonly inFlight = new Map<string, Promise<void>>();
  private timer?: NodeJS.Timeout;
  private running = false;
  private ticking?: Promise<void>;
  private again = false;
  private timersCheckedAt = 0;
  private unsubscribe?: () => void;
  private readonly random: () => number;

  constructor(private readonly options: WorkerOptions) {
    this.owner = options.owner ?? options.settings.instanceId ?? `worker-${randomUUID().slice(0, 8)}`;
    this.random = options.random ?? Math.random;
  }

  start(): void {
    if (this.running || !this.options.settings.enabled) return;
    this.running = true;
    this.unsubscribe = onEnqueued(() => this.kick());
    this.kick();
  }

  /** Stops claiming; resolves when deliveries in flight have finished (each is bounded by the request timeout). */
  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.ticking;
    await Promise.allSettled([...this.inFlight.values()]);
  }

  /** Look at the outbox now (new work was enqueued, or a delivery finished). */
  kick(): void {
    if (!this.running) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.ticking = this.tick().finally(() => {
        this.ticking = undefined;
      });
    }, ms);
    this.timer.unref?.();
  }

  private async tick(): Promise<void> {
    let nextMs = this.options.settings.pollMs;
    try {
      this.again = false;
      nextMs = Math.min(nextMs, await this.claimAndRun());
    } catch (err) {
      this.options.log.warn('outbox.tick_failed', errorFields(err));
    }
    if (this.again) nextMs = 0;
    this.schedule(Math.max(0, nextMs));
  }

  /** Claims what is due up to the concurrency limit; returns ms until the next look is worthwhile. */
  private async claimAndRun(): Promise<number> {
    const { store, clock, settings } = this.options;
    const now = clock.now();
    // Timers are looked at once per poll interval, not on every kick.
    if (Date.now() - this.timersCheckedAt >= settings.pollMs) {
      this.timersCheckedAt = Date.now();
      await moveDueTimers(store, now, this.options.log);
    }
    const free = settings.concurrency - this.inFlight.size;
    if (free <= 0) return settings.pollMs;
    const nowIso = now.toISOString();
    const records = await store.list<OutboxEntry>('outbox', OUTBOX_PARTITION, { limit: PAGE });
    const eligible: StoredRecord<OutboxEntry>[] = [];
    let nextAt = Infinity;
    for (const rec of records) {
      if (this.inFlight.has(rec.key)) continue;
      const e = rec.value;
      // Our own lease on an entry we are not running: claimed before a crash or restart.
      const ours = e.lease?.owner === this.owner;
      const leasedUntil = e.lease && !ours && e.lease.until > nowIso ? e.lease.until : undefined;
      const readyAt = leasedUntil && leasedUntil > e.dueAt ? leasedUntil : e.dueAt;
      if (readyAt <= nowIso) eligible.push(rec);
      else nextAt = Math.min(nextAt, Date.parse(readyAt));
    }
    eligible.sort((a, b) => a.value.dueAt.localeCompare(b.value.dueAt) || a.key.localeCompare(b.key));
    let started = 0;
    for (const rec of eligible) {
      if (this.inFlight.size >= settings.concurrency || !this.running) break;
      const claimed = await this.claim(rec, now);
      if (!claimed) continue;
      if (rec.value.lease?.owner === this.owner && rec.value.lease.until > nowIso) {
        this.stats.reclaimed++;
        this.options.log.info('outbox.reclaimed', { outboxId: rec.value.id, workType: rec.value.work.type });
      }
      started++;
      const run = this.run(claimed).finally(() => {
        this.inFlight.delete(claimed.key);
        this.kick();
      });
      this.inFlight.set(claimed.key, run);
    }
    if (eligible.length > started && this.inFlight.size < settings.concurrency) return 0;
    return Number.isFinite(nextAt) ? Math.max(1, nextAt - now.getTime()) : settings.pollMs;
  }

  private async claim(rec: StoredRecord<OutboxEntry>, now: Date): Promise<StoredRecord<OutboxEntry> | undefined> {
    const lease = { owner: this.owner, until: new Date(now.getTime() + this.options.settings.leaseMs).toISOString() };
    try {
      return await this.options.store.update<OutboxEntry>('outbox', OUTBOX_PARTITION, rec.key, { ...rec.value, lease }, rec.etag);
    } catch (err) {
      if (err instanceof ConflictError || err instanceof NotFoundError) {
        this.stats.claimsLost++;
        return undefined;
      }
      throw err;
    }
  }

  private async run(claimed: StoredRecord<OutboxEntry>): Promise<void> {
    const { log, store, clock, settings } = this.options;
    const entry = claimed.value;
    const handler = this.options.handlers[entry.work.type] as OutboxHandler | undefined;
    const fields = { outboxId: entry.id, workType: entry.work.type, attempt: entry.attempts + 1 };
    const claim = new Claim(claimed, store, clock, this.owner, settings.leaseMs, (state) => {
      this.stats.claimsLost++;
      log.warn('outbox.claim_lost', { ...fields, state });
    }).start();
    let failure: { err: unknown } | undefined;
    try {
      if (!handler) throw new DeliveryError(`no handler for ${entry.work.type}`, 'permanent');
      await handler(entry.work, { attempt: entry.attempts + 1, entry });
    } catch (err) {
      failure = { err };
    }
    await claim.stop();
    if (claim.state !== 'held') return; // another instance has it (or it is gone): leave it alone
    if (failure) {
      await this.failed(claim, failure.err).catch((e: unknown) => log.error('outbox.reschedule_failed', { ...fields, ...errorFields(e) }));
      return;
    }
    try {
      await this.completed(claim);
      this.stats.done++;
      log.debug('outbox.done', fields);
    } catch (err) {
      // The work is done and recorded by its handler; the entry stays and its next run is a no-op.
      log.warn('outbox.complete_failed', { ...fields, ...errorFields(err) });
    }
  }

  private async completed(claim: Claim): Promise<void> {
    const { store, clock } = this.options;
    const current = claim.current;
    const entry = current.value;
    const done: OutboxDone = { id: entry.id, work: entry.work, createdAt: entry.createdAt, completedAt: clock.now().toISOString(), attempts: entry.attempts };
    await store.upsert('outbox', OUTBOX_DONE_PARTITION, entry.id, done);
    // Requested again while we ran (a newer card state): release it so it runs once more.
    const release = (cur: OutboxEntry | undefined) => (cur ? { ...cur, lease: undefined } : undefined);
    if ((entry.version ?? 1) !== claim.version) {
      await mutate<OutboxEntry>(store, 'outbox', OUTBOX_PARTITION, entry.id, release);
      return;
    }
    try {
      await store.delete('outbox', OUTBOX_PARTITION, entry.id, current.etag);
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      const cur = await store.get<OutboxEntry>('outbox', OUTBOX_PARTITION, entry.id);
      if (!cur || cur.value.lease?.owner !== this.owner) return; // taken over meanwhile: theirs now
      if ((cur.value.version ?? 1) !== claim.version) await mutate<OutboxEntry>(store, 'outbox', OUTBOX_PARTITION, entry.id, release);
      else await store.delete('outbox', OUTBOX_PARTITION, entry.id, cur.etag);
    }
  }

  private async failed(claim: Claim, err: unknown): Promise<void> {
    const { store, clock, settings, log } = this.options;
    const claimed = claim.current;
    const entry = claimed.value;
    const now = clock.now();
    const de = err instanceof DeliveryError ? err : undefined;
    const disposition = de?.disposition ?? 'retry';
    let attempts = entry.attempts;
    let delay: number;
    if (disposition === 'defer') {
      this.stats.deferred++;
      delay = Math.max(1, de?.retryAfterMs ?? settings.backoffBaseMs);
    } else if (disposition === 'permanent') {
      this.stats.parked++;
      attempts++;
      delay = settings.backoffMaxMs;
      log.error('outbox.parked', { outboxId: entry.id, workType: entry.work.type, attempts, statusCode: de?.status, ...errorFields(err) });
    } else {
      this.stats.retried++;
      attempts++;
      delay = backoffDelay(attempts, { baseMs: settings.backoffBaseMs, maxMs: settings.backoffMaxMs }, de?.retryAfterMs, this.random);
      const level = de ? 'info' : 'warn';
      log[level]('outbox.retry', { outboxId: entry.id, workType: entry.work.type, attempts, delayMs: delay, statusCode: de?.status, ...errorFields(err) });
    }
    const dueAt = new Date(now.getTime() + delay).toISOString();
    const lastError = disposition === 'defer' ? entry.lastError : { at: now.toISOString(), status: de?.status, reason: de ? `${disposition}` : (err instanceof Error ? err.name : 'error') };
    const next = (cur: OutboxEntry): OutboxEntry => ({ ...cur, attempts, dueAt, lease: undefined, lastError });
    try {
      await store.update('outbox', OUTBOX_PARTITION, entry.id, next(entry), claimed.etag);
    } catch (e) {
      if (!(e instanceof ConflictError)) throw e;
      // Bumped meanwhile: keep its newer version, still back off.
      await mutate<OutboxEntry>(store, 'outbox', OUTBOX_PARTITION, entry.id, (cur) => (cur ? next(cur) : undefined));
    }
  }

  /** Entries being delivered by this instance right now (tests, health). */
  get busy(): number {
    return this.inFlight.size;
  }
}
