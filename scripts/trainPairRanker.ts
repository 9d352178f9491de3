/**
 * Trains the learned pair re-ranker (src/domain/policy/pairRanker.ts) and validates it by leaving
 * out one writer group at a time (never single questions).
 *   npm run train:ranker                    train on every set (out-of-fold classifier predictions); write the sidecar
 *   npm run train:ranker -- --holdout       leave-one-writer-group-out: shipped combination vs the re-ranker
 *   npm run train:ranker -- --diagnose      pool recall and confusions on held-out folds (no re-ranker)
 *   npm run train:ranker -- --curve         held-out top-1/top-3 with the classifier trained on 4 / 8 / 12 groups
 *   … --cache DIR                           keep the fold classifiers between runs (same files as train:classifier)
 *   … --cache DIR --fold-part i/n           only train folds i, i+n, … into the cache (n processes share the work)
 * Out of fold: a question of writer group h gets its classifier probabilities from a model
 * trained without h (its neighbours leave h out), so the re-ranker learns how far to trust the
 * classifier on questions it has not seen, not on its own (overconfident) training set. The groups
 * are dealt into RANKER_TRAINING.folds folds and each fold's classifier is trained without that
 * fold's groups (0: one classifier per group, as to round 40).
 * Listwise softmax over each question's candidates, L2, full-batch Adam from zero weights:
 * deterministic, so the committed file reproduces byte for byte.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_POLICY } from '../src/config';
import { clauseKey, loadKnowledgeBase, type KnowledgeBase } from '../src/domain/policy/knowledgeBase';
import { Answerer, cleanQuestion, FOCUS, PAIR_POOL } from '../src/domain/policy/answerer';
import { clauseHash, type ClassifierModel } from '../src/domain/policy/classifier';
import { bagOf, NeighbourBank, packBags, PAIR_FEATURE_VERSION, PAIR_FEATURES, PAIR_PRIOR, PairRanker, type PairCandidate, type PairRankerModel } from '../src/domain/policy/pairRanker';
import type { EvalQuestion } from '../src/domain/policy/evaluation';
import { loadSplit } from './eval';
import { writeOrCheck } from './sidecarFile';
import { aliasExamples, cacheArg, pct, questionExamples, row, score, train, trainingHash as classifierHash, withGeneralShift, writerGroups, type Scores } from './trainClassifier';

/**
 * `l2` pulls the weights back to the hand combination (PAIR_PRIOR): 0.01 from round 9 (19 writer
 * groups) to round 35; at 111 groups, held out over the 15 groups of rounds 29-35, 0.03 / 0.01 /
 * 0.003 / 0.001 / 0.0003 gave top-1 84.08 / 84.36 / 84.65 / 84.98 / 84.97 (docs/ANSWERS.md, round 36):
 * 0.001 is where the gain stops, with the button's best figure.
 *
 * `folds`: 10 from round 41. One classifier per writer group (0) took about four hours to train on
 * this project's two-core machines at 136 groups, so a new machine could not retrain, check or
 * hold out the re-ranker within a working session; ten folds took 17 minutes in two processes and
 * gave the same first-look and seen figures on round 40's data (docs/ANSWERS.md, round 41).
 */
export const RANKER_TRAINING = { epochs: 400, rate: 0.05, l2: 0.001, round: 3, folds: 10 };

/**
 * Writer groups dealt into `k` folds, round robin in the order of a hash of their names: folds of
 * about equal size, none of them a stretch of the alphabet.
 */
export function foldsOf(names: string[], k: number): string[][] {
  const key = (g: string) => createHash('sha256').update(g).digest('hex');
  const order = [...names].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const out: string[][] = Array.from({ length: k }, () => []);
  order.forEach((g, i) => out[i % k].push(g));
  return out;
}

/** Beside the policy, like the classifier's sidecar: loaded with it and used (docs/ANSWERS.md, round 10). */
export const RANKER_SIDECAR = DEFAULT_POLICY.replace(/\.md$/, '.ranker.json');

