/**
 * `npx tsx scripts/cardScreenshot.ts CARD.json DATA.json OUT.png [WIDTH]`: draws a card template
 * with its sample data in headless Chromium using the official Adaptive Cards renderer (the
 * same adaptivecards build the renderer tests use) and saves a PNG of the card alone. Used for
 * the README's pictures of cards the Playground cannot show (alerts posted to a channel).
 */
import fs from 'node:fs';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { chromium } from 'playwright-core';

async function main(): Promise<void> {
  const [cardFile, dataFile, out, width = '390'] = process.argv.slice(2);
  if (!cardFile || !dataFile || !out) {
    process.stderr.write('Usage: tsx scripts/cardScreenshot.ts CARD.json DATA.json OUT.png [WIDTH]\n');
    process.exit(2);
  }
  const template = new ACData.Template(JSON.parse(fs.readFileSync(cardFile, 'utf8')));
  const card = template.expand({ $root: JSON.parse(fs.readFileSync(dataFile, 'utf8')) }) as unknown;
  const bundle = fs.readFileSync(require.resolve('adaptivecards/dist/adaptivecards.js'), 'utf8');
  const css = fs.readFileSync(require.resolve('adaptivecards/dist/adaptivecards.css'), 'utf8');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: Number(width) + 24, height: 800 }, deviceScaleFactor: 1 });
    await page.route('**/*', (route) => (route.request().url().startsWith('about:') ? route.continue() : route.abort()));
    await page.setContent(`<!doctype html><html><head><style>${css} body{margin:12px;font-family:"Segoe UI",sans-serif;background:#f5f5f5} #card{width:${width}px;background:#fff;border-radius:6px;box-shadow:0 1px 3px #0003}</style></head><body><div id="card"></div></body></html>`);
    await page.addScriptTag({ content: bundle });
    await page.evaluate(`(() => {
      const card = new AdaptiveCards.AdaptiveCard();
      card.hostConfig = new AdaptiveCards.HostConfig({ supportsInteractivity: true, actions: { maxActions: 6 }, fontFamily: 'Segoe UI, sans-serif' });
      card.parse(${JSON.stringify(card)});
      document.getElementById('card').appendChild(card.render());
    })()`);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    await page.locator('#card').screenshot({ path: out });
    process.stdout.write(`${out}: ${fs.statSync(out).size} bytes\n`);
  } finally {
    await browser.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
});
