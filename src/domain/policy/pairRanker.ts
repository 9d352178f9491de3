/**
 * A learned re-ranker over (question, candidate clause) pairs: each candidate (the index's top
 * clauses, the classifier's likeliest, the nearest labelled questions' clauses) gets a few
 * numbers (lexical score and rank, coverage by the clause's own words and by its staff phrasings,
 * classifier probability and rank, word overlap with the labelled questions and phrasings filed
 * under it, safeguarding-topic agreement) and a linear score; a softmax over the candidates is
 * what scripts/trainPairRanker.ts fits, on out-of-fold classifier predictions. The weights and the
 * labelled questions' word bags ship as the policy's `<name>.ranker.json`. A clause whose text
 * changed since training gets no learned signal (no probability, no neighbours): it ranks on its
 * lexical features only. docs/ANSWERS.md, "Round 9".
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
}

/** A question's bag for neighbours: the index's terms of what was typed plus its vocabulary ideas' policy words. */
export function bagOf(analysis: QueryAnalysis, text: string): string[] {
  return [...new Set([...terms(text), ...analysis.units.flatMap((u) => u.alternatives.flat())])];
}

/**
 * TF-IDF cosine of a question's bag to labelled bags, best per clause, by an inverted index.
 * Entries carry a group so a hold-out can leave a writer's questions out.
 */
export class NeighbourBank {
  private readonly postings = new Map<string, [number, number][]>();
  private readonly idf = new Map<string, number>();
  private readonly keys: string[][] = [];

  constructor(entries: { bag: string[]; keys: string[] }[]) {
    const df = new Map<string, number>();
    for (const e of entries) for (const t of e.bag) df.set(t, (df.get(t) ?? 0) + 1);
    for (const [t, n] of df) this.idf.set(t, Math.log((entries.length + 1) / (n + 1)));
    entries.forEach((e, i) => {
      let norm = 0;
      for (const t of e.bag) norm += (this.idf.get(t) ?? 0) ** 2;
      norm = Math.sqrt(norm) || 1;
      for (const t of e.bag) {
        const list = this.postings.get(t) ?? [];
        list.push([i, (this.idf.get(t) ?? 0) / norm]);
        this.postings.set(t, list);
      }
      this.keys.push(e.keys);
    });
  }

  /** Clause key -> best cosine to an entry filed under it. */
  best(bag: string[]): Map<string, number> {
    const dot = new Map<number, number>();
    let norm = 0;
    for (const t of bag) norm += (this.idf.get(t) ?? 0) ** 2;
    norm = Math.sqrt(norm) || 1;
    for (const t of bag) {
      const w = (this.idf.get(t) ?? 0) / norm;
      if (!w) continue;
      for (const [i, x] of this.postings.get(t) ?? []) dot.set(i, (dot.get(i) ?? 0) + w * x);
    }
    const out = new Map<string, number>();
    for (const [i, d] of dot) for (const k of this.keys[i]) if (d > (out.get(k) ?? 0)) out.set(k, d);
    return out;
  }
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

export class PairRanker {
  private readonly usable = new Set<string>();
  readonly questions: NeighbourBank;
  readonly phrasings: NeighbourBank;
  private readonly weights: number[];

  constructor(readonly model: PairRankerModel, kb: KnowledgeBase) {
    const current = model.featureVersion === PAIR_FEATURE_VERSION && model.features.join() === PAIR_FEATURES.join();
    for (const c of model.classes) {
      const clause = kb.byKey.get(c.key);
      if (current && clause && clause.kind !== 'heading' && clauseHash(clause.text) === c.hash) this.usable.add(c.key);
    }
    // Weights for other features are not used (knowsAny is false, so the answerer leaves the ranker out).
    this.weights = current ? model.weights : PAIR_FEATURES.map(() => 0);
    const entries = (list: [string, number[]][]) => list.map(([bag, idx]) => ({
      bag: bag.split(' '),
      keys: idx.map((i) => model.classes[i]?.key).filter((k): k is string => Boolean(k && this.usable.has(k))),
    }));
    this.questions = new NeighbourBank(entries(model.questions));
    this.phrasings = new NeighbourBank(entries(model.phrasings));
  }

  /** The model was trained on this clause's current text. */
  knows(key: string): boolean {
    return this.usable.has(key);
  }

  /** Knows at least one clause (current features, and not every clause revised): else the answerer does not use it. */
  get knowsAny(): boolean {
    return this.usable.size > 0;
  }

  /** Feature rows for the candidates (neighbour scores from the banks given, for hold-out runs). */
  features(candidates: PairCandidate[], bag: string[], banks: { questions: NeighbourBank; phrasings: NeighbourBank } = this): number[][] {
    const q = banks.questions.best(bag);
    const a = banks.phrasings.best(bag);
    const known = (k: string) => this.usable.has(k);
    const top = (m: Map<string, number>) => { let best = ''; let v = 0; for (const [k, x] of m) if (known(k) && x > v) [best, v] = [k, x]; return best; };
    const qTop = top(q);
    const aTop = top(a);
    const lexTop = candidates.find((c) => c.lexRank === 0)?.section;
    return candidates.map((c) => {
      const learned = known(c.key);
      const p = learned && c.p !== undefined ? c.p : 0;
      const row: Record<PairFeature, number> = {
        lexRel: c.lexRel,
        lexTop: c.lexRank === 0 ? 1 : 0,
        lexRankInv: c.lexRank >= 0 ? 1 / (1 + c.lexRank) : 0,
        inLexical: c.lexRank >= 0 ? 1 : 0,
        coverage: c.coverage,
        confidence: c.confidence,
        ownCoverage: c.ownCoverage,
        aliasCoverage: Math.max(0, c.coverage - c.ownCoverage),
        logp: learned && c.p !== undefined ? Math.log(Math.max(c.p, 1e-4)) / 4 : Math.log(1e-2) / 4,
        p,
        pTop: learned && c.pRank === 0 ? 1 : 0,
        pRankInv: learned && c.pRank >= 0 ? 1 / (1 + c.pRank) : 0,
        knnQ: learned ? q.get(c.key) ?? 0 : 0,
        knnQTop: learned && qTop === c.key ? 1 : 0,
        knnA: learned ? a.get(c.key) ?? 0 : 0,
        knnATop: learned && aTop === c.key ? 1 : 0,
        sgFirst: c.sgFirst ? 1 : 0,
        sgAny: c.sgAny ? 1 : 0,
        sameSectionAsTop: c.lexRank !== 0 && lexTop !== undefined && c.section === lexTop ? 1 : 0,
        hand: c.lexRel + 0.5 * Math.log(Math.max(learned && c.p !== undefined ? c.p : 0.01, 1e-6)),
      };
      return PAIR_FEATURES.map((f) => row[f]);
    });
  }

  score(rows: number[][]): number[] {
    return rows.map((r) => r.reduce((s, x, i) => s + x * (this.weights[i] ?? 0), 0));
  }

  /** Clauses the neighbours point at most strongly (candidates the index and classifier may have missed). */
  nearest(bag: string[], n: number): string[] {
    return [...this.questions.best(bag)].filter(([k]) => this.usable.has(k)).sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, n).map(([k]) => k);
  }
}
