/**
 * `npm run eval`: scores the offline answerer on the question sets in test/fixtures/.
 * tune and dev are what vocabulary, staff phrasings and weights were developed against; holdout
 * was written before any retrieval code; blind1 was written by someone else from the policy alone
 * and scored blind before it became a seen split; blind2 likewise, by a second engineer, from round 4.
 * All now count as seen (docs/ANSWERS.md). Options:
 *   --split NAME        only one split (tune, dev, holdout, blind1, blind2, blind3)
 *   --file PATH         score another question file (same format) instead
 *   --misses            list every miss (default: every split but holdout)
 *   --related SOURCE    where unknown words get the policy's words: none, vectors, wordnet, both
 *   --brief             scores only, no misses
 *   --lexical           without the learned clause classifier (the policy's .classifier.json sidecar), to compare
 *   --sg                safeguarding measures (automatic for sets named *-sg): leads, in top-3, with its report button
 *   --sweep             answered-vs-not-covered threshold curve on all splits together
 *   --decision-sweep    answer / choose / near / refuse thresholds (decision.ts) on all splits together
 * Each split also gets the decision layer's measures: "shown as answer or choice", "in-scope refused".
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_POLICY } from '../src/config';
import { clauseKey, loadKnowledgeBase, type KnowledgeBase } from '../src/domain/policy/knowledgeBase';
import { Answerer, ANSWER_THRESHOLD } from '../src/domain/policy/answerer';
import type { RelatedSource } from '../src/domain/policy/semantic';
import { evaluate, evaluateDecisions, formatDecisionEval, formatEval, type DecisionEvalResult, type EvalQuestion, type EvalResult } from '../src/domain/policy/evaluation';
import { decide, DECISION, type DecisionThresholds } from '../src/domain/policy/decision';

export const FIXTURES = path.resolve(__dirname, '..', 'test', 'fixtures');
export const SPLITS = ['tune', 'dev', 'holdout', 'blind1', 'blind2', 'blind3'];

/** Other question sets in test/fixtures (outside writers' sets added later): scored after the six above. */
export function otherSplits(): string[] {
  return fs.readdirSync(FIXTURES)
    .map((f) => /^questions\.(.+)\.json$/.exec(f)?.[1])
    .filter((name): name is string => Boolean(name) && !SPLITS.includes(name as string))
    .sort();
}

export function loadSplit(name: string): EvalQuestion[] {
  const file = name.includes('/') ? name : path.join(FIXTURES, `questions.${name}.json`);
  const questions = (JSON.parse(fs.readFileSync(file, 'utf8')) as { questions: EvalQuestion[] }).questions;
  // blind1-3's format (as the outside scorer reads it): an empty `expect` means out of scope, and a
  // multi-part question's `expect` lists acceptable clauses for the first citation.
  return questions.map((q) => (!q.oos && !q.parts && q.expect?.length === 0 ? { ...q, oos: true } : q));
}

export async function runEval(splits: string[], options: ConstructorParameters<typeof Answerer>[1] = {}): Promise<Record<string, EvalResult>> {
  const answerer = new Answerer(await loadKnowledgeBase([DEFAULT_POLICY]), options);
  const out: Record<string, EvalResult> = {};
  for (const split of splits) out[split] = evaluate(loadSplit(split), (q) => answerer.answer(q));
  return out;
}

export async function runDecisionEval(splits: string[], thresholds: DecisionThresholds = DECISION, options: ConstructorParameters<typeof Answerer>[1] = {}): Promise<Record<string, DecisionEvalResult>> {
  const answerer = new Answerer(await loadKnowledgeBase([DEFAULT_POLICY]), options);
  const out: Record<string, DecisionEvalResult> = {};
  for (const split of splits) out[split] = evaluateDecisions(loadSplit(split), (q) => decide(answerer, q, thresholds));
  return out;
}

/**
 * Safeguarding sets (issue 8: 100% in top-3 with the report button): for each in-scope question,
 * whether an accepted clause is among the first three shown (answer citations, or the offered
 * situations), whether it leads, and whether the report button of the clause's kind is there
 * (on the answer, or on the offered clause's row; clauses without a report kind pass).
 */
export function safeguardingEval(answerer: Answerer, questions: EvalQuestion[]): { n: number; lead: number; top3: number; withButton: number; misses: string[]; leadMisses: string[] } {
  let n = 0;
  let lead = 0;
  let top3 = 0;
  let withButton = 0;
  const misses: string[] = [];
  // Not led by an accepted clause, though in the first three with the button.
  const leadMisses: string[] = [];
  for (const item of questions) {
    if (item.oos || !(item.expect?.length || item.parts)) continue;
    const accepted = item.expect?.length ? item.expect : (item.parts ?? []).flat();
    n++;
    const d = decide(answerer, item.q);
    const shown = d.kind === 'answer' ? (d.answer.answered ? d.answer.citations.map((c) => c.id) : []) : d.options.map((o) => o.id);
    const hit = shown.slice(0, 3).find((id) => accepted.includes(id));
    if (shown[0] && accepted.includes(shown[0])) lead++;
    if (hit) top3++;
    const kinds = (id: string) => answerer.kb.clauses.filter((c) => c.id === id).flatMap((c) => answerer.kb.nextSteps.get(clauseKey(c.docId, c.id)) ?? []).map((st) => st.kind).filter(Boolean);
    const wanted = hit ? kinds(hit) : [];
    const present = d.kind === 'answer' ? d.answer.nextSteps.map((st) => st.kind) : d.options.map((o) => o.reportKind ?? '');
    const button = Boolean(hit) && (wanted.length === 0 || wanted.some((k) => present.includes(k)));
    if (button) withButton++;
    if (button && !(shown[0] && accepted.includes(shown[0]))) leadMisses.push(`  sg lead [${item.tag ?? ''}] "${item.q}" expected ${accepted.join('|')}; shown ${d.kind} ${shown.slice(0, 3).join(', ')}`);
    if (!button) misses.push(`  sg miss [${item.tag ?? ''}] "${item.q}" expected ${accepted.join('|')}; shown ${d.kind} ${shown.slice(0, 3).join(', ')}; buttons ${present.filter(Boolean).join(',') || 'none'}`);
  }
  return { n, lead, top3, withButton, misses, leadMisses };
}

