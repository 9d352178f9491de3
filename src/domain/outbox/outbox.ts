/**
 * The stored outbox: work that must reach Teams (a report's alert, a reporter's notification)
 * is written here, in the same store as the report, before anyone is told it is done. A worker
 * (routing) delivers entries at least once. Keys are deterministic, so enqueueing the same work
 * twice (a retried submit) is a no-op.
 */
import type { RecordStore } from '../../storage/recordStore';
import { ConflictError } from '../../storage/recordStore';

export type OutboxWork =
  /** Post a newly filed report's alert to its destination channel(s). */
  | { type: 'report.filed'; ref: string };

export interface OutboxEntry {
  id: string;
  work: OutboxWork;
  createdAt: string;
  /** Not before this time (ISO). */
  dueAt: string;
  attempts: number;
}

export const OUTBOX_PARTITION = 'due';

export function outboxId(work: OutboxWork): string {
  return `${work.type}:${work.ref}`;
}

/** Adds work to the outbox once; returns false if it was already there. */
export async function enqueue(store: RecordStore, work: OutboxWork, now: Date): Promise<boolean> {
  const id = outboxId(work);
  const entry: OutboxEntry = { id, work, createdAt: now.toISOString(), dueAt: now.toISOString(), attempts: 0 };
  try {
    await store.insert('outbox', OUTBOX_PARTITION, id, entry);
    return true;
  } catch (err) {
    if (err instanceof ConflictError) return false;
    throw err;
  }
}
