/**
 * "Asked to choose" and shown over the seen sets (`npm run eval`'s splits), mean over sets, for the
 * shipped decision thresholds and variations of them: what a "which is closest" card costs.
 * `npx tsx scripts/askedRate.ts [--decision k=v,…]…` (each --decision is one more variant)
 */
import { loadKnowledgeBase } from '../src/domain/policy/knowledgeBase';
import { Answerer } from '../src/domain/policy/answerer';
import { DECISION, decide, type DecisionThresholds } from '../src/domain/policy/decision';
import { evaluateDecisions } from '../src/domain/policy/evaluation';
import { DEFAULT_POLICY } from '../src/config';
import { loadSplit, otherSplits, SPLITS } from './eval';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const variants: [string, DecisionThresholds][] = [['shipped', DECISION]];
  args.forEach((a, i) => {
    if (a !== '--decision') return;
    const t = { ...DECISION };
    for (const kv of args[i + 1].split(',')) {
      const [k, v] = kv.split('=');
      if (!(k in DECISION)) throw new Error(`--decision: no threshold "${k}"`);
      (t as Record<string, number>)[k] = Number(v);
    }
    variants.push([args[i + 1], t]);
  });
  const answerer = new Answerer(await loadKnowledgeBase([DEFAULT_POLICY]));
  const splits = [...SPLITS, ...otherSplits()];
  const data = splits.map(loadSplit);
  for (const [name, t] of variants) {
    const per = data.map((qs) => evaluateDecisions(qs, (q) => decide(answerer, q, t)));
    const mean = (f: (r: (typeof per)[number]) => number) => (100 * per.reduce((a, r) => a + f(r), 0) / per.length).toFixed(1);
    const most = per.map((r, i) => [splits[i], r.chose / Math.max(1, r.inScope)] as const);
    console.log(`${name.padEnd(40)} sets ${per.length}: asked ${mean((r) => r.chose / Math.max(1, r.inScope))}%  shown ${mean((r) => r.shown / Math.max(1, r.inScope))}%  in-scope refused ${mean((r) => r.inScopeRefused / Math.max(1, r.inScope))}%  oos no answer ${mean((r) => (r.outOfScope ? r.oosRefused / r.outOfScope : 1))}%`);
    if (name !== 'shipped') {
      const base = data.map((qs) => evaluateDecisions(qs, (q) => decide(answerer, q, DECISION)));
      const worst = most.map(([s, v], i) => [s, v - base[i].chose / Math.max(1, base[i].inScope)] as const).sort((a, b) => b[1] - a[1])[0];
      console.log(`  largest rise in asked: ${worst[0]} +${(100 * worst[1]).toFixed(1)} points`);
    }
  }
}

void main();
