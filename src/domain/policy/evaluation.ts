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
  };
}

export function formatEval(name: string, r: EvalResult, showMisses = true): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [
    `${name}: ${r.inScope} in scope, ${r.outOfScope} out of scope, ${r.elapsedMs.toFixed(0)} ms in all`,
    `  top-1 ${pct(r.top1)}   top-3 ${pct(r.top3)}   out-of-scope refused ${pct(r.oosAccuracy)}`,
  ];
  if (showMisses) {
    for (const m of r.misses) lines.push(`  miss [${m.tag ?? ''}] "${m.q}" expected ${m.expected}; got ${m.got} (confidence ${m.confidence})`);
  }
  return lines.join('\n');
}
