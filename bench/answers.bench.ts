/**
 * `npm run bench:answers`: answer time per question (p50/p99) for the offline answerer, on the
 * shipped policy and on a generated corpus of 50 policy-sized documents, with a naive scan
 * (term overlap against every clause) measured in the same run as the baseline.
 * Targets: p50 <= 1 ms on the shipped policy, <= 5 ms on the 50-document corpus.
 * Also the bytes allocated per question (V8's sampling heap profiler, objects already collected
 * included; `BENCH_ALLOC_TOP=1` lists the functions that allocate most). `ANSWERS_BEFORE=DIR`
 * measures another checkout's answerer (its src/, e.g. main before a change) in the same run,
 * round by round alternately with this one's, as a "before" row.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_POLICY } from '../src/config';
import { buildKnowledgeBase, loadKnowledgeBase, type KnowledgeBase } from '../src/domain/policy/knowledgeBase';
import { Answerer } from '../src/domain/policy/answerer';
import { decide } from '../src/domain/policy/decision';
import { terms } from '../src/domain/policy/text';
import { allocationPerCall } from './support/allocation';

const FIXTURES = path.resolve(__dirname, '..', 'test', 'fixtures');
const questions: string[] = ['tune', 'dev', 'holdout'].flatMap((split) =>
  (JSON.parse(fs.readFileSync(path.join(FIXTURES, `questions.${split}.json`), 'utf8')) as { questions: { q: string }[] }).questions.map((q) => q.q));

/** Deterministic pseudo-random numbers, so every run benchmarks the same corpus. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * 50 documents shaped like the shipped policy (about 10 sections, 100 clauses, 25 KB each):
 * sentences drawn from the policy's own vocabulary plus invented words, so the index has a
 * realistic term distribution and a much larger dictionary.
 */
function generatedCorpus(base: KnowledgeBase, documents = 50): KnowledgeBase {
  const random = rng(42);
  const policyWords = base.clauses.flatMap((c) => c.text.split(/\s+/)).filter((w) => /^[A-Za-z]{3,}$/.test(w));
  const invented = Array.from({ length: 4000 }, (_, i) => `${['cal', 'mor', 'ven', 'tas', 'pli', 'dro'][i % 6]}${i.toString(36)}${['ing', 'ment', 'er', 'ity', 'ise', ''][i % 5]}`);
  const word = () => (random() < 0.7 ? policyWords[Math.floor(random() * policyWords.length)] : invented[Math.floor(random() * invented.length)]);
  const sentence = (n: number) => Array.from({ length: n }, word).join(' ');
  const sources = [];
  for (let d = 0; d < documents; d++) {
    const lines = [`# Generated Policy ${d + 1}`, ''];
    for (let s = 1; s <= 10; s++) {
      lines.push(`## ${s}. ${sentence(3)}`, '');
      for (let c = 1; c <= 10; c++) {
        lines.push(`${s}.${c}. ${sentence(20 + Math.floor(random() * 30))}.`, '');
        if (random() < 0.2) lines.push(`- ${sentence(10)}`, `- ${sentence(12)}`, '');
      }
    }
    sources.push({ source: `generated/policy-${d + 1}.md`, markdown: lines.join('\n') });
  }
  return buildKnowledgeBase(sources);
}

/** The baseline: for each clause, count question terms it contains; no index, no vocabulary. */
function naiveScan(kb: KnowledgeBase): (q: string) => string | undefined {
  const clauses = kb.clauses.map((c) => ({ id: c.id, terms: new Set(terms(c.text)) }));
  return (q) => {
    const qt = terms(q);
    let best: string | undefined;
    let bestScore = 0;
    for (const c of clauses) {
      let score = 0;
      for (const t of qt) if (c.terms.has(t)) score++;
      if (score > bestScore) {
        bestScore = score;
        best = c.id;
      }
    }
    return best;
  };
}

function percentiles(fn: (q: string) => unknown, rounds: number): { p50: number; p99: number; mean: number; n: number } {
  for (const q of questions.slice(0, 50)) fn(q); // warm up
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of questions) {
      const t0 = process.hrtime.bigint();
      fn(q);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
  return { p50: at(0.5), p99: at(0.99), mean: times.reduce((a, b) => a + b, 0) / times.length, n: times.length };
}

function row(name: string, r: { p50: number; p99: number; mean: number; n: number }, target?: number): string {
  const verdict = target === undefined ? '' : r.p50 <= target ? `  (target p50 <= ${target} ms: met)` : `  (target p50 <= ${target} ms: MISSED)`;
  return `${name.padEnd(44)} p50 ${r.p50.toFixed(3).padStart(7)} ms   p99 ${r.p99.toFixed(3).padStart(7)} ms   mean ${r.mean.toFixed(3).padStart(7)} ms   n=${r.n}${verdict}`;
}

type Decide = (q: string) => unknown;

