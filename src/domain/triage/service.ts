/**
 * Triage: acting on a report and viewing its details, with the permission check, the ETag
 * retry loop, the audit trail and the follow-up work (card updates, reporter notifications,
 * escalation) queued in the outbox. Returns cards as plain JSON; the Teams layer only relays.
 */
import type { RecordStore } from '../../storage/recordStore';
import { ConflictError } from '../../storage/recordStore';
import type { Clock } from '../../clock';
import type { Logger } from '../../log';
import { errorFields } from '../../log';
import type { AdaptiveCard } from '../../cards/render';
import type { Directory } from '../directory/directory';
import type { Report } from '../reports/types';
import type { KindRegistry } from '../reports/kinds';
import type { DateRange, ReportRepository } from '../reports/repository';
import { enqueue, request } from '../outbox/outbox';
import { Access, AccessDirectory, accessFor, handlersOf, isBypassed } from './permissions';
import { Actor, TriageCommand, applyCommand } from './actions';
import { audit } from './audit';
import { CardContext, InputValues, alertCard, triageCard } from './cards';
import { PostedCopy, triageOf } from './state';

export interface TriageDeps {
  store: RecordStore;
  reports: ReportRepository;
  directory: Directory;
  clock: Clock;
  log: Logger;
  timeZone: string;
  /** Report kinds, so people read option titles rather than stored values. */
  kinds?: KindRegistry;
}

export type ActOutcome =
  | { kind: 'not-found' }
  | { kind: 'denied'; message: string }
  | { kind: 'done' | 'invalid' | 'refused'; report: Report; card: AdaptiveCard; message: string };

export type ViewOutcome =
  | { kind: 'not-found' }
  | { kind: 'denied'; message: string; card?: AdaptiveCard }
  | { kind: 'shown'; card: AdaptiveCard };

export const MAY_NOT = 'You may not do that: only this school\'s triagers (and the trust\'s named people, for reports with the trust) can handle this alert. Nothing was changed.';

/** Read-modify-write of a report with its ETag; `change` may run several times (keep it pure). */
export async function mutateReport(
  reports: ReportRepository, ref: string, change: (report: Report) => Report | undefined, attempts = 10,
): Promise<Report | undefined> {
  for (let i = 0; i < attempts; i++) {
    const got = await reports.get(ref);
    if (!got) return undefined;
    const next = change(got.report);
    if (!next) return got.report;
    try {
      await reports.update(ref, next, got.etag);
      return next;
    } catch (err) {
      if (!(err instanceof ConflictError) || i === attempts - 1) throw err;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 ** i)));
    }
  }
  return undefined;
}

const inputOf = (cmd: TriageCommand): InputValues => {
  switch (cmd.verb) {
    case 'classify': return { classifyReason: cmd.reason };
    case 'assign': return { assignTo: cmd.to };
    case 'note': return { noteText: cmd.text };
    case 'refer': return { referTo: cmd.to, referReference: cmd.reference };
    case 'escalate': return { escalateReason: cmd.reason };
    case 'resolve': return { resolveOutcome: cmd.outcome };
    case 'reopen': return { reopenReason: cmd.reason };
    case 'approve': case 'reject': return { decisionReason: cmd.reason };
    default: return {};
  }
};

const DONE_MESSAGES: Record<TriageCommand['verb'], string> = {
  acknowledge: 'Acknowledged. The reporter has been told it is being handled.',
  classify: 'Classification saved.',
  assign: 'Assigned.',
  note: 'Note added.',
  refer: 'Referral recorded.',
  escalate: 'Escalated: the alert is being posted to the trust channel.',
  resolve: 'Resolved. The reporter will be told it is resolved (and nothing else).',
  reopen: 'Reopened.',
  approve: 'Request approved and resolved.',
  reject: 'Request rejected and resolved.',
};

export class TriageService {
  constructor(private readonly deps: TriageDeps) {}

  get timeZone(): string {
    return this.deps.timeZone;
  }

  async accessDirectory(report: Report): Promise<AccessDirectory> {
    return { school: await this.deps.directory.getSchool(report.schoolId), namedPeople: this.deps.directory.namedPeople() };
  }

  async access(report: Report, aadObjectId: string): Promise<Access | undefined> {
    return accessFor(report, aadObjectId, await this.accessDirectory(report));
  }

