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
 *   --seen-only         without the first-look sets
 * Each split also gets the decision layer's measures: "shown as answer or choice", "in-scope refused".
 * After the seen sets come their pooled figures by kind (each question's tag) and safeguarding topic,
 * then the first-look sets of test/firstlook-pending/ (never trained or tuned on), each and pooled.
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
/**
 * First-look sets: written from the policy alone by outside writers and never trained, tuned or
 * tested on (test/firstlook-pending/README.md). Each set's `about` names where its first score is
 * recorded; scores on later code stay first-look as long as no change was guided by them.
 */
export const FIRST_LOOK = path.resolve(__dirname, '..', 'test', 'firstlook-pending');

/** The first-look sets' files (paths: loadSplit reads a path as a file). */
export function firstLookSets(): string[] {
  return fs.existsSync(FIRST_LOOK) ? fs.readdirSync(FIRST_LOOK).filter((f) => /^questions\..+\.json$/.test(f)).sort().map((f) => path.join(FIRST_LOOK, f)) : [];
}

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
export interface SafeguardingEvalResult {
  n: number;
  lead: number;
  top3: number;
  withButton: number;
  misses: string[];
  leadMisses: string[];
  /** By the question's tag (its safeguarding topic). */
  byTopic: Record<string, { n: number; lead: number; withButton: number }>;
}

export function safeguardingEval(answerer: Answerer, questions: EvalQuestion[]): SafeguardingEvalResult {
  const byTopic: SafeguardingEvalResult['byTopic'] = {};
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
    const t = (byTopic[item.tag ?? ''] ??= { n: 0, lead: 0, withButton: 0 });
    t.n++;
    if (shown[0] && accepted.includes(shown[0])) t.lead++;
    if (button) t.withButton++;
    if (button && !(shown[0] && accepted.includes(shown[0]))) leadMisses.push(`  sg lead [${item.tag ?? ''}] "${item.q}" expected ${accepted.join('|')}; shown ${d.kind} ${shown.slice(0, 3).join(', ')}`);
    if (!button) misses.push(`  sg miss [${item.tag ?? ''}] "${item.q}" expected ${accepted.join('|')}; shown ${d.kind} ${shown.slice(0, 3).join(', ')}; buttons ${present.filter(Boolean).join(',') || 'none'}`);
  }
  return { n, lead, top3, withButton, misses, leadMisses, byTopic };
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
  const options = { ...lexical, ...(related ? { related, relatedFallback: args.includes('--fallback') } : {}) };
  console.log(lexical.classifier === null ? 'lexical only (no learned classifier)' : 'with the learned clause classifier (--lexical: without)');
  const seen = await report(splits, options, args, Boolean(file));
  if (file || only) return;
  console.log(`\nseen sets (${splits.length}: trained or tuned on), pooled`);
  for (const line of summary(seen)) console.log(line);
  // First look: what staff meet on wording nobody has trained on (issue 8 reports these first).
  const pending = firstLookSets();
  if (!pending.length || args.includes('--seen-only')) return;
  console.log(`\nfirst look: ${pending.length} sets in test/firstlook-pending/, never trained, tuned or tested on (their first scores: docs/ANSWERS.md)`);
  const first = await report(pending, options, args, false);
  console.log(`\nfirst look, pooled`);
  for (const line of summary(first)) console.log(line);
}

/** One set's measures, as `report` printed them. */
export interface SetReport {
  split: string;
  answers: EvalResult;
  decisions: DecisionEvalResult;
  sg?: SafeguardingEvalResult;
}

/** Prints each set's answer, decision and (for safeguarding sets) safeguarding measures. */
async function report(splits: string[], options: ConstructorParameters<typeof Answerer>[1], args: string[], isFile: boolean): Promise<SetReport[]> {
  const results = await runEval(splits, options);
  // Decisions and safeguarding measures with the classifier or without it (--lexical), never with --related.
  const lexical = options?.classifier === null ? { classifier: null } : {};
  const decisions = await runDecisionEval(splits, DECISION, lexical);
  const sgAnswerer = new Answerer(await loadKnowledgeBase([DEFAULT_POLICY]), lexical);
  const out: SetReport[] = [];
  for (const split of splits) {
    const name = split.includes('/') ? path.basename(split).replace(/^questions\.|\.json$/g, '') : split;
    console.log(formatEval(name, results[split], args.includes('--misses') || (split !== 'holdout' && !isFile && !args.includes('--brief'))));
    console.log(formatDecisionEval(name, decisions[split], args.includes('--decision-misses')));
    let sg: SafeguardingEvalResult | undefined;
    if (args.includes('--sg') || /-sg\b|\bsg\b/.test(name)) {
      sg = safeguardingEval(sgAnswerer, loadSplit(split));
      const p = (x: number) => `${((x / Math.max(1, sg!.n)) * 100).toFixed(1)}%`;
      console.log(`  safeguarding (${sg.n}): leads ${p(sg.lead)}   in top-3 ${p(sg.top3)}   in top-3 with its report button ${p(sg.withButton)}`);
      if (!args.includes('--brief')) for (const m of sg.misses) console.log(m);
    }
    out.push({ split: name, answers: results[split], decisions: decisions[split], sg });
  }
  return out;
}

