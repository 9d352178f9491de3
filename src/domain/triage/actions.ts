/**
 * The triage lifecycle as a pure function: (report, command, actor, now) -> the new report and
 * the effects to run, or why not. Pure so that an ETag conflict can simply re-read the report
 * and apply again: a note is kept either way; an acknowledgement that someone else made first
 * is refused with a short explanation instead of being applied twice.
 *
 * new -> acknowledged -> in-progress (classified) -> referred -> resolved; reopen goes back to
 * in progress. Nothing is removed: notes, referrals, resolutions and reopenings are appended;
 * corrections are notes.
 */
import type { HistoryEntry, Report, ReportStatus } from '../reports/types';
import type { NotifyEvent } from '../outbox/outbox';
import {
  CLASSIFY_REASONS, ClassifyReason, REFERRAL_TARGETS, ReferralTarget, STATUS_LABELS, TriageState, isDecisionKind, triageOf, withTriage,
} from './state';
import { isBypassed } from './permissions';
import { formatLocal } from '../time/workingTime';
import { escapeText } from '../../cards/render';

export type TriageCommand =
  | { verb: 'acknowledge' }
  | { verb: 'classify'; reason: string }
  | { verb: 'assign'; to: string }
  | { verb: 'note'; text: string }
  | { verb: 'refer'; to: string; reference?: string }
  | { verb: 'escalate'; reason?: string }
  | { verb: 'resolve'; outcome: string }
  | { verb: 'reopen'; reason: string }
  | { verb: 'approve'; reason?: string }
  | { verb: 'reject'; reason: string };

export type TriageVerb = TriageCommand['verb'];
export const TRIAGE_VERBS: readonly TriageVerb[] = ['acknowledge', 'classify', 'assign', 'note', 'refer', 'escalate', 'resolve', 'reopen', 'approve', 'reject'];

export interface Actor {
  aadObjectId: string;
  name: string;
  teamsUserId?: string;
}

export type Effect = { type: 'notify'; event: NotifyEvent; seq: number } | { type: 'escalate' };

export type Applied =
  | { ok: true; report: Report; effects: Effect[] }
  /** Bad input (kept on the card with the message); nothing changed. */
  | { ok: false; kind: 'invalid'; message: string }
  /** The report's state does not allow it (any more); nothing changed. */
  | { ok: false; kind: 'refused'; message: string };

export const LIMITS = { note: 2_000, outcome: 1_000, reason: 500, reference: 200 };

function clean(text: unknown, max: number): string | undefined {
  if (typeof text !== 'string') return undefined;
  // eslint-disable-next-line no-control-regex
  const t = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
  return t.length > max ? undefined : t;
}

/** "Pat Headteacher (Wed, 25 Nov 2026, 09:05)", the name escaped: it is shown on a card. */
function whoAndWhen(t: TriageState, by: string, at: string, timeZone: string): string {
  return `${t.names[by] ? escapeText(t.names[by], 100) : 'someone'} (${formatLocal(at, timeZone)})`;
}

export interface ApplyContext {
  /** Entra object ids that may be assigned (the report's handlers). */
  assignable: string[];
  /** Display names to remember for people named by the action (the assignee). */
  names?: Record<string, string>;
  timeZone: string;
}

