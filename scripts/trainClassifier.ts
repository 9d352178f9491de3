/**
 * Trains the learned clause classifier (src/domain/policy/classifier.ts) and validates it by
 * leaving out one writer's sets at a time (never single questions: one writer's questions
 * resemble each other).
 *   npm run train:classifier                 train on every seen set + staff phrasings; write the sidecar
 *   npm run train:classifier -- --holdout    leave-one-writer-out: lexical vs combined per group and kind
 *   npm run train:classifier -- --check      exit 1 if the committed sidecar is not what training writes
 *   … --holdout --shipped-only --set l2=0.001   only the shipped setting, with other training constants
 *   … --holdout --cache DIR                     keep the fold models between runs
 *   … --holdout --groups a,b --grid '[{"lift":0.3}]'   hold out only some groups; try variations of LEARNED
 * Softmax regression, L2, full-batch Adam from zero weights in a fixed order: deterministic, so
 * the committed file is reproducible byte for byte.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_POLICY } from '../src/config';
import { clauseKey, loadKnowledgeBase, type KnowledgeBase } from '../src/domain/policy/knowledgeBase';
import { Answerer, cleanQuestion, LEARNED, type LearnedOptions } from '../src/domain/policy/answerer';
import { clauseHash, FEATURE_VERSION, OOS_CLASS, questionFeatures, type ClassifierModel } from '../src/domain/policy/classifier';
import { evaluate, evaluateDecisions, type EvalQuestion } from '../src/domain/policy/evaluation';
import { decide } from '../src/domain/policy/decision';
import { FIXTURES, loadSplit, otherSplits, safeguardingEval, SPLITS } from './eval';
import { writeOrCheck } from './sidecarFile';

/**
 * Writer groups, from the sets in test/fixtures: a writer's general and safeguarding sets
 * (`x`, `x-sg`) are held out together; tune, dev and holdout are one writer (the project's own).
 */
export function writerGroups(): Record<string, string[]> {
  const ours = ['tune', 'dev', 'holdout'];
  const groups: Record<string, string[]> = { ours };
  for (const split of [...SPLITS, ...otherSplits()]) {
    if (ours.includes(split)) continue;
    const writer = split.replace(/-sg$/, '');
    (groups[writer] ??= []).push(split);
  }
  return groups;
}

/** `--cache DIR` among the arguments (undefined without it); a flag in its place is no directory. */
export function cacheArg(args: string[]): string | undefined {
  const i = args.indexOf('--cache');
  if (i < 0) return undefined;
  const dir = args[i + 1];
  if (!dir || dir.startsWith('--')) throw new Error('--cache needs a directory');
  return dir;
}

/**
 * `generalShift`: how much of `safeguardingPriorShift` a question raising no safeguarding topic
 * gets (classifier.ts `generalShift`; 0: none). Round 29, held out: see docs/ANSWERS.md.
 */
export const TRAINING = { epochs: 200, rate: 0.05, l2: 3e-5, aliasWeight: 1, round: 2, drop: 0.2, generalShift: 0 };

export const SIDECAR = DEFAULT_POLICY.replace(/\.md$/, '.classifier.json');

export interface Example {
  features: string[];
  /** Class keys it belongs to (several: any of them is right), or [OOS_CLASS]. */
  target: string[];
  weight: number;
}

/**
 * What the model is trained on: every question set, the staff phrasings, the training constants.
 * `raw`: what `train` alone depends on (not the general shift added after it), which names cached fold models.
 */
export function trainingHash(raw = false): string {
  const h = createHash('sha256');
  const files = fs.readdirSync(FIXTURES).filter((f) => /^questions\..+\.json$/.test(f)).sort();
  for (const f of files) h.update(f).update(fs.readFileSync(path.join(FIXTURES, f)));
  h.update(fs.readFileSync(DEFAULT_POLICY.replace(/\.md$/, '.aliases.json')));
  // Without a general shift the constants hash as they did before it existed.
  const { generalShift, ...constants } = TRAINING;
  h.update(JSON.stringify(raw || !generalShift ? { ...constants, FEATURE_VERSION } : { ...TRAINING, FEATURE_VERSION }));
  return h.digest('hex').slice(0, 16);
}

