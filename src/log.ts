/**
 * Structured JSON logs, one line per event. Callers pass identifiers (references, activity
 * ids, event names), never personal data: no pupil or staff names, no report or message text.
 * `redact` strips keys that could carry personal data in case a caller slips.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
/**
 * Keys that carry personal data, matched exactly (case-insensitive), not as substrings: a
 * substring rule blanked `activityName` and `invokeName`, hiding which activity failed.
 */
export const PERSONAL_KEYS: ReadonlySet<string> = new Set([
  'name', 'displayname', 'givenname', 'surname', 'fullname', 'username', 'userprincipalname', 'upn',
  'pupil', 'pupilname', 'student', 'studentname', 'child', 'childname', 'reporter', 'reportername', 'subject', 'subjectname',
  'text', 'body', 'message', 'summary', 'quote', 'note', 'notes', 'comment', 'description', 'details', 'whathappened',
  'email', 'mail', 'phone', 'address', 'content', 'evidence', 'query', 'question', 'answer', 'value', 'fields',
]);
/** Bounds on any one logged value, so a hostile or runaway field cannot flood a log line. */
export const MAX_LOG_STRING = 200;
const MAX_KEYS = 40;
const MAX_KEY_LENGTH = 64;

function bound(v: unknown): string | number | boolean | null | undefined {
  if (v === null || v === undefined || typeof v === 'number' || typeof v === 'boolean') return v;
  // Objects and arrays are not logged whole (LogFields is flat); their size is what helps.
  const s = typeof v === 'string' ? v : Array.isArray(v) ? `[array(${v.length})]` : `[${typeof v}]`;
  return s.length > MAX_LOG_STRING ? `${s.slice(0, MAX_LOG_STRING)}…(${s.length})` : s;
}

export function redact(fields: LogFields): LogFields {
  const out: LogFields = {};
  let n = 0;
  for (const [k, v] of Object.entries(fields)) {
    if (++n > MAX_KEYS) {
      out.droppedKeys = Object.keys(fields).length - MAX_KEYS;
      break;
    }
    const key = k.length > MAX_KEY_LENGTH ? k.slice(0, MAX_KEY_LENGTH) : k;
    out[key] = PERSONAL_KEYS.has(k.toLowerCase()) ? '[redacted]' : bound(v);
  }
  return out;
}

export function createLogger(level: LogLevel, base: LogFields = {}, sink: (line: string) => void = (l) => process.stdout.write(l + '\n')): Logger {
  const threshold = ORDER[level];
  const emit = (lvl: Exclude<LogLevel, 'silent'>, event: string, fields: LogFields = {}): void => {
    if (ORDER[lvl] < threshold) return;
    sink(JSON.stringify({ t: new Date().toISOString(), level: lvl, event: String(bound(event)), ...redact({ ...base, ...fields }) }));
  };
  return {
    debug: (e, f) => emit('debug', e, f),
    info: (e, f) => emit('info', e, f),
    warn: (e, f) => emit('warn', e, f),
    error: (e, f) => emit('error', e, f),
    child: (fields) => createLogger(level, { ...base, ...fields }, sink),
  };
}

/** An error's class and a short, non-personal description for logs. */
export function errorFields(err: unknown): LogFields {
  if (err instanceof Error) {
    const status = (err as { statusCode?: unknown }).statusCode;
    return { errorName: err.name, errorCode: (err as { code?: string }).code, statusCode: typeof status === 'number' ? status : undefined };
  }
  return { errorName: typeof err };
}
