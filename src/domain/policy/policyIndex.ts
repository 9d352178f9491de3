/**
 * Offline retrieval over the knowledge base. bm25.ts holds the inverted index and does the
 * BM25+ scoring (fields, per-term boosts; MiniSearch's scores, computed once per posting); this
 * module decides what the terms are:
 *
 * - clauses are indexed as passages (a clause with bullets: one passage per bullet, with the
 *   clause's lead-in), as stems plus adjacent-stem pairs so phrases outrank scattered words;
 * - the question is split into units (a word, or a staff phrase such as "friend request"), each
 *   carrying its own stems plus the policy's words for it from the staff vocabulary;
 * - a word the policy never uses is corrected to the nearest known word when it is one typo away
 *   ("facebok", "jurnalist", "collegue");
 * - results are re-ranked by coverage, the share of the question's units a passage matches, so a
 *   clause that answers the whole question beats one that only shares a rare word with it.
 *
 * The answer's confidence also comes from coverage (see `confidence`, docs/ANSWERS.md).
 */
import { Bm25Index } from './bm25';
import type { Clause } from './model';
import { clauseKey, type KnowledgeBase } from './knowledgeBase';
import { bigrams, editDistance, lightStem, stem, STOP_WORDS, terms, words } from './text';
import { GENERIC_WORDS, NEUTRAL_WORDS, SCHOOL_TOPICS, SETTING_TOPICS, ACT_WORDS, STAFF_VOCABULARY, type VocabularyEntry } from './vocabulary';
import { isEnglishWord } from './english';

/** Tuned on test/fixtures/questions.tune.json only (see docs/ANSWERS.md). */
export const TUNING = {
  /** Boost of vocabulary terms added to a word the policy also uses ("parents" -> carers, relatives). */
  expansionBoost: 0.4,
  /** Boost of vocabulary terms for a word the policy never uses ("hotmail" -> personal email addresses). */
  expansionOnlyBoost: 0.9,
  /** Boost of adjacent-stem pairs relative to their unit. */
  bigramBoost: 0.6,
  /** Coverage credit when only the added vocabulary, not the typed word, matches. */
  expansionOnlyCredit: 0.8,
  /** Coverage credit of a match in the clause's titles only. */
  titleCredit: 0.7,
  /** Unit weights scale with IDF relative to the mean, within these bounds. */
  minIdfWeight: 0.4,
  maxIdfWeight: 2.5,
  /** weight = (idf / mean idf) ^ idfPower, so rare topic words outweigh common verbs. */
  idfPower: 1,
  /** Boost of a neutral word ("school", "year") when the policy uses it. */
  neutralBoost: 0.15,
  /** Field weights: clause text vs. its section and subsection titles. */
  titleBoost: 0.35,
  /** Field weight of the clause's staff phrasings (aliases file): widens recall, never outranks the text. */
  aliasBoost: 0.35,
  /** Coverage credit of a match in the clause's staff phrasings only. */
  aliasCredit: 0.8,
  /** Coverage weight of a neutral word. */
  neutralWeight: 0.2,
  /** Vocabulary weight of a word only a general resource relates to the policy's words (semantic.ts). */
  relatedWeight: 0.7,
  /** Coverage weight of a word neither the policy nor the vocabulary knows. */
  unknownWeight: 0.8,
  /** In confidence, a word the policy uses elsewhere but not in this clause counts this much against. */
  unmatchedKnownPenalty: 0.4,
  /**
   * In confidence, a word neither the policy, its phrasings nor the vocabulary knows counts this
   * much against: mostly narrative ("bakery", "snow", "nephew"), not the question's topic.
   */
  unknownPenalty: 0.35,
  /** Content units a question has before the unexplained ones count less against (long scenarios). */
  storyUnits: 5,
  /** A single idea is capped when unexplained words weigh at least this share of it ("bring my cats"). */
  outweighed: 0.8,
  /** Confidence ceiling when a single idea matched only through the vocabulary or the staff phrasings. */
  weakEvidenceCap: 0.55,
  /** Weight of a school topic the policy may not deal with ("pay", "marking"): salient. */
  topicWeight: 1.5,
  /** In confidence, generic words (pupil, parent, staff, email) weigh this share of their weight. */
  genericFactor: 0.5,
  /** Indexes with more passages than this skip searching terms in commonTermShare of them or more. */
  commonTermIndexSize: 2000,
  commonTermShare: 0.25,
  /** Score factor of a clause whose case (sidecar `conditions`) the question does not name. */
  conditionFactor: 0.2,
  /** final = bm25 * coverage^coverageExponent */
  coverageExponent: 3,
  bm25: { k: 1.2, b: 0.6, d: 0.5 },
};

export interface QueryUnit {
  /** What the user typed for this unit (for debugging; never logged). */
  surface: string;
  kind: 'word' | 'phrase' | 'neutral' | 'unknown' | 'topic';
  /** Index terms of the words typed (that the policy uses). */
  own: string[];
  /** Index terms of the words typed that only the clauses' staff phrasings (aliases) use. */
  aliasOwn: string[];
  /** How many content terms were typed (a phrase matches fully only if all of them do). */
  typed: number;
  /** The policy's words for it from the vocabulary: alternatives, each one or more terms. */
  alternatives: string[][];
  /** Weight in coverage. */
  weight: number;
  /** The vocabulary entry's own weight (below 1: a loose association or a backdrop word). */
  base: number;
  /** A generic word (pupil, parent, email): says little on its own about which clause applies. */
  generic?: boolean;
  /** A school topic: its light-stemmed words, all of which a clause must contain to explain it. */
  topic?: string[];
  /** A topic that is as often a question's setting (a residential, the timetable) as its ask. */
  setting?: boolean;
}

export interface QueryAnalysis {
  units: QueryUnit[];
  /** Adjacent pairs of what was typed that the policy also has. */
  pairs: string[];
  /** Clause numbers the question names outright ("what does 7.6.15 say"), as keys. */
  references: string[];
  /** Asks how, where, when or who ("how do i upload my lesson plans"): a school topic in it is the ask, never the scene. */
  procedural?: boolean;
}

export interface Ranked {
  clause: Clause;
  key: string;
  score: number;
  /** Share of the question the best passage matches. */
  coverage: number;
  /** Confidence that this clause answers the question (see `confidence`). */
  confidence: number;
  /** Which of the clause's passages (`passagesOf`: one per bullet) matched best. */
  passage?: number;
}

interface CompiledPhrase {
  words: string[];
  alternatives: string[][];
  weight: number;
  /** A school topic (SCHOOL_TOPICS), not a vocabulary entry. */
  topic?: boolean;
  /** One of SETTING_TOPICS. */
  setting?: boolean;
}

