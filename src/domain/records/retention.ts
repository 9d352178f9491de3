/**
 * Retention: the purge of expired records. A closed (resolved) report is purged once the days
 * its retention class allows (config/retention.json) have passed since it was closed; an open
 * report never is, nor one whose class has no entry. Purging removes the report, its index
 * entries, its outbox entries (pending and done) and timers, and leaves a tombstone (reference,
 * kind, dates, who purged). The audit trail stays (ids and outcomes only) so a purge can be
 * accounted for. Delivered outbox entries and expired drafts are trimmed on their own schedule.
 */
import fs from 'node:fs';
import type { RecordStore } from '../../storage/recordStore';
import type { Report } from '../reports/types';
import { ReportRepository, reportPartition, schoolIndexPartition, reporterIndexPartition, indexKey } from '../reports/repository';
import { DRAFT_DAYS, type Draft } from '../reports/drafts';
import { OUTBOX_DONE_PARTITION, OUTBOX_PARTITION, type OutboxDone, type OutboxEntry } from '../outbox/outbox';
import { audit } from '../triage/audit';
import { PENDING_PARTITION, submissionPartition } from '../reports/filing';

export const TOMBSTONE_PARTITION = 'tombstone';
const DAY = 86_400_000;

export interface RetentionSchedule {
  /** Days after closure, by retention class. */
  reports: Record<string, number>;
  /** Days a delivered outbox entry is kept. */
  outboxDoneDays: number;
}

export function loadRetentionSchedule(file: string): RetentionSchedule {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<RetentionSchedule>;
  const reports = raw.reports ?? {};
  for (const [k, v] of Object.entries(reports)) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`${file}: reports.${k} must be a whole number of days, at least 1`);
  }
  const outboxDoneDays = raw.outboxDoneDays ?? 30;
  if (!Number.isInteger(outboxDoneDays) || outboxDoneDays < 1) throw new Error(`${file}: outboxDoneDays must be a whole number of days, at least 1`);
  return { reports, outboxDoneDays };
}

export interface Tombstone {
  ref: string;
  kind: string;
  retentionClass: string;
  submittedAt: string;
  closedAt: string;
  purgedAt: string;
  purgedBy: string;
}

export interface PurgeResult {
  /** Reports purged (or, on a dry run, that would be). */
  reports: Tombstone[];
  /** Closed reports kept for now and open reports (counts only). */
  kept: { open: number; notYetDue: number; noSchedule: number };
  outboxDone: number;
  drafts: number;
}

/** When a report was closed: its last resolution, or undefined while it is open. */
export function closedAt(report: Report): string | undefined {
  if (report.status !== 'resolved') return undefined;
  const resolved = report.history.filter((h) => /resolv/i.test(h.action)).map((h) => h.at).sort();
  return resolved.at(-1) ?? report.history.map((h) => h.at).sort().at(-1) ?? report.submittedAt;
}

export class RecordsPurge {
  constructor(
    private readonly store: RecordStore,
    private readonly schedule: RetentionSchedule,
    private readonly now: () => Date,
    private readonly by: string,
  ) {}

  async run(dryRun = false): Promise<PurgeResult> {
    const now = this.now();
    const result: PurgeResult = { reports: [], kept: { open: 0, notYetDue: 0, noSchedule: 0 }, outboxDone: 0, drafts: 0 };
    for (const report of await new ReportRepository(this.store).listAll()) {
      const closed = closedAt(report);
      if (!closed) {
        result.kept.open++;
        continue;
      }
      const days = this.schedule.reports[report.retentionClass];
      if (!days) {
        result.kept.noSchedule++;
        continue;
      }
      if (Date.parse(closed) + days * DAY > now.getTime()) {
        result.kept.notYetDue++;
        continue;
      }
      const tomb: Tombstone = {
        ref: report.ref, kind: report.kind, retentionClass: report.retentionClass, submittedAt: report.submittedAt, closedAt: closed, purgedAt: now.toISOString(), purgedBy: this.by,
      };
      if (!dryRun) await this.purgeReport(report, tomb);
      result.reports.push(tomb);
    }
    result.outboxDone = await this.trimOutbox(now, dryRun);
    result.drafts = await this.trimDrafts(now, dryRun);
    return result;
  }

  /** Tombstone first (so a crash part-way leaves a record of intent), then the data; each step idempotent. */
  private async purgeReport(report: Report, tomb: Tombstone): Promise<void> {
    const s = this.store;
    await s.upsert('audit', TOMBSTONE_PARTITION, report.ref, tomb);
    const key = indexKey(report);
    await s.delete('reportIndex', schoolIndexPartition(report.schoolId), key).catch(() => undefined);
    await s.delete('reportIndex', reporterIndexPartition(report.reporter.aadObjectId), key).catch(() => undefined);
    await s.delete('reportIndex', submissionPartition(report.reporter.aadObjectId), report.submissionId).catch(() => undefined);
    await s.delete('reportIndex', PENDING_PARTITION, report.ref).catch(() => undefined);
    for (const part of [OUTBOX_PARTITION, OUTBOX_DONE_PARTITION]) {
      for (const e of await s.list<OutboxEntry | OutboxDone>('outbox', part)) {
        if (e.value.work.ref === report.ref) await s.delete('outbox', part, e.key).catch(() => undefined);
      }
    }
    for (const t of await s.scan<{ work: { ref: string } }>('timers')) {
      if (t.value.work?.ref === report.ref) await s.delete('timers', t.partition, t.key).catch(() => undefined);
    }
    await s.delete('reports', reportPartition(report.ref), report.ref).catch(() => undefined);
    await audit(s, { at: tomb.purgedAt, actor: this.by, action: 'report.purged', outcome: 'ok', ref: report.ref, schoolId: report.schoolId, detail: report.retentionClass });
  }

  private async trimOutbox(now: Date, dryRun: boolean): Promise<number> {
    const before = new Date(now.getTime() - this.schedule.outboxDoneDays * DAY).toISOString();
    let n = 0;
    for (const e of await this.store.list<OutboxDone>('outbox', OUTBOX_DONE_PARTITION)) {
      if (e.value.completedAt < before) {
        n++;
        if (!dryRun) await this.store.delete('outbox', OUTBOX_DONE_PARTITION, e.key).catch(() => undefined);
      }
    }
    return n;
  }

  private async trimDrafts(now: Date, dryRun: boolean): Promise<number> {
    let n = 0;
    for (const d of await this.store.scan<Draft>('drafts')) {
      if (now.getTime() - Date.parse(d.value.updatedAt) > DRAFT_DAYS * DAY) {
        n++;
        if (!dryRun) await this.store.delete('drafts', d.partition, d.key).catch(() => undefined);
      }
    }
    return n;
  }
}

export async function tombstones(store: RecordStore): Promise<Tombstone[]> {
  return (await store.list<Tombstone>('audit', TOMBSTONE_PARTITION)).map((r) => r.value);
}
