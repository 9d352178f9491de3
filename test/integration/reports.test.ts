/**
 * Reports over HTTP, as Teams would send them, against the real server and the Connector
 * stand-in, on SQLite and on Azure Table Storage (Azurite): every kind from `report` to a
 * reference; every validation error with everything typed kept; double submit; resume;
 * "Report this message"; `my reports`; restart survival. No pupil name ever reaches a log line
 * or an activity's text or summary.
 */
import { strict as assert } from 'node:assert';
import { startHarness, Harness, FakeClock, STORAGE_BACKENDS } from '../support/harness';
import {
  personalMessage, actionExecute, messageExtensionFetchTask, messageExtensionSubmit, messagePayload, channelMessage, people, Persona,
} from '../support/activities';
import { validateCard } from '../support/acRenderer';
import { formFields, timeKey } from '../../src/domain/reports/fields';
import { OUTBOX_PARTITION } from '../../src/domain/outbox/outbox';
import { COMMAND_IDS } from '../../src/teams/commandIds';
import {
  actionData, actionTypes, Card, cardText, dialogCard, fieldErrors, inputs, invalidAnswer, invokeCard, kind, kinds, markdownText, plainRuns, PUPIL, SCHOOLS, validAnswers, walk,
} from './reportsSupport';

const REF = /^[A-Z]{2}-2026-\d{4}$/;

