/**
 * People read option titles and dates, never stored values (issue 9, item 6), over HTTP on
 * SQLite and Azurite: a pupil connection filed with `pupil-to-staff`, `y6`, `tiktok` and
 * `declined,blocked`, time unknown, reads "A pupil, to a member of staff", "Year 6", "TikTok",
 * "Declined the request; Blocked the account" and "24 Nov 2026" in the reporter's review, their
 * `my reports` view, the triager's view, the CPOMS/MyConcern copy text and `trustline reports
 * show`; none of them shows a raw value. The cards are also drawn by the official renderer and
 * its text read. One presenter (domain/reports/present.ts fieldLines).
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { startHarness, Harness, STORAGE_BACKENDS } from '../support/harness';
import { actionExecute, people, Persona } from '../support/activities';
import { renderCard, validateCard } from '../support/acRenderer';
import { timeKey } from '../../src/domain/reports/fields';
import { actionData, Card, cardText, inputs, invokeCard, validAnswers } from './reportsSupport';
import { CHANNELS, link, routingEnv, teamMembers, waitForAlerts, writeDirectory } from './routingSupport';

const ROOT = path.resolve(__dirname, '..', '..');

async function reportsShow(env: Record<string, string>, ref: string): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--require', 'tsx/cjs', path.join(ROOT, 'src', 'cli', 'main.ts'), 'reports', 'show', ref], {
    cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env, LOG_LEVEL: 'silent' }, timeout: 30_000,
  });
  return stdout;
}

const ANSWERS = { direction: 'pupil-to-staff', yearGroup: 'y6', platform: 'tiktok', actionTaken: 'declined,blocked', happenedAt: '2026-11-24', [timeKey('happenedAt')]: '' };
const SHOWN = [
  'A pupil, to a member of staff', 'Year 6', 'TikTok', 'Declined the request; Blocked the account', '24 Nov 2026',
];
/** Stored values as whole words (not inside a label such as "TikTok"). */
const RAW = /\bpupil-to-staff\b|\by6\b|\btiktok\b|\bdeclined,blocked\b|2026-11-24/;

for (const storage of STORAGE_BACKENDS) {
  describe(`people read labels, not stored values (${storage})`, function () {
    this.timeout(90_000);
    let h: Harness;
    let review = '';
    let ref = '';

    before(async () => {
      h = await startHarness({ storage, env: routingEnv(writeDirectory()) });
      teamMembers(h.connector);
      await link(h, 'cronton');
      const form = await exec('report.start', { kind: 'pupil-connection', via: 'picker' }, people.teacher);
      const reviewCard = await exec('report.review', { ...actionData(form, 'report.review'), ...validAnswers('pupil-connection'), ...ANSWERS }, people.teacher);
      review = cardText(reviewCard);
      const filed = await exec('report.submit', actionData(reviewCard, 'report.submit'), people.teacher);
      ref = /([A-Z]{2}-2026-\d{4})/.exec(cardText(filed))?.[1] ?? '';
      assert.ok(ref, cardText(filed));
      await waitForAlerts(h.connector, ref);
    });
    after(async () => h?.close());

    async function exec(verb: string, data: Record<string, unknown>, from: Persona, channel = false): Promise<Card> {
      const res = await h.send(actionExecute(verb, data, { serviceUrl: h.serviceUrl, from, channel: channel ? CHANNELS.cronton : undefined }));
      const card = invokeCard(res.body);
      assert.deepEqual(validateCard(card), []);
      return card;
    }

    function labelsOnly(text: string, where: string): void {
      for (const s of SHOWN) assert.ok(text.includes(s), `${where} shows "${s}":\n${text}`);
      assert.doesNotMatch(text, RAW, `${where} shows no stored value`);
    }

    it('the reporter\'s review (the reference the others must match)', () => labelsOnly(review, 'the review'));

    it('the reporter\'s view from my reports', async () => {
      const mine = await exec('report.view', { verb: 'report.view', ref }, people.teacher);
      labelsOnly(cardText(mine), 'my reports');
      labelsOnly(renderCard(mine).text, 'my reports, as the renderer draws it');
    });

    it('the triager\'s view and the CPOMS/MyConcern copy text', async () => {
      const triager = await exec('triage.open', { ref }, people.head, true);
      labelsOnly(cardText(triager).replace(inputs(triager).handoffText, ''), 'the triager\'s view');
      labelsOnly(renderCard(triager).text.replace(inputs(triager).handoffText, ''), 'the triager\'s view, as the renderer draws it');
      const copy = inputs(triager).handoffText;
      labelsOnly(copy, 'the copy text');
      assert.match(copy, /Pupil's year group: Year 6\n/);
      assert.match(copy, /Anyone at immediate risk: no;/);
    });

    it('trustline reports show', async () => {
      labelsOnly(await reportsShow(h.env, ref), 'reports show');
    });
  });
}
