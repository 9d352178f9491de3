/**
 * User text that looks like an Adaptive Card expression is shown as typed, never evaluated:
 * `{{DATE(…)}}` (the renderer's text functions) and `${…}` (templating) typed as a pupil name
 * and in the account of what happened, through review, the confirmation, the triager's view and
 * the reporter's own view (my reports); in a triager's note; and in a message reported with
 * "Report this message" — rendered by the official renderer.
 */
import { strict as assert } from 'node:assert';
import { startHarness, Harness } from '../support/harness';
import { actionExecute, actionRefresh, messageExtensionFetchTask, messageExtensionSubmit, messagePayload, people } from '../support/activities';
import { COMMAND_IDS } from '../../src/teams/commandIds';
import { renderCard } from '../support/acRenderer';
import { actionData, Card, dialogCard, invokeCard } from './reportsSupport';
import { CHANNELS, execCard, link, routingEnv, teamMembers, waitForAlerts, writeDirectory } from './routingSupport';
import { validAnswers } from './reportsSupport';

const DATE_EXPR = '{{DATE(2020-01-01T00:00:00Z)}}';
const TIME_EXPR = '{{TIME(2020-01-01T13:00:00Z, LONG)}}';
const TEMPLATE_EXPR = '${$root.reporter.name}';

/** What a person reads on the rendered card, with the invisible joiners removed. */
function shown(card: unknown): string {
  const { errors, text } = renderCard(card);
  assert.deepEqual(errors, [], 'the card renders');
  return text.replace(/\u2060/g, '');
}

/** The text with the literal expressions taken out: any date left was produced by evaluating one. */
const evaluated = (text: string) => text.replaceAll(DATE_EXPR, '').replaceAll(TIME_EXPR, '');

describe('card expressions in user text stay inert', function () {
  this.timeout(60_000);
  let h: Harness;
  before(async () => {
    h = await startHarness({ env: routingEnv(writeDirectory()) });
    teamMembers(h.connector);
    await link(h, 'cronton');
  });
  after(async () => h?.close());

  it('shows {{DATE}}, {{TIME}} and ${…} literally at review, on confirmation and to the triager', async () => {
    const from = people.teacher;
    const form = await execCard(h, 'report.start', { kind: 'pupil-connection', via: 'picker' }, from);
    const answers = { ...validAnswers('pupil-connection'), pupilName: `${DATE_EXPR} Jamie`, whatHappened: `Said ${TIME_EXPR} and ${TEMPLATE_EXPR} then ${DATE_EXPR}.` };
    const review = await execCard(h, 'report.review', { ...actionData(form, 'report.review'), ...answers }, from);
    const reviewText = shown(review);
    assert.ok(reviewText.includes(`${DATE_EXPR} Jamie`), `review shows the name as typed: ${reviewText.slice(0, 400)}`);
    assert.ok(reviewText.includes(TIME_EXPR) && reviewText.includes(TEMPLATE_EXPR), 'review shows the account as typed');
    assert.doesNotMatch(evaluated(reviewText), /2020|Wednesday|January/, 'nothing evaluated');

    const filed = await execCard(h, 'report.submit', actionData(review, 'report.submit'), from);
    const ref = /([A-Z]{2}-2026-\d{4})/.exec(JSON.stringify(filed))?.[1];
    assert.ok(ref);
    assert.doesNotMatch(evaluated(shown(filed)), /2020|Wednesday|January/);

    await waitForAlerts(h.connector, ref);
    const res = await h.send<{ type: string; value: unknown }>(actionRefresh('triage.view', { ref }, { serviceUrl: h.serviceUrl, from: people.head, channel: CHANNELS.cronton }));
    assert.equal(res.status, 200);
    const view = invokeCard(res.body) as Card;
    const viewText = shown(view);
    assert.ok(viewText.includes(`${DATE_EXPR} Jamie`), `the triager sees the name as typed: ${viewText.slice(0, 400)}`);
    assert.ok(viewText.includes(TIME_EXPR) && viewText.includes(TEMPLATE_EXPR));
    assert.doesNotMatch(evaluated(viewText), /2020|Wednesday|January/, 'nothing evaluated for the triager');

    const stored = await h.bot.services.reports.repository.get(ref);
    assert.equal(stored?.report.fields.pupilName, `${DATE_EXPR} Jamie`, 'the record keeps exactly what was typed');

    // The reporter's own view from my reports.
    const mine = shown(await execCard(h, 'report.view', { verb: 'report.view', ref }, from));
    assert.ok(mine.includes(`${DATE_EXPR} Jamie`), 'my reports shows the name as typed');
    assert.doesNotMatch(evaluated(mine), /2020|Wednesday|January/, 'nothing evaluated in my reports');

    // A triager's note, shown back to the triagers.
    const note = `Called ${DATE_EXPR} ${TEMPLATE_EXPR}`;
    const noted = await h.send(actionExecute('triage.note', { ref, noteText: note }, { serviceUrl: h.serviceUrl, from: people.head, channel: CHANNELS.cronton }));
    assert.equal(noted.status, 200);
    const again = await h.send<{ type: string; value: unknown }>(actionRefresh('triage.view', { ref }, { serviceUrl: h.serviceUrl, from: people.head, channel: CHANNELS.cronton }));
    const againText = shown(invokeCard(again.body) as Card);
    assert.ok(againText.includes(note), `the note as typed: ${againText.slice(-600)}`);
    assert.doesNotMatch(evaluated(againText), /2020|Wednesday|January/, 'nothing evaluated in the note');
  });

  it('shows a reported message\'s {{DATE}} literally in the "Report this message" form', async () => {
    const from = people.teacher;
    const payload = messagePayload(`See you ${DATE_EXPR} ${TEMPLATE_EXPR}`, people.otherTeacher, '2026-11-24T18:05:00.000Z');
    const opts = { serviceUrl: h.serviceUrl, from, channel: {} };
    const picker = dialogCard((await h.send(messageExtensionFetchTask(COMMAND_IDS.reportMessage, payload, opts))).body);
    const res = await h.send(messageExtensionSubmit(COMMAND_IDS.reportMessage, actionData(picker, 'report.start', (d) => d.kind === 'pupil-connection'), payload, opts));
    const formText = shown(dialogCard(res.body));
    assert.ok(formText.includes(`See you ${DATE_EXPR} ${TEMPLATE_EXPR}`), `the message as typed: ${formText.slice(0, 600)}`);
    assert.doesNotMatch(evaluated(formText), /2020|Wednesday|January/);
  });
});
