/**
 * Triage on the card over HTTP (Universal Actions), on SQLite and Azurite: the triager view on
 * refresh (audited) and the plain card for everyone else; every lifecycle action, with the
 * channel's card updated in place; permission on the server for every action; two triagers at
 * once; the reporter told of acknowledgement and resolution (status only); channel commands
 * (open alerts, export) and the CPOMS/MyConcern hand-off; no personal data outside the view.
 */
import { strict as assert } from 'node:assert';
import { startHarness, Harness, FakeClock, STORAGE_BACKENDS } from '../support/harness';
import { actionRefresh, actionExecute, people, Persona, personalConversation } from '../support/activities';
import { validateCard } from '../support/acRenderer';
import { Card, PUPIL, cardText, inputs } from './reportsSupport';
import {
  CHANNELS, alertsFor, chair, command, factValue, fileReport, link, messagesIn, routingEnv, startedThreads, teamMembers, waitForAlerts, writeDirectory,
} from './routingSupport';
import { auditTrail } from '../../src/domain/triage/audit';
import { triageOf } from '../../src/domain/triage/state';
import type { Report } from '../../src/domain/reports/types';

const PERSONAL = /Pupilname|jamie_p|A follow request from|Abusive comments|Riley Reporter/;
type Body = { statusCode: number; type: string; value: unknown };