/** Each element's type and id, in order: what a renderer lays out, whatever is shown. */
function shape(card: unknown): string[] {
  const out: string[] = [];
  walk(card, (o) => {
    if (typeof o.type === 'string' && !o.type.startsWith('Action.')) out.push(`${o.type}${typeof o.id === 'string' ? `#${o.id}` : ''}`);
  });
  return out;
}

for (const storage of STORAGE_BACKENDS) {
  describe(`reports over HTTP (${storage})`, function () {
    this.timeout(60_000);
    let h: Harness;
    const clock = new FakeClock();

    before(async () => {
      h = await startHarness({ storage, clock });
    });
    after(async () => h?.close());
    beforeEach(() => h.connector.reset());

    const opts = (from: Persona = people.teacher) => ({ serviceUrl: h.serviceUrl, from });
    async function exec(verb: string, data: Record<string, unknown>, from: Persona = people.teacher): Promise<Card> {
      const res = await h.send(actionExecute(verb, data, opts(from)));
      assert.equal(res.status, 200);
      const card = invokeCard(res.body);
      assert.deepEqual(validateCard(card), [], `${verb} card renders in the official renderer`);
      return card;
    }
    /** Messages the bot sent to one person's 1:1 chat with this summary (alerts elsewhere are ignored). */
    const to = (from: Persona, summary: string) => (m: { conversationId: string; summary?: string }) => m.conversationId === `a:personal-${from.aadObjectId}` && m.summary === summary;
    async function picker(from: Persona = people.teacher): Promise<Card> {
      const before = h.connector.messages.filter(to(from, 'Make a report')).length;
      await h.send(personalMessage('report', opts(from)));
      const sent = await h.connector.waitForMessages(before + 1, to(from, 'Make a report'));
      const msg = sent[sent.length - 1];
      const card = msg.attachments?.[0].content as Card;
      assert.deepEqual(validateCard(card), []);
      return card;
    }
    async function openForm(kindId: string, from: Persona = people.teacher): Promise<Card> {
      const card = await picker(from);
      return exec('report.start', actionData(card, 'report.start', (d) => d.kind === kindId), from);
    }
    async function fileKind(kindId: string, from: Persona = people.teacher, overrides: Record<string, string> = {}): Promise<string> {
      const form = await openForm(kindId, from);
      const review = await exec('report.review', { ...actionData(form, 'report.review'), ...validAnswers(kindId), ...overrides }, from);
      const filed = await exec('report.submit', actionData(review, 'report.submit'), from);
      const ref = /Reference[^A-Z]*([A-Z]{2}-2026-\d{4})/.exec(JSON.stringify(filed))?.[1];
      assert.ok(ref, `a reference in ${JSON.stringify(filed).slice(0, 300)}`);
      return ref;
    }
    function assertNoPersonalDataOutsideCards(): void {
      assert.doesNotMatch(h.logText(), /Pupilname|jamie_p/, 'no pupil name in the logs');
      for (const m of h.connector.messages) {
        assert.doesNotMatch(`${m.text ?? ''} ${m.summary ?? ''}`, /Pupilname/, 'no pupil name in text or summary');
      }
    }

    it('`report` in 1:1 chat shows every kind, the immediate-risk line, and a fixed summary', async () => {
      const card = await picker();
      const text = cardText(card);
      for (const k of kinds.list()) assert.match(text, new RegExp(k.title.replace(/[()]/g, '.')));
      assert.match(text, /call 999/);
      const msg = h.connector.messages.find((m) => m.conversationId === `a:personal-${people.teacher.aadObjectId}`);
      assert.equal(msg?.summary, 'Make a report');
      assert.equal(msg?.text, undefined, 'the card alone: no text above it repeating what it says');
      assert.equal(card.version, '1.5');
      assert.deepEqual([...actionTypes(card)], ['Action.Execute'], 'Universal Actions, so steps replace the card');
    });

    for (const k of kinds.list()) {
      describe(k.title, () => {
        it('walks from the picker through form and review to a stored report with a reference', async () => {
          const form = await openForm(k.id);
          const formText = cardText(form);
          for (const g of k.guidance) assert.ok(formText.includes(g), 'guidance shown');
          assert.match(formText, /Write facts in your own words: records can be disclosed/);
          if (k.safeguarding) assert.match(formText, /If a child is at immediate risk, tell the DSL now or call 999: this form is not the route/);
          else assert.doesNotMatch(formText, /call 999: this form/);
          for (const f of formFields(k, SCHOOLS)) assert.ok(f.id in inputs(form), `input ${f.id}`);

          const review = await exec('report.review', { ...actionData(form, 'report.review'), ...validAnswers(k.id) });
          assert.match(cardText(review), /Check your report/);
          assert.match(JSON.stringify(review), /Cronton CE Primary School/);
          if (k.id === 'pupil-connection') {
            assert.ok(plainRuns(review).includes(validAnswers(k.id).whatHappened), 'user text shown exactly as typed, in a TextRun (never markdown)');
            assert.ok(!markdownText(review).includes('[click](http'), 'no live link injected');
          }

          const filed = await exec('report.submit', actionData(review, 'report.submit'));
          const ref = /([A-Z]{2}-2026-\d{4})/.exec(cardText(filed))?.[1] ?? '';
          assert.match(ref, REF);
          assert.ok(ref.startsWith(`${k.referencePrefix}-`));

          const stored = await h.bot.services.reports.repository.get(ref);
          assert.ok(stored, 'stored before the confirmation was sent');
          const r = stored.report;
          assert.equal(r.kind, k.id);
          assert.equal(r.schoolId, 'cronton');
          assert.equal(r.status, 'new');
          assert.equal(r.priority, k.priority);
          assert.deepEqual(r.routing, k.routing);
          assert.equal(r.reporter.aadObjectId, people.teacher.aadObjectId, 'reporter from the Teams identity');
          assert.equal(r.reporter.name, people.teacher.name);
          assert.equal(r.reporterConversation.conversationId, `a:personal-${people.teacher.aadObjectId}`);
          assert.equal(r.reporterConversation.serviceUrl, h.serviceUrl);
          assert.equal(r.submittedAt, '2026-11-25T09:00:00.000Z');
          assert.equal(r.happenedAt, k.id === 'new-account' ? r.submittedAt : '2026-11-24T16:30:00.000Z');
          for (const f of k.fields) assert.ok(f.id in r.fields, `field ${f.id} stored`);
          assert.ok(await h.bot.services.store.get('outbox', OUTBOX_PARTITION, `report.filed:${ref}`), 'outbox entry for routing');
          assertNoPersonalDataOutsideCards();
        });

        it('shows every validation error on the same form with everything typed kept', async () => {
          const form = await openForm(k.id);
          const flow = actionData(form, 'report.review');
          const fields = formFields(k, SCHOOLS);

          // Nothing answered (the school is preselected once remembered, so clear it too).
          const empty = Object.fromEntries(fields.flatMap((f) => [[f.id, ''], ...(f.type === 'datetime' ? [[timeKey(f.id), '']] : [])]));
          assert.doesNotMatch(cardText(form), /answers? needs? changing|This is required/, 'no errors shown before Review');
          const blank = await exec('report.review', { ...flow, ...empty });
          const blankErrors = fieldErrors(blank);
          for (const f of fields.filter((x) => x.required)) assert.equal(blankErrors[f.id], 'This is required.', f.id);
          assert.match(cardText(blank), /Everything you typed is kept/);
          // Teams' web renderer mixes up drop-downs when a card replaced in place has its
          // elements at other positions: errors are shown and hidden, never added or removed.
          assert.deepEqual(shape(blank), shape(form), 'the same elements, in the same places, as the form before');

          // Every field answered wrongly at once: each gets its own error, each input keeps what was typed.
          const bad: Record<string, string> = { ...validAnswers(k.id) };
          const expected: Record<string, RegExp> = {};
          for (const f of fields) {
            const { values, error } = invalidAnswer(f);
            Object.assign(bad, values);
            expected[f.id] = error;
          }
          const wrong = await exec('report.review', { ...flow, ...bad });
          const errors = fieldErrors(wrong);
          for (const f of fields) assert.match(errors[f.id] ?? '(none)', expected[f.id], f.id);
          const kept = inputs(wrong);
          for (const [id, value] of Object.entries(bad)) assert.equal(kept[id], value, `input ${id} keeps its value`);

          // Fixing them files the report.
          const review = await exec('report.review', { ...flow, ...validAnswers(k.id) });
          const filed = await exec('report.submit', actionData(review, 'report.submit'));
          assert.match(cardText(filed), /Report filed/);
        });
      });
    }

    it('files once on a double tap, a repeat and a late retry, always with the same reference', async () => {
      const form = await openForm('pupil-connection');
      const review = await exec('report.review', { ...actionData(form, 'report.review'), ...validAnswers('pupil-connection') });
      const submit = actionData(review, 'report.submit');
      const [a, b] = await Promise.all([exec('report.submit', submit), exec('report.submit', submit)]);
      const c = await exec('report.submit', submit);
      const refs = [a, b, c].map((card) => /([A-Z]{2}-2026-\d{4})/.exec(cardText(card))?.[1]);
      assert.equal(new Set(refs).size, 1, refs.join(' '));
      const matching = (await h.bot.services.reports.repository.listByReporter(people.teacher.aadObjectId)).filter((r) => r.submissionId === submit.submissionId);
      assert.equal(matching.length, 1);
      assert.match(cardText(c), /already filed/);
      // An old Review or Edit button on the filed form does not reopen it.
      assert.match(cardText(await exec('report.review', { ...actionData(form, 'report.review'), ...validAnswers('pupil-connection') })), /already filed/);
    });

    it('offers an abandoned form for resume, with what was typed', async () => {
      const user = people.otherTeacher;
      const form = await openForm('media-contact', user);
      const partial = { outlet: 'Daily Example', whatAsked: 'About the school trip.' };
      assert.doesNotMatch(cardText(form), /as you left it/, 'a new form is not called unfinished');
      const saved = await exec('report.save', { ...actionData(form, 'report.save'), ...partial }, user);
      assert.match(cardText(saved), /Saved for later/);

      // Later: `report` offers it first; "Carry on" brings it back as typed.
      const again = await picker(user);
      assert.match(cardText(again), /You have an unfinished report/);
      assert.match(cardText(again), /Media contact/);
      const resumed = await exec('report.resume', actionData(again, 'report.resume'), user);
      assert.match(cardText(resumed), /Here is your unfinished report as you left it/);
      assert.equal(inputs(resumed).outlet, 'Daily Example');
      assert.equal(inputs(resumed).whatAsked, 'About the school trip.');

      // Choosing the same kind again resumes too; filing clears the draft.
      const viaKind = await exec('report.start', actionData(again, 'report.start', (d) => d.kind === 'media-contact'), user);
      assert.equal(inputs(viaKind).outlet, 'Daily Example');
      const review = await exec('report.review', { ...actionData(viaKind, 'report.review'), ...validAnswers('media-contact') }, user);
      await exec('report.submit', actionData(review, 'report.submit'), user);
      assert.doesNotMatch(cardText(await picker(user)), /unfinished report/);
    });

    it('keeps what was typed when review fails, and offers it after the chat is left', async () => {
      const user = people.deputy;
      const form = await openForm('colleague-abuse', user);
      await exec('report.review', { ...actionData(form, 'report.review'), colleagueName: 'Sam Other' }, user);
      const again = await picker(user);
      const resumed = await exec('report.resume', actionData(again, 'report.resume'), user);
      assert.equal(inputs(resumed).colleagueName, 'Sam Other');
      // Discard asks first (a stray tap must not lose a report), keeping what was typed since.
      const asked = await exec('report.discard', { ...actionData(resumed, 'report.discard'), ...inputs(resumed), colleagueName: 'Sam Other-Name' }, user);
      assert.match(cardText(asked), /Discard this report\?/);
      assert.match(cardText(await picker(user)), /You have an unfinished report/, 'nothing deleted yet');
      const kept = await exec('report.resume', actionData(asked, 'report.resume'), user);
      assert.equal(inputs(kept).colleagueName, 'Sam Other-Name', '"Keep it" brings back what was typed');
      const confirm = await exec('report.discard', actionData(kept, 'report.discard'), user);
      const discarded = await exec('report.discard', actionData(confirm, 'report.discard', (d) => d.confirm === 'yes'), user);
      assert.match(cardText(discarded), /discarded/);
      assert.doesNotMatch(cardText(await picker(user)), /unfinished report/);
    });

    it('remembers the school for the next report', async () => {
      const user = people.otherHead;
      assert.equal(inputs(await openForm('parent-connection', user)).school, '', 'not known before the first report');
      await fileKind('parent-connection', user, { school: 'beacon' });
      assert.equal(inputs(await openForm('parent-connection', user)).school, 'beacon');
    });

    it('starts from a policy answer\'s button with the form as a new message, leaving the answer card alone', async () => {
      const res = await h.send(actionExecute('report.start', { kind: 'media-contact' }, opts()));
      const body = res.body as { type: string; value: string };
      assert.equal(body.type, 'application/vnd.microsoft.activity.message');
      const [msg] = await h.connector.waitForMessages(1, to(people.teacher, 'Report form'));
      assert.equal(msg.summary, 'Report form');
      assert.match(cardText(msg.attachments?.[0].content), /Media contact/);
      // Without a kind: the picker.
      await h.send(actionExecute('report.start', {}, opts()));
      const [pick] = await h.connector.waitForMessages(1, to(people.teacher, 'Make a report'));
      assert.match(cardText(pick.attachments?.[0].content), /What do you want to report/);
    });

    it('files from "Report this message" in a dialog, with the message as evidence, once despite Teams retries', async () => {
      const user = people.head;
      const payload = messagePayload(`Hi miss, it's ${PUPIL}, can I add you on Insta? <a href="http://evil.example">x</a> &amp; more`, people.otherTeacher, '2026-11-24T18:05:00.000Z');
      const fetched = await h.send(messageExtensionFetchTask(COMMAND_IDS.reportMessage, payload, { ...opts(user), channel: {} }));
      assert.equal(fetched.status, 200);
      const pickerCard = dialogCard(fetched.body);
      assert.deepEqual(validateCard(pickerCard), []);
      assert.deepEqual([...actionTypes(pickerCard)], ['Action.Submit'], 'dialogs use Action.Submit');
      const submit = async (data: Record<string, unknown>) => {
        const res = await h.send(messageExtensionSubmit(COMMAND_IDS.reportMessage, data, payload, { ...opts(user), channel: {} }));
        assert.equal(res.status, 200);
        const card = dialogCard(res.body);
        assert.deepEqual(validateCard(card), []);
        return card;
      };
      const form = await submit(actionData(pickerCard, 'report.start', (d) => d.kind === 'pupil-connection'));
      const formText = cardText(form);
      assert.match(formText, /The message you are reporting/);
      assert.match(formText, /From Sam Other/);
      assert.ok(formText.includes('can I add you on Insta?'.replace('?', '')), 'message text shown');
      assert.ok(!JSON.stringify(form).includes('<a href'), 'HTML stripped');
      assert.equal(inputs(form).happenedAt, '2026-11-24', 'prefilled from the message time');
      assert.equal(inputs(form)[timeKey('happenedAt')], '18:05');
      assert.equal(inputs(form).evidenceHeld, 'yes');

      const answers = { ...validAnswers('pupil-connection') };
      delete answers.happenedAt;
      delete answers[timeKey('happenedAt')];
      const withError = await submit({ ...actionData(form, 'report.review'), ...inputs(form), ...answers, pupilName: '' });
      assert.equal(fieldErrors(withError).pupilName, 'This is required.');
      const review = await submit({ ...actionData(withError, 'report.review'), ...inputs(withError), pupilName: PUPIL });
      assert.match(cardText(review), /Reported message/);
      const submitData = actionData(review, 'report.submit');
      const first = await submit(submitData);
      const retried = await submit(submitData); // Teams retries submitAction
      const ref = /([A-Z]{2}-2026-\d{4})/.exec(cardText(first))?.[1] ?? '';
      assert.match(ref, REF);
      assert.equal(/([A-Z]{2}-2026-\d{4})/.exec(cardText(retried))?.[1], ref);

      const stored = (await h.bot.services.reports.repository.get(ref))?.report;
      assert.equal(stored?.source, 'message-extension');
      assert.equal(stored?.evidenceHeld, true);
      assert.match(stored?.evidence?.text ?? '', /can I add you on Insta\? x & more/);
      assert.equal(stored?.evidence?.authorName, 'Sam Other');
      assert.equal(stored?.evidence?.sentAt, '2026-11-24T18:05:00.000Z');
      assert.equal(stored?.reporter.aadObjectId, user.aadObjectId);
      assert.equal(stored?.reporterConversation.conversationId, undefined, 'not the 1:1 chat: routing opens one');
      assert.equal((await h.bot.services.reports.repository.listByReporter(user.aadObjectId)).length, 1);
      assertNoPersonalDataOutsideCards();
    });

    it('`my reports` lists one\'s own reports with status, and nobody else\'s', async () => {
      const alice = people.admin;
      const bob = people.trustDsl;
      const aliceRef = await fileKind('new-account', alice);
      const bobRef = await fileKind('parent-connection', bob);
      h.connector.reset();
      await h.send(personalMessage('my reports', opts(alice)));
      const [msg] = await h.connector.waitForMessages(1, to(alice, 'Your reports'));
      assert.equal(msg.summary, 'Your reports');
      const list = msg.attachments?.[0].content as Card;
      assert.deepEqual(validateCard(list), []);
      assert.ok(cardText(list).includes(aliceRef));
      assert.ok(!JSON.stringify(list).includes(bobRef), 'another person\'s report is not listed');
      assert.match(cardText(list), /New/);
      const view = await exec('report.view', actionData(list, 'report.view'), alice);
      assert.match(cardText(view), /@CrontonPE/);
      assert.ok(markdownText(view).split('\n').includes('New'), 'the status as a word, not its id');
      assert.doesNotMatch(cardText(view), /Priority|Reported by/, 'nothing for the reporter to act on or already known');
      // Asking for someone else's report by reference is refused.
      const refused = await exec('report.view', { ref: bobRef }, alice);
      assert.match(cardText(refused), /only reports you filed yourself/);
      assert.ok(!JSON.stringify(refused).includes('Casey Parent'));
    });

    it('"My reports" on a confirmation keeps the confirmation (with its reference) and lists the reports below it', async () => {
      const ref = await fileKind('parent-connection', people.teacher);
      h.connector.reset();
      const res = await h.send<{ type?: string; value?: unknown }>(actionExecute('report.mine', { verb: 'report.mine', via: 'filed' }, opts()));
      assert.equal(res.status, 200);
      assert.equal(res.body.type, 'application/vnd.microsoft.activity.message', 'no card in the response: the confirmation stays as it is');
      const [msg] = await h.connector.waitForMessages(1, to(people.teacher, 'Your reports'));
      assert.ok(cardText(msg.attachments?.[0].content).includes(ref));
      assert.equal(msg.text, undefined);
    });

    it('keeps reports private to 1:1 chat: `report` in a channel is not a report command', async () => {
      const channel = '19:private-test@thread.tacv2';
      await h.send(channelMessage('report', { serviceUrl: h.serviceUrl, channelId: channel }));
      const replies = await h.connector.waitForMessages(1, (m) => m.conversationId.startsWith(channel));
      for (const r of replies) {
        assert.notEqual(r.summary, 'Make a report');
        assert.doesNotMatch(cardText(r.attachments?.[0]?.content ?? {}), /What do you want to report/);
      }
    });

    it('keeps a filed report across a server restart', async () => {
      const ref = await fileKind('pupil-communication', people.teacher);
      await h.restart();
      const stored = await h.bot.services.reports.repository.get(ref);
      assert.equal(stored?.report.kind, 'pupil-communication');
      h.connector.reset();
      await h.send(personalMessage('my reports', opts()));
      const [msg] = await h.connector.waitForMessages(1, to(people.teacher, 'Your reports'));
      assert.ok(cardText(msg.attachments?.[0].content).includes(ref));
      assertNoPersonalDataOutsideCards();
    });

    it('answers an expired or tampered form button clearly, changing nothing', async () => {
      const card = await exec('report.submit', { kind: 'pupil-connection', submissionId: 'not-a-uuid' });
      assert.match(cardText(card), /no longer open/);
      const unknown = await exec('report.start', { kind: 'no-such-kind', via: 'picker' });
      assert.match(cardText(unknown), /What do you want to report/);
    });

    it('logs filings by reference only', async () => {
      const ref = await fileKind('pupil-connection', people.teacher);
      const line = h.logs.find((l) => l.event === 'report.filed' && l.ref === ref);
      assert.deepEqual(Object.keys(line ?? {}).sort(), ['event', 'kind', 'level', 'ref', 'schoolId', 'source', 't']);
      assert.equal(kind('pupil-connection').referencePrefix, ref.slice(0, 2));
      assertNoPersonalDataOutsideCards();
    });
  });
}
