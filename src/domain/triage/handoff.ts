/**
 * "Copy for CPOMS/MyConcern": the report as plain text for the school's safeguarding system,
 * which stays the record for child concerns. Shown only inside the triager view.
 */
import type { Report } from '../reports/types';
import { fieldLines, happenedText, riskText, toldDslText } from '../reports/present';
import type { KindRegistry } from '../reports/kinds';
import { formatLocal } from '../time/workingTime';
import { CLASSIFY_REASONS, REFERRAL_TARGETS, STATUS_LABELS, triageOf } from './state';

function plain(value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join(', ');
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  // eslint-disable-next-line no-control-regex
  return String(value ?? '').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

export function handoffText(report: Report, ctx: { schoolName: string; timeZone: string; names: Record<string, string>; kinds?: KindRegistry }): string {
  const t = triageOf(report);
  const when = (iso: string) => formatLocal(iso, ctx.timeZone);
  const who = (aad: string) => t.names[aad] || ctx.names[aad] || aad;
  const lines = [
    `trustline report ${report.ref}`,
    `Kind: ${report.kindTitle} (policy ${report.clauses.join(', ')})`,
    `School: ${ctx.schoolName}`,
    `Priority: ${report.priority}`,
    `Reported by: ${report.reporter.name}`,
    `Submitted: ${when(report.submittedAt)}`,
    `Happened: ${happenedText(report, ctx.timeZone)}`,
    `Anyone at immediate risk: ${riskText(report.immediateRisk).toLowerCase()}; told the DSL verbally: ${toldDslText(report).toLowerCase()}; evidence held: ${report.evidenceHeld ? 'yes' : 'no'}`,
    '',
  ];
  // The same labels the reporter and the triager's view show ("Year group: Year 6").
  for (const l of fieldLines(report, ctx.kinds, ctx.timeZone)) lines.push(`${plain(l.label)}: ${plain(l.value)}`);
  if (report.evidence) {
    lines.push('', `Reported message${report.evidence.authorName ? ` from ${report.evidence.authorName}` : ''}${report.evidence.sentAt ? ` (${when(report.evidence.sentAt)})` : ''}:`, plain(report.evidence.text));
  }
  lines.push('', `Status: ${STATUS_LABELS[report.status]}`);
  if (t.classification) lines.push(`Classification: ${CLASSIFY_REASONS[t.classification.reason]}`);
  for (const r of t.referrals) lines.push(`Referred to ${REFERRAL_TARGETS[r.to]}${r.reference ? ` (ref ${r.reference})` : ''} by ${who(r.by)}, ${when(r.at)}`);
  for (const n of t.notes) lines.push(`Note by ${who(n.by)}, ${when(n.at)}: ${plain(n.text)}`);
  for (const r of t.resolutions) lines.push(`Resolved by ${who(r.by)}, ${when(r.at)}: ${plain(r.outcome)}`);
  for (const r of t.reopenings) lines.push(`Reopened by ${who(r.by)}, ${when(r.at)}: ${plain(r.reason)}`);
  return lines.join('\n');
}
