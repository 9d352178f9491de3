/**
 * `trustline policy check`: what an admin needs to know before loading a revised policy.
 * Errors make a document unsafe to load as is (a quote could be wrong or missing): duplicate
 * numbers, empty clauses, lines the parser could not place. Warnings are worth a look but do not
 * stop loading: gaps in numbering, contents entries with no text, a clause numbered outside its
 * section.
 */
import type { Clause, ParseIssue, PolicyDocument } from './model';
import type { ParseResult } from './parser';

export interface CheckReport {
  document: PolicyDocument;
  issues: ParseIssue[];
  errors: number;
  warnings: number;
  counts: { sections: number; clauses: number; appendices: number };
}

function numericParts(id: string): number[] | undefined {
  return /^\d+(\.\d+)*$/.test(id) ? id.split('.').map(Number) : undefined;
}

function appendixLetter(id: string): string | undefined {
  return /^Appendix ([A-Z])$/.exec(id)?.[1];
}

export function checkPolicy(parsed: ParseResult): CheckReport {
  const { document } = parsed;
  const issues: ParseIssue[] = [...parsed.issues];
  const byId = new Map<string, Clause>();

  for (const clause of document.clauses) {
    const seen = byId.get(clause.id);
    if (seen) issues.push({ severity: 'error', line: clause.line, message: `duplicate number ${clause.id} (first at line ${seen.line})` });
    else byId.set(clause.id, clause);
    if (clause.kind !== 'heading' && clause.text.trim() === '') {
      issues.push({ severity: 'error', line: clause.line, message: `${clause.id} is empty` });
    }
    if (clause.kind !== 'appendix' && !clause.id.startsWith(`${clause.section.id}.`) && clause.id !== clause.section.id) {
      issues.push({ severity: 'warning', line: clause.line, message: `${clause.id} is under section ${clause.section.id} (${clause.section.title})` });
    }
  }

  // Missing numbers: siblings under one parent should run 1, 2, 3… without gaps.
  const children = new Map<string, number[]>();
  for (const clause of document.clauses) {
    const parts = numericParts(clause.id);
    if (!parts) continue;
    const parent = parts.slice(0, -1).join('.');
    const list = children.get(parent) ?? [];
    list.push(parts[parts.length - 1]);
    children.set(parent, list);
  }
  for (const [parent, numbers] of children) {
    const max = Math.max(...numbers);
    const present = new Set(numbers);
    const missing: string[] = [];
    for (let n = 1; n <= max; n++) if (!present.has(n)) missing.push(parent ? `${parent}.${n}` : String(n));
    if (missing.length) {
      const where = byId.get(parent)?.line ?? 0;
      issues.push({ severity: 'warning', line: where, message: `missing number${missing.length > 1 ? 's' : ''} ${missing.join(', ')}` });
    }
    if (parent && !byId.has(parent) && parent.includes('.')) {
      issues.push({ severity: 'warning', line: 0, message: `clauses ${parent}.x have no heading ${parent}` });
    }
  }

  // Appendices lettered A, B, C… without gaps.
  const letters = document.clauses.map((c) => appendixLetter(c.id)).filter((l): l is string => Boolean(l)).sort();
  if (letters.length) {
    const last = letters[letters.length - 1].charCodeAt(0);
    for (let code = 'A'.charCodeAt(0); code < last; code++) {
      const letter = String.fromCharCode(code);
      if (!letters.includes(letter)) {
        const listed = document.contents.find((e) => e.id === `Appendix ${letter}`);
        issues.push({
          severity: 'warning', line: listed?.line ?? 0,
          message: `Appendix ${letter} is missing${listed ? ` (listed in the contents as "${listed.title}", but the document has no text for it)` : ''}`,
        });
      }
    }
  }

  // Contents entries that the body does not have (other than appendices reported above).
  for (const entry of document.contents) {
    if (byId.has(entry.id)) {
      const body = byId.get(entry.id);
      const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
      if (body && norm(body.section.title) !== norm(entry.title) && norm(body.title) !== norm(entry.title)) {
        issues.push({ severity: 'warning', line: entry.line, message: `contents says ${entry.id} is "${entry.title}", the body says "${body.title}"` });
      }
      continue;
    }
    if (appendixLetter(entry.id) && letters.length && entry.id.charCodeAt(9) < letters[letters.length - 1].charCodeAt(0)) continue;
    issues.push({ severity: 'warning', line: entry.line, message: `${entry.id} "${entry.title}" is listed in the contents but the document has no text for it` });
  }

  if (!document.clauses.some((c) => c.kind !== 'heading' && c.text.trim())) {
    issues.push({ severity: 'error', line: 0, message: 'no clauses found: is this a policy in the expected Markdown format?' });
  }

  issues.sort((a, b) => a.line - b.line);
  return {
    document,
    issues,
    errors: issues.filter((i) => i.severity === 'error').length,
    warnings: issues.filter((i) => i.severity === 'warning').length,
    counts: {
      sections: document.sections.filter((s) => !s.id.startsWith('Appendix')).length,
      clauses: document.clauses.filter((c) => c.kind === 'clause').length,
      appendices: document.clauses.filter((c) => c.kind === 'appendix').length,
    },
  };
}

/** Human-readable report for the CLI. */
export function formatCheckReport(report: CheckReport): string {
  const { document, counts } = report;
  const lines = [
    `${document.source}: "${document.title}"`,
    `  ${counts.sections} sections, ${counts.clauses} clauses, ${counts.appendices} appendices`,
  ];
  for (const issue of report.issues) {
    lines.push(`  ${issue.severity === 'error' ? 'error  ' : 'warning'} ${issue.line ? `line ${issue.line}: ` : ''}${issue.message}`);
  }
  lines.push(report.errors
    ? `  ${report.errors} error(s), ${report.warnings} warning(s): fix the errors before loading this document`
    : `  OK: no errors, ${report.warnings} warning(s)`);
  return lines.join('\n');
}
