/**
 * Report cards from the adaptiveCards/report-*.json templates. Everything a user typed is shown
 * in a RichTextBlock TextRun (never markdown, so exactly as typed) through plainText, or in a
 * TextBlock through escapeText; values put back into input boxes are not escaped (inputs show
 * text literally, and escaping would change what the user typed).
 */
import { escapeText, renderCard, AdaptiveCard } from '../../cards/render';
import type { FieldDefinition, KindDefinition } from '../../domain/reports/kinds';
import { timeKey } from '../../domain/reports/fields';
import type { RawValues } from '../../domain/reports/validate';
import type { DetailLine } from '../../domain/reports/present';
import type { Draft } from '../../domain/reports/drafts';
import type { MessageEvidence, Report, ReportStatus, RoutingRule } from '../../domain/reports/types';
import { formatLocal } from '../../domain/reports/time';
import { standingDecision } from '../../domain/triage/state';

export const SAFETY_BANNER = 'If a child is at immediate risk, tell the DSL now or call 999: this form is not the route.';
export const FACTS_NOTE = 'Write facts in your own words: records can be disclosed.';

/** Where a flow step came from, carried in every action's data. */
export interface FlowData {
  verb: string;
  kind?: string;
  submissionId?: string;
  draftKey?: string;
  /** The picker (its card is replaced by the form) or a filed confirmation (kept; the next card comes below it). */
  via?: 'picker' | 'filed';
  /** A destructive step the user has confirmed. */
  confirm?: 'yes';
  ref?: string;
  /** Answers read from the question that led here (domain/reports/prefill.ts); checked again on use. */
  prefill?: Record<string, string>;
}

export const PICKER_SAFETY = 'If a child is at immediate risk, tell the DSL now or call 999. Do not wait to file a report.';

/**
 * The kind picker: unfinished reports first, then safeguarding kinds, then the rest, each a
 * tappable row. `extra` goes into every kind's data (the dialog carries its submission id).
 */
export function pickerCard(kinds: KindDefinition[], drafts: { draft: Draft; title: string }[], timeZone: string, extra: Partial<FlowData> = {}): AdaptiveCard {
  const row = (k: KindDefinition) => ({
    title: k.title,
    summary: k.summary,
    data: { verb: 'report.start', kind: k.id, via: 'picker', ...extra } satisfies FlowData,
  });
  const byTitle = (a: KindDefinition, b: KindDefinition) => a.title.localeCompare(b.title, 'en-GB');
  const safeguarding = kinds.filter((k) => k.safeguarding).sort(byTitle);
  const other = kinds.filter((k) => !k.safeguarding).sort(byTitle);
  const groups = safeguarding.length && other.length
    ? [{ heading: 'Safeguarding', kinds: safeguarding.map(row) }, { heading: 'Other reports', kinds: other.map(row) }]
    : [{ heading: '', kinds: [...safeguarding, ...other].map(row) }];
  return renderCard('report-kinds', {
    safety: PICKER_SAFETY,
    intro: 'What do you want to report? Tap one to open its form.',
    hasDrafts: drafts.length > 0,
    draftsHeading: drafts.length === 1 ? 'You have an unfinished report' : `You have ${drafts.length} unfinished reports`,
    drafts: drafts.map(({ draft, title }) => ({
      title,
      updated: `Last saved ${formatLocal(draft.updatedAt, timeZone)}`,
      resumeData: { verb: 'report.resume', kind: draft.kind, draftKey: draft.key, submissionId: draft.submissionId } satisfies FlowData,
      discardData: { verb: 'report.discard', kind: draft.kind, draftKey: draft.key, submissionId: draft.submissionId } satisfies FlowData,
    })),
    groups,
  });
}

type Control = 'text' | 'multiline' | 'choice' | 'multichoice' | 'date' | 'datetime';

function control(f: FieldDefinition): Control {
  switch (f.type) {
    case 'longtext': return 'multiline';
    case 'person': return f.multiple ? 'multiline' : 'text';
    case 'url': case 'text': return 'text';
    case 'boolean': case 'choice': return 'choice';
    case 'multichoice': return 'multichoice';
    case 'date': return 'date';
    case 'datetime': return 'datetime';
  }
}

const YES_NO = [{ title: 'Yes', value: 'yes' }, { title: 'No', value: 'no' }];

