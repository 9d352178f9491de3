/**
 * Helpers for the reports integration tests: reading the cards the bot returns (inputs,
 * errors, actions), and valid and invalid answers for every shipped kind, generated from the
 * kind definitions so a new field is covered without editing the tests.
 */
import { loadKinds, FieldDefinition, KindDefinition } from '../../src/domain/reports/kinds';
import { formFields, timeKey } from '../../src/domain/reports/fields';

export const kinds = loadKinds();
export const SCHOOLS = [
  { id: 'cronton', name: 'Cronton CE Primary School' },
  { id: 'beacon', name: 'The Beacon CE Primary School' },
  { id: 'st-james', name: 'St James CE Primary School' },
];
export const PUPIL = 'Jamie Pupilname';

export type Card = Record<string, unknown> & { body?: unknown[]; actions?: unknown[] };
export interface InvokeBody { statusCode: number; type: string; value: unknown }

export function kind(id: string): KindDefinition {
  const k = kinds.get(id);
  if (!k) throw new Error(`no kind ${id}`);
  return k;
}

/** Every object in a card, depth first. */
export function walk(node: unknown, visit: (o: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    visit(node as Record<string, unknown>);
    Object.values(node).forEach((v) => walk(v, visit));
  }
}

/** Like walk, but skips elements hidden with `isVisible: false` (and everything in them). */
export function walkShown(node: unknown, visit: (o: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walkShown(n, visit));
  else if (node && typeof node === 'object') {
    if ((node as Record<string, unknown>).isVisible === false) return;
    visit(node as Record<string, unknown>);
    Object.values(node).forEach((v) => walkShown(v, visit));
  }
}

/** What a person can read on the card (hidden elements left out). */
export function cardText(card: unknown): string {
  const out: string[] = [];
  walkShown(card, (o) => {
    if (typeof o.text === 'string') out.push(o.text);
    if (typeof o.title === 'string') out.push(o.title);
    if (typeof o.value === 'string' && o.type === undefined && typeof o.title === 'string') out.push(o.value);
    if (typeof o.label === 'string') out.push(o.label);
  });
  return out.join('\n');
}

/** Text Teams reads as markdown: TextBlocks and facts. */
export function markdownText(card: unknown): string {
  const out: string[] = [];
  walk(card, (o) => {
    if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
    if (o.type === undefined && typeof o.title === 'string' && typeof o.value === 'string') out.push(o.title, o.value);
  });
  return out.join('\n');
}

/** Text of RichTextBlock TextRuns, which Teams never reads as markdown. */
export function plainRuns(card: unknown): string[] {
  const out: string[] = [];
  walk(card, (o) => {
    if (o.type === 'TextRun' && typeof o.text === 'string') out.push(o.text);
  });
  return out;
}

/** Data of the (first) action whose verb is `verb` (Action.Execute `verb` or Action.Submit `data.verb`). */
export function actionData(card: unknown, verb: string, where: (d: Record<string, unknown>) => boolean = () => true): Record<string, unknown> {
  let found: Record<string, unknown> | undefined;
  walk(card, (o) => {
    if (found || (o.type !== 'Action.Execute' && o.type !== 'Action.Submit')) return;
    const data = (o.data ?? {}) as Record<string, unknown>;
    if ((o.verb === verb || data.verb === verb) && where(data)) found = data;
  });
  if (!found) throw new Error(`no ${verb} action in card: ${JSON.stringify(card).slice(0, 400)}`);
  return found;
}

export function actionTypes(card: unknown): Set<string> {
  const types = new Set<string>();
  walk(card, (o) => {
    if (typeof o.type === 'string' && o.type.startsWith('Action.')) types.add(o.type);
  });
  return types;
}

/** Input values by id, as the card would show them. */
export function inputs(card: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  walk(card, (o) => {
    if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string') out[o.id] = typeof o.value === 'string' ? o.value : '';
  });
  return out;
}

/** Error text shown under each input, by input id (the Attention TextBlock in the field's container). */
export function fieldErrors(card: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  walk(card, (o) => {
    if (o.type !== 'Container' || !Array.isArray(o.items)) return;
    const items = o.items as Record<string, unknown>[];
    const input = items.find((i) => typeof i.type === 'string' && i.type.startsWith('Input.'));
    const error = items.find((i) => i.type === 'TextBlock' && i.color === 'Attention' && i.isVisible !== false);
    if (input && error) out[input.id as string] = error.text as string;
  });
  return out;
}

export function invokeCard(body: unknown): Card {
  const b = body as InvokeBody;
  if (b?.type !== 'application/vnd.microsoft.card.adaptive') throw new Error(`not a card response: ${JSON.stringify(body).slice(0, 300)}`);
  return b.value as Card;
}

