/**
 * `export FROM TO`: a school's alerts in a date range as CSV (RFC 4180). Metadata only (no
 * names, no text anyone typed), because the export is posted in the channel.
 */
import type { Report } from '../reports/types';
import { formatLocal } from '../time/workingTime';
import { CLASSIFY_REASONS, REFERRAL_TARGETS, STATUS_LABELS, triageOf } from './state';

export const CSV_COLUMNS = [
  'reference', 'kind', 'priority', 'status', 'received', 'acknowledged', 'acknowledge_by', 'classification',
  'referred_to', 'escalated', 'resolved', 'reopened_times',
] as const;

function cell(value: string): string {
  // Quote everything that needs it; neutralise spreadsheet formulas (=, +, -, @ at the start).
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function exportCsv(reports: Report[], timeZone: string): string {
  const when = (iso: string | undefined) => (iso ? formatLocal(iso, timeZone) : '');
  const rows = reports.map((r) => {
    const t = triageOf(r);
    return [
      r.ref,
      r.kindTitle,
      r.priority,
      STATUS_LABELS[r.status],
      when(r.submittedAt),
      when(t.acknowledged?.at),
      when(t.dueBy),
      t.classification ? CLASSIFY_REASONS[t.classification.reason] : '',
      t.referrals.map((x) => REFERRAL_TARGETS[x.to]).join('; '),
      t.escalated ? when(t.escalated.at) : '',
      r.status === 'resolved' ? when(t.resolutions.at(-1)?.at) : '',
      String(t.reopenings.length),
    ].map(cell).join(',');
  });
  return [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}
