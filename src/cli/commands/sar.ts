/**
 * `trustline sar --person ID [--name NAME]... [--out DIR]`: a subject access export of
 * everything held about one person (src/domain/records/subjectAccess.ts), written as JSON and
 * as a readable text file into DIR (default: the current directory), both readable by the
 * owner only. The export is audited before it is written; if that fails nothing is written.
 * Standard output gives the file paths and counts only, never the personal data.
 * Exit codes: 0 done, 1 audit failed, 2 usage or configuration problem.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CliCommand, CliIo } from '../io';
import { parseArgs } from '../io';
import { ConfigError } from '../../config';
import { withStore } from '../store';
import { loadKinds } from '../../domain/reports/kinds';
import { auditRead } from '../../domain/records/auditLog';
import { subjectAccess, subjectAccessText } from '../../domain/records/subjectAccess';
import { cliActor } from './audit';

export const USAGE = `Usage:
  trustline sar --person ID [--name "FULL NAME"]... [--out DIR]
      Everything held about one person (Entra object id): reports they filed, reports naming
      them, their triage actions and views, audit entries, unfinished drafts. Typed names are
      matched by --name (repeatable) and by the name Teams gave when they reported.
      Writes sar-ID-DATE.json and sar-ID-DATE.txt into DIR (default: current directory).
      The export is audited.`;

async function run(args: string[], io: CliIo): Promise<number> {
  const p = parseArgs(args, ['person', 'out'], ['name']);
  const unknown = typeof p === 'string' ? undefined : [...p.flags.keys()].find((f) => !['person', 'out', 'name'].includes(f));
  const person = typeof p === 'string' ? undefined : p.flags.get('person')?.[0];
  const problem = typeof p === 'string' ? p
    : unknown ? `unknown option --${unknown}`
      : p.positional.length ? `unexpected "${p.positional[0]}"`
        : !person ? '--person ID is required' : !/^[A-Za-z0-9:._@-]{1,200}$/.test(person) ? '--person must be an Entra object id' : undefined;
  if (problem || typeof p === 'string' || !person) {
    io.err(`${problem}\n${USAGE}`);
    return 2;
  }
  const outDir = path.resolve(p.flags.get('out')?.[0] ?? '.');
  if (!fs.existsSync(outDir) || !fs.statSync(outDir).isDirectory()) {
    io.err(`--out ${outDir} is not a directory`);
    return 2;
  }
  try {
    return await withStore(io, async (store, _directory, config) => {
      const now = new Date();
      const x = await subjectAccess(store, loadKinds(config.reportKindsDir), { aadObjectId: person, names: p.flags.get('name') ?? [], now });
      try {
        await auditRead(store, { at: now, actor: cliActor(), action: 'sar.export', person });
      } catch (err) {
        io.err(`Nothing was written: the export could not be audited (${(err as Error).message}).`);
        return 1;
      }
      const base = path.join(outDir, `sar-${person.replace(/[^A-Za-z0-9-]/g, '_')}-${now.toISOString().slice(0, 10)}`);
      fs.writeFileSync(`${base}.json`, `${JSON.stringify(x, null, 2)}\n`, { mode: 0o600 });
      fs.writeFileSync(`${base}.txt`, subjectAccessText(x), { mode: 0o600 });
      io.out(`Wrote ${base}.json and ${base}.txt`);
      io.out(`${x.asReporter.length} filed, ${x.namedIn.length} naming them, ${x.asTriager.length} triaged, ${x.asViewer.length} views, ${x.auditEntries.length} audit entries, ${x.drafts.length} drafts.`);
      io.out('Review before release: name matches can miss or over-match, and reports hold other people\'s data.');
      return 0;
    });
  } catch (err) {
    if (err instanceof ConfigError) {
      io.err(err.message);
      return 2;
    }
    throw err;
  }
}

export const command: CliCommand = {
  name: 'sar',
  summary: 'subject access export: sar --person ID [--name NAME] [--out DIR] (JSON and text)',
  usage: USAGE,
  run,
};
