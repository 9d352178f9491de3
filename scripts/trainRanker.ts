/**
 * Fits the re-ranker's weights (src/domain/policy/reranker.ts) and validates them by leaving out
 * one whole question set at a time (never single questions: questions of one writer resemble
 * each other). For each held-out split it prints top-1 / top-3 / out-of-scope refused with the
 * lexical order (baseline) and with weights trained on the other splits; then fits on all splits
 * and prints the weights to ship.
 *   npx tsx scripts/trainRanker.ts [--splits a,b,c] [--aliases]
 * --aliases adds training examples from the staff phrasings, each asked of an index without its
 * own clause's phrasings (unseen wording the question sets cannot give).
 */
import { DEFAULT_POLICY } from '../src/config';
import { loadKnowledgeBase, type KnowledgeBase } from '../src/domain/policy/knowledgeBase';
import { Answerer } from '../src/domain/policy/answerer';
import { stripInstructions } from '../src/domain/policy/injection';
import { evaluate, type EvalQuestion } from '../src/domain/policy/evaluation';
import { FEATURES, dot, type FeatureVector } from '../src/domain/policy/reranker';
import { SPLITS, loadSplit } from './eval';

interface Example {
  features: FeatureVector[];
  label: number;
}

const LEXICAL = FEATURES.map((f) => (f === 'first' ? 1 : 0));

/**
 * Unseen wording without a new question set: each clause's staff phrasings (aliases file) asked
 * of an index built without that clause's phrasings, so only the policy text and the other
 * clauses' phrasings can find it. What the lexical ranker misses here is what meaning must add.
 */
async function aliasExamples(kb: KnowledgeBase): Promise<Example[]> {
  const out: Example[] = [];
  for (const [key, phrases] of kb.aliases) {
    const id = kb.byKey.get(key)?.id;
    if (!id || !phrases.length) continue;
    const aliases = new Map(kb.aliases);
    aliases.delete(key);
    const answerer = new Answerer({ ...kb, aliases }, { rankerWeights: LEXICAL });
    out.push(...examples(answerer, phrases.map((q) => ({ q, expect: [id] }))));
  }
  return out;
}

function examples(answerer: Answerer, questions: EvalQuestion[]): Example[] {
  const out: Example[] = [];
  for (const item of questions) {
    if (item.oos || item.parts || !item.expect?.length) continue;
    const text = stripInstructions(item.q).text;
    const analysis = answerer.index.analyse(text);
    if (analysis.references.length) continue;
    const ranked = answerer.index.rank(analysis, 8);
    const label = ranked.findIndex((r) => item.expect?.includes(r.clause.id));
    if (label < 0 || ranked.length < 2) continue;
    out.push({ features: answerer.reranker.features(text, ranked), label });
  }
  return out;
}

/** Listwise softmax regression with L2, by full-batch gradient descent (small data: seconds). */
export function fit(data: Example[], l2 = 0.001, steps = 4000, rate = 3): number[] {
  const n = FEATURES.length;
  const w = [...LEXICAL];
  for (let step = 0; step < steps; step++) {
    const grad = new Array<number>(n).fill(0);
    for (const ex of data) {
      const s = ex.features.map((x) => dot(w, x));
      const max = Math.max(...s);
      const e = s.map((v) => Math.exp(v - max));
      const z = e.reduce((a, b) => a + b, 0);
      ex.features.forEach((x, i) => {
        const p = e[i] / z - (i === ex.label ? 1 : 0);
        for (let k = 0; k < n; k++) grad[k] += p * x[k];
      });
    }
    for (let k = 0; k < n; k++) w[k] -= rate * (grad[k] / data.length + l2 * w[k]);
  }
  return w.map((v) => Math.round(v * 1000) / 1000);
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(6);

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const splits = args.includes('--splits') ? args[args.indexOf('--splits') + 1].split(',') : SPLITS;
  const kb = await loadKnowledgeBase([DEFAULT_POLICY]);
  const base = new Answerer(kb, { rankerWeights: LEXICAL });
  const bySplit = new Map(splits.map((s) => [s, loadSplit(s)]));
  const data = new Map(splits.map((s) => [s, examples(base, bySplit.get(s) ?? [])]));
  const fromAliases = args.includes('--aliases') ? await aliasExamples(kb) : [];
  if (fromAliases.length) {
    const lexicalRight = fromAliases.filter((e) => e.label === 0).length;
    console.log(`alias hold-out: ${fromAliases.length} phrasings with their clause in the top 8; lexical top-1 ${pct(lexicalRight / fromAliases.length)}`);
  }
  console.log(`features: ${FEATURES.join(', ')}`);
  console.log('held out      lexical top-1/top-3/oos     learned top-1/top-3/oos   weights');
  for (const held of splits) {
    const train = [...splits.filter((s) => s !== held).flatMap((s) => data.get(s) ?? []), ...fromAliases];
    const w = fit(train);
    const qs = bySplit.get(held) ?? [];
    const before = evaluate(qs, (q) => base.answer(q));
    const learned = new Answerer(kb, { rankerWeights: w });
    const after = evaluate(qs, (q) => learned.answer(q));
    console.log(`${held.padEnd(12)} ${pct(before.top1)} ${pct(before.top3)} ${pct(before.oosAccuracy)}     ${pct(after.top1)} ${pct(after.top3)} ${pct(after.oosAccuracy)}   [${w.join(', ')}]`);
  }
  const all = fit([...splits.flatMap((s) => data.get(s) ?? []), ...fromAliases]);
  if (fromAliases.length) {
    // In-sample on the alias hold-out: how many the fitted weights put first.
    const right = fromAliases.filter((e) => {
      const s = e.features.map((x) => dot(all, x));
      return s.indexOf(Math.max(...s)) === e.label;
    }).length;
    console.log(`alias hold-out top-1 with the fitted weights: ${pct(right / fromAliases.length)}`);
  }
  console.log(`fitted on ${splits.join('+')}: [${all.join(', ')}]`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
