/**
 * Out-of-scope signals that are about what a question asks, not which words it shares with the
 * policy (docs/ANSWERS.md, "Scope"). A staff policy states rules; two kinds of request get no
 * answer from it however many of its words they use:
 * - an amount, a time or an age ("how many characters must a password have", "within how many
 *   hours", "what age for tiktok"): only a clause that states one can answer it;
 * - content or an opinion made up for the asker ("write me a poem about the head", "give me
 *   your honest opinion"), unless a policy question comes with it ("…and is that ok to post?"),
 *   and a password, a login or someone's email address asked of the bot (it holds none).
 */
import type { Ranked } from './policyIndex';

/** Asks for an amount, a duration, a frequency, a deadline or an age. */
const AMOUNT_ASK = /\bhow\s+(?:many|much|often|long|soon|quickly|frequently|old)\b|\b(?:what|which)\s+age\b|\bdeadline\b|\bwithin\s+how\b|\bby\s+when\b|\bhow\s+many\s+(?:days|hours|weeks|times)\b/i;

/**
 * Asks when a school event is ("what time does the open evening start", "when's the photographer
 * coming in", "when is school photo day"): a date or a time, which only a clause stating one could
 * give. Not when something is allowed ("when is it ok to…", "when is the head allowed to…").
 */
