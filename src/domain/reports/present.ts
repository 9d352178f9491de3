/**
 * A report as label/value lines in plain text, for the review step, the reporter's view, the
 * admin CLI and triagers' detail views. Values are plain (not escaped): card callers escape.
 * Sensitive lines are marked so callers can leave them out where they must not appear.
 */
import type { FieldDefinition, KindRegistry } from './kinds';
import type { SchoolChoice } from './fields';
import type { FieldValue, Report } from './types';
import { formatLocal } from './time';
import type { ValidatedValues } from './validate';

export interface DetailLine {
  id: string;
  label: string;
  value: string;
  sensitive: boolean;
}

const RISK: Record<string, string> = { yes: 'Yes', no: 'No', unsure: 'Not sure', 'not-asked': 'Not asked' };

/**
 * An optional answer left blank (many sit folded under "More details"): shown as missing, so the
 * reporter at review and the triager see what was not said, rather than nothing.
 */
export const NOT_ANSWERED = 'Not answered';

/** "Have you told the DSL?" as people read it: left blank is "Not answered", never "No". */
export function toldDslText(r: { immediateRisk: string; toldDsl?: boolean }): string {
  if (r.immediateRisk === 'not-asked') return 'Not asked';
  return r.toldDsl === undefined ? 'Not answered' : r.toldDsl ? 'Yes' : 'No';
}

export function fieldText(f: FieldDefinition | undefined, value: FieldValue, timeZone: string, timeKnown = true): string {
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  const title = (v: string) => f?.options?.find((o) => o.value === v)?.title ?? v;
  if (Array.isArray(value)) return f?.type === 'multichoice' ? value.map(title).join('; ') : value.join(', ');
  if (f?.type === 'choice') return title(value);
  if (f?.type === 'datetime') return formatLocal(value, timeZone, timeKnown);
  if (f?.type === 'date') return formatLocal(`${value}T12:00:00Z`, timeZone, false);
  return value;
}

/** Lines for validated form values (the review step, before filing). */
export function valuesDetails(fields: FieldDefinition[], values: ValidatedValues, timeZone: string, schools: SchoolChoice[]): DetailLine[] {
  const lines: DetailLine[] = [];
  for (const f of fields) {
    let value: FieldValue | undefined;
    switch (f.id) {
      case 'school': value = schools.find((s) => s.id === values.schoolId)?.name ?? values.schoolId; break;
      case 'immediateRisk': value = RISK[values.immediateRisk]; break;
      case 'toldDsl': value = toldDslText(values); break;
      case 'happenedAt': value = fieldText(f, values.happenedAt, timeZone, values.happenedAtTimeKnown); break;
      case 'evidenceHeld': value = values.evidenceHeld; break;
      case 'concernsTriager': value = values.concernsTriager; break;
      default: value = values.fields[f.id];
        if (value === undefined) {
          lines.push({ id: f.id, label: f.label, value: NOT_ANSWERED, sensitive: f.sensitive });
          continue;
        }
    }
    if (value === undefined) continue;
    const text = ['school', 'immediateRisk', 'toldDsl', 'happenedAt'].includes(f.id) ? String(value) : fieldText(f, value, timeZone);
    lines.push({ id: f.id, label: f.label, value: text, sensitive: f.sensitive });
  }
  return lines;
}

export const riskText = (value: string): string => RISK[value] ?? value;

/** When it happened: a date alone when the reporter did not know the time ("2 Dec 2026"). */
export const happenedText = (r: Pick<Report, 'happenedAt' | 'happenedAtTimeKnown'>, timeZone: string): string =>
  formatLocal(r.happenedAt, timeZone, r.happenedAtTimeKnown !== false);

/**
 * The kind's own answers of a filed report as people read them: option titles ("Year 6",
 * "TikTok"), dates as dates ("2 Dec 2026"), in the order the report recorded them. The one
 * presenter for the reporter's view, the triager's view, the CPOMS/MyConcern text and the CLI;
 * raw values only when the kind (or the option) no longer exists. A question the form asked
 * (its label was recorded) and left blank reads "Not answered".
 */
export function fieldLines(report: Report, kinds: KindRegistry | undefined, timeZone: string): DetailLine[] {
  const kind = kinds?.get(report.kind);
  const defs = new Map((kind ? kind.fields : []).map((f) => [f.id, f]));
  const lines: DetailLine[] = [];
  // The order the form asked them in (labels are recorded in form order); anything unlabelled after.
  const ids = [...new Set([...Object.keys(report.labels), ...Object.keys(report.fields)])];
  for (const id of ids) {
    const value = report.fields[id];
    const text = value === undefined ? NOT_ANSWERED : fieldText(defs.get(id), value, timeZone) || NOT_ANSWERED;
    lines.push({ id, label: report.labels[id] ?? defs.get(id)?.label ?? id, value: text, sensitive: report.sensitiveFields.includes(id) });
  }
  return lines;
}

/** Lines for a filed report; uses the kind's current option titles when the kind still exists. */
export function reportDetails(report: Report, kinds: KindRegistry, timeZone: string, schools: SchoolChoice[] = []): DetailLine[] {
  const line = (id: string, label: string, value: string, sensitive = false): DetailLine => ({ id, label, value, sensitive });
  const lines: DetailLine[] = [
    line('ref', 'Reference', report.ref),
    line('kind', 'Kind', report.kindTitle),
    line('school', 'School', schools.find((s) => s.id === report.schoolId)?.name ?? report.schoolId),
    line('status', 'Status', report.status),
    line('priority', 'Priority', report.priority),
    line('submittedAt', 'Submitted', formatLocal(report.submittedAt, timeZone)),
    line('reporter', 'Reported by', report.reporter.name, true),
    line('happenedAt', 'Happened', happenedText(report, timeZone)),
    line('immediateRisk', 'Anyone at immediate risk', riskText(report.immediateRisk)),
    line('toldDsl', 'DSL told verbally', toldDslText(report)),
  ];
  lines.push(...fieldLines(report, kinds, timeZone));
  lines.push(line('evidenceHeld', 'Evidence held', report.evidenceHeld ? 'Yes' : 'No'));
  if (report.routing.bypassWhenConcerningTriager) lines.push(line('concernsTriager', 'Concerns a triager', report.concernsTriager ? 'Yes' : 'No'));
  if (report.evidence) {
    const e = report.evidence;
    const meta = [e.authorName, e.sentAt ? formatLocal(e.sentAt, timeZone) : undefined].filter(Boolean).join(', ');
    lines.push(line('evidence', `Reported message${meta ? ` (${meta})` : ''}`, e.text, true));
  }
  return lines;
}
