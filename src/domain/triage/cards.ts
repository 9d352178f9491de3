/**
 * The alert cards, as plain Adaptive Card JSON from templates in adaptiveCards/:
 * - alert: what is posted to channels and kept as a compliance record. It carries no personal
 *   data: kind, priority, school, reference, received, status, due-by and history (actions and
 *   the triagers who took them; never the reporter, the people involved or any text typed).
 *   Its `refresh` names the report's handlers, so their Teams clients fetch the triager view.
 * - alert-triage: the triager view, sent only in invoke responses to someone allowed: the
 *   details, notes, actions and the plain-text hand-off for CPOMS/MyConcern.
 * Anything a person typed goes through escapeText, so it cannot inject links or formatting.
 */
import { AdaptiveCard, escapeText, renderCard } from '../../cards/render';
import type { Report } from '../reports/types';
import { fieldLines, happenedText, riskText, toldDslText } from '../reports/present';
import type { KindRegistry } from '../reports/kinds';
import { formatLocal } from '../time/workingTime';
import {
  CLASSIFY_REASONS, CopyFlag, PostedCopy, REFERRAL_TARGETS, STATUS_LABELS, TriageState, isDecisionKind, triageOf,
} from './state';
import { isBypassed } from './permissions';
import { handoffText } from './handoff';

/** Universal Actions refresh is limited to 60 users. */
export const MAX_REFRESH_USERS = 60;

export interface CardContext {
  schoolName: string;
  timeZone: string;
  now: Date;
  /** Display names by Entra object id (triage state names, then the directory's). */
  names: Record<string, string>;
  /** Report kinds, for option titles ("Year 6", not `y6`); raw values without them. */
  kinds?: KindRegistry;
}

const HISTORY_PHRASES: Record<string, string> = {
  filed: 'filed',
  acknowledged: 'acknowledged',
  classified: 'classified',
  assigned: 'assigned',
  note: 'note added',
  referred: 'referral recorded',
  escalated: 'escalated to the trust',
  resolved: 'resolved',
  reopened: 'reopened',
  approved: 'request approved',
  rejected: 'request rejected',
  reminded: 'reminder sent: not acknowledged in time',
  'escalated-overdue': 'escalated to the trust: not acknowledged in time',
  delivered: 'alert delivered',
};

/** Only these actions name who did them on the channel card: triagers' own actions. */
const NAMED_ACTIONS = new Set(['acknowledged', 'classified', 'assigned', 'note', 'referred', 'escalated', 'resolved', 'reopened', 'approved', 'rejected']);
const HISTORY_SHOWN = 15;

function nameOf(ctx: CardContext, t: TriageState, aad: string | undefined): string {
  if (!aad) return '';
  return escapeText(t.names[aad] || ctx.names[aad] || 'a triager', 100);
}

function historyLines(report: Report, t: TriageState, ctx: CardContext): { line: string }[] {
  const lines = report.history.map((h) => {
    const phrase = HISTORY_PHRASES[h.action] ?? escapeText(h.action, 40);
    const by = NAMED_ACTIONS.has(h.action) && h.byAadObjectId && h.byAadObjectId !== 'system' ? ` by ${nameOf(ctx, t, h.byAadObjectId)}` : '';
    const to = h.action === 'assigned' && h.detail ? ` to ${nameOf(ctx, t, h.detail)}` : '';
    return { line: `${formatLocal(h.at, ctx.timeZone)}: ${phrase}${to}${by}` };
  });
  if (lines.length <= HISTORY_SHOWN) return lines;
  return [{ line: `(${lines.length - HISTORY_SHOWN} earlier entries in the triager view and export)` }, ...lines.slice(-HISTORY_SHOWN)];
}

function flagText(flag: CopyFlag | undefined, report: Report, ctx: CardContext): string {
  const t = triageOf(report);
  switch (flag) {
    case 'no-school-channel':
      return `No alerts channel is linked for ${ctx.schoolName}: posted here instead. A trust admin can link one by typing "link" and the school's name in its channel.`;
    case 'nothing-linked':
      return `Neither ${ctx.schoolName}'s alerts channel nor the trust channel is linked, so this came to the trust's named people 1:1. A trust admin can link them by typing "link" and the school's name (or "link trust") in the channel.`;
    case 'school-channel-failed':
      return `Could not post to ${ctx.schoolName}'s alerts channel: posted here instead.`;
    case 'concerns-triager':
      return `This report concerns someone who handles ${ctx.schoolName}'s alerts, so it came to the trust's named people and not to the school.`;
    case 'person-unreachable':
      return `A report for the trust's named people could not be delivered to them 1:1. Only they can open it.`;
    case 'overdue':
      return `Escalated: not acknowledged in time by ${ctx.schoolName}.`;
    case 'escalated':
      return `Escalated to the trust by ${nameOf(ctx, t, t.escalated?.by)}.`;
    case 'also-trust':
      return 'Media contact: sent to the school and to the trust.';
    default:
      return '';
  }
}

