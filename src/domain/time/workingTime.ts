/**
 * Working time: triage deadlines count only working minutes (working days, working hours, in
 * the trust's time zone, optionally only in term), so an alert filed on Friday evening is due
 * on Monday morning, not at midnight. Time zone arithmetic uses Intl only (no dependency):
 * local wall-clock times are converted to instants by measuring the zone's offset, which also
 * gets the British clock changes right.
 */
import fs from 'node:fs';
import type { TriageTimeConfig, Weekday } from '../../config';
import { WEEKDAYS } from '../../config';

export interface LocalDate { year: number; month: number; day: number }

export interface TermDates {
  /** Inclusive date ranges (YYYY-MM-DD) when schools are open. */
  terms: { from: string; to: string }[];
  /** Single days closed within terms (INSET days, bank holidays). */
  closures: string[];
}

export class TermDatesError extends Error {}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDate(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  const m = DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

export function parseTermDates(raw: unknown, where = 'term dates'): TermDates {
  const v = raw as { terms?: unknown; closures?: unknown };
  if (!v || typeof v !== 'object' || !Array.isArray(v.terms)) throw new TermDatesError(`${where}: expected {"terms": [{"from": "YYYY-MM-DD", "to": "YYYY-MM-DD"}], "closures": ["YYYY-MM-DD"]}`);
  const terms = v.terms.map((t: { from?: unknown; to?: unknown }, i: number) => {
    if (!validDate(t?.from) || !validDate(t?.to)) throw new TermDatesError(`${where}: term ${i + 1} needs "from" and "to" as YYYY-MM-DD dates`);
    if (t.from > t.to) throw new TermDatesError(`${where}: term ${i + 1} ends (${t.to}) before it starts (${t.from})`);
    return { from: t.from, to: t.to };
  });
  const closures = v.closures === undefined ? [] : v.closures;
  if (!Array.isArray(closures) || !closures.every(validDate)) throw new TermDatesError(`${where}: "closures" must be a list of YYYY-MM-DD dates`);
  return { terms, closures: closures as string[] };
}

export function loadTermDates(file: string): TermDates {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new TermDatesError(`Cannot read TERM_DATES_FILE ${file}: ${(err as Error).message}`);
  }
  return parseTermDates(raw, `TERM_DATES_FILE ${file}`);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface ZonedParts extends LocalDate { hour: number; minute: number; second: number; weekday: Weekday }

/** The wall-clock reading of an instant in a time zone. */
export function zonedParts(instant: Date, timeZone: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const p of partsFormatter(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  return {
    year: Number(parts.year), month: Number(parts.month), day: Number(parts.day),
    hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second),
    weekday: parts.weekday as Weekday,
  };
}

/** Milliseconds the zone is ahead of UTC at an instant. */
function offsetMs(instant: Date, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant when the zone's clocks read `minuteOfDay` on `date`. In the spring gap (a time
 * that does not exist) this gives the instant just after it; in the autumn overlap, the first.
 */
export function zonedTime(date: LocalDate, minuteOfDay: number, timeZone: string): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, 0, minuteOfDay);
  const day = 86_400_000;
  // The zone's offset a day either side covers any clock change on this date.
  const candidates = [...new Set([wall - offsetMs(new Date(wall - day), timeZone), wall - offsetMs(new Date(wall + day), timeZone)])];
  const reads = (t: number) => {
    const p = zonedParts(new Date(t), timeZone);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) === wall;
  };
  const valid = candidates.filter(reads);
  return new Date(valid.length ? Math.min(...valid) : Math.max(...candidates));
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function isoDate(date: LocalDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

function weekdayOf(date: LocalDate): Weekday {
  const js = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay(); // 0 = Sunday
  return WEEKDAYS[(js + 6) % 7];
}

/** Longest run of non-working days we will step over before deciding the calendar is empty. */
const MAX_DAYS = 800;

export class WorkCalendar {
  private readonly closures: Set<string>;

  constructor(private readonly config: Pick<TriageTimeConfig, 'timeZone' | 'workDays' | 'workStartMinute' | 'workEndMinute'>, private readonly termDates?: TermDates) {
    this.closures = new Set(termDates?.closures ?? []);
  }

  get timeZone(): string {
    return this.config.timeZone;
  }

  isWorkingDay(date: LocalDate): boolean {
    if (!this.config.workDays.includes(weekdayOf(date))) return false;
    const iso = isoDate(date);
    if (this.closures.has(iso)) return false;
    if (this.termDates) return this.termDates.terms.some((t) => t.from <= iso && iso <= t.to);
    return true;
  }

  /** Whether an instant falls inside working hours on a working day. */
  isWorkingTime(instant: Date): boolean {
    const p = zonedParts(instant, this.config.timeZone);
    if (!this.isWorkingDay(p)) return false;
    const start = zonedTime(p, this.config.workStartMinute, this.config.timeZone).getTime();
    const end = zonedTime(p, this.config.workEndMinute, this.config.timeZone).getTime();
    return instant.getTime() >= start && instant.getTime() < end;
  }

  /**
   * The instant `minutes` working minutes after `start`. Time outside working hours does not
   * count, so a report filed at 16:30 with 60 minutes to go is due at 08:30 the next working day.
   */
  addWorkingMinutes(start: Date, minutes: number): Date {
    if (!(minutes > 0)) return new Date(start);
    const tz = this.config.timeZone;
    let remaining = minutes * 60_000;
    let t = start.getTime();
    let date: LocalDate = zonedParts(start, tz);
    for (let i = 0; i < MAX_DAYS; i++) {
      if (this.isWorkingDay(date)) {
        const dayStart = zonedTime(date, this.config.workStartMinute, tz).getTime();
        const dayEnd = zonedTime(date, this.config.workEndMinute, tz).getTime();
        const from = Math.max(t, dayStart);
        if (from < dayEnd) {
          if (remaining <= dayEnd - from) return new Date(from + remaining);
          remaining -= dayEnd - from;
        }
      }
      date = addDays(date, 1);
      t = zonedTime(date, 0, tz).getTime();
    }
    throw new TermDatesError(`No working time in the ${MAX_DAYS} days after ${start.toISOString()}: check WORK_DAYS and TERM_DATES_FILE`);
  }
}

const displayFormatters = new Map<string, Intl.DateTimeFormat>();

/** "Wed 25 Nov 2026, 09:00" in the trust's zone, for cards and CSV. */
export function formatLocal(instant: Date | string, timeZone: string): string {
  let f = displayFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    displayFormatters.set(timeZone, f);
  }
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  return Number.isNaN(d.getTime()) ? '' : f.format(d);
}