/**
 * What the re-ranker is trained on: the classifier's inputs and constants, its own constants and
 * features, the safeguarding rules (safeguarding.ts: its sgFirst / sgAny features come from them)
 * and what a question sets aside (focus.ts, `FOCUS`).
 */
export function rankerTrainingHash(): string {
  const source = (name: string) => fs.readFileSync(path.resolve(__dirname, '..', 'src', 'domain', 'policy', name), 'utf8');
  return createHash('sha256').update(classifierHash()).update(JSON.stringify({ RANKER_TRAINING, PAIR_POOL, PAIR_FEATURE_VERSION, PAIR_FEATURES, PAIR_PRIOR, FOCUS })).update(source('safeguarding.ts'))
    // What a question sets aside (focus.ts) changes its pool and its neighbours' bags.
    .update(source('focus.ts')).digest('hex').slice(0, 16);
}

interface Row {
  group: string;
  split: string;
  tag: string;
  candidates: PairCandidate[];
  bag: string[];
  /** Candidate indices that are right. */
  right: number[];
}

interface Labelled { group: string; bag: string[]; keys: string[] }

function accepted(q: EvalQuestion): string[] {
  return q.expect?.length ? q.expect : (q.parts ?? []).flat();
}

function keysOf(kb: KnowledgeBase, ids: string[]): string[] {
  return [...new Set(ids.flatMap((id) => kb.clauses.filter((c) => c.id === id).map((c) => clauseKey(c.docId, c.id))))];
}

/** The labelled bags: every in-scope question (with its writer group) and every staff phrasing (group ''). */
function labelledBags(kb: KnowledgeBase, lexical: Answerer, groups: Record<string, string[]>): { questions: Labelled[]; phrasings: Labelled[] } {
  const bag = (text: string) => bagOf(lexical.index.analyse(text), text);
  const questions: Labelled[] = [];
  for (const [group, splits] of Object.entries(groups)) {
    for (const split of splits) {
      for (const q of loadSplit(split)) {
        if (q.oos) continue;
        const keys = keysOf(kb, accepted(q));
        // What is retrieved for it: a case it sets aside is not what it is filed under (focus.ts).
        if (keys.length) questions.push({ group, bag: bag(lexical.focusText(cleanQuestion(q.q))), keys });
      }
    }
  }
  const byPhrase = new Map<string, string[]>();
  for (const [key, phrases] of kb.aliases) for (const p of phrases) byPhrase.set(p, [...(byPhrase.get(p) ?? []), key]);
  const phrasings = [...byPhrase].map(([p, keys]) => ({ group: '', bag: bag(cleanQuestion(p)), keys }));
  return { questions, phrasings };
}

/** A model file for the given weights and labelled bags (class indices over the policy's clauses). */
export function modelOf(kb: KnowledgeBase, weights: number[], questions: Labelled[], phrasings: Labelled[], trainedOn: string): PairRankerModel {
  const classes = kb.clauses.map((c) => ({ key: clauseKey(c.docId, c.id), hash: clauseHash(c.text) }));
  const index = new Map(classes.map((c, i) => [c.key, i]));
  const pack = (list: Labelled[]): [string, number[]][] => list.map((l) => [l.bag.join(' '), l.keys.map((k) => index.get(k) ?? -1).filter((i) => i >= 0)]);
  return { trainedOn, featureVersion: PAIR_FEATURE_VERSION, features: [...PAIR_FEATURES], weights, classes, questions: pack(questions), phrasings: pack(phrasings) };
}

/**
 * The classifier each group's questions are scored with, out of fold: trained without the group's
 * fold (RANKER_TRAINING.folds; 0: without the group alone). `part` ("i/n"): train only folds
 * i, i+n, … into the cache and stop, so that n processes can share the work.
 */
