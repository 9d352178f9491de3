/**
 * Reading the audit trail back (the CLI's `audit` and `sar`). The trail has two entry shapes
 * (filing's `byAadObjectId` lines and triage's `actor`/`outcome` lines); both are read into one
 * row. A report's chronology is its own partition plus the exports of its school made after it
 * was filed (an export is audited per school and period, not per report, so these are the
 * exports that may have included it).
 */
import type { RecordStore } from '../../storage/recordStore';
import { audit, auditPartition } from '../triage/audit';

export interface AuditRow {
  at: string;
  actor: string;
  action: string;
  outcome: string;
  ref?: string;
  schoolId?: string;
  detail?: string;
}

type StoredAudit = Partial<AuditRow> & { byAadObjectId?: string; kind?: string };

function toRow(v: StoredAudit): AuditRow {
  return {
    at: v.at ?? '',
    actor: v.actor ?? v.byAadObjectId ?? 'unknown',
    action: v.action ?? 'unknown',
    outcome: v.outcome ?? 'ok',
    ...(v.ref ? { ref: v.ref } : {}),
    ...(v.schoolId ? { schoolId: v.schoolId } : {}),
    ...(v.detail ? { detail: v.detail } : v.kind ? { detail: v.kind } : {}),
  };
}

const byTime = (a: AuditRow, b: AuditRow) => a.at.localeCompare(b.at);

export async function reportChronology(store: RecordStore, ref: string, schoolId?: string, filedAt?: string): Promise<AuditRow[]> {
  const own = (await store.list<StoredAudit>('audit', auditPartition(ref))).map((r) => toRow(r.value));
  const exports = schoolId
    ? (await store.list<StoredAudit>('audit', auditPartition())).map((r) => toRow(r.value))
      .filter((e) => e.action === 'export' && e.schoolId === schoolId && (!filedAt || e.at >= filedAt))
    : [];
  return [...own, ...exports].sort(byTime);
}

/** Every audit entry made by `person` (an Entra object id, or `cli:NAME`), or naming them in its detail. */
export async function personTrail(store: RecordStore, person: string): Promise<AuditRow[]> {
  // Tombstones (retention.ts) share the audit table but are not entries.
  const all = (await store.scan<StoredAudit>('audit')).filter((r) => r.partition !== 'tombstone').map((r) => toRow(r.value));
  return all.filter((e) => e.actor === person || e.detail === `person:${person}`).sort(byTime);
}

/** Writes the audit entry for reading the audit trail (or a subject access export) before anything is shown. */
export async function auditRead(store: RecordStore, o: { at: Date; actor: string; action: string; ref?: string; person?: string }): Promise<void> {
  await audit(store, { at: o.at.toISOString(), actor: o.actor, action: o.action, outcome: 'shown', ref: o.ref, detail: o.person ? `person:${o.person}` : undefined });
}
