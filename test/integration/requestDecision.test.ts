/**
 * A new-account request's decision reaches the requester (issue 9, item 4), over HTTP on SQLite
 * and Azurite: the headteacher approves or rejects on the card; the requester's 1:1 notice says
 * which, with the reason (escaped, in the card only: never in the text or summary a notification
 * preview shows), and `my reports` shows Approved / Rejected and the reason.
 */
import { strict as assert } from 'node:assert';
import { startHarness, Harness, STORAGE_BACKENDS } from '../support/harness';
import { actionExecute, people, Persona, personalConversation, personalMessage } from '../support/activities';
import { validateCard } from '../support/acRenderer';
import { Card, cardText, invokeCard, markdownText } from './reportsSupport';
import { CHANNELS, fileReport, link, messagesIn, routingEnv, teamMembers, waitForAlerts, writeDirectory } from './routingSupport';

type Body = { statusCode: number; type: string; value: unknown };
const REJECT_REASON = 'Use the school\'s existing account [here](http://evil.example) *instead*.';

for (const storage of STORAGE_BACKENDS) {
  describe(`a request's decision reaches the requester (${storage})`, function () {
    this.timeout(60_000);
    let h: Harness;

    before(async () => {
      h = await startHarness({ storage, env: routingEnv(writeDirectory()) });
      teamMembers(h.connector);
      await link(h, 'cronton');
    });
    after(async () => h?.close());

    async function triage(verb: string, ref: string, values: Record<string, string> = {}): Promise<void> {
      const res = await h.send<Body>(actionExecute(verb, { ref, ...values }, { serviceUrl: h.serviceUrl, from: people.head, channel: CHANNELS.cronton }));
      assert.equal(res.body.type, 'application/vnd.microsoft.card.adaptive', `${verb} applied`);
    }
    async function noticeFor(ref: string, who: Persona, pattern: RegExp) {
      const chat = personalConversation(who).id;
      await h.connector.waitFor(() => messagesIn(h.connector, chat).some((m) => String(m.text).includes(ref) && pattern.test(String(m.text))), 8_000, `the notice for ${ref}`);
      return messagesIn(h.connector, chat).find((m) => String(m.text).includes(ref) && pattern.test(String(m.text)))!;
    }
    async function myReports(who: Persona): Promise<Card> {
      const chat = personalConversation(who).id;
      const before = messagesIn(h.connector, chat).length;
      await h.send(personalMessage('my reports', { serviceUrl: h.serviceUrl, from: who }));
      await h.connector.waitFor(() => messagesIn(h.connector, chat).length > before, 5_000, 'my reports');
      const card = messagesIn(h.connector, chat).at(-1)!.attachments?.[0].content as Card;
      assert.deepEqual(validateCard(card), []);
      return card;
    }
    async function view(who: Persona, ref: string): Promise<Card> {
      const res = await h.send<Body>(actionExecute('report.view', { verb: 'report.view', ref }, { serviceUrl: h.serviceUrl, from: who }));
      const card = invokeCard(res.body);
      assert.deepEqual(validateCard(card), []);
      return card;
    }

    it('tells the requester of a rejection and its reason, 1:1 and in my reports', async () => {
      const ref = await fileReport(h, 'new-account');
      await waitForAlerts(h.connector, ref);
      await triage('triage.reject', ref, { decisionReason: REJECT_REASON });

      const notice = await noticeFor(ref, people.teacher, /rejected/);
      assert.equal(notice.text, `Your request ${ref} (Request a new official social media account) has been rejected.`);
      assert.doesNotMatch(`${notice.text} ${notice.summary}`, /existing account/, 'the reason is not in the preview');
      const card = notice.attachments?.[0].content as Card;
      assert.deepEqual(validateCard(card), []);
      assert.match(cardText(card), /Reason: Use the school's existing account/);
      assert.ok(!markdownText(card).includes('[here](http'), 'the reason is escaped: no link');
      assert.ok(!JSON.stringify(messagesIn(h.connector, personalConversation(people.teacher).id)).match(new RegExp(`${ref}[^"]*has been resolved`)), 'not a bare "resolved"');

      const list = await myReports(people.teacher);
      const row = JSON.stringify(list);
      assert.match(row, new RegExp(`${ref}[\\s\\S]*"Rejected"`), 'my reports shows Rejected');
      const details = await view(people.teacher, ref);
      assert.match(cardText(details), /Decision\nRejected\nReason\nUse the school's existing account/);
      assert.ok(markdownText(details).split('\n').includes('Rejected'), 'the status reads Rejected');
    });

    it('tells the requester of an approval (and its note), and shows Approved in my reports', async () => {
      const ref = await fileReport(h, 'new-account', { from: people.otherTeacher });
      await waitForAlerts(h.connector, ref);
      await triage('triage.approve', ref, { decisionReason: 'Agreed; Sam to run it with Alex.' });
      const notice = await noticeFor(ref, people.otherTeacher, /approved/);
      assert.match(cardText(notice.attachments?.[0].content), /approved[\s\S]*Reason: Agreed; Sam to run it with Alex\./);
      const list = await myReports(people.otherTeacher);
      assert.match(JSON.stringify(list), new RegExp(`${ref}[\\s\\S]*"Approved"`));
      assert.match(cardText(await view(people.otherTeacher, ref)), /Decision\nApproved/);
    });

    it('shows a reopened request as in progress again, without the old decision', async () => {
      const ref = await fileReport(h, 'new-account', { from: people.deputy });
      await waitForAlerts(h.connector, ref);
      await triage('triage.reject', ref, { decisionReason: 'Not this term.' });
      await noticeFor(ref, people.deputy, /rejected/);
      await triage('triage.reopen', ref, { reopenReason: 'Governors asked us to look again.' });
      const details = cardText(await view(people.deputy, ref));
      assert.doesNotMatch(details, /Decision|Not this term/);
      assert.match(details, /In progress/);
    });
  });
}
