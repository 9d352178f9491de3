/**
 * The adapter reuses its Connector client across turns (src/teams/connectorClients.ts): turns
 * from different users and conversations on one serviceUrl get the same client, another
 * serviceUrl its own, and every reply still reaches its Connector. Over HTTP: a restify server
 * passing activities to the adapter trustline builds, and two Connector stand-ins.
 */
import { strict as assert } from 'node:assert';
import type { AddressInfo } from 'node:net';
import '../../src/server/quietHttpParserWarning';
import restify from 'restify';
import type { TurnContext } from 'botbuilder';
import { createAdapter } from '../../src/teams/adapter';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import { ConnectorStub } from '../support/connector';
import { people, personalMessage, persona } from '../support/activities';

describe('Connector clients reused across turns (teams/connectorClients.ts)', () => {
  let server: restify.Server;
  let url = '';
  let stubs: ConnectorStub[] = [];
  const clients: { serviceUrl: string; client: unknown; userTokenClient: unknown }[] = [];

  before(async () => {
    stubs = [await ConnectorStub.start(), await ConnectorStub.start()];
    const adapter = createAdapter(loadConfig({}), createLogger('silent'));
    server = restify.createServer({ handleUncaughtExceptions: false });
    server.use(restify.plugins.bodyParser({ mapParams: false }));
    server.post('/api/messages', async (req, res) => {
      await adapter.process(req, res, async (context: TurnContext) => {
        clients.push({
          serviceUrl: context.activity.serviceUrl,
          client: context.turnState.get(adapter.ConnectorClientKey),
          userTokenClient: context.turnState.get(adapter.UserTokenClientKey),
        });
        await context.sendActivity(`echo ${context.activity.text ?? ''}`);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
  });

  after(async () => {
    server?.close();
    await Promise.all(stubs.map((s) => s.close()));
  });

  it('one client per serviceUrl, replies delivered to each', async () => {
    const users = [people.teacher, people.otherTeacher, persona('third', 'Third Person')];
    const turns = [
      ...users.map((from, i) => ({ serviceUrl: stubs[0].url, from, text: `first ${i}` })),
      ...users.map((from, i) => ({ serviceUrl: stubs[1].url, from, text: `second ${i}` })),
      { serviceUrl: stubs[0].url, from: users[0], text: 'again' },
    ];
    // Concurrently, as turns arrive: the first client's creation is shared, not raced.
    const statuses = await Promise.all(turns.map(async (t) => (await fetch(url, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(personalMessage(t.text, t)),
    })).status));
    assert.deepEqual(statuses, turns.map(() => 200));

    const on = (serviceUrl: string) => clients.filter((c) => c.serviceUrl === serviceUrl);
    const first = on(stubs[0].url);
    const second = on(stubs[1].url);
    assert.equal(first.length, 4);
    assert.equal(second.length, 3);
    assert.ok(first[0].client, 'the turn has a Connector client');
    for (const c of first) assert.equal(c.client, first[0].client, 'same serviceUrl, same client');
    for (const c of second) assert.equal(c.client, second[0].client, 'same serviceUrl, same client');
    assert.notEqual(first[0].client, second[0].client, 'another serviceUrl, another client');
    for (const c of clients) assert.equal(c.userTokenClient, clients[0].userTokenClient, 'one user token client for the one app');

    const replies = (stub: ConnectorStub) => stub.requests.filter((r) => r.method === 'POST' && /\/activities\//.test(r.path))
      .map((r) => (r.body as { text?: string }).text).sort();
    assert.deepEqual(replies(stubs[0]), ['echo again', 'echo first 0', 'echo first 1', 'echo first 2']);
    assert.deepEqual(replies(stubs[1]), ['echo second 0', 'echo second 1', 'echo second 2']);
  });
});
