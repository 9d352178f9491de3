/**
 * Summarises a V8 CPU profile (`node --cpu-prof`): the functions with the most self time, and
 * self time by package or project folder, so a profile can be read without a browser.
 * Usage: npx tsx scripts/cpuProfileSummary.ts FILE.cpuprofile [TOP=30] [SKIP_MS=0]
 * (SKIP_MS leaves out the profile's first milliseconds: start-up and warm-up.)
 */
import fs from 'node:fs';
import { codeOwner } from '../bench/support/codeOwner';

interface CallFrame { functionName: string; url: string; lineNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

const [file, topArg, skipArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: cpuProfileSummary FILE.cpuprofile [TOP]');
  process.exit(2);
}
const top = Number(topArg ?? 30);
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const skipUs = Number(skipArg ?? 0) * 1000;
const self = new Map<number, number>();
let elapsed = 0;
profile.samples.forEach((id, i) => {
  elapsed += profile.timeDeltas[i] ?? 0;
  if (elapsed >= skipUs) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
// Inclusive time: a node's self time plus its descendants', counted once per function on a path.
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const total = [...self.values()].reduce((a, b) => a + b, 0);

const fns = new Map<string, number>();
const owners = new Map<string, number>();
for (const [id, us] of self) {
  const f = byId.get(id)!.callFrame;
  const where = f.url ? `${f.url.replace(/^file:\/\//, '').replace(/.*node_modules\//, '~/')}:${f.lineNumber + 1}` : '';
  const key = `${f.functionName || '(anonymous)'} ${where}`;
  fns.set(key, (fns.get(key) ?? 0) + us);
  owners.set(codeOwner(f.url), (owners.get(codeOwner(f.url)) ?? 0) + us);
}
const inclusive = new Map<string, number>();
for (const [id, us] of self) {
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const f = byId.get(at)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${codeOwner(f.url)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + us);
  }
}
const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
console.log(`${file}: ${(total / 1e3).toFixed(0)} ms sampled`);
console.log('\nself time by owner:');
for (const [k, us] of [...owners].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${pct(us)}  ${k}`);
console.log(`\ntop ${top} functions by self time:`);
for (const [k, us] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(us)}  ${k}`);
console.log(`\ntop ${top} functions by inclusive time (project and SDK code only):`);
for (const [k, us] of [...inclusive].filter(([k]) => !/\(root\)|\(program\)|node:internal|\(v8/.test(k)).sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(us)}  ${k}`);