function style(report: Report): string {
  if (report.status === 'resolved') return 'good';
  return report.priority === 'high' ? 'attention' : 'emphasis';
}

function headline(report: Report): string {
  if (report.status === 'new') return `New alert: ${report.kindTitle}`;
  if (report.status === 'resolved') return `Resolved: ${report.kindTitle}`;
  return report.kindTitle;
}

function baseFacts(report: Report, t: TriageState, ctx: CardContext): { title: string; value: string }[] {
  const facts = [
    { title: 'School', value: escapeText(ctx.schoolName, 200) },
    { title: 'Received', value: formatLocal(report.submittedAt, ctx.timeZone) },
    { title: 'Status', value: STATUS_LABELS[report.status] },
  ];
  if (report.status === 'new' && t.dueBy) {
    const overdue = ctx.now.toISOString() >= t.dueBy;
    facts.push({ title: overdue ? 'Overdue since' : 'Acknowledge by', value: formatLocal(t.dueBy, ctx.timeZone) });
  }
  if (t.assignee) facts.push({ title: 'Assigned to', value: nameOf(ctx, t, t.assignee.aadObjectId) });
  if (t.escalated) facts.push({ title: 'Escalated', value: `to the trust, ${formatLocal(t.escalated.at, ctx.timeZone)}` });
  const lastResolution = t.resolutions.at(-1);
  if (report.status === 'resolved' && lastResolution) facts.push({ title: 'Resolved', value: formatLocal(lastResolution.at, ctx.timeZone) });
  return facts;
}

function common(report: Report, flag: CopyFlag | undefined, ctx: CardContext) {
  const t = triageOf(report);
  return {
    style: style(report),
    headline: escapeText(headline(report), 200),
    ref: report.ref,
    priorityLabel: report.priority === 'high' ? 'High priority' : 'Normal priority',
    flag: flagText(flag, report, ctx),
    facts: baseFacts(report, t, ctx),
    history: historyLines(report, t, ctx),
  };
}

/** The channel card (no personal data). `refreshUserIds`: Teams user ids (29:...) of the report's handlers. */
export function alertCard(report: Report, copy: Pick<PostedCopy, 'flag'> | undefined, ctx: CardContext, refreshUserIds: string[]): AdaptiveCard {
  const card = renderCard('alert', {
    ...common(report, copy?.flag, ctx),
    privacy: isBypassed(report)
      ? 'Names and what happened are shown only to the trust\'s named people, on this card.'
      : 'Names and what happened are shown only to those handling this report, on this card.',
    canAck: report.status === 'new',
  });
  const userIds = [...new Set(refreshUserIds.filter(Boolean))].slice(0, MAX_REFRESH_USERS);
  if (userIds.length) {
    card.refresh = {
      action: { type: 'Action.Execute', title: 'Refresh', verb: 'triage.view', data: { verb: 'triage.view', ref: report.ref } },
      userIds,
    };
  }
  return card;
}

/** Preview and plain-text fallback for a posted alert: no personal data. */
export function alertSummary(report: Report, ctx: Pick<CardContext, 'schoolName'>): { text: string; summary: string } {
  const priority = report.priority === 'high' ? 'high priority' : 'normal priority';
  return {
    summary: `${report.ref}: ${report.kindTitle} (${priority})`,
    text: `${report.ref}: ${report.kindTitle}, ${priority}, ${ctx.schoolName}. Open the card to handle it.`,
  };
}

export type InputValues = Partial<Record<'classifyReason' | 'assignTo' | 'noteText' | 'referTo' | 'referReference' | 'escalateReason' | 'resolveOutcome' | 'reopenReason' | 'decisionReason', string>>;

const EMPTY_VALUES: Required<InputValues> = {
  classifyReason: '', assignTo: '', noteText: '', referTo: '', referReference: '', escalateReason: '', resolveOutcome: '', reopenReason: '', decisionReason: '',
};

