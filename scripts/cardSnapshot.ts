/**
 * A guard for changes that must not change any card (performance work on card rendering):
 * every template with its sample data (adaptiveCards/samples), and the reply card for every
 * question of every set in test/fixtures, in 1:1 chat (with report buttons and prefill) and in
 * a channel (report buttons swapped for a link), exactly as the answer handler builds it. One
 * line per card: the activity as JSON, byte for byte.
 *
 *   npx tsx scripts/cardSnapshot.ts --write FILE [--root DIR]   take a snapshot
 *   npx tsx scripts/cardSnapshot.ts --check FILE                 compare this checkout with it
 *
 * `--root` runs another checkout's src/ (e.g. a `git archive` of main). `--check` prints the
 * first differences and exits 1 on any. `--bench` times rendering the reply cards (no file).
 */
import fs from 'node:fs';
import path from 'node:path';

interface Args { write?: string; check?: string; bench: boolean; root: string }

function parseArgs(argv: string[]): Args {
  const args: Args = { root: path.resolve(__dirname, '..'), bench: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--write') args.write = argv[++i];
    else if (a === '--check') args.check = argv[++i];
    else if (a === '--root') args.root = path.resolve(argv[++i]);
    else if (a === '--bench') args.bench = true;
    else throw new Error(`unknown argument ${a}`);
  }
  if (!args.bench && !args.write === !args.check) throw new Error('give exactly one of --write FILE, --check FILE or --bench');
  return args;
}

type Decision = { kind: string };
interface Modules {
  renderCard(name: string, data: object): unknown;
  templateNames(): string[];
  CARDS_DIR: string;
  decisionActivity(d: Decision, kb: unknown, o: object): unknown;
  decisions: { q: string; d: Decision }[];
  kb: unknown;
  prefill(q: string): (kind: string) => Record<string, string>;
}

async function load(root: string): Promise<Modules> {
  const src = (p: string) => path.join(root, 'src', p);
  const { DEFAULT_POLICY } = (await import(src('config'))) as { DEFAULT_POLICY: string };
  const { loadKnowledgeBase } = (await import(src('domain/policy/knowledgeBase'))) as { loadKnowledgeBase(paths: string[]): Promise<unknown> };
  const { Answerer } = (await import(src('domain/policy/answerer'))) as { Answerer: new (kb: unknown) => unknown };
  const { decide } = (await import(src('domain/policy/decision'))) as { decide(a: unknown, q: string): Decision };
  const { loadKinds } = (await import(src('domain/reports/kinds'))) as { loadKinds(): { get(id: string): unknown } };
  const { prefillFromQuestion } = (await import(src('domain/reports/prefill'))) as { prefillFromQuestion(q: string, k: unknown): Record<string, string> };
  const render = (await import(src('cards/render'))) as Pick<Modules, 'renderCard' | 'templateNames' | 'CARDS_DIR'>;
  const { decisionActivity } = (await import(src('teams/handlers/answers'))) as Pick<Modules, 'decisionActivity'>;

  const kb = await loadKnowledgeBase([DEFAULT_POLICY]);
  const answerer = new Answerer(kb);
  const kinds = loadKinds();
  const fixtures = path.join(root, 'test', 'fixtures');
  const decisions: { q: string; d: Decision }[] = [];
  for (const file of fs.readdirSync(fixtures).filter((f) => /^questions\..+\.json$/.test(f)).sort()) {
    for (const { q } of (JSON.parse(fs.readFileSync(path.join(fixtures, file), 'utf8')) as { questions: { q: string }[] }).questions) {
      decisions.push({ q, d: decide(answerer, q) });
    }
  }
  const prefill = (q: string) => (id: string): Record<string, string> => {
    const kind = kinds.get(id);
    return kind ? prefillFromQuestion(q, kind) : {};
  };
  return { ...render, decisionActivity, decisions, kb, prefill };
}

function cards(m: Modules): string[] {
  const lines: string[] = [];
  for (const name of m.templateNames()) {
    const file = path.join(m.CARDS_DIR, 'samples', `${name}.data.json`);
    const data = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) as object : {};
    lines.push(JSON.stringify({ template: name, card: m.renderCard(name, data) }));
    lines.push(JSON.stringify({ template: name, empty: true, card: m.renderCard(name, {}) }));
  }
  for (const { q, d } of m.decisions) {
    lines.push(JSON.stringify({ q, personal: true, activity: m.decisionActivity(d, m.kb, { personal: true, token: 'tok123', prefill: m.prefill(q) }) }));
    lines.push(JSON.stringify({ q, personal: false, activity: m.decisionActivity(d, m.kb, { personal: false, token: 'tok123', chatUrl: 'https://teams.microsoft.com/l/chat/0/0?users=28:bot' }) }));
  }
  return lines;
}

function bench(m: Modules): void {
  const renders = m.decisions.map(({ q, d }) => () => m.decisionActivity(d, m.kb, { personal: true, token: 'tok123', prefill: m.prefill(q) }));
  for (const r of renders.slice(0, 500)) r();
  const times: number[] = [];
  for (let round = 0; round < 7; round++) {
    const start = process.cpuUsage();
    for (const r of renders) r();
    const used = process.cpuUsage(start);
    times.push((used.user + used.system) / renders.length);
  }
  times.sort((a, b) => a - b);
  console.log(`reply card (decisionActivity, 1:1), ${renders.length} questions × 7 rounds: CPU per card min ${times[0].toFixed(1)} µs, median ${times[3].toFixed(1)} µs`);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const m = await load(args.root);
  if (args.bench) return bench(m);
  const lines = cards(m);
  if (args.write) {
    fs.writeFileSync(args.write, lines.join('\n') + '\n');
    console.log(`wrote ${lines.length} cards to ${args.write}`);
    return;
  }
  const expected = fs.readFileSync(args.check as string, 'utf8').trimEnd().split('\n');
  let differ = 0;
  for (let i = 0; i < Math.max(expected.length, lines.length); i++) {
    if (expected[i] === lines[i]) continue;
    if (++differ <= 3) console.log(`line ${i + 1} differs:\n  expected ${expected[i]?.slice(0, 400)}\n  actual   ${lines[i]?.slice(0, 400)}`);
  }
  console.log(`${lines.length - differ} of ${lines.length} cards identical (expected ${expected.length})`);
  if (differ) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
