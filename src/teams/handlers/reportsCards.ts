/**
 * Report cards from the adaptiveCards/report-*.json templates. Everything a user typed that is
 * shown as text goes through escapeText; values put back into input boxes are not escaped
 * (inputs show text literally, and escaping would change what the user typed).
 */
import { escapeText, renderCard, AdaptiveCard } from '../../cards/render';
import type { FieldDefinition, KindDefinition } from '../../domain/reports/kinds';
import { timeKey } from '../../domain/reports/fields';
import type { RawValues } from '../../domain/reports/validate';
import type { DetailLine } from '../../domain/reports/present';
import type { Draft } from '../../domain/reports/drafts';
import type { MessageEvidence, Report, ReportStatus } from '../../domain/reports/types';
import { formatLocal } from '../../domain/reports/time';

export const SAFETY_BANNER = 'If a child is at immediate risk, tell the DSL now or call 999: this form is not the route.';
export const FACTS_NOTE = 'Write facts in your own words: records can be disclosed.';

/** Where a flow step came from, carried in every action's data. */
export interface FlowData {
  verb: string;
  kind?: string;
  submissionId?: string;
  draftKey?: string;
  via?: 'picker';
  ref?: string;
}

/** `extra` goes into every kind button's data (the dialog carries its submission id). */
export function pickerCard(kinds: KindDefinition[], drafts: { draft: Draft; title: string }[], timeZone: string, extra: Partial<FlowData> = {}): AdaptiveCard {
  return renderCard('report-kinds', {
    safety: SAFETY_BANNER,
    intro: 'What do you want to report? Choose one; the form shows what the policy asks for.',
    hasDrafts: drafts.length > 0,
    drafts: drafts.map(({ draft, title }) => ({
      title,
      updated: `Last saved ${formatLocal(draft.updatedAt, timeZone)}`,
      resumeData: { verb: 'report.resume', kind: draft.kind, draftKey: draft.key, submissionId: draft.submissionId } satisfies FlowData,
      discardData: { verb: 'report.discard', kind: draft.kind, draftKey: draft.key, submissionId: draft.submissionId } satisfies FlowData,
    })),
    kinds: kinds.map((k) => ({
      title: k.title,
      summary: k.summary,
      button: 'Start',
      data: { verb: 'report.start', kind: k.id, via: 'picker', ...extra } satisfies FlowData,
    })),
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
}

export function evidenceMeta(e: MessageEvidence, timeZone: string): string {
  const parts = [e.authorName ? `From ${e.authorName}` : undefined, e.sentAt ? `sent ${formatLocal(e.sentAt, timeZone)}` : undefined].filter(Boolean);
  return escapeText(parts.join(', ') || 'Teams message');
}

export function formCard(m: FormModel): AdaptiveCard {
  const errors = m.errors ?? {};
  const bad = m.fields.filter((f) => errors[f.id]).map((f) => f.label);
  const flow = (verb: string): FlowData => ({ verb, kind: m.kind.id, submissionId: m.submissionId, draftKey: m.draftKey });
  return renderCard('report-form', {
    title: m.kind.title,
    clauses: `Policy ${m.kind.clauses.length > 1 ? 'clauses' : 'clause'} ${m.kind.clauses.join(', ')}`,
    safeguarding: m.kind.safeguarding,
    safetyBanner: SAFETY_BANNER,
    resumed: Boolean(m.resumed),
    resumedNote: 'You have an unfinished report: here it is as you left it. Use Discard to start again.',
    guidance: m.kind.guidance.map((text) => ({ text })),
    factsNote: FACTS_NOTE,
    hasErrors: bad.length > 0,
    errorSummary: bad.length === 1 ? `Please check: ${bad[0]}. Everything you typed is kept.` : `Please check ${bad.length} answers: ${bad.join('; ')}. Everything you typed is kept.`,
    hasEvidence: Boolean(m.evidence),
    evidenceMeta: m.evidence ? evidenceMeta(m.evidence, m.timeZone) : '',
    evidenceText: m.evidence ? escapeText(m.evidence.text, 2000) : '',
    fields: m.fields.map((f) => fieldModel(f, m.values, errors)),
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
  evidence?: MessageEvidence;
  timeZone: string;
}

export function reviewCard(m: ReviewModel): AdaptiveCard {
  const flow = (verb: string): FlowData => ({ verb, kind: m.kind.id, submissionId: m.submissionId, draftKey: m.draftKey });
  const lines = m.lines.map((l) => ({ label: l.label, value: escapeText(l.value) }));
  if (m.evidence) lines.push({ label: `Reported message (${evidenceMeta(m.evidence, m.timeZone)})`, value: escapeText(m.evidence.text, 2000) });
  return renderCard('report-review', {
    title: m.kind.title,
    riskWarning: m.riskWarning,
    lines,
    note: 'Submitting sends this to your school\'s headteacher and named safeguarding staff. Nothing is filed until you press Submit report.',
    submitData: flow('report.submit'),
    editData: flow('report.edit'),
  });
}

export function riskWarning(immediateRisk: string, toldDsl: boolean): string {
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

export function filedCard(report: Report, schoolName: string, timeZone: string, repeat: boolean): AdaptiveCard {
  return renderCard('report-filed', {
    title: report.kindTitle,
    ref: report.ref,
    school: schoolName,
    submitted: formatLocal(report.submittedAt, timeZone),
    status: statusText(report.status),
    next: (repeat ? 'This report was already filed; here is its reference again. ' : '')
      + `Keep the reference ${report.ref}. Your headteacher and the school's named safeguarding staff are alerted; you will hear here when it is acknowledged and when it is resolved. Type "my reports" to see where it is up to.`,
    riskWarning: riskWarning(report.immediateRisk, report.toldDsl),
  });
}

export function listCard(reports: Report[], timeZone: string): AdaptiveCard {
  return renderCard('report-list', {
    intro: reports.length
      ? 'Reports you have filed, newest first, and where each is up to. Only you see this list.'
      : 'You have not filed any reports yet.',
    reports: reports.slice(0, 50).map((r) => ({
      ref: r.ref,
      title: r.kindTitle,
      submitted: `Filed ${formatLocal(r.submittedAt, timeZone)}`,
      status: statusText(r.status),
      statusColor: STATUS[r.status]?.color ?? 'Default',
      viewData: { verb: 'report.view', ref: r.ref } satisfies FlowData,
    })),
  });
}

export function detailsCard(report: Report, lines: DetailLine[]): AdaptiveCard {
  return renderCard('report-details', {
    ref: report.ref,
    title: report.kindTitle,
    lines: lines.map((l) => ({ label: l.label, value: escapeText(l.value) })),
  });
}

export function noticeCard(title: string, text: string, button: { title: string; data: FlowData }): AdaptiveCard {
  return renderCard('report-notice', { title, text, buttonTitle: button.title, buttonVerb: button.data.verb, buttonData: button.data });
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
