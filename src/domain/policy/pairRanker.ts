/**
 * A learned re-ranker over (question, candidate clause) pairs: each candidate (the index's top
 * clauses, the classifier's likeliest, the nearest labelled questions' clauses) gets a few
 * numbers (lexical score and rank, coverage by the clause's own words and by its staff phrasings,
 * classifier probability and rank, word overlap with the labelled questions and phrasings filed
 * under it, safeguarding-topic agreement) and a linear score; a softmax over the candidates is
 * what scripts/trainPairRanker.ts fits, on out-of-fold classifier predictions. The weights and the
 * labelled questions' word bags (as indices into one word table: `packBags`) ship as the
 * policy's `<name>.ranker.json`. A clause whose text changed since training gets no learned
 * signal (no probability, no neighbours): it ranks on its lexical features only.
 * docs/ANSWERS.md, "Round 9".
 */
import type { KnowledgeBase } from './knowledgeBase';
import type { QueryAnalysis } from './policyIndex';
import { clauseHash } from './classifier';
import { terms } from './text';

/** Bumped whenever the features change: weights for other features are not used. */
export const PAIR_FEATURE_VERSION = 2;

export const PAIR_FEATURES = [
  'lexRel', 'lexTop', 'lexRankInv', 'inLexical', 'coverage', 'confidence', 'ownCoverage', 'aliasCoverage',
  'logp', 'p', 'pTop', 'pRankInv', 'knnQ', 'knnQTop', 'knnA', 'knnATop', 'sgFirst', 'sgAny', 'sameSectionAsTop',
  // The hand combination's own score (answerer.ts LEARNED): training starts from it and is pulled back to it.
  'hand',
] as const;

/** Where training starts and what L2 pulls towards: the hand combination (lexical share + 0.5 log p). */
export const PAIR_PRIOR: Partial<Record<PairFeature, number>> = { hand: 1 };
export type PairFeature = (typeof PAIR_FEATURES)[number];

export interface PairRankerModel {
  /** What it was trained on (scripts/trainPairRanker.ts): fixtures, phrasings, classifier, constants. */
  trainedOn: string;
  featureVersion: number;
  features: string[];
  weights: number[];
  /** Clause key -> hash of the text the bags and weights were trained with. */
  classes: { key: string; hash: string }[];
  /** Labelled questions: [space-joined bag, class indices]. */
  questions: [string, number[]][];
  /** Staff phrasings: [space-joined bag, class indices]. */
  phrasings: [string, number[]][];
  /**
   * The file's word table: when present, a bag is its words' indices into it (`wordCode`), not
   * words (the labelled questions' bags repeat a few thousand stems; as words they were most of
   * the sidecar). See `packBags`.
   */
  words?: string[];
}

const LEAD_DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * A word-table index as written in a packed bag: base-36 leading digits (0-9, A-Z) and a last
 * digit in base 26 (a-z), so each index ends itself and bags need no separator (a space between
 * base-36 indices was a quarter of the sidecar). Indices under 26 take one character, under 936 two.
 */
export function wordCode(index: number): string {
  let code = String.fromCharCode(97 + (index % 26));
  for (let rest = Math.floor(index / 26); rest > 0; rest = Math.floor(rest / 36)) code = LEAD_DIGITS[rest % 36] + code;
  return code;
}

/**
 * Each word-table index of a packed bag, in order, with where its code starts and ends (the code is
 * cut out only for an error message, not as a string per word); throws on a character no code uses
 * or a code cut short.
 */
function readCodes(bag: string, out: (index: number, from: number, end: number) => void): void {
  let lead = 0;
  let from = 0;
  for (let i = 0; i < bag.length; i++) {
    const c = bag.charCodeAt(i);
    if (c >= 97 && c <= 122) {
      out(lead * 26 + (c - 97), from, i + 1);
      lead = 0;
      from = i + 1;
    } else if (c >= 48 && c <= 57) lead = lead * 36 + (c - 48);
    else if (c >= 65 && c <= 90) lead = lead * 36 + (c - 55);
    else throw new RangeError(`bag ${JSON.stringify(bag)} is not written in word-table codes`);
  }
  if (from < bag.length || bag.length === 0) throw new RangeError(`bag ${JSON.stringify(bag)} is not written in word-table codes`);
}

/**
 * The model with its bags written as indices into one word table, commonest words first (so
 * they get the shortest codes, `wordCode`): the form the sidecar is written in. Loading reads either form.
 */
