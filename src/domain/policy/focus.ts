/**
 * What a question sets aside before it asks: "I know X, but Y", "Not X — Y", "I'm not asking
 * about X - Y", "Different from X - Y". X names the neighbouring case the asker already knows or
 * rules out, so its words pull retrieval towards the clause the question is *not* about (the
 * near-miss kind, docs/ANSWERS.md round 16). The focus is what follows the last set-aside part.
 * General English cues, not entries for particular questions.
 */

/** A part that sets a case aside: a negation or "I know / I get / I understand" at its start. */
const SET_ASIDE = /^(?:(?:it'?s|its|this is|that'?s|i'?m|i am|we'?re|we are)\s+)?(?:not|never|different from|apart from|aside from|unlike|rather than)\b|^(?:i|we)\s+(?:already\s+)?(?:know|get|understand|realise|realize|am aware|'m aware|have read|read|saw|'ve seen|have seen|'ve read)\b|^(?:ok|okay|fine|right|so|yes|yeah)[, ]+(?:i|we)\s+(?:know|get|understand)\b/i;

/** Parts of a question: sentences, and what a dash, "but" or a semicolon separates. */
function parts(question: string): string[] {
  return question.split(/(?<=[.?!])\s+|\s+[—–-]\s+|,?\s+but\s+|;\s*/i).map((s) => s.trim()).filter(Boolean);
}

/**
 * The question after its last set-aside part, when one comes before the end (else undefined: the
 * whole question is the focus). The caller decides whether the rest says enough on its own.
 */
export function focusOf(question: string): string | undefined {
  const list = parts(question);
  let last = -1;
  for (let i = 0; i < list.length - 1; i++) if (SET_ASIDE.test(list[i])) last = i;
  return last < 0 ? undefined : list.slice(last + 1).join(' ');
}
