/**
 * Scores an answerer against a question set (test/fixtures/questions.*.json):
 * - top-1: the first citation is an acceptable clause (multi-part: the first N citations cover
 *   every one of the N parts);
 * - top-3: an acceptable clause is among the first three (multi-part: each part within N+2);
 * - out of scope: questions the policy does not cover are answered "not covered".
 * In-scope questions answered "not covered" count as misses for top-1 and top-3.
 */
import type { Answer } from './model';

export interface EvalQuestion {
  q: string;
  expect?: string[];
  parts?: string[][];
  oos?: boolean;
  tag?: string;
}

export interface EvalMiss {
  q: string;
  tag?: string;
  expected: string;
  got: string;
  confidence: number;
}

export interface EvalResult {
  inScope: number;
  outOfScope: number;
  top1: number;
  top3: number;
  oosAccuracy: number;
  /** Milliseconds for the whole set. */
  elapsedMs: number;
  misses: EvalMiss[];
  /** In-scope counts by the question's tag (its kind or safeguarding topic; '' untagged). */
  byTag: Record<string, { inScope: number; top1: number; top3: number }>;
}

function covers(ids: string[], accepted: string[]): boolean {
  return ids.some((id) => accepted.includes(id));
}

export function evaluate(questions: EvalQuestion[], answer: (q: string) => Answer): EvalResult {
  let inScope = 0;
  let outOfScope = 0;
  let top1 = 0;
  let top3 = 0;
  let oosRight = 0;
  const misses: EvalMiss[] = [];
  const byTag: EvalResult['byTag'] = {};
  const started = process.hrtime.bigint();
  for (const item of questions) {
    const a = answer(item.q);
    const ids = a.answered ? a.citations.map((c) => c.id) : [];
    const got = a.answered ? ids.join(', ') : `not covered (${a.nearest.map((n) => n.id).join(', ')})`;
    if (item.oos) {
      outOfScope++;
      if (!a.answered) oosRight++;
      else misses.push({ q: item.q, tag: item.tag, expected: 'not covered', got, confidence: a.confidence });
      continue;
    }
    inScope++;
    const parts = item.parts ?? [item.expect ?? []];
    const n = parts.length;
    const hit1 = parts.every((accepted) => covers(ids.slice(0, n), accepted));
    const hit3 = parts.every((accepted) => covers(ids.slice(0, n + 2), accepted));
    if (hit1) top1++;
    if (hit3) top3++;
    const t = (byTag[item.tag ?? ''] ??= { inScope: 0, top1: 0, top3: 0 });
    t.inScope++;
    if (hit1) t.top1++;
    if (hit3) t.top3++;
    if (!hit1) misses.push({ q: item.q, tag: item.tag, expected: parts.map((p) => p.join('|')).join(' + '), got, confidence: a.confidence });
  }
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  return {
    inScope,
    outOfScope,
    top1: inScope ? top1 / inScope : 1,
    top3: inScope ? top3 / inScope : 1,
    oosAccuracy: outOfScope ? oosRight / outOfScope : 1,
    elapsedMs,
    misses,
    byTag,
  };
}

export function formatEval(name: string, r: EvalResult, showMisses = true): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [
    `${name}: ${r.inScope} in scope, ${r.outOfScope} out of scope, ${r.elapsedMs.toFixed(0)} ms in all`,
    `  top-1 ${pct(r.top1)}   top-3 ${pct(r.top3)}   out-of-scope refused ${pct(r.oosAccuracy)}   in scope refused ${r.misses.filter((m) => m.expected !== 'not covered' && m.got.startsWith('not covered')).length}`,
  ];
  if (showMisses) {
    for (const m of r.misses) lines.push(`  miss [${m.tag ?? ''}] "${m.q}" expected ${m.expected}; got ${m.got} (confidence ${m.confidence})`);
  }
  return lines.join('\n');
}

