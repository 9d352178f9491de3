import { strict as assert } from 'node:assert';
import { startHarness, Harness } from '../support/harness';
import { actionExecute, channelMessage, people, personalMessage } from '../support/activities';
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