async function foldClassifiers(kb: KnowledgeBase, lexical: Answerer, groups: Record<string, string[]>, cache: string | undefined, part?: string): Promise<Map<string, ClassifierModel>> {
  const names = Object.keys(groups);
  const aliases = aliasExamples(kb, lexical);
  const byGroup = new Map(names.map((g) => [g, groups[g].flatMap((s) => questionExamples(kb, lexical, loadSplit(s)))]));
  const k = RANKER_TRAINING.folds;
  const folds = k ? foldsOf(names, k) : names.map((g) => [g]);
  const [mine, of] = part ? part.split('/').map(Number) : [0, 1];
  if (!(Number.isInteger(mine) && Number.isInteger(of) && mine >= 0 && mine < of)) throw new Error(`--fold-part "${part}": expected i/n with 0 <= i < n`);
  const out = new Map<string, ClassifierModel>();
  for (const [i, left] of folds.entries()) {
    // Fewer groups than folds leaves some empty: nothing to leave out, nothing to train.
    if (i % of !== mine || !left.length) continue;
    // Cached as `train` made them; the general shift (the fold's groups left out) is added after.
    const name = k ? `fold${i}of${k}` : left[0];
    const cached = cache ? path.join(cache, `${name}-${classifierHash(true)}.json`) : undefined;
    let model: ClassifierModel;
    if (cached && fs.existsSync(cached)) model = JSON.parse(fs.readFileSync(cached, 'utf8')) as ClassifierModel;
    else {
      const started = Date.now();
      model = train(kb, [...names.filter((h) => !left.includes(h)).flatMap((h) => byGroup.get(h) ?? []), ...aliases], `without ${left.join(', ')}`);
      if (cached) fs.writeFileSync(cached, JSON.stringify(model));
      console.error(`classifier without ${name} (${left.length} groups): ${Date.now() - started} ms`);
    }
    const shifted = withGeneralShift(model, kb, groups, left);
    for (const g of left) out.set(g, shifted);
  }
  return out;
}

/** Each group's in-scope questions with their candidate pools, from the classifier trained without that group. */
function poolRows(kb: KnowledgeBase, groups: Record<string, string[]>, folds: Map<string, ClassifierModel>, bags: { questions: Labelled[]; phrasings: Labelled[] }): Row[] {
  const rows: Row[] = [];
  const zero = PAIR_FEATURES.map(() => 0);
  for (const [group, splits] of Object.entries(groups)) {
    const model = modelOf(kb, zero, bags.questions.filter((l) => l.group !== group), bags.phrasings, 'pool');
    const answerer = new Answerer(kb, { classifier: folds.get(group) ?? null, pairRanker: model });
    for (const split of splits) {
      for (const q of loadSplit(split)) {
        if (q.oos) continue;
        const ids = accepted(q);
        if (!ids.length) continue;
        const { candidates, bag } = answerer.pairCandidates(cleanQuestion(q.q));
        const right = candidates.flatMap((c, i) => (ids.includes(c.key.slice(c.key.indexOf('#') + 1)) ? [i] : []));
        rows.push({ group, split, tag: q.tag ?? 'other', candidates, bag, right });
      }
    }
  }
  return rows;
}

/** Listwise softmax regression over candidates (every right candidate shares the target). */
export function fit(X: number[][][], right: number[][], l2 = RANKER_TRAINING.l2): number[] {
  const F = PAIR_FEATURES.length;
  // Starts from the hand combination, and L2 pulls back towards it (not towards zero).
  const prior = Float64Array.from(PAIR_FEATURES, (f) => PAIR_PRIOR[f] ?? 0);
  const w = Float64Array.from(prior);
  const m = new Float64Array(F);
  const v = new Float64Array(F);
  const g = new Float64Array(F);
  const { epochs, rate } = RANKER_TRAINING;
  const n = X.length;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    g.fill(0);
    for (let q = 0; q < n; q++) {
      const rows = X[q];
      const s = rows.map((r) => r.reduce((a, x, i) => a + x * w[i], 0));
      const max = Math.max(...s);
      const e = s.map((x) => Math.exp(x - max));
      const z = e.reduce((a, b) => a + b, 0);
      rows.forEach((r, c) => {
        const d = e[c] / z - (right[q].includes(c) ? 1 / right[q].length : 0);
        for (let i = 0; i < F; i++) g[i] += d * r[i];
      });
    }
    const c1 = 1 - 0.9 ** epoch;
    const c2 = 1 - 0.999 ** epoch;
    for (let i = 0; i < F; i++) {
      const grad = g[i] / n + l2 * (w[i] - prior[i]);
      m[i] = 0.9 * m[i] + 0.1 * grad;
      v[i] = 0.999 * v[i] + 0.001 * grad * grad;
      w[i] -= (rate * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + 1e-8);
    }
  }
  const r = 10 ** RANKER_TRAINING.round;
  return [...w].map((x) => Math.round(x * r) / r);
}

