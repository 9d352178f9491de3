/**
 * An outgoing activity's body built in one pass (src/teams/activityBody.ts): the same JSON value
 * the Connector client's own serializer gives, for every card trustline renders and for the
 * activity shapes the models allow; anything it cannot prove identical is left to that serializer;
 * and a Connector client wrapped with it sends the same body over HTTP without walking the model.
 */
import { strict as assert } from 'node:assert';
import { CardFactory, type Activity } from 'botbuilder';
import { ConnectorClient, MicrosoftAppCredentials } from 'botframework-connector';
import * as Mappers from 'botframework-connector/lib/connectorApi/models/mappers';
import { createSerializer, type Mapper } from '@azure/core-client';
import { plainActivity, serialiseActivitiesOnce } from '../../src/teams/activityBody';
import { renderCard, templateNames } from '../../src/cards/render';
import { CARDS_DIR } from '../../src/cards/render';
import fs from 'node:fs';
import path from 'node:path';
import { ConnectorStub } from '../support/connector';

const serializer = createSerializer(Mappers as unknown as Record<string, Mapper>);
const activityMapper = { ...(Mappers.Activity as Mapper), required: true } as Mapper;
/** What the generated client puts on the wire, as a JSON value. */
const sdkJson = (a: unknown): unknown => JSON.parse(JSON.stringify(serializer.serialize(activityMapper, a, 'activity')));
const oursJson = (a: unknown): unknown => {
  const p = plainActivity(a);
  assert.ok(p, 'plainActivity declined');
  return JSON.parse(JSON.stringify(p));
};

/** A reply as botbuilder hands it to the client: the conversation reference applied. */
function reply(extra: Partial<Activity>): Partial<Activity> {
  return {
    type: 'message', serviceUrl: 'https://smba.example/', channelId: 'msteams', locale: 'en-GB', replyToId: 'in-1', inputHint: 'acceptingInput',
    from: { id: '28:trustline-bot', name: 'trustline' },
    recipient: { id: '29:teacher', name: 'Alex Teacher', aadObjectId: '00000000-0000-4000-8000-746561636865' },
    conversation: { id: 'a:personal-1', name: '', conversationType: 'personal', tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47', isGroup: false },
    ...extra,
  };
}

function sampleCards(): { name: string; card: object }[] {
  return templateNames().map((name) => {
    const file = path.join(CARDS_DIR, 'samples', `${name}.data.json`);
    const data = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) as object : {};
    return { name, card: renderCard(name, data) };
  });
}

