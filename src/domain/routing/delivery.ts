/**
 * The outbox handlers: what each kind of work does in Teams. Every handler reads the report,
 * skips what the report says is already done, does one Teams call at a time and records its
 * result on the report before the next, so a re-run after a failure or a crash repeats at most
 * the one call that was in flight.
 *
 * Routing (DESIGN.md §3):
 * - a report that concerns a school triager goes to the trust's named people 1:1, never to
 *   the school's channel (if they cannot be reached 1:1: the trust channel, flagged);
 * - otherwise to the school's alerts channel; no channel linked, or the channel refuses the
 *   post for good (bot removed, channel deleted): the trust channel, flagged;
 * - kinds routed "also trust" (media contact) go to the trust channel too.
 */
import type { Clock } from '../../clock';
import type { Logger } from '../../log';
import type { TriageTimeConfig } from '../../config';
import type { RecordStore } from '../../storage/recordStore';
import type { ChannelRef, Directory } from '../directory/directory';
import type { Report } from '../reports/types';
import type { ReportRepository } from '../reports/repository';
import type { OutboxHandlers } from '../outbox/worker';
import { request } from '../outbox/outbox';
import { scheduleTimer } from '../outbox/timers';
import type { WorkCalendar } from '../time/workingTime';
import { formatLocal } from '../time/workingTime';
import { TriageService, mutateReport } from '../triage/service';
import { alertSummary } from '../triage/cards';
import { CopyFlag, CopyWhere, PostedCopy, TriageState, isDecisionKind, triageOf, withTriage } from '../triage/state';
import { escapeText, renderCard } from '../../cards/render';
import { handlersOf, isBypassed } from '../triage/permissions';
import { errorFields } from '../../log';
import { ChannelPoster, DeliveryError, OutboundMessage, PostedActivity } from './ports';
import { Destination, planRoute, routeFacts } from './routePlan';

export interface DeliveryDeps {
  store: RecordStore;
  reports: ReportRepository;
  directory: Directory;
  triage: TriageService;
  poster: ChannelPoster;
  clock: Clock;
  log: Logger;
  calendar: WorkCalendar;
  time: Pick<TriageTimeConfig, 'ackMinutes' | 'escalateMinutes'>;
}

export type { Destination };

const SYSTEM = 'system';

export class Delivery {
  constructor(private readonly deps: DeliveryDeps) {}

  handlers(): OutboxHandlers {
    return {
      'report.filed': (w) => this.deliver(w.ref),
      'alert.update': (w) => this.updateCards(w.ref),
      'reporter.notify': (w) => this.notifyReporter(w.ref, w.event, w.seq),
      'report.remind': (w) => this.remind(w.ref),
      'report.escalate': (w) => this.escalate(w.ref, w.reason),
    };
  }

  private async load(ref: string): Promise<Report> {
    const got = await this.deps.reports.get(ref);
    // Filing writes the report before the outbox entry; a missing report is a filing still
    // landing (or a store hiccup): try again later rather than drop the work.
    if (!got) throw new DeliveryError(`report ${ref} not found`, 'retry');
    return got.report;
  }

  private async change(ref: string, fn: (report: Report, t: TriageState) => Report | undefined): Promise<Report> {
    const after = await mutateReport(this.deps.reports, ref, (r) => fn(r, triageOf(r)));
    if (!after) throw new DeliveryError(`report ${ref} not found`, 'retry');
    return after;
  }

  private async trustChannel(): Promise<ChannelRef> {
    const channel = await this.deps.directory.trustChannel();
    if (!channel) {
      this.deps.log.error('routing.no_trust_channel', { detail: 'an alert needs the trust channel and none is linked: type "link trust" in it' });
      throw new DeliveryError('no trust channel is linked', 'permanent');
    }
    return channel;
  }

  /** Where a report goes, in order (src/domain/routing/routePlan.ts). */
  async plan(report: Report): Promise<Destination[]> {
    const facts = await routeFacts(this.deps.directory, report.schoolId);
    if (isBypassed(report) && facts.namedPeople.length === 0) this.deps.log.error('routing.no_named_people', { ref: report.ref });
    return planRoute(report, facts);
  }