export function packBags(model: PairRankerModel): PairRankerModel {
  if (model.words) return model;
  const count = new Map<string, number>();
  for (const [bag] of [...model.questions, ...model.phrasings]) for (const w of bag.split(' ')) count.set(w, (count.get(w) ?? 0) + 1);
  const words = [...count].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w);
  const index = new Map(words.map((w, i) => [w, wordCode(i)]));
  const pack = (list: [string, number[]][]): [string, number[]][] => list.map(([bag, classes]) => [bag.split(' ').map((w) => index.get(w)).join(''), classes]);
  return { ...model, questions: pack(model.questions), phrasings: pack(model.phrasings), words };
}

/** A question's bag for neighbours: the index's terms of what was typed plus its vocabulary ideas' policy words. */
export function bagOf(analysis: QueryAnalysis, text: string): string[] {
  return [...new Set([...terms(text), ...analysis.units.flatMap((u) => u.alternatives.flat())])];
}

/** One labelled bag: its words and the classes (indices into the model's clauses) it is filed under. */
export interface BankEntry {
  bag: readonly string[];
  classes: readonly number[];
}

/** Bags as term ids, one after another: entry i's at [start[i], start[i + 1]) of `terms`. */
interface FlatBags {
  terms: Int32Array;
  start: Int32Array;
  classes: readonly (readonly number[])[];
}

/** The term's id in `vocabulary`, added when new. */
function termId(vocabulary: Map<string, number>, term: string): number {
  let id = vocabulary.get(term);
  if (id === undefined) {
    id = vocabulary.size;
    vocabulary.set(term, id);
  }
  return id;
}

/**
 * TF-IDF cosine of a question's bag to labelled bags, best per class, by an inverted index held
 * in typed arrays (term -> entries in CSR form, entry -> classes likewise): a few flat arrays
 * instead of a small array per posting, and scoring that reuses its buffers instead of building
 * maps per question. Entries carry no group: a hold-out builds a bank without the writer's questions.
 * Scores are bit-identical to the map-based version it replaced (same sums in the same order).
 * Banks of one model share their vocabulary (term -> id); a term a bank does not hold weighs 0 there.
 */
export class NeighbourBank {
  private readonly idf: Float64Array;
  /** Term id -> its postings at [offsets[id], offsets[id + 1]) of `entries` / `weights`. */
  private readonly offsets: Int32Array;
  private readonly entries: Int32Array;
  /** idf / the entry's norm: what the entry's vector holds for the term. */
  private readonly weights: Float64Array;
  /**
   * Entries are numbered class by class (not in the bags' order), so that a class's best cosine
   * is the maximum over a contiguous run of `dot`: entries filed under class c alone are
   * [groupStart[c], groupStart[c + 1]); entries under several classes follow from `multiStart`,
   * entry multiStart + j's classes at [multiClassStart[j], multiClassStart[j + 1]) of
   * `multiClassIds`; entries under none come last.
   */
  private readonly groupStart: Int32Array;
  private readonly multiStart: number;
  private readonly multiClassStart: Int32Array;
  private readonly multiClassIds: Int32Array;
  /**
   * Term id -> the classes its postings reach at [termClassStart[id], termClassStart[id + 1]) of
   * `termClasses`, in the order a scan of its postings first reaches them: with it the classes a
   * bag reaches are listed in first-reached order without tracking which entries were touched.
   */
  private readonly termClassStart: Int32Array;
  private readonly termClasses: Int32Array;
  // Scratch for one query, reused: dot products per entry (every entry, zeroed per query) and
  // best cosine per class, with the classes reached (in first-reached order) and a stamp for
  // "reached this query".
  private readonly dot: Float64Array;
  private readonly byClass: Float64Array;
  private readonly classSeen: Int32Array;
  private readonly touchedClasses: Int32Array;
  private touchedClassCount = 0;
  private stamp = 0;
  private lastBag: readonly string[] | undefined;

  /** A bank over bags of words (training, tests). */
  static of(entries: readonly BankEntry[], classCount: number, vocabulary = new Map<string, number>()): NeighbourBank {
    const start = new Int32Array(entries.length + 1);
    entries.forEach((e, i) => { start[i + 1] = start[i] + e.bag.length; });
    const terms = new Int32Array(start[entries.length]);
    let at = 0;
    for (const e of entries) for (const t of e.bag) terms[at++] = termId(vocabulary, t);
    return new NeighbourBank({ terms, start, classes: entries.map((e) => e.classes) }, classCount, vocabulary);
  }

