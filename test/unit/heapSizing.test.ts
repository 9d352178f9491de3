/**
 * src/heapSizing.ts, in child processes (each a fresh heap): while held, V8's young generation
 * stays at its initial size however much survives (as start-up's does), and grows again once
 * released; with the old generation bounded, garbage promoted under load (objects alive across
 * two scavenges, then dropped) is collected before the old generation grows far past what is
 * live; V8's flags are restored at exit, before the code cache is written.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

function run(script: string, env: NodeJS.ProcessEnv = {}): Record<string, number | boolean> {
  const out = execFileSync(process.execPath, ['-r', 'tsx/cjs', '-e', `const h = require('./src/heapSizing'); const v8 = require('node:v8');
    const space = (name) => v8.getHeapSpaceStatistics().find((s) => s.space_name === name).space_size / 1048576; ${script}`], {
    cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, NODE_OPTIONS: '', ...env },
  });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Record<string, number | boolean>;
}

/** Keeps ~40 MB of small objects allocated through the young generation; its size after. */
const keep = (before: string) => `${before} const kept = [];
  for (let i = 0; i < 400000; i++) kept.push({ i, s: 'x'.repeat(64) + i });
  console.log(JSON.stringify({ young: space('new_space'), held: h.heapSizing().youngHeld, n: kept.length }));`;

/** A window of 300 batches of objects, each batch dropped 300 batches later: ~50 MB live, most of it promoted, then dead. */
const churn = (before: string) => `${before} const win = []; let oldMax = 0;
  for (let i = 0; i < 3000; i++) {
    const a = []; for (let j = 0; j < 2000; j++) a.push({ j, s: 'y' + j });
    win.push(a); if (win.length > 300) win.shift();
    if (i % 20 === 0) oldMax = Math.max(oldMax, space('old_space'));
  }
  console.log(JSON.stringify({ oldMax, bounded: h.heapSizing().oldBounded, n: win.length }));`;

describe('heap sizing (young generation held while starting, old generation bounded)', function () {
  this.timeout(60_000);

  it('keeps the young generation at its initial size while held, where V8 alone grows it', () => {
    const free = run(keep(''));
    assert.ok(Number(free.young) >= 16, `without holding, V8 grows it (the test can fail): ${free.young} MB`);
    const held = run(keep('h.holdYoungGeneration();'));
    assert.equal(held.held, true);
    assert.ok(Number(held.young) <= 4, `held: ${held.young} MB`);
  });

  it('lets it grow again once released', () => {
    const released = run(keep('h.holdYoungGeneration(); h.releaseYoungGeneration();'));
    assert.equal(released.held, false);
    assert.ok(Number(released.young) >= 16, `released: ${released.young} MB`);
  });

  it('collects promoted garbage before the old generation grows far past what is live', () => {
    const free = run(churn(''));
    const bounded = run(churn('h.boundOldGeneration();'));
    assert.equal(bounded.bounded, true);
    // ~50 MB live: V8 alone let the old generation reach 210-240 MB here; bounded by 50%, 103-106 MB.
    assert.ok(Number(bounded.oldMax) < 0.75 * Number(free.oldMax), `old generation at most ${bounded.oldMax} MB bounded, ${free.oldMax} MB not`);
    assert.ok(Number(bounded.oldMax) < 125, `bounded: ${bounded.oldMax} MB`);
  });

  it('leaves the heap alone when the operator sized it', () => {
    const r = run('h.holdYoungGeneration(); h.boundOldGeneration(); console.log(JSON.stringify(h.heapSizing()));', { NODE_OPTIONS: '--max-semi-space-size=8' });
    assert.deepEqual(r, { youngHeld: false, oldBounded: false });
  });

  it('restores V8\'s flags at exit, before a code cache is written', () => {
    // A code cache made at exit is accepted by a fresh process with default flags only if the flags were restored.
    const script = (restore: boolean) => `const vm = require('node:vm'); const fs = require('node:fs');
      const file = require('node:path').join(require('node:os').tmpdir(), 'heapSizing-' + process.pid + '.cache');
      const s = new vm.Script('(function () { return 1; })');
      h.holdYoungGeneration(); h.boundOldGeneration();
      ${restore ? '' : "process.removeAllListeners('exit');"}
      process.once('exit', () => { fs.writeFileSync(file, s.createCachedData());
        const r = require('node:child_process').execFileSync(process.execPath, ['-e', "const vm = require('node:vm'); const s = new vm.Script('(function () { return 1; })', { cachedData: require('node:fs').readFileSync(process.argv[1]) }); console.log(s.cachedDataRejected)", file], { encoding: 'utf8' });
        fs.rmSync(file); console.log(JSON.stringify({ rejected: r.trim() === 'true' })); });`;
    assert.deepEqual(run(script(true)), { rejected: false });
    assert.deepEqual(run(script(false)), { rejected: true }, 'unrestored flags make the cache rejected (the test can fail)');
  });
});