  private async message(report: Report, copy: Pick<PostedCopy, 'id' | 'where' | 'flag'>): Promise<OutboundMessage> {
    const ctx = await this.deps.triage.cardContext(report);
    return { ...alertSummary(report, ctx), card: await this.deps.triage.alertCardFor(report, copy) };
  }

  /**
   * Learns the Teams ids and names of the report's handlers who have none yet from the roster of
   * the team the alert goes to, so the card's refresh.userIds name them (a seeded channel was
   * never `link`ed, so nobody looked them up). Best effort: on failure they press Open.
   */
  private async learnHandlers(report: Report, dest: Destination, channel: ChannelRef): Promise<void> {
    const dir = await this.deps.triage.accessDirectory(report);
    // Only those who read this channel: a school's triagers in its team, the named people in the trust's.
    const readers = dest.where === 'school' ? dir.school?.triagers ?? [] : dir.namedPeople.map((n) => n.aadObjectId);
    const handlers = new Set(handlersOf(report, dir));
    const ids = readers.filter((id) => handlers.has(id)).slice(0, 60);
    for (const p of await this.deps.directory.people(ids)) {
      if (p.teamsUserId) continue;
      try {
        const member = await this.deps.poster.findMember(channel, p.aadObjectId);
        if (member) await this.deps.directory.rememberPerson({ aadObjectId: p.aadObjectId, name: member.name ?? '', teamsUserId: member.teamsUserId });
      } catch (err) {
        this.deps.log.debug('routing.member_lookup_failed', { ref: report.ref, ...errorFields(err) });
        return;
      }
    }
  }

  private async post(report: Report, dest: Destination): Promise<PostedActivity> {
    // A trust destination with no channel linked: parked (kept, retried) until `link trust`.
    const channel = dest.where === 'person' ? undefined : dest.channel ?? await this.trustChannel();
    if (channel) await this.learnHandlers(report, dest, channel);
    const msg = await this.message(report, dest);
    if (dest.where === 'person') {
      // Same tenant and region as the reporter; Teams takes the Teams id or the Entra object id.
      const conv = report.reporterConversation;
      const known = await this.deps.directory.person(dest.aadObjectId);
      return this.deps.poster.sendToUser({ serviceUrl: conv.serviceUrl, tenantId: conv.tenantId, userId: known?.teamsUserId ?? dest.aadObjectId }, msg);
    }
    return this.deps.poster.postNewThread(channel!, msg);
  }

  private async recordCopy(ref: string, copy: PostedCopy): Promise<Report> {
    return this.change(ref, (r, t) => (t.alerts.some((c) => c.id === copy.id) ? undefined : withTriage(r, { ...t, alerts: [...t.alerts, copy] })));
  }

  /**
   * report.filed: deadlines and timers first (so the card shows them), then each destination
   * once, each on its own: one that fails (or waits for a channel) never holds back the others;
   * the entry is retried afterwards for what is left.
   */
  async deliver(ref: string): Promise<void> {
    const { clock, calendar, time, store } = this.deps;
    let report = await this.load(ref);
    const now = clock.now();
    report = await this.change(ref, (r, t) => {
      if (t.dueBy && t.bypassed !== undefined) return undefined;
      const submitted = new Date(r.submittedAt);
      return withTriage(r, {
        ...t,
        bypassed: t.bypassed ?? r.concernsTriager,
        dueBy: t.dueBy ?? calendar.addWorkingMinutes(submitted, time.ackMinutes[r.priority]).toISOString(),
        escalateAt: t.escalateAt ?? calendar.addWorkingMinutes(submitted, time.escalateMinutes[r.priority]).toISOString(),
      });
    });
    const t0 = triageOf(report);
    if (!t0.timersScheduled && t0.dueBy && t0.escalateAt) {
      await scheduleTimer(store, { type: 'report.remind', ref }, new Date(t0.dueBy), now);
      if (!t0.bypassed) await scheduleTimer(store, { type: 'report.escalate', ref, reason: 'overdue' }, new Date(t0.escalateAt), now);
      report = await this.change(ref, (r, t) => (t.timersScheduled ? undefined : withTriage(r, { ...t, timersScheduled: true })));
    }

    const plan = await this.plan(report);
    const failures: unknown[] = [];
    for (let i = 0; i < plan.length; i++) {
      const dest = plan[i];
      if (triageOf(report).alerts.some((c) => c.id === dest.id)) continue;
      let activity: PostedActivity;
      try {
        activity = await this.post(report, dest);
      } catch (err) {
        const fallback = err instanceof DeliveryError && err.disposition === 'permanent' ? this.fallbackFor(dest, plan) : undefined;
        if (fallback) {
          this.deps.log.warn('routing.fallback', { ref, from: dest.id, to: fallback.id, statusCode: (err as DeliveryError).status });
          plan.push(fallback);
        } else {
          failures.push(err);
        }
        continue;
      }
      report = await this.recordCopy(ref, { id: dest.id, where: dest.where, flag: dest.flag, activity, postedAt: clock.now().toISOString() });
      this.deps.log.info('routing.posted', { ref, to: dest.id.startsWith('person:') ? 'person' : dest.id, flagged: dest.flag ?? 'none' });
    }
    // Retry what is left: sooner if any failure is worth retrying, else parked.
    if (failures.length) throw failures.find((e) => !(e instanceof DeliveryError) || e.disposition !== 'permanent') ?? failures[0];
  }