  /**
   * A bank over the sidecar's packed bags ([space-joined words, classes]; with `words`, space-joined
   * base-36 indices into it), read word by word into term ids: no array of words per bag is
   * built, so loading leaves little garbage behind.
   */
  static packed(list: readonly (readonly [string, readonly number[]])[], classCount: number, vocabulary: Map<string, number>, words?: readonly string[]): NeighbourBank {
    let total = 0;
    for (const [bag] of list) {
      // One lower-case letter ends each code (readCodes refuses any other character above them).
      if (words) for (let i = 0; i < bag.length; i++) total += bag.charCodeAt(i) >= 97 ? 1 : 0;
      else total += bag.split(' ').length;
    }
    const terms = new Int32Array(total);
    const start = new Int32Array(list.length + 1);
    // Word bags are space-joined words; packed ones, word-table codes one after another. One
    // reader for every bag, not one per bag: a closure per bag was garbage a load left behind.
    let at = 0;
    let bag = '';
    // A table word's term id, looked up on its first use (so ids are numbered as for word bags).
    const ids = new Int32Array(words?.length ?? 0).fill(-1);
    const put = (w: number, from: number, end: number): void => {
      if (!words || !(w < words.length)) throw new RangeError(`bag word ${bag.slice(from, end)} is not in the word table`);
      if (ids[w] < 0) ids[w] = termId(vocabulary, words[w]);
      terms[at++] = ids[w];
    };
    for (let e = 0; e < list.length; e++) {
      bag = list[e][0];
      if (words) readCodes(bag, put);
      else for (const w of bag.split(' ')) terms[at++] = termId(vocabulary, w);
      start[e + 1] = at;
    }
    return new NeighbourBank({ terms, start, classes: list.map(([, classes]) => classes) }, classCount, vocabulary);
  }

