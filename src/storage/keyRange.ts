/**
 * The exclusive upper bound of the keys starting with `prefix`, in code point order: the prefix
 * with its last code point incremented. Undefined when that is impossible (an empty prefix, or
 * one ending in U+10FFFF), so callers fall back to an explicit prefix test.
 */
export function prefixEnd(prefix: string): string | undefined {
  const codePoints = Array.from(prefix);
  const last = codePoints.pop();
  if (last === undefined) return undefined;
  let next = (last.codePointAt(0) as number) + 1;
  if (next >= 0xd800 && next <= 0xdfff) next = 0xe000; // surrogates are not characters
  if (next > 0x10ffff) return undefined;
  return codePoints.join('') + String.fromCodePoint(next);
}
