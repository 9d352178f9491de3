/**
 * Random text for the choice log's tokens and the gap log's keys, drawn from a pool the same
 * CSPRNG fills 4 KB at a time. `crypto.randomBytes` for a dozen bytes cost 14–26 µs a call here
 * (OpenSSL's per-call work; two such calls are about 1% of a not-covered or "which is closest"
 * question turn's CPU), a pooled draw under 1 µs; Node's own `randomUUID` pools the same way.
 * Every byte is drawn once: a refill replaces the whole pool.
 */
import { randomBytes, randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let drawn = POOL_BYTES;

/** `bytes` random bytes as text in `encoding` (large draws bypass the pool). */
export function randomText(bytes: number, encoding: 'base64url' | 'hex'): string {
  if (bytes > POOL_BYTES / 16) return randomBytes(bytes).toString(encoding);
  if (drawn + bytes > POOL_BYTES) {
    randomFillSync(pool);
    drawn = 0;
  }
  const text = pool.toString(encoding, drawn, drawn + bytes);
  drawn += bytes;
  return text;
}