export interface TriageCardOptions {
  /** People who may be assigned: Entra object id and name. */
  assignees: { aadObjectId: string; name: string }[];
  /** A short message at the top: what happened to the action just taken, or why not. */
  notice?: { text: string; tone: 'good' | 'attention' };
  /** What the person typed, kept when their input was refused. */
  values?: InputValues;
  /** Where this view is: the flag of the copy it was opened from. */
  flag?: CopyFlag;
}

/** The triager view: only ever returned to someone `accessFor` allows. */
export function triageCard(report: Report, ctx: CardContext, options: TriageCardOptions): AdaptiveCard {
  const t = triageOf(report);
  const resolved = report.status === 'resolved';
  const details: { label: string; value: string }[] = [
    { label: 'Reported by', value: escapeText(report.reporter.name, 200) },
    { label: 'Happened', value: happenedText(report, ctx.timeZone) },
    { label: 'Policy', value: report.clauses.join(', ') },
    { label: 'Anyone at immediate risk', value: riskText(report.immediateRisk) },
    { label: 'Told the DSL verbally', value: toldDslText(report) },
    { label: 'Evidence held', value: report.evidenceHeld ? 'Yes' : 'No' },
  ];
  for (const l of fieldLines(report, ctx.kinds, ctx.timeZone)) details.push({ label: escapeText(l.label, 200), value: escapeText(l.value) });
  if (report.evidence) {
    const by = report.evidence.authorName ? ` (from ${report.evidence.authorName}${report.evidence.sentAt ? `, ${formatLocal(report.evidence.sentAt, ctx.timeZone)}` : ''})` : '';
    details.push({ label: escapeText(`Reported message${by}`, 300), value: escapeText(report.evidence.text) });
  }
  const triage: { title: string; value: string }[] = [];
  if (t.classification) triage.push({ title: 'Classification', value: CLASSIFY_REASONS[t.classification.reason] });
  for (const r of t.referrals) triage.push({ title: 'Referred', value: escapeText(`${REFERRAL_TARGETS[r.to]}${r.reference ? ` (ref ${r.reference})` : ''}, ${formatLocal(r.at, ctx.timeZone)}`, 400) });
  if (t.escalated?.text) triage.push({ title: 'Escalation reason', value: escapeText(t.escalated.text) });
  if (t.decision) triage.push({ title: 'Decision', value: t.decision.decision === 'approved' ? 'Approved' : 'Rejected' });
  t.resolutions.forEach((r, i) => triage.push({ title: i === t.resolutions.length - 1 && resolved ? 'Outcome' : 'Earlier outcome', value: escapeText(r.outcome) }));
  for (const r of t.reopenings) triage.push({ title: 'Reopened', value: escapeText(`${r.reason} (${formatLocal(r.at, ctx.timeZone)})`) });
  const notes = t.notes.map((n) => ({ who: nameOf(ctx, t, n.by), when: formatLocal(n.at, ctx.timeZone), text: escapeText(n.text) }));
  const decide = isDecisionKind(report) && !resolved;
  return renderCard('alert-triage', {
    ...common(report, options.flag, ctx),
    // Notices are our own sentences; any name in them was escaped where it was put in.
    notice: options.notice?.text.slice(0, 500) ?? '',
    noticeColor: options.notice?.tone === 'good' ? 'Good' : 'Attention',
    details,
    triage,
    notes,
    can: {
      acknowledge: report.status === 'new',
      classify: !resolved,
      assign: !resolved && options.assignees.length > 0,
      refer: !resolved,
      escalate: !resolved && !t.escalated && !isBypassed(report),
      resolve: !resolved && !decide,
      reopen: resolved,
      decide,
    },
    options: {
      reasons: Object.entries(CLASSIFY_REASONS).map(([value, title]) => ({ title, value })),
      referrals: Object.entries(REFERRAL_TARGETS).map(([value, title]) => ({ title, value })),
      assignees: options.assignees.map((a) => ({ title: escapeText(a.name || 'Unnamed triager', 100), value: a.aadObjectId })),
    },
    values: { ...EMPTY_VALUES, ...options.values },
    handoff: handoffText(report, { schoolName: ctx.schoolName, timeZone: ctx.timeZone, names: ctx.names, kinds: ctx.kinds }),
    privacy: 'Shown only to you. Each time this view opens it is recorded in the audit trail.',
  });
}