  private constructor(bags: FlatBags, readonly classCount: number, private readonly vocabulary: Map<string, number>) {
    const n = bags.start.length - 1;
    const df = new Int32Array(vocabulary.size);
    for (let k = 0; k < bags.terms.length; k++) df[bags.terms[k]]++;
    this.idf = Float64Array.from(df, (d) => (d ? Math.log((n + 1) / (d + 1)) : 0));
    // Each bag's classes (those the model has) and norm, in the bags' order.
    const known = (c: number) => c >= 0 && c < classCount;
    const classesOf = bags.classes.map((list) => (list.every(known) ? list : list.filter(known)));
    const norms = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let norm = 0;
      for (let k = bags.start[i]; k < bags.start[i + 1]; k++) norm += this.idf[bags.terms[k]] ** 2;
      norms[i] = Math.sqrt(norm) || 1;
    }
    // Postings per term: one per occurrence of the term in a bag, ascending by entry number.
    this.offsets = new Int32Array(df.length + 1);
    for (let id = 0; id < df.length; id++) this.offsets[id + 1] = this.offsets[id] + df[id];
    this.entries = new Int32Array(this.offsets[df.length]);
    this.weights = new Float64Array(this.offsets[df.length]);
    // Each term's classes in first-reached order (a class once per term): the order a scan of
    // the term's bags, in the bags' order, reaches them. Read from postings numbered in the bags'
    // order, then renumbered below.
    let fill = this.offsets.slice(0, df.length);
    for (let i = 0; i < n; i++) for (let k = bags.start[i]; k < bags.start[i + 1]; k++) this.entries[fill[bags.terms[k]]++] = i;
    const seen = new Int32Array(classCount).fill(-1);
    const termClasses: number[] = [];
    this.termClassStart = new Int32Array(df.length + 1);
    for (let id = 0; id < df.length; id++) {
      for (let p = this.offsets[id]; p < this.offsets[id + 1]; p++) {
        for (const c of classesOf[this.entries[p]]) {
          if (seen[c] !== id) {
            seen[c] = id;
            termClasses.push(c);
          }
        }
      }
      this.termClassStart[id + 1] = termClasses.length;
    }
    this.termClasses = Int32Array.from(termClasses);
    // Entry numbers: bags filed under one class, class by class; then those under several; then none.
    const order: number[] = [];
    this.groupStart = new Int32Array(classCount + 1);
    const single: number[][] = Array.from({ length: classCount }, () => []);
    const multi: number[] = [];
    const none: number[] = [];
    for (let i = 0; i < n; i++) (classesOf[i].length === 1 ? single[classesOf[i][0]] : classesOf[i].length ? multi : none).push(i);
    for (let c = 0; c < classCount; c++) {
      order.push(...single[c]);
      this.groupStart[c + 1] = order.length;
    }
    this.multiStart = order.length;
    this.multiClassStart = new Int32Array(multi.length + 1);
    this.multiClassIds = Int32Array.from(multi.flatMap((i) => classesOf[i]));
    multi.forEach((i, j) => { this.multiClassStart[j + 1] = this.multiClassStart[j] + classesOf[i].length; });
    order.push(...multi, ...none);
    fill = this.offsets.slice(0, df.length);
    for (let e = 0; e < n; e++) {
      const i = order[e];
      for (let k = bags.start[i]; k < bags.start[i + 1]; k++) {
        const id = bags.terms[k];
        const p = fill[id]++;
        this.entries[p] = e;
        this.weights[p] = this.idf[id] / norms[i];
      }
    }
    this.dot = new Float64Array(n);
    this.byClass = new Float64Array(classCount);
    this.classSeen = new Int32Array(classCount);
    this.touchedClasses = new Int32Array(classCount);
  }

  /** The term's idf in this bank (0: no bag of it holds the term). */
  private idfOf(term: string): number {
    const id = this.vocabulary.get(term);
    return id !== undefined && id < this.idf.length ? this.idf[id] : 0;
  }

  /**
   * Scores `bag` (best cosine to an entry filed under each class), read with `get` and
   * `touched`/`touchedAt` until the next call; the same bag (same array) is scored once.
   */
  score(bag: readonly string[]): this {
    if (bag === this.lastBag) return this;
    this.lastBag = bag;
    const stamp = ++this.stamp;
    let norm = 0;
    for (const t of bag) norm += this.idfOf(t) ** 2;
    norm = Math.sqrt(norm) || 1;
    // Every entry's dot product, in the bag's order of terms (the same sums as adding into only
    // the entries touched): no per-posting test of whether the entry was touched yet. An entry a
    // term reaches gets a positive product (idf > 0 there), so "touched" is "dot > 0".
    const { dot, entries, weights, offsets, byClass, classSeen, touchedClasses, termClassStart, termClasses } = this;
    dot.fill(0);
    let classes = 0;
    for (const t of bag) {
      const w = this.idfOf(t) / norm;
      if (!w) continue;
      const id = this.vocabulary.get(t) as number;
      for (let p = offsets[id], end = offsets[id + 1]; p < end; p++) dot[entries[p]] += w * weights[p];
      // The classes this term reaches first, in the order a scan of touched entries would reach them.
      for (let k = termClassStart[id], end = termClassStart[id + 1]; k < end; k++) {
        const c = termClasses[k];
        if (classSeen[c] !== stamp) {
          classSeen[c] = stamp;
          touchedClasses[classes++] = c;
        }
      }
    }
    this.touchedClassCount = classes;
    // Best per class: the largest dot product of its entries (0 for a class no term reaches),
    // a maximum over each class's run of entries, then the entries filed under several classes.
    const { groupStart, multiStart, multiClassStart, multiClassIds } = this;
    for (let c = 0; c < byClass.length; c++) {
      let best = 0;
      for (let i = groupStart[c], end = groupStart[c + 1]; i < end; i++) if (dot[i] > best) best = dot[i];
      byClass[c] = best;
    }
    for (let j = 0; j < multiClassStart.length - 1; j++) {
      const d = dot[multiStart + j];
      for (let k = multiClassStart[j], end = multiClassStart[j + 1]; k < end; k++) {
        const c = multiClassIds[k];
        if (d > byClass[c]) byClass[c] = d;
      }
    }
    return this;
  }

  /** The last scored bag's best cosine for class `c` (0: no entry of it shares a word). */
  get(c: number): number {
    return c >= 0 && this.classSeen[c] === this.stamp ? this.byClass[c] : 0;
  }

  /** Classes the last scored bag reached, in first-reached order. */
  get touched(): number {
    return this.touchedClassCount;
  }

  touchedAt(j: number): number {
    return this.touchedClasses[j];
  }
}

/** The model as kept in memory: weights, clause hashes and the neighbours' banks, not the file's strings. */
export interface CompiledPairRanker {
  trainedOn: string;
  featureVersion: number;
  features: readonly string[];
  weights: readonly number[];
  classes: readonly { key: string; hash: string }[];
  questions: NeighbourBank;
  phrasings: NeighbourBank;
}

