/**
 * The report walk-through, step by step, shared by the 1:1 chat (Action.Execute: each step's
 * card replaces the last) and the "Report this message" dialog (Action.Submit in a task
 * module). Each step takes the actor and the card's data and returns the next card. State
 * lives in drafts and filed reports in the store, keyed by the actor's Entra id; card data
 * only says which form it is, so another user's data can never be reached or changed.
 */
import type { AdaptiveCard } from '../../cards/render';
import type { Services } from '../../services';
import type { ReportsService } from '../../domain/reports/service';
import { SUBMISSION_ID } from '../../domain/reports/service';
import type { KindDefinition } from '../../domain/reports/kinds';
import { chatDraftKey, messageDraftKey, Draft } from '../../domain/reports/drafts';
import { collectRaw, RawValues } from '../../domain/reports/validate';
import { reportDetails, valuesDetails } from '../../domain/reports/present';
import { acceptedPrefill } from '../../domain/reports/prefill';
import { timeKey } from '../../domain/reports/fields';
import { toLocal } from '../../domain/reports/time';
import type { MessageEvidence, Report, ReporterConversation, ReporterIdentity } from '../../domain/reports/types';
import { errorFields } from '../../log';
import { userLimits } from '../userLimits';
import { waitText } from '../../domain/limits/userRateLimit';
import {
  detailsCard, filedCard, FlowData, formCard, listCard, noticeCard, pickerCard, reviewCard, riskWarning,
} from './reportsCards';

export interface Actor {
  identity: ReporterIdentity;
  conversation: ReporterConversation;
  source: 'chat' | 'message-extension';
}

/** Draft key of message-extension evidence before a kind is chosen. */
export const evidenceKey = (submissionId: string): string => `message~${submissionId}`;

const START_AGAIN: { title: string; data: FlowData } = { title: 'Make a report', data: { verb: 'report.start', via: 'picker' } };

/** Card data as the flow reads it: only known string properties. */
export function flowData(data: unknown): FlowData & Record<string, unknown> {
  const d = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  const s = (k: string) => (typeof d[k] === 'string' ? (d[k] as string).slice(0, 200) : undefined);
  return { ...d, verb: s('verb') ?? '', kind: s('kind'), submissionId: s('submissionId'), draftKey: s('draftKey'), via: s('via') === 'picker' || s('via') === 'filed' ? s('via') as FlowData['via'] : undefined, confirm: s('confirm') === 'yes' ? 'yes' : undefined, ref: s('ref') };
}

export class ReportFlow {
  private readonly reports: ReportsService;
  constructor(private readonly services: Services & { reports: ReportsService }) {
    this.reports = services.reports;
  }

  private get tz(): string {
    return this.reports.timeZone;
  }

  /** The kind picker, with any unfinished reports offered first. */
  async picker(actor: Actor): Promise<AdaptiveCard> {
    const drafts = await this.liveDrafts(actor);
    return pickerCard(this.reports.kinds.list(), drafts.map((d) => ({ draft: d, title: this.reports.kinds.get(d.kind)?.title ?? d.kind })), this.tz);
  }

  /** Drafts the user can resume (message drafts without a kind yet are not offered). */
  async liveDrafts(actor: Actor): Promise<Draft[]> {
    const all = await this.reports.drafts.list(actor.identity.aadObjectId, this.reports.now());
    return all.filter((d) => this.reports.kinds.get(d.kind));
  }

  /** A kind was chosen: its form, resuming the unfinished one if there is one. */
  async start(actor: Actor, data: FlowData): Promise<AdaptiveCard> {
    const kind = data.kind ? this.reports.kinds.get(data.kind) : undefined;
    if (!kind) return this.picker(actor);
    if (actor.source === 'message-extension') return this.startFromMessage(actor, kind, data);
    const existing = await this.reports.drafts.get(actor.identity.aadObjectId, chatDraftKey(kind.id), this.reports.now());
    if (existing) return this.form(actor, kind, existing.values, { submissionId: existing.submissionId, draftKey: existing.key, resumed: true, evidence: existing.evidence });
    // What the question already said (year group, platform, who started it), on the new form only.
    const values = { ...await this.reports.initialValues(kind, actor.identity.aadObjectId), ...acceptedPrefill(data.prefill, kind) };
    return this.form(actor, kind, values, {
      submissionId: this.reports.newSubmissionId(), draftKey: chatDraftKey(kind.id),
    });
  }