export function dialogCard(body: unknown): Card {
  const b = body as { task?: { type: string; value?: { card?: { content?: Card } } } };
  if (b?.task?.type !== 'continue' || !b.task.value?.card?.content) throw new Error(`not a dialog card: ${JSON.stringify(body).slice(0, 300)}`);
  return b.task.value.card.content;
}

const COMMON_VALID: Record<string, string> = {
  school: 'cronton', immediateRisk: 'no', toldDsl: 'no', happenedAt: '2026-11-24', [timeKey('happenedAt')]: '16:30', evidenceHeld: 'yes', concernsTriager: 'no',
};

/** A complete, valid answer for each shipped kind (the pupil's name where the kind has one). */
export const VALID: Record<string, Record<string, string>> = {
  'pupil-connection': {
    direction: 'pupil-to-staff', approached: 'Alex Teacher', pupilName: PUPIL, yearGroup: 'y6', platform: 'instagram', profileName: 'jamie_p_2015',
    whatHappened: `A follow request from ${PUPIL} arrived at 16:30. [click](http://evil.example) *not bold*`, actionTaken: 'declined,blocked',
  },
  'media-contact': {
    outlet: 'Liverpool Echo', journalist: 'Riley Reporter', contactDetails: 'riley@echo.example', contactMethod: 'email',
    whatAsked: `Asked about the trip photo of ${PUPIL}.`, deadline: '2026-11-27', [timeKey('deadline')]: '17:00', anyoneReplied: 'passed-on-only',
    replyDetails: 'Said it would be passed on.', postUrl: 'https://x.com/crontonpe/status/1',
  },
  'parent-connection': {
    requesterName: 'Casey Parent', relationship: 'parent', pupilName: PUPIL, yearGroup: 'y4', platform: 'facebook', actionTaken: 'declined', whatHappened: 'A friend request with a short message.',
  },
  'colleague-abuse': {
    colleagueName: 'Sam Other', perpetratorType: 'parent', perpetratorName: 'an anonymous account', platform: 'facebook',
    whatHappened: `Abusive comments about Sam under a post, naming ${PUPIL}.`, postUrl: 'facebook.com/groups/1/posts/2', colleagueAware: 'yes',
  },
  'pupil-communication': {
    staffName: 'Alex Teacher', pupilName: PUPIL, pupilStatus: 'former-under-18', yearGroup: 'former', platform: 'snapchat', initiatedBy: 'pupil',
    whatHappened: `${PUPIL} messaged me on Snapchat asking for help with homework.`, actionTaken: 'Did not reply; blocked.',
  },
  'new-account': {
    platform: 'instagram', accountName: '@CrontonPE', aim: 'Share PE results and fixtures.', audience: 'Parents and the local community.',
    promotion: 'Newsletter and website.', runBy: 'Alex Teacher\nSam Other', visibility: 'closed', trained: 'yes',
  },
};

export function validAnswers(kindId: string): Record<string, string> {
  const k = kind(kindId);
  const ids = new Set(formFields(k, SCHOOLS).flatMap((f) => [f.id, timeKey(f.id)]));
  return Object.fromEntries(Object.entries({ ...COMMON_VALID, ...VALID[kindId] }).filter(([id]) => ids.has(id)));
}

/** An answer that the server must refuse for this field, with the error it should say. */
export function invalidAnswer(f: FieldDefinition): { values: Record<string, string>; error: RegExp } {
  switch (f.type) {
    case 'text': case 'longtext': return { values: { [f.id]: 'x'.repeat((f.maxLength ?? 0) + 1) }, error: /Keep this to \d+ characters/ };
    case 'person': return f.multiple
      ? { values: { [f.id]: 'Only One' }, error: /Name at least 2 people/ }
      : { values: { [f.id]: 'A'.repeat((f.maxLength ?? 0) + 1) }, error: /at most \d+ characters/ };
    case 'choice': return { values: { [f.id]: 'not-an-option' }, error: /Choose one of the options/ };
    case 'boolean': return { values: { [f.id]: 'perhaps' }, error: /Answer yes or no/ };
    case 'multichoice': return { values: { [f.id]: `${f.options?.[0].value},not-an-option` }, error: /Choose from the options/ };
    case 'url': return { values: { [f.id]: 'javascript:alert(1)' }, error: /https:\/\// };
    case 'date': case 'datetime': return f.when === 'past'
      ? { values: { [f.id]: '2026-12-25', ...(f.type === 'datetime' ? { [timeKey(f.id)]: '10:00' } : {}) }, error: /future/ }
      : { values: { [f.id]: '2099-01-01' }, error: /too far ahead/ };
  }
}