/** The training matrix: each row's candidates' features, neighbours leaving out the row's own group and `exclude`. */
/** A neighbour bank over labelled bags, classes indexed like modelOf's (the policy's clauses in order). */
function bankOf(kb: KnowledgeBase, list: Labelled[]): NeighbourBank {
  const index = new Map(kb.clauses.map((c, i) => [clauseKey(c.docId, c.id), i]));
  return NeighbourBank.of(list.map((l) => ({ bag: l.bag, classes: l.keys.map((k) => index.get(k) ?? -1) })), kb.clauses.length);
}

export function design(kb: KnowledgeBase, rows: Row[], bags: { questions: Labelled[]; phrasings: Labelled[] }, exclude: string | undefined): { X: number[][][]; right: number[][] } {
  const ranker = new PairRanker(modelOf(kb, PAIR_FEATURES.map(() => 0), [], [], ''), kb);
  const phrasings = bankOf(kb, bags.phrasings);
  const banks = new Map<string, NeighbourBank>();
  const X: number[][][] = [];
  const right: number[][] = [];
  for (const r of rows) {
    if (!r.right.length || r.candidates.length < 2) continue;
    let questions = banks.get(r.group);
    if (!questions) {
      questions = bankOf(kb, bags.questions.filter((l) => l.group !== r.group && l.group !== exclude));
      banks.set(r.group, questions);
    }
    X.push(ranker.features(r.candidates, r.bag, { questions, phrasings }));
    right.push(r.right);
  }
  return { X, right };
}

export async function setup(args: string[]) {
  const kb = await loadKnowledgeBase([DEFAULT_POLICY]);
  const lexical = new Answerer(kb, { classifier: null });
  const groups = writerGroups();
  const cache = cacheArg(args);
  const folds = await foldClassifiers(kb, lexical, groups, cache);
  const bags = labelledBags(kb, lexical, groups);
  const started = Date.now();
  const rows = poolRows(kb, groups, folds, bags);
  console.error(`pools for ${rows.length} questions in ${Date.now() - started} ms`);
  return { kb, lexical, groups, folds, bags, rows };
}

/** The hand combination's order over a row's pool (lexical relative score + 0.5 log p, index list + the model's 3 at p >= 0.1). */
function handOrder(r: Row): number[] {
  const idx = r.candidates.map((_, i) => i).filter((i) => r.candidates[i].lexRank >= 0 || (r.candidates[i].pRank >= 0 && r.candidates[i].pRank < 3 && (r.candidates[i].p ?? 0) >= 0.1));
  const s = (i: number) => r.candidates[i].lexRel + 0.5 * Math.log(Math.max(r.candidates[i].p ?? 1 / 105, 1e-6));
  return idx.sort((a, b) => s(b) - s(a) || a - b);
}

