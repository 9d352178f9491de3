/**
 * The audit trail: one append-only record per action, view, refusal and directory change.
 * Layout: audit / `report:${ref}` or 'directory' / `${at}|${random}` -> AuditEntry. Entries
 * carry ids and outcomes only (who, what, when, allowed or not), never report text.
 */
import { randomUUID } from 'node:crypto';
import type { RecordStore } from '../../storage/recordStore';

export type AuditOutcome = 'ok' | 'denied' | 'refused' | 'invalid' | 'shown';

export interface AuditEntry {
  at: string;
  /** Entra object id of the person (or 'system' for timers). */
  actor: string;
  /** 'view', 'acknowledge', 'link', ... */
  action: string;
  outcome: AuditOutcome;
  ref?: string;
  schoolId?: string;
  /** Non-personal detail: a classification id, a school id, 'refresh' or 'open'. */
  detail?: string;
}

export const auditPartition = (ref?: string): string => (ref ? `report:${ref}` : 'directory');

export async function audit(store: RecordStore, entry: AuditEntry): Promise<void> {
  const clean = Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined)) as unknown as AuditEntry;
  await store.insert('audit', auditPartition(entry.ref), `${entry.at}|${randomUUID().slice(0, 8)}`, clean);
}

export async function auditTrail(store: RecordStore, ref?: string): Promise<AuditEntry[]> {
  return (await store.list<AuditEntry>('audit', auditPartition(ref))).map((r) => r.value);
}
