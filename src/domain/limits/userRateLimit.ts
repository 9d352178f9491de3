/**
 * Per-user rate limit: a sliding window of recent times per user and action. Kept in memory
 * per instance (a limit is a brake on floods and scripts, not a quota), so several instances
 * each allow the limit; bounded: a user's log holds at most `max` times and idle users are swept.
 */
export interface LimitRule {
  /** Allowed in any window; 0 turns the limit off. */
  max: number;
  windowMs: number;
}

export type Verdict = { ok: true } | { ok: false; retryAfterMs: number };

/** Users tracked before idle entries are swept (a sweep is O(users)). */
const SWEEP_AT = 10_000;

export class UserRateLimit {
  private readonly recent = new Map<string, number[]>();

  constructor(private readonly rule: LimitRule) {}

  /** Counts one use by `user` at `now` if it is within the limit; a refused use is not counted. */
  take(user: string, now: number): Verdict {
    const { max, windowMs } = this.rule;
    if (max <= 0) return { ok: true };
    const since = now - windowMs;
    const times = (this.recent.get(user) ?? []).filter((t) => t > since);
    if (times.length >= max) {
      this.recent.set(user, times);
      return { ok: false, retryAfterMs: Math.max(1, times[0] - since) };
    }
    times.push(now);
    this.recent.set(user, times);
    if (this.recent.size > SWEEP_AT) this.sweep(since);
    return { ok: true };
  }

  private sweep(since: number): void {
    for (const [user, times] of this.recent) {
      if (!times.some((t) => t > since)) this.recent.delete(user);
    }
  }
}

/** "about 40 seconds" / "about 3 minutes": how long to wait, rounded up. */
export function waitText(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 90) return `about ${Math.max(seconds, 1)} second${seconds === 1 ? '' : 's'}`;
  return `about ${Math.ceil(seconds / 60)} minutes`;
}