/** Having or keeping people on a platform is being connected with them (7.6.15, 7.6.16, 7.6.17). */
const HAVE_PEOPLE_ON = new RegExp(
  String.raw`\b((?:have|having|keep|keeping|got|still got|still have)\s+(?:(?:some|any|a few|a couple|one|lots|loads|all|most|two|three)\s+(?:of\s+)?)?` +
    String.raw`(?:my|our|the|his|her|their)?\s*(?:old\s+|former\s+|ex\s+|current\s+)?` +
    String.raw`(?:pupils?|students?|kids|children|y\d{1,2}s|year\s?\d{1,2}s|yr\s?\d{1,2}s|parents?|mums?|dads?|carers?|colleagues?|class|tutor group|form group)` +
    String.raw`(?:\s+(?:of|from|in)\s+(?:my|our|the)\s+(?:class|form|tutor group|form group|pupils|students|kids|year\s?\d{1,2}s?|y\d{1,2}s?))?)` +
    String.raw`(\s+(?:as friends\s+)?on\s+(?:my\s+|their\s+|her\s+|his\s+)?(?:snap\w*|fb|facebook|insta\w*|ig|tiktok|twitter|x|whatsapp|socials|social media)\b)`,
  'gi',
);

/** A question about how to work a routine, or where, when or who: its school topic is what is asked. */
// Residue a cut framing or aside leaves in front ("so where…", ": where…", "Q: where…") does not hide the opener.
const PROCEDURAL = /^[\s\p{P}]*(?:(?:so|but|and|ok|okay|then|q)\b[\s\p{P}]*)?(?:how (?:do|can|should|would) (?:i|we|you)|how to|where (?:do|can|should|is|are) |when (?:is|are|does|do|will) |who (?:is|are|does|do|runs|organises) |what time )/iu;

/** A year group, also as a plural ("my y9s", "year 8s"). */
const YEAR_GROUP = /^(?:y|yr|year)(\d{1,2})s?$/;
const AGE_PREFIX = new Set(['is', 'now', 'aged', 'age', 'turned', 'only', 'just', 'who', 'whos', 'he', 'she', 'theyre']);
const alternativesOf = (policy: string): string[][] => policy.split(',').map((p) => terms(p)).filter((a) => a.length > 0);
/** Who is involved (a pupil, a parent, the press) decides most questions: same weight as the vocabulary's people. */
const PEOPLE_WEIGHT = 1.4;
const PUPIL = alternativesOf('pupils, students');
const UNDER_18 = alternativesOf('under the age of eighteen');

/** Terms a unit can start or end a policy phrase with: its own last/first term and its alternatives'. */
function edgeTerms(unit: QueryUnit, edge: 'first' | 'last'): string[] {
  const out = new Set<string>();
  const pick = (list: string[]) => list[edge === 'first' ? 0 : list.length - 1];
  if (unit.own.length) out.add(pick(unit.own));
  if (unit.aliasOwn.length) out.add(pick(unit.aliasOwn));
  for (const alt of unit.alternatives) out.add(pick(alt));
  return [...out];
}

/**
 * Retrieval passages of a clause: a clause with bullets is searched bullet by bullet, each with
 * the clause's lead-in, so a long clause (8.1 has six separate rules) matches on the rule that
 * fits rather than on the sum of all its words. Answers still cite and quote the whole clause.
 */
export function passagesOf(text: string): string[] {
  const lines = text.split('\n');
  const lead: string[] = [];
  let i = 0;
  while (i < lines.length && !/^\s*[-*+]\s/.test(lines[i])) lead.push(lines[i++]);
  if (i >= lines.length) return [text];
  const leadText = lead.join(' ');
  const passages: string[] = [];
  for (; i < lines.length; i++) passages.push(`${leadText} ${lines[i].replace(/^\s*[-*+]\s/, '')}`);
  return passages;
}

/**
 * A question's units for measuring passages, built once per analysis (`prepare`): each distinct
 * term of the question gets a bit, and every passage, title and staff-phrasing set a mask of the
 * question's terms it has, so a credit is a few bit tests; the units' fields as numbers.
 */
interface PreparedUnit {
  /** Bits of the unit's own, alias-only and alternative terms (-1: a term no set has). */
  own: Int32Array;
  aliasOwn: Int32Array;
  alternatives: Int32Array[];
  /** For a school topic: ` its light stems ` as searched in a clause's words. */
  needle?: string;
  /** isAct(unit). */
  act: boolean;
}

interface Prepared {
  units: PreparedUnit[];
  /** Units that are not neutral words. */
  content: number;
  setting: boolean;
  /** 32-bit words per mask. */
  width: number;
  /** Per unit: its weight, base weight, typed count and flags (UNIT_* bits). */
  weight: Float64Array;
  base: Float64Array;
  typed: Int32Array;
  flags: Int32Array;
  /** Per unit, scratch for one passage's credits (measure). */
  credit: Float64Array;
  own: Float64Array;
  /** Stamp of this analysis in the index's per-passage memo. */
  stamp: number;
  /** Every term the question names, typed or through the vocabulary: for clauses' conditions (rank). */
  asked?: Set<string>;
}

/** Lists of numbers per term id, all in one array: term id's at `start[id]` up to `start[id + 1]`. */
interface Holders { start: Int32Array; list: Int32Array }

/** Whether two sets have a member in common. */
function sharesAny(a: Set<string>, b: Set<string>): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}

/** Whether the mask at `at` has the bit (-1, a term no set has: never). */
function hasBit(mask: Uint32Array, at: number, bit: number): boolean {
  return bit >= 0 && ((mask[at + (bit >>> 5)] >>> (bit & 31)) & 1) === 1;
}

const UNIT_GENERIC = 1;
const UNIT_TOPIC = 2;
const UNIT_SETTING = 4;
const UNIT_NEUTRAL = 8;
const UNIT_UNKNOWN = 16;
/** A word, or a phrase the policy, its phrasings or the vocabulary know (`known` in measure). */
const UNIT_KNOWN = 32;
/** Has own or alias-only terms: an alternative alone earns only expansionOnlyCredit. */
const UNIT_TYPED_TERMS = 64;