  /** Message extension: the form for the chosen kind, with the reported message as evidence. */
  private async startFromMessage(actor: Actor, kind: KindDefinition, data: FlowData): Promise<AdaptiveCard> {
    const aad = actor.identity.aadObjectId;
    const submissionId = data.submissionId && SUBMISSION_ID.test(data.submissionId) ? data.submissionId : undefined;
    if (!submissionId) return this.expired();
    const draftKey = messageDraftKey(kind.id, submissionId);
    const existing = await this.reports.drafts.get(aad, draftKey, this.reports.now());
    if (existing) return this.form(actor, kind, existing.values, { submissionId, draftKey, evidence: existing.evidence });
    const pending = await this.reports.drafts.get(aad, evidenceKey(submissionId), this.reports.now());
    if (!pending?.evidence) return this.expired();
    const values = await this.startValues(kind, aad, pending.evidence);
    const draft = await this.reports.drafts.save(aad, { key: draftKey, kind: kind.id, submissionId, source: 'message-extension', values, evidence: pending.evidence }, this.reports.now());
    await this.reports.drafts.delete(aad, evidenceKey(submissionId));
    return this.form(actor, kind, draft.values, { submissionId, draftKey, evidence: draft.evidence });
  }

  /** Resume a saved draft. */
  async resume(actor: Actor, data: FlowData): Promise<AdaptiveCard> {
    const found = await this.ownDraft(actor, data);
    if (!found) return this.expired();
    const { kind, draft } = found;
    return this.form(actor, kind, draft.values, { submissionId: draft.submissionId, draftKey: draft.key, resumed: true, evidence: draft.evidence });
  }

  /** Review pressed: save what was typed, then either the form with errors or the review. */
  async review(actor: Actor, data: FlowData & Record<string, unknown>): Promise<AdaptiveCard> {
    const target = await this.target(actor, data);
    if ('card' in target) return target.card;
    const { kind, submissionId, draftKey, evidence } = target;
    const raw = collectRaw(await this.reports.fields(kind), data);
    await this.saveDraft(actor, kind, submissionId, draftKey, raw, evidence);
    const result = await this.reports.validate(kind, raw);
    if (!result.ok) return this.form(actor, kind, raw, { submissionId, draftKey, errors: result.errors, evidence });
    const lines = valuesDetails(await this.reports.fields(kind), result.values, this.tz, await this.reports.schoolChoices());
    const audience = await this.services.routing.whoWillGet({
      schoolId: result.values.schoolId, routing: kind.routing, concernsTriager: kind.routing.bypassWhenConcerningTriager && result.values.concernsTriager,
    });
    return reviewCard({ kind, lines, submissionId, draftKey, evidence, timeZone: this.tz, riskWarning: riskWarning(result.values.immediateRisk, result.values.toldDsl), concernsTriager: result.values.concernsTriager, audience });
  }

  /** Back from the review to the form, as typed. */
  async edit(actor: Actor, data: FlowData): Promise<AdaptiveCard> {
    const target = await this.target(actor, data);
    if ('card' in target) return target.card;
    const draft = await this.reports.drafts.get(actor.identity.aadObjectId, target.draftKey, this.reports.now());
    if (!draft) return this.expired();
    return this.form(actor, target.kind, draft.values, { submissionId: target.submissionId, draftKey: target.draftKey, evidence: draft.evidence });
  }

  /** Save and finish later. */
  async save(actor: Actor, data: FlowData & Record<string, unknown>): Promise<AdaptiveCard> {
    const target = await this.target(actor, data);
    if ('card' in target) return target.card;
    const raw = collectRaw(await this.reports.fields(target.kind), data);
    await this.saveDraft(actor, target.kind, target.submissionId, target.draftKey, raw, target.evidence);
    return noticeCard('Saved for later', `Your ${target.kind.title.toLowerCase()} report is saved, but not filed. Type "report" to carry on. Unfinished reports are kept for 30 days.`, {
      title: 'Carry on now', data: { verb: 'report.resume', kind: target.kind.id, draftKey: target.draftKey, submissionId: target.submissionId },
    });
  }

