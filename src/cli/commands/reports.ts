/**
 * `trustline reports list [--school S] [--from DATE] [--to DATE] [--json]` and
 * `trustline reports show REF [--json]`: filed reports for admins, read from the configured
 * store (the same TRUSTLINE_DATA_DIR or Azure tables as the server). `list` shows no personal
 * data; `show` prints the whole report, and each show is written to the report's audit trail.
 * Exit codes: 0 done, 1 not found, 2 usage or configuration problem.
 */
import os from 'node:os';
import type { CliCommand, CliIo } from '../io';
import { parseArgs } from '../io';
import { loadConfig, ConfigError, Config } from '../../config';
import { createStore } from '../../storage/createStore';
import { readingFrom } from '../storeName';
import type { RecordStore } from '../../storage/recordStore';
import { Directory, loadDirectorySeed } from '../../domain/directory/directory';
import { loadKinds } from '../../domain/reports/kinds';
import { ReportRepository, isRef } from '../../domain/reports/repository';
import { reportDetails } from '../../domain/reports/present';
import { auditPartition, AuditEntry } from '../../domain/reports/filing';
import { formatLocal, isCalendarDate, fromLocal, toLocal } from '../../domain/reports/time';
import type { Report } from '../../domain/reports/types';

export const USAGE = `Usage:
  trustline reports list [--school SCHOOL] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]
      Filed reports, oldest first: reference, kind, school, status, priority, submitted.
      --school takes a school id or name; --from/--to are days (inclusive) in the trust's time zone (WORK_TIMEZONE).
  trustline reports show REF [--json]
      One report in full, including personal data (the view is audited).`;

/** Summary of a report without personal data (for `list`). */
export function reportSummary(r: Report) {
  return {
    ref: r.ref, kind: r.kind, kindTitle: r.kindTitle, schoolId: r.schoolId, status: r.status, priority: r.priority,
    submittedAt: r.submittedAt, happenedAt: r.happenedAt, source: r.source, concernsTriager: r.concernsTriager,
  };
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd()).join('\n');
}

