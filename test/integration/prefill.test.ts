/**
 * A report started from an answer begins with what the question said (issue 9, item 10): over
 * HTTP, "a year 6 girl sent me a follow request on insta" gives a report button whose form has
 * Year 6, Instagram and "a pupil, trying to connect" chosen; a button's prefill is checked again
 * on use (unknown fields and values are dropped); the question's words are never stored.
 */
import { strict as assert } from 'node:assert';
import { startHarness, Harness } from '../support/harness';
import { actionExecute, people, personalMessage } from '../support/activities';
import { validateCard } from '../support/acRenderer';
import { loadKinds } from '../../src/domain/reports/kinds';
import { prefillFromQuestion } from '../../src/domain/reports/prefill';
import { actionData, Card, inputs } from './reportsSupport';

const pupilConnection = loadKinds().get('pupil-connection');

describe('prefill from the question (domain)', () => {
  const cases: [string, Record<string, string>][] = [
    ['a year 6 girl sent me a follow request on insta', { yearGroup: 'y6', platform: 'instagram', direction: 'pupil-to-staff' }],
    ['a y10 lad added me on snapchat', { yearGroup: 'y10', platform: 'snapchat', direction: 'pupil-to-staff' }],
    ['i sent a friend request to a pupil on facebook by mistake', { platform: 'facebook', direction: 'staff-to-pupil' }],
    ['a pupil wants to connect', {}],
  ];
  for (const [q, want] of cases) it(q, () => assert.deepEqual(prefillFromQuestion(q, pupilConnection!), want));
});

describe('prefill from the question (HTTP)', function () {
  this.timeout(60_000);
  let h: Harness;
  before(async () => { h = await startHarness(); });
  after(async () => h?.close());

  /** Presses a report button on an answer: the form comes as a new message below the answer. */
  async function exec(data: Record<string, unknown>): Promise<Card> {
    h.connector.reset();
    await h.send(actionExecute('report.start', data, { serviceUrl: h.serviceUrl, from: people.teacher }));
    const [message] = await h.connector.waitForMessages(1);
    const card = message.attachments?.[0]?.content as Card;
    assert.deepEqual(validateCard(card), []);
    return card;
  }

  it('the answer\'s report button starts the form with Year 6, Instagram and who started it', async () => {
    h.connector.reset();
    await h.send(personalMessage('a year 6 girl sent me a follow request on insta', { serviceUrl: h.serviceUrl, from: people.teacher }));
    const [reply] = await h.connector.waitForMessages(1);
    const data = actionData(reply.attachments?.[0]?.content, 'report.start');
    assert.deepEqual(data.prefill, { yearGroup: 'y6', platform: 'instagram', direction: 'pupil-to-staff' });
    const form = inputs(await exec(data));
    assert.equal(form.yearGroup, 'y6');
    assert.equal(form.platform, 'instagram');
    assert.equal(form.direction, 'pupil-to-staff');
    assert.equal(form.pupilName ?? '', '');
  });

  it('a forged prefill is checked: unknown fields and values are dropped', async () => {
    const form = inputs(await exec({ verb: 'report.start', kind: 'pupil-connection', prefill: { yearGroup: 'y99', pupilName: 'Injected Name', platform: 'tiktok' } }));
    assert.equal(form.yearGroup ?? '', '');
    assert.equal(form.pupilName ?? '', '');
    assert.equal(form.platform, 'tiktok');
  });
});
