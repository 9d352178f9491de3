/**
 * An optional question left blank is "Not answered", never "No" (issue 9, item 5), over HTTP on
 * SQLite and Azurite: "Have you told the DSL?" left blank reads "Not answered" in the review, the
 * reporter's view from `my reports`, the triager's view, the CPOMS/MyConcern copy text and
 * `trustline reports show` (run as a child process); answered "No" still reads "No". The same for
 * a kind's own optional question left blank ("Account name or handle used", folded under "More
 * details"): the reporter and the triager see it was not answered (issue 9, item 10).
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { startHarness, Harness, STORAGE_BACKENDS } from '../support/harness';
import { actionExecute, people, Persona } from '../support/activities';
import { validateCard } from '../support/acRenderer';
import { actionData, Card, cardText, inputs, invokeCard, validAnswers } from './reportsSupport';
import { CHANNELS, link, routingEnv, teamMembers, waitForAlerts, writeDirectory } from './routingSupport';

const ROOT = path.resolve(__dirname, '..', '..');

async function reportsShow(env: Record<string, string>, ref: string): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--require', 'tsx/cjs', path.join(ROOT, 'src', 'cli', 'main.ts'), 'reports', 'show', ref], {
    cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env, LOG_LEVEL: 'silent' }, timeout: 30_000,
  });
  return stdout;
}

/** The text right after a label in a card's text (labels and values are separate blocks). */
function valueAfter(text: string, label: RegExp): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => label.test(l));
  assert.ok(i >= 0, `${label} in ${text.slice(0, 400)}`);
  return lines[i + 1];
}

for (const storage of STORAGE_BACKENDS) {
  describe(`an unanswered optional question is "Not answered" (${storage})`, function () {
    this.timeout(90_000);
    let h: Harness;

    before(async () => {
      h = await startHarness({ storage, env: routingEnv(writeDirectory()) });
      teamMembers(h.connector);
      await link(h, 'cronton');
    });
    after(async () => h?.close());

    async function exec(verb: string, data: Record<string, unknown>, from: Persona, channel = false): Promise<Card> {
      const res = await h.send(actionExecute(verb, data, { serviceUrl: h.serviceUrl, from, channel: channel ? CHANNELS.cronton : undefined }));
      const card = invokeCard(res.body);
      assert.deepEqual(validateCard(card), []);
      return card;
    }

    /** Files a pupil connection with toldDsl as given; returns the review's text and the reference. */
    async function file(toldDsl: string, profileName?: string): Promise<{ review: string; ref: string }> {
      const form = await exec('report.start', { kind: 'pupil-connection', via: 'picker' }, people.teacher);
      const answers = { ...validAnswers('pupil-connection'), toldDsl, ...(profileName === undefined ? {} : { profileName }) };
      const reviewCard = await exec('report.review', { ...actionData(form, 'report.review'), ...answers }, people.teacher);
      const filed = await exec('report.submit', actionData(reviewCard, 'report.submit'), people.teacher);
      const ref = /([A-Z]{2}-2026-\d{4})/.exec(cardText(filed))?.[1];
      assert.ok(ref);
      return { review: cardText(reviewCard), ref };
    }

    for (const [answer, shown] of [['', 'Not answered'], ['no', 'No'], ['yes', 'Yes']] as const) {
      it(`shows "${shown}" everywhere when the answer is ${answer ? `"${answer}"` : 'left blank'}`, async () => {
        const { review, ref } = await file(answer);
        assert.equal(valueAfter(review, /Have you told the DSL/), shown, 'the review');

        const mine = cardText(await exec('report.view', { verb: 'report.view', ref }, people.teacher));
        assert.equal(valueAfter(mine, /Told the DSL in person or by phone/), shown, 'the reporter\'s own view (my reports)');

        await waitForAlerts(h.connector, ref);
        const triager = await exec('triage.open', { ref }, people.head, true);
        assert.equal(valueAfter(cardText(triager), /^Told the DSL verbally$/), shown, 'the triager\'s view');
        assert.match(inputs(triager).handoffText, new RegExp(`told the DSL verbally: ${shown.toLowerCase()};`), 'the CPOMS/MyConcern copy');

        const cli = await reportsShow(h.env, ref);
        assert.match(cli, new RegExp(`DSL told verbally\\s+${shown}\\n`), 'trustline reports show');
      });
    }

    it('shows a kind\'s own optional question left blank as "Not answered" everywhere', async () => {
      const { review, ref } = await file('yes', '');
      const label = /^Account name or handle used$/;
      assert.equal(valueAfter(review, label), 'Not answered', 'the review');
      assert.equal(valueAfter(cardText(await exec('report.view', { verb: 'report.view', ref }, people.teacher)), label), 'Not answered', 'my reports');
      await waitForAlerts(h.connector, ref);
      const triager = await exec('triage.open', { ref }, people.head, true);
      assert.equal(valueAfter(cardText(triager), label), 'Not answered', 'the triager\'s view');
      assert.match(inputs(triager).handoffText, /Account name or handle used: Not answered/, 'the CPOMS/MyConcern copy');
      assert.match(await reportsShow(h.env, ref), /Account name or handle used\s+Not answered\n/, 'trustline reports show');
    });
  });
}
