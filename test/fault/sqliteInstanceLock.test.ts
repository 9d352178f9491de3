/** Two real processes on one SQLite data directory: the second refuses with a clear message; a stale lock is taken over. */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serviceCommand } from '../support/serviceCommand';

const root = path.resolve(__dirname, '..', '..');

function run(dataDir: string) {
  const { command, args } = serviceCommand();
  const child = spawn(command, args, {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'development', PORT: '0', TRUSTLINE_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // Listening, and past the work done just after it (the policy's load): the stop tested is the ready one.
  const listening = async () => {
    for (const end = Date.now() + 40_000; Date.now() < end; ) {
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      const health = url ? await fetch(`${url}/healthz`).then(async (r) => (r.ok ? (await r.json() as { policy?: string }) : undefined), () => undefined) : undefined;
      if (health && health.policy !== 'loading') return true;
      if (child.exitCode !== null) return false;
      await new Promise((r) => setTimeout(r, 100));
    }
    return false;
  };
  return { child, exited, listening, err: () => err };
}

describe('one instance per SQLite data directory (two processes)', function () {
  this.timeout(120_000);
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trustline-lock-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('refuses a second instance with a clear message while the first runs, and lets one start after it stops', async () => {
    const first = run(dataDir);
    try {
      assert.ok(await first.listening(), first.err());
      const second = run(dataDir);
      assert.equal(await second.exited, 3);
      assert.match(second.err(), /another trustline instance \(pid \d+\) is using the data directory/);
      first.child.kill('SIGTERM');
      assert.equal(await first.exited, 0);
      assert.ok(!fs.existsSync(path.join(dataDir, 'trustline.lock')), 'the lock is released on exit');
      const third = run(dataDir);
      assert.ok(await third.listening(), third.err());
      third.child.kill('SIGTERM');
      assert.equal(await third.exited, 0);
    } finally {
      first.child.kill('SIGKILL');
    }
  });

  it('takes over a lock left by a process that was killed', async () => {
    const first = run(dataDir);
    assert.ok(await first.listening(), first.err());
    // The service's own pid is in the lock (tsx runs it as a child of the spawned process).
    const pid = Number(fs.readFileSync(path.join(dataDir, 'trustline.lock'), 'utf8'));
    process.kill(pid, 'SIGKILL');
    await first.exited;
    first.child.kill('SIGKILL');
    assert.ok(fs.existsSync(path.join(dataDir, 'trustline.lock')), 'SIGKILL leaves the lock behind');
    const second = run(dataDir);
    try {
      assert.ok(await second.listening(), second.err());
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });
});
