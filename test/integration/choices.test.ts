/**
 * "Which is closest to your situation?" over real HTTP: question -> choice card -> press a
 * situation -> full answer -> its report button opens the right report form; the nearest-clauses
 * and not-covered cards; the choice log; report buttons only where the report flow works (1:1).
 */
import { strict as assert } from 'node:assert';
import { startHarness, type Harness } from '../support/harness';
import { actionExecute, channelMessage, messageExtensionQuery, personalMessage, people, persona, type Persona } from '../support/activities';
import { validateCard } from '../support/acRenderer';
import type { ChoiceOffer } from '../../src/domain/policy/choices';
import { decide } from '../../src/domain/policy/decision';

type Card = { version: string; body: unknown[] } & Record<string, unknown>;
type Sent = { summary?: string; text?: string; conversationId: string; attachments?: { content: unknown }[] };
const cardOf = (a: { attachments?: { content: unknown }[] }) => a.attachments?.[0]?.content as Card;

function executes(node: unknown, out: { verb: string; data: Record<string, unknown>; title: string }[] = []) {
  if (Array.isArray(node)) node.forEach((n) => executes(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.type === 'Action.Execute') out.push({ verb: String(o.verb), data: o.data as Record<string, unknown>, title: String(o.title) });
    Object.values(o).forEach((v) => executes(v, out));
  }
  return out;
}

const CLOSE_CALL = 'is it ok to be mates with my year 5s called Jamie Example and their mums on snap';

