/**
 * `npm run playground`: chat with trustline in a browser, with no Microsoft account and no
 * tunnel. Starts the bot (unauthenticated, SQLite under ./data/playground) on 127.0.0.1:3978
 * and the Microsoft 365 Agents Playground (a Teams-like client with a mock Bot Connector) on
 * 127.0.0.1:56150, both on loopback only, prints the address to open, and stops both on Ctrl-C
 * or when either one stops.
 *
 * PORT and PLAYGROUND_PORT change the two ports; TRUSTLINE_DATA_DIR the bot's data folder.
 */
import { ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const HOST = '127.0.0.1';
const PLAYGROUND_CLI = require.resolve('@microsoft/m365agentsplayground/cli.js');
const LOOPBACK = path.join(__dirname, 'loopback.cjs');

/** Bot Framework credentials are dropped: the Playground sends no tokens. */
const CREDENTIAL_VARIABLES = [
  'MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppType', 'MicrosoftAppTenantId',
  'BOT_ID', 'BOT_PASSWORD', 'BOT_TENANT_ID', 'ALLOWED_TENANTS',
];

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${name} must be a port number from 1 to 65535 (got "${raw}")`);
  return n;
}

function assertFree(p: number, variable: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', () => reject(new Error(`port ${p} on ${HOST} is in use: stop what uses it, or set ${variable} to another port`)));
    probe.listen(p, HOST, () => probe.close(() => resolve()));
  });
}

function prefixLines(stream: NodeJS.ReadableStream | null, prefix: string, out: NodeJS.WritableStream): void {
  let buffered = '';
  stream?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) out.write(`${prefix} ${line}\n`);
  });
}

interface Child { name: string; process: ChildProcess; exited: Promise<number | null> }

function start(name: string, args: string[], env: NodeJS.ProcessEnv): Child {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  prefixLines(child.stdout, `[${name}]`, process.stdout);
  prefixLines(child.stderr, `[${name}]`, process.stderr);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ? null : code)));
  return { name, process: child, exited };
}

/** Polls `url` until it answers 2xx, the child exits, or time runs out. */
async function waitUntilServing(url: string, child: Child, timeoutMs: number): Promise<void> {
  let exited = false;
  void child.exited.then(() => (exited = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${child.name} stopped before it was ready (see its output above)`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${child.name} did not answer ${url} within ${timeoutMs / 1000} s`);
}

async function stop(children: Child[]): Promise<void> {
  await Promise.all(children.map(async (c) => {
    if (c.process.exitCode !== null || c.process.signalCode !== null) return;
    c.process.kill('SIGTERM');
    const timer = setTimeout(() => c.process.kill('SIGKILL'), 10_000);
    await c.exited;
    clearTimeout(timer);
  }));
}

async function main(): Promise<void> {
  const botPort = port('PORT', 3978);
  const playgroundPort = port('PLAYGROUND_PORT', 56150);
  await assertFree(botPort, 'PORT');
  await assertFree(playgroundPort, 'PLAYGROUND_PORT');

  const botEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    HOST,
    PORT: String(botPort),
    STORAGE: 'sqlite',
    TRUSTLINE_DATA_DIR: process.env.TRUSTLINE_DATA_DIR ?? path.join(ROOT, 'data', 'playground'),
  };
  for (const name of CREDENTIAL_VARIABLES) delete botEnv[name];

  const children: Child[] = [];
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await stop(children);
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));

  try {
    const bot = start('bot', ['-r', 'tsx/cjs', 'src/index.ts'], botEnv);
    children.push(bot);
    await waitUntilServing(`http://${HOST}:${botPort}/healthz`, bot, 60_000);

    const endpoint = `http://${HOST}:${botPort}/api/messages`;
    const playground = start('playground', [
      '-r', LOOPBACK, PLAYGROUND_CLI,
      '-e', endpoint, '-c', 'msteams', '-p', String(playgroundPort),
      '--service-url', `http://${HOST}:${playgroundPort}/_connector`, '--disable-telemetry',
    ], {
      ...process.env,
      // Print the address instead of opening a browser; keep its log out of the source tree.
      TEAMSAPPTESTER_BROWSER: 'none',
      M365_AGENTS_PLAYGROUND_LOGFILE: path.join(ROOT, '.playground', 'm365agentsplayground.log'),
    });
    children.push(playground);
    await waitUntilServing(`http://${HOST}:${playgroundPort}/`, playground, 30_000);

    process.stdout.write([
      '',
      `trustline is running at ${endpoint} and the Agents Playground is ready.`,
      `Open http://${HOST}:${playgroundPort} in your browser and type "help".`,
      'Press Ctrl-C to stop both.',
      '',
    ].join('\n'));

    const first = await Promise.race(children.map((c) => c.exited.then((code) => ({ c, code }))));
    if (!stopping) {
      process.stderr.write(`${first.c.name} stopped (exit ${first.code ?? 'by signal'}); stopping the rest\n`);
      await shutdown(1);
    }
  } catch (err) {
    process.stderr.write(`playground: ${err instanceof Error ? err.message : String(err)}\n`);
    await shutdown(1);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`playground: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
