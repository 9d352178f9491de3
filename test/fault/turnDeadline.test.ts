import { strict as assert } from 'node:assert';
import { startHarness, Harness } from '../support/harness';
import { actionExecute, channelMessage, people, personalConversation, personalMessage } from '../support/activities';
import { pending } from '../../src/domain/outbox/outbox';
import { DEFAULT_TURN_DEADLINES } from '../../src/teams/turnDeadline';

// A failing Connector must not hold a turn: each turn's HTTP answer comes within its deadline
// (plus slack for a loaded machine), whatever the Connector does with the reply.
const SLACK_MS = 1_500;

describe('turn deadlines with a failing Connector (HTTP)', function () {
  this.timeout(60_000);
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => h?.close());
  beforeEach(() => h.connector.reset());

  async function timedSend(activity: unknown): Promise<{ status: number; ms: number }> {
    const t = Date.now();
    const res = await h.send(activity);
    return { status: res.status, ms: Date.now() - t };
  }

  it('a message turn answers within its deadline when the Connector hangs', async () => {
    h.connector.failNext({ hang: true }, { hang: true }, { hang: true });
    const r = await timedSend(personalMessage('help', { serviceUrl: h.serviceUrl, from: people.teacher }));
    assert.ok(r.status < 500, `status ${r.status}`);
    assert.ok(r.ms < DEFAULT_TURN_DEADLINES.messageMs + SLACK_MS, `held ${r.ms} ms`);
    assert.ok(h.connector.requests.some((q) => q.status === 0), 'the reply was attempted and hung');
    assert.ok(h.logs.some((l) => l.event === 'turn.send_late'), 'the late reply is logged');
  });

  it('a message turn answers within its deadline when the Connector returns 500s (botbuilder would retry)', async () => {
    h.connector.failNext(...Array.from({ length: 20 }, () => ({ status: 500 as const })));
    const r = await timedSend(personalMessage('help', { serviceUrl: h.serviceUrl, from: people.teacher }));
    assert.ok(r.ms < DEFAULT_TURN_DEADLINES.messageMs + SLACK_MS, `held ${r.ms} ms`);
    assert.ok(h.connector.requests.some((q) => q.status === 500));
  });

  it('a channel command turn answers within its deadline when the Connector hangs', async () => {
    h.connector.failNext({ hang: true }, { hang: true }, { hang: true });
    const r = await timedSend(channelMessage('<at>trustline</at> help', { serviceUrl: h.serviceUrl, from: people.teacher }));
    assert.ok(r.ms < DEFAULT_TURN_DEADLINES.messageMs + SLACK_MS, `held ${r.ms} ms`);
  });

  it('an invoke answers within Teams\' 5 s when the Connector hangs', async () => {
    h.connector.failNext({ hang: true }, { hang: true }, { hang: true });
    const r = await timedSend(actionExecute('report.start', {}, { serviceUrl: h.serviceUrl, from: people.teacher }));
    assert.ok(r.ms < 5_000, `held ${r.ms} ms`);
  });
});

describe('a reply that misses its turn\'s deadline goes through the outbox (HTTP)', function () {
  this.timeout(90_000);
  let h: Harness;
  before(async () => {
    h = await startHarness({ env: { OUTBOX_POLL_MS: '25', OUTBOX_REQUEST_TIMEOUT_MS: '1500', OUTBOX_BACKOFF_BASE_MS: '50', OUTBOX_BACKOFF_MAX_MS: '500' } });
  });
  after(async () => h?.close());
  beforeEach(() => h.connector.reset());

  const conversation = personalConversation(people.teacher).id;
  /** Messages the stand-in created in the teacher's chat (a hung request creates none). */
  const replies = () => [...(h.connector.conversations.get(conversation)?.activities.values() ?? [])].filter((a) => a.type === 'message');

  it('answers within the deadline on a hanging Connector, and the reply arrives once the Connector recovers', async () => {
    // The in-turn reply hangs, then the outbox's first two attempts hang too; the third gets through.
    h.connector.failNext({ hang: true }, { hang: true }, { hang: true });
    const t = Date.now();
    const res = await h.send(personalMessage('help', { serviceUrl: h.serviceUrl, from: people.teacher }));
    const ms = Date.now() - t;
    assert.equal(res.status, 200);
    assert.ok(ms < DEFAULT_TURN_DEADLINES.messageMs + SLACK_MS, `held ${ms} ms`);
    assert.equal(replies().length, 0, "nothing delivered yet");
    await h.connector.waitFor(() => replies().length >= 1, 30_000, 'the reply through the outbox');
    const arrived = Date.now() - t;
    await new Promise((r) => setTimeout(r, 1_500));
    assert.equal(replies().length, 1, 'delivered once');
    assert.equal(h.connector.requests.filter((q) => q.status === 0).length, 3, 'the in-turn call and two outbox attempts hung');
    assert.equal((await pending(h.bot.services.store)).filter((e) => e.work.type === 'turn.reply').length, 0, 'nothing left pending');
    assert.ok(h.logs.some((l) => l.event === 'turn.send_late'));
    console.log(`      (turn answered in ${ms} ms; reply arrived ${arrived} ms after the message)`);
  });

  it('aborts the hung in-turn call once the hold after the deadline is over (the outbox sends the copy)', async () => {
    h.connector.failNext({ hang: true });
    const res = await h.send(personalMessage('help', { serviceUrl: h.serviceUrl, from: people.teacher }));
    assert.equal(res.status, 200);
    assert.equal(h.connector.hangingCount(), 1, 'the in-turn call is still waiting');
    await h.connector.waitFor(() => h.connector.hangingCount() === 0, DEFAULT_TURN_DEADLINES.holdMs + 5_000, 'the in-turn call aborted');
    await h.connector.waitFor(() => replies().length >= 1, 30_000, 'the reply through the outbox');
    assert.equal(replies().length, 1);
  });

  it('a late reply is kept through a restart: the restarted service sends it', async () => {
    h.connector.failNext({ hang: true });
    const res = await h.send(personalMessage('help', { serviceUrl: h.serviceUrl, from: people.teacher }));
    assert.equal(res.status, 200);
    assert.equal((await pending(h.bot.services.store)).filter((e) => e.work.type === 'turn.reply').length, 1, 'stored before the turn answered');
    await h.restart();
    await h.connector.waitFor(() => replies().length >= 1, 30_000, 'the reply from the restarted service');
    await new Promise((r) => setTimeout(r, 1_000));
    assert.equal(replies().length, 1, 'delivered once');
  });

  it('does not send twice when the in-turn call succeeds late (a slow Connector)', async () => {
    // Every answer takes 10 s: past the 8 s deadline, within the hold that follows it.
    h.connector.slowDown(10_000);
    const t = Date.now();
    const res = await h.send(personalMessage('help', { serviceUrl: h.serviceUrl, from: people.teacher }));
    assert.equal(res.status, 200);
    assert.ok(Date.now() - t < DEFAULT_TURN_DEADLINES.messageMs + SLACK_MS, `held ${Date.now() - t} ms`);
    await h.connector.waitFor(() => replies().length >= 1, 30_000, 'the reply');
    // The outbox copy would be due at deadline + hold + 1 s; wait past it and its send (10 s slow).
    await new Promise((r) => setTimeout(r, DEFAULT_TURN_DEADLINES.holdMs + 12_000));
    assert.equal(replies().length, 1, "one reply, not two");
    assert.equal((await pending(h.bot.services.store)).filter((e) => e.work.type === 'turn.reply').length, 0, 'nothing left pending');
  });
});
