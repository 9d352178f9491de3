/**
 * The real service as a child process (`src/index.ts` as serviceCommand runs it, or a built entry under node:
 * `entry`), for crash tests and the built-bundle test: SIGKILL it,
 * start it again on the same data directory. Exposes what the routing helpers need of a
 * Harness (send, serviceUrl, connector), pointed at whichever process runs now.
 */
import { spawn, ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { ConnectorStub } from './connector';
import type { SendResult } from './harness';
import { serviceCommand } from './serviceCommand';

const root = path.resolve(__dirname, '..', '..');

export interface ChildService {
  connector: ConnectorStub;
  serviceUrl: string;
  /** The running process's base URL (changes on restart: PORT=0). */
  readonly url: string;
  /** stdout of every run so far (JSON log lines and the listening line). */
  output(): string;
  /** Resolves once stdout (of every run so far) matches `pattern`: log lines written after /healthz answered arrive when they arrive. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  send<T = unknown>(activity: unknown, timeoutMs?: number): Promise<SendResult<T>>;
  /** Starts the service (again) and resolves once it listens. */
  start(): Promise<void>;
  /** SIGKILL: the service process (its pid from the lock file), then the spawned one if it differs. */
  kill(): Promise<void>;
  /** SIGTERM and wait for the exit code. */
  stop(): Promise<number | null>;
}

export function childService(connector: ConnectorStub, dataDir: string, env: Record<string, string>, entry?: string): ChildService {
  let child: ChildProcess | undefined;
  let exited: Promise<number | null> = Promise.resolve(null);
  let url = '';
  let out = '';
  let err = '';
  const service: ChildService = {
    connector,
    serviceUrl: connector.url,
    get url() {
      return url;
    },
    output: () => out,
    async waitForOutput(pattern: RegExp, timeoutMs = 20_000) {
      for (const end = Date.now() + timeoutMs; !pattern.test(out); await new Promise((r) => setTimeout(r, 50))) {
        if (Date.now() > end) throw new Error(`no ${pattern} in the service's output within ${timeoutMs} ms: ${out.slice(-2000)}`);
      }
    },
    async send<T>(activity: unknown, timeoutMs = 20_000) {
      const res = await fetch(`${url}/api/messages`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity), signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON
      }
      return { status: res.status, body: body as T };
    },
    async start() {
      const from = out.length;
      const fromSource = serviceCommand();
      const c = spawn(entry ? process.execPath : fromSource.command, entry ? [entry] : fromSource.args, {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', NODE_ENV: 'development', HOST: '127.0.0.1', PORT: '0', TRUSTLINE_DATA_DIR: dataDir, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = c;
      c.stdout!.on('data', (d: Buffer) => (out += d.toString()));
      c.stderr!.on('data', (d: Buffer) => (err += d.toString()));
      exited = new Promise((resolve) => c.on('exit', (code) => resolve(code)));
      for (const end = Date.now() + 60_000; Date.now() < end; ) {
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out.slice(from));
        // Healthy, with the policy loaded: past the work done just after listening.
        const health = m ? await fetch(`${m[1]}/healthz`).then(async (r) => (r.ok ? (await r.json() as { policy?: string }) : undefined), () => undefined) : undefined;
        if (m && health && health.policy !== 'loading') {
          url = m[1];
          return;
        }
        if (c.exitCode !== null) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`the service did not start: ${err.slice(-2000)}`);
    },
    async kill() {
      const lock = path.join(dataDir, 'trustline.lock');
      const pid = fs.existsSync(lock) ? Number(fs.readFileSync(lock, 'utf8')) : NaN;
      if (Number.isInteger(pid) && pid > 0) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      child?.kill('SIGKILL');
      await exited;
      // SIGKILL is delivered asynchronously: wait until the service's pid is gone (reaped), or
      // its successor would find the lock held by a live process and refuse to start.
      for (const end = Date.now() + 15_000; Number.isInteger(pid) && pid > 0 && Date.now() < end; ) {
        try {
          process.kill(pid, 0);
        } catch {
          break;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop() {
      child?.kill('SIGTERM');
      return exited;
    },
  };
  return service;
}
