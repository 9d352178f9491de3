/**
 * Held out by writer group, the shipped setting: per-group figures (as --holdout prints them) and
 * every safeguarding question not in the top three with its report button, with the topics its
 * wording raised. `npx tsx scripts/heldoutMisses.ts --cache DIR [--groups a,b] [--decision k=v,…] [--variants 'k=v,…;…'] [--leads]`
 * (a variant's `k=v,…` as heldoutDump.ts `variantOf` reads it: decision thresholds and the answerer's promotion options)
 * (--leads: also the ones in the top three with the button but not leading)
 */
import { Answerer, cleanQuestion, FOCUS, STORY } from '../src/domain/policy/answerer';
import { DECISION } from '../src/domain/policy/decision';
import { safeguardingTopics } from '../src/domain/policy/safeguarding';
import { loadSplit, safeguardingEval } from './eval';
import { design, fit, modelOf, RANKER_TRAINING, setup } from './trainPairRanker';
import { variantOf } from './heldoutDump';
import { row, score, type Scores } from './trainClassifier';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  // --focus-units 0: without the set-aside focus (focus.ts), for comparison.
  if (args.includes('--focus-units')) FOCUS.units = Number(args[args.indexOf('--focus-units') + 1]);
  if (args.includes('--focus-topics')) FOCUS.topics = Number(args[args.indexOf('--focus-topics') + 1]);
  if (args.includes('--focus-confidence')) FOCUS.keepConfidence = Number(args[args.indexOf('--focus-confidence') + 1]);
  // --story-lead 0: a story's parts in their own order (round 19's story.ts off), for comparison.
  if (args.includes('--story-lead')) STORY.lead = Number(args[args.indexOf('--story-lead') + 1]);
  // --decision close=0.6,middling=0.1: other decision thresholds, for comparison.
  if (args.includes('--decision')) {
    for (const kv of args[args.indexOf('--decision') + 1].split(',')) {
      const [k, v] = kv.split('=');
      if (!(k in DECISION)) throw new Error(`--decision: no threshold "${k}"`);
      (DECISION as Record<string, number>)[k] = Number(v);
    }
  }
  // --variants 'askShare=0.15;flatShare=0.3,shareOption=0.2': each scored on the same folds too.
  const variants = args.includes('--variants') ? args[args.indexOf('--variants') + 1].split(';') : [];
  const base = { ...DECISION };
  // Parsed as heldoutDump's variants: decision thresholds, set in DECISION for score(), and answerer options.
  // `scale=x` (here only): the refitted weights times x, a softmax temperature (the order unchanged, the shares flatter under 1).
  const parsed = variants.map((v) => {
    const scale = /(?:^|,)scale=([\d.]+)/.exec(v)?.[1];
    return { ...variantOf(v.replace(/(^|,)scale=[\d.]+/, '')), scale: scale === undefined ? undefined : Number(scale) };
  });
  const byVariant = variants.map((): Scores[] => []);
  const { kb, groups, folds, bags, rows } = await setup(args);
  const only = args.includes('--groups') ? args[args.indexOf('--groups') + 1].split(',') : Object.keys(groups);
  const all: Scores[] = [];
  for (const g of only) {
    const { X, right } = design(kb, rows.filter((r) => r.group !== g), bags, g);
    const w = fit(X, right, RANKER_TRAINING.l2);
    const kept = bags.questions.filter((l) => l.group !== g);
    const models = { classifier: folds.get(g) ?? null, pairRanker: modelOf(kb, w, kept, bags.phrasings, `without ${g}`) };
    const answerer = new Answerer(kb, models);
    variants.forEach((v, i) => {
      const { t, options, scale } = parsed[i];
      Object.assign(DECISION, t);
      const scaled = scale === undefined ? models : { ...models, pairRanker: modelOf(kb, w.map((x) => x * scale), kept, bags.phrasings, `without ${g}`) };
      const sv = score(Object.keys(options).length || scale !== undefined ? new Answerer(kb, { ...scaled, ...options }) : answerer, groups[g]);
      byVariant[i].push(sv);
      console.log(`${g.padEnd(11)} ${row(sv)}  [${v}]`);
    });
    Object.assign(DECISION, base);
    const s = score(answerer, groups[g]);
    all.push(s);
    console.log(`${g.padEnd(11)} ${row(s)}`);
    for (const split of groups[g].filter((x) => x.endsWith('-sg'))) {
      const r = safeguardingEval(answerer, loadSplit(split));
      for (const m of [...r.misses, ...(args.includes('--leads') ? r.leadMisses : [])]) {
        const q = /"(.*)" expected/.exec(m)?.[1] ?? '';
        const topics = safeguardingTopics(answerer.index.analyse(cleanQuestion(q)), cleanQuestion(q)).map((t) => `${t.id}:${t.clauses.join('/')}`);
        console.log(`${m} | topics ${topics.join(' ') || 'none'}`);
      }
    }
  }
  const mean = (f: (s: Scores) => number, list = all) => (100 * list.reduce((a, s) => a + f(s), 0) / list.length).toFixed(1);
  const sg = all.filter((s) => s.sgN);
  variants.forEach((v, i) => {
    const l = byVariant[i];
    const sgv = l.filter((s) => s.sgN);
    console.log(`mean ${mean((s) => s.top1 / s.inScope, l)} ${mean((s) => s.top3 / s.inScope, l)} ${mean((s) => s.shown / s.inScope, l)} ${mean((s) => (s.oos ? s.oosNoAnswer / s.oos : 1), l)} (${mean((s) => (s.oos ? s.oosOutright / s.oos : 1), l)}) ${mean((s) => s.inRefused / s.inScope, l)} | sg ${mean((s) => s.sgLead / s.sgN, sgv)} ${mean((s) => s.sgTop3Button / s.sgN, sgv)}  [${v}]`);
  });
  console.log(`mean ${mean((s) => s.top1 / s.inScope)} ${mean((s) => s.top3 / s.inScope)} ${mean((s) => s.shown / s.inScope)} ${mean((s) => (s.oos ? s.oosNoAnswer / s.oos : 1))} (${mean((s) => (s.oos ? s.oosOutright / s.oos : 1))}) ${mean((s) => s.inRefused / s.inScope)} | sg ${mean((s) => s.sgLead / s.sgN, sg)} ${mean((s) => s.sgTop3Button / s.sgN, sg)}`);
}

void main();
