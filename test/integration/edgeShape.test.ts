/**
 * The activity shape checked at the edge: every field the bot reads, with its type, answered
 * 400 naming the field; a known invoke with a malformed value 400; an unknown invoke 501. Then
 * a seeded, structure-aware fuzz: valid activities of every kind with fields replaced by wrong
 * types, huge strings, odd ids and expression-like text, sent over HTTP: no 5xx, no hang,
 * /healthz healthy after and a report filed before still there.
 */
import { strict as assert } from 'node:assert';
import { startHarness, Harness } from '../support/harness';
import {
  actionExecute, botInstalled, channelMessage, messageExtensionFetchTask, messageExtensionQuery, messageExtensionSubmit, messagePayload,
  people, personalMessage, taskFetch, invoke,
} from '../support/activities';
import { COMMAND_IDS } from '../../src/teams/commandIds';
import { fileReport, routingEnv, writeDirectory, CHANNELS } from './routingSupport';
import { htmlToText } from '../../src/teams/handlers/reportMessage';

type Json = Record<string, unknown>;
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

function setPath(o: Json, path: string, v: unknown): Json {
  const keys = path.split('.');
  let cur: Json = o;
  for (const k of keys.slice(0, -1)) {
    if (typeof cur[k] !== 'object' || cur[k] === null) cur[k] = {};
    cur = cur[k] as Json;
  }
  if (v === undefined) delete cur[keys[keys.length - 1]];
  else cur[keys[keys.length - 1]] = v;
  return o;
}