/** answer() and decide() of the checkout at `root`, on the shipped policy. */
async function answererAt(root: string): Promise<{ answer: Decide; decide: Decide }> {
  const src = (p: string) => path.join(root, 'src', p);
  const { DEFAULT_POLICY: policy } = (await import(src('config'))) as { DEFAULT_POLICY: string };
  const kbModule = (await import(src('domain/policy/knowledgeBase'))) as { loadKnowledgeBase(paths: string[]): Promise<unknown> };
  const { Answerer: A } = (await import(src('domain/policy/answerer'))) as { Answerer: new (kb: unknown) => { answer(q: string): unknown } };
  const { decide: d } = (await import(src('domain/policy/decision'))) as { decide(a: unknown, q: string): unknown };
  const answerer = new A(await kbModule.loadKnowledgeBase([policy]));
  return { answer: (q) => answerer.answer(q), decide: (q) => d(answerer, q) };
}

/** Each target's timings, rounds interleaved so that both see the same machine. */
function interleaved(targets: Record<string, Decide>, rounds: number): Record<string, { p50: number; p99: number; mean: number; n: number }> {
  const times: Record<string, number[]> = {};
  for (const [name, fn] of Object.entries(targets)) {
    times[name] = [];
    for (const q of questions.slice(0, 50)) fn(q); // warm up
  }
  for (let r = 0; r < rounds; r++) {
    for (const [name, fn] of Object.entries(targets)) {
      for (const q of questions) {
        const t0 = process.hrtime.bigint();
        fn(q);
        times[name].push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }
  }
  return Object.fromEntries(Object.entries(times).map(([name, t]) => {
    t.sort((a, b) => a - b);
    const at = (p: number) => t[Math.min(t.length - 1, Math.floor(p * t.length))];
    return [name, { p50: at(0.5), p99: at(0.99), mean: t.reduce((a, b) => a + b, 0) / t.length, n: t.length }];
  }));
}

async function main(): Promise<void> {
  const shipped = await loadKnowledgeBase([DEFAULT_POLICY]);
  let t0 = performance.now();
  const small = new Answerer(shipped);
  const smallBuild = performance.now() - t0;

  const corpus = generatedCorpus(shipped);
  t0 = performance.now();
  const large = new Answerer(corpus);
  const largeBuild = performance.now() - t0;

  console.log(`questions: ${questions.length} (test/fixtures), node ${process.version}`);
  console.log(`shipped policy: ${shipped.clauses.length} clauses, index built in ${smallBuild.toFixed(1)} ms`);
  console.log(`generated corpus: ${corpus.documents.length} documents, ${corpus.clauses.length} clauses, ${(corpus.documents.length ? corpus.clauses.reduce((n, c) => n + c.text.length, 0) / corpus.documents.length / 1024 : 0).toFixed(1)} KB of clause text per document, index built in ${largeBuild.toFixed(0)} ms`);
  console.log('');
  const before = process.env.ANSWERS_BEFORE ? await answererAt(path.resolve(process.env.ANSWERS_BEFORE)) : undefined;
  // What the bot runs per question: the answer plus the decision layer (answer / which is closest / nearest).
  const targets: Record<string, Decide> = { answer: (q) => small.answer(q), decide: (q) => decide(small, q) };
  if (before) Object.assign(targets, { 'answer before': before.answer, 'decide before': before.decide });
  const timed = interleaved(targets, 20);
  console.log(row('answer, shipped policy', timed.answer, 1));
  console.log(row('decide (answer + choice), shipped policy', timed.decide, 5));
  if (before) {
    console.log(row(`answer, before (${process.env.ANSWERS_BEFORE})`, timed['answer before']));
    console.log(row(`decide, before (${process.env.ANSWERS_BEFORE})`, timed['decide before']));
  }
  console.log(row('baseline naive scan, shipped policy', percentiles(naiveScan(shipped), 20)));
  console.log(row('answer, 50-document corpus', percentiles((q) => large.answer(q), 3), 5));
  console.log(row('baseline naive scan, 50-document corpus', percentiles(naiveScan(corpus), 3)));
  console.log('');
  // A fresh answerer per target, so kept retrievals do not hide the work of a first ask.
  const allocTargets: [string, () => Promise<Decide>][] = [['decide, shipped policy', async () => { const a = new Answerer(shipped); return (q) => decide(a, q); }]];
  if (before) allocTargets.push([`decide, before (${process.env.ANSWERS_BEFORE})`, async () => (await answererAt(path.resolve(process.env.ANSWERS_BEFORE as string))).decide]);
  for (const [name, make] of allocTargets) {
    const fn = await make();
    for (const q of questions.slice(0, 50)) fn(q);
    const alloc = await allocationPerCall(questions, fn);
    console.log(`${`allocated per question: ${name}`.padEnd(60)} ${(alloc.bytesPerCall / 1024).toFixed(0).padStart(5)} KB`);
    if (process.env.BENCH_ALLOC_TOP) for (const t of alloc.top) console.log(`    ${(t.bytesPerCall / 1024).toFixed(1).padStart(7)} KB  ${t.where}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
