/**
 * Reads and updates filed reports. Layout in the records store:
 * - reports    / `${PREFIX}-${YEAR}` / ref            -> Report (get by ref with no lookup)
 * - reportIndex / `school:${schoolId}` / `${submittedAt}|${ref}` -> { ref } (date ranges)
 * - reportIndex / `reporter:${aadObjectId}` / `${submittedAt}|${ref}` -> { ref }
 * Index entries are written after the report while filing, and an index entry whose report is
 * missing (a filing still in flight) is skipped, so readers never see half a report.
 */
import type { RecordStore } from '../../storage/recordStore';
import { ConflictError, NotFoundError } from '../../storage/recordStore';
import type { Report } from './types';

export { ConflictError, NotFoundError };

export interface IndexEntry {
  ref: string;
}

const REF_PATTERN = /^([A-Z][A-Z0-9]{0,7})-(\d{4})-(\d{4,})$/;

export function isRef(text: string): boolean {
  return REF_PATTERN.test(text);
}

/** The store partition of a report: prefix and year of its reference. */
export function reportPartition(ref: string): string {
  const m = REF_PATTERN.exec(ref);
  if (!m) throw new RangeError(`Not a report reference: ${JSON.stringify(ref.slice(0, 40))}`);
  return `${m[1]}-${m[2]}`;
}

export const schoolIndexPartition = (schoolId: string): string => `school:${schoolId}`;
export const reporterIndexPartition = (aadObjectId: string): string => `reporter:${aadObjectId}`;
export const indexKey = (report: Pick<Report, 'submittedAt' | 'ref'>): string => `${report.submittedAt}|${report.ref}`;

export interface DateRange {
  /** Submitted at or after (inclusive). */
  from?: Date;
  /** Submitted before (exclusive). */
  to?: Date;
}

export class ReportRepository {
  constructor(private readonly store: RecordStore) {}

  /** The report and its ETag, or undefined if there is no such reference. */
  async get(ref: string): Promise<{ report: Report; etag: string } | undefined> {
    if (!isRef(ref)) return undefined;
    const rec = await this.store.get<Report>('reports', reportPartition(ref), ref);
    return rec ? { report: rec.value, etag: rec.etag } : undefined;
  }

  /**
   * Replaces the report if `etag` is still current; returns the new ETag. Throws ConflictError
   * when someone else changed it first (re-read, re-apply, retry), NotFoundError if missing.
   * Callers append to `history`, never rewrite it.
   */
  async update(ref: string, report: Report, etag: string): Promise<string> {
    if (report.ref !== ref) throw new RangeError(`update(${ref}) was given report ${report.ref}`);
    const rec = await this.store.update('reports', reportPartition(ref), ref, report, etag);
    return rec.etag;
  }

  /** Stores a new report; false if that reference was already stored (filing is re-runnable). */
  async insertIfAbsent(report: Report): Promise<boolean> {
    try {
      await this.store.insert('reports', reportPartition(report.ref), report.ref, report);
      return true;
    } catch (err) {
      if (err instanceof ConflictError) return false;
      throw err;
    }
  }

  /** A school's reports, oldest first, optionally submitted within [from, to). */
  async listBySchool(schoolId: string, range: DateRange = {}): Promise<Report[]> {
    const entries = await this.store.list<IndexEntry>('reportIndex', schoolIndexPartition(schoolId), {
      keyFrom: range.from?.toISOString(),
      keyTo: range.to?.toISOString(),
    });
    return this.load(entries.map((e) => e.value.ref));
  }

  /** Reports filed by one person, oldest first (for "my reports": nobody else's). */
  async listByReporter(aadObjectId: string): Promise<Report[]> {
    const entries = await this.store.list<IndexEntry>('reportIndex', reporterIndexPartition(aadObjectId));
    return this.load(entries.map((e) => e.value.ref));
  }

  /** Every report in the store, oldest reference first within each prefix (admin CLI). */
  async listAll(): Promise<Report[]> {
    const recs = await this.store.scan<Report>('reports');
    return recs.map((r) => r.value).sort((a, b) => a.submittedAt.localeCompare(b.submittedAt) || a.ref.localeCompare(b.ref));
  }

  /** Writes the index entries for a stored report (idempotent). */
  async index(report: Report): Promise<void> {
    const key = indexKey(report);
    await Promise.all([
      this.store.upsert<IndexEntry>('reportIndex', schoolIndexPartition(report.schoolId), key, { ref: report.ref }),
      this.store.upsert<IndexEntry>('reportIndex', reporterIndexPartition(report.reporter.aadObjectId), key, { ref: report.ref }),
    ]);
  }

  private async load(refs: string[]): Promise<Report[]> {
    const out: Report[] = [];
    // Sequential in small batches: keeps request rates modest on Table Storage.
    for (let i = 0; i < refs.length; i += 20) {
      const batch = await Promise.all(refs.slice(i, i + 20).map((ref) => this.get(ref)));
      for (const got of batch) if (got) out.push(got.report);
    }
    return out;
  }
}
