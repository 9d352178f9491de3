/**
 * `trustline outbox [--all] [--json]`: why an alert has not arrived. Lists pending outbox
 * entries that have failed (parked after a permanent failure, or retrying), or every pending
 * entry with --all: reference, work, state, attempts, last error class and status, next try.
 * Entries hold a reference and a work type only, so nothing here is personal data.
 * Exit codes: 0 done, 2 usage or configuration problem.
 */
import type { CliCommand, CliIo } from '../io';
import { parseArgs } from '../io';
import { ConfigError } from '../../config';
import { withStore, table } from '../store';
import { pending, completed, OutboxEntry } from '../../domain/outbox/outbox';
import { formatLocal } from '../../domain/reports/time';

export const USAGE = `Usage:
  trustline outbox [--all] [--json]
      Alerts and notifications not delivered yet: parked (a permanent failure, e.g. the bot was
      removed from the channel; retried at the longest backoff) and retrying (a temporary failure).
      --all also lists entries simply waiting their turn or being delivered now.`;

export type OutboxState = 'parked' | 'retrying' | 'delivering' | 'waiting';

export function stateOf(e: OutboxEntry, now: Date): OutboxState {
  if (e.lease && e.lease.until > now.toISOString()) return 'delivering';
  if (e.lastError?.reason === 'permanent') return 'parked';
  if (e.attempts > 0 || e.lastError) return 'retrying';
  return 'waiting';
}

/** One entry as shown: the reference and work type, never message text. */
export function outboxRow(e: OutboxEntry, now: Date) {
  const w = e.work;
  return {
    id: e.id,
    ref: w.ref,
    work: w.type === 'reporter.notify' ? `${w.type}:${w.event}` : w.type === 'report.escalate' ? `${w.type}:${w.reason}` : w.type,
    state: stateOf(e, now),
    attempts: e.attempts,
    createdAt: e.createdAt,
    nextTryAt: e.dueAt,
    lastError: e.lastError ? { at: e.lastError.at, status: e.lastError.status ?? null, reason: e.lastError.reason } : null,
  };
}

async function run(args: string[], io: CliIo): Promise<number> {
  const p = parseArgs(args);
  const unknown = typeof p === 'string' ? undefined : [...p.flags.keys()].find((f) => !['all', 'json'].includes(f));
  const problem = typeof p === 'string' ? p : p.positional.length ? `unexpected "${p.positional[0]}"` : unknown ? `unknown option --${unknown}` : undefined;
  if (problem || typeof p === 'string') {
    io.err(`${problem}\n${USAGE}`);
    return 2;
  }
  try {
    return await withStore(io, async (store, _directory, config) => {
      const now = new Date();
      const entries = (await pending(store)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      const rows = entries.map((e) => outboxRow(e, now)).filter((r) => p.flags.has('all') || r.state === 'parked' || r.state === 'retrying');
      if (p.flags.has('json')) {
        io.out(JSON.stringify(rows, null, 2));
        return 0;
      }
      const done = (await completed(store)).length;
      const tz = config.triage.timeZone;
      if (rows.length) {
        io.out(table([
          ['REFERENCE', 'WORK', 'STATE', 'ATTEMPTS', 'LAST ERROR', 'NEXT TRY', 'QUEUED'],
          ...rows.map((r) => [
            r.ref, r.work, r.state, String(r.attempts),
            r.lastError ? `${r.lastError.reason}${r.lastError.status ? ` ${r.lastError.status}` : ''} at ${formatLocal(r.lastError.at, tz)}` : '-',
            formatLocal(r.nextTryAt, tz), formatLocal(r.createdAt, tz),
          ]),
        ]));
      }
      const parked = rows.filter((r) => r.state === 'parked').length;
      io.out(`${parked} parked, ${rows.filter((r) => r.state === 'retrying').length} retrying, ${entries.length} pending in all; ${done} delivered.`);
      if (parked) io.out('Parked entries usually mean the bot cannot post to that channel or chat (removed, or the channel deleted): add the app back to the team and have a trust admin type "link <school>" in the channel; parked entries are retried at the longest backoff.');
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
  name: 'outbox',
  summary: 'alerts not delivered yet: parked and retrying entries (outbox [--all] [--json])',
  usage: USAGE,
  run,
};
