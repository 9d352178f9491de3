/**
 * A claimed outbox entry while its work runs: the lease is renewed every third of its length
 * (a heartbeat), so the lease can be short and a crashed instance's claims come free soon,
 * while a slow delivery is never taken over by another instance.
 *
 * Each renewal is a conditional write and changes the ETag, so the claim keeps the latest
 * record for the worker's final write (complete or reschedule). A conflict means someone else
 * wrote: `request()` asking for the work again (it bumps `version` and keeps the lease, so the
 * renewal goes on over the new record), or another instance that took the entry over (the
 * claim is lost: renewals stop and the final write must not clobber it).
 */
import type { RecordStore, StoredRecord } from '../../storage/recordStore';
import { ConflictError, NotFoundError } from '../../storage/recordStore';
import type { Clock } from '../../clock';
import { OUTBOX_PARTITION, OutboxEntry } from './outbox';

export type ClaimState = 'held' | 'lost' | 'gone';

export class Claim {
  private record: StoredRecord<OutboxEntry>;
  private timer?: NodeJS.Timeout;
  private renewing: Promise<void> = Promise.resolve();
  private stateNow: ClaimState = 'held';
  /** The work's version when it was claimed: a later one means "run it again". */
  readonly version: number;

  constructor(
    claimed: StoredRecord<OutboxEntry>,
    private readonly store: RecordStore,
    private readonly clock: Clock,
    private readonly owner: string,
    private readonly leaseMs: number,
    private readonly onLost: (reason: ClaimState) => void = () => undefined,
  ) {
    this.record = claimed;
    this.version = claimed.value.version ?? 1;
  }

  get current(): StoredRecord<OutboxEntry> {
    return this.record;
  }

  get state(): ClaimState {
    return this.stateNow;
  }

  /** Starts renewing every third of the lease. */
  start(): this {
    const every = Math.max(250, Math.floor(this.leaseMs / 3));
    this.timer = setInterval(() => {
      this.renewing = this.renewing.then(() => this.renew());
    }, every);
    this.timer.unref?.();
    return this;
  }

  /** Stops renewing and waits for a renewal in flight, so `current` is the latest record. */
  async stop(): Promise<StoredRecord<OutboxEntry>> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.renewing;
    return this.record;
  }

  /** Extends the lease from now; on a conflict, re-reads and carries on if the claim is still ours. */
  async renew(): Promise<void> {
    if (this.stateNow !== 'held') return;
    for (let i = 0; i < 4; i++) {
      const until = new Date(this.clock.now().getTime() + this.leaseMs).toISOString();
      try {
        this.record = await this.store.update<OutboxEntry>('outbox', OUTBOX_PARTITION, this.record.key,
          { ...this.record.value, lease: { owner: this.owner, until } }, this.record.etag);
        return;
      } catch (err) {
        if (err instanceof NotFoundError) return this.lose('gone');
        if (!(err instanceof ConflictError)) return; // the store is struggling: try at the next beat
      }
      let cur: StoredRecord<OutboxEntry> | undefined;
      try {
        cur = await this.store.get<OutboxEntry>('outbox', OUTBOX_PARTITION, this.record.key);
      } catch {
        return; // try at the next beat
      }
      if (!cur) return this.lose('gone');
      if (cur.value.lease?.owner !== this.owner) return this.lose('lost');
      this.record = cur; // requested again meanwhile: renew over the newer version
    }
  }

  private lose(state: ClaimState): void {
    this.stateNow = state;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.onLost(state);
  }
}
