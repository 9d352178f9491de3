/**
 * Profiles the answer decision alone: `decide` (what a question turn runs) over every question in
 * test/fixtures, `PROFILE_ROUNDS` times (3), in a child process under `node --cpu-prof`, then
 * prints scripts/cpuProfileSummary.ts for the rounds (the load and warm-up left out) and the CPU
 * per question. Usage: npx tsx bench/profileAnswers.ts. The profile is kept in the temp folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const ROOT = path.resolve(__dirname, '..');

/** In the profiled child: load, warm up, then the timed rounds (their start printed for SKIP_MS). */
async function child(): Promise<void> {
  const { DEFAULT_POLICY } = await import('../src/config');
  const { loadKnowledgeBase } = await import('../src/domain/policy/knowledgeBase');
  const { Answerer } = await import('../src/domain/policy/answerer');
  const { decide } = await import('../src/domain/policy/decision');
  const t0 = performance.now();
  const answerer = new Answerer(await loadKnowledgeBase([DEFAULT_POLICY]));
  const dir = path.join(ROOT, 'test', 'fixtures');
  const questions = fs.readdirSync(dir).filter((f) => /^questions\..+\.json$/.test(f)).sort()
    .flatMap((f) => (JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { questions: { q: string }[] }).questions.map((q) => q.q));
  for (const q of questions.slice(0, 300)) decide(answerer, q);
  const skip = performance.now() - t0;
  const rounds = Number(process.env.PROFILE_ROUNDS ?? 3);
  const cpu = process.cpuUsage();
  for (let r = 0; r < rounds; r++) for (const q of questions) decide(answerer, q);
  const used = process.cpuUsage(cpu);
  console.log(JSON.stringify({ skipMs: Math.ceil(skip), questions: questions.length, rounds, cpuUsPerQuestion: (used.user + used.system) / questions.length / rounds }));
}

function main(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trustline-answers-profile-'));
  const out = execFileSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--import', 'tsx', __filename, '--child'], { cwd: ROOT, encoding: 'utf8' });
  const figures = JSON.parse(out.trim().split('\n').pop() as string) as { skipMs: number; questions: number; rounds: number; cpuUsPerQuestion: number };
  // The main thread's profile is the largest (a worker tsx starts writes its own).
  const file = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(dir, f)).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
  if (!file) throw new Error('no profile written');
  console.log(`decide over ${figures.questions} questions x ${figures.rounds}: ${figures.cpuUsPerQuestion.toFixed(0)} us CPU per question (profiler on); profile ${file}`);
  console.log(execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'cpuProfileSummary.ts'), file, '40', String(figures.skipMs)], { cwd: ROOT, encoding: 'utf8' }));
}

if (process.argv.includes('--child')) {
  child().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
} else {
  main();
}