const TIME_ASK = /\bwhat\s+time\s+(?:is|does|do|are|should|will|'s|’s)\b|\bwhen(?:'s|’s|s|\s+is|\s+are)\s+(?!(?:it|that|this|i|we|you|staff|one)\b)(?:[\w'’-]+\s+){0,4}?(?:coming|arriving|visiting|due|happening|starting|opening|open|in\s+for|day|evening|week)\b(?!\s+(?:allowed|ok|okay|fine|appropriate|acceptable))/i;

/** A clause that states an amount, a time, a frequency or an age (its own words). */
const STATES_AMOUNT = /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|eighteen|twice|daily|weekly|monthly|annually|yearly|regularly|frequently|immediately|promptly|as soon as|within|period|hours?|days?|weeks?|months?|years?|term time|minimum|maximum|at least|no later|age)\b/i;

/** Content made up for the asker, or the bot's own opinion. */
const CONTENT_ASK = /\b(?:write|compose|make\s+up|give|draft)\s+(?:me|us)\s+(?:a|an|some)\s+(?:[\w-]+\s+){0,2}?(?:poem|joke|story|song|rap|limerick|haiku|essay|roast|speech|riddle)s?\b|\btell\s+(?:me|us)\s+(?:a|an|some)\s+(?:[\w-]+\s+)?(?:joke|story|riddle)s?\b|\b(?:give|tell)\s+(?:me|us)\s+(?:your|ur)\s+(?:own\s+)?(?:honest\s+|personal\s+|real\s+)*(?:opinion|view|views|thoughts)\b/i;

/** A password or login asked of the bot ("what's the admin password for the school page"): it holds none. */
const CREDENTIAL_ASK = /\b(?:what(?:'s|’s|s| is| are)|give\s+(?:me|us)|tell\s+(?:me|us)|send\s+(?:me|us))\s+(?:the|your|our)\s+(?:[\w-]+\s+){0,3}?(?:password|passwords|passcode|pin|login\s+details|log\s?in\s+details|credentials)\b(?!\s+(?:policy|rules?))/i;

/**
 * Someone's email address or number asked of the bot, and nothing else ("what's the email address
 * for the exams officer?"): it holds no directory. The whole question, so that one asked on the way
 * to something else ("…for the DSL, a pupil messaged me") is not refused with it.
 */
const DIRECTORY_ASK = /^\s*(?:what(?:'s|’s|s|\s+is|\s+are)|who\s+has|where\s+(?:do|can)\s+i\s+(?:find|get))\s+(?:the|our)\s+(?:[\w'’-]+\s+){0,2}?(?:email|e-mail|phone|telephone|extension|contact)(?:\s+(?:address(?:es)?|numbers?|details))?\s+(?:for|of)\s+(?:the\s+|our\s+)?(?:[\w'’-]+\s*){1,4}\??\s*$/i;

/**
 * Pupils' own use of phones, apps or social media, as pupils ("are Year 7s allowed to have TikTok",
 * "can pupils use their phones in lessons", "can we block TikTok on the student wifi"): the school's
 * behaviour or online-safety rules answer that, not a staff policy. Pupils must be the ones having or
 * using it, and the question must name no one on the staff side (the asker, a colleague) and nothing
 * of the staff's dealings with pupils (pictures of them, following, adding, messaging, their data,
 * leavers), nor the school's own accounts: those stay this policy's questions. A messaging app named
 * in such a question raises no pupil's contact either (safeguarding.ts).
 */
const PUPILS = String.raw`(?:pupils?|students?|kids|children|learners|under[- ]?1[3-8]s?|y\d{1,2}s|yr\s*\d{1,2}s|year\s*\d{1,2}s|sixth[- ]formers)`;
const THEIR_MEANS = String.raw`(?:tik\s?tok|insta(?:gram)?|snap(?:chat)?|youtube|social\s+media|facebook|fb|whatsapp|discord|twitter|roblox|fortnite|minecraft|(?:(?:their|own|social\s+media|tiktok|instagram|snapchat)\s+)+accounts?|(?:mobile\s+|smart\s?)?phones?|mobiles|smart\s?watches|cameras?)`;
const PUPILS_USING = new RegExp(String.raw`\b${PUPILS}\s+(?:\S+\s+){0,5}?(?:have|having|has|need|needs|own|owning|use|using|go\s+on|going\s+on|be\s+on|being\s+on|bring(?:ing)?|allowed\s+on|sign(?:ing)?\s+up\s+(?:to|for)|play(?:ing)?(?:\s+on)?|allowed)\s+(?:\S+\s+){0,3}?${THEIR_MEANS}\b`, 'i');
const BLOCKED_FOR_PUPILS = new RegExp(String.raw`\bblock(?:s|ed|ing)?\s+(?:\S+\s+){0,2}?${THEIR_MEANS}\s+on\s+(?:the\s+)?(?:pupil|student|school|kids'?|children'?s?)\s+(?:wi-?fi|network|ipads|laptops|chromebooks|computers)\b`, 'i');
const STAFF_SIDE = /\b(?:i|me|my|mine|myself|i'm|im|i've|i'd|us|staff|teachers?|colleagues?|ta|tas|head|headteacher|deputy|tutors?|coach(?:es)?|mentors?|dsl|senco|receptionist|mr|mrs|miss|ms|sir|adults?)\b|\bschool(?:'s|’s)?\s+(?:own\s+)?(?:social|insta|instagram|fb|facebook|tiktok|youtube|x|twitter|accounts?|pages?|channels?)\b|\b(?:pics?|photos?|pictures?|images?|videos?|vids?|film\w*|tag\w*|friend\w*|follow\w*|requests?|add(?:s|ed|ing)?|info|names?|data|messag\w*|dms?|dm'?d|chat\w*|contact\w*|left|leavers?|former|ex|post\w*|bull\w*|abus\w*|groom\w*)\b/i;

/**
 * Arranging photos or the kit for them ("how do I book the school photographer", "who pays for the
 * leavers' group photo", "borrow the school's good camera"): the office's or the trip's business, not
 * this policy's. Anything of what happens to the pictures (posting, sharing, consent or a parent saying
 * no, keeping them, a personal device, the press) keeps the question this policy's; "in order to" and
 * parents choosing are not arranging.
 */
const ARRANGING_PHOTOS = /\b(?:book(?:s|ed|ing)?|borrow(?:s|ed|ing)?|pay(?:s|ing)?\s+for|hir(?:e|es|ed|ing)|(?<!\bin\s)order(?:s|ed|ing)?|organis(?:e|es|ed|ing)|organiz(?:e|es|ed|ing)|arrang(?:e|es|ed|ing)|sort(?:s|ed|ing)?\s+out)\s+(?:[\w'’-]+\s+){0,5}?(?:photographer(?:'s|’s|s)?|cameras?|photo\s+day|(?:school|class|group|team|leavers['’]?|official)\s+(?:group\s+)?photos?|tripods?|prints)\b|\b(?:picks?|choos(?:e|es|ing))\s+(?:[\w'’-]+\s+){0,3}?photographers?\b/i;
const PICTURES_HANDLED = /\b(?:post\w*|shar(?:e|es|ed|ing)|upload\w*|online|social|insta\w*|facebook|fb|tiktok|twitter|x|snap\w*|website|newsletter|consent\w*|permission|opt(?:ed|s)?[- ]?out|stor(?:e|es|ed|ing)|keep\w*|delet\w*|personal|(?:my|own)\s+(?:phone|mobile|device|ipad|laptop)|whatsapp|e-?mail\w*|comment\w*|repl(?:y|ies|ied)|press|paper|journalist|reporter|safeguard\w*|dsl|looked[- ]after|names?|tag\w*|film\w*|video\w*|send|sent|(?:don'?t|do\s+not|doesn'?t|does\s+not|didn'?t|won'?t)\s+(?:want|agree|allow)|said\s+no|object\w*|refus\w*|withdr\w*)\b/i;

/**
 * Asks what the school may do to a pupil: confiscate or search their phone, sanction, exclude, give a
 * detention ("can we search a kid's phone for the fight video", "can we take his phone off him", "what
 * sanction does a Y9 get for filming a fight", "will the kids who filmed me get excluded"): the
 * behaviour policy's question. A sanction told as background ("a pupil who's been excluded messaged
 * me") is not asked.
 */
const DISCIPLINE_ASK = new RegExp([
  String.raw`\b(?:can|could|may|should|shall|do)\s+(?:we|i|teachers?|staff|(?:a|the)\s+(?:teacher|school|head))\s+(?:\w+\s+){0,2}?(?:confiscat\w*|search|sanction|exclude|punish|give\s+(?:\w+\s+){0,3}?(?:detentions?|sanctions?))\b`,
  String.raw`\b(?:allowed|able|right)\s+to\s+(?:confiscat\w*|search|sanction|exclude|punish)\b`,
  String.raw`\b(?:can|could|may|should|do)\s+(?:we|i|teachers?|staff)\s+take\s+(?:\S+\s+){0,3}?(?:phones?|mobiles?|devices?)\s+(?:off|away\s+from)\b`,
  String.raw`\bwhat\s+(?:sanctions?|punishments?)\s+(?:does|do|should|would|will|can|could|is|are)\b`,
  String.raw`\b(?:will|would|can|could|should|do|does)\s+(?:\S+\s+){0,5}?(?:get|be)\s+(?:excluded|sanctioned|punished|(?:a\s+)?detentions?)\b`,
].join('|'), 'i');
/** The school's own publishing of it (its page, website or newsletter): this policy's question still. */
const SCHOOL_PUBLISHES = /\bschool(?:'s|’s)?\s+(?:own\s+)?(?:page|website|newsletter|insta\w*|fb|facebook|twitter|x|tiktok|account)\b|\bour\s+(?:page|website|newsletter)\b/i;

/** A policy question asked alongside it. */
const POLICY_ASK = /\?|\b(?:can|could|may|should|must)\s+(?:i|we|staff|teachers?|colleagues)\b|\b(?:is|would)\s+(?:it|that|this)\s+(?:be\s+)?(?:ok|okay|allowed|fine|acceptable|a problem|against)\b|\bam\s+i\s+allowed\b|\bunder\s+the\s+policy\b|\bthe\s+policy\s+(?:say|says|allow|allows)\b/i;

/** Score factor of a clause that states no amount, for a question asking for one. */
export const AMOUNT_FACTOR = 0.3;
/** Confidence cap of such a clause: under the decision layer's `near`, so nothing is offered as an answer. */
export const AMOUNT_CAP = 0.4;

export function asksForAmount(question: string): boolean {
  return AMOUNT_ASK.test(question);
}

/** Asks for an amount or when an event is: only a clause that states one can answer (`scopeRanked`). */
export function asksForAmountOrTime(question: string): boolean {
  return AMOUNT_ASK.test(question) || TIME_ASK.test(question);
}

/**
 * Asks only when an event is, in one sentence ("when is school photo day for Year 7?"): a question of
 * the school's calendar, not of handling what the event involves (two sentences may ask both).
 */
export function asksOnlyWhen(question: string): boolean {
  const text = question.trim();
  return TIME_ASK.test(text) && !/[.?!]\s+\S/.test(text);
}

/** Asks about pupils' own use of phones, apps or social media, with no one on the staff side in it (another policy's question). */
export function asksAboutPupilsOwnUse(question: string): boolean {
  if (BLOCKED_FOR_PUPILS.test(question)) return true;
  return PUPILS_USING.test(question) && !STAFF_SIDE.test(question);
}

/** Asks how photos or the camera are arranged, with nothing of what happens to the pictures (another policy's question). */
export function asksAboutPhotoArrangements(question: string): boolean {
  return ARRANGING_PHOTOS.test(question) && !PICTURES_HANDLED.test(question);
}

/** Asks what the school may do to a pupil (confiscate, search, sanction, exclude): the behaviour policy's question. */
export function asksAboutPupilDiscipline(question: string): boolean {
  return DISCIPLINE_ASK.test(question) && !SCHOOL_PUBLISHES.test(question);
}

export function statesAmount(clauseText: string): boolean {
  return STATES_AMOUNT.test(clauseText);
}

/**
 * "this policy", "the social media policy", "our comms policy": the question asks what this document
 * says. The classifier's out-of-scope class was learned from other matters and other policies ("what's
 * the policy on uniform"), so for these whether it is covered is for the clauses to say (answerer.ts).
 */
const NAMES_THIS_POLICY = /\bthis\s+polic(?:y|ies)\b|\b(?:the|our|trust(?:'s|’s)?)\s+(?:staff\s+)?(?:social\s+media|comms|communications?)(?:\s+(?:and|&)\s+social\s+media)?\s+polic(?:y|ies)\b/i;

export function namesThisPolicy(question: string): boolean {
  return NAMES_THIS_POLICY.test(question);
}

/** Content or an opinion is asked for, and no policy question with it. */
export function asksForContentOnly(question: string): boolean {
  if (CREDENTIAL_ASK.test(question) || DIRECTORY_ASK.test(question)) return true;
  return CONTENT_ASK.test(question) && !POLICY_ASK.test(question.replace(CONTENT_ASK, ' '));
}

/**
 * For a question asking for an amount: clauses that state none rank lower and cannot carry an
 * answer (their confidence is capped); the others keep their place. Other questions unchanged.
 */
export function scopeRanked(question: string, ranked: Ranked[]): Ranked[] {
  if (!asksForAmountOrTime(question)) return ranked;
  return ranked
    .map((r) => (statesAmount(r.clause.text) ? r : { ...r, score: r.score * AMOUNT_FACTOR, confidence: Math.min(r.confidence, AMOUNT_CAP) }))
    .sort((a, b) => b.score - a.score);
}