  async cardContext(report: Report): Promise<CardContext> {
    const dir = await this.accessDirectory(report);
    const t = triageOf(report);
    const ids = [...new Set([...handlersOf(report, dir), ...Object.keys(t.names)])];
    const people = await this.deps.directory.people(ids);
    const names: Record<string, string> = {};
    for (const p of people) if (p.name) names[p.aadObjectId] = p.name;
    for (const n of this.deps.directory.namedPeople()) names[n.aadObjectId] ??= n.title;
    return { schoolName: dir.school?.name ?? report.schoolId, timeZone: this.deps.timeZone, now: this.deps.clock.now(), names: { ...names, ...t.names }, kinds: this.deps.kinds };
  }

  /** Teams user ids of the people whose clients should fetch the triager view of this copy. */
  async refreshUserIds(report: Report, copy?: Pick<PostedCopy, 'where' | 'id'>): Promise<string[]> {
    const dir = await this.accessDirectory(report);
    const ids = copy?.where === 'person' ? [copy.id.slice('person:'.length)] : handlersOf(report, dir);
    const people = await this.deps.directory.people(ids);
    return people.map((p) => p.teamsUserId ?? '').filter(Boolean);
  }

  async alertCardFor(report: Report, copy?: Pick<PostedCopy, 'where' | 'id' | 'flag'>): Promise<AdaptiveCard> {
    return alertCard(report, copy, await this.cardContext(report), await this.refreshUserIds(report, copy));
  }

  async assignees(report: Report): Promise<{ aadObjectId: string; name: string }[]> {
    const ids = handlersOf(report, await this.accessDirectory(report));
    const people = await this.deps.directory.people(ids);
    const titles = new Map(this.deps.directory.namedPeople().map((n) => [n.aadObjectId, n.title]));
    return people.map((p) => ({ aadObjectId: p.aadObjectId, name: p.name || titles.get(p.aadObjectId) || '' }));
  }

  private async viewCard(report: Report, notice?: { text: string; tone: 'good' | 'attention' }, values?: InputValues): Promise<AdaptiveCard> {
    const flag = isBypassed(report) ? 'concerns-triager' : undefined;
    return triageCard(report, await this.cardContext(report), { assignees: await this.assignees(report), notice, values, flag });
  }

  private async record(actor: string, action: string, outcome: 'ok' | 'denied' | 'refused' | 'invalid' | 'shown', report: Report | undefined, ref: string, detail?: string): Promise<void> {
    try {
      await audit(this.deps.store, { at: this.deps.clock.now().toISOString(), actor, action, outcome, ref, schoolId: report?.schoolId, detail });
    } catch (err) {
      this.deps.log.error('audit.write_failed', { ref, action, ...errorFields(err) });
      throw err;
    }
  }

  /** The triager view for someone allowed; audited either way. `how`: 'refresh' (automatic) or 'open' (a button). */
  async view(ref: string, actor: Actor, how: 'refresh' | 'open'): Promise<ViewOutcome> {
    const got = await this.deps.reports.get(ref);
    if (!got) return { kind: 'not-found' };
    const report = got.report;
    await this.rememberActor(actor);
    if (!(await this.access(report, actor.aadObjectId))) {
      await this.record(actor.aadObjectId, 'view', 'denied', report, ref, how);
      // A report about a triager must not be confirmed to exist to anyone outside the trust's named people.
      if (isBypassed(report)) return { kind: 'not-found' };
      const copy = triageOf(report).alerts.find((c) => c.where !== 'person');
      return { kind: 'denied', message: MAY_NOT, card: await this.alertCardFor(report, copy) };
    }
    // Fail closed: no audit record, no details.
    await this.record(actor.aadObjectId, 'view', 'shown', report, ref, how);
    return { kind: 'shown', card: await this.viewCard(report) };
  }

