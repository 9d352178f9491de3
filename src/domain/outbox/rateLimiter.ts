/**
 * Sliding-window rate limits kept in memory: for each key (a Teams thread, a tenant) the send
 * times within the longest window. `reserve` either takes a slot on every key at once, or says
 * how long to wait for the first window that is full. Limits are per instance; several
 * instances share the Connector's own 429s, which the outbox honours (Retry-After).
 *
 * The Connector counts a request when it arrives, somewhere between our send and its answer.
 * `settle` moves a slot to the time the answer came (or the call failed): two requests a
 * window apart by that reckoning are a window apart at the Connector too, however the network
 * delays them, so no fixed margin has to cover the delay (a 100 ms margin cost 9% of the
 * tenant's 50/s, and still let an event-loop stall through).
 */
export interface Window {
  ms: number;
  max: number;
}

export class RateLimiter {
  private readonly sends = new Map<string, number[]>();
  private readonly longest: number;

  /**
   * @param windowsFor the windows that apply to a key (e.g. thread or tenant limits).
   * @param marginMs added to every window, because the Connector counts arrivals, not sends.
   */
  constructor(private readonly windowsFor: (key: string) => Window[], private readonly marginMs = 20, longestMs = 3_600_000) {
    this.longest = longestMs + marginMs;
  }

  /** 0 if a send may happen now (and records it on every key), else milliseconds to wait. */
  reserve(keys: string[], now: number = Date.now()): number {
    let wait = 0;
    for (const key of keys) {
      const times = this.prune(key, now);
      for (const w of this.windowsFor(key)) {
        const span = w.ms + this.marginMs;
        const inWindow = times.filter((t) => now - t < span);
        if (inWindow.length >= w.max) wait = Math.max(wait, inWindow[inWindow.length - w.max] + span - now);
      }
    }
    if (wait > 0) return wait;
    for (const key of keys) {
      const times = this.sends.get(key);
      if (times) times.push(now);
      else this.sends.set(key, [now]);
    }
    return 0;
  }

  /**
   * The request that took the slot reserved at `sentAt` on these keys was answered (or failed)
   * at `at`: the slot counts from then. Times stay sorted; a slot not found is left alone.
   */
  settle(keys: string[], sentAt: number, at: number = Date.now()): void {
    if (at <= sentAt) return;
    for (const key of keys) {
      const times = this.sends.get(key);
      const i = times ? times.lastIndexOf(sentAt) : -1;
      if (!times || i < 0) continue;
      times.splice(i, 1);
      let j = times.length;
      while (j > 0 && times[j - 1] > at) j--;
      times.splice(j, 0, at);
    }
  }

  private prune(key: string, now: number): number[] {
    const times = this.sends.get(key);
    if (!times) return [];
    const kept = times.filter((t) => now - t < this.longest);
    if (kept.length) this.sends.set(key, kept);
    else this.sends.delete(key);
    return kept;
  }
}
