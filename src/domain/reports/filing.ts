/**
 * Filing a report, crash-safe and idempotent without cross-partition transactions.
 *
 * 1. Look up the submission (reporter + submission id). Known: finish it and return its ref.
 * 2. Take a reference number (per-prefix-per-year counter, ETag).
 * 3. Write a pending marker holding the whole report (the durable intent).
 * 4. Claim the submission: insert submission -> ref. If another attempt claimed it first
 *    (double tap, Teams retry), drop our marker and use theirs.
 * 5. Complete: store the report, index it by school and reporter, enqueue the outbox entry,
 *    write the audit entry, delete the draft, delete the marker. Each step is idempotent.
 * Only after 5 is the reporter told the reference. A crash anywhere leaves either nothing
 * visible (before 3) or a marker that `reconcile` (run at start) completes, and a retried
 * submit completes it too. Table layout:
 *   reportIndex / filing-pending / ref                              -> PendingFiling
 *   reportIndex / `submission:${aadObjectId}` / submissionId         -> { ref }
 *   audit       / `report:${ref}` / `${at}|report.filed`             -> AuditEntry
 */
import type { RecordStore } from '../../storage/recordStore';
import { ConflictError } from '../../storage/recordStore';
import { enqueue } from '../outbox/outbox';
import { allocateRef } from './references';
import { ReportRepository } from './repository';
import { DraftStore } from './drafts';
import type { Report } from './types';

export const PENDING_PARTITION = 'filing-pending';
export const submissionPartition = (aadObjectId: string): string => `submission:${aadObjectId}`;

interface PendingFiling {
  report: Report;
}
interface SubmissionRecord {
  ref: string;
}

/** One audit line. Details carry ids only (no names, no report text). */
export interface AuditEntry {
  at: string;
  action: string;
  byAadObjectId: string;
  ref: string;
  kind?: string;
  schoolId?: string;
}

export const auditPartition = (ref: string): string => `report:${ref}`;

/** Steps a test can interrupt to simulate a crash between them. */
export type FilingStep = 'allocated' | 'pending' | 'claimed' | 'stored' | 'indexed' | 'enqueued' | 'audited';

export interface FilingHooks {
  /** Called after each step; throwing simulates a crash there. */
  afterStep?: (step: FilingStep, ref: string) => void | Promise<void>;
}

export class Filing {
  constructor(
    private readonly store: RecordStore,
    private readonly repo: ReportRepository,
    private readonly drafts: DraftStore,
    private readonly hooks: FilingHooks = {},
  ) {}

  private async step(step: FilingStep, ref: string): Promise<void> {
    await this.hooks.afterStep?.(step, ref);
  }

  /**
   * Files `build(ref)` once per (reporter, submissionId); returns the filed report, which is
   * the earlier one when this submission was already filed. `year` chooses the counter.
   */
  async file(
    reporterAadObjectId: string,
    submissionId: string,
    prefix: string,
    year: number,
    build: (ref: string) => Report,
  ): Promise<{ report: Report; created: boolean }> {
    const known = await this.store.get<SubmissionRecord>('reportIndex', submissionPartition(reporterAadObjectId), submissionId);
    if (known) return { report: await this.finish(known.value.ref), created: false };

    const ref = await allocateRef(this.store, prefix, year);
    await this.step('allocated', ref);
    const report = build(ref);
    await this.store.insert<PendingFiling>('reportIndex', PENDING_PARTITION, ref, { report });
    await this.step('pending', ref);
    try {
      await this.store.insert<SubmissionRecord>('reportIndex', submissionPartition(reporterAadObjectId), submissionId, { ref });
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      // Another attempt at the same submission won: ours is void, theirs is the report.
      await this.store.delete('reportIndex', PENDING_PARTITION, ref);
      const winner = await this.store.get<SubmissionRecord>('reportIndex', submissionPartition(reporterAadObjectId), submissionId);
      if (!winner) throw new Error(`submission ${submissionId} vanished after a conflict`);
      return { report: await this.finish(winner.value.ref), created: false };
    }
    await this.step('claimed', ref);
    return { report: await this.finish(ref), created: true };
  }

  /** The report a submission was filed as (finishing it if a crash interrupted it), if any. */
  async fileIfKnown(reporterAadObjectId: string, submissionId: string): Promise<{ report?: Report }> {
    const known = await this.store.get<SubmissionRecord>('reportIndex', submissionPartition(reporterAadObjectId), submissionId);
    return known ? { report: await this.finish(known.value.ref) } : {};
  }

  /** Completes a filing if it is still pending; returns the stored report. */
  private async finish(ref: string): Promise<Report> {
    await this.complete(ref);
    const got = await this.repo.get(ref);
    if (!got) throw new Error(`report ${ref} is not stored after filing`);
    return got.report;
  }

  /**
   * Runs the remaining steps of a pending filing (no-op if there is none). Safe to run
   * concurrently with the original attempt or another instance's reconcile.
   * Returns 'completed', 'discarded' (it lost its submission to another ref) or 'none'.
   */
  async complete(ref: string): Promise<'completed' | 'discarded' | 'none'> {
    const pending = await this.store.get<PendingFiling>('reportIndex', PENDING_PARTITION, ref);
    if (!pending) return 'none';
    const { report } = pending.value;
    const subPartition = submissionPartition(report.reporter.aadObjectId);
    let claim = await this.store.get<SubmissionRecord>('reportIndex', subPartition, report.submissionId);
    if (!claim) {
      // Crashed between marker and claim: claim it now (or find who did).
      try {
        await this.store.insert<SubmissionRecord>('reportIndex', subPartition, report.submissionId, { ref });
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err;
      }
      claim = await this.store.get<SubmissionRecord>('reportIndex', subPartition, report.submissionId);
    }
    if (claim?.value.ref !== ref) {
      await this.store.delete('reportIndex', PENDING_PARTITION, ref);
      return 'discarded';
    }
    await this.repo.insertIfAbsent(report);
    await this.step('stored', ref);
    await this.repo.index(report);
    await this.step('indexed', ref);
    await enqueue(this.store, { type: 'report.filed', ref }, new Date(report.submittedAt));
    await this.step('enqueued', ref);
    const audit: AuditEntry = {
      at: report.submittedAt, action: 'report.filed', byAadObjectId: report.reporter.aadObjectId, ref, kind: report.kind, schoolId: report.schoolId,
    };
    try {
      await this.store.insert('audit', auditPartition(ref), `${report.submittedAt}|report.filed`, audit);
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
    }
    await this.step('audited', ref);
    await this.drafts.deleteForSubmission(report.reporter.aadObjectId, report.submissionId);
    await this.store.delete('reportIndex', PENDING_PARTITION, ref);
    return 'completed';
  }

  /** Completes every pending filing (run at start, after a crash). */
  async reconcile(): Promise<{ completed: number; discarded: number }> {
    const pending = await this.store.list<PendingFiling>('reportIndex', PENDING_PARTITION);
    let completed = 0;
    let discarded = 0;
    for (const p of pending) {
      const outcome = await this.complete(p.key);
      if (outcome === 'completed') completed++;
      if (outcome === 'discarded') discarded++;
    }
    return { completed, discarded };
  }
}
