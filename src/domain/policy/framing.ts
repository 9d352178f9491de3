/**
 * Framing cut from a question before it is analysed (answerer.ts), after instructions aimed at
 * the bot (injection.ts): claims that someone allowed it ("the head said it's fine", "if their mum
 * says yes", "SLT have okayed it", "I've been given permission by the head") and asides that say
 * nothing about the case ("sorry if this is a silly question but", "asking for a friend"). So a
 * permission, or a parent or head named in one, never changes which clause leads, nor unsets a
 * safeguarding topic. The rest of the question is left as typed. Measured in docs/ANSWERS.md.
 */
const WHO = String.raw`(?:(?:my|the|our|their|his|her|a|an)\s+)?(?:[\w']+\s+){0,3}?`;
const FRAMING = [
  // "my line manager says it's ok", "HR told me it is fine", "my head of year said it's allowed"
  new RegExp(String.raw`\b${WHO}(?:says?|said|told me|tells me|told us|reckons|thinks|confirmed|agreed|has agreed|have agreed)\s+(?:that\s+)?(?:it'?s|it is|its|this is|that'?s|thats|i'?m|im|we'?re|it'?ll be|it would be)?\s*(?:totally\s+|completely\s+|absolutely\s+|perfectly\s+)?(?:fine|ok|okay|alright|allowed|no problem|cool|acceptable)\b(?:\s+(?:for me|for us|now|anyway|to do|with it))?`, 'gi'),
  // "if their mum says yes", "as long as the head gives permission"
  new RegExp(String.raw`\b(?:if|as long as|since|because|cos|as)\s+(?:[\w']+\s+){0,3}?(?:says?|said|agrees?|agreed|gives?|gave|has given)\s+(?:me\s+|us\s+)?(?:yes|ok|okay|permission|the ok|the go-ahead|it'?s fine)\b`, 'gi'),
  // "my headteacher told me I can …": the permission-giver goes, "I can …" stays
  new RegExp(String.raw`\b${WHO}(?:told|tells|assured)\s+(?:me|us)\s+(?:that\s+)?(?=(?:i|we)\s+(?:can|could|may|am allowed|are allowed)\b)`, 'gi'),
  // "the DSL has okayed it", "SLT signed it off", "the head approved it"
  new RegExp(String.raw`\b${WHO}(?:has\s+|have\s+|had\s+)?(?:okayed|ok'?d|approved|authori[sz]ed|signed|sanctioned|cleared|permitted)\s+(?:it|this|that)(?:\s+off)?\b`, 'gi'),
  // "it's been approved by SLT", "this has been signed off by the head"
  new RegExp(String.raw`\b(?:it'?s|it is|it has|this has|that has|this is|that'?s)\s+(?:been\s+)?(?:okayed|approved|authori[sz]ed|signed off|cleared|agreed|allowed|sanctioned)(?:\s+by\s+${WHO}[\w']+)?`, 'gi'),
  // "I've been given permission by the head", "I have the go-ahead from SLT"
  new RegExp(String.raw`\b(?:i'?ve|i have|we'?ve|we have|i was|we were|i got|i'?ve got|i have got|i had)\s+(?:been\s+)?(?:given\s+|got\s+)?(?:the\s+)?(?:written\s+|verbal\s+)?(?:permission|approval|ok|go-ahead|sign-off|green light|blessing)(?:\s+(?:from|by)\s+${WHO}[\w']+)?`, 'gi'),
  // "the head gave me permission", "SLT have given us the green light"
  new RegExp(String.raw`\b${WHO}(?:gave|has given|have given|gives|give)\s+(?:me|us)\s+(?:the\s+)?(?:written\s+|verbal\s+)?(?:permission|approval|ok|go-ahead|green light|blessing)\b`, 'gi'),
  // "the CEO is happy with it", "SLT are fine with this"
  new RegExp(String.raw`\b${WHO}(?:is|are|was|were|seems?|seemed)\s+(?:totally\s+|completely\s+|perfectly\s+)?(?:happy|fine|ok|okay|cool|relaxed)\s+with\s+(?:it|this|that)\b`, 'gi'),
  // "with the head's permission"
  new RegExp(String.raw`\bwith\s+(?:the\s+|my\s+|our\s+)?(?:[\w']+\s+){0,2}?(?:permission|approval|blessing|go-ahead)\b`, 'gi'),
  // Asides that say nothing about the case: "sorry if this is a silly question but", "asking for
  // a friend" ("friend" would read as a connection), "I'm really worried about this".
  /\b(?:sorry|apologies)\s+(?:if\s+)?(?:this\s+is\s+|it'?s\s+)?(?:a\s+)?(?:really\s+|bit\s+of\s+a\s+)?(?:silly|stupid|daft|dumb|basic|obvious)\s+(?:question|one|q)\b(?:\s+but)?/gi,
  /\b(?:(?:just|i'?m|i am)\s+)?asking\s+for\s+a\s+(?:friend|colleague|mate)\b/gi,
  /\b(?:i'?m|i am)\s+(?:really\s+|so\s+|a\s+bit\s+|quite\s+)?(?:worried|concerned|anxious|nervous|confused|stressed)\s+(?:about\s+(?:this|it)|now)\b/gi,
  // A kiss signing off a message ("… page x", "thanks xx"), unless a word before it makes it the
  // platform X ("on x", "to x", "twitter or x") or a name ("Mr X").
  /(?<!\b(?:on|onto|to|in|at|via|use|using|and|or|the|from|about|of|with|for|like|mr|mrs|ms|miss|dr|pupil|student|child|year))(?<=\w[.!,]?)\s+x{1,4}\s*[.!?]*\s*$/gi,
  // A label in front of the question ("Q: …", "Question - …"): "q" is not a word of the case.
  /^\s*(?:q|qn|question)\s*[:.)\-–—]\s*/gi,
  // A job introduction ("I'm a TA at a primary school."), unless the role has clauses of its own
  // (governors, trustees, volunteers: 4.4) or is a parent's.
  /^\s*(?:(?:hi|hello|hiya|morning|afternoon)\W+)?(?:i'?m|i am|i work as)\s+(?:a|an|the)\s+(?!(?:[\w-]+\s+){0,2}(?:governor|trustee|volunteer|parent|mum|dad|carer))(?:[\w-]+\s+){0,3}?(?:at|in|for)\s+(?:[\w'-]+\s+){0,4}?[\w'-]+\s*[.,:;!-]+/gi,
];

/** The last few results: answering one question unframes the same text two or three times. */
const recent: { question: string; unframed: string }[] = [];
const RECENT = 4;

export function withoutFraming(question: string): string {
  for (const r of recent) if (r.question === question) return r.unframed;
  // Bounded like the question (answerer.ts): WHO's lazy word run makes a scan per start position.
  const unframed = FRAMING.reduce((q, pattern) => q.replace(pattern, ' '), question.slice(0, 1000)).replace(/\s+/g, ' ').trim();
  if (recent.length >= RECENT) recent.shift();
  recent.push({ question, unframed });
  return unframed;
}
