/**
 * Learned re-ranking of the lexical candidates: each clause the index found gets features
 * (its BM25-times-coverage score relative to the best, coverage, confidence, and the word-vector
 * similarity of the question to the clause's text and to its closest staff phrasing) and a
 * linear score; the highest wins. Weights are fitted by scripts/trainRanker.ts as a listwise
 * (softmax) model over candidates, validated by leaving out whole question sets; the shipped
 * weights are in RANKER_WEIGHTS. With no word vectors, the lexical order stands.
 */
import { clauseKey, type KnowledgeBase } from './knowledgeBase';
import type { Ranked } from './policyIndex';
import { SemanticSpace, cosine, wordVectors } from './semantic';
import { STOP_WORDS, words } from './text';

export const FEATURES = ['lex', 'logLex', 'coverage', 'confidence', 'cos', 'aliasCos', 'first'] as const;
export type FeatureVector = number[];

/**
 * Shipped weights, or null for the lexical order (no vectors loaded). Fitted by
 * `npx tsx scripts/trainRanker.ts`; null while leave-one-split-out shows no gain (docs/ANSWERS.md, "Meaning").
 */
export const RANKER_WEIGHTS: number[] | null = null;

function contentWords(text: string): string[] {
  return words(text).filter((w) => w.length > 1 && !STOP_WORDS.has(w) && !/\d/.test(w));
}

export class Reranker {
  private readonly space: SemanticSpace | undefined;
  private readonly clauseVectors = new Map<string, Float32Array>();
  private readonly aliasVectors = new Map<string, Float32Array[]>();

  /** `load`: read the word vectors (for weights, or for related words); else everything stays lexical. */
  constructor(kb: KnowledgeBase, private readonly weights: number[] | null = RANKER_WEIGHTS, load = weights !== null) {
    const vectors = load ? wordVectors() : null;
    if (!vectors) return;
    const policyWords = new Set<string>();
    for (const clause of kb.clauses) for (const w of contentWords(`${clause.section.title} ${clause.title} ${clause.text}`)) policyWords.add(w);
    this.space = new SemanticSpace(vectors, policyWords);
    for (const clause of kb.clauses) {
      const key = clauseKey(clause.docId, clause.id);
      const v = kb.titleOnly.has(key)
        ? this.space.meanVector(contentWords(`${clause.section.title} ${clause.title}`))
        : this.space.meanVector(contentWords(`${clause.section.title} ${clause.title} ${clause.text}`));
      if (v) this.clauseVectors.set(key, v);
      const aliases = (kb.aliases.get(key) ?? []).map((a) => this.space?.meanVector(contentWords(a))).filter((a): a is Float32Array => Boolean(a));
      this.aliasVectors.set(key, aliases);
    }
  }

  get enabled(): boolean {
    return this.space !== undefined;
  }

  /** The semantic space over the policy's words (undefined without vectors). */
  get semantic(): SemanticSpace | undefined {
    return this.space;
  }

  /** Question vector, for `features`. */
  questionVector(question: string): Float32Array | undefined {
    return this.space?.meanVector(contentWords(question));
  }

  features(q: Float32Array | undefined, ranked: Ranked[]): FeatureVector[] {
    const top = ranked[0]?.score || 1;
    const sims = ranked.map((r) => {
      const c = this.clauseVectors.get(r.key);
      const cos = q && c ? cosine(q, c) : 0;
      let alias = 0;
      if (q) for (const a of this.aliasVectors.get(r.key) ?? []) alias = Math.max(alias, cosine(q, a));
      return { cos, alias };
    });
    return ranked.map((r, i) => {
      const lex = Number.isFinite(r.score) ? r.score / top : 1;
      return [lex, Math.log(Math.max(lex, 1e-3)), r.coverage, r.confidence, sims[i].cos, sims[i].alias, i === 0 ? 1 : 0];
    });
  }

  /** The candidates re-ordered by the learned score (stable: ties keep the lexical order). */
  rerank(question: string, ranked: Ranked[]): Ranked[] {
    const weights = this.weights;
    if (!weights || !this.space || ranked.length < 2 || !Number.isFinite(ranked[0].score)) return ranked;
    const fs = this.features(this.questionVector(question), ranked);
    const scored = ranked.map((r, i) => ({ r, s: dot(weights, fs[i]), i }));
    scored.sort((a, b) => b.s - a.s || a.i - b.i);
    return scored.map((x) => x.r);
  }
}

export function dot(w: number[], x: number[]): number {
  let s = 0;
  for (let i = 0; i < w.length; i++) s += w[i] * x[i];
  return s;
}