/** The sidecar's model in its compact form (the parsed file can then be collected). */
export function compilePairRanker(model: PairRankerModel | CompiledPairRanker): CompiledPairRanker {
  if (model.questions instanceof NeighbourBank) return model as CompiledPairRanker;
  const raw = model as PairRankerModel;
  const n = raw.classes.length;
  // One vocabulary for both banks; each bank's bags are read word by word (NeighbourBank.packed).
  const vocabulary = new Map<string, number>();
  const bank = (list: [string, number[]][]) => NeighbourBank.packed(list, n, vocabulary, raw.words);
  return {
    trainedOn: raw.trainedOn,
    featureVersion: raw.featureVersion,
    features: [...raw.features],
    weights: [...raw.weights],
    classes: raw.classes.map((c) => ({ key: c.key, hash: c.hash })),
    questions: bank(raw.questions),
    phrasings: bank(raw.phrasings),
  };
}

/** What the answerer knows about one candidate, before it becomes features. */
export interface PairCandidate {
  key: string;
  section: string;
  /** BM25 x coverage relative to the index's best (0: not listed by the index). */
  lexRel: number;
  /** Rank in the index's list (-1: not listed). */
  lexRank: number;
  coverage: number;
  confidence: number;
  ownCoverage: number;
  /** Classifier probability (undefined: the model does not know this clause's current text). */
  p: number | undefined;
  pRank: number;
  sgFirst: boolean;
  sgAny: boolean;
}

/** Where each feature sits in a row (PAIR_FEATURES order). */
const F = Object.fromEntries(PAIR_FEATURES.map((f, i) => [f, i])) as Record<PairFeature, number>;
const FEATURES = PAIR_FEATURES.length;

export class PairRanker {
  /** Class index -> the model was trained on the clause's current text (1). */
  private readonly usable: Uint8Array;
  private readonly usableCount: number;
  private readonly classIndex = new Map<string, number>();
  private readonly classKeys: readonly string[];
  readonly questions: NeighbourBank;
  readonly phrasings: NeighbourBank;
  private readonly weights: Float64Array;
  /** Feature rows of the last candidates, one after another, and their scores: reused. */
  private rows = new Float64Array(16 * FEATURES);
  private scores = new Float64Array(16);

  constructor(model: CompiledPairRanker | PairRankerModel, kb: KnowledgeBase) {
    const compiled = compilePairRanker(model);
    const current = compiled.featureVersion === PAIR_FEATURE_VERSION && compiled.features.join() === PAIR_FEATURES.join();
    this.classKeys = compiled.classes.map((c) => c.key);
    this.usable = new Uint8Array(compiled.classes.length);
    let usable = 0;
    compiled.classes.forEach((c, i) => {
      this.classIndex.set(c.key, i);
      const clause = kb.byKey.get(c.key);
      if (current && clause && clause.kind !== 'heading' && clauseHash(clause.text) === c.hash) {
        this.usable[i] = 1;
        usable++;
      }
    });
    this.usableCount = usable;
    // Weights for other features are not used (knowsAny is false, so the answerer leaves the ranker out).
    this.weights = Float64Array.from(PAIR_FEATURES, (_, i) => (current ? compiled.weights[i] ?? 0 : 0));
    this.questions = compiled.questions;
    this.phrasings = compiled.phrasings;
  }

  /** The model was trained on this clause's current text. */
  knows(key: string): boolean {
    return this.known(this.classIndex.get(key) ?? -1);
  }

  private known(c: number): boolean {
    return c >= 0 && this.usable[c] === 1;
  }

  /** Knows at least one clause (current features, and not every clause revised): else the answerer does not use it. */
  get knowsAny(): boolean {
    return this.usableCount > 0;
  }

  /** The class a bank's last scored bag is nearest to, among the clauses the model knows (-1: none). */
  private topOf(bank: NeighbourBank): number {
    let best = -1;
    let v = 0;
    for (let j = 0; j < bank.touched; j++) {
      const c = bank.touchedAt(j);
      const x = bank.get(c);
      if (this.known(c) && x > v) {
        best = c;
        v = x;
      }
    }
    return best;
  }

