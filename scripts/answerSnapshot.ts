/**
 * A guard for changes that must not change any answer (performance work on the answerer):
 * every question of every set in test/fixtures and test/firstlook-pending, and every staff phrasing of the shipped policy,
 * through the answerer and the decision layer. Per question it records the retrieval (ranked
 * clause keys, BM25 x coverage scores rounded to 1e-9, coverage, confidence), the
 * message-extension retrieval (limit 10), the decision's kind, options and answer, and a hash
 * of the query analysis and of the whole decision as JSON.
 *
 *   npx tsx scripts/answerSnapshot.ts --write FILE [--root DIR]   take a snapshot
 *   npx tsx scripts/answerSnapshot.ts --check FILE                 compare this checkout with it
 *   … --ranker MODEL                                              with this pair re-ranker model beside a copy of the policy
 *
 * `--root` runs another checkout's src/ (e.g. /work/main, or a `git archive` of main), so the
 * snapshot can come from the code before a change while this script stays the same. `--check`
 * prints the first differences and exits 1 on any.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

interface Args { write?: string; check?: string; root: string; ranker?: string }

function parseArgs(argv: string[]): Args {
  const args: Args = { root: path.resolve(__dirname, '..') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--write') args.write = argv[++i];
    else if (a === '--check') args.check = argv[++i];
    else if (a === '--root') args.root = path.resolve(argv[++i]);
    else if (a === '--ranker') args.ranker = path.resolve(argv[++i]);
    else throw new Error(`unknown argument ${a}`);
  }
  if (!args.write === !args.check) throw new Error('give exactly one of --write FILE or --check FILE');
  return args;
}

const round = (n: number): number | string => (Number.isFinite(n) ? Math.round(n * 1e9) / 1e9 : String(n));
const hash = (value: unknown): string => crypto.createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

/** Only the shapes this script reads, so it runs against older and newer checkouts alike. */
interface RankedLike { key: string; score: number; coverage: number; confidence: number; passage?: number }
interface RetrievalLike { analysis: unknown; ranked: RankedLike[]; confidence: number }
interface AnswererLike { retrieve(text: string, limit?: number): RetrievalLike; kb: { aliases: Map<string, string[]> } }
interface DecisionLike { kind: string; answer: { answered: boolean; confidence: number; governing: number; safeguarding?: string; citations: { docId: string; id: string }[] }; options: { key: string }[] }

function rankedRows(ranked: RankedLike[]): unknown[] {
  return ranked.map((r) => [r.key, round(r.score), round(r.coverage), round(r.confidence), r.passage ?? null]);
}

/** A copy of the policy and its sidecars in a temporary folder, with `ranker` as its `.ranker.json`. */
function policyWithRanker(policy: string, ranker: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snapshot-ranker-'));
  const copy = path.join(dir, path.basename(policy));
  for (const ext of ['.md', '.meta.json', '.aliases.json', '.classifier.json']) {
    const from = policy.replace(/\.md$/, ext);
    if (fs.existsSync(from)) fs.copyFileSync(from, copy.replace(/\.md$/, ext));
  }
  fs.copyFileSync(ranker, copy.replace(/\.md$/, '.ranker.json'));
  return copy;
}

async function snapshot(root: string, ranker: string | undefined): Promise<string[]> {
  const src = (p: string) => path.join(root, 'src', p);
  const { DEFAULT_POLICY } = (await import(src('config'))) as { DEFAULT_POLICY: string };
  const { loadKnowledgeBase } = (await import(src('domain/policy/knowledgeBase'))) as { loadKnowledgeBase(paths: string[]): Promise<unknown> };
  const { Answerer, cleanQuestion } = (await import(src('domain/policy/answerer'))) as { Answerer: new (kb: unknown) => AnswererLike; cleanQuestion(q: string): string };
  const { decide } = (await import(src('domain/policy/decision'))) as { decide(a: AnswererLike, q: string): DecisionLike };

  const policy = ranker ? policyWithRanker(DEFAULT_POLICY, ranker) : DEFAULT_POLICY;
  const kb = await loadKnowledgeBase([policy]);
  if (ranker) fs.rmSync(path.dirname(policy), { recursive: true, force: true });
  if (ranker && !(kb as { pairRanker?: unknown }).pairRanker) throw new Error(`${ranker} was not loaded`);
  const answerer = new Answerer(kb);
  const questions: { set: string; q: string }[] = [];
  // The labelled sets, then the first-look sets not yet in training (read from this script's
  // checkout, so a root from before they moved is compared on the same texts).
  for (const [dir, prefix] of [[path.join(root, 'test', 'fixtures'), ''], [path.resolve(__dirname, '..', 'test', 'firstlook-pending'), 'firstlook:']]) {
    if (!fs.existsSync(dir)) continue;
    for (const file of fs.readdirSync(dir).filter((f) => /^questions\..+\.json$/.test(f)).sort()) {
      const set = prefix + file.replace(/^questions\.|\.json$/g, '');
      for (const { q } of (JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { questions: { q: string }[] }).questions) questions.push({ set, q });
    }
  }
  for (const [key, phrases] of [...answerer.kb.aliases.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    for (const q of phrases) questions.push({ set: `alias:${key}`, q });
  }

  const lines: string[] = [];
  for (const { set, q } of questions) {
    const d = decide(answerer, q);
    const r = answerer.retrieve(cleanQuestion(q));
    const search = answerer.retrieve(q.trim(), 10);
    lines.push(JSON.stringify({
      set, q,
      kind: d.kind,
      answered: d.answer.answered,
      confidence: d.answer.confidence,
      governing: d.answer.governing,
      safeguarding: d.answer.safeguarding ?? null,
      cites: d.answer.citations.map((c) => `${c.docId}#${c.id}`),
      options: d.options.map((o) => o.key),
      retrieval: { confidence: round(r.confidence), ranked: rankedRows(r.ranked), analysis: hash(r.analysis) },
      search: { confidence: round(search.confidence), ranked: rankedRows(search.ranked) },
      decision: hash(d),
    }));
  }
  return lines;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const t0 = performance.now();
  const lines = await snapshot(args.root, args.ranker);
  const ms = performance.now() - t0;
  if (args.write) {
    fs.writeFileSync(args.write, `${lines.join('\n')}\n`);
    console.log(`${lines.length} questions from ${args.root} written to ${args.write} (${ms.toFixed(0)} ms)`);
    return;
  }
  const expected = fs.readFileSync(args.check as string, 'utf8').trimEnd().split('\n');
  let differences = 0;
  if (expected.length !== lines.length) {
    console.log(`question count differs: snapshot ${expected.length}, now ${lines.length}`);
    differences++;
  }
  for (let i = 0; i < Math.min(expected.length, lines.length); i++) {
    if (expected[i] === lines[i]) continue;
    if (++differences <= 5) console.log(`line ${i + 1} differs:\n  was ${expected[i]}\n  now ${lines[i]}`);
  }
  console.log(differences ? `${differences} difference(s) from ${args.check}` : `${lines.length} questions identical to ${args.check} (${ms.toFixed(0)} ms)`);
  if (differences) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