function keysOf(kb: KnowledgeBase, ids: string[]): string[] {
  return [...new Set(ids.flatMap((id) => kb.clauses.filter((c) => c.id === id).map((c) => clauseKey(c.docId, c.id))))];
}

export function questionExamples(kb: KnowledgeBase, lexical: Answerer, questions: EvalQuestion[]): Example[] {
  const out: Example[] = [];
  for (const item of questions) {
    const text = cleanQuestion(item.q);
    const features = questionFeatures(lexical.index.analyse(text), text);
    const target = item.oos ? [OOS_CLASS] : keysOf(kb, item.parts ? item.parts.flat() : item.expect ?? []);
    if (target.length) out.push({ features, target, weight: 1 });
  }
  return out;
}

/** Each staff phrasing once, labelled with every clause it is listed under. */
export function aliasExamples(kb: KnowledgeBase, lexical: Answerer): Example[] {
  const byPhrase = new Map<string, string[]>();
  for (const [key, phrases] of kb.aliases) for (const p of phrases) byPhrase.set(p, [...(byPhrase.get(p) ?? []), key]);
  return [...byPhrase].map(([phrase, target]) => {
    const text = cleanQuestion(phrase);
    return { features: questionFeatures(lexical.index.analyse(text), text), target, weight: TRAINING.aliasWeight };
  });
}

/** Softmax regression with L2 by full-batch Adam; returns the sparse, rounded model. */
export function train(kb: KnowledgeBase, data: Example[], trainedOn: string): ClassifierModel {
  const classes = [...kb.clauses.map((c) => clauseKey(c.docId, c.id)), OOS_CLASS];
  const classIndex = new Map(classes.map((k, i) => [k, i]));
  const featureIndex = new Map<string, number>();
  for (const ex of data) for (const f of ex.features) if (!featureIndex.has(f)) featureIndex.set(f, featureIndex.size);
  const C = classes.length;
  const F = featureIndex.size;
  const rows = data.map((ex) => ({
    f: Int32Array.from(ex.features.map((f) => featureIndex.get(f) ?? 0)),
    scale: 1 / Math.sqrt(Math.max(1, ex.features.length)),
    y: ex.target.map((k) => classIndex.get(k) ?? -1).filter((i) => i >= 0),
    weight: ex.weight,
  })).filter((r) => r.y.length);
  const total = rows.reduce((a, r) => a + r.weight, 0);
  const W = new Float64Array(F * C);
  const b = new Float64Array(C);
  const gW = new Float64Array(F * C);
  const gb = new Float64Array(C);
  const mW = new Float64Array(F * C);
  const vW = new Float64Array(F * C);
  const mb = new Float64Array(C);
  const vb = new Float64Array(C);
  const logits = new Float64Array(C);
  const { epochs, rate, l2 } = TRAINING;
  const beta1 = 0.9;
  const beta2 = 0.999;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    gW.fill(0);
    gb.fill(0);
    for (const r of rows) {
      logits.set(b);
      for (const f of r.f) for (let c = 0, o = f * C; c < C; c++) logits[c] += W[o + c] * r.scale;
      let max = -Infinity;
      for (let c = 0; c < C; c++) if (logits[c] > max) max = logits[c];
      let z = 0;
      for (let c = 0; c < C; c++) z += (logits[c] = Math.exp(logits[c] - max));
      for (let c = 0; c < C; c++) logits[c] = (logits[c] / z) * r.weight;
      // Several right clauses: the target is spread evenly over them.
      for (const y of r.y) logits[y] -= r.weight / r.y.length;
      for (let c = 0; c < C; c++) gb[c] += logits[c];
      for (const f of r.f) for (let c = 0, o = f * C; c < C; c++) gW[o + c] += logits[c] * r.scale;
    }
    const c1 = 1 - beta1 ** epoch;
    const c2 = 1 - beta2 ** epoch;
    for (let i = 0; i < W.length; i++) {
      const g = gW[i] / total + l2 * W[i];
      mW[i] = beta1 * mW[i] + (1 - beta1) * g;
      vW[i] = beta2 * vW[i] + (1 - beta2) * g * g;
      W[i] -= (rate * (mW[i] / c1)) / (Math.sqrt(vW[i] / c2) + 1e-8);
    }
    for (let c = 0; c < C; c++) {
      const g = gb[c] / total;
      mb[c] = beta1 * mb[c] + (1 - beta1) * g;
      vb[c] = beta2 * vb[c] + (1 - beta2) * g * g;
      b[c] -= (rate * (mb[c] / c1)) / (Math.sqrt(vb[c] / c2) + 1e-8);
    }
  }
  const round = (x: number) => Math.round(x * 10 ** TRAINING.round) / 10 ** TRAINING.round;
  const weights: Record<string, number[]> = {};
  for (const [name, f] of [...featureIndex].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    const row: number[] = [];
    for (let c = 0; c < C; c++) {
      const w = round(W[f * C + c]);
      if (Math.abs(w) >= TRAINING.drop) row.push(c, w);
    }
    if (row.length) weights[name] = row;
  }
  return {
    trainedOn,
    featureVersion: FEATURE_VERSION,
    classes: classes.map((key) => ({ key, hash: key === OOS_CLASS ? '' : clauseHash(kb.byKey.get(key)?.text ?? '') })),
    bias: [...b].map(round),
    weights,
  };
}