export function applyCommand(report: Report, cmd: TriageCommand, actor: Actor, now: Date, ctx: ApplyContext): Applied {
  const at = now.toISOString();
  const t: TriageState = structuredClone(triageOf(report));
  const history: HistoryEntry[] = [...report.history];
  const effects: Effect[] = [];
  let status: ReportStatus = report.status;
  const stamp = { at, by: actor.aadObjectId };
  if (actor.name) t.names[actor.aadObjectId] = actor.name;
  const log = (action: string, detail?: string) => history.push(detail === undefined ? { at, byAadObjectId: actor.aadObjectId, action } : { at, byAadObjectId: actor.aadObjectId, action, detail });
  const resolved = status === 'resolved';
  const refuseIfResolved = (): Applied | undefined => (resolved
    ? { ok: false, kind: 'refused', message: `This report was resolved by ${whoAndWhen(t, t.resolutions.at(-1)?.by ?? '', t.resolutions.at(-1)?.at ?? at, ctx.timeZone)}. Reopen it first.` }
    : undefined);
  /** Acting on a new report acknowledges it (the reporter hears once). */
  const implicitAck = () => {
    if (status !== 'new') return;
    t.acknowledged = stamp;
    status = 'acknowledged';
    log('acknowledged');
    effects.push({ type: 'notify', event: 'acknowledged', seq: history.length - 1 });
  };

  switch (cmd.verb) {
    case 'acknowledge': {
      if (status !== 'new') {
        const by = t.acknowledged ? whoAndWhen(t, t.acknowledged.by, t.acknowledged.at, ctx.timeZone) : 'someone';
        return { ok: false, kind: 'refused', message: `Already acknowledged by ${by}; it is now ${STATUS_LABELS[status].toLowerCase()}.` };
      }
      implicitAck();
      break;
    }
    case 'classify': {
      const refused = refuseIfResolved();
      if (refused) return refused;
      if (!(cmd.reason in CLASSIFY_REASONS)) return { ok: false, kind: 'invalid', message: 'Choose a classification.' };
      const reason = cmd.reason as ClassifyReason;
      implicitAck();
      t.classification = { ...stamp, reason };
      if (status === 'acknowledged') status = 'in-progress';
      log('classified', reason);
      break;
    }
    case 'assign': {
      const refused = refuseIfResolved();
      if (refused) return refused;
      if (!cmd.to || !ctx.assignable.includes(cmd.to)) return { ok: false, kind: 'invalid', message: 'Choose one of the triagers for this report.' };
      implicitAck();
      t.assignee = { ...stamp, aadObjectId: cmd.to };
      if (ctx.names?.[cmd.to]) t.names[cmd.to] = ctx.names[cmd.to];
      log('assigned', cmd.to);
      break;
    }
    case 'note': {
      const text = clean(cmd.text, LIMITS.note);
      if (text === undefined) return { ok: false, kind: 'invalid', message: `A note can be at most ${LIMITS.note} characters.` };
      if (!text) return { ok: false, kind: 'invalid', message: 'Type the note first.' };
      t.notes.push({ ...stamp, text });
      log('note');
      break;
    }
    case 'refer': {
      const refused = refuseIfResolved();
      if (refused) return refused;
      if (!(cmd.to in REFERRAL_TARGETS)) return { ok: false, kind: 'invalid', message: 'Choose who it was referred to.' };
      const reference = clean(cmd.reference ?? '', LIMITS.reference);
      if (reference === undefined) return { ok: false, kind: 'invalid', message: `A referral reference can be at most ${LIMITS.reference} characters.` };
      implicitAck();
      t.referrals.push({ ...stamp, to: cmd.to as ReferralTarget, ...(reference ? { reference } : {}) });
      status = 'referred';
      log('referred', cmd.to);
      break;
    }
    case 'escalate': {
      const refused = refuseIfResolved();
      if (refused) return refused;
      if (isBypassed(report)) return { ok: false, kind: 'refused', message: 'This report is already with the trust.' };
      if (t.escalated) return { ok: false, kind: 'refused', message: `Already escalated to the trust by ${whoAndWhen(t, t.escalated.by, t.escalated.at, ctx.timeZone)}.` };
      const text = clean(cmd.reason ?? '', LIMITS.reason);
      if (text === undefined) return { ok: false, kind: 'invalid', message: `The reason can be at most ${LIMITS.reason} characters.` };
      implicitAck();
      t.escalated = { ...stamp, reason: 'triager', ...(text ? { text } : {}) };
      log('escalated');
      effects.push({ type: 'escalate' });
      break;
    }
    case 'resolve':
    case 'approve':
    case 'reject': {
      const refused = refuseIfResolved();
      if (refused) return refused;
      let outcome: string;
      if (cmd.verb === 'resolve') {
        const text = clean(cmd.outcome, LIMITS.outcome);
        if (text === undefined) return { ok: false, kind: 'invalid', message: `The outcome can be at most ${LIMITS.outcome} characters.` };
        if (text.length < 3) return { ok: false, kind: 'invalid', message: 'Say what the outcome was: it is required to resolve a report.' };
        outcome = text;
      } else {
        if (!isDecisionKind(report)) return { ok: false, kind: 'invalid', message: 'Only account requests are approved or rejected.' };
        const reason = clean(cmd.reason ?? '', LIMITS.reason);
        if (reason === undefined) return { ok: false, kind: 'invalid', message: `The reason can be at most ${LIMITS.reason} characters.` };
        if (cmd.verb === 'reject' && reason.length < 3) return { ok: false, kind: 'invalid', message: 'Give the reason for rejecting the request: the requester will be asked to act on it.' };
        const decision = cmd.verb === 'approve' ? 'approved' : 'rejected';
        t.decision = { ...stamp, decision, ...(reason ? { reason } : {}) };
        outcome = `${decision === 'approved' ? 'Approved' : 'Rejected'}${reason ? `: ${reason}` : ''}`;
      }
      implicitAck();
      t.resolutions.push({ ...stamp, outcome });
      status = 'resolved';
      if (cmd.verb !== 'resolve') log(cmd.verb === 'approve' ? 'approved' : 'rejected');
      log('resolved');
      effects.push({ type: 'notify', event: 'resolved', seq: history.length - 1 });
      break;
    }
    case 'reopen': {
      if (!resolved) return { ok: false, kind: 'refused', message: `This report is ${STATUS_LABELS[status].toLowerCase()}, not resolved.` };
      const reason = clean(cmd.reason, LIMITS.reason);
      if (reason === undefined) return { ok: false, kind: 'invalid', message: `The reason can be at most ${LIMITS.reason} characters.` };
      if (reason.length < 3) return { ok: false, kind: 'invalid', message: 'Say why it is reopened.' };
      t.reopenings.push({ ...stamp, reason });
      status = t.referrals.length ? 'referred' : 'in-progress';
      log('reopened');
      break;
    }
    default: {
      const never: never = cmd;
      return { ok: false, kind: 'invalid', message: `Unknown action ${(never as { verb: string }).verb}` };
    }
  }
  return { ok: true, report: { ...withTriage(report, t), status, history }, effects };
}
