/**
 * `npm run eval`: scores the offline answerer on the question sets in test/fixtures/.
 * The tune split is what vocabulary, weights and the confidence threshold were set on; the
 * held-out split was written at the same time and never tuned on. Options:
 *   --split tune|holdout   only one split
 *   --misses               list every miss (default: tune split only)
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_POLICY } from '../src/config';
import { loadKnowledgeBase } from '../src/domain/policy/knowledgeBase';
import { Answerer } from '../src/domain/policy/answerer';
import { evaluate, formatEval, type EvalQuestion, type EvalResult } from '../src/domain/policy/evaluation';

export const FIXTURES = path.resolve(__dirname, '..', 'test', 'fixtures');

export function loadSplit(name: string): EvalQuestion[] {
  const file = path.join(FIXTURES, `questions.${name}.json`);
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { questions: EvalQuestion[] }).questions;
}

export async function runEval(splits: string[]): Promise<Record<string, EvalResult>> {
  const answerer = new Answerer(await loadKnowledgeBase([DEFAULT_POLICY]));
  const out: Record<string, EvalResult> = {};
  for (const split of splits) out[split] = evaluate(loadSplit(split), (q) => answerer.answer(q));
  return out;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const only = args.includes('--split') ? args[args.indexOf('--split') + 1] : undefined;
  const splits = only ? [only] : ['tune', 'dev', 'holdout'];
  const results = await runEval(splits);
  for (const split of splits) {
    console.log(formatEval(split, results[split], args.includes('--misses') || split !== 'holdout'));
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
