/**
 * Response bodies with parts that are serialised once and shared between responses. A
 * message-extension search answers with up to 25 result attachments (~35 KB of JSON) that are
 * the same objects search after search (teams/handlers/policySearch.ts keeps them); restify's
 * JSON formatter stringified all of them for every keystroke, then measured and re-encoded the
 * string as UTF-8: a search's largest allocation and most of its own CPU. A shared part is kept
 * as its UTF-8 JSON and copied into the response as bytes.
 *
 * The bytes sent are exactly `JSON.stringify(body)`'s: a shared part is frozen (deep) when it is
 * registered, so its JSON cannot change afterwards, and everything around it is written with
 * JSON.stringify's rules for plain objects, arrays and primitives; any other value (a `toJSON`
 * method, a class instance) sends the whole body through restify's own formatter, as before.
 */
import type { Formatters, Request, Response } from 'restify';

const shared = new WeakMap<object, Buffer>();

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}

/** Freezes `value` (deep) and keeps its JSON, for every response that includes it. Returns it. */
export function shareJson<T extends object>(value: T): T {
  if (!shared.has(value)) {
    deepFreeze(value);
    shared.set(value, Buffer.from(JSON.stringify(value), 'utf8'));
  }
  return value;
}

/** Where shared parts can be: a search result is at body.composeExtension.attachments[i]. */
const SEARCH_DEPTH = 4;
/** Deeper than any body trustline sends; a deeper one goes to JSON.stringify whole. */
const MAX_DEPTH = 64;

function hasShared(value: unknown, depth: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (shared.has(value)) return true;
  if (depth >= SEARCH_DEPTH) return false;
  for (const v of Array.isArray(value) ? value : Object.values(value)) if (hasShared(v, depth + 1)) return true;
  return false;
}

class NotPlain extends Error {}
const NOT_PLAIN = new NotPlain();
const omitted = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/** Appends `value`'s JSON to `out`: strings, and the kept bytes of shared parts. */
function write(value: unknown, out: (string | Buffer)[], depth: number): void {
  if (value === null || typeof value !== 'object') {
    out.push(JSON.stringify(value) as string); // string, number (NaN → null), boolean; a bigint throws, as JSON.stringify(body) would
    return;
  }
  const kept = shared.get(value);
  if (kept) {
    out.push(kept);
    return;
  }
  if (depth > MAX_DEPTH || typeof (value as { toJSON?: unknown }).toJSON === 'function') throw NOT_PLAIN;
  if (Array.isArray(value)) {
    out.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(',');
      const v: unknown = value[i];
      if (omitted(v)) out.push('null');
      else write(v, out, depth + 1);
    }
    out.push(']');
    return;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) throw NOT_PLAIN;
  out.push('{');
  let first = true;
  for (const k of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[k];
    if (omitted(v)) continue;
    out.push(first ? `${JSON.stringify(k)}:` : `,${JSON.stringify(k)}:`);
    first = false;
    write(v, out, depth + 1);
  }
  out.push('}');
}

/** `JSON.stringify(body)` as UTF-8, with shared parts copied; undefined if the body has none or is not plain data. */
export function sharedJsonBytes(body: unknown): Buffer | undefined {
  if (!hasShared(body, 0)) return undefined;
  const out: (string | Buffer)[] = [];
  try {
    write(body, out, 0);
  } catch (err) {
    if (err === NOT_PLAIN) return undefined;
    throw err;
  }
  const buffers: Buffer[] = [];
  let text = '';
  for (const p of out) {
    if (typeof p === 'string') {
      text += p;
    } else {
      if (text) buffers.push(Buffer.from(text, 'utf8'));
      text = '';
      buffers.push(p);
    }
  }
  if (text) buffers.push(Buffer.from(text, 'utf8'));
  return Buffer.concat(buffers);
}

/** restify's key for its JSON formatter: the same key, so content negotiation is unchanged. */
const JSON_KEY = 'application/json; q=0.4';

/**
 * For `restify.createServer({ formatters })`, given `restify.formatters`: restify's JSON
 * formatter, with shared parts (above) copied as bytes. Undefined (restify's own formatters) if
 * this restify has no such formatter. (Types only here: restify is imported by httpServer.ts,
 * after its parser-warning filter.)
 */
export function jsonFormatters(restifyFormatters: Formatters): Formatters | undefined {
  const restifyJson = restifyFormatters[JSON_KEY];
  if (typeof restifyJson !== 'function') return undefined;
  return {
    [JSON_KEY]: (req: Request, res: Response, body: unknown) => {
      const bytes = sharedJsonBytes(body);
      if (!bytes) return restifyJson(req, res, body);
      res.setHeader('Content-Length', bytes.length);
      return bytes;
    },
  };
}
