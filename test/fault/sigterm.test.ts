/**
 * SIGTERM on a real child process with kept-alive connections and a hanging Connector: every
 * request that was read gets an answer (its turn's, or 503 with Retry-After once shutting down),
 * none is reset, and the process exits within the shutdown grace.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { ConnectorStub } from '../support/connector';
import { serviceCommand } from '../support/serviceCommand';
import { people, personalMessage } from '../support/activities';

const root = path.resolve(__dirname, '..', '..');
const GRACE_MS = 10_000;

type Outcome = { status: number; retryAfter?: string } | { error: string };

function post(agent: http.Agent, url: string, body: unknown): Promise<Outcome> {
  return new Promise((resolve) => {
    const data = JSON.stringify(body);
    const req = http.request(`${url}/api/messages`, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] as string | undefined }));
    });
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message }));
    req.end(data);
  });
}

describe('SIGTERM with kept-alive connections and a hanging Connector (child process)', function () {
  this.timeout(60_000);

  it('answers every request it read and exits within the grace', async () => {
    const connector = await ConnectorStub.start();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trustline-sigterm-'));
    const { command, args } = serviceCommand();
    const child = spawn(command, args, {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'development', PORT: '0', TRUSTLINE_DATA_DIR: dataDir, LOG_LEVEL: 'info', SHUTDOWN_GRACE_MS: String(GRACE_MS) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const agent = new http.Agent({ keepAlive: true, maxSockets: 48 });
    try {
      let url: string | undefined;
      for (const end = Date.now() + 40_000; !url && Date.now() < end; ) {
        url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
        if (!url) await new Promise((r) => setTimeout(r, 100));
      }
      assert.ok(url, 'the service started');
      const msg = (i: number) => personalMessage('help', { serviceUrl: connector.url, from: { ...people.teacher, aadObjectId: `aad-${i}`, id: `29:u${i}` } });
      // Warm 48 kept-alive sockets, then a burst on 40 of them whose replies hang at the Connector;
      // 8 stay idle for requests sent after SIGTERM.
      await Promise.all(Array.from({ length: 48 }, (_, i) => post(agent, url!, msg(i))));
      // The warm-up answered quickly, so no socket sat idle past the server's 5 s keep-alive.
      connector.failAtRate(1, [{ hang: true }]);
      const before = Array.from({ length: 40 }, (_, i) => post(agent, url!, msg(100 + i)));
      await new Promise((r) => setTimeout(r, 500));
      const termAt = Date.now();
      child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 200));
      // Sent after SIGTERM on the same kept-alive pool: answered 503 + Retry-After, or refused
      // (a new connection is not accepted), never reset after being read.
      const after = Array.from({ length: 8 }, (_, i) => post(agent, url!, msg(200 + i)));
      const [b, a] = [await Promise.all(before), await Promise.all(after)];
      const code = await exited;
      const tookMs = Date.now() - termAt;

      const errorsBefore = b.filter((o) => 'error' in o);
      if (errorsBefore.length) console.log(err.slice(0, 2000), out.split('\n').filter((l) => /server\.|turn\.send_late"/.test(l)).slice(0, 12).join('\n'));
      assert.deepEqual(errorsBefore, [], 'every request read before SIGTERM is answered');
      assert.ok(b.every((o) => 'status' in o && o.status === 200), JSON.stringify(b));
      for (const o of a) {
        if ('error' in o) assert.equal(o.error, 'ECONNREFUSED', 'a request after SIGTERM is refused or answered, never reset');
        else {
          assert.equal(o.status, 503);
          assert.ok(o.retryAfter, '503 carries Retry-After');
        }
      }
      assert.ok(a.some((o) => 'status' in o), 'some requests after SIGTERM came on kept-alive sockets and were answered');
      assert.equal(code, 0);
      assert.ok(tookMs < GRACE_MS + 2_000, `shutdown took ${tookMs} ms against a ${GRACE_MS} ms grace`);
      console.log(`      (shutdown ${tookMs} ms; after SIGTERM: ${a.map((o) => ('error' in o ? o.error : o.status)).join(',')})`);
    } finally {
      agent.destroy();
      child.kill('SIGKILL');
      await connector.close?.();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