async function withStore<T>(io: CliIo, work: (store: RecordStore, directory: Directory, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig(io.env);
  io.err(readingFrom(config));
  const store = await createStore(config);
  try {
    return await work(store, new Directory(store, loadDirectorySeed(config.directoryFile)), config);
  } finally {
    await store.close();
  }
}

function unknownFlag(flags: Map<string, string[]>, known: string[]): string | undefined {
  const bad = [...flags.keys()].find((f) => !known.includes(f));
  return bad ? `unknown option --${bad}` : undefined;
}

/** A YYYY-MM-DD day's start in the trust's time zone; null (after saying why) if not a date. */
function day(text: string | undefined, io: CliIo, name: string, timeZone: string): Date | undefined | null {
  if (text === undefined) return undefined;
  if (!isCalendarDate(text)) {
    io.err(`--${name} must be a date like 2026-11-25 (got "${text}")`);
    return null;
  }
  return fromLocal(text, '00:00', timeZone);
}

async function list(args: string[], io: CliIo): Promise<number> {
  const p = parseArgs(args, ['school', 'from', 'to']);
  const problem = typeof p === 'string' ? p : p.positional.length ? `unexpected "${p.positional[0]}"` : unknownFlag(p.flags, ['school', 'from', 'to', 'json']);
  if (problem || typeof p === 'string') {
    io.err(`${problem}\n${USAGE}`);
    return 2;
  }
  const flag = (name: string) => p.flags.get(name)?.[0];
  const schoolText = flag('school');
  return withStore(io, async (store, directory, config) => {
    const tz = config.triage.timeZone;
    const from = day(flag('from'), io, 'from', tz);
    const toDay = day(flag('to'), io, 'to', tz);
    if (from === null || toDay === null) return 2;
    // The day after --to, at local midnight (a day is not always 24 hours).
    const to = toDay ? fromLocal(toLocal(new Date(toDay.getTime() + 36 * 3_600_000), tz).date, '00:00', tz) : undefined;
    const repo = new ReportRepository(store);
    let reports: Report[];
    if (schoolText !== undefined) {
      const school = directory.findSchool(schoolText);
      if (!school) {
        io.err(`No school matches "${schoolText}". Schools: ${(await directory.listSchools()).map((s) => s.id).join(', ')}`);
        return 2;
      }
      reports = await repo.listBySchool(school.id, { from, to });
    } else {
      reports = (await repo.listAll()).filter((r) => (!from || r.submittedAt >= from.toISOString()) && (!to || r.submittedAt < to.toISOString()));
    }
    if (p.flags.has('json')) {
      io.out(JSON.stringify(reports.map(reportSummary), null, 2));
      return 0;
    }
    if (!reports.length) {
      io.out('No reports.');
      return 0;
    }
    io.out(table([
      ['REFERENCE', 'KIND', 'SCHOOL', 'STATUS', 'PRIORITY', 'SUBMITTED'],
      ...reports.map((r) => [r.ref, r.kind, r.schoolId, r.status, r.priority, formatLocal(r.submittedAt, tz)]),
    ]));
    io.out(`${reports.length} report${reports.length === 1 ? '' : 's'}.`);
    return 0;
  });
}

async function show(args: string[], io: CliIo): Promise<number> {
  const p = parseArgs(args);
  const problem = typeof p === 'string' ? p : p.positional.length !== 1 ? 'give one reference, e.g. PC-2026-0042' : unknownFlag(p.flags, ['json']);
  if (problem || typeof p === 'string') {
    io.err(`${problem}\n${USAGE}`);
    return 2;
  }
  const ref = p.positional[0].toUpperCase();
  if (!isRef(ref)) {
    io.err(`"${p.positional[0]}" is not a report reference (like PC-2026-0042)`);
    return 2;
  }
  return withStore(io, async (store, directory, config) => {
    const tz = config.triage.timeZone;
    const got = await new ReportRepository(store).get(ref);
    if (!got) {
      io.err(`No report ${ref}.`);
      return 1;
    }
    const now = new Date().toISOString();
    const who = `cli:${os.userInfo().username}`;
    const audit: AuditEntry = { at: now, action: 'report.viewed', byAadObjectId: who, ref };
    // Audited first, or not shown: a view that cannot be recorded must not happen.
    try {
      await store.insert('audit', auditPartition(ref), `${now}|report.viewed|${who}`, audit);
    } catch {
      io.err(`Could not record this view of ${ref} in the audit trail, so it is not shown. Try again; if it persists, check the store.`);
      return 1;
    }
    if (p.flags.has('json')) {
      io.out(JSON.stringify(got.report, null, 2));
      return 0;
    }
    const schools = (await directory.listSchools()).map((s) => ({ id: s.id, name: s.name }));
    const lines = reportDetails(got.report, loadKinds(config.reportKindsDir), tz, schools);
    const width = Math.min(32, Math.max(...lines.map((l) => l.label.length)));
    for (const l of lines) {
      const [first, ...rest] = l.value.split('\n');
      io.out(`${l.label.padEnd(width)}  ${first}`);
      for (const more of rest) io.out(`${''.padEnd(width)}  ${more}`);
    }
    io.out('History:');
    for (const h of got.report.history) io.out(`  ${formatLocal(h.at, tz)}  ${h.action}${h.detail ? `: ${h.detail}` : ''}  (${h.byAadObjectId})`);
    return 0;
  });
}

/** Runs `trustline reports ...`; returns the exit code. */
async function run(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  try {
    if (sub === 'list') return await list(rest, io);
    if (sub === 'show') return await show(rest, io);
    io.err(`${sub === undefined ? 'say list or show' : `unknown command "reports ${sub}"`}\n${USAGE}`);
    return 2;
  } catch (err) {
    if (err instanceof ConfigError) {
      io.err(err.message);
      return 2;
    }
    throw err;
  }
}

export const command: CliCommand = {
  name: 'reports',
  summary: 'filed reports: reports list [--school S] [--json], reports show REF',
  usage: USAGE,
  run,
};
