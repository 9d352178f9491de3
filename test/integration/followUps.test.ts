/** Follow-ups in 1:1 chat over HTTP: read with the previous question for a few minutes, never in channels, never logged. */
import { strict as assert } from 'node:assert';
import { FakeClock, startHarness, type Harness } from '../support/harness';
import { channelMessage, personalMessage, persona, type Persona } from '../support/activities';
import { FOLLOW_UP_WINDOW_MS } from '../../src/domain/policy/followUp';

type Sent = { summary?: string; attachments?: { content: unknown }[] };

describe('follow-up questions over HTTP', () => {
  let h: Harness;
  const clock = new FakeClock();
  before(async () => {
    h = await startHarness({ clock });
  });
  after(async () => {
    await h.close();
  });
  beforeEach(() => h.connector.reset());

  async function ask(text: string, from: Persona): Promise<Sent> {
    h.connector.reset();
    assert.equal((await h.send(personalMessage(text, { serviceUrl: h.serviceUrl, from }))).status, 200);
    const [reply] = await h.connector.waitForMessages(1);
    return reply;
  }
  const offered = (reply: Sent) => String(reply.summary).replace(/^[^:]*: /, '').split(', ');
  // Whether the service read the last message with the one before it (its answer.sent log line says so).
  const lastReadWithPrevious = () => [...h.logs].reverse().find((l) => l.event === 'answer.sent')?.followUp;

  it('"what about parents?" after a question about pupils on facebook is about parents on facebook', async () => {
    const who = persona('fu1');
    assert.match(String((await ask('can I add pupils on fb', who)).summary), /^Policy answer: 7\.6\.15/);
    const reply = await ask('what about parents?', who);
    assert.ok(offered(reply).includes('7.6.17'), `${reply.summary}`);
    assert.doesNotMatch(String(reply.summary), /^Not clearly covered/);
    // Chained: the follow-up's people replace the last ones again.
    const again = await ask('and colleagues?', who);
    assert.equal(offered(again)[0], '7.6.16', String(again.summary));
    assert.ok(!h.logText().includes('what about parents'), 'the question is not logged');
    assert.ok(h.logs.some((l) => l.event === 'answer.sent' && l.followUp === true));
  });

  it('after the window, or from someone else, the same words are read alone', async () => {
    // Read with the previous question, the words get the answer about parents on facebook.
    const inWindow = persona('fu6');
    await ask('can I add pupils on fb', inWindow);
    const joined = await ask('what about parents?', inWindow);
    assert.equal(lastReadWithPrevious(), true);
    const who = persona('fu2');
    await ask('can I add pupils on fb', who);
    const other = await ask('what about parents?', persona('fu3'));
    assert.equal(lastReadWithPrevious(), false, 'another person\'s chat has no previous question');
    assert.notEqual(other.summary, joined.summary);
    clock.advance(FOLLOW_UP_WINDOW_MS + 1000);
    const late = await ask('what about parents?', who);
    assert.equal(lastReadWithPrevious(), false);
    assert.equal(late.summary, other.summary, 'read alone, as in a chat with no previous question');
  });

  it('a question that stands on its own is answered on its own, even opening with "and" right after another', async () => {
    const who = persona('fu4');
    await ask('can I add pupils on fb', who);
    assert.match(String((await ask('and can I use my gmail for work emails', who)).summary), /^Policy answer: 4\.1\.1/);
    // ...and a message that points back is read with it, even though it could stand alone (4.4.2 is about governors).
    const governors = await ask('what about governors?', who);
    assert.ok(offered(governors).includes('4.4.1'), String(governors.summary));
  });

  it('in a channel, a follow-up is not joined to an earlier question (others post there too)', async () => {
    h.connector.reset();
    await h.send(channelMessage('can I add pupils on fb', { serviceUrl: h.serviceUrl }));
    await h.connector.waitForMessages(1);
    h.connector.reset();
    await h.send(channelMessage('what about parents?', { serviceUrl: h.serviceUrl }));
    const [reply] = await h.connector.waitForMessages(1);
    assert.equal(lastReadWithPrevious(), false);
    // The same words alone in a 1:1 chat with no previous question get the same answer.
    const alone = await ask('what about parents?', persona('fu7'));
    assert.equal(reply.summary, alone.summary);
  });
});
