/**
 * Which way a connection goes: the asker sending one ("can I add parents on fb?", "should I
 * follow my year 11s back") or receiving one ("a parent sent me a request", "a pupil added me").
 * The next step differs (avoid sending it / decline it and report it), so the sidecar can give a
 * clause a `sending` step; see answerer.ts. Word order, not vocabulary: who does what to whom.
 */
export type Direction = 'sending' | 'receiving';

const CONNECT_VERB = '(?:add(?:ed|ing)?|follow(?:ed|ing)?(?:\\s+back)?|friend(?:ed)?|request(?:ed)?|connect(?:ed|ing)?(?:\\s+with)?|messag(?:e|ed|ing)|dm(?:\\s*\'?d|ed|ing)?|text(?:ed|ing)?|snap(?:ped|ping)?)';

/** Someone else acting on the asker: "sent me", "added me", "I got a request", "wants to follow me". */
const RECEIVING = new RegExp([
  `\\b${CONNECT_VERB}\\s+(?:me|us)\\b`,
  '\\b(?:sent|send|sends|sending)\\s+(?:me|us)\\s+(?:a|an)?\\s*(?:friend\\s+|follow\\s+|connection\\s+)?(?:request|invite|invitation|message|dm)',
  '\\b(?:i|we)\\s*(?:\'ve|have)?\\s*(?:got|had|received|get|getting)\\s+(?:a|an)\\s+(?:\\w+\\s+){0,3}?(?:request|invite|invitation)',
  '\\b(?:wants?|trying|tried|asked|asking|keeps?)\\s+(?:to\\s+)?(?:add|follow|friend|connect|message|dm)\\s+(?:with\\s+)?(?:me|us)\\b',
  '\\brequest\\s+from\\b',
  // Answering a request is about one received.
  '\\b(?:accept|decline|ignore|block|reject)(?:ed|ing)?\\b',
].join('|'), 'i');

/** The asker acting: "can I add", "should I follow", "is it ok to friend", "I want to connect with". */
const SENDING = new RegExp([
  `\\b(?:can|could|may|should|shall|do|must)\\s+(?:i|we)\\s+(?:\\w+\\s+)?${CONNECT_VERB}\\b`,
  `\\b(?:is it|it's|its)\\s+(?:\\w+\\s+)?(?:ok|okay|alright|fine|allowed|acceptable)\\s+(?:for\\s+(?:me|us)\\s+)?to\\s+(?:\\w+\\s+)?${CONNECT_VERB}\\b`,
  `\\b(?:am i|are we)\\s+allowed\\s+to\\s+(?:\\w+\\s+)?${CONNECT_VERB}\\b`,
  `\\b(?:i|we)\\s+(?:want|wanna|would like|'d like|plan|am going|was going)\\s+to\\s+(?:\\w+\\s+)?${CONNECT_VERB}\\b`,
  '\\b(?:i|we)\\s+(?:added|followed|friended|requested|sent\\s+(?:a|an)\\s+(?:\\w+\\s+)?request)\\b',
].join('|'), 'i');

export function directionOf(question: string): Direction | undefined {
  // Receiving wins: "can I accept a request a parent sent me" is about a request received.
  if (RECEIVING.test(question)) return 'receiving';
  if (SENDING.test(question)) return 'sending';
  return undefined;
}
