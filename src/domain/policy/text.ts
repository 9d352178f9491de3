/**
 * Text analysis shared by the index and the queries, so both sides agree on every term:
 * lower case, apostrophes and hyphens folded, American spellings mapped to the British ones the
 * policies use, English stop words and question fillers dropped, Porter2 stems.
 */
import porter2 from 'wink-porter2-stemmer';

/** American -> British for words whose stems would otherwise differ. Both sides go through it. */
const SPELLING: Record<string, string> = {
  behavior: 'behaviour', behaviors: 'behaviours', behavioral: 'behavioural',
  color: 'colour', colors: 'colours', honor: 'honour', favor: 'favour', favorite: 'favourite',
  humor: 'humour', neighbor: 'neighbour', labor: 'labour', rumor: 'rumour', rumors: 'rumours',
  judgment: 'judgement', judgments: 'judgements', program: 'programme', programs: 'programmes',
  license: 'licence', defense: 'defence', offense: 'offence', center: 'centre', catalog: 'catalogue',
  practise: 'practice', enroll: 'enrol', gray: 'grey', mom: 'mum', moms: 'mums', mommy: 'mum',
  cellphone: 'mobile', cell: 'mobile', vacation: 'holiday', vacations: 'holidays', principal: 'headteacher',
};

/**
 * Phone shorthand and text-speak, written out. Typo correction cannot reach these (they are
 * several edits from the word), and they are common in chat.
 */
const SHORTHAND: Record<string, string> = {
  shud: 'should', shd: 'should', cud: 'could', cld: 'could', wud: 'would', wld: 'would', wat: 'what', wot: 'what',
  msg: 'message', msgs: 'messages', msgd: 'messaged', msged: 'messaged', txt: 'text', txts: 'texts', txtd: 'texted', txted: 'texted',
  fone: 'phone', skool: 'school', skl: 'school', ppl: 'people', abt: 'about', b4: 'before', bc: 'because', coz: 'because', cos: 'because',
  wrk: 'work', comms: 'communications', convo: 'conversation', convos: 'conversations', hols: 'holidays', asap: 'soon', pic: 'picture',
  pics: 'pictures', pw: 'password', pwd: 'password', acc: 'account', accs: 'accounts', acct: 'account', req: 'request', reqs: 'requests',
  addy: 'address', uni: 'university', govs: 'governors', gov: 'governor', sm: 'social media', thru: 'through', tho: 'though', nite: 'night',
  govt: 'government', govts: 'governments', gvt: 'government', grp: 'group', grps: 'groups', legit: 'genuine',
};

/** Words that carry no topic of their own in a staff question. */
export const STOP_WORDS = new Set((
  'a about above after again against all am an and any anyone anything are aren as at be because been before being ' +
  'below between both but by can cannot could couldn did didn do does doesn doing don down during each either else ' +
  'etc even ever every few for from further get gets getting got gotta gonna had hadn has hasn have haven having he ' +
  'her here hers herself him himself his how i if im ive id ill in into is isn it its itself just let lets like ' +
  'll me mine more most much must mustn my myself need needs needed no nor not now of off ok okay on once only or ' +
  'other others otherwise ought our ours ourselves out over own please pls plz re really s same say says said shall shan she ' +
  'should shouldn so some somebody someone something sometimes still such sure t than that thats the their theirs them ' +
  'themselves then there theres these they theyre this those though through thus to too u ur under until up upon us ' +
  've very via was wasn way we were weren what whats when whenever where wheres whether which while who whos whom ' +
  'whose why will with without won would wouldn y ya yeah yes yet you youre your yours yourself yourselves ' +
  'allowed alright allow able actually also anyway basically currently fine hi hello hey thanks thank cheers ' +
  'know knows wondering wonder question quick think thought want wanted wants wanna tell told ask asked asking ' +
  'mean means go going goes went come came thing things stuff lot lots bit kind sort maybe perhaps probably ' +
  'today yesterday tomorrow tonight morning afternoon lunchtime lunch week day days time times called named ' +
  // Narrative and chat filler: how a story or a message is told, never what it is about.
  'lol lols obvs obviously honestly apparently absolutely literally totally supposed shes hes dont cant didnt ' +
  'doesnt isnt wont wasnt arent havent theyve weve youve hed shed tmrw tmw tomoz yday earlier later ago anymore ' +
  'nowadays yep nah innit kinda sorta proper properly tbh tbf imo idk ngl fyi btw cos coz cuz whatever hmm ugh ' +
  'oops omg monday tuesday wednesday thursday friday mon tues wed thurs fri january february march april june ' +
  'july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec hasnt hadnt ' +
  'wouldnt couldnt shouldnt aint theyd youd theyll youll shell itll weren werent thatll appt telling tells asks saying might ' +
  // Chat words the typo corrector would otherwise turn into policy words (vibe -> vile, lowkey -> locked, nope -> note).
  'deffo defo dunno nope yup lowkey highkey vibe vibes imho rn thx ty wtf hiya knackered gutted skint chuffed fuming gonna gotta ' +
  // Praise and sentiment say how the teller feels, not what the question is about.
  'great amazing lovely nice brilliant fab fantastic awesome cool super wonderful gorgeous cute proud excited happy'
).split(/\s+/));

