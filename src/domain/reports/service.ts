/**
 * The reports domain as one service for the Teams layer, the CLI and start-up: kinds, forms,
 * validation, drafts, filing and reading. Plain data in and out (no Teams types): the caller
 * supplies the reporter's identity and 1:1 conversation from the activity.
 */
import { randomUUID } from 'node:crypto';
import type { RecordStore } from '../../storage/recordStore';
import type { Clock } from '../../clock';
import type { Logger } from '../../log';
import type { FieldDefinition, KindDefinition, KindRegistry } from './kinds';
import { formFields, SchoolChoice } from './fields';
import { validateReport, RawValues, ValidatedValues, ValidationResult } from './validate';
import { DraftStore } from './drafts';
import { Filing, FilingHooks } from './filing';
import { ReportRepository } from './repository';
import { toLocal, DEFAULT_TIME_ZONE } from './time';
import type { MessageEvidence, Report, ReporterConversation, ReporterIdentity } from './types';

/** What the service needs from the directory. */
export interface SchoolSource {
  listSchools(): Promise<{ id: string; name: string }[]>;
  userSchool(aadObjectId: string): Promise<string | undefined>;
  setUserSchool(aadObjectId: string, schoolId: string): Promise<void>;
}

export interface FileRequest {
  kind: KindDefinition;
  submissionId: string;
  reporter: ReporterIdentity;
  reporterConversation: ReporterConversation;
  source: Report['source'];
  values: ValidatedValues;
  evidence?: MessageEvidence;
}

export interface ReportsServiceOptions {
  store: RecordStore;
  kinds: KindRegistry;
  schools: SchoolSource;
  clock: Clock;
  log: Logger;
  timeZone?: string;
  hooks?: FilingHooks;
}

/** A submission id as cards carry it: a UUID (anything else is refused). */
export const SUBMISSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class ReportsService {
  readonly kinds: KindRegistry;
  readonly repository: ReportRepository;
  readonly drafts: DraftStore;
  readonly timeZone: string;
  private readonly filing: Filing;
  private readonly schools: SchoolSource;
  private readonly clock: Clock;
  private readonly log: Logger;

  constructor(options: ReportsServiceOptions) {
    this.kinds = options.kinds;
    this.schools = options.schools;
    this.clock = options.clock;
    this.log = options.log;
    this.timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
    this.repository = new ReportRepository(options.store);
    this.drafts = new DraftStore(options.store);
    this.filing = new Filing(options.store, this.repository, this.drafts, options.hooks);
  }

  now(): Date {
    return this.clock.now();
  }

  newSubmissionId(): string {
    return randomUUID();
  }

  async schoolChoices(): Promise<SchoolChoice[]> {
    return (await this.schools.listSchools()).map((s) => ({ id: s.id, name: s.name }));
  }

  /** The school to preselect: the one remembered for this user, or the only school there is. */
  async defaultSchool(aadObjectId: string): Promise<string | undefined> {
    const remembered = await this.schools.userSchool(aadObjectId);
    if (remembered) return remembered;
    const all = await this.schools.listSchools();
    return all.length === 1 ? all[0].id : undefined;
  }

  async fields(kind: KindDefinition): Promise<FieldDefinition[]> {
    return formFields(kind, await this.schoolChoices());
  }

  /** Initial raw values for a new form: field defaults, the user's school. */
  async initialValues(kind: KindDefinition, aadObjectId: string): Promise<RawValues> {
    const values: RawValues = {};
    for (const f of await this.fields(kind)) if (f.default !== undefined) values[f.id] = f.default;
    const school = await this.defaultSchool(aadObjectId);
    if (school) values.school = school;
    return values;
  }

  async validate(kind: KindDefinition, raw: RawValues): Promise<ValidationResult> {
    return validateReport(kind, raw, { now: this.now(), timeZone: this.timeZone, schools: await this.schoolChoices() });
  }

  /**
   * Files a validated report once per (reporter, submission id) and returns it; a repeat
   * returns the report filed the first time. The report is stored (with outbox entry, indexes
   * and audit) before this resolves, so a reference shown to the user always exists.
   */
  async file(req: FileRequest): Promise<{ report: Report; created: boolean }> {
    if (!SUBMISSION_ID.test(req.submissionId)) throw new RangeError('submission id must be a UUID');
    const now = this.now();
    const submittedAt = now.toISOString();
    const labels: Record<string, string> = {};
    for (const f of req.kind.fields) labels[f.id] = f.label;
    const result = await this.filing.file(req.reporter.aadObjectId, req.submissionId, req.kind.referencePrefix, toLocal(now, this.timeZone).year, (ref) => ({
      schemaVersion: 1,
      ref,
      kind: req.kind.id,
      kindTitle: req.kind.title,
      clauses: req.kind.clauses,
      schoolId: req.values.schoolId,
      safeguarding: req.kind.safeguarding,
      priority: req.kind.priority,
      routing: req.kind.routing,
      retentionClass: req.kind.retentionClass,
      reporter: req.reporter,
      reporterConversation: req.reporterConversation,
      source: req.source,
      submissionId: req.submissionId,
      submittedAt,
      happenedAt: req.values.happenedAt,
      happenedAtTimeKnown: req.values.happenedAtTimeKnown,
      fields: req.values.fields,
      labels,
      sensitiveFields: req.kind.fields.filter((f) => f.sensitive).map((f) => f.id),
      immediateRisk: req.values.immediateRisk,
      toldDsl: req.values.toldDsl,
      evidenceHeld: req.values.evidenceHeld || Boolean(req.evidence),
      ...(req.evidence ? { evidence: req.evidence } : {}),
      concernsTriager: req.values.concernsTriager,
      status: 'new',
      history: [{ at: submittedAt, byAadObjectId: req.reporter.aadObjectId, action: 'filed' }],
    }));
    if (result.created) {
      this.log.info('report.filed', { ref: result.report.ref, kind: result.report.kind, schoolId: result.report.schoolId, source: req.source });
      // Remember the school for next time; a failure here must not fail a filed report.
      await this.schools.setUserSchool(req.reporter.aadObjectId, req.values.schoolId).catch((err: Error) => this.log.warn('report.remember_school_failed', { errorName: err.name }));
    } else {
      this.log.info('report.repeat_submit', { ref: result.report.ref });
    }
    return result;
  }

  /** The report a submission was filed as, if it was (for a repeated submit after the draft is gone). */
  async findSubmission(aadObjectId: string, submissionId: string): Promise<Report | undefined> {
    if (!SUBMISSION_ID.test(submissionId)) return undefined;
    const { report } = await this.filing.fileIfKnown(aadObjectId, submissionId);
    return report;
  }

  /** The reporter's own reports, newest first. */
  async listMine(aadObjectId: string): Promise<Report[]> {
    return (await this.repository.listByReporter(aadObjectId)).reverse();
  }

  /** Completes filings interrupted by a crash; run at start. */
  async reconcile(): Promise<{ completed: number; discarded: number }> {
    const result = await this.filing.reconcile();
    if (result.completed || result.discarded) this.log.warn('report.reconciled', result);
    return result;
  }
}