/** The decision thresholds around the shipped ones, one knob at a time, on all splits together. */
function decisionSweep(answerer: Answerer, questions: EvalQuestion[]): string[] {
  const variants: [string, number[]][] = [['sure', [0.65, 0.7, 0.75, 0.8, 0.85]], ['close', [0.5, 0.6, 0.7, 0.8]], ['middling', [0.1, 0.2, 0.3, 0.5]], ['near', [0.35, 0.4, 0.45, 0.5]]];
  const lines: string[] = [];
  for (const [knob, values] of variants) {
    for (const v of values) {
      const t = { ...DECISION, [knob]: v };
      const r = evaluateDecisions(questions, (q) => decide(answerer, q, t));
      lines.push(`${knob.padEnd(8)} ${v.toFixed(2)}${v === DECISION[knob as keyof DecisionThresholds] ? ' (shipped)' : '           '}${formatDecisionEval('', r)}`);
    }
  }
  return lines;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(6);

/** top-1 / top-3 / out-of-scope refused on all splits together, for each threshold. */
export function sweep(kb: KnowledgeBase, questions: EvalQuestion[], thresholds: number[]): { threshold: number; result: EvalResult }[] {
  return thresholds.map((threshold) => {
    const answerer = new Answerer(kb, { threshold });
    return { threshold, result: evaluate(questions, (q) => answerer.answer(q)) };
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const value = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  if (args.includes('--sweep')) {
    const kb = await loadKnowledgeBase([DEFAULT_POLICY]);
    const questions = SPLITS.flatMap(loadSplit);
    const thresholds = Array.from({ length: 17 }, (_, i) => Math.round((0.4 + i * 0.025) * 1000) / 1000);
    console.log(`threshold sweep on ${SPLITS.join('+')} (${questions.length} questions); shipped threshold ${ANSWER_THRESHOLD}`);
    console.log('threshold   top-1   top-3   oos refused');
    for (const { threshold, result } of sweep(kb, questions, thresholds)) {
      console.log(`${threshold.toFixed(3).padEnd(9)} ${pct(result.top1)}  ${pct(result.top3)}  ${pct(result.oosAccuracy)}${threshold === ANSWER_THRESHOLD ? '  <- shipped' : ''}`);
    }
    return;
  }
  if (args.includes('--decision-sweep')) {
    const answerer = new Answerer(await loadKnowledgeBase([DEFAULT_POLICY]));
    const questions = SPLITS.flatMap(loadSplit);
    console.log(`decision sweep on ${SPLITS.join('+')} (${questions.length} questions); shipped ${JSON.stringify(DECISION)}`);
    for (const line of decisionSweep(answerer, questions)) console.log(line);
    return;
  }
  const file = value('--file');
  const only = value('--split');
  const splits = file ? [file] : only ? [only] : [...SPLITS, ...otherSplits()];
  const related = value('--related') as RelatedSource | undefined;
  const lexical = args.includes('--lexical') ? { classifier: null } : {};
  const results = await runEval(splits, { ...lexical, ...(related ? { related, relatedFallback: args.includes('--fallback') } : {}) });
  const decisions = await runDecisionEval(splits, DECISION, lexical);
  console.log(lexical.classifier === null ? 'lexical only (no learned classifier)' : 'with the learned clause classifier (--lexical: without)');
  for (const split of splits) {
    console.log(formatEval(split, results[split], args.includes('--misses') || (split !== 'holdout' && !file && !args.includes('--brief'))));
    console.log(formatDecisionEval(split, decisions[split], args.includes('--decision-misses')));
    if (args.includes('--sg') || /-sg\b|\bsg\b/.test(split)) {
      const sg = safeguardingEval(new Answerer(await loadKnowledgeBase([DEFAULT_POLICY]), lexical), loadSplit(split));
      const p = (x: number) => `${((x / Math.max(1, sg.n)) * 100).toFixed(1)}%`;
      console.log(`  safeguarding (${sg.n}): leads ${p(sg.lead)}   in top-3 ${p(sg.top3)}   in top-3 with its report button ${p(sg.withButton)}`);
      if (!args.includes('--brief')) for (const m of sg.misses) console.log(m);
    }
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
