/**
 * Turns a policy written as Markdown into clauses. The format is what a trust's policy looks like
 * once pasted into Markdown, so an admin can replace the file without learning anything new:
 *
 *   # Title
 *   ## Contents                      (optional; "- 7. Social Media" entries, checked against the body)
 *   ## 7. Social Media               (a section)
 *   ### 7.6. Staff Conduct on ...    (a numbered subsection heading)
 *   7.6.15. Colleagues must not ...  (a clause: a paragraph starting with its number)
 *   - a bullet                       (belongs to the clause above it)
 *   ## Appendix C – Title            (an appendix: everything under it is its text)
 *
 * Lines are kept exactly (quotes must be verbatim); the parser never rewrites the policy's words.
 */
import path from 'node:path';
import type { Clause, ContentsEntry, ParseIssue, PolicyDocument } from './model';

export interface ParseResult {
  document: PolicyDocument;
  issues: ParseIssue[];
}

const SECTION = /^(\d+)\.?\s+(\S.*)$/;
const APPENDIX = /^Appendix\s+([A-Z0-9]+)\s*[–—:-]?\s*(.*)$/i;
const NUMBERED = /^(\d+(?:\.\d+)+)\.?\s+(\S.*)$/;
const NUMBERED_EMPTY = /^(\d+(?:\.\d+)+)\.?\s*$/;
const BULLET = /^\s*(?:[-*+]|\d+[.)])\s+/;
const DASH_BULLET = /^\s*[-*+]\s+/;
const CONTENTS = /^(table of )?contents$/i;