describe('outgoing activity bodies in one pass (teams/activityBody.ts)', () => {
  it('every card template, as a reply, gives the JSON the client serializer gives, the activity itself unchanged', () => {
    const cards = sampleCards();
    assert.ok(cards.length >= 10);
    for (const { name, card } of cards) {
      const a = reply({ summary: `${name} card`, attachments: [CardFactory.adaptiveCard(card)] });
      assert.deepEqual(oursJson(a), sdkJson(a), name);
      assert.equal(plainActivity(a), a, `${name}: nothing to drop, so not copied`);
    }
  });

  it('the other shapes the models allow: text, entities, members, suggested actions, nulls, empty arrays', () => {
    const shapes: Partial<Activity>[] = [
      reply({ text: 'Sorry, trustline hit a problem.', textFormat: 'plain' }),
      { type: 'typing' },
      reply({ text: 'Hi <at>Alex</at>', entities: [{ type: 'mention', text: '<at>Alex</at>', mentioned: { id: '29:a', name: 'Alex' } }, { type: 'clientInfo', locale: 'en-GB' } as never] }),
      reply({ membersAdded: [{ id: '29:a', name: 'A', role: 'user', properties: { x: [1, { y: null }] } }], membersRemoved: [] }),
      reply({ suggestedActions: { to: ['29:a'], actions: [{ type: 'imBack', title: 'Yes', value: 'yes', channelData: { n: 1 } }] } }),
      reply({ text: 'x', listenFor: ['yes', 'no'], textHighlights: [{ text: 'x', occurrence: 1 }], reactionsAdded: [{ type: 'like' }] }),
      reply({ channelData: { notification: { alert: true }, tenant: { id: 't' } }, value: { status: 200, body: { a: [1, 2] } }, name: 'n', code: 'completedSuccessfully' }),
      reply({ relatesTo: { activityId: '1', user: { id: 'u', name: 'U' }, bot: { id: 'b', name: 'B' }, conversation: { id: 'c', isGroup: true, conversationType: 'groupChat', name: 'C' }, channelId: 'msteams', serviceUrl: 's' } }),
      reply({ text: null as unknown as string, summary: undefined, attachments: [{ contentType: 'image/png', contentUrl: 'https://x/y.png', name: 'y' }] }),
      reply({ historyDisclosed: false, topicName: '', attachmentLayout: 'list', speak: '', importance: 'high', deliveryMode: 'normal', label: 'l', valueType: 'v', action: 'add', callerId: 'c', localTimezone: 'Europe/London' }),
    ];
    for (const a of shapes) assert.deepEqual(oursJson(a), sdkJson(a), JSON.stringify(a).slice(0, 80));
  });

  it('drops what the models do not have, as the client serializer does, copying only what changes', () => {
    const card = { type: 'AdaptiveCard', version: '1.5', body: [], unknownInCard: true };
    const a = {
      ...reply({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card, extra: 1 } as never] }),
      notAnActivityField: 'x', toJSON: () => 'hijack',
      from: { id: '28:bot', name: 'trustline', userPrincipalName: 'bot@example' },
    };
    const ours = plainActivity(a) as Record<string, unknown>;
    assert.deepEqual(JSON.parse(JSON.stringify(ours)), sdkJson(a));
    assert.notEqual(ours, a);
    assert.equal(ours.conversation, a.conversation, 'unchanged parts are not copied');
    assert.equal((ours.attachments as { content: unknown }[])[0].content, card, 'a card (typed Object) is passed through, as the serializer does');
    assert.equal('notAnActivityField' in ours || 'toJSON' in ours, false);
  });

  it('leaves to the client serializer what it cannot prove it writes identically', () => {
    class Account { id = '29:a'; }
    const hidden = reply({});
    Object.defineProperty(hidden, 'text', { value: 'not enumerable', enumerable: false });
    const holed: unknown[] = [];
    holed[1] = { id: 'x' };
    const declined: unknown[] = [
      reply({ timestamp: new Date() }), // a date: the serializer formats it
      reply({ localTimestamp: '2026-12-03T10:00:00+01:00' as unknown as Date }),
      reply({ expiration: new Date() }),
      reply({ text: 5 as unknown as string }), // the serializer throws its own error for these
      reply({ historyDisclosed: 'yes' as unknown as boolean }),
      reply({ attachments: {} as never }),
      reply({ from: new Account() as never }),
      reply({ semanticAction: { id: 's', state: 'start', entities: {} } }), // a dictionary
      reply({ membersAdded: holed as never }), // a hole
      hidden,
      null, 'text', [reply({})],
    ];
    for (const a of declined) assert.equal(plainActivity(a), undefined, JSON.stringify(a)?.slice(0, 80));
  });

  describe('a Connector client', () => {
    let stub: ConnectorStub;
    before(async () => { stub = await ConnectorStub.start(); });
    after(async () => stub.close());

    /** Sends each activity through a client and returns the bodies received and the serializer's walks per send. */
    async function send(wrapped: boolean, activities: Partial<Activity>[]): Promise<{ bodies: unknown[]; walks: number[] }> {
      const client = new ConnectorClient(new MicrosoftAppCredentials('', ''), { baseUri: stub.url });
      if (wrapped) assert.equal(serialiseActivitiesOnce(client), true);
      // Counts the serializer's calls per operation, below the wrap (the generated client's own serializer).
      const inner = (client as unknown as { client: { sendOperationRequest: (args: unknown, spec: { serializer: { serialize: (...a: unknown[]) => unknown } }) => Promise<unknown> } }).client;
      const sendOp = inner.sendOperationRequest.bind(inner);
      let walks = 0;
      inner.sendOperationRequest = async (args, spec) => {
        const s = spec.serializer;
        const serialize = s.serialize;
        s.serialize = function (this: unknown, ...a: unknown[]) { walks++; return serialize.apply(this, a); };
        try { return await sendOp(args, spec); } finally { s.serialize = serialize; }
      };
      const before = stub.requests.length;
      const counts: number[] = [];
      for (const a of activities) {
        walks = 0;
        await client.conversations.replyToActivity('a:personal-1', 'in-1', a as Activity);
        counts.push(walks);
        await client.conversations.sendToConversation('a:personal-1', a as Activity);
      }
      return { bodies: stub.requests.slice(before).map((r) => r.body), walks: counts };
    }

    it('sends the same bodies, without walking the Activity model for a reply', async () => {
      const activities = [
        ...sampleCards().map(({ card }) => reply({ attachments: [CardFactory.adaptiveCard(card)] })),
        reply({ text: 'plain', extraField: 1 } as never),
        reply({ timestamp: new Date('2026-12-03T10:00:00Z') }), // declined: the client's serializer writes it
      ];
      const plainClient = await send(false, activities);
      const once = await send(true, activities);
      assert.equal(once.bodies.length, activities.length * 2);
      assert.deepEqual(once.bodies, plainClient.bodies);
      assert.equal((plainClient.bodies.at(-1) as { timestamp?: string }).timestamp, '2026-12-03T10:00:00.000Z');
      // The body plus a header and two path parameters, against dozens of calls for the model's properties.
      for (const w of once.walks.slice(0, -1)) assert.ok(w <= 5, `walks with the wrap: ${w}`);
      for (const w of plainClient.walks) assert.ok(w > 50, `walks without: ${w}`);
    });
  });
});
