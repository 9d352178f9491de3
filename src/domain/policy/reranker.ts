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

export const FEATURES = ['lex', 'logLex', 'coverage', 'confidence', 'cos', 'soft', 'first'] as const;
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
  private readonly clauseRows = new Map<string, { words: string[]; matrix: Float32Array }>();
  /** Clauses per word, for IDF weights of question words. */
  private readonly df = new Map<string, number>();
  private readonly clauses: number;

  /** `load`: read the word vectors (for weights, or for related words); else everything stays lexical. */
  constructor(kb: KnowledgeBase, private readonly weights: number[] | null = RANKER_WEIGHTS, load = weights !== null) {
    this.clauses = kb.clauses.length;
    const vectors = load ? wordVectors() : null;
    if (!vectors) return;
    const policyWords = new Set<string>();
    const textOf = (key: string, clause: { section: { title: string }; title: string; text: string }) =>
      contentWords(kb.titleOnly.has(key) ? `${clause.section.title} ${clause.title}` : `${clause.section.title} ${clause.title} ${clause.text}`);
    for (const clause of kb.clauses) {
      const ws = new Set(textOf(clauseKey(clause.docId, clause.id), clause));
      for (const w of ws) {
        policyWords.add(w);
        this.df.set(w, (this.df.get(w) ?? 0) + 1);
      }
    }
    this.space = new SemanticSpace(vectors, policyWords);
    for (const clause of kb.clauses) {
      const key = clauseKey(clause.docId, clause.id);
      const ws = textOf(key, clause);
      const v = this.space.meanVector(ws);
      if (v) this.clauseVectors.set(key, v);
      this.clauseRows.set(key, this.space.rows(ws));
    }
  }

  get enabled(): boolean {
    return this.space !== undefined;
  }

  /** The semantic space over the policy's words (undefined without vectors). */
  get semantic(): SemanticSpace | undefined {
    return this.space;
  }

  features(question: string, ranked: Ranked[]): FeatureVector[] {
    const top = ranked[0]?.score || 1;
    const ws = contentWords(question);
    const q = this.space?.meanVector(ws);
    const rows = this.space?.rows(ws);
    // Rare words say more: IDF over the clauses (a word no clause has counts as rare).
    const weights = rows?.words.map((w) => Math.log(1 + this.clauses / (this.df.get(w) ?? 1))) ?? [];
    return ranked.map((r, i) => {
      const c = this.clauseVectors.get(r.key);
      const text = this.clauseRows.get(r.key);
      const cos = q && c ? cosine(q, c) : 0;
      const soft = this.space && rows && text ? this.space.softCoverage(rows, weights, text) : 0;
      const lex = Number.isFinite(r.score) ? r.score / top : 1;
      return [lex, Math.log(Math.max(lex, 1e-3)), r.coverage, r.confidence, cos, soft, i === 0 ? 1 : 0];
    });
  }

  /** The candidates re-ordered by the learned score (stable: ties keep the lexical order). */
  rerank(question: string, ranked: Ranked[]): Ranked[] {
    const weights = this.weights;
    if (!weights || !this.space || ranked.length < 2 || !Number.isFinite(ranked[0].score)) return ranked;
    const fs = this.features(question, ranked);
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