  private fallbackFor(dest: Destination, plan: Destination[]): Destination | undefined {
    if (dest.where === 'trust' || plan.some((d) => d.id === 'trust')) return undefined;
    const flag: CopyFlag = dest.where === 'school' ? 'school-channel-failed' : 'person-unreachable';
    // Its channel is looked up when it is posted (parked if none is linked).
    return { id: 'trust', where: 'trust', flag };
  }

  /** alert.update: every posted copy re-rendered from the stored report (the latest state wins). */
  async updateCards(ref: string): Promise<void> {
    const report = await this.load(ref);
    let retry: DeliveryError | undefined;
    for (const copy of triageOf(report).alerts) {
      try {
        await this.deps.poster.updateMessage(copy.activity, await this.message(report, copy));
      } catch (err) {
        if (err instanceof DeliveryError && err.disposition === 'permanent') {
          // Deleted in Teams or the bot was removed: the stored report stays the record.
          this.deps.log.warn('routing.update_gone', { ref, copy: copy.where, statusCode: err.status });
          continue;
        }
        if (err instanceof DeliveryError && err.disposition === 'defer') throw err;
        retry ??= err instanceof DeliveryError ? err : new DeliveryError('update failed', 'retry');
      }
    }
    if (retry) throw retry;
  }

  /**
   * reporter.notify: status only, never triage notes; for a request (new account), the decision
   * and its reason, which are written for the requester. The reason is in the card only (escaped),
   * never in the text or summary a notification preview shows.
   */
  async notifyReporter(ref: string, event: 'acknowledged' | 'resolved', seq: number): Promise<void> {
    const report = await this.load(ref);
    const key = `${event}:${seq}`;
    const t = triageOf(report);
    if (t.notified[key]) return;
    // Who acknowledged, truthfully: the trust when a named person did (bypassed, escalated, or nothing linked).
    const byTrust = isBypassed(report) || (t.acknowledged !== undefined && this.deps.directory.isNamedPerson(t.acknowledged.by));
    const who = byTrust ? 'the trust' : 'your school';
    // The decision made by this resolution (history[seq] is its 'resolved' line), even if reopened since.
    const decision = event === 'resolved' && isDecisionKind(report) && t.decision && report.history[seq]?.at === t.decision.at ? t.decision : undefined;
    let message: OutboundMessage;
    if (decision) {
      const text = `Your request ${ref} (${report.kindTitle}) has been ${decision.decision}.`;
      message = {
        text,
        summary: `Request ${ref} ${decision.decision}`,
        card: renderCard('report-notice', {
          title: `Request ${decision.decision}`,
          text: escapeText(`${text}${decision.reason ? `\nReason: ${decision.reason}` : ''}`),
          buttons: [{ title: 'My reports', verb: 'report.mine', data: { verb: 'report.mine' } }],
        }),
      };
    } else {
      const text = event === 'acknowledged'
        ? `Your report ${ref} (${report.kindTitle}) has been acknowledged by ${who}. Someone may contact you; there is nothing else you need to do now.`
        : `Your report ${ref} (${report.kindTitle}) has been resolved. Thank you for reporting it.`;
      message = { text, summary: `Report ${ref} ${event}` };
    }
    const conv = report.reporterConversation;
    const posted = await this.deps.poster.sendToUser(
      { serviceUrl: conv.serviceUrl, tenantId: conv.tenantId, userId: report.reporter.teamsUserId, conversationId: conv.conversationId },
      message,
    );
    await this.change(ref, (r, t) => (t.notified[key] ? undefined : withTriage(r, { ...t, notified: { ...t.notified, [key]: posted.activityId || 'sent' } })));
  }