  /**
   * Discard an unfinished report, once confirmed: a stray tap on a phone must not lose it. From
   * a form, what was typed is saved first, so "Keep it" brings it all back.
   */
  async discard(actor: Actor, data: FlowData & Record<string, unknown>): Promise<AdaptiveCard> {
    if (data.confirm !== 'yes') {
      const target = await this.target(actor, data);
      if ('card' in target) return target.card;
      const raw = collectRaw(await this.reports.fields(target.kind), data);
      if (Object.values(raw).some((v) => v.trim() !== '')) {
        await this.saveDraft(actor, target.kind, target.submissionId, target.draftKey, raw, target.evidence);
      }
      const found = await this.ownDraft(actor, data);
      if (!found) return noticeCard('Form closed', 'Nothing was typed, saved or filed.', START_AGAIN);
      const ids = { kind: found.kind.id, draftKey: found.draft.key, submissionId: found.draft.submissionId };
      return noticeCard(
        'Discard this report?',
        `Your unfinished ${found.kind.title.toLowerCase()} report will be deleted. Nothing has been filed.`,
        { title: 'Discard it', data: { verb: 'report.discard', confirm: 'yes', ...ids } },
        { title: 'Keep it', data: { verb: 'report.resume', ...ids } },
      );
    }
    const found = await this.ownDraft(actor, data);
    if (found) await this.reports.drafts.delete(actor.identity.aadObjectId, found.draft.key);
    return noticeCard('Unfinished report discarded', 'Nothing was filed.', START_AGAIN);
  }

  /**
   * Submit: file the saved draft once (a repeat, double tap or Teams retry gets the same
   * reference), store it, and only then confirm.
   */
  async submit(actor: Actor, data: FlowData): Promise<AdaptiveCard> {
    const aad = actor.identity.aadObjectId;
    const submissionId = data.submissionId && SUBMISSION_ID.test(data.submissionId) ? data.submissionId : undefined;
    if (!submissionId) return this.expired();
    const already = await this.reports.findSubmission(aad, submissionId);
    if (already) return this.filed(already, true);
    const target = await this.target(actor, data);
    if ('card' in target) return target.card;
    const draft = await this.reports.drafts.get(aad, target.draftKey, this.reports.now());
    if (!draft || draft.submissionId !== submissionId) return this.expired();
    const result = await this.reports.validate(target.kind, draft.values);
    if (!result.ok) return this.form(actor, target.kind, draft.values, { submissionId, draftKey: draft.key, errors: result.errors, evidence: draft.evidence });
    // Counted only for a new filing: a repeat of a filed submission answered above.
    const allowed = userLimits(this.services).reports.take(aad, this.reports.now().getTime());
    if (!allowed.ok) {
      this.services.log.warn('report.rate_limited', { kind: target.kind.id, retryAfterMs: allowed.retryAfterMs });
      return noticeCard('Please slow down', `You have filed a lot of reports in the last hour, so this one is not filed yet. Everything you typed is saved: press Submit report again in ${waitText(allowed.retryAfterMs)}. If a child is at immediate risk, tell the DSL now or call 999.`, {
        title: 'Submit report', data: { verb: 'report.submit', kind: target.kind.id, submissionId, draftKey: target.draftKey },
      });
    }
    try {
      const { report, created } = await this.reports.file({
        kind: target.kind, submissionId, values: result.values, evidence: draft.evidence,
        reporter: actor.identity, reporterConversation: actor.conversation, source: draft.source,
      });
      return this.filed(report, !created);
    } catch (err) {
      this.services.log.error('report.file_failed', { kind: target.kind.id, ...errorFields(err) });
      return noticeCard('Not filed yet', 'Your report could not be filed just now. Everything you typed is saved: press Submit report again in a moment. If a child is at immediate risk, tell the DSL now or call 999.', {
        title: 'Submit report', data: { verb: 'report.submit', kind: target.kind.id, submissionId, draftKey: target.draftKey },
      });
    }
  }

  /** The reporter's own reports; nobody else's. */
  async mine(actor: Actor): Promise<AdaptiveCard> {
    return listCard(await this.reports.listMine(actor.identity.aadObjectId), this.tz);
  }

  /** One of the reporter's own reports in full (anyone else's is refused as not found). */
  async view(actor: Actor, data: FlowData): Promise<AdaptiveCard> {
    const got = data.ref ? await this.reports.repository.get(data.ref) : undefined;
    if (!got || got.report.reporter.aadObjectId !== actor.identity.aadObjectId) {
      return noticeCard('Report not found', 'You can see only reports you filed yourself.', { title: 'My reports', data: { verb: 'report.mine' } });
    }
    const lines = reportDetails(got.report, this.reports.kinds, this.tz, await this.reports.schoolChoices());
    return detailsCard(got.report, lines);
  }

