/**
 * User text from Teams, bounded and stripped of markup before anything parses it. Every regex
 * here is linear-time: a character class never overlaps the delimiter that ends it, so a
 * failed match cannot backtrack over the same text again (issue 11: `<[^>]+>` over a run of
 * '<' was quadratic and held the event loop 21 s).
 */

/** No command or question is longer; the rest is never parsed. */
export const MAX_USER_TEXT_CHARS = 4_000;

/** Message text with mentions and other HTML tags removed, whitespace collapsed, trimmed. */
export function stripMarkup(text: string): string {
  return text
    .slice(0, MAX_USER_TEXT_CHARS)
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<[^<>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