export class PolicyIndex {
  /** BM25+ over the passages (bm25.ts): fields text, title, alias, document number = passage number. */
  private readonly search: Bm25Index;
  private readonly clauses = new Map<string, Clause>();
  /** Index term -> number of clauses containing it. */
  private readonly df = new Map<string, number>();
  /**
   * Term -> id, for the sets of terms below: each a sorted Int32Array of ids, so measuring a
   * passage against a question is integer look-ups into data built once (docs/PERFORMANCE.md).
   */
  private readonly termIds = new Map<string, number>();
  /** Per passage (by number, the search's document number): its clause's number, its number within the clause. */
  private readonly passageClause: number[] = [];
  private readonly passageNo: number[] = [];
  /** Per clause (by number): its key, the clause, its passages' numbers. */
  private readonly clauseKeys: string[] = [];
  private readonly clauseList: Clause[] = [];
  private readonly clausePassages: number[][] = [];
  private readonly clauseNumber = new Map<string, number>();
  /**
   * Per clause: its text, titles and each staff phrasing as light-stemmed words, space-joined,
   * ` | ` between them: a school topic is explained only by a clause that says it as a phrase.
   */
  private readonly clauseWords: string[] = [];
  /** Index term -> number of clauses whose staff phrasings contain it. */
  private readonly aliasDf = new Map<string, number>();
  private meanIdf = 1;
  /** Index term -> number of passages containing it. */
  private readonly passageDf = new Map<string, number>();
  /** First light stem -> staff phrases starting with it, longest first. */
  private readonly phrases = new Map<string, CompiledPhrase[]>();
  /** Surface words for typo correction, bucketed by length. */
  private readonly dictionary = new Map<number, string[]>();
  /** How often each surface word occurs (policy text counts; vocabulary and phrasings add one). */
  private readonly frequency = new Map<string, number>();
  private readonly known = new Set<string>();
  /** Stems of ACT_WORDS: a unit that has one is something staff do that the policy governs. */
  private readonly actTerms = new Set(ACT_WORDS.flatMap((w) => terms(w)));
  /** Clause key -> stems of its case (sidecar `conditions`). */
  private readonly conditions = new Map<string, Set<string>>();
  private readonly correctionCache = new Map<string, string | null>();
  private readonly ids = new Map<string, string[]>();
  /**
   * Each passage's coverage and confidence against the last analysis measured (`memoStamp` =
   * its stamp): a question's retrieval measures a passage in the ranking, again for its clause's
   * confidence, and again when the classifier proposes its clause. The index never changes, and
   * a QueryAnalysis is never modified once made, so the figures stay valid for that analysis.
   */
  private readonly memoCoverage: Float64Array;
  private readonly memoConfidence: Float64Array;
  private readonly memoStamp: Int32Array;
  /**
   * Term id -> passages whose text has it; clauses whose titles, whose staff phrasings have it:
   * each all terms' lists in one array, term id's at `start[id]` up to `start[id + 1]`.
   */
  private readonly textHolders: Holders;
  private readonly titleHolders: Holders;
  private readonly aliasHolders: Holders;
  /** Per passage / clause: the masks of the prepared question's terms it has (`width` words each). */
  private passageMask: Uint32Array = new Uint32Array(0);
  private titleMask: Uint32Array = new Uint32Array(0);
  private aliasMask: Uint32Array = new Uint32Array(0);
  /** Per clause: how many terms its staff phrasings have. */
  private readonly aliasSize: number[] = [];
  private stamp = 0;
  private lastAnalysis: QueryAnalysis | undefined;
  private lastPrepared: Prepared | undefined;
  readonly size: number;

  /**
   * `related`: the policy's words for a word neither the policy, its phrasings nor the vocabulary
   * know, from a general resource (word vectors, WordNet: semantic.ts); none by default.
   */
  constructor(private readonly kb: KnowledgeBase, private readonly related: (word: string) => string[] = () => []) {
    const idsOf = (list: Iterable<string>): Int32Array => {
      const out = new Set<number>();
      for (const t of list) {
        let id = this.termIds.get(t);
        if (id === undefined) this.termIds.set(t, (id = this.termIds.size));
        out.add(id);
      }
      return Int32Array.from(out).sort();
    };
    for (const [key, ws] of kb.conditions) this.conditions.set(key, new Set(ws.flatMap((w) => terms(w))));
    // Per passage, its fields' tokens: text, title, alias (the search's field order).
    const docs: string[][][] = [];
    // Index term ids (sorted) of each passage's text, each clause's titles, each clause's staff phrasings.
    const passageTerms: Int32Array[] = [];
    const titleTerms: Int32Array[] = [];
    const aliasTerms: Int32Array[] = [];
    const surface = new Map<string, number>();
    for (const clause of kb.clauses) {
      const key = clauseKey(clause.docId, clause.id);
      if (this.clauseNumber.has(key)) throw new Error(`duplicate clause ${key}`);
      const c = this.clauseKeys.length;
      this.clauses.set(key, clause);
      this.clauseNumber.set(key, c);
      this.clauseKeys.push(key);
      this.clauseList.push(clause);
      const heading = clause.title === clause.section.title ? clause.title : `${clause.section.title} ${clause.title}`;
      const headingTerms = terms(heading);
      const title = [...headingTerms, ...bigrams(headingTerms)];
      const all = new Set<string>(title);
      titleTerms.push(idsOf(title));
      // Staff phrasings: each phrase's stems and pairs (pairs never cross phrases), once each.
      const aliasSet = new Set<string>();
      for (const phrase of kb.aliases.get(key) ?? []) {
        const t = terms(phrase);
        for (const x of [...t, ...bigrams(t)]) aliasSet.add(x);
        for (const w of words(phrase)) if (!surface.has(w)) surface.set(w, 0);
      }
      aliasTerms.push(idsOf(aliasSet));
      for (const t of aliasSet) this.aliasDf.set(t, (this.aliasDf.get(t) ?? 0) + 1);
      const alias = [...aliasSet];
      this.clauseWords.push(` ${[clause.text, heading, ...(kb.aliases.get(key) ?? [])].map((t) => words(t).map(lightStem).join(' ')).join(' | ')} `);
      const passages = kb.titleOnly.has(key) ? [''] : passagesOf(clause.text);
      const numbers: number[] = [];
      passages.forEach((passage, n) => {
        const textTerms = terms(passage);
        const text = [...textTerms, ...bigrams(textTerms)];
        numbers.push(docs.length);
        docs.push([text, title, alias]);
        passageTerms.push(idsOf(text));
        this.passageClause.push(c);
        this.passageNo.push(n);
        for (const t of text) all.add(t);
        for (const t of new Set([...text, ...title, ...aliasSet])) this.passageDf.set(t, (this.passageDf.get(t) ?? 0) + 1);
      });
      this.clausePassages.push(numbers);
      for (const t of all) this.df.set(t, (this.df.get(t) ?? 0) + 1);
      for (const w of words(`${clause.text} ${heading}`)) surface.set(w, (surface.get(w) ?? 0) + 1);
      const list = this.ids.get(clause.id.toLowerCase()) ?? [];
      list.push(key);
      this.ids.set(clause.id.toLowerCase(), list);
    }
    this.search = new Bm25Index(docs, [1, TUNING.titleBoost, TUNING.aliasBoost], TUNING.bm25);
    this.size = docs.length;
    this.memoCoverage = new Float64Array(docs.length);
    this.memoConfidence = new Float64Array(docs.length);
    this.memoStamp = new Int32Array(docs.length);
    const invert = (sets: Int32Array[]): Holders => {
      const start = new Int32Array(this.termIds.size + 1);
      for (const set of sets) for (const id of set) start[id + 1]++;
      for (let id = 0; id < this.termIds.size; id++) start[id + 1] += start[id];
      const next = start.slice(0, this.termIds.size);
      const list = new Int32Array(start[this.termIds.size]);
      sets.forEach((set, n) => { for (const id of set) list[next[id]++] = n; });
      return { start, list };
    };
    this.textHolders = invert(passageTerms);
    this.titleHolders = invert(titleTerms);
    this.aliasHolders = invert(aliasTerms);
    for (const set of aliasTerms) this.aliasSize.push(set.length);
    let idfSum = 0;
    let idfCount = 0;
    for (const [t] of this.df) {
      if (t.includes('_')) continue;
      idfSum += this.idf(t);
      idfCount++;
    }
    this.meanIdf = idfCount ? idfSum / idfCount : 1;

    for (const entry of [...STAFF_VOCABULARY, ...kb.vocabulary]) this.addVocabulary(entry, surface);
    for (const topic of [...SCHOOL_TOPICS, ...kb.otherTopics]) this.addTopic(topic, surface);
    for (const list of this.phrases.values()) list.sort((a, b) => b.words.length - a.words.length);
    for (const [w, n] of surface) {
      if (w.length < 4 || /\d/.test(w)) continue;
      this.frequency.set(w, n + 1);
      this.known.add(w);
      const bucket = this.dictionary.get(w.length) ?? [];
      bucket.push(w);
      this.dictionary.set(w.length, bucket);
    }
  }