for (const storage of STORAGE_BACKENDS) {
  describe(`triage on the card (${storage})`, function () {
    this.timeout(60_000);
    let h: Harness;
    const clock = new FakeClock(Date.parse('2026-11-25T09:00:00Z'));

    before(async () => {
      h = await startHarness({ storage, clock, env: routingEnv(writeDirectory()) });
      teamMembers(h.connector);
      await link(h, 'cronton');
      await link(h, 'beacon');
      await link(h, 'trust');
    });
    after(async () => h?.close());

    async function invoke(verb: string, ref: string, from: Persona, inputValues: Record<string, string> = {}, automatic = false): Promise<Body> {
      const build = automatic ? actionRefresh : actionExecute;
      const res = await h.send<Body>(build(verb, { ref, ...inputValues }, { serviceUrl: h.serviceUrl, from, channel: CHANNELS.cronton }));
      assert.equal(res.status, 200);
      return res.body;
    }
    function cardOf(body: Body): Card {
      assert.equal(body.type, 'application/vnd.microsoft.card.adaptive', `a card, got ${JSON.stringify(body).slice(0, 200)}`);
      const card = body.value as Card;
      assert.deepEqual(validateCard(card), [], 'the card renders in the official renderer');
      assert.equal(card.refresh, undefined, 'a personal view never carries refresh (it would be pushed to everyone)');
      return card;
    }
    async function report(ref: string): Promise<Report> {
      return (await h.bot.services.routing.reports.get(ref))!.report;
    }
    /** Files a report and waits until its alert is posted and recorded on the report. */
    async function fileDelivered(kindId: string, o: Parameters<typeof fileReport>[2] = {}, copies = 1): Promise<string> {
      const ref = await fileReport(h, kindId, o);
      await waitForAlerts(h.connector, ref, copies);
      for (let i = 0; i < 200 && triageOf(await report(ref)).alerts.length < copies; i++) await new Promise((r) => setTimeout(r, 20));
      assert.equal(triageOf(await report(ref)).alerts.length, copies, 'delivery recorded');
      return ref;
    }
    async function channelCardShows(ref: string, status: string): Promise<Card> {
      await h.connector.waitFor(() => alertsFor(h.connector, ref).some((a) => factValue(a.card, 'Status') === status), 8_000, `the channel card of ${ref} to show ${status}`);
      return alertsFor(h.connector, ref).find((a) => a.channelId === CHANNELS.cronton.channelId)!.card;
    }
    function assertNoPersonalDataOutsideViews(): void {
      for (const t of startedThreads(h.connector)) assert.doesNotMatch(JSON.stringify(t.activity), PERSONAL, 'channel cards');
      for (const u of h.connector.updates) assert.doesNotMatch(JSON.stringify(u), PERSONAL, 'card updates');
      for (const m of h.connector.messages) assert.doesNotMatch(JSON.stringify(m), PERSONAL, 'messages the bot sent');
      assert.doesNotMatch(h.logText(), PERSONAL, 'logs');
    }

    it('shows a triager the details on refresh (audited) and keeps the plain card for anyone else', async () => {
      const ref = await fileReport(h, 'pupil-connection');
      const [alert] = await waitForAlerts(h.connector, ref);
      const userIds = (alert.card.refresh as { userIds: string[] }).userIds;
      assert.deepEqual([...userIds].sort(), [people.head.id, people.deputy.id].sort(), 'refresh names this school\'s triagers (Teams ids)');

      const view = cardOf(await invoke('triage.view', ref, people.head, {}, true));
      const text = cardText(view);
      assert.match(text, new RegExp(PUPIL), 'the triager sees the pupil');
      assert.match(text, /Alex Teacher/, 'and who reported it');
      assert.ok(text.includes('[click]\u2060(http'), 'typed markdown is escaped (escapeText)');
      assert.match(inputs(view).handoffText, new RegExp(`trustline report ${ref}[\\s\\S]*${PUPIL}`), 'the CPOMS/MyConcern hand-off is plain text with the details');

      const other = cardOf(await invoke('triage.view', ref, people.teacher, {}, true));
      assert.doesNotMatch(JSON.stringify(other), PERSONAL, 'a non-triager\'s refresh gets the plain card');
      const refused = await invoke('triage.open', ref, people.otherHead);
      assert.equal(refused.type, 'application/vnd.microsoft.activity.message');
      assert.match(String(refused.value), /You may not/);

      const trail = await auditTrail(h.bot.services.store, ref);
      assert.ok(trail.some((e) => e.action === 'view' && e.outcome === 'shown' && e.actor === people.head.aadObjectId && e.detail === 'refresh'));
      assert.ok(trail.some((e) => e.action === 'view' && e.outcome === 'denied' && e.actor === people.otherHead.aadObjectId));
      assertNoPersonalDataOutsideViews();
    });

    it('runs the lifecycle on the card, updating the channel card in place and telling the reporter of ack and resolve only', async () => {
      const ref = await fileReport(h, 'pupil-connection');
      const [alert] = await waitForAlerts(h.connector, ref);
      const reporterChat = personalConversation(people.teacher).id;
      const before = messagesIn(h.connector, reporterChat).length;

      let card = cardOf(await invoke('triage.acknowledge', ref, people.head));
      assert.match(cardText(card), /Acknowledged/);
      await channelCardShows(ref, 'Acknowledged');
      await h.connector.waitFor(() => messagesIn(h.connector, reporterChat).length > before, 8_000, 'the reporter\'s notification');
      const ackMsg = messagesIn(h.connector, reporterChat).at(-1)!;
      assert.match(String(ackMsg.text), new RegExp(`${ref}.*acknowledged`));

      card = cardOf(await invoke('triage.classify', ref, people.head, { classifyReason: 'low-level' }));
      assert.equal(factValue(card, 'Classification'), 'Low-level concern');
      await channelCardShows(ref, 'In progress');

      card = cardOf(await invoke('triage.assign', ref, people.head, { assignTo: people.deputy.aadObjectId }));
      assert.equal(factValue(card, 'Assigned to'), 'Jo Deputy');

      card = cardOf(await invoke('triage.note', ref, people.deputy, { noteText: 'Spoke to Jamie Pupilname\'s parents; they will report the account.' }));
      assert.match(cardText(card), /Spoke to Jamie Pupilname/);

      card = cardOf(await invoke('triage.refer', ref, people.deputy, { referTo: 'school-system', referReference: 'CPOMS 1234' }));
      assert.match(cardText(card), /CPOMS\/MyConcern.*CPOMS 1234/);
      await channelCardShows(ref, 'Referred');

      const invalid = cardOf(await invoke('triage.resolve', ref, people.deputy, { resolveOutcome: 'ok' }));
      assert.match(cardText(invalid), /Say what the outcome was/);
      assert.equal(inputs(invalid).resolveOutcome, 'ok', 'what was typed is kept');
      assert.equal((await report(ref)).status, 'referred', 'nothing changed');

      card = cardOf(await invoke('triage.resolve', ref, people.deputy, { resolveOutcome: 'Parents informed; account blocked; recorded in CPOMS.' }));
      const resolved = await channelCardShows(ref, 'Resolved');
      assert.match(JSON.stringify(resolved), /Resolved: Pupil connection attempt/);
      await h.connector.waitFor(() => messagesIn(h.connector, reporterChat).some((m) => /resolved/.test(String(m.text))), 8_000, 'the resolution notice');

      card = cardOf(await invoke('triage.reopen', ref, people.head, { reopenReason: 'The account came back.' }));
      await channelCardShows(ref, 'Referred');
      const history = (await report(ref)).history.map((e) => e.action);
      assert.deepEqual(history, ['filed', 'acknowledged', 'classified', 'assigned', 'note', 'referred', 'resolved', 'reopened']);

      const notices = messagesIn(h.connector, reporterChat).slice(before);
      assert.equal(notices.length, 2, 'one notice for ack, one for resolve');
      for (const n of notices) assert.doesNotMatch(JSON.stringify(n), /Spoke to|CPOMS 1234|blocked|Low-level/, 'status only, never triage notes');
      assert.ok(h.connector.updates.some((u) => u.activityId === alert.activityId), 'the posted activity itself was updated');
      assertNoPersonalDataOutsideViews();
    });

    it('escalates to the trust channel, where the trust\'s named people may then act', async () => {
      const ref = await fileReport(h, 'parent-connection');
      await waitForAlerts(h.connector, ref);
      const denied = await invoke('triage.acknowledge', ref, people.trustDsl);
      assert.match(String(denied.value), /You may not/, 'the trust is not involved yet');
      cardOf(await invoke('triage.escalate', ref, people.head, { escalateReason: 'Parent is a governor.' }));
      const alerts = await waitForAlerts(h.connector, ref, 2);
      const trust = alerts.find((a) => a.channelId === CHANNELS.trust.channelId);
      assert.match(JSON.stringify(trust?.card), /Escalated to the trust by Pat Headteacher/);
      assert.ok((trust?.card.refresh as { userIds: string[] }).userIds.includes(people.trustDsl.id), 'the trust DSL\'s client refreshes too');
      const again = cardOf(await invoke('triage.escalate', ref, people.deputy));
      assert.match(cardText(again), /Already escalated/);
      const byTrust = cardOf(await invoke('triage.note', ref, people.trustDsl, { noteText: 'Trust DSL is aware.' }));
      assert.match(cardText(byTrust), /Trust DSL is aware/);
    });

    it('approves or rejects an account request, a rejection needing a reason', async () => {
      const ref = await fileReport(h, 'new-account');
      await waitForAlerts(h.connector, ref);
      const view = cardOf(await invoke('triage.open', ref, people.head));
      assert.match(JSON.stringify(view), /triage\.approve/);
      const noReason = cardOf(await invoke('triage.reject', ref, people.head, { decisionReason: '' }));
      assert.match(cardText(noReason), /Give the reason/);
      cardOf(await invoke('triage.reject', ref, people.head, { decisionReason: 'Use the school\'s existing account.' }));
      const r = await report(ref);
      assert.equal(r.status, 'resolved');
      assert.equal(triageOf(r).decision?.decision, 'rejected');
      assert.deepEqual(r.history.map((e) => e.action).slice(-3), ['acknowledged', 'rejected', 'resolved']);
    });

    it('lets a non-triager and another school\'s triager change nothing, and audits the attempts', async () => {
      const ref = await fileDelivered('pupil-connection');
      const before = await report(ref);
      for (const who of [people.teacher, people.otherHead, people.admin]) {
        for (const [verb, values] of [['triage.acknowledge', {}], ['triage.note', { noteText: 'x' }], ['triage.resolve', { resolveOutcome: 'Closed by me' }]] as const) {
          const res = await invoke(verb, ref, who, values);
          assert.equal(res.type, 'application/vnd.microsoft.activity.message');
          assert.match(String(res.value), /You may not.*Nothing was changed/);
        }
      }
      const after = await report(ref);
      assert.deepEqual(after, before, 'the stored report is unchanged');
      const denied = (await auditTrail(h.bot.services.store, ref)).filter((e) => e.outcome === 'denied');
      assert.equal(denied.length, 9);
    });

    it('never trusts card data for state: a forged status or school in the data changes nothing', async () => {
      const ref = await fileReport(h, 'pupil-connection', { school: 'beacon' });
      await waitForAlerts(h.connector, ref);
      const forged = await invoke('triage.resolve', ref, people.head, { resolveOutcome: 'Done', schoolId: 'cronton', status: 'new', triagers: people.head.aadObjectId } as Record<string, string>);
      assert.match(String(forged.value), /You may not/, 'Cronton\'s head is not Beacon\'s triager, whatever the card says');
      assert.equal((await report(ref)).status, 'new');
    });

    it('keeps both of two notes made at once, and refuses the second of two acknowledgements cleanly', async () => {
      const ref = await fileReport(h, 'parent-connection');
      await waitForAlerts(h.connector, ref);
      const [a, b] = await Promise.all([
        invoke('triage.note', ref, people.head, { noteText: 'First note.' }),
        invoke('triage.note', ref, people.deputy, { noteText: 'Second note.' }),
      ]);
      cardOf(a);
      cardOf(b);
      assert.deepEqual(triageOf(await report(ref)).notes.map((n) => n.text).sort(), ['First note.', 'Second note.']);

      const acks = await Promise.all([invoke('triage.acknowledge', ref, people.head), invoke('triage.acknowledge', ref, people.deputy)]);
      const texts = acks.map((x) => cardText(cardOf(x)));
      assert.equal(texts.filter((t) => /Acknowledged\. The reporter/.test(t)).length, 1, 'one acknowledgement applied');
      const loser = texts.find((t) => /Already acknowledged by/.test(t));
      assert.ok(loser, 'the other is told, on the current card');
      assert.match(loser, /Status[\s\S]*Acknowledged/);
      const r = await report(ref);
      assert.equal(r.history.filter((e) => e.action === 'acknowledged').length, 1);
      const refusals = (await auditTrail(h.bot.services.store, ref)).filter((e) => e.outcome === 'refused');
      assert.equal(refusals.length, 1);
    });

    it('gives a report concerning a triager to the trust\'s named people only', async () => {
      const ref = await fileReport(h, 'colleague-abuse', { overrides: { concernsTriager: 'yes' } });
      await waitForAlerts(h.connector, ref, 2);
      // To the school it is as if there were no such report (confidentiality.test.ts covers every view).
      assert.match(String((await invoke('triage.open', ref, people.head)).value), /no longer available/);
      assert.match(String((await invoke('triage.acknowledge', ref, people.deputy)).value), /no longer available/);
      const view = cardOf(await invoke('triage.open', ref, chair));
      assert.match(cardText(view), /Abusive comments/);
      assert.doesNotMatch(JSON.stringify(view), /triage\.escalate/, 'already with the trust: no escalation');
      cardOf(await invoke('triage.acknowledge', ref, people.trustDsl));
      assert.equal((await report(ref)).status, 'acknowledged');
    });

    it('lists open alerts in the channel, oldest first, without personal data', async () => {
      const reply = await command(h, 'open alerts', CHANNELS.cronton, people.teacher);
      assert.match(reply, /Open alerts: Cronton CE Primary School/);
      const open = (await h.bot.services.routing.triage.schoolReports('cronton')).filter((r) => r.status !== 'resolved');
      for (const r of open.slice(0, 40)) assert.ok(reply.includes(r.ref), `${r.ref} listed`);
      const resolved = (await h.bot.services.routing.triage.schoolReports('cronton')).filter((r) => r.status === 'resolved');
      for (const r of resolved) assert.ok(!reply.includes(r.ref), `${r.ref} (resolved) not listed`);
      assert.doesNotMatch(reply, PERSONAL);
    });

    it('exports a school\'s alerts as CSV for its triagers only, metadata only', async () => {
      const refused = await command(h, 'export 2026-11-01 2026-11-30', CHANNELS.cronton, people.teacher);
      assert.match(refused, /Only Cronton CE Primary School's triagers can export/);
      assert.match(await command(h, 'export 2026-11-30', CHANNELS.cronton, people.head), /two dates/);
      const reply = await command(h, 'export 01/11/2026 30/11/2026', CHANNELS.cronton, people.head);
      const sent = h.connector.messages.at(-1)!;
      const csv = inputs(sent.attachments?.[0].content).csv.replace(/\r\n/g, '\n');
      assert.match(csv, /^reference,kind,priority,status,received,acknowledged,acknowledge_by,classification,referred_to,escalated,resolved,reopened_times/);
      const rows = csv.trim().split('\n').slice(1);
      const expected = await h.bot.services.routing.triage.schoolReports('cronton');
      assert.equal(rows.length, expected.length);
      assert.doesNotMatch(reply, PERSONAL);
      assert.match(await command(h, 'export 2026-10-01 2026-10-31', CHANNELS.cronton, people.head), /0 alert\(s\)/);
    });
  });
}
