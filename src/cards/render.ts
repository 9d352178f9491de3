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

/** WORD JOINER: invisible, and to a markdown parser neither space nor punctuation. */
const WJ = '\u2060';
/** Where a line could start a list, heading, quote, table, rule or code block. */
const BLOCK_START = /^(?=[ \t]|[#>+=|-]|\d+[.)])/;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Makes user text inert inside an Adaptive Card TextBlock or FactSet, and shows it as typed:
 * no links, no formatting, line breaks kept. Control characters are removed and length capped.
 *
 * No backslash escapes: Teams on phones (the shared iOS/Android markdown parser) shows them
 * literally (microsoft/AdaptiveCards#5590, #7474), and so does every text that is not markdown,
 * such as a choice title. Instead the syntax is broken with invisible word joiners and two
 * look-alike characters:
 * - `](`, `][` and `]:` get a joiner, so `[click](http://evil)` is never a link; `<` too (autolinks, HTML);
 * - `*` becomes U+2217 `∗` and a backtick U+02CB `ˋ`, which no parser reads as emphasis or code;
 * - an `_` at a word edge is wrapped in joiners (an `_` inside a word, as in `amy_smith`, is already inert);
 * - a line that could open a block (list, heading, quote, table) starts with a joiner;
 * - `&` before an entity, a doubled `~`, and a backslash get a joiner;
 * - each line break becomes a paragraph break, as markdown joins single lines.
 * Where the template is ours, prefer a RichTextBlock TextRun (never markdown) to this.
 */
export function escapeText(text: string, max = 4000): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').slice(0, max);
  return clean.split('\n').filter((line) => line.trim() !== '').map((line) => line
    .replace(/\\/g, `\\${WJ}`)
    .replace(/\*/g, '\u2217')
    .replace(/`/g, '\u02cb')
    .replace(/_/g, (c: string, i: number, s: string) => (LETTER_OR_DIGIT.test(s[i - 1] ?? '') && LETTER_OR_DIGIT.test(s[i + 1] ?? '') ? c : `${WJ}_${WJ}`))
    .replace(/\](?=[([:])/g, `]${WJ}`)
    .replace(/</g, `<${WJ}`)
    .replace(/&(?=#|[A-Za-z][A-Za-z0-9]*;)/g, `&${WJ}`)
    .replace(/~(?=~)/g, `~${WJ}`)
    .replace(BLOCK_START, WJ))
    .join('\n\n');
}