/** mulberry32: small, seeded, the same sequence on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('activity shape at the edge', function () {
  this.timeout(120_000);
  let h: Harness;
  const opts = () => ({ serviceUrl: h.serviceUrl, from: people.teacher });
  before(async () => {
    h = await startHarness({ env: routingEnv(writeDirectory()) });
  });
  after(async () => h?.close());

  const table: [string, () => Json, RegExp][] = [
    ['text a number', () => setPath(personalMessage('help', opts()), 'text', 42), /"text" must be a string/],
    ['text an object', () => setPath(personalMessage('help', opts()), 'text', { a: 1 }), /"text" must be a string/],
    ['from.id a number', () => setPath(personalMessage('help', opts()), 'from.id', 7), /"from.id" must be a string/],
    ['from.id too long', () => setPath(personalMessage('help', opts()), 'from.id', 'x'.repeat(600)), /"from.id" is longer than 512/],
    ['from.aadObjectId an array', () => setPath(personalMessage('help', opts()), 'from.aadObjectId', ['a']), /"from.aadObjectId" must be a string/],
    ['recipient.id a number', () => setPath(personalMessage('help', opts()), 'recipient.id', 1), /"recipient.id" must be a string/],
    ['channelId an object', () => setPath(personalMessage('help', opts()), 'channelId', {}), /"channelId" must be a string/],
    ['conversation.id missing', () => setPath(personalMessage('help', opts()), 'conversation.id', undefined), /no "conversation.id"/],
    ['conversation a string', () => setPath(personalMessage('help', opts()), 'conversation', 'c'), /"conversation" must be an object/],
    ['channelData.team.id a number', () => setPath(channelMessage('help', { ...opts(), ...CHANNELS.cronton }), 'channelData.team.id', 5), /"channelData.team.id" must be a string/],
    ['entities not an array', () => setPath(personalMessage('help', opts()), 'entities', 'x'), /"entities" must be an array/],
    ['invoke without a name', () => setPath(actionExecute('help.ask', {}, opts()), 'name', undefined), /invoke must have a "name"/],
    ['invoke name a number', () => setPath(actionExecute('help.ask', {}, opts()), 'name', 3), /invoke must have a "name"/],
    ['card action without value', () => setPath(actionExecute('help.ask', {}, opts()), 'value', undefined), /"adaptiveCard\/action" needs a "value" object/],
    ['card action value a string', () => setPath(actionExecute('help.ask', {}, opts()), 'value', 'x'), /needs a "value" object/],
    ['card action without action', () => setPath(actionExecute('help.ask', {}, opts()), 'value.action', undefined), /"value.action" must be an object/],
    ['card action verb a number', () => setPath(actionExecute('help.ask', {}, opts()), 'value.action.verb', 9), /"value.action.verb" must be a string/],
    ['card action data a string', () => setPath(actionExecute('help.ask', {}, opts()), 'value.action.data', 'x'), /"value.action.data" must be an object/],
    ['query parameters an object', () => setPath(messageExtensionQuery(COMMAND_IDS.searchPolicy, { q: 'x' }, opts()), 'value.parameters', {}), /"value.parameters" must be an array/],
    ['submitAction commandId missing', () => setPath(messageExtensionSubmit(COMMAND_IDS.reportMessage, {}, undefined, opts()), 'value.commandId', undefined), /"value.commandId" must be a string/],
    ['fetchTask messagePayload body content a number', () => setPath(messageExtensionFetchTask(COMMAND_IDS.reportMessage, messagePayload('hi', people.teacher), opts()), 'value.messagePayload.body.content', 1), /body.content" must be a string/],
  ];
  for (const [label, make, message] of table) {
    it(`answers 400 naming the field: ${label}`, async () => {
      const res = await h.send<{ error: string }>(make());
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.match(res.body.error, message);
    });
  }

  it('answers an unknown invoke 501 and a well-formed one 200', async () => {
    assert.equal((await h.send(invoke('config/fetch', {}, opts()))).status, 501);
    assert.equal((await h.send(invoke('something/else', 'x', opts()))).status, 501);
    assert.equal((await h.send(actionExecute('help.ask', {}, opts()))).status, 200);
  });

  it('decodes out-of-range HTML entities in "Report this message" without throwing', () => {
    assert.equal(htmlToText('<p>&#99999999; &#x110000; &#xD800; &#65;</p>'), '&#99999999; &#x110000; &#xD800; A');
  });

  // `npm test`: 2,000; `npm run fault`: TRUSTLINE_FUZZ_ACTIVITIES=10000.
  const FUZZ = Number(process.env.TRUSTLINE_FUZZ_ACTIVITIES ?? 2000);
  it(`survives a seeded fuzz of ${FUZZ} activities: no 5xx, no hang, healthy after, nothing stored lost`, async function () {
    this.timeout(60_000 + FUZZ * 100);
    const ref = await fileReport(h, 'pupil-connection');
    const before = await h.bot.services.reports.repository.get(ref);
    assert.ok(before);
    const random = rng(20261202);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
    const bases: (() => Json)[] = [
      () => personalMessage(pick(['help', 'report', 'my reports', 'can I follow a pupil on instagram?', '']), opts()),
      () => channelMessage(pick(['help', 'open alerts', 'link cronton']), { ...opts(), ...CHANNELS.cronton }),
      () => actionExecute(pick(['report.start', 'report.review', 'report.submit', 'triage.view', 'triage.open', 'help.ask', 'answer.choose', 'nope']), { kind: 'pupil-connection', ref }, opts()),
      () => messageExtensionQuery('searchPolicy', { query: 'phone' }, opts()),
      () => messageExtensionFetchTask(COMMAND_IDS.reportMessage, messagePayload('hello &#99999999; <b>x</b>', people.teacher), opts()),
      () => messageExtensionSubmit(COMMAND_IDS.reportMessage, { school: 'cronton' }, messagePayload('hi', people.teacher), opts()),
      () => taskFetch({ verb: 'x' }, opts()),
      () => botInstalled(opts()),
    ];
    const paths = [
      'text', 'id', 'replyToId', 'channelId', 'locale', 'name', 'value', 'value.action', 'value.action.verb', 'value.action.data', 'value.action.data.ref',
      'value.action.data.kind', 'value.action.data.pupilName', 'value.commandId', 'value.parameters', 'value.data', 'value.messagePayload', 'value.messagePayload.body',
      'value.messagePayload.body.content', 'value.messagePayload.from', 'from', 'from.id', 'from.aadObjectId', 'from.name', 'recipient', 'recipient.id',
      'conversation', 'conversation.id', 'conversation.tenantId', 'conversation.conversationType', 'channelData', 'channelData.tenant', 'channelData.tenant.id',
      'channelData.team', 'channelData.team.id', 'channelData.channel.id', 'entities', 'membersAdded', 'attachments', 'timestamp', 'type',
    ];
    const values: (() => unknown)[] = [
      () => undefined, () => null, () => 0, () => -1, () => 1e308, () => true, () => '', () => [], () => {}, () => ({}), () => [{}], () => [1, 'a'],
      () => 'x'.repeat(Math.floor(random() * 3000)), () => '{{DATE(2020-01-01T00:00:00Z)}}', () => '${$root}', () => '\u0000\ud800', () => '&#99999999;',
      () => ({ id: 5 }), () => ({ verb: 'report.submit', ref: 'XX-2026-0001' }), () => '__proto__', () => ({ __proto__: { polluted: true } }), () => people.head.aadObjectId,
    ];
    const activities: Json[] = [];
    for (let i = 0; i < FUZZ; i++) {
      const a = clone(pick(bases)());
      const n = 1 + Math.floor(random() * 3);
      for (let j = 0; j < n; j++) setPath(a, pick(paths), pick(values)());
      activities.push(a);
    }
    const statuses = new Map<number, number>();
    const fiveHundreds: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < activities.length) {
        const a = activities[next++];
        const res = await fetch(`${h.bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(a), signal: AbortSignal.timeout(10_000) });
        await res.text();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 500 && res.status !== 501) fiveHundreds.push(JSON.stringify(a).slice(0, 2000));
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    assert.deepEqual(fiveHundreds, [], `5xx for: ${fiveHundreds.slice(0, 3).join('\n')}`);
    const total = [...statuses.values()].reduce((x, y) => x + y, 0);
    assert.equal(total, FUZZ, 'every request answered (none hung)');
    const health = await h.get('/healthz');
    assert.equal(health.status, 200);
    assert.equal((health.body as { serverErrors: number }).serverErrors, 0);
    const after = await h.bot.services.reports.repository.get(ref);
    assert.deepEqual(after?.report.fields, before.report.fields, 'the report filed before is intact');
    assert.ok(({} as Record<string, unknown>).polluted === undefined);
    console.log(`      fuzz statuses (${FUZZ}): ${JSON.stringify(Object.fromEntries(statuses))}`);
  });
});