export function documentIdFromPath(file: string): string {
  return path.basename(file).replace(/\.[^.]+$/, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'policy';
}

function parentOf(id: string): string | undefined {
  const dot = id.lastIndexOf('.');
  return dot === -1 ? undefined : id.slice(0, dot);
}

export function parsePolicy(markdown: string, options: { source: string; id?: string }): ParseResult {
  const id = options.id ?? documentIdFromPath(options.source);
  const issues: ParseIssue[] = [];
  const clauses: Clause[] = [];
  const contents: ContentsEntry[] = [];
  const sections: PolicyDocument['sections'] = [];
  let title = '';

  type Mode = 'preamble' | 'contents' | 'section' | 'appendix' | 'unknown';
  let mode: Mode = 'preamble';
  let section: { id: string; title: string } | undefined;
  let subTitle: string | undefined;
  let current: Clause | undefined;
  let inComment = false;
  let previousBlank = true;

  const lines = markdown.replace(/^\uFEFF/, '').split(/\r?\n/);
  const append = (clause: Clause, line: string) => {
    clause.text = clause.text ? `${clause.text}\n${line}` : line;
  };

  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const line = raw.replace(/\s+$/, '');
    const blank = line.trim() === '';

    // HTML comments are notes for the admin, not policy text.
    if (inComment) {
      if (line.includes('-->')) inComment = false;
      previousBlank = true;
      return;
    }
    if (line.trimStart().startsWith('<!--')) {
      if (!line.includes('-->')) inComment = true;
      previousBlank = true;
      return;
    }
    if (blank) {
      previousBlank = true;
      return;
    }

    const heading = /^(#{1,6})\s+(.*?)\s*#*$/.exec(line);
    if (heading) {
      const level = heading[1].length;
      const text = heading[2].trim();
      current = undefined;
      if (level === 1) {
        if (!title) title = text;
        else issues.push({ severity: 'warning', line: lineNo, message: `second document title "${text}" ignored` });
        mode = 'preamble';
      } else if (level === 2) {
        subTitle = undefined;
        const appendix = APPENDIX.exec(text);
        const numbered = SECTION.exec(text);
        if (CONTENTS.test(text)) {
          mode = 'contents';
        } else if (appendix) {
          const appendixId = `Appendix ${appendix[1].toUpperCase()}`;
          section = { id: appendixId, title: appendix[2].trim() || appendixId };
          sections.push({ ...section, line: lineNo });
          current = { id: appendixId, docId: id, section, title: section.title, text: '', kind: 'appendix', line: lineNo };
          clauses.push(current);
          mode = 'appendix';
        } else if (numbered) {
          section = { id: numbered[1], title: numbered[2].trim() };
          sections.push({ ...section, line: lineNo });
          clauses.push({ id: section.id, docId: id, section, title: section.title, text: '', kind: 'heading', line: lineNo });
          mode = 'section';
        } else {
          issues.push({ severity: 'error', line: lineNo, message: `section heading "${text.slice(0, 80)}" has no number (expected "## 7. Title" or "## Appendix C – Title")` });
          mode = 'unknown';
        }
      } else if (mode === 'appendix' && section) {
        // A sub-heading inside an appendix is part of the appendix's text.
        current = clauses[clauses.length - 1];
        append(current, text);
      } else if (mode === 'section' && section) {
        const numbered = NUMBERED.exec(text);
        if (numbered) {
          subTitle = numbered[2].trim();
          clauses.push({ id: numbered[1], docId: id, section, title: subTitle, text: '', parent: parentOf(numbered[1]), kind: 'heading', line: lineNo });
        } else {
          subTitle = text;
          issues.push({ severity: 'warning', line: lineNo, message: `subsection heading "${text.slice(0, 80)}" has no number` });
        }
      } else {
        issues.push({ severity: 'error', line: lineNo, message: `heading "${text.slice(0, 80)}" is outside any section` });
      }
      previousBlank = true;
      return;
    }

    if (mode === 'contents') {
      // "- 7. Social Media ..... 8": the bullet, leader dots and page number are layout.
      const entry = line.replace(DASH_BULLET, '').trim().replace(/(?:\s*\.{2,}\s*|\s+)\d+$/, '').replace(/\.+$/, '');
      const appendix = APPENDIX.exec(entry);
      const numbered = SECTION.exec(entry);
      if (appendix) contents.push({ id: `Appendix ${appendix[1].toUpperCase()}`, title: appendix[2].trim(), line: lineNo });
      else if (numbered) contents.push({ id: numbered[1], title: numbered[2].trim(), line: lineNo });
      else issues.push({ severity: 'warning', line: lineNo, message: `contents line not understood: "${line.trim().slice(0, 80)}"` });
      previousBlank = false;
      return;
    }

    if (mode === 'appendix' && current) {
      append(current, line);
      previousBlank = false;
      return;
    }

    if (mode === 'section' && section) {
      const trimmed = line.trim();
      const numbered = NUMBERED.exec(trimmed) ?? NUMBERED.exec(trimmed.replace(BULLET, ''));
      const startsClause = numbered && (previousBlank || !current || BULLET.test(trimmed));
      if (startsClause && numbered) {
        current = {
          id: numbered[1], docId: id, section, title: subTitle ?? section.title, text: numbered[2].trim(),
          parent: parentOf(numbered[1]), kind: 'clause', line: lineNo,
        };
        clauses.push(current);
      } else if (NUMBERED_EMPTY.test(trimmed)) {
        current = {
          id: trimmed.replace(/\.$/, ''), docId: id, section, title: subTitle ?? section.title, text: '',
          parent: parentOf(trimmed.replace(/\.$/, '')), kind: 'clause', line: lineNo,
        };
        clauses.push(current);
      } else if (current) {
        append(current, line);
      } else {
        issues.push({ severity: 'error', line: lineNo, message: `text before the first numbered clause of section ${section.id} is not part of any clause: "${trimmed.slice(0, 60)}"` });
      }
      previousBlank = false;
      return;
    }

    if (mode === 'preamble' || mode === 'unknown') {
      issues.push({ severity: 'error', line: lineNo, message: `line is not inside a numbered section: "${line.trim().slice(0, 60)}"` });
    }
    previousBlank = false;
  });

  if (!title) title = id.replace(/-/g, ' ');
  return { document: { id, title, source: options.source, sections, clauses, contents }, issues };
}
