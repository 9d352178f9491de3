/**
 * The channel's token-signing keys, fetched from its OpenID metadata with a deadline and cached.
 * botbuilder's own fetcher has no timeout (a silent provider held requests open indefinitely)
 * and starts a fetch per request; this one is installed in its place, so jsonwebtoken still
 * does the verifying but every key lookup is bounded: keys are reused for a day, a failed fetch
 * is remembered and retried with backoff, and callers never wait more than `timeoutMs`.
 */
import crypto, { KeyObject } from 'node:crypto';
import type { Logger } from '../log';

export interface SigningKey {
  /** A KeyObject, not a PEM: botbuilder prints the key on a failed verify, and this prints as "[object KeyObject]". */
  key: KeyObject;
  endorsements?: string[];
}

interface Jwk { kid?: unknown; kty?: unknown; n?: unknown; e?: unknown; endorsements?: unknown }

export class KeysUnavailableError extends Error {
  constructor() {
    super('Identity provider unavailable');
    this.name = 'KeysUnavailableError';
  }
}

export interface IdentityKeysOptions {
  timeoutMs?: number;
  refreshMs?: number;
  /** First wait after a failure; doubles up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
  now?: () => number;
}

export class IdentityKeys {
  private keys = new Map<string, SigningKey>();
  private loadedAt = 0;
  private failures = 0;
  private retryAt = 0;
  private inFlight: Promise<void> | undefined;
  private readonly timeoutMs: number;
  private readonly refreshMs: number;
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly now: () => number;

  constructor(private readonly metadataUrl: string, private readonly log: Logger, opts: IdentityKeysOptions = {}) {
    this.timeoutMs = opts.timeoutMs ?? 3000;
    this.refreshMs = opts.refreshMs ?? 24 * 3600_000;
    this.backoffMs = opts.backoffMs ?? 5000;
    this.maxBackoffMs = opts.maxBackoffMs ?? 300_000;
    this.now = opts.now ?? Date.now;
  }

  /** True when keys are loaded (fetching them first if due, within the deadline). */
  async ready(): Promise<boolean> {
    await this.refreshIfDue(false);
    return this.loadedAt > 0;
  }

  /** botbuilder's OpenIdMetadata interface: the key for `kid`, or null (which it turns into a 401). */
  async getKey(kid: string): Promise<SigningKey | null> {
    await this.refreshIfDue(typeof kid === 'string' && !this.keys.has(kid));
    if (this.loadedAt === 0) throw new KeysUnavailableError();
    return (typeof kid === 'string' && this.keys.get(kid)) || null;
  }

  private async refreshIfDue(unknownKid: boolean): Promise<void> {
    const now = this.now();
    const stale = this.loadedAt === 0 || now - this.loadedAt > this.refreshMs;
    // An unknown kid may mean the provider rotated keys; look again, but not more than hourly.
    const rotated = unknownKid && this.loadedAt > 0 && now - this.loadedAt > 3600_000;
    if (!stale && !rotated) return;
    if (now < this.retryAt) return;
    this.inFlight ??= this.fetchKeys().finally(() => {
      this.inFlight = undefined;
    });
    await this.inFlight;
  }

  private async fetchKeys(): Promise<void> {
    try {
      const meta = (await this.getJson(this.metadataUrl)) as { jwks_uri?: unknown };
      if (typeof meta.jwks_uri !== 'string') throw new Error('metadata has no jwks_uri');
      const jwks = (await this.getJson(meta.jwks_uri)) as { keys?: unknown };
      if (!Array.isArray(jwks.keys)) throw new Error('JWKS has no keys');
      const keys = new Map<string, SigningKey>();
      for (const jwk of jwks.keys as Jwk[]) {
        if (typeof jwk?.kid !== 'string' || jwk.kty !== 'RSA' || typeof jwk.n !== 'string' || typeof jwk.e !== 'string') continue;
        try {
          const key = crypto.createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' });
          const endorsements = Array.isArray(jwk.endorsements) ? jwk.endorsements.filter((x): x is string => typeof x === 'string') : undefined;
          keys.set(jwk.kid, { key, endorsements });
        } catch {
          // A malformed key is skipped; tokens signed with it fail as unknown kid.
        }
      }
      this.keys = keys;
      this.loadedAt = this.now();
      this.failures = 0;
      this.retryAt = 0;
      this.log.info('auth.keys_loaded', { keyCount: keys.size });
    } catch (err) {
      this.failures++;
      const wait = Math.min(this.maxBackoffMs, this.backoffMs * 2 ** (this.failures - 1));
      this.retryAt = this.now() + wait;
      const reason = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError') ? 'timeout' : 'unreachable';
      // The URL is ours (config), not a secret; the error text may quote internals, so only its class.
      this.log.warn('auth.keys_unavailable', { reason, errorName: err instanceof Error ? err.name : typeof err, retryInMs: wait, failures: this.failures });
    }
  }

  private async getJson(url: string): Promise<unknown> {
    const res = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs), redirect: 'error' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return (await res.json()) as unknown;
  }
}