  async act(ref: string, cmd: TriageCommand, actor: Actor): Promise<ActOutcome> {
    const { reports, clock, log } = this.deps;
    const first = await reports.get(ref);
    if (!first) return { kind: 'not-found' };
    await this.rememberActor(actor);
    const dir = await this.accessDirectory(first.report);
    if (!accessFor(first.report, actor.aadObjectId, dir)) {
      await this.record(actor.aadObjectId, cmd.verb, 'denied', first.report, ref);
      log.info('triage.denied', { ref, verb: cmd.verb });
      return isBypassed(first.report) ? { kind: 'not-found' } : { kind: 'denied', message: MAY_NOT };
    }
    const assignable = handlersOf(first.report, dir);
    const names = Object.fromEntries((await this.assignees(first.report)).filter((a) => a.name).map((a) => [a.aadObjectId, a.name]));
    let refusal: { kind: 'invalid' | 'refused'; message: string } | undefined;
    let effects: { type: string; event?: 'acknowledged' | 'resolved'; seq?: number }[] = [];
    const now = clock.now();
    const after = await mutateReport(reports, ref, (report) => {
      // Permission is checked again on the state being changed (an escalation may have changed who may act).
      if (!accessFor(report, actor.aadObjectId, dir)) {
        refusal = { kind: 'refused', message: MAY_NOT };
        return undefined;
      }
      const applied = applyCommand(report, cmd, actor, now, { assignable, names, timeZone: this.deps.timeZone });
      if (!applied.ok) {
        refusal = { kind: applied.kind, message: applied.message };
        return undefined;
      }
      refusal = undefined;
      effects = applied.effects;
      return applied.report;
    });
    if (!after) return { kind: 'not-found' };
    if (refusal) {
      await this.record(actor.aadObjectId, cmd.verb, refusal.kind, after, ref);
      const values = refusal.kind === 'invalid' ? inputOf(cmd) : undefined;
      return { kind: refusal.kind, report: after, message: refusal.message, card: await this.viewCard(after, { text: refusal.message, tone: 'attention' }, values) };
    }
    // The change is committed (and in the report's history); a failed audit write is logged, not undone.
    await this.record(actor.aadObjectId, cmd.verb, 'ok', after, ref, cmd.verb === 'classify' ? cmd.reason : cmd.verb === 'refer' ? cmd.to : undefined).catch(() => undefined);
    log.info('triage.action', { ref, verb: cmd.verb, status: after.status });
    await this.followUp(ref, effects, now);
    return { kind: 'done', report: after, message: DONE_MESSAGES[cmd.verb], card: await this.viewCard(after, { text: DONE_MESSAGES[cmd.verb], tone: 'good' }) };
  }

  /** Queues what must reach Teams after a change: card updates everywhere, the reporter, the trust. */
  private async followUp(ref: string, effects: { type: string; event?: 'acknowledged' | 'resolved'; seq?: number }[], now: Date): Promise<void> {
    const { store } = this.deps;
    for (const e of effects) {
      if (e.type === 'notify' && e.event && e.seq !== undefined) await enqueue(store, { type: 'reporter.notify', ref, event: e.event, seq: e.seq }, now);
      if (e.type === 'escalate') await enqueue(store, { type: 'report.escalate', ref, reason: 'triager' }, now);
    }
    await request(store, { type: 'alert.update', ref }, now);
  }

  private async rememberActor(actor: Actor): Promise<void> {
    if (!actor.aadObjectId) return;
    try {
      await this.deps.directory.rememberPerson({ aadObjectId: actor.aadObjectId, name: actor.name, teamsUserId: actor.teamsUserId });
    } catch (err) {
      this.deps.log.warn('directory.remember_failed', errorFields(err));
    }
  }

  /**
   * A school's reports as its own people may see them (open alerts, export): never one that
   * concerns a school triager, which only the trust's named people handle. Every school-scoped
   * list must come through here.
   */
  async schoolReports(schoolId: string, range: DateRange = {}): Promise<Report[]> {
    return (await this.deps.reports.listBySchool(schoolId, range)).filter((r) => !isBypassed(r));
  }

  /** Reports not yet resolved: a school's, or those with the trust (for the trust channel). */
  async openAlerts(scope: { schoolId: string } | { trust: true }): Promise<Report[]> {
    const all = 'schoolId' in scope
      ? await this.schoolReports(scope.schoolId)
      : (await this.deps.reports.listAll()).filter((r) => !isBypassed(r) && triageOf(r).alerts.some((c) => c.where === 'trust'));
    return all.filter((r) => r.status !== 'resolved');
  }
}
