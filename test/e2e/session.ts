/**
 * What the browser tests share: `npm run playground` started on free loopback ports with a
 * temp data dir, and headless Debian Chromium that may reach only this machine (every other
 * request, such as the Playground's font CDN, is aborted and recorded).
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, BrowserContext, Page } from 'playwright-core';

// Debian's chromium; CHROMIUM_PATH points elsewhere.
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ROOT = path.resolve(__dirname, '..', '..');
// Screenshots of each step (git-ignored), for a person to look at after a run.
export const SCREENSHOT_DIR = process.env.E2E_SCREENSHOT_DIR ?? path.join(ROOT, 'test-output', 'screenshots');
fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
// Root in a container: no sandbox; no GPU; /dev/shm is small.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--no-default-browser-check'];

export const hasChromium = (): boolean => fs.existsSync(CHROMIUM);

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export function isLocal(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'data:' || protocol === 'blob:' || protocol === 'about:') return true;
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}

/** Polls until `check` holds (at most `ms`), so steps wait for the bot, not for fixed sleeps. */
export async function until(check: () => Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export interface PlaygroundSession {
  /** The address `npm run playground` printed. */
  url: string;
  playgroundPort: number;
  context: BrowserContext;
  page: Page;
  /** Hosts the browser tried to reach off this machine (aborted). */
  blocked: string[];
  close(): Promise<void>;
}

/** Starts `npm run playground` and a browser on it; close() stops both and removes temp dirs. */
export async function startPlaygroundSession(): Promise<PlaygroundSession> {
  const temps: string[] = [];
  let output = '';
  let context: BrowserContext | undefined;
  const [botPort, playgroundPort] = [await freePort(), await freePort()];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trustline-e2e-data-'));
  temps.push(dataDir);
  const playground: ChildProcess = spawn(process.execPath, ['-r', 'tsx/cjs', 'scripts/playground.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(botPort), PLAYGROUND_PORT: String(playgroundPort), TRUSTLINE_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  playground.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  playground.stderr?.on('data', (d: Buffer) => (output += d.toString()));

  const close = async () => {
    await context?.close();
    if (playground.exitCode === null) {
      const exited = new Promise<void>((resolve) => playground.once('exit', () => resolve()));
      playground.kill('SIGTERM');
      await exited;
    }
    for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    let url = '';
    await until(async () => {
      if (playground.exitCode !== null) throw new Error(`npm run playground stopped early:\n${output}`);
      url = /Open (http:\/\/127\.0\.0\.1:\d+) in your browser/.exec(output)?.[1] ?? '';
      return Boolean(url);
    }, 'the Playground to start', 90_000);

    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'trustline-e2e-chromium-'));
    temps.push(profile);
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 900 },
    });
    const blocked: string[] = [];
    await context.route('**/*', (route) => {
      const target = route.request().url();
      if (isLocal(target)) return route.continue();
      blocked.push(new URL(target).host);
      return route.abort();
    });
    const page = context.pages()[0] ?? await context.newPage();
    return { url, playgroundPort, context, page, blocked, close };
  } catch (err) {
    await close();
    throw err;
  }
}
