/**
 * The stored outbox: work that must reach Teams (a report's alert, a card update, a reporter's
 * notification, a reminder) is written here, in the same store as the report, before anyone is
 * told it is done. The worker (worker.ts) delivers entries at least once. Keys are
 * deterministic, so enqueueing the same work twice (a retried submit) is a no-op.
 *
 * Layout: outbox / 'due' / id -> OutboxEntry (pending, possibly leased by an instance);
 *         outbox / 'done' / id -> OutboxDone (what happened, kept for operators and figures).
 */
import type { RecordStore } from '../../storage/recordStore';
import { ConflictError, mutate } from '../../storage/recordStore';

export type NotifyEvent = 'acknowledged' | 'resolved';

export type OutboxWork =
  /** Post a newly filed report's alert to its destination channel(s) or person. */
  | { type: 'report.filed'; ref: string }
  /** Re-render every posted copy of a report's alert card (coalesced: see `request`). */
  | { type: 'alert.update'; ref: string }
  /** Tell the reporter, 1:1, that their report was acknowledged or resolved (status only). `seq` is the history index. */
  | { type: 'reporter.notify'; ref: string; event: NotifyEvent; seq: number }
  /** Reminder in the school's alert thread: not acknowledged in time. */
  | { type: 'report.remind'; ref: string }
  /** Post the alert to the trust channel: overdue (timer) or escalated by a triager. */
  | { type: 'report.escalate'; ref: string; reason: 'overdue' | 'triager' }
  /**
   * A reply that missed its turn's deadline (teams/lateReplies.ts). `ref` names the turn, `seq`
   * orders its replies; the reply itself is stored beside the entry (partition 'reply'), so
   * the entry and its done record hold no message content.
   */
  | { type: 'turn.reply'; ref: string; seq: number };

export type OutboxWorkType = OutboxWork['type'];

export interface OutboxLease {
  owner: string;
  /** ISO time after which another instance may claim the entry. */
  until: string;
}

export interface OutboxEntry {
  id: string;
  work: OutboxWork;
  createdAt: string;
  /** Not before this time (ISO). */
  dueAt: string;
  /** Failed attempts so far (deferrals for rate limits do not count). */
  attempts: number;
  /** Bumped by `request` so a worker that is mid-way knows to run the work again. */
  version?: number;
  lease?: OutboxLease;
  /** Class of the last failure, for operators: never message text. */
  lastError?: { at: string; status?: number; reason: string };
}

export interface OutboxDone {
  id: string;
  work: OutboxWork;
  createdAt: string;
  completedAt: string;
  /** Failed attempts before it succeeded. */
  attempts: number;
}

export const OUTBOX_PARTITION = 'due';
export const OUTBOX_DONE_PARTITION = 'done';

export function outboxId(work: OutboxWork): string {
  switch (work.type) {
    case 'reporter.notify':
    case 'turn.reply':
      return `${work.type}:${work.ref}:${work.seq}`;
    default:
      return `${work.type}:${work.ref}`;
  }
}

/** Listeners told when work is enqueued in this process, so a local worker starts at once. */
const listeners = new Set<() => void>();

export function onEnqueued(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notify(): void {
  for (const l of listeners) l();
}

/** Adds work to the outbox once; returns false if it was already there. */
export async function enqueue(store: RecordStore, work: OutboxWork, now: Date, dueAt: Date = now): Promise<boolean> {
  const id = outboxId(work);
  const entry: OutboxEntry = { id, work, createdAt: now.toISOString(), dueAt: dueAt.toISOString(), attempts: 0 };
  try {
    await store.insert('outbox', OUTBOX_PARTITION, id, entry);
    notify();
    return true;
  } catch (err) {
    if (err instanceof ConflictError) return false;
    throw err;
  }
}

/**
 * Adds repeatable work (a card update) or, if it is already pending, bumps its version so it
 * runs again after any delivery in flight: the latest state always reaches Teams, and ten
 * quick actions cost one or two updates, not ten.
 */
export async function request(store: RecordStore, work: OutboxWork, now: Date): Promise<void> {
  const id = outboxId(work);
  await mutate<OutboxEntry>(store, 'outbox', OUTBOX_PARTITION, id, (cur) => cur
    ? { ...cur, version: (cur.version ?? 1) + 1, dueAt: cur.dueAt < now.toISOString() ? cur.dueAt : now.toISOString() }
    : { id, work, createdAt: now.toISOString(), dueAt: now.toISOString(), attempts: 0, version: 1 });
  notify();
}

/** Makes a pending entry due now (work held back for a while that can go at once after all). */
export async function dueNow(store: RecordStore, id: string, now: Date): Promise<void> {
  const at = now.toISOString();
  await mutate<OutboxEntry>(store, 'outbox', OUTBOX_PARTITION, id, (cur) => (cur && cur.dueAt > at ? { ...cur, dueAt: at } : undefined));
  notify();
}

/** Pending entries (admin listing and tests). */
export async function pending(store: RecordStore): Promise<OutboxEntry[]> {
  return (await store.list<OutboxEntry>('outbox', OUTBOX_PARTITION)).map((r) => r.value);
}

export async function completed(store: RecordStore): Promise<OutboxDone[]> {
  return (await store.list<OutboxDone>('outbox', OUTBOX_DONE_PARTITION)).map((r) => r.value);
}