/**
 * Sets pooled (question-weighted): general sets' answers and decisions, their kinds (each
 * question's tag), and the safeguarding sets' leads and report buttons by topic.
 */
export function summary(sets: SetReport[]): string[] {
  const share = (n: number, of: number) => `${((of ? n / of : 1) * 100).toFixed(1)}`.padStart(5);
  const count = (n: number) => `${n} set${n === 1 ? '' : 's'}`;
  const general = sets.filter((s) => !s.sg);
  const sum = (f: (s: SetReport) => number, list = general) => list.reduce((a, s) => a + f(s), 0);
  const inScope = sum((s) => s.answers.inScope);
  const oos = sum((s) => s.decisions.outOfScope);
  const lines = [
    `  general (${count(general.length)}, ${inScope} in scope / ${oos} out of scope): top-1 ${share(sum((s) => s.answers.top1 * s.answers.inScope), inScope)}   top-3 ${share(sum((s) => s.answers.top3 * s.answers.inScope), inScope)}`
      + `   shown ${share(sum((s) => s.decisions.shown), inScope)}   shown first ${share(sum((s) => s.decisions.first), inScope)}   in-scope refused ${share(sum((s) => s.decisions.inScopeRefused), inScope)}`
      + `   out of scope no answer ${share(sum((s) => s.decisions.oosRefused), oos)} (outright ${share(sum((s) => s.decisions.oosRefusedOutright), oos)})`,
  ];
  const kinds = new Map<string, { n: number; top1: number; top3: number; shown: number }>();
  for (const s of general) {
    for (const [tag, t] of Object.entries(s.answers.byTag)) {
      const k = kinds.get(tag) ?? { n: 0, top1: 0, top3: 0, shown: 0 };
      k.n += t.inScope;
      k.top1 += t.top1;
      k.top3 += t.top3;
      k.shown += s.decisions.byTag[tag]?.shown ?? 0;
      kinds.set(tag, k);
    }
  }
  if (kinds.size > 1 || !kinds.has('')) {
    lines.push('  by kind: n, top-1, top-3, shown');
    for (const [tag, k] of [...kinds].sort((a, b) => b[1].n - a[1].n)) lines.push(`    ${(tag || '(untagged)').padEnd(14)} ${String(k.n).padStart(5)} ${share(k.top1, k.n)} ${share(k.top3, k.n)} ${share(k.shown, k.n)}`);
  }
  const sgSets = sets.filter((s) => s.sg);
  if (sgSets.length) {
    const n = sum((s) => s.sg!.n, sgSets);
    lines.push(`  safeguarding (${count(sgSets.length)}, ${n} questions): leads ${share(sum((s) => s.sg!.lead, sgSets), n)}   in top-3 with its report button ${share(sum((s) => s.sg!.withButton, sgSets), n)}`);
    const topics = new Map<string, { n: number; lead: number; withButton: number }>();
    for (const s of sgSets) {
      for (const [tag, t] of Object.entries(s.sg!.byTopic)) {
        const k = topics.get(tag) ?? { n: 0, lead: 0, withButton: 0 };
        k.n += t.n;
        k.lead += t.lead;
        k.withButton += t.withButton;
        topics.set(tag, k);
      }
    }
    lines.push('  by topic: n, leads, with its report button');
    for (const [tag, k] of [...topics].sort((a, b) => b[1].n - a[1].n)) lines.push(`    ${(tag || '(untagged)').padEnd(14)} ${String(k.n).padStart(5)} ${share(k.lead, k.n)} ${share(k.withButton, k.n)}`);
  }
  return lines;
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
