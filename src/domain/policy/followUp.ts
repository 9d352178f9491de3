/**
 * Follow-ups in 1:1 chat: "and what if she's 18?", "what about parents?" only make sense with the
 * question before. A short message that opens like a follow-up (or that cannot be answered on
 * its own) is read together with the previous question, if that was asked in the last few
 * minutes. Who the follow-up is about replaces who the previous question was about ("can I add
 * pupils on fb" + "what about parents?" is about parents on fb, not pupils and parents).
 */

/** How long a previous question is kept for follow-ups. */
export const FOLLOW_UP_WINDOW_MS = 5 * 60_000;
/** At most this much of the previous question is kept. */
export const MAX_REMEMBERED_CHARS = 500;
/** A follow-up is short: longer messages are questions in their own right. */
const MAX_FOLLOW_UP_WORDS = 10;

export interface RememberedQuestion {
  text: string;
  /** Epoch milliseconds when it was asked. */
  at: number;
}

/** Openings that point back at the previous question ("what about…", "is that the same for…"). */
const REFERS_BACK = /^(?:(?:and|but|so|ok|okay|also|or)\b[\s,]*)*(?:what about|how about|what if|and if|even if|does (?:that|this|it) (?:apply|count|go)|is (?:that|it) (?:the same|different)|same (?:for|with)|what (?:do i do|should i do) (?:if|about|when)|does the same (?:go|apply))\b/i;
/** Any follow-up opening: the above, or a bare conjunction or "if" ("and colleagues?", "if she's 18?"). */
const OPENERS = new RegExp(`${REFERS_BACK.source}|^(?:(?:and|but|also|or|so)\\b[\\s,]*)+|^if\\b`, 'i');

/** People a question can be about: a follow-up naming one replaces the previous question's. */
const PEOPLE = /\b(?:(?:former|ex)[\s-]+(?:pupils?|students?)|pupils?|students?|learners?|kids?|children|child|parents?|carers?|mums?|dads?|mothers?|fathers?|relatives?|colleagues?|staff|teachers?|tas?|governors?|journalists?|reporters?|the press|press|media|head ?teachers?|heads?|y(?:ear)?\s?\d{1,2}s?)\b/gi;

const words = (text: string) => text.trim().split(/\s+/).filter(Boolean);

/** Opens like a follow-up ("and…", "what about…", "what if…") and is short. */
export function opensLikeFollowUp(text: string): boolean {
  return words(text).length <= MAX_FOLLOW_UP_WORDS && OPENERS.test(text.trim());
}

/** Short and pointing back at the previous question: a follow-up even if it could stand alone. */
export function refersBack(text: string): boolean {
  return words(text).length <= MAX_FOLLOW_UP_WORDS && REFERS_BACK.test(text.trim());
}

/** Short enough to be a follow-up when it cannot be answered on its own. */
export function shortEnoughForFollowUp(text: string): boolean {
  return words(text).length <= 6;
}

/**
 * Whether to read `text` with the previous question: it points back ("what about…"), or it opens
 * like a follow-up or is very short and cannot be answered well on its own (`standsAlone` is
 * asked only then: "and can I use my gmail for work?" is a new question).
 */
export function isFollowUp(text: string, standsAlone: () => boolean): boolean {
  if (refersBack(text)) return true;
  if (!opensLikeFollowUp(text) && !shortEnoughForFollowUp(text)) return false;
  return !standsAlone();
}

/** The previous question, if it is recent enough to read a follow-up with. */
export function recent(previous: RememberedQuestion | undefined, now: number): string | undefined {
  if (!previous || typeof previous.text !== 'string' || typeof previous.at !== 'number') return undefined;
  return now - previous.at >= 0 && now - previous.at <= FOLLOW_UP_WINDOW_MS ? previous.text : undefined;
}

/** The follow-up read with the previous question: one question the answerer can rank. */
export function withPrevious(previous: string, followUp: string): string {
  const stripped = followUp.trim().replace(OPENERS, '').replace(/^[\s,]+/, '').trim();
  const newPeople = stripped.match(PEOPLE);
  const base = newPeople?.length ? previous.replace(PEOPLE, ' ').replace(/\s+/g, ' ').trim() : previous.trim();
  return `${base.replace(/[?.!\s]+$/, '')}, ${stripped || followUp.trim()}`.slice(0, MAX_REMEMBERED_CHARS + 200);
}

export function remember(text: string, now: number): RememberedQuestion {
  return { text: text.slice(0, MAX_REMEMBERED_CHARS), at: now };
}