  private addVocabulary(entry: VocabularyEntry, surface: Map<string, number>): void {
    const alternatives = alternativesOf(entry.policy);
    for (const phrase of entry.staff) {
      const ws = words(phrase).map(lightStem);
      if (!ws.length) continue;
      const list = this.phrases.get(ws[0]) ?? [];
      const same = list.find((p) => p.words.join(' ') === ws.join(' '));
      if (same) {
        same.alternatives = [...same.alternatives, ...alternatives];
        same.weight = Math.max(same.weight, entry.weight ?? 1);
      } else list.push({ words: ws, alternatives, weight: entry.weight ?? 1 });
      this.phrases.set(ws[0], list);
      // Every word of a staff phrase is a word typos can be corrected to.
      for (const w of words(phrase)) if (!surface.has(w)) surface.set(w, 0);
    }
  }

  /** A school topic; a staff phrase spelled the same way stays a vocabulary entry. */
  private addTopic(topic: string, surface: Map<string, number>): void {
    const ws = words(topic).map(lightStem);
    if (!ws.length) return;
    const list = this.phrases.get(ws[0]) ?? [];
    if (list.some((p) => p.words.join(' ') === ws.join(' '))) return;
    list.push({ words: ws, alternatives: [], weight: TUNING.topicWeight, topic: true, setting: SETTING_TOPICS.has(topic) });
    this.phrases.set(ws[0], list);
    const single = words(topic);
    if (single.length === 1 && !surface.has(single[0])) surface.set(single[0], 0);
  }

  /** A school topic: searched by its words where the policies use them, credited only as a phrase. */
  private topicUnit(surface: string, phrase: CompiledPhrase): QueryUnit {
    const typed = [...new Set(terms(surface))];
    return {
      surface, kind: 'topic', own: typed.filter((t) => this.df.has(t)), aliasOwn: typed.filter((t) => !this.df.has(t) && this.aliasDf.has(t)),
      typed: typed.length, alternatives: [], weight: phrase.weight, base: 1, topic: phrase.words, setting: phrase.setting,
    };
  }

  clause(key: string): Clause | undefined {
    return this.clauses.get(key);
  }

  private idf(term: string): number {
    return Math.log(1 + this.clauses.size / (this.df.get(term) ?? 1));
  }

  /** Rarity of a term only the staff phrasings use. */
  private aliasIdf(term: string): number {
    return Math.log(1 + this.clauses.size / (this.aliasDf.get(term) ?? 1));
  }

  /** Whether the policy text or any clause's staff phrasings use this term. */
  private knows(term: string): boolean {
    return this.df.has(term) || this.aliasDf.has(term);
  }

  /** A phrase is as rare as its rarest adjacent pair the policy has; a word as itself. */
  private phraseIdf(alt: string[]): number {
    let idf = alt.length === 1 ? this.idf(alt[0]) : 0;
    for (const p of bigrams(alt)) if (this.df.has(p)) idf = Math.max(idf, this.idf(p));
    return idf || Math.max(...alt.map((t) => this.idf(t)));
  }

  /** Whether the policy text uses this term. */
  hasTerm(term: string): boolean {
    return this.df.has(term);
  }

  /**
   * The nearest word the policy, its staff phrasings or the vocabulary know, if `word` is a typo
   * of it: edit distance 1 for words of 4 letters, up to 2 from 5 letters (transpositions count
   * one). A common English word is never a typo ("park" is not "part", "pension" not "person"), nor
   * one made of a prefix and one ("reorder" is not "reporter"),
   * and two edits must keep the first letter, which phone typos rarely hit, and leave five letters.
   */
  private correct(word: string): string | null {
    if (word.length < 4 || /\d/.test(word)) return null;
    const cached = this.correctionCache.get(word);
    if (cached !== undefined) return cached;
    let result: string | null = null;
    if (!isEnglishWord(word)) {
      const max = word.length >= 5 ? 2 : 1;
      let best: string | null = null;
      let bestDistance = max + 1;
      let bestScore = -Infinity;
      for (let len = word.length - max; len <= word.length + max; len++) {
        for (const candidate of this.dictionary.get(len) ?? []) {
          // "broken" is not a typo of "broke", nor "meant" of "mean": inflections are not typos.
          if (candidate.startsWith(word) || word.startsWith(candidate)) continue;
          const d = editDistance(word, candidate, Math.min(max, bestDistance));
          // Two edits must keep the first letter, and leave a word of five letters or more: two
          // edits into a four-letter word change half of it ("feral" is not "feel", "senco" not "send").
          if (d > max || (d === 2 && (candidate[0] !== word[0] || candidate.length < 5))) continue;
          // Nearest first; then the one sharing the first letter; then the commoner word.
          const score = (candidate[0] === word[0] ? 1000 : 0) + (this.frequency.get(candidate) ?? 0);
          if (d < bestDistance || (d === bestDistance && score > bestScore)) {
            best = candidate;
            bestDistance = d;
            bestScore = score;
          }
        }
      }
      result = bestDistance <= max ? best : null;
    }
    if (this.correctionCache.size > 10_000) this.correctionCache.clear();
    this.correctionCache.set(word, result);
    return result;
  }

