/**
 * End to end, as a teacher on a phone would: in the Agents Playground (a Teams-like client) at
 * a phone's width, ask about an Instagram follow request, press the report button under the
 * answer, press Review on the empty form, fill it in, review, submit, and open "My reports"
 * from the confirmation. Checks what a person sees: the answer leads with what to do, errors
 * show with what was typed kept, typed text shows as typed (no backslashes, no live link), the
 * confirmation has a reference and stays in the chat when the list opens below it.
 *
 * Run with `npm run test:e2e`; skips itself without Debian's chromium. Screenshots of each step
 * are left in $E2E_SCREENSHOT_DIR (default test-output/screenshots).
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { CHROMIUM, SCREENSHOT_DIR, hasChromium, startPlaygroundSession, until, PlaygroundSession } from './session';

/** A phone's width; the Playground keeps a wider chat pane, so cards are narrowed below. */
const PHONE = { width: 390, height: 850 };
const WRITE_UP = 'She sent a follow request on Instagram at 7pm.\nI declined it. [click](http://evil.example) *not bold* a_b_c';

describe('a report walked through in the Agents Playground at a phone\'s width (browser)', function () {
  this.timeout(240_000);

  let session: PlaygroundSession | undefined;
  let page: Page;

  const cards = () => page.locator('.ac-adaptiveCard');
  const lastCard = async (): Promise<Locator> => cards().nth((await cards().count()) - 1);
  async function shot(name: string): Promise<void> {
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `trustline-e2e-${name}.png`) });
  }
  /**
   * The Playground opens at a desktop's size (at a phone's it covers its composer) and lays its
   * chat out at least 600 px wide: shrink the window, drop those minimums, narrow each card.
   */
  async function phoneWidth(): Promise<void> {
    await page.setViewportSize(PHONE);
    // Run in the page (a string: this project compiles without the DOM library).
    await page.evaluate(`for (const e of document.querySelectorAll('div')) {
      const min = getComputedStyle(e).minWidth;
      if (min === '600px' || min === '400px') e.style.minWidth = '0';
    }`);
    await page.addStyleTag({ content: '.fai-OutputCard { width: 340px !important; max-width: 340px !important; } .fai-OutputCard div:has(> .ac-preview-panel) { width: auto !important; max-width: 100% !important; } .ac-preview-panel { width: 100% !important; }' });
  }
  async function say(text: string): Promise<Locator> {
    const before = await cards().count();
    const composer = page.locator('[data-lexical-editor="true"]').first();
    await composer.click();
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
    await until(async () => (await cards().count()) > before, `a reply to "${text}"`);
    return cards().nth(before);
  }
  async function choose(card: Locator, label: string, option: string): Promise<void> {
    await card.getByRole('combobox', { name: label }).first().click();
    const options = page.getByRole('option');
    await options.first().waitFor();
    const i = (await options.allTextContents()).map((t) => t.trim()).indexOf(option);
    assert.ok(i >= 0, `${label}: no option ${option} in ${(await options.allTextContents()).join(", ")}`);
    await options.nth(i).click();
  }

  before(async function () {
    if (!hasChromium()) {
      console.log(`    skipped: ${CHROMIUM} is not installed (apt-get install -y chromium)`);
      this.skip();
    }
    session = await startPlaygroundSession();
    page = session.page;
    await page.goto(session.url, { waitUntil: 'domcontentloaded' });
    await page.locator('[data-lexical-editor="true"]').first().waitFor({ state: 'visible', timeout: 60_000 });
    await until(async () => (await cards().count()) > 0, 'the welcome card');
    await phoneWidth();
  });

  after(async () => {
    await session?.close();
  });

  it('answers with what to do first, then the clause, with the report button under the step', async () => {
    const answer = await say('a year 6 girl sent me a follow request on insta');
    const text = await answer.innerText();
    assert.match(text, /^What to do\s+Do not accept or reply/);
    assert.ok(text.indexOf('Report a pupil connection attempt') < text.indexOf('7.6.15 · '), 'the button comes before the quoted clause');
    assert.match(text, /Section 7: Social Media/);
    assert.equal(await answer.locator('ol').count(), 0, 'no heading rendered as a numbered list');
    // Every button's title is fully readable at phone width: no element inside a button is
    // narrower than its text (clipped, with or without an ellipsis).
    const buttons = await answer.locator('button').evaluateAll((els) => els.map((b) => ({
      title: (b.textContent ?? '').trim(),
      clipped: [b, ...Array.from(b.querySelectorAll('*'))].some((e) => e.scrollWidth > e.clientWidth + 1),
      width: b.clientWidth,
    })));
    assert.ok(buttons.some((b) => b.title === 'Report it'), `a report button: ${JSON.stringify(buttons)}`);
    assert.deepEqual(buttons.filter((b) => b.clipped), [], 'no clipped button title');
    await shot('answer');
  });

  it('opens the form below the answer; Review on the empty form names what to change and keeps what was typed', async () => {
    const answer = await lastCard();
    const before = await cards().count();
    await answer.locator('button', { hasText: 'Report it' }).click();
    await until(async () => (await cards().count()) > before, 'the form');
    assert.match(await answer.innerText(), /What to do/, 'the answer stays as it was');
    const form = await lastCard();
    assert.match(await form.innerText(), /If a child is at immediate risk, tell the DSL now or call 999: this form is not the route/);
    // Who, which platform, what happened and the risk come first; the rest is folded.
    assert.equal(await form.getByRole('textbox', { name: 'Who was approached?' }).count(), 0, 'folded: not in the page');
    assert.ok(await form.getByRole('button', { name: 'Show' }).isVisible());
    await form.getByRole('textbox', { name: 'What happened' }).fill(WRITE_UP);
    await form.locator('button', { hasText: /^\s*Review\s*$/ }).click();
    await until(async () => /answers need changing/.test(await form.innerText()), 'the errors');
    assert.equal(await cards().count(), before + 1, 'the form is replaced in place');
    assert.match(await form.innerText(), /This is required\./);
    assert.equal(await form.getByRole('textbox', { name: 'What happened' }).inputValue(), WRITE_UP, 'what was typed is kept');
    assert.ok(await form.getByRole('textbox', { name: 'Who was approached?' }).isVisible(), 'the folded part opens at its errors');
    await shot('form-errors');
  });

  it('reviews what was typed exactly as typed, files it, and keeps the confirmation when listing reports', async () => {
    const form = await lastCard();
    await form.getByText('Cronton CE Primary School', { exact: true }).click();
    await form.getByText('No', { exact: true }).first().click();
    await form.getByText('A pupil, to a member of staff', { exact: true }).click();
    await form.getByRole('textbox', { name: 'Who was approached?' }).fill('Me');
    await form.getByRole('textbox', { name: 'Pupil\'s name' }).fill('Amy O\'Neil-Smith (Y6)');
    await choose(form, 'Pupil\'s year group', 'Year 6');
    await choose(form, 'Platform', 'Instagram');
    await form.getByText('Declined the request', { exact: true }).click();
    await form.getByText('Yes', { exact: true }).nth(2).click(); // evidence kept (after the risk and, folded, the DSL questions)
    // Today, from the date picker (a date in the future is refused).
    await form.getByRole('combobox', { name: 'When did it happen?' }).click();
    await page.locator('button.fui-CalendarDayGrid__dayIsToday').first().click();
    await form.locator('button', { hasText: /^\s*Review\s*$/ }).click();
    await until(async () => /Check your report/.test(await form.innerText()), 'the review', 20_000).catch(async (err: unknown) => {
      await shot('review-failed');
      throw err;
    });
    const review = await form.innerText();
    assert.ok(review.includes('She sent a follow request on Instagram at 7pm.\nI declined it. [click](http://evil.example) *not bold* a_b_c'), `as typed, line break kept:\n${review}`);
    assert.ok(review.includes('Amy O\'Neil-Smith (Y6)'));
    assert.ok(!review.includes('\\'), 'no backslash shows');
    assert.equal(await form.locator('a[href]').count(), 0, 'no link');
    await shot('review');

    await form.locator('button', { hasText: 'Submit report' }).click();
    await until(async () => /Report filed/.test(await form.innerText()), 'the confirmation');
    const ref = /([A-Z]{2}-\d{4}-\d{4})/.exec(await form.innerText())?.[1];
    assert.ok(ref, 'a reference');
    await shot('filed');

    const before = await cards().count();
    await form.locator('button', { hasText: 'My reports' }).click();
    await until(async () => (await cards().count()) > before, 'the list');
    assert.match(await form.innerText(), /Report filed/, 'the confirmation stays in the chat');
    const list = await lastCard();
    assert.ok((await list.innerText()).includes(ref), 'the new report is listed');
    await shot('my-reports');
  });

  it('offers "Which is closest to your situation?" for a close call, readable at phone width; a choice answers', async () => {
    const choice = await say('is it ok to be mates with my year 5s and their mums on snap');
    assert.match(await choice.innerText(), /Which is closest to your situation\?/);
    const buttons = await choice.locator('button').evaluateAll((els) => els.map((b) => ({
      title: (b.textContent ?? '').trim(),
      clipped: [b, ...Array.from(b.querySelectorAll('*'))].some((e) => e.scrollWidth > e.clientWidth + 1),
    })));
    assert.ok(buttons.filter((b) => b.title !== 'Report it').length >= 2, `situations offered: ${JSON.stringify(buttons)}`);
    assert.deepEqual(buttons.filter((b) => b.clipped), [], 'no clipped button title');
    await shot('choice');
    const before = await cards().count();
    const pick = choice.locator('button').filter({ hasNotText: 'Report it' }).first();
    await pick.click();
    await until(async () => (await cards().count()) > before, 'the chosen answer');
    assert.match(await (await lastCard()).innerText(), /What to do/);
  });

  it('shows a related clause with "Show" and hides it again with "Hide", at phone width', async () => {
    const answer = await say('a year 6 girl sent me a follow request on insta');
    const visible = (title: string) => answer.locator('button:visible', { hasText: new RegExp(`^\\s*${title}\\s*$`) });
    const shows = await visible('Show').count();
    assert.ok(shows >= 1, 'a related clause with Show');
    assert.equal(await visible('Hide').count(), 0, 'nothing open yet');
    const closed = (await answer.innerText()).length;
    await visible('Show').first().click();
    await until(async () => (await visible('Hide').count()) === 1, 'Hide after Show');
    assert.equal(await visible('Show').count(), shows - 1, 'that clause\'s Show is replaced by Hide');
    assert.ok((await answer.innerText()).length > closed, 'the clause\'s text is shown');
    await shot('related-open');
    await visible('Hide').first().click();
    await until(async () => (await visible('Hide').count()) === 0, 'Show again after Hide');
    assert.equal(await visible('Show').count(), shows);
  });

  it('shows every kind\'s form short at phone width: the pupil connection form\'s first screen is about 1,000 px', async () => {
    // Each form as it first opens (the folded part closed), measured where a person sees it.
    const heights: Record<string, number> = {};
    for (const title of ['Pupil connection attempt', 'Media contact', 'Online abuse of a colleague', 'Parent or carer connection request', 'Personal communication with a pupil', 'Request a new official social media account']) {
      const picker = await say('report');
      await picker.getByText(title, { exact: true }).first().click();
      await until(async () => /Save for later/.test(await picker.innerText()), `the ${title} form`);
      const box = await picker.boundingBox();
      assert.ok(box);
      heights[title] = Math.round(box.height);
      // A tall window for the picture only (the card's width, and so its height, do not change).
      await page.setViewportSize({ width: PHONE.width, height: 2000 });
      await picker.screenshot({ path: path.join(SCREENSHOT_DIR, `trustline-e2e-form-${title.toLowerCase().replace(/\W+/g, '-')}.png`) });
      await page.setViewportSize(PHONE);
    }
    fs.writeFileSync(path.join(SCREENSHOT_DIR, 'form-heights.json'), `${JSON.stringify(heights, null, 2)}\n`);
    console.log(`    form heights at ${PHONE.width} px (folded part closed): ${JSON.stringify(heights)}`);
    // 2,454 px before the essentials came first (issue 9, item 10); 1,058 px after. The bound
    // leaves room for font differences between machines, not for the form to grow back.
    assert.ok(heights['Pupil connection attempt'] <= 1150, `pupil connection form ${heights['Pupil connection attempt']} px`);
  });

  it('starts "Report this message" from a message\'s menu: a dialog offers the kinds of report', async () => {
    // The Playground does not read the manifest: a message's "..." > Action Command, with the
    // command id typed by hand, sends composeExtension/fetchTask with that message as payload.
    const message = await lastCard();
    await message.hover();
    await page.locator('button[aria-label="Show more information"]').last().click();
    await page.getByRole('menuitem', { name: 'Action Command' }).click();
    await page.getByPlaceholder('Input command id or leave blanks').fill('reportMessage');
    await page.getByText('Fetch the dialog dynamically from the app').click();
    await page.getByRole('button', { name: 'Create' }).click();
    const dialog = page.locator('[role=dialog] .ac-adaptiveCard');
    await until(async () => (await dialog.count()) > 0 && /Pupil connection attempt/.test(await dialog.first().innerText()), 'the report dialog');
    assert.match(await dialog.first().innerText(), /Media contact/);
    await shot('report-message');
  });
});