  /**
   * The candidates' feature rows, one after another in `out` (PAIR_FEATURES order), neighbour
   * scores from the banks given (hold-out runs) or the model's own.
   */
  featuresInto(candidates: readonly PairCandidate[], bag: readonly string[], out: Float64Array, banks: { questions: NeighbourBank; phrasings: NeighbourBank } = this): void {
    const q = banks.questions.score(bag);
    const a = banks.phrasings.score(bag);
    const qTop = this.topOf(q);
    const aTop = this.topOf(a);
    const lexTop = candidates.find((c) => c.lexRank === 0)?.section;
    for (let n = 0; n < candidates.length; n++) {
      const c = candidates[n];
      const ci = this.classIndex.get(c.key) ?? -1;
      const learned = this.known(ci);
      const r = n * FEATURES;
      out[r + F.lexRel] = c.lexRel;
      out[r + F.lexTop] = c.lexRank === 0 ? 1 : 0;
      out[r + F.lexRankInv] = c.lexRank >= 0 ? 1 / (1 + c.lexRank) : 0;
      out[r + F.inLexical] = c.lexRank >= 0 ? 1 : 0;
      out[r + F.coverage] = c.coverage;
      out[r + F.confidence] = c.confidence;
      out[r + F.ownCoverage] = c.ownCoverage;
      out[r + F.aliasCoverage] = Math.max(0, c.coverage - c.ownCoverage);
      out[r + F.logp] = learned && c.p !== undefined ? Math.log(Math.max(c.p, 1e-4)) / 4 : Math.log(1e-2) / 4;
      out[r + F.p] = learned && c.p !== undefined ? c.p : 0;
      out[r + F.pTop] = learned && c.pRank === 0 ? 1 : 0;
      out[r + F.pRankInv] = learned && c.pRank >= 0 ? 1 / (1 + c.pRank) : 0;
      out[r + F.knnQ] = learned ? q.get(ci) : 0;
      out[r + F.knnQTop] = learned && qTop === ci ? 1 : 0;
      out[r + F.knnA] = learned ? a.get(ci) : 0;
      out[r + F.knnATop] = learned && aTop === ci ? 1 : 0;
      out[r + F.sgFirst] = c.sgFirst ? 1 : 0;
      out[r + F.sgAny] = c.sgAny ? 1 : 0;
      out[r + F.sameSectionAsTop] = c.lexRank !== 0 && lexTop !== undefined && c.section === lexTop ? 1 : 0;
      out[r + F.hand] = c.lexRel + 0.5 * Math.log(Math.max(learned && c.p !== undefined ? c.p : 0.01, 1e-6));
    }
  }

  /** Feature rows as arrays (training and tests; the answerer uses `scoreCandidates`). */
  features(candidates: readonly PairCandidate[], bag: readonly string[], banks: { questions: NeighbourBank; phrasings: NeighbourBank } = this): number[][] {
    const out = new Float64Array(candidates.length * FEATURES);
    this.featuresInto(candidates, bag, out, banks);
    return candidates.map((_, n) => Array.from(out.subarray(n * FEATURES, (n + 1) * FEATURES)));
  }

  score(rows: number[][]): number[] {
    return rows.map((r) => {
      let s = 0;
      for (let i = 0; i < FEATURES; i++) s += r[i] * this.weights[i];
      return s;
    });
  }

  /** The candidates' scores, in a buffer reused by the next call (read the first candidates.length). */
  scoreCandidates(candidates: readonly PairCandidate[], bag: readonly string[]): Float64Array {
    const n = candidates.length;
    if (this.scores.length < n) {
      this.scores = new Float64Array(2 * n);
      this.rows = new Float64Array(2 * n * FEATURES);
    }
    this.featuresInto(candidates, bag, this.rows);
    for (let c = 0; c < n; c++) {
      let s = 0;
      for (let i = 0, r = c * FEATURES; i < FEATURES; i++) s += this.rows[r + i] * this.weights[i];
      this.scores[c] = s;
    }
    return this.scores;
  }

  /** Clauses the neighbours point at most strongly (candidates the index and classifier may have missed). */
  nearest(bag: readonly string[], n: number): string[] {
    const q = this.questions.score(bag);
    // The n best known classes by cosine, then key: a selection, not a sort of every class reached.
    const top: number[] = [];
    const before = (x: number, y: number) => q.get(x) > q.get(y) || (q.get(x) === q.get(y) && this.classKeys[x] < this.classKeys[y]);
    for (let j = 0; j < q.touched; j++) {
      const c = q.touchedAt(j);
      if (!this.known(c)) continue;
      let at = top.length;
      while (at > 0 && before(c, top[at - 1])) at--;
      if (at < n) {
        top.splice(at, 0, c);
        if (top.length > n) top.pop();
      }
    }
    return top.map((c) => this.classKeys[c]);
  }
}
