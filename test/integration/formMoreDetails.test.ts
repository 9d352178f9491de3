/**
 * The report form over HTTP (issue 9, item 10): a pupil connection form shows first who, which
 * platform, what happened and the risk, with the rest folded under "More details" (required
 * answers there stay required). Review with only the first part answered returns the form with
 * the folded part open, an error under each required answer there and everything typed kept;
 * answered, it is filed. A mistake in a folded optional answer opens the part the same way.
 */
import { strict as assert } from 'node:assert';
import { startHarness, Harness } from '../support/harness';
import { actionExecute, people } from '../support/activities';
import { renderLive, validateCard } from '../support/acRenderer';
import { actionData, Card, cardText, fieldErrors, inputs, invokeCard, validAnswers } from './reportsSupport';

describe('report form: folded details over HTTP', function () {
  this.timeout(60_000);
  let h: Harness;
  before(async () => { h = await startHarness(); });
  after(async () => h?.close());

  async function exec(verb: string, data: Record<string, unknown>): Promise<Card> {
    const res = await h.send(actionExecute(verb, data, { serviceUrl: h.serviceUrl, from: people.teacher }));
    const card = invokeCard(res.body);
    assert.deepEqual(validateCard(card), []);
    return card;
  }

  it('asks who, what and the risk first; Review opens the folded part at the required answers still empty, keeping what was typed; then files', async () => {
    const form = await exec('report.start', { kind: 'pupil-connection', via: 'picker' });
    assert.equal(renderLive(form).isVisible('more-details'), false, 'folded on a new form');
    const shown = cardText(form);
    for (const label of ['Is anyone at immediate risk of harm?', 'Who started it?', 'Pupil\'s name', 'Pupil\'s year group', 'Platform', 'What happened']) {
      assert.ok(shown.includes(label), `${label} in the first part`);
    }
    assert.doesNotMatch(shown, /Who was approached\?|When did it happen\?|Your school/, 'the rest is out of sight');
    assert.match(shown, /^More details$/m);
    assert.match(shown, /5 more answers needed; 2 optional\./);

    const all = validAnswers('pupil-connection');
    const first = Object.fromEntries(['immediateRisk', 'direction', 'pupilName', 'yearGroup', 'platform', 'whatHappened'].map((id) => [id, all[id]]));
    // A client sends every input's value, folded ones too (concernsTriager's default "No").
    const again = await exec('report.review', { ...actionData(form, 'report.review'), ...inputs(form), ...first });
    assert.equal(renderLive(again).isVisible('more-details'), true, 'the folded part opens at its errors');
    assert.deepEqual(Object.keys(fieldErrors(again)).sort(), ['actionTaken', 'approached', 'evidenceHeld', 'happenedAt', 'school']);
    for (const [id, value] of Object.entries(first)) assert.equal(inputs(again)[id], value, `${id} kept`);

    const review = await exec('report.review', { ...actionData(again, 'report.review'), ...all });
    assert.match(cardText(review), /Check your report/);
    const filed = await exec('report.submit', actionData(review, 'report.submit'));
    assert.match(cardText(filed), /PC-2026-\d{4}/);
  });

  it('a mistake in a folded optional answer opens the part with the error, keeping what was typed', async () => {
    const form = await exec('report.start', { kind: 'media-contact', via: 'picker' });
    assert.doesNotMatch(cardText(form), /Link to the post concerned \(optional\)/, 'the folded field is out of sight');
    const answers = { ...validAnswers('media-contact'), postUrl: 'javascript:alert(1)' };
    const again = await exec('report.review', { ...actionData(form, 'report.review'), ...answers });
    assert.ok(fieldErrors(again).postUrl, cardText(again));
    assert.equal(renderLive(again).isVisible('more-details'), true, 'the error is in sight');
    assert.equal(inputs(again).postUrl, 'javascript:alert(1)', 'what was typed is kept');
    assert.match(cardText(again), /Link to the post concerned \(optional\)/);

    const review = await exec('report.review', { ...actionData(again, 'report.review'), ...validAnswers('media-contact') });
    const filed = await exec('report.submit', actionData(review, 'report.submit'));
    assert.match(cardText(filed), /MC-2026-\d{4}/);
  });
});
