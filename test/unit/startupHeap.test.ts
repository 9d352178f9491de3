/**
 * src/startupHeap.ts: while held, V8's young generation stays at its initial size however much
 * survives (as start-up's does); released, it grows as V8 would. Run in child processes, each
 * with a fresh heap, keeping ~40 MB of small objects allocated through the young generation.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/** Young generation's committed size in MB after keeping ~40 MB, with `before` run first. */
function youngMb(before: string, env: NodeJS.ProcessEnv = {}): { young: number; held: boolean } {
  const script = `const h = require('./src/startupHeap'); ${before}
    const v8 = require('node:v8'); const kept = [];
    for (let i = 0; i < 400000; i++) kept.push({ i, s: 'x'.repeat(64) + i });
    const young = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 1048576;
    console.log(JSON.stringify({ young, held: h.youngGenerationHeld(), n: kept.length }));`;
  const out = execFileSync(process.execPath, ['-r', 'tsx/cjs', '-e', script], {
    cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, NODE_OPTIONS: '', ...env },
  });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as { young: number; held: boolean };
}

describe('start-up heap (young generation held while starting)', function () {
  this.timeout(60_000);

  it('keeps the young generation at its initial size while held, where V8 alone grows it', () => {
    const free = youngMb('');
    assert.ok(free.young >= 16, `without holding, V8 grows it (the test can fail): ${free.young} MB`);
    const held = youngMb('h.holdYoungGeneration();');
    assert.equal(held.held, true);
    assert.ok(held.young <= 4, `held: ${held.young} MB`);
  });

  it('lets it grow again once released', () => {
    const released = youngMb('h.holdYoungGeneration(); h.releaseYoungGeneration();');
    assert.equal(released.held, false);
    assert.ok(released.young >= 16, `released: ${released.young} MB`);
  });

  it('leaves the young generation alone when the operator sized it', () => {
    const r = youngMb('h.holdYoungGeneration();', { NODE_OPTIONS: '--max-semi-space-size=8' });
    assert.equal(r.held, false);
  });
});
