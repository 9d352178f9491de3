/**
 * End to end, as a person would use it: `npm run playground` starts trustline and the
 * Microsoft 365 Agents Playground; headless Chromium opens the Playground, types `help` in the
 * composer, and the help card must appear. Run with `npm run test:e2e` (not part of `npm test`:
 * it needs Debian's chromium, `apt-get install -y chromium`, and skips itself without it).
 *
 * The browser may reach only this machine: every other request (the Playground asks a CDN for
 * fonts) is aborted. A screenshot is left at $E2E_SCREENSHOT_DIR (default test-output/screenshots).
 */
import { strict as assert } from 'node:assert';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { CHROMIUM, SCREENSHOT_DIR, hasChromium, startPlaygroundSession, PlaygroundSession } from './session';

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

describe('the Agents Playground with trustline (browser)', function () {
  this.timeout(180_000);

  let session: PlaygroundSession | undefined;
  let page: Page;
  let url = '';
  let blocked: string[] = [];

  before(async function () {
    if (!hasChromium()) {
      console.log(`    skipped: ${CHROMIUM} is not installed (apt-get install -y chromium)`);
      this.skip();
    }
    session = await startPlaygroundSession();
    ({ page, url, blocked } = session);
    assert.equal(url, `http://127.0.0.1:${session.playgroundPort}`);
  });

  after(async () => {
    await session?.close();
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

  it('searches the policy from the composer\'s + (command id searchPolicy, parameter query, as the README says) and a pick puts the clause card in the compose box', async () => {
    await page.getByRole('button', { name: 'Trigger Message Extension App' }).click();
    await page.getByRole('menuitem', { name: 'Search Command' }).click();
    await page.getByText('Specify Command ID or Parameter').click();
    await page.getByPlaceholder('Command ID').fill('searchPolicy');
    await page.getByPlaceholder('Parameter name').fill('query');
    await page.getByPlaceholder('Enter a search term').fill('parent facebook');
    await page.keyboard.press('Enter');
    // The Playground refuses a result list whose previews have a tap action ("Unable to reach app").
    const result = page.getByText(/^7\.6\.\d+ · /).first();
    await result.waitFor({ state: 'visible', timeout: 20_000 });
    const picked = (await result.innerText()).split(' · ')[0];
    await result.click();
    const inserted = page.locator('.ac-adaptiveCard', { hasText: 'shared with trustline' });
    await inserted.first().waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await inserted.first().innerText(), new RegExp(`^${picked.replace(/\./g, '\\.')} · `));
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'trustline-playground-search.png') });
  });
});
