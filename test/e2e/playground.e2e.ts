/**
 * End to end, as a person would use it: `npm run playground` starts trustline and the
 * Microsoft 365 Agents Playground; headless Chromium opens the Playground, types `help` in the
 * composer, and the help card must appear. Run with `npm run test:e2e` (not part of `npm test`:
 * it needs Debian's chromium, `apt-get install -y chromium`, and skips itself without it).
 *
 * The browser may reach only this machine: every other request (the Playground asks a CDN for
 * fonts) is aborted. A screenshot is left at $E2E_SCREENSHOT_DIR (default the OS temp folder).
 */
import { strict as assert } from 'node:assert';
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, BrowserContext, Page } from 'playwright-core';

// Debian's chromium; CHROMIUM_PATH points elsewhere.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = path.resolve(__dirname, '..', '..');
const SCREENSHOT_DIR = process.env.E2E_SCREENSHOT_DIR ?? os.tmpdir();
// Root in a container: no sandbox; no GPU; /dev/shm is small.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--no-default-browser-check'];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Polls a count until it has not changed for 1.5 s (at most 20 s), and returns it. */
async function settledCount(count: () => Promise<number>): Promise<number> {
  const deadline = Date.now() + 20_000;
  let last = await count();
  let since = Date.now();
  while (Date.now() - since < 1500 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    const now = await count();
    if (now !== last) {
      last = now;
      since = Date.now();
    }
  }
  return last;
}

function isLocal(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'data:' || protocol === 'blob:' || protocol === 'about:') return true;
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}

describe('the Agents Playground with trustline (browser)', function () {
  this.timeout(180_000);

  let playground: ChildProcess | undefined;
  let output = '';
  let context: BrowserContext | undefined;
  let page: Page;
  let url = '';
  const temps: string[] = [];
  const blocked: string[] = [];

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) {
      console.log(`    skipped: ${CHROMIUM} is not installed (apt-get install -y chromium)`);
      this.skip();
    }
    const [botPort, playgroundPort] = [await freePort(), await freePort()];
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trustline-e2e-data-'));
    temps.push(dataDir);
    playground = spawn(process.execPath, ['-r', 'tsx/cjs', 'scripts/playground.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(botPort), PLAYGROUND_PORT: String(playgroundPort), TRUSTLINE_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    playground.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    playground.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<void>((resolve) => playground?.once('exit', () => resolve()));
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        const m = /Open (http:\/\/127\.0\.0\.1:\d+) in your browser/.exec(output);
        if (m) {
          clearInterval(timer);
          url = m[1];
          resolve();
        }
      }, 100);
      void exited.then(() => {
        clearInterval(timer);
        reject(new Error(`npm run playground stopped early:\n${output}`));
      });
    });
    await ready;
    assert.equal(url, `http://127.0.0.1:${playgroundPort}`);

    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'trustline-e2e-chromium-'));
    temps.push(profile);
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 900 },
    });
    await context.route('**/*', (route) => {
      const target = route.request().url();
      if (isLocal(target)) return route.continue();
      blocked.push(new URL(target).host);
      return route.abort();
    });
    page = context.pages()[0] ?? await context.newPage();
  });

  after(async () => {
    await context?.close();
    if (playground && playground.exitCode === null) {
      const exited = new Promise<void>((resolve) => playground?.once('exit', () => resolve()));
      playground.kill('SIGTERM');
      await exited;
    }
    for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers "help" typed in the composer with the trustline help card', async () => {
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    const composer = page.locator('[data-lexical-editor="true"]').first();
    await composer.waitFor({ state: 'visible', timeout: 60_000 });
    // Opening the chat installs the app, and trustline sends its welcome card: let that land
    // first, so the card counted below is the answer to "help" and not the welcome.
    const cards = page.locator('.ac-adaptiveCard');
    const before = await settledCount(() => cards.count());

    await composer.click();
    await page.keyboard.type('help');
    await page.keyboard.press('Enter');

    const answer = cards.nth(before);
    await answer.waitFor({ state: 'visible', timeout: 30_000 });
    const text = await answer.innerText();
    assert.match(text, /^trustline/);
    assert.match(text, /my reports/);
    assert.ok(await answer.locator('button', { hasText: 'Make a report' }).isVisible(), 'the card shows its actions');

    const shot = path.join(SCREENSHOT_DIR, 'trustline-playground-help.png');
    await page.screenshot({ path: shot, fullPage: false });
    console.log(`    screenshot: ${shot}; requests blocked: ${[...new Set(blocked)].join(', ') || 'none'}`);
  });
});