function fieldModel(f: FieldDefinition, raw: RawValues, errors: Record<string, string>) {
  const choices = f.type === 'boolean' ? YES_NO : (f.options ?? []).map((o) => ({ title: o.title, value: o.value }));
  const value = raw[f.id] ?? '';
  return {
    id: f.id,
    control: control(f),
    label: f.required ? f.label : `${f.label} (optional)`,
    value: f.type === 'boolean' ? (value === 'true' ? 'yes' : value === 'false' ? 'no' : value) : value,
    timeId: timeKey(f.id),
    timeLabel: 'Time (if known)',
    timeValue: raw[timeKey(f.id)] ?? '',
    maxLength: f.maxLength ?? 0,
    placeholder: f.placeholder ?? (f.type === 'url' ? 'https://' : f.type === 'person' && f.multiple ? 'One name per line' : ''),
    textStyle: f.type === 'url' ? 'Url' : 'Text',
    // Few options read best as radio buttons; long lists as a drop-down.
    choiceStyle: choices.length <= 4 ? 'expanded' : 'compact',
    choices,
    help: f.help ?? '',
    error: errors[f.id] ?? '',
  };
}

export interface FormModel {
  kind: KindDefinition;
  fields: FieldDefinition[];
  values: RawValues;
  errors?: Record<string, string>;
  submissionId: string;
  draftKey: string;
  resumed?: boolean;
  evidence?: MessageEvidence;
  timeZone: string;
  /** The values a new form of this kind starts with for this person (defaults, remembered school, message prefill). */
  initial?: RawValues;
}

/** Whether an answer differs from what the form started with. */
const changed = (values: RawValues, initial: RawValues, key: string): boolean => (values[key] ?? '') !== (initial[key] ?? '');

/** Errors named at the top of a form; with more, only their number is given. */
const MAX_LISTED_ERRORS = 5;

/**
 * User text for a RichTextBlock TextRun, which Teams never reads as markdown: shown exactly as
 * typed (line breaks too), so it needs no escaping; control characters removed, length capped.
 */
export function plainText(text: string, max = 4000): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').replace(/\n{3,}/g, '\n\n').trim().slice(0, max);
}

/** Who sent a reported message and when, for a TextRun. */
export function evidenceMeta(e: MessageEvidence, timeZone: string): string {
  const parts = [e.authorName ? `From ${e.authorName}` : undefined, e.sentAt ? `sent ${formatLocal(e.sentAt, timeZone)}` : undefined].filter(Boolean);
  return plainText(parts.join(', ') || 'Teams message', 300);
}

/**
 * The folded part's heading, truthful about what is in it: "(optional)" only when nothing there
 * is required; otherwise how many required answers there are still empty. When the question
 * "does this concern the headteacher…" is folded (default No), the heading says where to find
 * it, because that answer decides whether the school's own triagers see the report.
 */
export function moreHeading(more: FieldDefinition[], values: RawValues): { moreTitle: string; moreSummary: string } {
  const optional = more.filter((f) => !f.required);
  const required = more.filter((f) => f.required);
  const pointer = more.some((f) => f.id === 'concernsTriager') ? ' About the headteacher or the DSL? Say so there.' : '';
  if (!required.length) return { moreTitle: 'More details (optional)', moreSummary: optional.map((f) => f.label).join(', ') + pointer };
  const empty = required.filter((f) => (values[f.id] ?? '') === '').length;
  const needed = empty === 0 ? 'All needed answers given' : `${empty} more ${empty === 1 ? 'answer' : 'answers'} needed`;
  return { moreTitle: 'More details', moreSummary: `${needed}${optional.length ? `; ${optional.length} optional` : ''}.${pointer}` };
}

