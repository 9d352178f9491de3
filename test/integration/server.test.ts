import { strict as assert } from 'node:assert';
import { startHarness, Harness } from '../support/harness';
import { personalMessage, channelMessage, actionExecute, invoke, botInstalled, people, TENANT_ID } from '../support/activities';

function cardText(activity: { attachments?: { content: unknown }[] }): string {
  return JSON.stringify(activity.attachments?.map((a) => a.content) ?? []);
}

describe('bot service over HTTP (SQLite)', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.close();
  });
  beforeEach(() => h.connector.reset());

  it('answers `help` in 1:1 chat with a card listing the commands, as a reply in that conversation', async () => {
    const activity = personalMessage('help', { serviceUrl: h.serviceUrl });
    const res = await h.send(activity);
    assert.equal(res.status, 200);
    const [reply] = await h.connector.waitForMessages(1);
    assert.equal(reply.conversationId, activity.conversation.id);
    const request = h.connector.requests.find((r) => r.method === 'POST');
    assert.equal(request?.activityId, activity.id, 'sent as a reply to the user\'s message');
    assert.equal(reply.attachments?.[0].contentType, 'application/vnd.microsoft.card.adaptive');
    const card = reply.attachments?.[0].content as { version: string };
    assert.equal(card.version, '1.5');
    for (const command of ['report', 'my reports', 'help']) assert.match(cardText(reply), new RegExp(`"${command}"`));
    // Teams shows `text` above a card, repeating it; the summary is the notification preview and fallback.
    assert.equal(reply.text, undefined);
    assert.equal(reply.summary, 'trustline help');
  });

  it('treats greetings like help', async () => {
    await h.send(personalMessage('Hello!', { serviceUrl: h.serviceUrl }));
    const [reply] = await h.connector.waitForMessages(1);
    assert.match(cardText(reply), /Staff Communication and Social Media Policy/);
  });

  it('welcomes a person who installs the app, and stays quiet when others join a team', async () => {
    await h.send(botInstalled({ serviceUrl: h.serviceUrl }));
    const [welcome] = await h.connector.waitForMessages(1);
    assert.match(cardText(welcome), /trustline/);
    h.connector.reset();
    const teamJoin = { ...botInstalled({ serviceUrl: h.serviceUrl, channel: {} }), membersAdded: [{ id: people.otherTeacher.id }] };
    assert.equal((await h.send(teamJoin)).status, 200);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(h.connector.messages.length, 0);
  });

  it('answers help in a channel only when @mentioned, with the channel commands', async () => {
    await h.send(channelMessage('help', { serviceUrl: h.serviceUrl }));
    const [reply] = await h.connector.waitForMessages(1);
    assert.match(cardText(reply), /open alerts/);
  });

  it('answers an Action.Execute button with an invoke response in the HTTP body', async () => {
    const res = await h.send<{ statusCode: number; type: string; value: unknown }>(actionExecute('help.ask', {}, { serviceUrl: h.serviceUrl }));
    assert.equal(res.status, 200);
    assert.equal(res.body.statusCode, 200);
    assert.equal(res.body.type, 'application/vnd.microsoft.activity.message');
    assert.match(String(res.body.value), /Type your question/);
  });

  it('answers an unknown card verb with a clear message, not an error', async () => {
    const res = await h.send<{ statusCode: number; value: string }>(actionExecute('no.such.verb', {}, { serviceUrl: h.serviceUrl }));
    assert.equal(res.status, 200);
    assert.match(res.body.value, /no longer available/);
  });

  it('answers an unknown invoke name with 501 and keeps serving', async () => {
    const res = await h.send<{ message: string }>(invoke('some/unknownInvoke', { x: 1 }, { serviceUrl: h.serviceUrl }));
    assert.equal(res.status, 501);
    assert.match(res.body.message, /does not handle/);
    assert.equal((await h.get('/healthz')).status, 200);
  });

  it('ignores unknown activity types without error', async () => {
    const res = await h.send({ ...personalMessage('', { serviceUrl: h.serviceUrl }), type: 'somethingNew', text: undefined });
    assert.ok(res.status >= 200 && res.status < 300, `status ${res.status}`);
    const typing = await h.send({ ...personalMessage('', { serviceUrl: h.serviceUrl }), type: 'typing' });
    assert.ok(typing.status >= 200 && typing.status < 300);
    assert.equal(h.connector.messages.length, 0);
  });

  it('gives an unknown message a helpful reply, not silence', async () => {
    await h.send({ ...personalMessage('', { serviceUrl: h.serviceUrl }), text: undefined, attachments: [{ contentType: 'image/png', contentUrl: 'http://127.0.0.1/x.png' }] });
    const [reply] = await h.connector.waitForMessages(1);
    assert.match(String(reply.text), /help/);
  });

  it('refuses malformed JSON with 400 and stays up', async () => {
    const res = await h.post('/api/messages', '{"type": "message", ', 'application/json');
    assert.equal(res.status, 400);
    assert.equal((await h.get('/healthz')).status, 200);
  });

  it('refuses a body that is not an activity with 400', async () => {
    for (const body of ['[1,2]', '"text"', '{"text":"no type"}', 'null']) {
      const res = await h.post('/api/messages', body, 'application/json');
      assert.equal(res.status, 400, body);
    }
  });

  it('refuses an oversized body with 413', async () => {
    const res = await h.post('/api/messages', JSON.stringify({ type: 'message', text: 'x'.repeat(300 * 1024) }), 'application/json');
    assert.equal(res.status, 413);
  });

  it('refuses an activity without a serviceUrl or conversation clearly (4xx), without crashing', async () => {
    const res = await h.send({ type: 'message', text: 'help' });
    assert.ok(res.status >= 400 && res.status < 500, `status ${res.status}`);
    assert.equal((await h.get('/healthz')).status, 200);
  });

  it('reports liveness and store reachability on /healthz', async () => {
    const res = await h.get('/healthz');
    assert.deepEqual(res.body, { status: 'ok', store: 'sqlite', policy: 'loaded', serverErrors: 0 });
  });

  it('logs structured lines without message text', async () => {
    await h.send(personalMessage('help me with Jamie Pupilname please', { serviceUrl: h.serviceUrl }));
    await h.connector.waitForMessages(1);
    assert.ok(h.logs.some((l) => l.event === 'server.started'));
    assert.doesNotMatch(h.logText(), /Pupilname/);
  });
});

