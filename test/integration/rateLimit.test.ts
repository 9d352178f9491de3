/**
 * Per-user rate limits over HTTP: normal use is untouched (30 questions in a minute all
 * answered), a burst beyond the limit gets a "slow down" reply with nothing lost, another
 * user is not affected, and the limit lifts as the window passes. Report submissions: beyond
 * the hourly limit the report is not filed, what was typed is kept, and Submit works later.
 */
import { strict as assert } from 'node:assert';
import { startHarness, Harness, FakeClock } from '../support/harness';
import { personalMessage, actionExecute, people, Persona } from '../support/activities';
import { validateCard } from '../support/acRenderer';
import { actionData, Card, cardText, inputs, invokeCard, validAnswers } from './reportsSupport';

const SLOW = /slow down/i;

describe('per-user rate limits over HTTP', function () {
  this.timeout(120_000);
  let h: Harness;
  const clock = new FakeClock();
  before(async () => {
    h = await startHarness({ clock, env: { RATE_LIMIT_QUESTIONS_PER_MINUTE: '40', RATE_LIMIT_REPORTS_PER_HOUR: '2' } });
  });
  after(async () => h?.close());
  beforeEach(() => h.connector.reset());

  const opts = (from: Persona = people.teacher) => ({ serviceUrl: h.serviceUrl, from });
  const ask = async (text: string, from: Persona = people.teacher) => {
    assert.equal((await h.send(personalMessage(text, opts(from)))).status, 200);
  };
  const slowDowns = () => h.connector.messages.filter((m) => SLOW.test(String(m.text ?? '')));

  it('answers 30 questions in a minute, then asks a bursting user to slow down, and only that user', async () => {
    for (let i = 0; i < 30; i++) {
      await ask(i % 2 ? 'can I accept a friend request from a parent?' : 'a pupil followed me on instagram');
      clock.advance(1_000);
    }
    const answered = await h.connector.waitForMessages(30);
    assert.equal(answered.length, 30);
    assert.equal(slowDowns().length, 0, 'normal use never sees the limit');
    assert.ok(answered.every((m) => m.attachments?.length === 1), 'every question got its card');

    // A burst: 10 more fit the limit of 40 a minute (30 already in it), the next 5 do not.
    for (let i = 0; i < 15; i++) await ask('a pupil followed me on instagram');
    await h.connector.waitForMessages(45);
    const slow = slowDowns();
    assert.equal(slow.length, 5);
    for (const m of slow) {
      assert.equal(m.summary, 'Please slow down');
      assert.match(String(m.text), /ask again in about \d+ seconds?/);
      assert.equal(m.attachments?.length ?? 0, 0);
    }
    assert.ok(h.logs.some((l) => l.event === 'answer.rate_limited'));

    // Someone else is unaffected.
    await ask('a pupil followed me on instagram', people.otherTeacher);
    const [other] = await h.connector.waitForMessages(46);
    const last = h.connector.messages[h.connector.messages.length - 1];
    assert.ok(other);
    assert.equal(last.attachments?.length, 1, 'another user still gets an answer');

    // After the minute has passed the bursting user is answered again.
    clock.advance(61_000);
    h.connector.reset();
    await ask('a pupil followed me on instagram');
    const [again] = await h.connector.waitForMessages(1);
    assert.equal(again.attachments?.length, 1);
    assert.doesNotMatch(String(again.text ?? ''), SLOW);
  });

  async function exec(verb: string, data: Record<string, unknown>, from: Persona = people.teacher): Promise<Card> {
    const res = await h.send(actionExecute(verb, data, opts(from)));
    assert.equal(res.status, 200);
    const card = invokeCard(res.body);
    assert.deepEqual(validateCard(card), []);
    return card;
  }
  async function review(kindId: string): Promise<Card> {
    const pickers = (m: { summary?: string }) => m.summary === 'Make a report';
    const before = h.connector.messages.filter(pickers).length;
    await h.send(personalMessage('report', opts()));
    const [picker] = (await h.connector.waitForMessages(before + 1, pickers)).slice(-1);
    const form = await exec('report.start', actionData(picker.attachments?.[0].content, 'report.start', (d) => d.kind === kindId));
    return exec('report.review', { ...actionData(form, 'report.review'), ...validAnswers(kindId) });
  }
  const reference = (card: Card) => /[A-Z]{2}-2026-\d{4}/.exec(cardText(card))?.[0];

  it('files reports up to the hourly limit, then keeps the next one unfiled with what was typed, and files it later', async () => {
    for (const k of ['pupil-connection', 'media-contact']) {
      assert.ok(reference(await exec('report.submit', actionData(await review(k), 'report.submit'))), `${k} filed`);
    }
    const third = await review('pupil-connection');
    const submit = actionData(third, 'report.submit');
    const refused = await exec('report.submit', submit);
    assert.match(cardText(refused), SLOW);
    assert.match(cardText(refused), /Everything you typed is saved/);
    assert.equal(reference(refused), undefined, 'not filed');

    // The draft is still there with what was typed.
    const resumed = await exec('report.resume', { kind: 'pupil-connection', draftKey: submit.draftKey, submissionId: submit.submissionId });
    const typed = inputs(resumed);
    const kept = Object.entries(validAnswers('pupil-connection')).filter(([k]) => k in typed);
    assert.ok(kept.length >= 3, 'the form shows the typed answers');
    for (const [k, v] of kept) assert.equal(typed[k], v, `${k} kept`);

    // A retry within the hour is refused again (and not counted); after the hour it files.
    assert.match(cardText(await exec('report.submit', actionData(refused, 'report.submit'))), SLOW);
    clock.advance(3_600_000);
    const filed = await exec('report.submit', actionData(refused, 'report.submit'));
    assert.ok(reference(filed), 'filed once the hour has passed');
  });
});