  /** A word the analysis knows what to do with, so never a typo. */
  private recognised(w: string): boolean {
    return w.length < 4 || /\d/.test(w) || STOP_WORDS.has(w) || NEUTRAL_WORDS.has(w) || this.known.has(w) || this.phrases.has(lightStem(w)) || this.knows(stem(w));
  }

  private matchPhrase(light: string[], at: number): CompiledPhrase | undefined {
    for (const phrase of this.phrases.get(light[at]) ?? []) {
      if (at + phrase.words.length > light.length) continue;
      let ok = true;
      for (let j = 1; j < phrase.words.length && ok; j++) ok = phrase.words[j] === light[at + j];
      if (ok) return phrase;
    }
    return undefined;
  }

  private unit(surface: string, kind: QueryUnit['kind'], typed: string[], alternatives: string[][], weight = 1): QueryUnit {
    const typedTerms = [...new Set(terms(typed.join(' ')))];
    const own = typedTerms.filter((t) => this.df.has(t));
    const aliasOwn = typedTerms.filter((t) => !this.df.has(t) && this.aliasDf.has(t));
    const alts: string[][] = [];
    for (const alt of alternatives) {
      if (!alt.every((t) => this.knows(t))) continue; // neither the policy nor its phrasings say it this way
      if (alt.length === 1 && own.includes(alt[0])) continue;
      if (!alts.some((a) => a.join(' ') === alt.join(' '))) alts.push(alt);
    }
    // Rare words say more about which clause applies than common ones: weight by IDF. What was
    // typed counts by its own rarity; a word known only through the vocabulary counts by the most
    // common way the policy says it ("insta" is as common as "social media").
    let idf = 0;
    if (own.length) {
      for (const t of own) idf = Math.max(idf, this.idf(t));
      // A staff phrase of several words ("my own email account") is as specific as the policy's
      // words for it ("personal email addresses"), however common its own words are.
      if (typedTerms.length > 1 && alts.length) idf = Math.max(idf, Math.min(...alts.map((alt) => this.phraseIdf(alt))));
    } else if (aliasOwn.length) for (const t of aliasOwn) idf = Math.max(idf, this.aliasIdf(t));
    else if (alts.length) idf = Math.min(...alts.map((alt) => this.phraseIdf(alt)));
    const ratio = Math.pow(idf / this.meanIdf, TUNING.idfPower);
    const scaled = idf ? weight * Math.min(TUNING.maxIdfWeight, Math.max(TUNING.minIdfWeight, ratio)) : weight;
    const light = typed.flatMap((t) => words(t)).map(lightStem);
    const generic = light.length > 0 && (GENERIC_WORDS.has(light.join(' ')) || light.every((w) => GENERIC_WORDS.has(w)));
    return { surface, kind, own, aliasOwn, typed: typedTerms.length, alternatives: alts, weight: kind === 'neutral' ? weight : scaled, base: weight, generic };
  }

  /** `expand`: give words nobody listed the policy's words from the general resource (`related`). */
  analyse(asked: string, expand = true): QueryAnalysis {
    // "keep my y11s on snapchat", "i have parents on fb": people someone has on a platform are connections.
    const question = asked.replace(HAVE_PEOPLE_ON, '$1 connected $2');
    const references: string[] = [];
    for (const m of question.matchAll(/\b(\d+(?:\.\d+)+)\b|\bappendix\s+([a-z])\b/gi)) {
      const id = m[1] ?? `appendix ${m[2].toLowerCase()}`;
      for (const key of this.ids.get(id.toLowerCase()) ?? []) if (!references.includes(key)) references.push(key);
    }

    const names = this.names(question);
    // Typos first, so a corrected word can complete a staff phrase ("out of ofice").
    const ws = words(question.replace(/\b\d+(?:\.\d+)+\b/g, ' ')).filter((w) => !names.has(w)).map((w) => (this.recognised(w) ? w : this.correct(w) ?? w));
    const light = ws.map(lightStem);
    const units: QueryUnit[] = [];
    const typed: string[] = [];

    for (let i = 0; i < ws.length; i++) {
      const w = ws[i];
      const year = YEAR_GROUP.exec(w);
      if (year || ((w === 'year' || w === 'yr' || w === 'y') && /^\d{1,2}s?$/.test(ws[i + 1] ?? ''))) {
        units.push({ ...this.unit(w, 'phrase', [], PUPIL, PEOPLE_WEIGHT), generic: true });
        if (!year) i++;
        continue;
      }
      if (/^\d+$/.test(w)) {
        const n = Number(w);
        if (n >= 11 && n <= 17 && AGE_PREFIX.has(ws[i - 1] ?? '')) units.push(this.unit(w, 'phrase', [], UNDER_18, PEOPLE_WEIGHT));
        else if (this.df.has(w)) units.push(this.unit(w, 'word', [w], []));
        continue;
      }
      const phrase = this.matchPhrase(light, i);
      if (phrase?.topic) {
        const span = ws.slice(i, i + phrase.words.length);
        units.push(this.topicUnit(span.join(' '), phrase));
        typed.push(...span);
        i += phrase.words.length - 1;
        continue;
      }
      if (phrase) {
        const span = ws.slice(i, i + phrase.words.length);
        units.push(this.unit(span.join(' '), 'phrase', span, phrase.alternatives, phrase.weight));
        typed.push(...span);
        i += phrase.words.length - 1;
        continue;
      }
      if (STOP_WORDS.has(w)) continue;
      // A lone letter no staff phrase starts with ("Q: …", a kiss at the end: "… x") says nothing.
      if (/^[a-z]$/.test(w)) continue;
      typed.push(w);
      if (NEUTRAL_WORDS.has(w)) {
        units.push(this.unit(w, 'neutral', [w], [], TUNING.neutralWeight));
        continue;
      }
      if (this.knows(stem(w))) {
        units.push(this.unit(w, 'word', [w], []));
        continue;
      }
      const corrected = this.known.has(w) ? null : this.correct(w);
      if (corrected) {
        const fixed = this.matchPhrase([lightStem(corrected)], 0);
        if (fixed?.topic && fixed.words.length === 1) {
          units.push(this.topicUnit(corrected, fixed));
          continue;
        }
        if (fixed && fixed.words.length === 1) {
          units.push(this.unit(corrected, 'phrase', [corrected], fixed.alternatives, fixed.weight));
          continue;
        }
        if (this.knows(stem(corrected))) {
          units.push(this.unit(corrected, 'word', [corrected], []));
          continue;
        }
      }
      const relatives = (expand ? this.related(w) : []).map((r) => terms(r)).filter((t) => t.length > 0 && t.every((x) => this.knows(x)));
      if (relatives.length) {
        // A loose association: it can help a clause that explains the rest, never carry one alone.
        units.push(this.unit(w, 'phrase', [w], relatives, TUNING.relatedWeight));
        continue;
      }
      units.push({ surface: w, kind: 'unknown', own: [], aliasOwn: [], typed: 1, alternatives: [], weight: TUNING.unknownWeight, base: 1 });
    }
    // Pairs across neighbouring units, through their vocabulary too: "purpose of this policy"
    // meets the policy's "objectives of this policy".
    const pairs = new Set(bigrams(terms(typed.join(' '))).filter((p) => this.knows(p)));
    for (let u = 1; u < units.length; u++) {
      const left = edgeTerms(units[u - 1], 'last');
      const right = edgeTerms(units[u], 'first');
      for (const a of left) for (const b of right) if (this.knows(`${a}_${b}`)) pairs.add(`${a}_${b}`);
    }
    return { units, pairs: [...pairs], references, procedural: PROCEDURAL.test(question) };
  }