describe('tenant restriction', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ env: { ALLOWED_TENANTS: TENANT_ID } });
  });
  after(async () => h.close());

  it('serves the configured tenant and refuses any other with 403', async () => {
    assert.equal((await h.send(personalMessage('help', { serviceUrl: h.serviceUrl }))).status, 200);
    const other = await h.send(personalMessage('help', { serviceUrl: h.serviceUrl, tenantId: '11111111-1111-1111-1111-111111111111' }));
    assert.equal(other.status, 403);
    await h.connector.waitForMessages(1);
    assert.equal(h.connector.messages.length, 1, 'nothing sent for the refused tenant');
  });

  it('needs channelData.tenant.id and conversation.tenantId both present and agreeing, either way round', async () => {
    h.connector.reset();
    const OTHER = '11111111-1111-1111-1111-111111111111';
    type Loose = { conversation: Record<string, unknown>; channelData: Record<string, unknown> };
    const base = (): Loose => personalMessage('help', { serviceUrl: h.serviceUrl }) as unknown as Loose;
    const cases: [string, (a: ReturnType<typeof base>) => void][] = [
      ['conversation.tenantId another tenant', (a) => { a.conversation.tenantId = OTHER; }],
      ['channelData.tenant.id another tenant', (a) => { a.channelData.tenant = { id: OTHER }; }],
      ['only channelData.tenant.id', (a) => { delete a.conversation.tenantId; }],
      ['only conversation.tenantId', (a) => { delete a.channelData.tenant; }],
      ['neither', (a) => { delete a.conversation.tenantId; a.channelData = {}; }],
    ];
    for (const [label, mutate] of cases) {
      const a = base();
      mutate(a);
      const res = await h.send(a);
      assert.equal(res.status, 403, label);
    }
    const wrongType = base();
    wrongType.conversation.tenantId = { id: TENANT_ID };
    assert.equal((await h.send(wrongType)).status, 400, 'a tenant id that is not a string is malformed');
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(h.connector.requests.length, 0, 'nothing processed for any of them');
    assert.equal((await h.send(personalMessage('help', { serviceUrl: h.serviceUrl }))).status, 200, 'both present and agreeing is served');
  });
});

describe('graceful shutdown', () => {
  it('finishes an in-flight turn before closing', async () => {
    const h = await startHarness();
    try {
      h.connector.slowDown(400);
      const pending = h.send(personalMessage('help', { serviceUrl: h.serviceUrl }));
      await h.connector.waitFor(() => h.connector.requests.length > 0, 2000, 'the reply to start');
      const closing = h.bot.close();
      const res = await pending;
      await closing;
      assert.equal(res.status, 200);
      assert.equal(h.connector.messages.length, 1, 'the reply was delivered');
    } finally {
      await h.connector.close();
    }
  });
});

describe('bot service on Azure Table Storage (Azurite)', () => {
  let h: Harness;
  before(async function () {
    this.timeout(60_000);
    h = await startHarness({ storage: 'azure-table' });
  });
  after(async () => h?.close());

  it('reports the table store on /healthz and answers help', async () => {
    await h.send(personalMessage('help', { serviceUrl: h.serviceUrl }));
    const [reply] = await h.connector.waitForMessages(1);
    assert.match(cardText(reply), /my reports/);
    assert.deepEqual((await h.get('/healthz')).body, { status: 'ok', store: 'azure-table', policy: 'loaded', serverErrors: 0 });
  });
});
