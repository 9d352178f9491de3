/**
 * The official Adaptive Cards renderer (adaptivecards 3.0.6) running in Node over jsdom, for
 * tests that need to know a card really renders: the template files and the cards the bot
 * produces at run time. No current Adaptive Card JSON schema ships on npm, so the renderer's
 * own parser and validator are the check. (TOOLCHAIN.md's recipe puts jsdom's classes on
 * globalThis; this runs the same browser build inside the jsdom window instead, see renderer().)
 *
 *   import { validateCard } from '../support/acRenderer';
 *   assert.deepEqual(validateCard(card), []);
 */
import fs from 'node:fs';

// jsdom ships no types for v29 and @types/jsdom pulls in the DOM lib: declare what is used.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { JSDOM } = require('jsdom') as { JSDOM: new (html: string, options: Record<string, unknown>) => { window: unknown } };

/** The highest Adaptive Card version Teams renders. */
export const MAX_TEAMS_CARD_VERSION = '1.5';

// The parts of the adaptivecards API used here. Its own .d.ts needs the DOM lib, which this
// Node project does not load, so the shapes are declared locally.
interface ValidationEvent { event: number; message: string }
interface RenderedElement { textContent: string | null; outerHTML: string }
interface SerializationContext { eventCount: number; getEventAt(i: number): ValidationEvent }
interface AdaptiveCardInstance {
  hostConfig: unknown;
  parse(json: unknown, context?: SerializationContext): void;
  validateProperties(): { validationEvents: ValidationEvent[] };
  render(): RenderedElement | undefined;
}
interface MarkdownResult { didProcess: boolean; outputHtml?: string }
interface AdaptiveCardsModule {
  AdaptiveCard: { new(): AdaptiveCardInstance; onProcessMarkdown?: (text: string, result: MarkdownResult) => void };
  SerializationContext: new () => SerializationContext;
  HostConfig: new (json: unknown) => unknown;
  ValidationEvent: Record<number, string>;
}

// Host settings that differ from the renderer's defaults and matter for validation.
const TEAMS_HOST_CONFIG = {
  supportsInteractivity: true,
  // Teams shows up to six top-level actions (the renderer's default is five).
  actions: { maxActions: 6 },
};

let loaded: { ac: AdaptiveCardsModule; window: { JSON: JSON } } | undefined;

/**
 * Loads the renderer's browser build inside a jsdom window (once). The bundle is evaluated in
 * the window's own context, so `window`, `document` and the HTML element classes it uses are
 * jsdom's without being put on Node's globalThis, where they would make libraries in other
 * tests of the same mocha process think they run in a browser; and work the renderer defers
 * (a Media poster, for one) still finds its document later.
 */
function renderer(): { ac: AdaptiveCardsModule; window: { JSON: JSON } } {
  if (loaded) return loaded;
  const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true, runScripts: 'outside-only' });
  const window = dom.window as unknown as { eval(code: string): unknown; HTMLElement: { prototype: object }; JSON: JSON; AdaptiveCards?: AdaptiveCardsModule };
  // jsdom has no layout, so no innerText; the renderer sets text through it.
  Object.defineProperty(window.HTMLElement.prototype, 'innerText', {
    configurable: true,
    get(this: { textContent: string | null }) { return this.textContent ?? ''; },
    set(this: { textContent: string | null }, v: string) { this.textContent = v; },
  });
  // The UMD bundle, run where there is no `module`, defines window.AdaptiveCards.
  window.eval(fs.readFileSync(require.resolve('adaptivecards/dist/adaptivecards.js'), 'utf8'));
  const ac = window.AdaptiveCards;
  if (!ac?.AdaptiveCard) throw new Error('adaptivecards/dist/adaptivecards.js did not define AdaptiveCards');
  // Teams renders a markdown subset; here the text is kept literal (HTML-escaped) so rendered
  // text can be asserted on, and the renderer does not warn that markdown is off.
  ac.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
    result.didProcess = true;
  };
  loaded = { ac, window };
  return loaded;
}

function compareVersions(a: string, b: string): number {
  const [amaj, amin] = a.split('.').map(Number);
  const [bmaj, bmin] = b.split('.').map(Number);
  return amaj !== bmaj ? amaj - bmaj : amin - bmin;
}

export interface RenderedCard {
  /** Problems found; empty when the card is fine for Teams. */
  errors: string[];
  /** The rendered card's text, for assertions on what a person would read. */
  text: string;
}