const stemCache = new Map<string, string>();

export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = porter2(word);
    if (stemCache.size > 50_000) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

function toBritish(word: string): string {
  const mapped = SPELLING[word];
  if (mapped) return mapped;
  // -ize/-yze families (organize, authorized, criticizing, analyze): same on both sides either way.
  if (word.length > 5 && /iz(e|es|ed|er|ers|ing|ation|ations)$/.test(word)) return word.replace(/iz(?=(e|es|ed|er|ers|ing|ation|ations)$)/, 'is');
  if (word.length > 5 && /yz(e|es|ed|ing)$/.test(word)) return word.replace(/yz(?=(e|es|ed|ing)$)/, 'ys');
  return word;
}

/**
 * Surface words, lower-cased and normalised: curly quotes, possessives and contractions folded
 * ("pupil's" -> "pupil", "dm'd" -> "dm", "e-mail" -> "email"), British spelling.
 */
const MAX_WORD_CHARS = 40;

/** words() of short texts (a word, a staff phrase), which recur across questions; bounded. */
const shortWords = new Map<string, readonly string[]>();
const SHORT_TEXT_CHARS = 48;
/** words() of the last few longer texts: one question's text is read several times as it is answered. */
const recentWords: { text: string; words: readonly string[] }[] = [];
const RECENT_TEXTS = 4;

/**
 * The result is shared between callers (a question's words are read by the analysis, the
 * classifier's features and the safeguarding topics): read-only.
 */
export function words(text: string): readonly string[] {
  if (text.length <= SHORT_TEXT_CHARS) {
    let out = shortWords.get(text);
    if (out === undefined) {
      out = splitWords(text);
      if (shortWords.size > 20_000) shortWords.clear();
      shortWords.set(text, out);
    }
    return out;
  }
  for (const r of recentWords) if (r.text === text) return r.words;
  const out = splitWords(text);
  if (recentWords.length >= RECENT_TEXTS) recentWords.shift();
  recentWords.push({ text, words: out });
  return out;
}

function splitWords(text: string): readonly string[] {
  const cleaned = text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/\be-mail/g, 'email')
    .replace(/\b(can|won|shan)'t\b/g, '$1 not')
    .replace(/n't\b/g, ' not')
    .replace(/(\w)'(s|d|re|ve|ll|m)\b/g, '$1')
    .replace(/'/g, '')
    .replace(/[^a-z0-9]+/g, ' ');
  const out: string[] = [];
  for (const w of cleaned.split(' ')) {
    if (!w) continue;
    // No real word is this long; stemming one is quadratic in its length.
    if (w.length > MAX_WORD_CHARS) continue;
    const long = SHORTHAND[w];
    if (long) out.push(...long.split(' '));
    else out.push(toBritish(w));
  }
  return out;
}

/**
 * A light stem for matching staff phrases: plurals folded ("friend requests" = "friend request",
 * "bullies" = "bully") but not the Porter stem, which would merge "reporter" with "report".
 */
const LIGHT_STEM_KEEP = new Set(['news', 'always', 'perhaps', 'various', 'previous', 'series', 'lots', 'thanks', 'yes', 'its']);

export function lightStem(word: string): string {
  if (LIGHT_STEM_KEEP.has(word)) return word;
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && /(ss|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Words whose Porter stem would merge them with a different idea ("acceptable" is not "accept"). */
const STEM_EXCEPTIONS: Record<string, string> = {
  acceptable: 'acceptable', acceptably: 'acceptable', response: 'respond', responses: 'respond',
  // A reporter is the press, not the act of reporting a concern.
  reporter: 'reporter', reporters: 'reporter',
};

/** Index and query terms: stems of the words that carry meaning. */
export function terms(text: string): string[] {
  const out: string[] = [];
  let previous = '';
  for (const w of words(text)) {
    const skip = STOP_WORDS.has(w) || (w === 'following' && previous === 'the'); // "the following guidelines"
    previous = w;
    if (skip) continue;
    out.push(STEM_EXCEPTIONS[w] ?? stem(w));
  }
  return out;
}

/** Adjacent pairs of terms ("person_email", "email_address"), so phrases outrank scattered words. */
export function bigrams(stems: string[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < stems.length; i++) out.push(`${stems[i - 1]}_${stems[i]}`);
  return out;
}

/** editDistance's three rows, reused: typo correction compares a word with thousands of candidates. */
let rows = new Int32Array(3 * 64);

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions), capped at max+1. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  const width = n + 1;
  if (rows.length < 3 * width) rows = new Int32Array(3 * width * 2);
  // Row offsets into `rows`: two rows back, the previous row, the current row (rotated as they fill).
  let prev2 = 0;
  let prev = width;
  let cur = 2 * width;
  for (let j = 0; j <= n; j++) {
    rows[prev2 + j] = 0;
    rows[prev + j] = j;
    rows[cur + j] = 0;
  }
  for (let i = 1; i <= a.length; i++) {
    rows[cur] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(rows[prev + j] + 1, rows[cur + j - 1] + 1, rows[prev + j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        v = Math.min(v, rows[prev2 + j - 2] + 1);
      }
      rows[cur + j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const oldest = prev2;
    prev2 = prev;
    prev = cur;
    cur = oldest;
  }
  return rows[prev + n];
}
