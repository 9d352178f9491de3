/**
 * `trustline purge [--dry-run] [--json]`: runs the retention purge now (the server also runs it
 * daily): closed reports past their class's retention (config/retention.json) are removed and
 * tombstoned, delivered outbox entries and expired drafts trimmed. Open reports are never
 * purged. Prints references, kinds and dates only. Exit codes: 0 done, 2 usage or configuration.
 */
import type { CliCommand, CliIo } from '../io';
import { parseArgs } from '../io';
import { ConfigError } from '../../config';
import { withStore } from '../store';
import { loadRetentionSchedule, RecordsPurge } from '../../domain/records/retention';
import { cliActor } from './audit';

export const USAGE = `Usage:
  trustline purge [--dry-run] [--json]
      Removes closed reports past their retention (config/retention.json, docs/SECURITY.md),
      leaving a tombstone (reference, kind, dates, who purged); trims delivered outbox entries
      and expired drafts. Open reports are never purged. --dry-run lists what would go.`;

async function run(args: string[], io: CliIo): Promise<number> {
  const p = parseArgs(args);
  const unknown = typeof p === 'string' ? undefined : [...p.flags.keys()].find((f) => !['dry-run', 'json'].includes(f));
  const problem = typeof p === 'string' ? p : unknown ? `unknown option --${unknown}` : p.positional.length ? `unexpected "${p.positional[0]}"` : undefined;
  if (problem || typeof p === 'string') {
    io.err(`${problem}\n${USAGE}`);
    return 2;
  }
  const dryRun = p.flags.has('dry-run');
  try {
    return await withStore(io, async (store, _directory, config) => {
      const result = await new RecordsPurge(store, loadRetentionSchedule(config.retentionFile), () => new Date(), cliActor()).run(dryRun);
      if (p.flags.has('json')) {
        io.out(JSON.stringify({ dryRun, ...result }, null, 2));
        return 0;
      }
      const verb = dryRun ? 'Would purge' : 'Purged';
      for (const t of result.reports) io.out(`${verb} ${t.ref}  ${t.kind}  (${t.retentionClass}; submitted ${t.submittedAt.slice(0, 10)}, closed ${t.closedAt.slice(0, 10)})`);
      io.out(`${verb} ${result.reports.length} report(s), ${result.outboxDone} delivered outbox entr${result.outboxDone === 1 ? 'y' : 'ies'}, ${result.drafts} expired draft(s). Kept: ${result.kept.open} open, ${result.kept.notYetDue} closed but not yet due, ${result.kept.noSchedule} with no retention schedule.`);
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
  name: 'purge',
  summary: 'retention purge: purge [--dry-run] [--json]',
  usage: USAGE,
  run,
};