/** Parses, validates and renders a card with the official renderer under Teams' host settings. */
export function renderCard(cardJson: unknown): RenderedCard {
  const errors: string[] = [];
  if (typeof cardJson !== 'object' || cardJson === null || Array.isArray(cardJson)) {
    return { errors: ['the card is not a JSON object'], text: '' };
  }
  const json = cardJson as Record<string, unknown>;
  if (json.type !== 'AdaptiveCard') errors.push(`type must be "AdaptiveCard" (got ${JSON.stringify(json.type)})`);
  if (typeof json.version !== 'string' || !/^\d+\.\d+$/.test(json.version)) {
    errors.push(`version must be a string like "1.5" (got ${JSON.stringify(json.version)})`);
  } else if (compareVersions(json.version, MAX_TEAMS_CARD_VERSION) > 0) {
    errors.push(`version ${json.version} is above ${MAX_TEAMS_CARD_VERSION}, the highest Teams renders`);
  }

  const { ac, window } = renderer();
  // Objects from the window's own realm, so the renderer's type checks behave as in a browser.
  const rendered = parseAndRender(ac, window.JSON.parse(JSON.stringify(json)) as Record<string, unknown>);
  return { errors: [...errors, ...rendered.errors], text: rendered.text };
}

function parseAndRender(ac: AdaptiveCardsModule, json: Record<string, unknown>): RenderedCard {
  const errors: string[] = [];
  const card = new ac.AdaptiveCard();
  card.hostConfig = new ac.HostConfig(TEAMS_HOST_CONFIG);
  const context = new ac.SerializationContext();
  card.parse(json, context);
  const name = (e: ValidationEvent) => ac.ValidationEvent[e.event] ?? `event ${e.event}`;
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    errors.push(`parse: ${name(e)}: ${e.message}`);
  }
  for (const e of card.validateProperties().validationEvents) errors.push(`validate: ${name(e)}: ${e.message}`);
  let text = '';
  try {
    const element = card.render();
    if (!element) errors.push('render: the renderer produced nothing');
    else text = element.textContent ?? '';
  } catch (err) {
    errors.push(`render: ${err instanceof Error ? err.message : String(err)}`);
  }
  return { errors, text };
}

/** Error strings for a card (an empty array means it parses, validates and renders). */
export function validateCard(cardJson: unknown): string[] {
  return renderCard(cardJson).errors;
}

// The parts of a rendered card used to try it like a person would.
interface LiveElement { isVisible: boolean; renderedElement?: { style: { display: string } } }
interface LiveCard extends AdaptiveCardInstance { getElementById(id: string): LiveElement | undefined }
interface DomNode { textContent: string | null; click(): void; querySelectorAll(selector: string): ArrayLike<DomNode> }

export interface LiveRenderedCard {
  /** Visible button titles, in order. */
  buttons(): string[];
  /** Clicks the visible button whose text is `title` (the nth of them), as a person would. */
  click(title: string, nth?: number): void;
  /** Whether the element with this id is shown: its own visibility and its rendered style. */
  isVisible(id: string): boolean;
}

/**
 * Renders a card and keeps it live, so a test can press its buttons (Action.ToggleVisibility,
 * Action.ShowCard run in the renderer itself) and see what changes.
 */
export function renderLive(cardJson: unknown): LiveRenderedCard {
  const { ac, window } = renderer();
  const card = new ac.AdaptiveCard() as LiveCard;
  card.hostConfig = new ac.HostConfig(TEAMS_HOST_CONFIG);
  card.parse(window.JSON.parse(JSON.stringify(cardJson)));
  const root = card.render() as unknown as DomNode | undefined;
  if (!root) throw new Error('the renderer produced nothing');
  const shownButtons = (): DomNode[] => Array.from(root.querySelectorAll('button'))
    .filter((b) => !hiddenInDom(b as unknown as DomWithParent));
  return {
    buttons: () => shownButtons().map((b) => (b.textContent ?? '').trim()),
    click(title, nth = 0) {
      const matching = shownButtons().filter((b) => (b.textContent ?? '').trim() === title);
      if (!matching[nth]) throw new Error(`no visible button "${title}" (visible: ${shownButtons().map((b) => b.textContent).join(', ')})`);
      matching[nth].click();
    },
    isVisible(id) {
      const e = card.getElementById(id);
      if (!e) throw new Error(`no element with id "${id}"`);
      return e.isVisible && e.renderedElement?.style.display !== 'none';
    },
  };
}

interface DomWithParent { style?: { display: string }; parentElement: DomWithParent | null }
/** Hidden when it or any ancestor has display: none (jsdom has no layout to ask). */
function hiddenInDom(node: DomWithParent | null): boolean {
  for (let n = node; n; n = n.parentElement) if (n.style?.display === 'none') return true;
  return false;
}