  /**
   * People's names ("a girl called Jamie Example"): capitalised words inside a sentence that
   * neither the policy nor the vocabulary knows. They say nothing about which clause applies and
   * must not count against the answer as unknown words would.
   */
  private names(question: string): Set<string> {
    const out = new Set<string>();
    for (const m of question.matchAll(/(?<=^|[^.!?\s]\s{1,3})([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b/g)) {
      const w = m[1].toLowerCase();
      if (STOP_WORDS.has(w) || NEUTRAL_WORDS.has(w) || this.known.has(w) || this.phrases.has(lightStem(w)) || this.knows(stem(w))) continue;
      out.add(w);
    }
    return out;
  }

  /** The analysis's units as bits and numbers, once per analysis; a new analysis starts a new memo. */
  private prepare(analysis: QueryAnalysis): Prepared {
    if (analysis === this.lastAnalysis && this.lastPrepared) return this.lastPrepared;
    // A bit per distinct term of the question that some set has.
    const bitOf = new Map<number, number>();
    const bits = (list: string[]): Int32Array => {
      const out = new Int32Array(list.length);
      for (let i = 0; i < list.length; i++) {
        const id = this.termIds.get(list[i]);
        let bit = id === undefined ? -1 : bitOf.get(id);
        if (bit === undefined) bitOf.set(id as number, (bit = bitOf.size));
        out[i] = bit;
      }
      return out;
    };
    const units = analysis.units.map((unit): PreparedUnit => ({
      own: bits(unit.own),
      aliasOwn: bits(unit.aliasOwn),
      alternatives: unit.alternatives.map(bits),
      needle: unit.topic ? ` ${unit.topic.join(' ')} ` : undefined,
      act: this.isAct(unit),
    }));
    const width = Math.max(1, Math.ceil(bitOf.size / 32));
    const fill = (mask: Uint32Array, count: number, { start, list }: Holders): Uint32Array => {
      const out = mask.length >= count * width ? mask : new Uint32Array(count * width * 2);
      out.fill(0, 0, count * width);
      for (const [id, bit] of bitOf) {
        const word = bit >>> 5;
        const flag = 1 << (bit & 31);
        for (let i = start[id]; i < start[id + 1]; i++) out[list[i] * width + word] |= flag;
      }
      return out;
    };
    this.passageMask = fill(this.passageMask, this.passageClause.length, this.textHolders);
    this.titleMask = fill(this.titleMask, this.clauseKeys.length, this.titleHolders);
    this.aliasMask = fill(this.aliasMask, this.clauseKeys.length, this.aliasHolders);
    if (++this.stamp === 0x7fffffff) {
      this.stamp = 1;
      this.memoStamp.fill(0);
    }
    const n = units.length;
    const weight = new Float64Array(n);
    const base = new Float64Array(n);
    const typed = new Int32Array(n);
    const flags = new Int32Array(n);
    let content = 0;
    let setting = false;
    for (let i = 0; i < n; i++) {
      const u = analysis.units[i];
      weight[i] = u.weight;
      base[i] = u.base;
      typed[i] = u.typed;
      if (u.kind !== 'neutral') content++;
      if (u.setting) setting = true;
      const known = u.kind === 'word' || (u.kind === 'phrase' && (u.own.length > 0 || u.aliasOwn.length > 0 || u.alternatives.length > 0));
      flags[i] = (u.generic ? UNIT_GENERIC : 0) | (u.topic ? UNIT_TOPIC : 0) | (u.setting ? UNIT_SETTING : 0)
        | (u.kind === 'neutral' ? UNIT_NEUTRAL : 0) | (u.kind === 'unknown' ? UNIT_UNKNOWN : 0) | (known ? UNIT_KNOWN : 0)
        | (u.own.length || u.aliasOwn.length ? UNIT_TYPED_TERMS : 0);
    }
    const prepared: Prepared = {
      units, content, setting, width, weight, base, typed, flags,
      credit: new Float64Array(n),
      own: new Float64Array(n),
      stamp: this.stamp,
    };
    this.lastAnalysis = analysis;
    this.lastPrepared = prepared;
    return prepared;
  }

  /** How far the set at `at` of `mask` (a passage's text, a clause's titles or phrasings) explains unit `i`. */
  private setCredit(prepared: Prepared, i: number, mask: Uint32Array, at: number): number {
    const unit = prepared.units[i];
    const unitTyped = prepared.typed[i];
    let typed = 0;
    for (let j = 0; j < unit.own.length; j++) if (hasBit(mask, at, unit.own[j])) typed++;
    for (let j = 0; j < unit.aliasOwn.length; j++) if (hasBit(mask, at, unit.aliasOwn[j])) typed++;
    if (typed && typed === unitTyped) return 1;
    let best = 0;
    for (const alt of unit.alternatives) {
      let hit = 0;
      for (let j = 0; j < alt.length; j++) if (hasBit(mask, at, alt[j])) hit++;
      best = Math.max(best, Math.pow(hit / alt.length, 2));
    }
    return Math.max(unitTyped ? typed / unitTyped : 0, best * (prepared.flags[i] & UNIT_TYPED_TERMS ? TUNING.expansionOnlyCredit : 1));
  }

  /**
   * Coverage (for ranking): the matched share of the question's weight. Confidence (for answered
   * vs not covered): how much of the question's salient content the clause explains, through its
   * text, titles or staff phrasings. A word the policy uses elsewhere but not in this clause
   * counts partly against it; a word the policy never uses, or a school topic the clause does not
   * name, counts fully: questions the policy does not cover are made of such words. Generic words
   * (pupil, parent, email) weigh half, and cannot carry an answer on their own.
   * Measures passage `p` (by number) into the memo: `memoCoverage[p]`, `memoConfidence[p]`.
   */
  private measure(analysis: QueryAnalysis, prepared: Prepared, p: number): void {
    if (this.memoStamp[p] === prepared.stamp) return;
    const c = this.passageClause[p];
    const { width, flags, weight: weights, base, credit: credits, own: owns } = prepared;
    const passageAt = p * width;
    const clauseAt = c * width;
    const hasAlias = this.aliasSize[c] > 0;
    const clauseWords = this.clauseWords[c];
    const n = prepared.units.length;
    let total = 0;
    let matched = 0;
    let explained = 0;
    let against = 0;
    let ideas = 0;
    let solid = false;
    /** Weight of unknown words and school topics the clause does not explain. */
    let unexplained = 0;
    let ideaWeight = 0;
    let strong = false;
    for (let i = 0; i < n; i++) {
      const needle = prepared.units[i].needle;
      if (needle !== undefined) {
        credits[i] = clauseWords.includes(needle) ? 1 : 0;
        owns[i] = 0;
        continue;
      }
      let own = this.setCredit(prepared, i, this.passageMask, passageAt);
      let credit = own;
      if (own < 1) {
        own = Math.max(own, this.setCredit(prepared, i, this.titleMask, clauseAt) * TUNING.titleCredit);
        credit = hasAlias ? Math.max(own, this.setCredit(prepared, i, this.aliasMask, clauseAt) * TUNING.aliasCredit) : own;
      }
      credits[i] = credit;
      owns[i] = own;
    }
    // An act the clause governs (pictures of pupils, a post on the school account, a vent online):
    // two ideas it explains, one from its own words. A setting topic beside it ("from the
    // residential", "about the new timetable") is the scene, not the ask: it counts as a school word.
    let act = false;
    if (!analysis.procedural && prepared.setting) {
      let acts = 0;
      let anyAct = false;
      let anyOwn = false;
      for (let i = 0; i < n; i++) {
        if (flags[i] & (UNIT_TOPIC | UNIT_NEUTRAL | UNIT_GENERIC) || credits[i] < 0.5) continue;
        acts++;
        if (prepared.units[i].act) anyAct = true;
        if (base[i] >= 1 && owns[i] >= 0.5) anyOwn = true;
      }
      act = acts >= 2 && anyAct && anyOwn;
    }
    for (let i = 0; i < n; i++) {
      const f = flags[i];
      // A scene is counted as a neutral word that is not a topic, with no credit.
      const scene = act && (f & UNIT_SETTING) !== 0 && credits[i] < 0.5;
      const unitWeight = scene ? TUNING.neutralWeight : weights[i];
      const credit = scene ? 0 : credits[i];
      const own = scene ? 0 : owns[i];
      const neutral = scene || (f & UNIT_NEUTRAL) !== 0;
      const unknown = !scene && (f & UNIT_UNKNOWN) !== 0;
      const topic = !scene && (f & UNIT_TOPIC) !== 0;
      const generic = (f & UNIT_GENERIC) !== 0;
      total += unitWeight;
      matched += unitWeight * credit;
      const weight = unitWeight * (generic ? TUNING.genericFactor : 1);
      explained += weight * credit;
      const known = !scene && (f & UNIT_KNOWN) !== 0;
      against += weight * (1 - credit) * (known ? TUNING.unmatchedKnownPenalty : unknown ? TUNING.unknownPenalty : 1);
      if ((unknown || topic) && credit < 0.5) unexplained += unitWeight;
      if (!neutral && !generic && credit >= 0.5) {
        ideas++;
        ideaWeight += unitWeight;
        if (base[i] >= 1) strong = true;
        // Evidence from the clause's own words, for an idea that is not a loose association.
        if (base[i] >= 1 && (own >= 0.5 || topic)) solid = true;
      }
    }
    // A long scenario carries more story than a short question: beyond a few content units,
    // what goes unexplained counts against the clause by the square root of their share.
    const content = prepared.content;
    if (content > TUNING.storyUnits) against *= Math.sqrt(TUNING.storyUnits / content);
    let confidence = explained === 0 ? 0 : explained / (explained + against);
    // Only generic words, or one idea matched only through the vocabulary or the staff phrasings
    // ("holidays" -> working hours, "inset" -> a Teams training event): too little to quote a rule.
    // Unknown words weigh little against a clause (mostly narrative), but one idea next to as
    // much that nothing explains ("bring my cats", "a trip to the zoo") is not a question the
    // clause answers.
    // Backdrop ideas alone ("post", "fb") say which policy, not which clause.
    if (ideas === 0 || !strong || (ideas === 1 && (!solid || unexplained >= TUNING.outweighed * ideaWeight))) confidence = Math.min(confidence, TUNING.weakEvidenceCap);
    this.memoCoverage[p] = total === 0 ? 0 : matched / total;
    this.memoConfidence[p] = confidence;
    this.memoStamp[p] = prepared.stamp;
  }

  /**
   * Per unit of the question, how far a clause's passage explains it: `own` through its text (or
   * titles), `credit` also through its staff phrasings. For the scope gate (scope.ts).
   */
  explain(analysis: QueryAnalysis, key: string, passage = 0): { unit: QueryUnit; credit: number; own: number }[] {
    const c = this.clauseNumber.get(key);
    const p = c === undefined ? undefined : this.clausePassages[c][passage];
    if (c === undefined || p === undefined) return analysis.units.map((unit) => ({ unit, credit: 0, own: 0 }));
    const prepared = this.prepare(analysis);
    const clauseWords = this.clauseWords[c];
    return analysis.units.map((unit, i) => {
      const needle = prepared.units[i].needle;
      if (needle !== undefined) { const cr = clauseWords.includes(needle) ? 1 : 0; return { unit, credit: cr, own: cr }; }
      const own = Math.max(this.setCredit(prepared, i, this.passageMask, p * prepared.width), this.setCredit(prepared, i, this.titleMask, c * prepared.width) * TUNING.titleCredit);
      const credit = this.aliasSize[c] ? Math.max(own, this.setCredit(prepared, i, this.aliasMask, c * prepared.width) * TUNING.aliasCredit) : own;
      return { unit, credit, own };
    });
  }

  /** Whether the unit is something staff do that the policy governs (ACT_WORDS: post, share, email, message…). */
  isAct(unit: QueryUnit): boolean {
    for (const t of unit.own) if (this.actTerms.has(t)) return true;
    for (const t of unit.aliasOwn) if (this.actTerms.has(t)) return true;
    for (const alt of unit.alternatives) for (const t of alt) if (this.actTerms.has(t)) return true;
    return false;
  }

  /** Search-time boosts: what was typed counts fully, vocabulary words less. */
  private boosts(analysis: QueryAnalysis): Map<string, number> {
    const boosts = new Map<string, number>();
    const add = (t: string, b: number) => boosts.set(t, Math.min(2, (boosts.get(t) ?? 0) + b));
    for (const unit of analysis.units) {
      const scale = unit.kind === 'neutral' ? TUNING.neutralBoost : 1;
      for (const t of unit.own) add(t, scale / Math.sqrt(unit.typed));
      for (const t of unit.aliasOwn) add(t, scale / Math.sqrt(unit.typed));
      const base = unit.own.length ? TUNING.expansionBoost : TUNING.expansionOnlyBoost;
      const spread = Math.sqrt(Math.max(1, unit.alternatives.length));
      for (const alt of unit.alternatives) {
        const b = (base * scale) / Math.sqrt(alt.length) / spread;
        for (const t of alt) add(t, b);
        for (let i = 1; i < alt.length; i++) {
          const p = `${alt[i - 1]}_${alt[i]}`;
          if (this.knows(p)) add(p, b * TUNING.bigramBoost);
        }
      }
    }
    for (const p of analysis.pairs) add(p, TUNING.bigramBoost);
    return boosts;
  }

  /**
   * Clauses best first: BM25+ per passage, re-ranked by coverage, best passage per clause.
   * Results arrive in BM25 order and coverage is at most 1, so once a passage's BM25 score is
   * below the limit-th best final score nothing later can enter the list: stop there.
   */
  rank(analysis: QueryAnalysis, limit = 10): Ranked[] {
    const boosts = this.boosts(analysis);
    if (!boosts.size) return [];
    // In a large index, terms in a quarter or more of all passages barely move BM25 but cost the
    // most to score: leave them to the coverage re-rank (which still counts them).
    const searched = this.size > TUNING.commonTermIndexSize
      ? [...boosts.keys()].filter((t) => (this.passageDf.get(t) ?? 0) / this.size < TUNING.commonTermShare)
      : [...boosts.keys()];
    if (!searched.length) searched.push(...boosts.keys());
    const results = this.search.search(searched, (term) => boosts.get(term) ?? 1);
    const prepared = this.prepare(analysis);
    const best = new Map<string, Ranked>();
    const asked = this.conditions.size ? (prepared.asked ??= new Set(analysis.units.flatMap((u) => [...u.own, ...u.aliasOwn, ...u.alternatives.flat(), ...terms(u.surface)]))) : undefined;
    // The `limit` best clauses so far, best first: the last one's score is the floor.
    const top: Ranked[] = [];
    for (let i = 0; i < results.docs.length; i++) {
      const bm25 = results.scores[i];
      if (top.length === limit && bm25 < top[limit - 1].score) break;
      const p = results.docs[i];
      const c = this.passageClause[p];
      const key = this.clauseKeys[c];
      const clause = this.clauseList[c];
      this.measure(analysis, prepared, p);
      const coverage = this.memoCoverage[p];
      const confidence = this.memoConfidence[p];
      const condition = this.conditions.get(key);
      const met = !condition || !asked || sharesAny(condition, asked);
      const score = bm25 * Math.pow(coverage, TUNING.coverageExponent) * (met ? 1 : TUNING.conditionFactor);
      const seen = best.get(key);
      if (seen && score <= seen.score) continue;
      const entry: Ranked = { clause, key, score, coverage, confidence, passage: this.passageNo[p] };
      best.set(key, entry);
      const at = seen ? top.indexOf(seen) : -1;
      if (at >= 0) top.splice(at, 1);
      if (top.length < limit || score > top[top.length - 1].score) {
        let j = top.length;
        while (j > 0 && top[j - 1].score < score) j--;
        top.splice(j, 0, entry);
        if (top.length > limit) top.pop();
      }
    }
    const ranked = top;
    // Confidence is the best over all of a clause's passages, including any the cut-off skipped.
    for (const r of ranked) {
      const c = this.clauseNumber.get(r.key);
      for (const p of c === undefined ? [] : this.clausePassages[c]) {
        this.measure(analysis, prepared, p);
        r.confidence = Math.max(r.confidence, this.memoConfidence[p]);
      }
    }
    return ranked;
  }

  /**
   * One clause measured against the question as rank() would (best passage's coverage, best
   * confidence over its passages), with no BM25 score: for a clause another signal (the learned
   * classifier) proposes that the lexical search did not list.
   */
  rankedFor(analysis: QueryAnalysis, key: string): Ranked | undefined {
    const c = this.clauseNumber.get(key);
    if (c === undefined || !this.clausePassages[c].length) return undefined;
    const clause = this.clauseList[c];
    const prepared = this.prepare(analysis);
    let best: Ranked | undefined;
    for (const p of this.clausePassages[c]) {
      this.measure(analysis, prepared, p);
      const coverage = this.memoCoverage[p];
      const confidence = this.memoConfidence[p];
      const passage = this.passageNo[p];
      if (!best || coverage > best.coverage) best = { clause, key, score: 0, coverage, confidence: Math.max(confidence, best?.confidence ?? 0), passage };
      else best.confidence = Math.max(best.confidence, confidence);
    }
    return best;
  }

  /** Clauses under a numbered heading or section (`7.6` -> 7.6.1…7.6.18), for message-extension look-ups. */
  under(prefix: string): Clause[] {
    const p = prefix.replace(/\.$/, '');
    return this.kb.clauses.filter((c) => c.id === p || c.id.startsWith(`${p}.`));
  }
}