  /** report.remind: still not acknowledged at its due-by: a reply under the alert (or 1:1 for the trust's named people). */
  async remind(ref: string): Promise<void> {
    let report = await this.load(ref);
    const t = triageOf(report);
    if (report.status !== 'new' || t.remindedAt) return;
    const targets = t.alerts.filter((c) => c.where !== 'trust');
    const copies = targets.length ? targets : t.alerts;
    const reminded = new Set(t.reminded ?? []);
    const due = t.dueBy ? formatLocal(t.dueBy, this.deps.triage.timeZone) : 'its deadline';
    const msg: OutboundMessage = {
      text: `Reminder: alert ${ref} (${report.kindTitle}, ${report.priority} priority) has not been acknowledged. It was due by ${due}. Open the card above to handle it.`,
      summary: `Reminder: ${ref} not acknowledged`,
    };
    for (const copy of copies) {
      if (reminded.has(copy.id)) continue;
      await this.deps.poster.replyInThread(copy.activity, msg);
      report = await this.change(ref, (r, tt) => {
        const list = tt.reminded ?? [];
        return list.includes(copy.id) ? undefined : withTriage(r, { ...tt, reminded: [...list, copy.id] });
      });
    }
    const now = this.deps.clock.now().toISOString();
    await this.change(ref, (r, tt) => (tt.remindedAt ? undefined : {
      ...withTriage(r, { ...tt, remindedAt: now }),
      history: [...r.history, { at: now, byAadObjectId: SYSTEM, action: 'reminded' }],
    }));
    await request(this.deps.store, { type: 'alert.update', ref }, this.deps.clock.now());
  }

  /** report.escalate: to the trust channel, as a new thread or a reply under its existing copy. */
  async escalate(ref: string, reason: 'overdue' | 'triager'): Promise<void> {
    let report = await this.load(ref);
    if (isBypassed(report)) return;
    if (reason === 'overdue') {
      if (report.status !== 'new') return;
      const now = this.deps.clock.now().toISOString();
      report = await this.change(ref, (r, t) => (t.escalated ? undefined : {
        ...withTriage(r, { ...t, escalated: { at: now, by: SYSTEM, reason: 'overdue' } }),
        history: [...r.history, { at: now, byAadObjectId: SYSTEM, action: 'escalated-overdue' }],
      }));
    }
    const t = triageOf(report);
    const existing = t.alerts.find((c) => c.where === 'trust');
    if (existing) {
      if (!t.escalationNoticeId) {
        const posted = await this.deps.poster.replyInThread(existing.activity, {
          text: `Escalated to the trust: ${ref} (${report.kindTitle}). ${reason === 'overdue' ? 'It was not acknowledged in time.' : 'A triager asked for the trust\'s help.'}`,
          summary: `Escalated: ${ref}`,
        });
        await this.change(ref, (r, tt) => (tt.escalationNoticeId ? undefined : withTriage(r, { ...tt, escalationNoticeId: posted.activityId || 'sent' })));
      }
    } else {
      const flag: CopyFlag = reason === 'overdue' ? 'overdue' : 'escalated';
      const copy: Pick<PostedCopy, 'id' | 'where' | 'flag'> = { id: 'trust', where: 'trust' as CopyWhere, flag };
      const channel = await this.trustChannel();
      const activity = await this.deps.poster.postNewThread(channel, await this.message(report, copy));
      await this.recordCopy(ref, { ...copy, activity, postedAt: this.deps.clock.now().toISOString() });
      this.deps.log.info('routing.escalated', { ref, reason });
    }
    await request(this.deps.store, { type: 'alert.update', ref }, this.deps.clock.now());
  }
}

