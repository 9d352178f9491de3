/**
 * `trustline audit REF [--json]`: a report's chronology (filed, every view, action and refusal,
 * the school's exports since it was filed, earlier reads of this trail).
 * `trustline audit --person ID [--json]`: everything one person did (an Entra object id, or
 * `cli:NAME` for an admin at the CLI), and every earlier read of their trail or their data.
 * Each run is audited first; if that write fails nothing is shown (exit 1).
 * Entries hold ids and outcomes only, never report text. Exit codes: 0 done, 1 not found or
 * audit failed, 2 usage or configuration problem.
 */
import os from 'node:os';
import type { CliCommand, CliIo } from '../io';
import { parseArgs } from '../io';
import { ConfigError } from '../../config';
import { withStore, table } from '../store';
import { ReportRepository, isRef } from '../../domain/reports/repository';
import { auditRead, personTrail, reportChronology, AuditRow } from '../../domain/records/auditLog';
import { formatLocal } from '../../domain/reports/time';

export const USAGE = `Usage:
  trustline audit REF [--json]
      A report's chronology: filed, viewed, every action and refusal, the school's exports since.
  trustline audit --person ID [--json]
      Everything one person did (Entra object id, or cli:NAME for an admin), across reports.
  Each run is itself audited.`;

export const cliActor = (): string => `cli:${os.userInfo().username}`;

function print(io: CliIo, rows: AuditRow[], tz: string): void {
  if (!rows.length) {
    io.out('No audit entries.');
    return;
  }
  io.out(table([
    ['WHEN', 'WHO', 'ACTION', 'OUTCOME', 'REPORT', 'SCHOOL', 'DETAIL'],
    ...rows.map((r) => [formatLocal(r.at, tz), r.actor, r.action, r.outcome, r.ref ?? '-', r.schoolId ?? '-', r.detail ?? '']),
  ]));
  io.out(`${rows.length} entr${rows.length === 1 ? 'y' : 'ies'}.`);
}

async function run(args: string[], io: CliIo): Promise<number> {
  const p = parseArgs(args, ['person']);
  const unknown = typeof p === 'string' ? undefined : [...p.flags.keys()].find((f) => !['person', 'json'].includes(f));
  const person = typeof p === 'string' ? undefined : p.flags.get('person')?.[0];
  const problem = typeof p === 'string' ? p
    : unknown ? `unknown option --${unknown}`
      : person !== undefined ? (p.positional.length ? 'give a reference or --person, not both' : undefined)
        : p.positional.length !== 1 ? 'give one reference (e.g. PC-2026-0042) or --person ID' : undefined;
  if (problem || typeof p === 'string') {
    io.err(`${problem}\n${USAGE}`);
    return 2;
  }
  const ref = person === undefined ? p.positional[0].toUpperCase() : undefined;
  if (ref !== undefined && !isRef(ref)) {
    io.err(`"${p.positional[0]}" is not a report reference (like PC-2026-0042)`);
    return 2;
  }
  try {
    return await withStore(io, async (store, _directory, config) => {
      const tz = config.triage.timeZone;
      const actor = cliActor();
      let rows: AuditRow[];
      if (ref) {
        const got = await new ReportRepository(store).get(ref);
        rows = await reportChronology(store, ref, got?.report.schoolId, got?.report.submittedAt);
        if (!got && !rows.length) {
          io.err(`No report ${ref} and no audit entries for it.`);
          return 1;
        }
      } else {
        rows = await personTrail(store, person!);
      }
      // Read first, then audited, then shown: a read that cannot be audited shows nothing.
      try {
        await auditRead(store, { at: new Date(), actor, action: 'audit.read', ref, person });
      } catch (err) {
        io.err(`The audit trail was not shown: reading it could not be audited (${(err as Error).message}).`);
        return 1;
      }
      if (p.flags.has('json')) io.out(JSON.stringify(rows, null, 2));
      else print(io, rows, tz);
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
  name: 'audit',
  summary: 'audit trail: audit REF (a report\'s chronology), audit --person ID',
  usage: USAGE,
  run,
};
