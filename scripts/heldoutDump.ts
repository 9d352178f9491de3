/**
 * Held out by writer group (the shipped setting, as heldoutMisses.ts builds it): one JSON line per
 * question with what the answer, the retrieval and the decision did, for diagnosis offline
 * (confusions, margins, kinds). `npx tsx scripts/heldoutDump.ts --cache DIR [--groups a,b] [--decision k=v,…] [--focus-units 0] [--variants 'k=v,…;…'] > out.jsonl`
 * (--variants: each question's decision under other thresholds too, as `variants[i]` = [kind, options,
 * answer's citations, report buttons shown], on the same answer and retrieval: one pass for many settings; `storyLead=0` in a
 * variant answers it with a story's parts in their own order, round 19's story.ts off; `promote=0.6`, `promoteOos=0.2`,
 * `promoteFloor=0.4` (`promote=-1`: never) answer it with other promotion settings, answerer.ts PROMOTE*.)
 */
import { Answerer, cleanQuestion, FOCUS, STORY, type PromoteTier, type StoryTier } from '../src/domain/policy/answerer';
import { decide, DECISION, type DecisionThresholds } from '../src/domain/policy/decision';
import { loadSplit } from './eval';
import { design, fit, modelOf, RANKER_TRAINING, setup } from './trainPairRanker';

/** A variant's answerer options (answerer.ts): a story's lead, and promotion of the re-ranker's confident lead. */
export interface AnswererVariant { storyLead?: number; promote?: number | null; promoteOos?: number; promoteFloor?: number; promoteUnits?: number; promoteWide?: PromoteTier | null; promoteStory?: StoryTier | null }
const ANSWERER_KEYS = ['storyLead', 'promote', 'promoteOos', 'promoteFloor', 'promoteUnits'] as const;

/**
 * `k=v,…`: decision thresholds (decision.ts DECISION) and answerer options; `promote=-1` is never
 * promoting; `promoteWide=none` or `promoteWide=share/oos/floor` sets answerer.ts PROMOTE_WIDE,
 * `promoteStory=none` or `promoteStory=share/oos/floor/units` its PROMOTE_STORY.
 * heldoutMisses.ts reads its variants here too.
 */
export function variantOf(v: string): { t: DecisionThresholds; options: AnswererVariant } {
  const t: DecisionThresholds = { ...DECISION };
  const options: AnswererVariant = {};
  for (const kv of v.split(',').filter(Boolean)) {
    const [k, x] = kv.split('=');
    if (k === 'promoteWide' || k === 'promoteStory') {
      const [share, oos, floor, units] = x.split('/').map(Number);
      if (k === 'promoteWide') options.promoteWide = x === 'none' ? null : { share, oos, floor };
      else options.promoteStory = x === 'none' ? null : { share, oos, floor, units };
      continue;
    }
    if ((ANSWERER_KEYS as readonly string[]).includes(k)) {
      if (k === 'promote') options.promote = Number(x) < 0 ? null : Number(x);
      else options[k as Exclude<(typeof ANSWERER_KEYS)[number], 'promote'>] = Number(x);
      continue;
    }
    if (!(k in DECISION)) throw new Error(`--variants: no threshold or answerer option "${k}"`);
    (t as Record<string, number>)[k] = Number(x);
  }
  return { t, options };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  // --focus-units 0: without the set-aside focus (focus.ts), for comparison.
  // --decision rankerOptions=0,shareOption=0.1: other decision thresholds, for comparison.
  if (args.includes('--decision')) {
    for (const kv of args[args.indexOf('--decision') + 1].split(',')) {
      const [k, v] = kv.split('=');
      if (!(k in DECISION)) throw new Error(`--decision: no threshold "${k}"`);
      (DECISION as Record<string, number>)[k] = Number(v);
    }
  }
  if (args.includes('--focus-units')) FOCUS.units = Number(args[args.indexOf('--focus-units') + 1]);
  if (args.includes('--focus-topics')) FOCUS.topics = Number(args[args.indexOf('--focus-topics') + 1]);
  if (args.includes('--focus-confidence')) FOCUS.keepConfidence = Number(args[args.indexOf('--focus-confidence') + 1]);
  // --story-lead 0: a story's parts in their own order (round 19's story.ts off), for comparison.
  if (args.includes('--story-lead')) STORY.lead = Number(args[args.indexOf('--story-lead') + 1]);
  const variants = args.includes('--variants') ? args[args.indexOf('--variants') + 1].split(';').map(variantOf) : [];
  const { kb, groups, folds, bags, rows } = await setup(args);
  const only = args.includes('--groups') ? args[args.indexOf('--groups') + 1].split(',') : Object.keys(groups);
  for (const g of only) {
    const started = Date.now();
    const { X, right } = design(kb, rows.filter((r) => r.group !== g), bags, g);
    const w = fit(X, right, RANKER_TRAINING.l2);
    const models = { classifier: folds.get(g) ?? null, pairRanker: modelOf(kb, w, bags.questions.filter((l) => l.group !== g), bags.phrasings, `without ${g}`) };
    const answerer = new Answerer(kb, models);
    // One answerer per distinct set of answerer options (a variant's decision thresholds share it).
    const others = new Map<string, Answerer>();
    const answererFor = (options: AnswererVariant) => {
      const key = JSON.stringify(options);
      if (key === '{}') return answerer;
      if (!others.has(key)) others.set(key, new Answerer(kb, { ...models, ...options }));
      return others.get(key) as Answerer;
    };
    for (const split of groups[g]) {
      for (const q of loadSplit(split)) {
        const a = answerer.answer(q.q);
        const r = answerer.retrieve(cleanQuestion(q.q));
        const pool = answerer.pairCandidates(cleanQuestion(q.q)).pool.map((x) => x.clause.id);
        const d = decide(answerer, q.q);
        // The same answer for every variant of the same answerer: only the decision's thresholds differ.
        const vs = variants.map(({ t, options }) => {
          const own = answererFor(options);
          const va = own === answerer ? a : own.answer(q.q);
          const v = decide(Object.assign(Object.create(own) as Answerer, { answer: () => va }), q.q, t);
          const buttons = v.kind === 'answer' ? va.nextSteps.map((st) => st.kind ?? '') : v.options.map((o) => o.reportKind ?? '');
          return [v.kind, v.options.map((o) => o.id), va.answered ? va.citations.map((c) => c.id) : [], buttons];
        });
        console.log(JSON.stringify({
          group: g, split, tag: q.tag ?? null, q: q.q, oos: Boolean(q.oos), expect: q.expect ?? null, parts: q.parts ?? null,
          answered: a.answered, conf: a.confidence, governing: a.governing, sg: a.safeguarding ?? null, cites: a.answered ? a.citations.map((c) => c.id) : [],
          buttons: a.nextSteps.map((s) => s.kind).filter(Boolean),
          ranked: r.ranked.map((x, i) => [x.clause.id, +x.score.toFixed(4), +x.confidence.toFixed(3), r.shares ? +r.shares[i].toFixed(4) : null]),
          rconf: +r.confidence.toFixed(3), roos: r.oos ?? null, pool,
          kind: d.kind, options: d.options.map((o) => o.id), optButtons: d.options.map((o) => o.reportKind ?? ''),
          ...(variants.length ? { variants: vs } : {}),
        }));
      }
    }
    console.error(`${g}: ${Date.now() - started} ms`);
  }
}

if (require.main === module) void main();