/** The committed file's text for a model: one class or feature per line, so diffs stay readable. */
export function serialise(model: ClassifierModel): string {
  const lines = [
    '{',
    `"trainedOn": ${JSON.stringify(model.trainedOn)},`,
    `"featureVersion": ${model.featureVersion},`,
    `"classes": [\n${model.classes.map((c) => JSON.stringify(c)).join(',\n')}\n],`,
    `"bias": ${JSON.stringify(model.bias)},`,
    ...(model.generalShift ? [`"generalShift": ${JSON.stringify(model.generalShift)},`] : []),
    `"weights": {\n${Object.entries(model.weights).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n')}\n}`,
    '}',
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * Per class (the model's order), log((n_general + 1) / (n_all + 1)): how much more often the
 * labelled questions name a clause once the safeguarding sets (`-sg`, written to a quota of
 * safeguarding topics) are counted. Added to a model's biases it moves the prior towards what the
 * general sets ask. Groups in `exclude` are left out (a fold's own group).
 */
export function safeguardingPriorShift(kb: KnowledgeBase, groups: Record<string, string[]>, exclude: string[] = []): number[] {
  const classes = [...kb.clauses.map((c) => clauseKey(c.docId, c.id)), OOS_CLASS];
  const index = new Map(classes.map((k, i) => [k, i]));
  const general = new Float64Array(classes.length);
  const all = new Float64Array(classes.length);
  for (const [group, splits] of Object.entries(groups)) {
    if (exclude.includes(group)) continue;
    for (const split of splits) {
      for (const q of loadSplit(split)) {
        if (q.oos) continue;
        const keys = keysOf(kb, q.parts ? q.parts.flat() : q.expect ?? []);
        for (const k of keys) {
          const c = index.get(k) ?? -1;
          if (c < 0) continue;
          all[c] += 1 / keys.length;
          if (!split.endsWith('-sg')) general[c] += 1 / keys.length;
        }
      }
    }
  }
  return classes.map((k, c) => (k === OOS_CLASS ? 0 : Math.log((general[c] + 1) / (all[c] + 1))));
}

/**
 * The model with its `generalShift`: TRAINING.generalShift x safeguardingPriorShift over the
 * groups (a fold's own left out), rounded like the weights; unchanged at 0.
 */
export function withGeneralShift(model: ClassifierModel, kb: KnowledgeBase, groups: Record<string, string[]>, exclude: string[] = []): ClassifierModel {
  if (!TRAINING.generalShift) return model;
  const round = (x: number) => Math.round(x * 10 ** TRAINING.round) / 10 ** TRAINING.round;
  return { ...model, generalShift: safeguardingPriorShift(kb, groups, exclude).map((x) => round(TRAINING.generalShift * x) || 0) };
}

export async function trainShipped(): Promise<string> {
  const kb = await loadKnowledgeBase([DEFAULT_POLICY]);
  const lexical = new Answerer(kb, { classifier: null });
  const groups = writerGroups();
  const data = [...Object.values(groups).flat().flatMap((s) => questionExamples(kb, lexical, loadSplit(s))), ...aliasExamples(kb, lexical)];
  return serialise(withGeneralShift(train(kb, data, trainingHash()), kb, groups));
}

export interface Scores {
  inScope: number;
  top1: number;
  top3: number;
  shown: number;
  oosNoAnswer: number;
  oos: number;
  oosOutright: number;
  inRefused: number;
  sgN: number;
  sgLead: number;
  sgTop3Button: number;
  /** tag -> [right, of]: top-1 for in-scope tags, refused for out-of-scope ones. */
  kinds: Map<string, [number, number]>;
}

export function score(answerer: Answerer, splits: string[]): Scores {
  const s: Scores = { inScope: 0, top1: 0, top3: 0, shown: 0, oosNoAnswer: 0, oos: 0, oosOutright: 0, inRefused: 0, sgN: 0, sgLead: 0, sgTop3Button: 0, kinds: new Map() };
  for (const split of splits) {
    const qs = loadSplit(split);
    const r = evaluate(qs, (q) => answerer.answer(q));
    const d = evaluateDecisions(qs, (q) => decide(answerer, q));
    s.inScope += r.inScope;
    s.top1 += r.top1 * r.inScope;
    s.top3 += r.top3 * r.inScope;
    s.shown += d.shown;
    s.inRefused += d.inScopeRefused;
    s.oos += d.outOfScope;
    s.oosNoAnswer += d.oosRefused;
    s.oosOutright += d.oosRefusedOutright;
    const missed = new Set(r.misses.map((m) => m.q));
    for (const q of qs) {
      const tag = q.tag ?? (q.oos ? 'out-of-scope' : 'other');
      const k = s.kinds.get(tag) ?? [0, 0];
      k[1]++;
      if (!missed.has(q.q)) k[0]++;
      s.kinds.set(tag, k);
    }
    if (split.endsWith('-sg')) {
      const sg = safeguardingEval(answerer, qs);
      s.sgN += sg.n;
      s.sgLead += sg.lead;
      s.sgTop3Button += sg.withButton;
    }
  }
  return s;
}

export const pct = (n: number, of: number) => (of ? ((100 * n) / of).toFixed(1) : '—').padStart(5);

export function row(s: Scores): string {
  return `${pct(s.top1, s.inScope)} ${pct(s.top3, s.inScope)} ${pct(s.shown, s.inScope)} ${pct(s.oosNoAnswer, s.oos)} (${pct(s.oosOutright, s.oos)}) ${pct(s.inRefused, s.inScope)} | sg ${pct(s.sgLead, s.sgN)} ${pct(s.sgTop3Button, s.sgN)}`;
}

async function holdout(args: string[]): Promise<void> {
  // --set l2=0.001,aliasWeight=0.5: other training constants, for comparison (the sidecar keeps TRAINING's).
  const set = args.includes('--set') ? args[args.indexOf('--set') + 1] : undefined;
  for (const kv of set ? set.split(',') : []) {
    const [k, v] = kv.split('=');
    if (!(k in TRAINING)) throw new Error(`--set: no training constant "${k}"`);
    (TRAINING as Record<string, number>)[k] = Number(v);
  }
  const kb = await loadKnowledgeBase([DEFAULT_POLICY]);
  const lexical = new Answerer(kb, { classifier: null });
  const aliases = aliasExamples(kb, lexical);
  const GROUPS = writerGroups();
  // --groups a,b,c: hold out only these (each still trained on all the others): a quicker run.
  const only = args.includes('--groups') ? args[args.indexOf('--groups') + 1].split(',') : undefined;
  for (const g of only ?? []) if (!GROUPS[g]) throw new Error(`--groups: no writer group "${g}"`);
  const allGroups = Object.keys(GROUPS);
  const groups = allGroups.filter((g) => !only || only.includes(g));
  const byGroup = new Map(allGroups.map((g) => [g, GROUPS[g].flatMap((s) => questionExamples(kb, lexical, loadSplit(s)))]));
  const grid: Partial<LearnedOptions>[] = [];
  if (args.includes('--shipped-only')) grid.push({ ...LEARNED });
  // --grid '[{"lift":0.5}]': the shipped setting and these variations of it.
  if (args.includes('--grid')) for (const o of JSON.parse(args[args.indexOf('--grid') + 1]) as Partial<LearnedOptions>[]) grid.push({ ...LEARNED, ...o });
  else {
    const oos: [number | null, number | null][] = [[null, null], [0.2, 0.7], [0.3, 0.7], [0.4, 0.7]];
    for (const [lexical, weights] of [['linear', [0.5, 1]], ['log', [0.5, 1, 2]]] as const) {
      for (const weight of weights) for (const [oosCap, oosRefuse] of oos) grid.push({ lexical, weight, extra: 3, oosCap, oosRefuse });
    }
  }
  const label = (o: Partial<LearnedOptions>) => `${o.lexical} w=${o.weight} extra=${o.extra}${o.oosCap ? ` oos>=${o.oosCap}` : ''}${o.oosRefuse ? ` refuse>=${o.oosRefuse}` : ''}${o.lift ? ` lift>=${o.lift}->${o.liftTo}` : ''}`;
  const cache = cacheArg(args);
  const results = new Map<string, { lexical: Scores; byConfig: Scores[] }>();
  for (const g of groups) {
    const started = Date.now();
    const data = [...allGroups.filter((h) => h !== g).flatMap((h) => byGroup.get(h) ?? []), ...aliases];
    const cached = cache ? path.join(cache, `${g}-${trainingHash()}.json`) : undefined;
    const model = cached && fs.existsSync(cached) ? JSON.parse(fs.readFileSync(cached, 'utf8')) as ClassifierModel : train(kb, data, `without ${g}`);
    if (cached) fs.writeFileSync(cached, JSON.stringify(model));
    const base = score(lexical, GROUPS[g]);
    const byConfig = grid.map((learned) => score(new Answerer(kb, { classifier: model, learned }), GROUPS[g]));
    results.set(g, { lexical: base, byConfig });
    console.error(`${g}: trained on ${data.length} in ${Date.now() - started} ms`);
  }
  // Top-1 plus out of scope given no answer (a tenth of outright refusals breaks ties), as long
  // as in-scope refusals stay within 3%.
  const objective = (s: Scores) => s.top1 / s.inScope + (s.oos ? s.oosNoAnswer / s.oos + 0.1 * (s.oosOutright / s.oos) : 1.1) - (s.inRefused / s.inScope > 0.03 ? 1 : 0);
  console.log('mean over held-out groups, per setting (top-1 / top-3 / shown / oos no answer / oos refused outright / in-scope refused | sg leads / sg top-3 with button)');
  const mean = (f: (s: Scores) => number, pick: (g: string) => Scores) => groups.reduce((a, g) => a + f(pick(g)), 0) / groups.length;
  const fmt = (pick: (g: string) => Scores) => [
    (s: Scores) => s.top1 / s.inScope, (s: Scores) => s.top3 / s.inScope, (s: Scores) => s.shown / s.inScope,
    (s: Scores) => (s.oos ? s.oosNoAnswer / s.oos : 1), (s: Scores) => (s.oos ? s.oosOutright / s.oos : 1), (s: Scores) => s.inRefused / s.inScope,
  ].map((f) => (100 * mean(f, pick)).toFixed(1).padStart(5)).join(' ');
  console.log(`lexical                            ${fmt((g) => results.get(g)!.lexical)}`);
  grid.forEach((o, i) => console.log(`${label(o).padEnd(34)} ${fmt((g) => results.get(g)!.byConfig[i])}`));
  // The setting for each group is chosen on the other groups' held-out results (nested).
  console.log('\nper group: lexical vs combined (setting chosen on the other groups)');
  console.log('group       lexical top-1 top-3 shown oosNA (outright) inRef | sg lead top3btn    combined top-1 top-3 shown oosNA (outright) inRef | sg lead top3btn   setting');
  // A setting may not cost any group more than 2 points of top-1 or of out of scope given no answer.
  const safe = (i: number, among: string[]) => among.every((h) => {
    const r = results.get(h)!;
    const a = r.byConfig[i];
    const b = r.lexical;
    return a.top1 / a.inScope >= b.top1 / b.inScope - 0.02 && (!a.oos || a.oosNoAnswer / a.oos >= b.oosNoAnswer / b.oos - 0.02);
  });
  const pick = (among: string[]) => {
    let best = 0;
    let bestValue = -Infinity;
    grid.forEach((_, i) => {
      const v = among.reduce((a, h) => a + objective(results.get(h)!.byConfig[i]), 0) - (safe(i, among) ? 0 : 100);
      if (v > bestValue) [best, bestValue] = [i, v];
    });
    return best;
  };
  const chosen = new Map<string, Scores>();
  for (const g of groups) {
    const best = pick(groups.filter((h) => h !== g));
    const r = results.get(g)!;
    chosen.set(g, r.byConfig[best]);
    console.log(`${g.padEnd(11)} ${row(r.lexical)}    ${row(r.byConfig[best])}   ${label(grid[best])}`);
  }
  console.log(`mean        ${fmt((g) => results.get(g)!.lexical)}           ${fmt((g) => chosen.get(g)!)}`);
  const shipped = pick(groups);
  console.log(`\nsetting to ship (best on all groups' held-out results, no group losing > 2 points): ${label(grid[shipped])}; shipped now: ${label(LEARNED)}`);
  console.log(`mean with it ${fmt((g) => results.get(g)!.byConfig[shipped])}`);
  for (const g of groups) console.log(`  ${g.padEnd(11)} ${row(results.get(g)!.byConfig[shipped])}`);
  console.log('\nper kind, pooled over held-out groups (top-1; out-of-scope tags: refused): lexical -> combined (nested setting)');
  const pool = (pick: (g: string) => Scores) => {
    const m = new Map<string, [number, number]>();
    for (const g of groups) for (const [t, [a, b]] of pick(g).kinds) { const x = m.get(t) ?? [0, 0]; m.set(t, [x[0] + a, x[1] + b]); }
    return m;
  };
  const before = pool((g) => results.get(g)!.lexical);
  const after = pool((g) => chosen.get(g)!);
  for (const [t, [a, n]] of [...before].sort((x, y) => y[1][1] - x[1][1])) console.log(`${t.padEnd(16)} n=${String(n).padStart(4)}  ${pct(a, n)} -> ${pct(after.get(t)?.[0] ?? 0, n)}`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--holdout')) return holdout(args);
  const text = await trainShipped();
  if (!writeOrCheck(SIDECAR, text, 'npm run train:classifier', args.includes('--check'))) return;
  console.log(`wrote ${SIDECAR} (${(text.length / 1024).toFixed(0)} KB); LEARNED ${JSON.stringify(LEARNED)}`);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
