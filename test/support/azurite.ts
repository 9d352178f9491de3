/**
 * Azurite (the Azure Storage emulator, an npm devDependency) for tests: the table service only,
 * in memory, on a free loopback port, as a child process of the test run.
 *
 * `getAzurite()` starts one instance lazily and shares it for the whole mocha run; tests isolate
 * themselves with `uniqueTablePrefix()`. It is stopped by a root `after` hook, and, as a backstop,
 * when this process exits; the child also exits by itself when its stdin (a pipe from this
 * process) closes, so even a killed test run leaves no emulator behind.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface Azurite {
  /** An explicit connection string for this instance (http, the well-known emulator account). */
  connectionString: string;
  port: number;
  stop(): Promise<void>;
}

/** The emulator's fixed, public development account (not a secret). */
export const DEV_ACCOUNT = 'devstoreaccount1';
export const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export function tableConnectionString(port: number): string {
  return `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};TableEndpoint=http://127.0.0.1:${port}/${DEV_ACCOUNT};`;
}

/** A table prefix no other test uses (letters and digits, as Azure table names require). */
export function uniqueTablePrefix(): string {
  return `t${randomBytes(6).toString('hex')}`;
}

const START_TIMEOUT_MS = 20_000;

/**
 * Runs Azurite's own CLI entry (argv is [node, main.js, ...flags], as if started directly), and
 * exits when stdin ends, i.e. when the test process is gone.
 */
const WATCHDOG = "process.stdin.on('end', () => process.exit(0)).on('error', () => process.exit(0)).resume(); require(process.argv[1]);";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const running = new Set<ChildProcess>();

process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

function launch(port: number): Promise<Azurite> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trustline-azurite-'));
  const main = require.resolve('azurite/dist/src/table/main.js');
  const child = spawn(process.execPath, ['-e', WATCHDOG, main,
    '--tableHost', '127.0.0.1', '--tablePort', String(port),
    '--inMemoryPersistence', '--silent', '--disableTelemetry', '--skipApiVersionCheck',
  ], { cwd: workDir, stdio: ['pipe', 'pipe', 'pipe'] });
  running.add(child);

  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => {
    exited = true;
    running.delete(child);
    fs.rmSync(workDir, { recursive: true, force: true });
    resolve();
  }));

  const stop = async () => {
    if (exited) return;
    child.stdin?.end(); // the watchdog exits
    const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
    await exit;
    clearTimeout(timer);
  };

  return new Promise<Azurite>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`Azurite did not start within ${START_TIMEOUT_MS} ms on port ${port}:\n${output}`));
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('successfully started')) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        child.stderr?.resume();
        resolve({ connectionString: tableConnectionString(port), port, stop });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`Azurite exited during start (code ${code}, signal ${signal}) on port ${port}:\n${output}`));
    });
  });
}

/** Starts a dedicated Azurite; the caller stops it. Retries if the free port was taken meanwhile. */
export async function startAzurite(): Promise<Azurite> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await launch(await freePort());
    } catch (err) {
      lastError = err;
      if (!/EADDRINUSE/.test(String((err as Error).message))) throw err;
    }
  }
  throw lastError;
}

let shared: Promise<Azurite> | undefined;

/** The Azurite shared by the whole test run, started on first use. */
export function getAzurite(): Promise<Azurite> {
  shared ??= startAzurite();
  return shared;
}

async function stopShared(): Promise<void> {
  const instance = shared;
  shared = undefined;
  if (instance) await (await instance.catch(() => undefined))?.stop();
}

/** Root hooks for a mocha `--require`, if a run wants them explicitly. */
export const mochaHooks = { afterAll: stopShared };

// Loaded by a spec file (or something it imports), this registers on mocha's root suite, so the
// shared instance stops when the run ends, pass or fail.
// (Loaded later, during the run, the exit handler and the stdin watchdog still stop it.)
if (typeof after === 'function') {
  try {
    after('stop the shared Azurite', stopShared);
  } catch {
    /* not at load time: fine */
  }
}
