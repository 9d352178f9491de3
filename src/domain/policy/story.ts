/**
 * Which parts of a question ask something and which tell its story (docs/ANSWERS.md, round 19).
 * A question told at length is split into "parts" at "and I…" or "?" (answerer.ts
 * `splitParts`), but a part that asks nothing ("A local firm posted a video job ad", "Mum's not
 * picking up") is the scene, not a question of its own. General English cues, not entries for
 * particular questions.
 */

/**
 * A question mark, a question word or auxiliary at the start ("can…", "what…", "is…", "any…"), a
 * modal with its subject ("should I", "do we"), or a word that asks for a judgement ("allowed",
 * "ok", "the rules"). Counting a statement as asking only leaves a question as it was.
 */
const ASKS = /\?|^(?:(?:and|but|so|then|also|plus|or|ok|okay|right)[, ]+)?(?:can|could|should|shall|is|are|was|were|do|does|did|what|what's|whats|how|who|whom|whose|when|where|why|which|will|would|may|might|must|am|have|has|any|anything|need)\b|\b(?:can|could|should|shall|may|must|do|does|did|am|will|would)\s+(?:i|we|you|they|he|she|staff|teachers?)\b|\b(?:is|are|was|were)\s+(?:it|that|this|there|they|i|we)\b|\b(?:allowed|ok|okay|fine|alright|acceptable|rules?|policy|permitted|advice|advise|help)\b/i;

/** Whether this part of a question asks something (else it tells the story). */
export function asks(part: string): boolean {
  return ASKS.test(part);
}
