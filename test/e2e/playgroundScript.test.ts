/**
 * The fast parts of `npm run playground`, in the default suite (the browser test is
 * playground.e2e.ts, run by `npm run test:e2e`): the loopback preload, and refusing a busy port.
 * Each runs in a child process: the preload patches node:net for the whole process.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

describe('npm run playground (without a browser)', function () {
  this.timeout(30_000);

  it('scripts/loopback.cjs makes a listen() without a host bind 127.0.0.1, and keeps an explicit host', () => {
    const probe = `
      const net = require('node:net');
      const cases = [[0], [0, 511], ['0'], [{ port: 0 }], [], [0, '::1']];
      Promise.all(cases.map((args) => new Promise((resolve) => {
        const s = net.createServer();
        s.listen(...args, () => { const a = s.address().address; s.close(() => resolve(a)); });
      }))).then((a) => console.log(JSON.stringify(a)));`;
    const run = spawnSync(process.execPath, ['-r', path.join(ROOT, 'scripts', 'loopback.cjs'), '-e', probe], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), ['127.0.0.1', '127.0.0.1', '127.0.0.1', '127.0.0.1', '127.0.0.1', '::1']);
  });

  it('refuses to start when the bot port is taken, naming the variable to change', async () => {
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', () => resolve()));
    try {
      const { port } = busy.address() as net.AddressInfo;
      const run = spawnSync(process.execPath, ['-r', 'tsx/cjs', 'scripts/playground.ts'], {
        cwd: ROOT, env: { PATH: process.env.PATH ?? '', PORT: String(port) }, encoding: 'utf8',
      });
      assert.equal(run.status, 1);
      assert.match(run.stderr, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is in use: stop what uses it, or set PORT to another port`));
    } finally {
      busy.close();
    }
  });
});
