/**
 * Channel commands on alerts: `open alerts` (anyone in a linked channel: the same metadata the
 * alert cards already show) and `export FROM TO` (that school's triagers: CSV of the alerts
 * received in the date range, metadata only).
 *
 * The CSV comes as a card with the text in a box to copy: without Microsoft Graph a bot cannot
 * put a file in a channel (file consent cards work in 1:1 chats only), and a card works on
 * every Teams client. Large exports are split over several cards (Teams caps a message at
 * about 100 KB).
 */
import type { Feature } from '../features';
import type { Services } from '../../services';
import { renderCard } from '../../cards/render';
import { audit } from '../../domain/triage/audit';
import { exportCsv } from '../../domain/triage/exportCsv';
import { STATUS_LABELS, triageOf } from '../../domain/triage/state';
import { LocalDate, addDays, formatLocal, zonedTime } from '../../domain/time/workingTime';
import { errorFields } from '../../log';
import { actorFrom, channelCommand, channelRefOf, commandText, replyCard } from './channel';

const OPEN = /^(open\s+alerts|alerts)$/i;
const EXPORT = /^export\b(.*)$/i;
const LIST_MAX = 40;
/** Characters of CSV per card: well under Teams' 100 KB message limit with the card around it. */
const CSV_CHUNK = 60_000;
const MAX_EXPORT_DAYS = 731;

/** YYYY-MM-DD or DD/MM/YYYY (UK order), as a calendar date. */
export function parseDate(text: string): LocalDate | undefined {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  let y: number, mo: number, d: number;
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else {
    m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(text);
    if (!m) return undefined;
    [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return undefined;
  return { year: y, month: mo, day: d };
}

function chunks(csv: string): string[] {
  const lines = csv.split('\r\n');
  const header = lines[0];
  const out: string[] = [];
  let cur = '';
  for (const line of lines.slice(1)) {
    if (!line) continue;
    if (cur && cur.length + line.length > CSV_CHUNK) {
      out.push(`${header}\r\n${cur}`);
      cur = '';
    }
    cur += `${line}\r\n`;
  }
  out.push(`${header}\r\n${cur}`);
  return out;
}

export const registerAlerts: Feature = (app, services: Services) => {
  const { directory, routing, log, store, clock } = services;
  const tz = routing.triage.timeZone;

  app.message(channelCommand(OPEN), async (context) => {
    const channel = channelRefOf(context);
    const links = channel ? await directory.linksOf(channel.channelId) : [];
    if (links.length === 0) {
      await context.sendActivity('This channel is not linked to a school or the trust, so it has no alerts. A trust admin can type "link" and the school\'s name here.');
      return;
    }
    const now = clock.now().toISOString();
    for (const link of links) {
      const reports = await routing.triage.openAlerts(link.kind === 'school' ? { schoolId: link.school.id } : { trust: true });
      const name = link.kind === 'school' ? link.school.name : `${directory.trustName} (trust channel)`;
      const rows = reports.slice(0, LIST_MAX).map((r) => {
        const t = triageOf(r);
        const overdue = r.status === 'new' && t.dueBy !== undefined && t.dueBy <= now;
        const due = r.status === 'new' && t.dueBy ? ` · ${overdue ? 'overdue since' : 'acknowledge by'} ${formatLocal(t.dueBy, tz)}` : '';
        return {
          ref: r.ref,
          kind: r.kindTitle,
          line: `${r.priority === 'high' ? 'High' : 'Normal'} priority · ${STATUS_LABELS[r.status]} · received ${formatLocal(r.submittedAt, tz)}${due}`,
          color: overdue ? 'Attention' : 'Default',
        };
      });
      const card = renderCard('alert-list', {
        title: `Open alerts: ${name}`,
        summary: reports.length ? `${reports.length} not yet resolved, oldest first.` : 'None: every alert is resolved.',
        rows,
        more: reports.length > LIST_MAX ? `…and ${reports.length - LIST_MAX} more. Use "export" for the full list.` : '',
      });
      await replyCard(context, card, `${reports.length} open alert(s) for ${name}.`, 'Open alerts');
    }
  });

  app.message(channelCommand(EXPORT), async (context) => {
    const actor = actorFrom(context);
    const channel = channelRefOf(context);
    const args = (EXPORT.exec(commandText(context))?.[1] ?? '').trim().split(/\s+/).filter((a) => a && !/^(from|to|-)$/i.test(a));
    const schools = (channel ? await directory.linksOf(channel.channelId) : []).flatMap((l) => (l.kind === 'school' ? [l.school] : []));
    if (schools.length === 0) {
      await context.sendActivity('Export works in a school\'s alerts channel: it exports that school\'s alerts.');
      return;
    }
    const from = args[0] ? parseDate(args[0]) : undefined;
    const to = args[1] ? parseDate(args[1]) : undefined;
    if (!from || !to || args.length !== 2) {
      await context.sendActivity('Type "export" and two dates, for example "export 2026-09-01 2026-12-18" (or 01/09/2026 18/12/2026).');
      return;
    }
    const start = zonedTime(from, 0, tz);
    const end = zonedTime(addDays(to, 1), 0, tz);
    if (end <= start) {
      await context.sendActivity('The first date must be on or before the second.');
      return;
    }
    if (end.getTime() - start.getTime() > MAX_EXPORT_DAYS * 86_400_000) {
      await context.sendActivity('Export at most two years at a time.');
      return;
    }
    for (const school of schools) {
      if (!actor || !school.triagers.includes(actor.aadObjectId)) {
        await audit(store, { at: clock.now().toISOString(), actor: actor?.aadObjectId ?? 'unknown', action: 'export', outcome: 'denied', schoolId: school.id }).catch((err: unknown) => log.error('audit.write_failed', errorFields(err)));
        await context.sendActivity({ text: `Only ${school.name}'s triagers can export its alerts. Nothing was exported.`, summary: 'Not allowed' });
        continue;
      }
      const reports = await routing.triage.schoolReports(school.id, { from: start, to: end });
      const parts = chunks(exportCsv(reports, tz));
      await audit(store, { at: clock.now().toISOString(), actor: actor.aadObjectId, action: 'export', outcome: 'ok', schoolId: school.id, detail: `${reports.length} rows` });
      log.info('alerts.exported', { schoolId: school.id, rows: reports.length, parts: parts.length });
      const range = `${formatLocal(start, tz).split(',').slice(0, 2).join(',')} to ${formatLocal(zonedTime(to, 0, tz), tz).split(',').slice(0, 2).join(',')}`;
      for (let i = 0; i < parts.length; i++) {
        const card = renderCard('alert-export', {
          title: `Export: ${school.name}, ${range}`,
          summary: `${reports.length} alert(s). CSV, one row per alert (part ${i + 1} of ${parts.length}).`,
          label: 'CSV',
          csv: parts[i],
        });
        await replyCard(context, card, `Export of ${school.name}'s alerts (${reports.length}), part ${i + 1} of ${parts.length}.`, 'Alerts export');
      }
    }
  });
};
