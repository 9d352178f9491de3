/**
 * Stored timers: work that becomes due later (a reminder when an alert is not acknowledged in
 * time, an escalation after that). Layout: timers / 'due' / `${dueAt ISO}|${outbox id}` ->
 * TimerRecord, so the due ones are one ordered range read. A due timer is moved into the
 * outbox under the work's deterministic id and then removed: if two instances move it at
 * once, the outbox keeps one entry; if the entry already ran, the done record says so.
 * Handlers also check the report's state when they run (a reminder for an acknowledged alert
 * does nothing), so a timer never needs cancelling.
 */
import type { RecordStore } from '../../storage/recordStore';
import type { Logger } from '../../log';
import { errorFields } from '../../log';
import { OUTBOX_DONE_PARTITION, OutboxDone, OutboxWork, enqueue, outboxId } from './outbox';

export interface TimerRecord {
  work: OutboxWork;
  dueAt: string;
  createdAt: string;
}

export const TIMER_PARTITION = 'due';

export function timerKey(work: OutboxWork, dueAt: Date): string {
  return `${dueAt.toISOString()}|${outboxId(work)}`;
}

/** Stores a timer; scheduling the same work for the same time twice keeps one. */
export async function scheduleTimer(store: RecordStore, work: OutboxWork, dueAt: Date, now: Date): Promise<void> {
  const key = timerKey(work, dueAt);
  if (await store.get('timers', TIMER_PARTITION, key)) return;
  try {
    await store.insert<TimerRecord>('timers', TIMER_PARTITION, key, { work, dueAt: dueAt.toISOString(), createdAt: now.toISOString() });
  } catch (err) {
    if ((err as Error).name !== 'ConflictError') throw err;
  }
}

export async function listTimers(store: RecordStore): Promise<TimerRecord[]> {
  return (await store.list<TimerRecord>('timers', TIMER_PARTITION)).map((r) => r.value);
}

/** Moves timers due by `now` into the outbox. Returns how many were moved. */
export async function moveDueTimers(store: RecordStore, now: Date, log: Logger, limit = 200): Promise<number> {
  // Keys start with the ISO due time; '}' sorts after '|', so this bound takes every key due by now.
  const due = await store.list<TimerRecord>('timers', TIMER_PARTITION, { keyTo: `${now.toISOString()}}`, limit });
  let moved = 0;
  for (const rec of due) {
    try {
      const id = outboxId(rec.value.work);
      const done = await store.get<OutboxDone>('outbox', OUTBOX_DONE_PARTITION, id);
      const alreadyRan = done !== undefined && done.value.completedAt >= rec.value.dueAt;
      if (!alreadyRan) await enqueue(store, rec.value.work, now, new Date(rec.value.dueAt));
      await store.delete('timers', TIMER_PARTITION, rec.key, rec.etag).catch((err: unknown) => {
        if ((err as Error).name !== 'ConflictError') throw err;
      });
      moved++;
    } catch (err) {
      log.warn('timers.move_failed', { timerKey: rec.key, ...errorFields(err) });
    }
  }
  return moved;
}