export function formCard(m: FormModel): AdaptiveCard {
  const errors = m.errors ?? {};
  const bad = m.fields.filter((f) => errors[f.id]).map((f) => f.label);
  const flow = (verb: string): FlowData => ({ verb, kind: m.kind.id, submissionId: m.submissionId, draftKey: m.draftKey });
  const more = m.fields.filter((f) => f.essential === false);
  return renderCard('report-form', {
    title: m.kind.title,
    clauses: `Policy ${m.kind.clauses.length > 1 ? 'clauses' : 'clause'} ${m.kind.clauses.join(', ')}`,
    safeguarding: m.kind.safeguarding,
    safetyBanner: SAFETY_BANNER,
    resumed: Boolean(m.resumed),
    resumedNote: 'Here is your unfinished report as you left it. To start again, discard it.',
    guidance: m.kind.guidance.map((text) => ({ text })),
    factsNote: FACTS_NOTE,
    // Parts shown only sometimes are hidden (isVisible), not left out: Teams' web renderer
    // mixes up drop-downs when a card replaced in place has elements at other positions.
    hasErrors: bad.length > 0,
    errorHeading: bad.length === 1 ? '1 answer needs changing' : `${bad.length || 'No'} answers need changing`,
    // Named when there are few; a long list would push the form off a phone's screen.
    errorList: bad.length <= MAX_LISTED_ERRORS ? bad.map((label) => `- ${escapeText(label, 200)}`).join('\n') : '',
    hasEvidence: Boolean(m.evidence),
    evidenceMeta: m.evidence ? evidenceMeta(m.evidence, m.timeZone) : '',
    evidenceText: m.evidence ? plainText(m.evidence.text, 2000) : '',
    // What is needed first; the rest ("essential": false) folded below, under a heading that
    // says truthfully what is still needed there. Opened when it holds an error or an answer
    // the form did not start with (a remembered school or a default does not open it), so
    // nothing typed or wrong is out of sight.
    fields: m.fields.filter((f) => f.essential !== false).map((f) => fieldModel(f, m.values, errors)),
    moreFields: more.map((f) => fieldModel(f, m.values, errors)),
    ...moreHeading(more, m.values),
    moreOpen: more.some((f) => errors[f.id] || changed(m.values, m.initial ?? {}, f.id) || changed(m.values, m.initial ?? {}, timeKey(f.id))),
    reviewData: flow('report.review'),
    saveData: flow('report.save'),
    discardData: flow('report.discard'),
  });
}

export interface ReviewModel {
  kind: KindDefinition;
  lines: DetailLine[];
  submissionId: string;
  draftKey: string;
  riskWarning: string;
  /** The reporter said it concerns the headteacher or a triager (routing may then bypass the school). */
  concernsTriager?: boolean;
  /** Who it will reach if submitted now, from routing's plan (routing.whoWillGet); else the kind's usual recipients. */
  audience?: string;
  evidence?: MessageEvidence;
  timeZone: string;
}

/** Who a report reaches, in the reporter's words, as the routing worker decides it (DESIGN.md §3). */
export function recipients(routing: RoutingRule, concernsTriager: boolean): string {
  if (routing.bypassWhenConcerningTriager && concernsTriager) return 'the trust\'s named safeguarding lead, not to your school';
  if (routing.alsoTrust) return 'your headteacher, your school\'s named safeguarding staff and the trust\'s central team';
  return 'your headteacher and your school\'s named safeguarding staff';
}

export function reviewCard(m: ReviewModel): AdaptiveCard {
  const flow = (verb: string): FlowData => ({ verb, kind: m.kind.id, submissionId: m.submissionId, draftKey: m.draftKey });
  const lines = m.lines.map((l) => ({ label: l.label, value: plainText(l.value) }));
  if (m.evidence) lines.push({ label: escapeText(`Reported message (${evidenceMeta(m.evidence, m.timeZone)})`, 400), value: plainText(m.evidence.text, 2000) });
  return renderCard('report-review', {
    title: m.kind.title,
    riskWarning: m.riskWarning,
    lines,
    note: `Submitting sends this to ${m.audience ?? recipients(m.kind.routing, Boolean(m.concernsTriager))}. Nothing is filed until you press Submit report.`,
    submitData: flow('report.submit'),
    editData: flow('report.edit'),
  });
}

export function riskWarning(immediateRisk: string, toldDsl: boolean | undefined): string {
  if (immediateRisk !== 'yes' && immediateRisk !== 'unsure') return '';
  return toldDsl
    ? 'You said someone may be at immediate risk. If anything changes, tell the DSL again at once or call 999.'
    : 'You said someone may be at immediate risk. Tell the DSL now, in person or by phone, or call 999. This report does not replace that.';
}

const STATUS: Record<ReportStatus, { text: string; color: string }> = {
  new: { text: 'New', color: 'Accent' },
  acknowledged: { text: 'Acknowledged', color: 'Accent' },
  'in-progress': { text: 'In progress', color: 'Warning' },
  referred: { text: 'Referred', color: 'Warning' },
  resolved: { text: 'Resolved', color: 'Good' },
};