async function diagnose(args: string[]): Promise<void> {
  const { kb, groups, folds, rows } = await setup(args);
  // Where the pipeline loses what the ranking has: in-scope questions not answered (confidence
  // under the threshold or p(out of scope) cap) count as misses for top-1 and top-3.
  console.log('shipped answer on held-out folds: in-scope answered / top-1 of answered / unanswered whose ranking had it first / in first 3; out of scope answered');
  const all = { n: 0, answered: 0, right: 0, un: 0, un1: 0, un3: 0, oos: 0, oosAnswered: 0 };
  for (const [g, splits] of Object.entries(groups)) {
    const answerer = new Answerer(kb, { classifier: folds.get(g) ?? null, pairRanker: null });
    const c = { n: 0, answered: 0, right: 0, un: 0, un1: 0, un3: 0, oos: 0, oosAnswered: 0 };
    for (const split of splits) {
      for (const q of loadSplit(split)) {
        const a = answerer.answer(q.q);
        if (q.oos) { c.oos++; if (a.answered) c.oosAnswered++; continue; }
        const ids = accepted(q);
        if (!ids.length) continue;
        c.n++;
        if (a.answered) { c.answered++; if (ids.includes(a.citations[0]?.id)) c.right++; continue; }
        c.un++;
        const ranked = answerer.retrieve(cleanQuestion(q.q)).ranked.map((r) => r.clause.id);
        if (ids.includes(ranked[0])) c.un1++;
        if (ranked.slice(0, 3).some((id) => ids.includes(id))) c.un3++;
      }
    }
    for (const k of Object.keys(all) as (keyof typeof all)[]) all[k] += c[k];
    console.log(`${g.padEnd(11)} ${pct(c.answered, c.n)} ${pct(c.right, c.answered)} | unanswered ${String(c.un).padStart(3)}: ${pct(c.un1, c.un)} ${pct(c.un3, c.un)} | oos answered ${pct(c.oosAnswered, c.oos)}`);
  }
  console.log(`pooled      ${pct(all.answered, all.n)} ${pct(all.right, all.answered)} | unanswered ${all.un}: ${pct(all.un1, all.un)} ${pct(all.un3, all.un)} | oos answered ${pct(all.oosAnswered, all.oos)} of ${all.oos}`);
  const at = (r: Row, order: number[], k: number) => order.slice(0, k).some((i) => r.right.includes(i));
  console.log('pool recall on held-out folds (in-scope questions; each group with the classifier trained without it)');
  console.log('group        n   hand top-1 top-3 top-8 | lexical-8 | lex-8+clf-3 (11) | whole pool (lex 8 + clf 5 + kNN 3) | pool size');
  const total = { n: 0, h1: 0, h3: 0, h8: 0, lex: 0, l11: 0, pool: 0, size: 0 };
  const missesIn = { n: 0, in11: 0, inPool: 0 };
  const confusion = new Map<string, number>();
  for (const g of [...new Set(rows.map((r) => r.group))]) {
    const rs = rows.filter((r) => r.group === g);
    const c = { n: rs.length, h1: 0, h3: 0, h8: 0, lex: 0, l11: 0, pool: 0, size: 0 };
    for (const r of rs) {
      const order = handOrder(r);
      if (at(r, order, 1)) c.h1++;
      else {
        missesIn.n++;
        if (r.right.some((i) => order.includes(i))) missesIn.in11++;
        if (r.right.length) missesIn.inPool++;
        const got = order[0] === undefined ? 'none' : r.candidates[order[0]].key.split('#')[1];
        const want = r.right.length ? r.candidates[r.right[0]].key.split('#')[1] : '(not in pool)';
        confusion.set(`${want} -> ${got}`, (confusion.get(`${want} -> ${got}`) ?? 0) + 1);
      }
      if (at(r, order, 3)) c.h3++;
      if (at(r, order, 8)) c.h8++;
      if (r.right.some((i) => r.candidates[i].lexRank >= 0)) c.lex++;
      if (r.right.some((i) => order.includes(i))) c.l11++;
      if (r.right.length) c.pool++;
      c.size += r.candidates.length;
    }
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += c[k];
    const p = (x: number) => pct(x, c.n);
    console.log(`${g.padEnd(11)} ${String(c.n).padStart(4)}  ${p(c.h1)} ${p(c.h3)} ${p(c.h8)} | ${p(c.lex)} | ${p(c.l11)} | ${p(c.pool)} | ${(c.size / c.n).toFixed(1)}`);
  }
  const p = (x: number) => pct(x, total.n);
  console.log(`pooled      ${String(total.n).padStart(4)}  ${p(total.h1)} ${p(total.h3)} ${p(total.h8)} | ${p(total.lex)} | ${p(total.l11)} | ${p(total.pool)} | ${(total.size / total.n).toFixed(1)}`);
  console.log(`hand-order top-1 misses: ${missesIn.n}; right clause among the 11: ${pct(missesIn.in11, missesIn.n)}; in the whole pool: ${pct(missesIn.inPool, missesIn.n)}`);
  console.log('top confusions (expected -> led):');
  for (const [k, n] of [...confusion].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${String(n).padStart(3)}  ${k}`);
}

/** Means over groups of scores. */
function means(list: Scores[]): string {
  const f = [
    (s: Scores) => s.top1 / s.inScope, (s: Scores) => s.top3 / s.inScope, (s: Scores) => s.shown / s.inScope,
    (s: Scores) => (s.oos ? s.oosNoAnswer / s.oos : 1), (s: Scores) => (s.oos ? s.oosOutright / s.oos : 1), (s: Scores) => s.inRefused / s.inScope,
  ].map((fn) => (100 * list.reduce((a, s) => a + fn(s), 0) / list.length).toFixed(1).padStart(5)).join(' ');
  const sg = list.filter((s) => s.sgN);
  const sgm = (fn: (s: Scores) => number) => (100 * sg.reduce((a, s) => a + fn(s), 0) / sg.length).toFixed(1);
  return `${f} | sg ${sgm((s) => s.sgLead / s.sgN)} ${sgm((s) => s.sgTop3Button / s.sgN)}`;
}

async function holdout(args: string[]): Promise<void> {
  const { kb, groups, folds, bags, rows } = await setup(args);
  const names = Object.keys(groups);
  // --variants l2:promote,… e.g. 0.01:none,0.001:0.7
  const specs = (args.includes('--variants') ? args[args.indexOf('--variants') + 1] : `${RANKER_TRAINING.l2}:none`).split(',').map((v) => {
    const [l2, promote, guard, keep, floor, lift] = v.split(':');
    // keep: nokeep | topic (any topic keeps the hand lead) | topics (every topic clause protected) | chooses (the topic chooses among its clauses) | topics+chooses
    const keeps = (keep ?? '').split('+');
    const safeguardingGuard = { protect: keeps.includes('topics') ? 'topics' as const : 'governing' as const, topicChooses: keeps.includes('chooses') };
    return { l2: Number(l2), promote: promote === 'none' || promote === undefined ? null : Number(promote), promoteOos: guard ? Number(guard) : undefined, keepSafeguardingLead: keep !== 'nokeep', keepTopicLead: keep === 'topic', promoteFloor: floor ? Number(floor) : undefined, liftWithRanker: lift === 'lift', safeguardingGuard };
  });
  const l2s = [...new Set(specs.map((v) => v.l2))];
  const withRelated = args.includes('--related-order');
  const variants: { name: string; make: (g: string, weights: Map<number, number[]>) => Answerer; ranker?: boolean }[] = [
    { name: 'hand combination + lift (main before the re-ranker)', make: (g) => new Answerer(kb, { classifier: folds.get(g) ?? null, pairRanker: null }) },
    { name: 'round 8: hand combination, no lift, related by lexical score', make: (g) => new Answerer(kb, { classifier: folds.get(g) ?? null, pairRanker: null, relatedOrder: 'score', learned: { lift: null } }) },
    ...(withRelated ? [{ name: 'hand, related in ranked order', make: (g: string) => new Answerer(kb, { classifier: folds.get(g) ?? null, pairRanker: null, relatedOrder: 'ranked' as const }) }] : []),
    ...specs.map(({ l2, promote, promoteOos, keepSafeguardingLead, keepTopicLead, promoteFloor, liftWithRanker, safeguardingGuard }) => ({
      name: `pair re-ranker, l2 ${l2}, promote ${promote ?? 'never'}${promoteOos !== undefined ? ` if p(oos) < ${promoteOos}` : ''}${promoteFloor !== undefined ? ` and lexical >= ${promoteFloor}` : ''}${keepSafeguardingLead ? '' : ', sg lead not kept'}${keepTopicLead ? ', sg topic keeps lead' : ''}${liftWithRanker ? ', with lift' : ''}, protects ${safeguardingGuard.protect}${safeguardingGuard.topicChooses ? ', topic chooses' : ''}`,
      ranker: true,
      make: (g: string, w: Map<number, number[]>) => new Answerer(kb, { classifier: folds.get(g) ?? null, promote, promoteOos, keepSafeguardingLead, keepTopicLead, promoteFloor, liftWithRanker, safeguardingGuard, pairRanker: modelOf(kb, w.get(l2)!, bags.questions.filter((l) => l.group !== g), bags.phrasings, `without ${g}`) }),
    })),
  ];
  const results = new Map<string, Scores[]>(variants.map((v) => [v.name, []]));
  for (const g of names) {
    const started = Date.now();
    const { X, right } = design(kb, rows.filter((r) => r.group !== g), bags, g);
    const w = new Map(l2s.map((l2) => [l2, fit(X, right, l2)]));
    for (const v of variants) results.get(v.name)!.push(score(v.make(g, w), groups[g]));
    for (const [l2, ws] of w) console.error(`${g}: ${Date.now() - started} ms; l2 ${l2}: ${PAIR_FEATURES.map((f, i) => `${f} ${ws[i]}`).join(', ')}`);
  }
  console.log('held out by writer group: top-1 / top-3 / shown / oos no answer (outright) / in-scope refused | sg leads / in top-3 with button');
  for (const v of variants) {
    console.log(`\n${v.name}: mean ${means(results.get(v.name)!)}`);
    names.forEach((g, i) => console.log(`  ${g.padEnd(11)} ${row(results.get(v.name)![i])}`));
  }
  // Nested: each group's re-ranker setting chosen on the other groups (top-1 + oos given no answer,
  // no group losing > 2 points of either against the shipped combination).
  const base = results.get(variants[0].name)!;
  const rankers = variants.filter((v) => v.ranker);
  const objective = (s: Scores) => s.top1 / s.inScope + (s.oos ? s.oosNoAnswer / s.oos : 1);
  const safe = (v: string, among: number[]) => among.every((i) => {
    const a = results.get(v)![i];
    const b = base[i];
    return a.top1 / a.inScope >= b.top1 / b.inScope - 0.02 && (!a.oos || a.oosNoAnswer / a.oos >= b.oosNoAnswer / b.oos - 0.02)
      && (!a.sgN || a.sgLead / a.sgN >= b.sgLead / b.sgN - 0.02);
  });
  const pick = (among: number[]) => rankers.map((v) => ({ v, value: among.reduce((a, i) => a + objective(results.get(v.name)![i]), 0) - (safe(v.name, among) ? 0 : 100) }))
    .sort((x, y) => y.value - x.value)[0].v;
  const nested = names.map((_, i) => results.get(pick(names.map((__, j) => j).filter((j) => j !== i)).name)![i]);
  console.log(`\nnested (setting chosen on the other groups): mean ${means(nested)}`);
  names.forEach((g, i) => console.log(`  ${g.padEnd(11)} ${row(nested[i])}   ${pick(names.map((__, j) => j).filter((j) => j !== i)).name}`));
  console.log(`setting on all groups: ${pick(names.map((_, i) => i)).name}`);
  console.log('\nper kind, pooled (top-1; out-of-scope tags: no answer):');
  const kinds = (list: Scores[]) => {
    const m = new Map<string, [number, number]>();
    for (const s of list) for (const [t, [a, b]] of s.kinds) { const x = m.get(t) ?? [0, 0]; m.set(t, [x[0] + a, x[1] + b]); }
    return m;
  };
  const byVariant = [...variants.map((v) => kinds(results.get(v.name)!)), kinds(nested)];
  for (const [t, [, n]] of [...byVariant[0]].sort((x, y) => y[1][1] - x[1][1])) {
    console.log(`${t.padEnd(16)} n=${String(n).padStart(4)}  ${byVariant.map((k) => pct(k.get(t)?.[0] ?? 0, n)).join(' ')}`);
  }
}

/** Held-out top-1 / top-3 with the classifier trained on fewer writer groups (the lexical answerer and phrasings unchanged). */
async function curve(args: string[]): Promise<void> {
  const kb = await loadKnowledgeBase([DEFAULT_POLICY]);
  const lexical = new Answerer(kb, { classifier: null });
  const groups = writerGroups();
  const names = Object.keys(groups);
  const aliases = aliasExamples(kb, lexical);
  const byGroup = new Map(names.map((g) => [g, groups[g].flatMap((s) => questionExamples(kb, lexical, loadSplit(s)))]));
  const cache = cacheArg(args);
  const sizes = [0, 4, 8, 12];
  const table = new Map<number, Scores[]>(sizes.map((k) => [k, []]));
  // --groups a,b: only these held out (each fit costs half a minute; the curve is a mean over them).
  const only = args.includes('--groups') ? args[args.indexOf('--groups') + 1].split(',') : names;
  for (const [gi, g] of names.entries()) {
    if (!only.includes(g)) continue;
    const others = names.filter((h) => h !== g);
    // A fixed rotation, so each held-out group gets different training groups at each size.
    const order = [...others.slice(gi % others.length), ...others.slice(0, gi % others.length)];
    for (const k of sizes) {
      const cached = cache ? path.join(cache, `curve-${g}-${k}-${classifierHash(true)}.json`) : undefined;
      let model: ClassifierModel | null = null;
      if (k > 0) {
        model = cached && fs.existsSync(cached) ? JSON.parse(fs.readFileSync(cached, 'utf8')) as ClassifierModel
          : train(kb, [...order.slice(0, k).flatMap((h) => byGroup.get(h) ?? []), ...aliases], `curve ${g} ${k}`);
        if (cached) fs.writeFileSync(cached, JSON.stringify(model));
      }
      table.get(k)!.push(score(new Answerer(kb, { classifier: model, pairRanker: null }), groups[g]));
    }
    console.error(`curve: ${g} done`);
  }
  console.log(`held out: ${only.join(', ')}`);
  console.log('classifier trained on k writer groups (+ phrasings), each group held out: mean top-1 / top-3 / shown / oos NA (outright) / in-scope refused | sg');
  for (const k of sizes) console.log(`k=${String(k).padStart(2)}  ${means(table.get(k)!)}`);
}

export async function trainShippedRanker(args: string[] = []): Promise<string> {
  const { kb, bags, rows } = await setup(args);
  const { X, right } = design(kb, rows, bags, undefined);
  const w = fit(X, right);
  return serialiseRanker(modelOf(kb, w, bags.questions, bags.phrasings, rankerTrainingHash()));
}

export function serialiseRanker(unpacked: PairRankerModel): string {
  const model = packBags(unpacked);
  const lines = [
    '{',
    `"trainedOn": ${JSON.stringify(model.trainedOn)},`,
    `"featureVersion": ${model.featureVersion},`,
    `"features": ${JSON.stringify(model.features)},`,
    `"weights": ${JSON.stringify(model.weights)},`,
    `"classes": [\n${model.classes.map((c) => JSON.stringify(c)).join(',\n')}\n],`,
    `"questions": [\n${model.questions.map((q) => JSON.stringify(q)).join(',\n')}\n],`,
    `"phrasings": [\n${model.phrasings.map((q) => JSON.stringify(q)).join(',\n')}\n],`,
    `"words": ${JSON.stringify(model.words)}`,
    '}',
  ];
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--diagnose')) return diagnose(args);
  if (args.includes('--holdout')) return holdout(args);
  if (args.includes('--curve')) return curve(args);
  if (args.includes('--fold-part')) {
    // Only fills the cache: `--cache DIR --fold-part 0/2` and `… 1/2` in two processes.
    const cache = cacheArg(args);
    if (!cache) throw new Error('--fold-part needs --cache DIR');
    const kb = await loadKnowledgeBase([DEFAULT_POLICY]);
    fs.mkdirSync(cache, { recursive: true });
    await foldClassifiers(kb, new Answerer(kb, { classifier: null }), writerGroups(), cache, args[args.indexOf('--fold-part') + 1]);
    return;
  }
  const text = await trainShippedRanker(args);
  if (!writeOrCheck(RANKER_SIDECAR, text, 'npm run train:ranker', args.includes('--check'))) return;
  console.log(`wrote ${RANKER_SIDECAR} (${(text.length / 1024).toFixed(0)} KB); weights ${PAIR_FEATURES.map((f, i) => `${f} ${JSON.parse(text).weights[i]}`).join(', ')}`);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