  /** Stores the message being reported, before a kind is chosen (message extension). */
  async holdEvidence(actor: Actor, evidence: MessageEvidence): Promise<string> {
    const submissionId = this.reports.newSubmissionId();
    await this.reports.drafts.save(actor.identity.aadObjectId, {
      key: evidenceKey(submissionId), kind: '', submissionId, source: 'message-extension', values: {}, evidence,
    }, this.reports.now());
    return submissionId;
  }

  private async form(actor: Actor, kind: KindDefinition, values: RawValues, o: { submissionId: string; draftKey: string; errors?: Record<string, string>; resumed?: boolean; evidence?: MessageEvidence }): Promise<AdaptiveCard> {
    const initial = await this.startValues(kind, actor.identity.aadObjectId, o.evidence);
    return formCard({ kind, fields: await this.reports.fields(kind), values, initial, timeZone: this.tz, ...o });
  }

  /** What a new form starts with: defaults, the remembered school, and for a reported message its time and "evidence held". */
  private async startValues(kind: KindDefinition, aad: string, evidence?: MessageEvidence): Promise<RawValues> {
    const values = await this.reports.initialValues(kind, aad);
    if (!evidence) return values;
    const sent = evidence.sentAt ? new Date(evidence.sentAt) : undefined;
    if (sent && !Number.isNaN(sent.getTime())) {
      const local = toLocal(sent, this.tz);
      values.happenedAt = local.date;
      values[timeKey('happenedAt')] = local.time;
    }
    values.evidenceHeld = 'yes';
    return values;
  }

  private async saveDraft(actor: Actor, kind: KindDefinition, submissionId: string, draftKey: string, values: RawValues, evidence?: MessageEvidence): Promise<void> {
    const aad = actor.identity.aadObjectId;
    const prior = await this.reports.drafts.get(aad, draftKey, this.reports.now());
    const same = prior?.submissionId === submissionId;
    await this.reports.drafts.save(aad, {
      key: draftKey, kind: kind.id, submissionId, source: same && prior ? prior.source : actor.source, values, evidence, createdAt: same ? prior?.createdAt : undefined,
    }, this.reports.now());
  }

  /**
   * Which form a button belongs to, checked: a known kind, a UUID submission id, and a draft
   * key that matches both. A submission already filed answers with its confirmation.
   */
  private async target(actor: Actor, data: FlowData): Promise<{ kind: KindDefinition; submissionId: string; draftKey: string; evidence?: MessageEvidence } | { card: AdaptiveCard }> {
    const kind = data.kind ? this.reports.kinds.get(data.kind) : undefined;
    const submissionId = data.submissionId && SUBMISSION_ID.test(data.submissionId) ? data.submissionId : undefined;
    if (!kind || !submissionId) return { card: await this.expired() };
    const draftKey = data.draftKey === messageDraftKey(kind.id, submissionId) ? data.draftKey : chatDraftKey(kind.id);
    const filed = await this.reports.findSubmission(actor.identity.aadObjectId, submissionId);
    if (filed) return { card: await this.filed(filed, true) };
    // A draft of another form of this kind (an older card) is replaced by what is typed now;
    // its evidence belongs to its own submission only.
    const draft = await this.reports.drafts.get(actor.identity.aadObjectId, draftKey, this.reports.now());
    return { kind, submissionId, draftKey, evidence: draft?.submissionId === submissionId ? draft.evidence : undefined };
  }

  private async ownDraft(actor: Actor, data: FlowData): Promise<{ kind: KindDefinition; draft: Draft } | undefined> {
    if (!data.draftKey) return undefined;
    const draft = await this.reports.drafts.get(actor.identity.aadObjectId, data.draftKey, this.reports.now());
    const kind = draft ? this.reports.kinds.get(draft.kind) : undefined;
    return draft && kind ? { kind, draft } : undefined;
  }

  /** The confirmation, saying where the report is as routing will deliver it (never a delivery that will not happen). */
  private async filed(report: Report, repeat: boolean): Promise<AdaptiveCard> {
    return filedCard(report, await this.schoolName(report.schoolId), this.tz, repeat, await this.services.routing.whereItGoes(report));
  }

  private async schoolName(id: string): Promise<string> {
    return (await this.reports.schoolChoices()).find((s) => s.id === id)?.name ?? id;
  }

  private async expired(): Promise<AdaptiveCard> {
    return noticeCard('This form is no longer open', 'It may have been filed or discarded already. Nothing you filed is lost: type "my reports" to see your reports, or start a new one.', START_AGAIN);
  }
}