export const statusText = (s: ReportStatus): string => STATUS[s]?.text ?? s;

/** The status a reporter reads: a request's standing decision (Approved / Rejected) where there is one. */
function reporterStatus(report: Report): { text: string; color: string } {
  const decision = standingDecision(report);
  if (decision) return decision.decision === 'approved' ? { text: 'Approved', color: 'Good' } : { text: 'Rejected', color: 'Attention' };
  return STATUS[report.status] ?? { text: report.status, color: 'Default' };
}

/** `whereItGoes`: the routing plan in the reporter's words (routing.whereItGoes), e.g. "It is being sent to …". */
export function filedCard(report: Report, schoolName: string, timeZone: string, repeat: boolean, whereItGoes: string): AdaptiveCard {
  return renderCard('report-filed', {
    title: report.kindTitle,
    ref: report.ref,
    school: schoolName,
    submitted: formatLocal(report.submittedAt, timeZone),
    status: statusText(report.status),
    repeat,
    next: `${whereItGoes} You will hear here when it is acknowledged and when it is resolved. Keep the reference above if you need to ask about it.`,
    riskWarning: riskWarning(report.immediateRisk, report.toldDsl),
  });
}

export function listCard(reports: Report[], timeZone: string): AdaptiveCard {
  return renderCard('report-list', {
    intro: reports.length
      ? 'Newest first. Tap a report to see what you sent. Only you see this list.'
      : 'You have not filed any reports yet.',
    reports: reports.slice(0, 50).map((r) => ({
      ref: r.ref,
      title: r.kindTitle,
      submitted: `Filed ${formatLocal(r.submittedAt, timeZone)}`,
      status: reporterStatus(r).text,
      statusColor: reporterStatus(r).color,
      viewData: { verb: 'report.view', ref: r.ref } satisfies FlowData,
    })),
  });
}

/** Lines the reporter's own view leaves out: shown in its heading, or not theirs to act on. */
const DETAILS_SHOWN_ELSEWHERE = new Set(['ref', 'kind', 'status', 'priority', 'reporter']);
/** Labels in the reporter's words where the shared lines use triage shorthand. */
const REPORTER_LABELS: Record<string, string> = {
  happenedAt: 'When it happened',
  immediateRisk: 'Anyone at immediate risk of harm',
  toldDsl: 'Told the DSL in person or by phone',
  evidenceHeld: 'Evidence kept',
  concernsTriager: 'About the headteacher or a safeguarding lead',
};

export function detailsCard(report: Report, lines: DetailLine[]): AdaptiveCard {
  const decision = standingDecision(report);
  const decided = decision
    ? [{ label: 'Decision', value: plainText(decision.decision === 'approved' ? 'Approved' : 'Rejected') },
      ...(decision.reason ? [{ label: 'Reason', value: plainText(decision.reason) }] : [])]
    : [];
  return renderCard('report-details', {
    ref: report.ref,
    title: report.kindTitle,
    status: reporterStatus(report).text,
    statusColor: reporterStatus(report).color,
    lines: [...decided, ...lines.filter((l) => !DETAILS_SHOWN_ELSEWHERE.has(l.id))
      .map((l) => ({ label: REPORTER_LABELS[l.id] ?? escapeText(l.label, 400), value: plainText(l.value) }))],
  });
}

/** A short message with one button, or two (the first is the main one). */
export function noticeCard(title: string, text: string, ...buttons: [{ title: string; data: FlowData }, { title: string; data: FlowData }?]): AdaptiveCard {
  return renderCard('report-notice', {
    title,
    text,
    buttons: buttons.filter((b) => b !== undefined).map((b) => ({ title: b.title, verb: b.data.verb, data: b.data })),
  });
}

/** Dialogs (task modules) take Action.Submit; the same cards are used there with this change. */
export function forDialog(card: AdaptiveCard): AdaptiveCard {
  const convert = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(convert);
    if (node && typeof node === 'object') {
      const obj = node as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(obj)) out[k] = convert(v);
      if (obj.type === 'Action.Execute') {
        out.type = 'Action.Submit';
        delete out.verb;
      }
      return out;
    }
    return node;
  };
  return convert(card) as AdaptiveCard;
}
