/**
 * Renders Adaptive Card templates from `adaptiveCards/` with adaptivecards-templating.
 * Templates are read and parsed once. Data passed in is plain JSON; any user-typed text must
 * go through `escapeText` first so it cannot inject markdown links or formatting.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';

export const CARDS_DIR = path.resolve(__dirname, '..', '..', 'adaptiveCards');

/** An Adaptive Card as JSON. Kept structural so the domain never needs the SDK's types. */
export type AdaptiveCard = { type: 'AdaptiveCard'; version: string; body?: unknown[]; actions?: unknown[] } & Record<string, unknown>;

const cache = new Map<string, ACData.Template>();

function template(name: string): ACData.Template {
  let t = cache.get(name);
  if (!t) {
    const file = path.join(CARDS_DIR, `${name}.json`);
    t = new ACData.Template(JSON.parse(fs.readFileSync(file, 'utf8')));
    cache.set(name, t);
  }
  return t;
}

export function renderCard(name: string, data: object): AdaptiveCard {
  const card = template(name).expand({ $root: data }) as AdaptiveCard;
  if (card.type !== 'AdaptiveCard') throw new Error(`template ${name} did not produce an AdaptiveCard`);
  return card;
}

/** Names of every template shipped, for tests that validate them all. */
export function templateNames(): string[] {
  return fs.readdirSync(CARDS_DIR).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
}

const MARKDOWN = /[\\`*_{}[\]()#+\-.!|<>~]/g;

/**
 * Makes user text inert inside an Adaptive Card TextBlock: control characters removed,
 * markdown punctuation backslash-escaped (so `[x](http://evil)` shows literally), length capped.
 */
export function escapeText(text: string, max = 4000): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').slice(0, max);
  return clean.replace(MARKDOWN, (c) => `\\${c}`);
}