describe('which is closest to your situation, over HTTP', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.close();
  });
  beforeEach(() => h.connector.reset());

  const opts = (from: Persona = people.teacher) => ({ serviceUrl: h.serviceUrl, from });
  async function ask(text: string, from: Persona = people.teacher): Promise<Sent> {
    assert.equal((await h.send(personalMessage(text, opts(from)))).status, 200);
    const [reply] = await h.connector.waitForMessages(1);
    return reply;
  }

  it('walks question -> choice card -> a situation -> the full answer -> its report button -> the right report form', async () => {
    const choice = await ask(CLOSE_CALL);
    const card = cardOf(choice);
    assert.deepEqual(validateCard(card), [], 'the choice card passes the official renderer');
    assert.match(JSON.stringify(card), /Which is closest to your situation\?/);
    const all = executes(card);
    const buttons = all.filter((b) => b.verb === 'answer.choose');
    assert.ok(buttons.length >= 2 && buttons.length <= 4, `${buttons.length} situations`);
    // A situation the policy asks staff to report has its report button on the row: one tap away.
    const reports = all.filter((b) => b.verb !== 'answer.choose');
    assert.ok(reports.every((b) => b.verb === 'report.start'));
    assert.deepEqual(reports.map((b) => b.data.kind).sort(), ['parent-connection', 'pupil-connection'], '7.6.15 and 7.6.17 rows, not 7.6.16');
    for (const b of all) assert.ok(b.title.length <= 20, `button title "${b.title}" fits a phone`);
    for (const b of buttons) {
      assert.deepEqual(Object.keys(b.data).sort(), ['docId', 'id', 'token', 'verb'], 'a clause and a token, nothing else');
      assert.match(String(b.data.token), /^[A-Za-z0-9_-]{12,32}$/);
    }
    // The question never leaves the store: not in the button data, the summary, the fallback or the logs.
    assert.doesNotMatch(JSON.stringify(buttons), /Jamie|mates|snap/i);
    assert.doesNotMatch(`${choice.summary} ${String(card.fallbackText)}`, /Jamie|mates/i);
    assert.ok(!h.logText().includes('Jamie'));
    assert.match(String(choice.summary), /^Which is closest: /);

    const pupil = buttons.find((b) => b.data.id === '7.6.15');
    assert.ok(pupil, `7.6.15 offered among ${buttons.map((b) => b.data.id).join(', ')}`);
    h.connector.reset();
    const pressed = await h.send(actionExecute('answer.choose', pupil.data, opts()));
    assert.equal(pressed.status, 200);
    const [full] = await h.connector.waitForMessages(1);
    const answer = cardOf(full);
    assert.deepEqual(validateCard(answer), [], 'the answer card passes the official renderer');
    assert.equal(full.summary, 'Policy answer: 7.6.15');
    assert.match(JSON.stringify(answer), /Colleagues must not be connected to pupils\/students on social media under any circumstances\./);
    const others = buttons.filter((b) => b !== pupil).map((b) => String(b.data.id));
    assert.ok(others.some((id) => JSON.stringify(answer).includes(id)), 'the other offered clauses follow as related');

    const report = executes(answer).find((b) => b.verb === 'report.start');
    assert.ok(report, 'the full answer has the report button');
    assert.equal(report.data.kind, 'pupil-connection');
    h.connector.reset();
    assert.equal((await h.send(actionExecute('report.start', report.data, opts()))).status, 200);
    const [form] = await h.connector.waitForMessages(1);
    assert.equal(form.summary, 'Report form');
    assert.match(JSON.stringify(cardOf(form)), /Pupil connection attempt/);
    assert.deepEqual(validateCard(cardOf(form)), []);

    // The pick is in the choice log, with the offer and the question, and nobody's identity.
    const logged = (await h.bot.services.store.list<ChoiceOffer>('choices', 'offer')).map((r) => r.value);
    const offer = logged.find((o) => o.token === pupil.data.token);
    assert.ok(offer);
    assert.deepEqual(offer.offered.map((k) => k.split('#')[1]), buttons.map((b) => b.data.id));
    assert.deepEqual(offer.picks.map((p) => p.key.split('#')[1]), ['7.6.15']);
    assert.equal(offer.question, CLOSE_CALL);
    const stored = JSON.stringify(offer);
    for (const id of [people.teacher.id, people.teacher.aadObjectId, people.teacher.name]) assert.ok(!stored.includes(id), 'no asker identity');
  });

  it('a forged or stale press: an unknown clause gets a clear message; a clause not offered is answered but not logged as a pick', async () => {
    const stale = await h.send<{ value?: unknown }>(actionExecute('answer.choose', { docId: 'staff-communication-and-social-media', id: '99.9', token: 'AAAAAAAAAAAAAAAA' }, opts()));
    assert.equal(stale.status, 200);
    assert.match(JSON.stringify(stale.body), /no longer there/);
    const bad = await h.send<{ value?: unknown }>(actionExecute('answer.choose', { id: { nested: true } }, opts()));
    assert.equal(bad.status, 200);
    assert.match(JSON.stringify(bad.body), /not one trustline made/);

    const choice = await ask(CLOSE_CALL, persona('forger'));
    const token = executes(cardOf(choice))[0].data.token;
    h.connector.reset();
    await h.send(actionExecute('answer.choose', { docId: 'staff-communication-and-social-media', id: '4.1.1', token }, opts(persona('forger'))));
    const [reply] = await h.connector.waitForMessages(1);
    assert.equal(reply.summary, 'Policy answer: 4.1.1');
    const offer = (await h.bot.services.store.get<ChoiceOffer>('choices', 'offer', String(token)))?.value;
    assert.deepEqual(offer?.picks, [], 'a clause that was not offered is not training data');
  });

  it('shows the nearest clauses, as buttons, when the policy has something near but nothing clearly applies', async () => {
    // Bare follow-ups asked alone; which of them the models hold short of a choice moves with each retrain (round 40:
    // "what about parents" became "which is closest"), so the test asks one the policy service decides is near.
    const question = ['what about parents', 'what about emails', 'what about my phone'].find((q) => decide(h.bot.services.policy.answerer, q).kind === 'near');
    assert.ok(question, 'one of the bare follow-ups is near');
    const reply = await ask(question, persona('nearasker'));
    const card = cardOf(reply);
    assert.deepEqual(validateCard(card), []);
    assert.match(JSON.stringify(card), /does not clearly answer this/);
    assert.match(String(reply.summary), /^Not clearly covered: nearest /);
    assert.ok(executes(card).filter((b) => b.verb === 'answer.choose').length >= 1);
    const gaps = await h.bot.services.store.scan<{ question: string }>('gaps');
    assert.ok(gaps.some((g) => g.value.question === question), 'still a policy gap');
  });

  it('refuses outright only when nothing is near: the not-covered card passes the official renderer', async () => {
    const reply = await ask('can I wear jeans on friday', persona('jeans'));
    const card = cardOf(reply);
    assert.deepEqual(validateCard(card), []);
    assert.equal(reply.summary, 'Not covered by the policy');
    assert.equal(executes(card).length, 0);
  });

  it('in a channel or group chat, an answer shows no report button (the report flow runs in 1:1 only) but says where to report', async () => {
    const channel = channelMessage('a pupil added me on snapchat', { serviceUrl: h.serviceUrl });
    const group = { ...channelMessage('a pupil added me on snapchat', { serviceUrl: h.serviceUrl }), conversation: { id: '19:group-chat@thread.v2', conversationType: 'groupChat', isGroup: true } };
    for (const activity of [channel, group]) {
      h.connector.reset();
      assert.equal((await h.send(activity)).status, 200);
      const [reply] = await h.connector.waitForMessages(1);
      const card = cardOf(reply);
      assert.deepEqual(validateCard(card), []);
      assert.match(JSON.stringify(card), /7\.6\.15/);
      assert.equal(executes(card).filter((b) => b.verb === 'report.start').length, 0, activity.conversation.conversationType);
      assert.match(JSON.stringify(card), /1:1 chat/);
    }
    // A "which is closest" card in a group chat keeps its situations but loses the report button.
    h.connector.reset();
    await h.send({ ...channelMessage(CLOSE_CALL, { serviceUrl: h.serviceUrl }), conversation: { id: '19:group-chat@thread.v2', conversationType: 'groupChat', isGroup: true } });
    const [choice] = await h.connector.waitForMessages(1);
    assert.deepEqual(validateCard(cardOf(choice)), []);
    assert.ok(executes(cardOf(choice)).length >= 2);
    assert.ok(executes(cardOf(choice)).every((b) => b.verb === 'answer.choose'));
    // The same question in 1:1 keeps its report button.
    h.connector.reset();
    const personal = await ask('a pupil added me on snapchat', persona('oneToOne'));
    assert.equal(executes(cardOf(personal)).filter((b) => b.verb === 'report.start').length, 1);
  });

  it('the message extension inserts clause cards with no buttons (none would work in someone else\'s chat)', async () => {
    const res = await h.send<{ composeExtension: { attachments?: { content: unknown }[] } }>(messageExtensionQuery('searchPolicy', { query: 'pupil follow request' }, { serviceUrl: h.serviceUrl }));
    const attachments = res.body.composeExtension.attachments ?? [];
    assert.ok(attachments.length > 0);
    for (const a of attachments) {
      assert.deepEqual(validateCard(a.content), []);
      assert.equal(executes(a.content).length, 0);
    }
  });
});
