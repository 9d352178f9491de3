/**
 * Subject access: everything held about one person, found by their Entra object id where the
 * store holds one (reporter, triage history and stamps, a reported message's author, audit,
 * drafts) and by name where a name was typed (report fields of type "person", a reported
 * message's author name): typed names are free text, so a name match can miss a misspelling or
 * a nickname and can catch someone else of the same name; the export says so. The policy gap
 * log and the choice log hold no identity, so nothing there can be tied to a person.
 */
import type { RecordStore } from '../../storage/recordStore';
import type { Report } from '../reports/types';
import type { KindRegistry } from '../reports/kinds';
import { ReportRepository } from '../reports/repository';
import type { Draft } from '../reports/drafts';
import { personTrail, type AuditRow } from './auditLog';

export interface SubjectAccessExport {
  person: { aadObjectId: string; names: string[] };
  generatedAt: string;
  asReporter: Report[];
  namedIn: { ref: string; matchedBy: ('entra-id' | 'name')[]; where: string[]; report: Report }[];
  asTriager: { ref: string; kind: string; actions: { at: string; action: string; detail?: string }[] }[];
  asViewer: AuditRow[];
  auditEntries: AuditRow[];
  drafts: Draft[];
  notHeld: string[];
  limits: string[];
}

const norm = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/** Whole-word, case- and spacing-insensitive: "Sam Lee" matches "sam  lee (year 9)" but not "Samantha Leeds". */
export function nameMatches(text: string, name: string): boolean {
  const n = norm(name);
  if (n.length < 3) return false;
  const escaped = n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, 'u').test(norm(text));
}

function personFieldIds(report: Report, kinds: KindRegistry): string[] {
  const kind = kinds.get(report.kind);
  return kind ? kind.fields.filter((f) => f.type === 'person').map((f) => f.id) : [];
}

export async function subjectAccess(store: RecordStore, kinds: KindRegistry, o: { aadObjectId: string; names: string[]; now: Date }): Promise<SubjectAccessExport> {
  const id = o.aadObjectId;
  const reports = await new ReportRepository(store).listAll();
  const names = [...new Set([...o.names, ...reports.filter((r) => r.reporter.aadObjectId === id).map((r) => r.reporter.name)].filter((n) => n.trim()))];
  const asReporter = reports.filter((r) => r.reporter.aadObjectId === id);
  const namedIn: SubjectAccessExport['namedIn'] = [];
  const asTriager: SubjectAccessExport['asTriager'] = [];
  for (const r of reports) {
    const matchedBy = new Set<'entra-id' | 'name'>();
    const where: string[] = [];
    if (r.evidence?.authorAadObjectId === id) {
      matchedBy.add('entra-id');
      where.push('author of the reported message');
    }
    for (const fid of personFieldIds(r, kinds)) {
      const v = r.fields[fid];
      if (typeof v === 'string' && names.some((n) => nameMatches(v, n))) {
        matchedBy.add('name');
        where.push(r.labels[fid] ?? fid);
      }
    }
    if (r.evidence?.authorName && names.some((n) => nameMatches(r.evidence!.authorName!, n)) && !where.includes('author of the reported message')) {
      matchedBy.add('name');
      where.push('author of the reported message');
    }
    if (matchedBy.size) namedIn.push({ ref: r.ref, matchedBy: [...matchedBy], where, report: r });
    const actions = r.history.filter((h) => h.byAadObjectId === id && r.reporter.aadObjectId !== id).map((h) => ({ at: h.at, action: h.action, ...(h.detail ? { detail: h.detail } : {}) }));
    if (actions.length) asTriager.push({ ref: r.ref, kind: r.kind, actions });
  }
  const auditEntries = await personTrail(store, id);
  return {
    person: { aadObjectId: id, names },
    generatedAt: o.now.toISOString(),
    asReporter,
    namedIn,
    asTriager,
    asViewer: auditEntries.filter((e) => e.action === 'view' || e.action === 'open' || e.action === 'report.viewed'),
    auditEntries,
    drafts: (await store.list<Draft>('drafts', id)).map((d) => d.value),
    notHeld: [
      'Policy gap log (unanswered questions): kept without any asker identity, so none of it can be tied to this person.',
      'Choice log ("which is closest" picks): kept without any asker identity.',
      'Logs: no personal data is written to logs.',
    ],
    limits: [
      'Named subjects are typed names: matched by whole name, ignoring case and spacing. A misspelling, nickname or initials will not match; another person with the same name will. Review each "named in" report before release.',
      'Entra ids are matched where the record holds one: reporter, triage actions, audit entries, drafts, the author of a reported Teams message.',
      'Reports about this person also hold other people\'s data (the reporter, others named): redact before release as the DPO decides.',
    ],
  };
}

/** A readable text version of the export (same content, labelled). */
export function subjectAccessText(x: SubjectAccessExport): string {
  const out: string[] = [];
  const reportLines = (r: Report) => {
    out.push(`  ${r.ref}  ${r.kindTitle}  school ${r.schoolId}  submitted ${r.submittedAt}  status ${r.status}`);
    out.push(`    Reporter: ${r.reporter.name} (${r.reporter.aadObjectId})`);
    for (const [fid, v] of Object.entries(r.fields)) out.push(`    ${r.labels[fid] ?? fid}: ${Array.isArray(v) ? v.join(', ') : String(v)}`);
    if (r.evidence) out.push(`    Reported message${r.evidence.authorName ? ` by ${r.evidence.authorName}` : ''}: ${r.evidence.text}`);
    for (const h of r.history) out.push(`    ${h.at}  ${h.action}${h.detail ? `: ${h.detail}` : ''}  (${h.byAadObjectId})`);
  };
  out.push(`Subject access export for ${x.person.aadObjectId}${x.person.names.length ? ` (${x.person.names.join(', ')})` : ''}`);
  out.push(`Generated ${x.generatedAt}`, '');
  out.push(`1. Reports this person filed (${x.asReporter.length})`);
  x.asReporter.forEach(reportLines);
  out.push('', `2. Reports naming this person (${x.namedIn.length})`);
  for (const n of x.namedIn) {
    out.push(`  Matched by ${n.matchedBy.join(' and ')} in: ${n.where.join('; ')}`);
    reportLines(n.report);
  }
  out.push('', `3. Actions this person took as a triager (${x.asTriager.length} reports)`);
  for (const t of x.asTriager) for (const a of t.actions) out.push(`  ${a.at}  ${t.ref}  ${a.action}${a.detail ? `: ${a.detail}` : ''}`);
  out.push('', `4. Reports this person viewed (${x.asViewer.length})`);
  for (const v of x.asViewer) out.push(`  ${v.at}  ${v.ref ?? '-'}  ${v.action}  ${v.outcome}`);
  out.push('', `5. Audit entries by or about this person (${x.auditEntries.length})`);
  for (const a of x.auditEntries) out.push(`  ${a.at}  ${a.actor}  ${a.action}  ${a.outcome}  ${a.ref ?? a.schoolId ?? ''}  ${a.detail ?? ''}`);
  out.push('', `6. Unfinished reports (drafts) (${x.drafts.length})`);
  for (const d of x.drafts) {
    out.push(`  ${d.kind || '(kind not chosen)'}  saved ${d.updatedAt}`);
    for (const [k, v] of Object.entries(d.values)) out.push(`    ${k}: ${v}`);
  }
  out.push('', 'Not held about any identifiable person:', ...x.notHeld.map((s) => `  - ${s}`));
  out.push('', 'Limits of this search:', ...x.limits.map((s) => `  - ${s}`));
  return `${out.join('\n')}\n`;
}
