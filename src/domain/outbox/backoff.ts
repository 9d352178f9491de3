/**
 * Retry delays: exponential from a base with "full jitter" (a random delay up to the
 * exponential bound, so instances that failed together do not retry together), capped; a
 * server's Retry-After wins when it asks for longer.
 */
export interface BackoffSettings {
  baseMs: number;
  maxMs: number;
}

/** Delay before retry number `attempt` (1 = first retry). */
export function backoffDelay(attempt: number, settings: BackoffSettings, retryAfterMs?: number, random: () => number = Math.random): number {
  const exp = Math.min(settings.maxMs, settings.baseMs * 2 ** Math.min(30, Math.max(0, attempt - 1)));
  // Never less than a tenth of the bound: a zero delay would hammer a struggling Connector.
  const jittered = Math.max(exp / 10, random() * exp);
  // Retry-After is honoured exactly, plus a little jitter so waiting senders do not return in step.
  if (retryAfterMs !== undefined && retryAfterMs > 0) return Math.round(retryAfterMs + random() * Math.min(settings.baseMs, 1_000));
  return Math.round(jittered);
}

/** Parses a Retry-After header: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
