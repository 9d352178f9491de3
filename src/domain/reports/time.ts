/**
 * Wall-clock time in the trust's time zone (Europe/London by default). Staff type dates and
 * times as they read them on the school clock; the store keeps UTC instants. Uses Intl only,
 * so it follows the platform's time-zone data (BST changes included) with no library.
 */

export const DEFAULT_TIME_ZONE = 'Europe/London';

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface LocalParts {
  /** YYYY-MM-DD */
  date: string;
  /** HH:mm */
  time: string;
  year: number;
}

/** The local date and time in `timeZone` of an instant. */
export function toLocal(instant: Date, timeZone = DEFAULT_TIME_ZONE): LocalParts {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(instant).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}`, year: Number(parts.year) };
}

/** Offset of `timeZone` from UTC at an instant, in ms (positive east of Greenwich). */
function offsetMs(t: number, timeZone: string): number {
  const p = Object.fromEntries(formatter(timeZone).formatToParts(new Date(t)).map((x) => [x.type, Number(x.value)]));
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(t / 1000) * 1000;
}

/**
 * The instant when the clocks in `timeZone` read `date` `time` (YYYY-MM-DD, HH:mm). In the
 * repeated hour of an autumn change the earlier instant is taken; a time skipped in spring
 * maps to the hour after.
 */
export function fromLocal(date: string, time: string, timeZone = DEFAULT_TIME_ZONE): Date {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  const target = `${date} ${time.slice(0, 5)}`;
  // The offset a day either side covers any single change; keep the candidates that read right.
  const before = wall - offsetMs(wall - 86_400_000, timeZone);
  const after = wall - offsetMs(wall + 86_400_000, timeZone);
  const valid = [before, after].filter((t) => toLocalKey(t, timeZone) === target).sort((a, b) => a - b);
  return new Date(valid[0] ?? before);
}

function toLocalKey(t: number, timeZone: string): string {
  const l = toLocal(new Date(t), timeZone);
  return `${l.date} ${l.time}`;
}

/** "25 Nov 2026, 09:00" in the trust's time zone (for cards and the CLI). */
export function formatLocal(iso: string, timeZone = DEFAULT_TIME_ZONE, withTime = true): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', {
    timeZone, day: 'numeric', month: 'short', year: 'numeric', ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
  }).format(d);
}

/** True if YYYY-MM-DD names a real calendar day. */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** True if HH:mm (or HH:mm:ss) is a time of day. */
export function isTimeOfDay(text: string): boolean {
  const m = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  return Boolean(m && Number(m[1]) < 24 && Number(m[2]) < 60 && Number(m[3] ?? 0) < 60);
}
