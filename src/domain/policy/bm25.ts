/**
 * BM25+ over precomputed postings, scoring exactly as MiniSearch 7 does with the options the
 * policy index used (`combineWith: 'OR'`, no prefix or fuzzy matching, per-field and per-term
 * boosts): the same per-posting formula, the same order of floating-point additions (per term,
 * its fields in order; then term after term), the score times the number of query terms matched,
 * and the same order of results (best first, ties in order of first match).
 *
 * Why not MiniSearch itself: the index never changes after it is built, so every posting's BM25
 * term (which depends only on the document, the field and the term) is computed once here, and a
 * query adds numbers into reused typed arrays instead of building a result map, match objects and
 * term lists per query (docs/PERFORMANCE.md, "The answerer, per question").
 */

/** A document: per field, its tokens (repeats count as term frequency). */
export type Bm25Document = string[][];

export interface Bm25Params { k: number; b: number; d: number }

export class Bm25Index {
  private readonly termIds = new Map<string, number>();
  /**
   * Per field, the postings of every term in one array (few large arrays, not one per term and
   * field): term id's postings are at `start[id]` up to `start[id + 1]`, document numbers in
   * insertion order and each posting's BM25 term beside them.
   */
  private readonly postingStart: Int32Array[] = [];
  private readonly postingDocs: Int32Array[] = [];
  private readonly postingScores: Float64Array[] = [];
  readonly size: number;
  // Query scratch space, reused: one query at a time (the index is used synchronously).
  private readonly total: Float64Array;
  private readonly termScore: Float64Array;
  private readonly matched: Int32Array;
  /** Query number that last touched a document (0: never), and term number within the query. */
  private readonly seenQuery: Int32Array;
  private readonly seenTerm: Int32Array;
  private query = 0;

  /** `fieldBoosts`: one per field, in the documents' field order. */
  constructor(documents: Bm25Document[], private readonly fieldBoosts: number[], params: Bm25Params) {
    const fields = fieldBoosts.length;
    const n = documents.length;
    this.size = n;
    const lengths = new Float64Array(n * fields);
    const avg = new Float64Array(fields);
    const docs: number[][][] = [];
    const freqs: number[][][] = [];
    documents.forEach((doc, d) => {
      for (let f = 0; f < fields; f++) {
        const tokens = doc[f] ?? [];
        // MiniSearch tokenises the space-joined field: an empty field is one empty token.
        const unique = tokens.length ? new Set(tokens).size : 1;
        lengths[d * fields + f] = unique;
        // The running mean, updated as MiniSearch updates it, so the figure is bit-identical.
        avg[f] = ((avg[f] || 0) * d + unique) / (d + 1);
        const counts = new Map<string, number>();
        for (const t of tokens) if (t) counts.set(t, (counts.get(t) ?? 0) + 1);
        for (const [t, count] of counts) {
          let id = this.termIds.get(t);
          if (id === undefined) {
            id = this.termIds.size;
            this.termIds.set(t, id);
            docs.push(Array.from({ length: fields }, () => []));
            freqs.push(Array.from({ length: fields }, () => []));
          }
          docs[id][f].push(d);
          freqs[id][f].push(count);
        }
      }
    });
    const { k, b, d: delta } = params;
    const terms = docs.length;
    for (let f = 0; f < fields; f++) {
      const start = new Int32Array(terms + 1);
      for (let id = 0; id < terms; id++) start[id + 1] = start[id] + docs[id][f].length;
      const postingDocs = new Int32Array(start[terms]);
      const postingScores = new Float64Array(start[terms]);
      for (let id = 0; id < terms; id++) {
        const list = docs[id][f];
        const matching = list.length;
        const invDocFreq = Math.log(1 + (n - matching + 0.5) / (matching + 0.5));
        for (let i = 0; i < matching; i++) {
          const termFreq = freqs[id][f][i];
          const fieldLength = lengths[list[i] * fields + f];
          postingDocs[start[id] + i] = list[i];
          postingScores[start[id] + i] = invDocFreq * (delta + termFreq * (k + 1) / (termFreq + k * (1 - b + b * fieldLength / avg[f])));
        }
      }
      this.postingStart.push(start);
      this.postingDocs.push(postingDocs);
      this.postingScores.push(postingScores);
    }
    this.total = new Float64Array(n);
    this.termScore = new Float64Array(n);
    this.matched = new Int32Array(n);
    this.seenQuery = new Int32Array(n);
    this.seenTerm = new Int32Array(n);
  }

  /**
   * Documents matching any of `terms`, best first, with their scores (`scores[i]` for
   * `docs[i]`). `boost(term)` multiplies a term's contribution.
   */
  search(terms: string[], boost: (term: string) => number): { docs: number[]; scores: Float64Array } {
    if (++this.query === 0x7fffffff) {
      this.query = 1;
      this.seenQuery.fill(0);
    }
    const query = this.query;
    const { total, termScore, matched, seenQuery, seenTerm } = this;
    const order: number[] = [];
    const touched: number[] = [];
    let termNo = 0;
    for (const term of terms) {
      if (!term) continue;
      const id = this.termIds.get(term);
      termNo++;
      if (id === undefined) continue;
      const termBoost = boost(term);
      touched.length = 0;
      for (let f = 0; f < this.fieldBoosts.length; f++) {
        const from = this.postingStart[f][id];
        const to = this.postingStart[f][id + 1];
        if (from === to) continue;
        const docs = this.postingDocs[f];
        const scores = this.postingScores[f];
        const weight = termBoost * this.fieldBoosts[f];
        for (let i = from; i < to; i++) {
          const d = docs[i];
          const s = weight * scores[i];
          if (seenQuery[d] === query && seenTerm[d] === termNo) termScore[d] += s;
          else {
            if (seenQuery[d] !== query) {
              seenQuery[d] = query;
              matched[d] = 0;
              order.push(d);
            }
            seenTerm[d] = termNo;
            termScore[d] = s;
            touched.push(d);
          }
        }
      }
      for (const d of touched) {
        total[d] = matched[d] === 0 ? termScore[d] : total[d] + termScore[d];
        matched[d]++;
      }
    }
    const out = new Float64Array(order.length);
    for (const d of order) total[d] *= matched[d];
    // Array.prototype.sort is stable: ties keep the order of first match, as MiniSearch's results do.
    order.sort((a, b) => total[b] - total[a]);
    for (let i = 0; i < order.length; i++) out[i] = total[order[i]];
    return { docs: order, scores: out };
  }
}
