/**
 * The report form over HTTP (issue 9, item 10): optional fields marked "essential": false come
 * folded under "More details (optional)"; Review with a mistake in the folded part returns the
 * form with that part open, the error under the answer and what was typed kept; a correct
 * answer there is filed like any other.
 */
import { strict as assert } from 'node:assert';
import { startHarness, Harness } from '../support/harness';
import { actionExecute, people } from '../support/activities';
import { renderLive, validateCard } from '../support/acRenderer';
import { actionData, Card, cardText, fieldErrors, inputs, invokeCard, validAnswers } from './reportsSupport';

describe('report form: folded optional details over HTTP', function () {
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

  it('folds the optional details, opens them on an error there, keeps what was typed, then files', async () => {
    const form = await exec('report.start', { kind: 'media-contact', via: 'picker' });
    const shown = renderLive(form);
    assert.equal(shown.isVisible('more-details'), false, 'folded on a new form');
    assert.match(cardText(form), /More details \(optional\)/);
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
