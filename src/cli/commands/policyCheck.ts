/**
 * `trustline policy check FILE... [--json] [--strict]`: what an admin runs before loading a
 * revised policy: duplicate or missing clause numbers, empty clauses, unparsed lines, contents
 * entries with no text. Exit 0 when loadable (warnings allowed unless --strict), 1 with errors,
 * 2 when a file cannot be read.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { CliCommand, CliIo } from '../io';
import { parseArgs } from '../io';
import { parsePolicy } from '../../domain/policy/parser';
import { checkPolicy, formatCheckReport } from '../../domain/policy/checker';
import { loadKnowledgeBase } from '../../domain/policy/knowledgeBase';
import { ClauseClassifier } from '../../domain/policy/classifier';

/**
 * Clauses the learned classifier beside the policy (`.classifier.json`) was not trained on (new,
 * or their text changed): it gives them no say, so answers for them rank on wording alone until
 * it is retrained. Undefined when there is no classifier or the policy does not load.
 */
async function staleForClassifier(file: string): Promise<string[] | undefined> {
  try {
    const kb = await loadKnowledgeBase([file]);
    if (!kb.classifier) return undefined;
    const stale = new Set(new ClauseClassifier(kb.classifier, kb).stale);
    const known = new Set(kb.classifier.classes.map((c) => c.key));
    for (const c of kb.clauses) if (!known.has(`${c.docId}#${c.id}`)) stale.add(`${c.docId}#${c.id}`);
    return [...stale].map((key) => key.slice(key.indexOf('#') + 1));
  } catch {
    return undefined;
  }
}

/** Where an admin with a plain-text or Word-exported policy learns the expected layout. */
export const FORMAT_HINT = 'The expected Markdown format ("## 1. Title" sections, clauses starting with their number, "## Appendix A – Title") is described in docs/ANSWERS.md, section "The knowledge base".';

async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string' || !parsed.positional.length) {
    io.err(`${typeof parsed === 'string' ? `${parsed}\n` : ''}${command.usage}`);
    return 2;
  }
  const json = parsed.flags.has('json');
  const strict = parsed.flags.has('strict');
  let worst = 0;
  const reports = [];
  for (const file of parsed.positional) {
    let markdown: string;
    try {
      markdown = await fs.readFile(path.resolve(file), 'utf8');
    } catch (err) {
      io.err(`${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
      worst = 2;
      continue;
    }
    const report = checkPolicy(parsePolicy(markdown, { source: file }));
    if (!report.counts.clauses) io.err(`${file}: no numbered clauses found. ${FORMAT_HINT}`);
    if (report.errors || (strict && report.warnings)) worst = Math.max(worst, 1);
    const stale = await staleForClassifier(path.resolve(file));
    const note = stale?.length
      ? `learned classifier: ${stale.length} clause(s) new or changed since it was trained (${stale.slice(0, 10).join(', ')}${stale.length > 10 ? ', …' : ''}); it gives them no say, so they are found by wording alone until it is retrained (npm run train:classifier)`
      : undefined;
    if (json) reports.push({ file, errors: report.errors, warnings: report.warnings, counts: report.counts, issues: report.issues, ...(stale ? { classifierStale: stale } : {}) });
    else io.out(note ? `${formatCheckReport(report)}\n${note}` : formatCheckReport(report));
  }
  if (json) io.out(JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2));
  return worst;
}

export const command: CliCommand = {
  name: 'policy check',
  summary: 'check a policy file: duplicate or missing numbers, empty clauses, unparsed lines',
  usage: `Usage:
  trustline policy check FILE... [--json] [--strict]
      Exit 0: loadable (warnings allowed unless --strict); 1: errors; 2: unreadable file.`,
  run,
};
