/**
 * Reversible, order-preserving encoding of any string into a valid Azure Table PartitionKey or
 * RowKey. Azure forbids '/', '\', '#', '?' and control characters (U+0000-U+001F,
 * U+007F-U+009F) in keys; bot state keys contain '/' and our keys may contain anything.
 *
 * Escaping with one marker (like %2F) would break ordering: '/' would then sort with '%', before
 * '&'. So each escaped character is written as a marker from its own contiguous range, followed
 * by its code point in fixed-width upper-case hex. A range's marker lies inside the range and no
 * unescaped character lies between, so comparing encodings compares the originals; the codes
 * are prefix-free, so prefixes and ranges map to prefixes and ranges.
 *
 *   U+0000-U+0025  '$' + 2 hex   controls, space ! " # $ %     e.g. '#' -> '$23', ' ' -> '$20'
 *   U+002E-U+002F  '.' + 2 hex   . /                           e.g. '/' -> '.2F', '.' -> '.2E'
 *   U+003E-U+003F  '>' + 2 hex   > ?
 *   U+005B-U+005C  '[' + 2 hex   [ \
 *   U+007E and up  '~' + 6 hex   ~, DEL, C1 controls, all non-ASCII: 'é' -> '~0000E9'
 *
 * Every other character (letters, digits, & ' ( ) * + , - : ; < = @ ] ^ _ ` { | }) stays as it
 * is. Encoded keys are printable ASCII, so Azure's ordinal ordering of them is the code point
 * ordering of the originals, which is also SQLite's.
 */

interface Range { lo: number; hi: number; marker: string; width: number }

const RANGES: readonly Range[] = [
  { lo: 0x00, hi: 0x25, marker: '$', width: 2 },
  { lo: 0x2e, hi: 0x2f, marker: '.', width: 2 },
  { lo: 0x3e, hi: 0x3f, marker: '>', width: 2 },
  { lo: 0x5b, hi: 0x5c, marker: '[', width: 2 },
  { lo: 0x7e, hi: 0x10ffff, marker: '~', width: 6 },
];

const BY_MARKER = new Map(RANGES.map((r) => [r.marker, r]));

/**
 * Azure allows PartitionKey and RowKey "up to 1 KiB"; as UTF-16 that is 512 characters, which is
 * also what Azurite enforces, so that is the limit here.
 */
export const MAX_ENCODED_KEY_CHARS = 512;

export function encodeKey(key: string): string {
  let out = '';
  for (const ch of key) {
    const cp = ch.codePointAt(0) as number;
    const range = RANGES.find((r) => cp >= r.lo && cp <= r.hi);
    out += range ? range.marker + cp.toString(16).toUpperCase().padStart(range.width, '0') : ch;
  }
  return out;
}

export function decodeKey(encoded: string): string {
  let out = '';
  for (let i = 0; i < encoded.length; i++) {
    const ch = encoded[i];
    const range = BY_MARKER.get(ch);
    if (!range) {
      out += ch;
      continue;
    }
    const hex = encoded.slice(i + 1, i + 1 + range.width);
    const cp = /^[0-9A-F]+$/.test(hex) && hex.length === range.width ? parseInt(hex, 16) : NaN;
    if (!(cp >= range.lo && cp <= range.hi)) throw new Error(`Not a trustline-encoded table key (bad escape at ${i})`);
    out += String.fromCodePoint(cp);
    i += range.width;
  }
  return out;
}
