/**
 * Renders Adaptive Card templates from `adaptiveCards/` with adaptivecards-templating.
 * Templates are read and parsed once. Data passed in is plain JSON; any user-typed text must
 * go through `escapeText` first so it cannot inject markdown links or formatting.
 */
import fs from 'node:fs';
import path from 'node:path';
import type * as ACDataModule from 'adaptivecards-templating';
import type * as AELModule from 'adaptive-expressions';
import { compile, type CompiledTemplate } from './compiledTemplate';

type Template = InstanceType<typeof ACDataModule.Template>;

/**
 * The templating engine (with adaptive-expressions and its parser, ~200 ms and ~15 MB) is
 * required on first use rather than when this module loads, so the server answers /healthz
 * sooner; `preloadTemplates` loads it just after the server starts listening, so no turn waits
 * for it. A plain require, as in storage/createStore.ts.
 */
let engine: typeof ACDataModule | undefined;
function acData(): typeof ACDataModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (engine ??= require('adaptivecards-templating') as typeof ACDataModule);
}

export const CARDS_DIR = path.resolve(__dirname, '..', '..', 'adaptiveCards');

/** An Adaptive Card as JSON. Kept structural so the domain never needs the SDK's types. */
export type AdaptiveCard = { type: 'AdaptiveCard'; version: string; body?: unknown[]; actions?: unknown[] } & Record<string, unknown>;

/** Each template parsed once, expanded by compiledTemplate.ts (the engine's own `expand` if that cannot compile it). */
const cache = new Map<string, CompiledTemplate>();

function template(name: string): CompiledTemplate {
  let t = cache.get(name);
  if (!t) {
    const file = path.join(CARDS_DIR, `${name}.json`);
    const engine = acData();
    const parsed: Template = new engine.Template(JSON.parse(fs.readFileSync(file, 'utf8')));
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded by the engine already
    t = compile(parsed, engine, require('adaptive-expressions') as typeof AELModule) ?? ((data) => parsed.expand({ $root: data }));
    cache.set(name, t);
  }
  return t;
}

/** Loads the templating engine and reads every template now (called once the server listens). */
export function preloadTemplates(): void {
  for (const name of templateNames()) template(name);
}

export function renderCard(name: string, data: object): AdaptiveCard {
  const card = inertTextFunctions(template(name)(data) as AdaptiveCard);
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

/**
 * Breaks every `{{` in text the renderer formats, so user text such as `{{DATE(2020-01-01T00:00:00Z)}}`
 * shows as typed instead of as a date: Adaptive Cards' text functions run on TextBlock and
 * TextRun text and on fact titles and values, after templating (so `${…}` in data is already
 * inert, but `{{…}}` is not). None of our templates use text functions, so the whole card can be
 * treated. Input values are left alone: they are what the user typed and will submit again.
 */
export function inertTextFunctions<T>(node: T, depth = 0): T {
  if (depth > 40 || node === null || typeof node !== 'object' || sealed.has(node)) return node;
  if (Array.isArray(node)) {
    for (const v of node as unknown[]) inertTextFunctions(v, depth + 1);
    return node;
  }
  const o = node as Record<string, unknown>;
  if ((o.type === 'TextBlock' || o.type === 'TextRun') && typeof o.text === 'string') o.text = breakBraces(o.text);
  if (o.type === 'RichTextBlock' && Array.isArray(o.inlines)) {
    o.inlines = o.inlines.map((x: unknown) => (typeof x === 'string' ? breakBraces(x) : x));
  }
  if (o.type === 'FactSet' && Array.isArray(o.facts)) {
    for (const f of o.facts as Record<string, unknown>[]) {
      if (f && typeof f.title === 'string') f.title = breakBraces(f.title);
      if (f && typeof f.value === 'string') f.value = breakBraces(f.value);
    }
  }
  for (const v of Object.values(o)) if (v && typeof v === 'object') inertTextFunctions(v, depth + 1);
  return node;
}

/** Treated and frozen (sealTreated): nothing in them can change, so the guard need not walk them again. */
const sealed = new WeakSet<object>();

/**
 * Treats `value` (inertTextFunctions) and freezes it, deep, for a part shared between
 * responses (a kept search result): the adapter's guard, run on every response, then skips it
 * rather than walking it again each time, and nothing can change it after it was treated.
 */
export function sealTreated<T extends object>(value: T): T {
  inertTextFunctions(value);
  const freeze = (v: unknown): void => {
    if (v === null || typeof v !== 'object' || Object.isFrozen(v)) return;
    Object.freeze(v);
    for (const x of Object.values(v)) freeze(x);
  };
  freeze(value);
  sealed.add(value);
  return value;
}

function breakBraces(s: string): string {
  return s.includes('{{') ? s.replace(/\{(?=\{)/g, `{${WJ}`) : s;
}