/** What the decision layer (decision.ts) did with a question set. */
export interface DecisionEvalResult {
  inScope: number;
  outOfScope: number;
  /** In scope: the right clause led the answer, or was among the offered situations / nearest clauses. */
  shown: number;
  /**
   * In scope: the clause shown first (the answer's lead, or the first situation offered or nearest
   * clause) is a right one. top-1 reads the answer's lead even when the card asks "which is closest".
   */
  first: number;
  /** In scope: refused outright (nothing offered). */
  inScopeRefused: number;
  /** In scope: asked "which is closest". */
  chose: number;
  /** In scope: shown the nearest clauses as "not clearly answered". */
  near: number;
  /** Out of scope: no answer and no "which is closest" (refused, or nearest clauses only). */
  oosRefused: number;
  /** Out of scope: refused outright. */
  oosRefusedOutright: number;
  misses: EvalMiss[];
  /** In-scope counts by the question's tag: shown as answer or choice. */
  byTag: Record<string, { inScope: number; shown: number }>;
}

export interface DecidedLike {
  kind: 'answer' | 'choose' | 'near' | 'refuse';
  answer: Answer;
  options: { id: string }[];
}

export function evaluateDecisions(questions: EvalQuestion[], decide: (q: string) => DecidedLike): DecisionEvalResult {
  const r: DecisionEvalResult = { inScope: 0, outOfScope: 0, shown: 0, first: 0, inScopeRefused: 0, chose: 0, near: 0, oosRefused: 0, oosRefusedOutright: 0, misses: [], byTag: {} };
  for (const item of questions) {
    const d = decide(item.q);
    const ids = d.kind === 'answer' ? d.answer.citations.map((c) => c.id) : d.options.map((o) => o.id);
    const got = `${d.kind} ${ids.join(', ')}`;
    if (item.oos) {
      r.outOfScope++;
      if (d.kind === 'near' || d.kind === 'refuse') r.oosRefused++;
      else r.misses.push({ q: item.q, tag: item.tag, expected: 'not covered', got, confidence: d.answer.confidence });
      if (d.kind === 'refuse') r.oosRefusedOutright++;
      continue;
    }
    r.inScope++;
    const parts = item.parts ?? [item.expect ?? []];
    let shown = false;
    if (d.kind === 'answer') shown = parts.every((accepted) => covers(ids.slice(0, parts.length), accepted));
    else if (d.kind !== 'refuse') shown = parts.some((accepted) => covers(ids, accepted));
    if (d.kind !== 'refuse' && ids[0] !== undefined && parts.some((accepted) => accepted.includes(ids[0]))) r.first++;
    const t = (r.byTag[item.tag ?? ''] ??= { inScope: 0, shown: 0 });
    t.inScope++;
    if (shown) t.shown++;
    if (shown) r.shown++;
    else r.misses.push({ q: item.q, tag: item.tag, expected: parts.map((p) => p.join('|')).join(' + '), got, confidence: d.answer.confidence });
    if (d.kind === 'refuse') r.inScopeRefused++;
    if (d.kind === 'choose') r.chose++;
    if (d.kind === 'near') r.near++;
  }
  return r;
}

export function formatDecisionEval(name: string, r: DecisionEvalResult, showMisses = false): string {
  const pct = (n: number, of: number) => `${((of ? n / of : 1) * 100).toFixed(1)}%`;
  const lines = [
    `  shown as answer or choice ${pct(r.shown, r.inScope)}   shown first ${pct(r.first, r.inScope)}   in-scope refused ${pct(r.inScopeRefused, r.inScope)}   asked to choose ${pct(r.chose, r.inScope)}   nearest shown ${pct(r.near, r.inScope)}   out-of-scope refused ${pct(r.oosRefused, r.outOfScope)} (outright ${pct(r.oosRefusedOutright, r.outOfScope)})`,
  ];
  if (showMisses) for (const m of r.misses) lines.push(`  ${name} decision miss [${m.tag ?? ''}] "${m.q}" expected ${m.expected}; got ${m.got}`);
  return lines.join('\n');
}
