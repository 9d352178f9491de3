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
const PERSONAL_KEYS = /name|text|body|message|summary|quote|pupil|student|email|note/i;

function redact(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [k, v] of Object.entries(fields)) out[k] = PERSONAL_KEYS.test(k) && k !== 'errorName' ? '[redacted]' : v;
  return out;
}

export function createLogger(level: LogLevel, base: LogFields = {}, sink: (line: string) => void = (l) => process.stdout.write(l + '\n')): Logger {
  const threshold = ORDER[level];
  const emit = (lvl: Exclude<LogLevel, 'silent'>, event: string, fields: LogFields = {}): void => {
    if (ORDER[lvl] < threshold) return;
    sink(JSON.stringify({ t: new Date().toISOString(), level: lvl, event, ...redact({ ...base, ...fields }) }));
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
