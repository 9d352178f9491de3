/**
 * Reports about a school's own triagers (bypassed to the trust's named people) are invisible in
 * everything scoped to that school, over HTTP on SQLite and Azurite: every channel command in
 * the school's channel (open alerts, export, triagers, help), every card or message the bot sends
 * into the school's channel (alerts, updates, reminders, escalations), and any card action a
 * school triager sends with the reference (answered exactly as an unknown reference), before and
 * after the trust triages it. A normal report of the same school is present throughout, so the
 * test fails if a view is simply empty. The trust's named people still see and triage it 1:1.
 */
import { strict as assert } from 'node:assert';
import { startHarness, Harness, FakeClock, STORAGE_BACKENDS } from '../support/harness';
import { randomUUID } from 'node:crypto';
import { actionExecute, actionRefresh, channelMessage, people, Persona } from '../support/activities';
import type { ChannelOpts } from '../support/activities';
import type { RecordedRequest, SentActivity } from '../support/connector';
import { Card, cardText, inputs } from './reportsSupport';
import {
  CHANNELS, chair, fileReport, link, routingEnv, teamMembers, waitForAlerts, writeDirectory,
} from './routingSupport';
import { triageOf } from '../../src/domain/triage/state';
import { auditTrail } from '../../src/domain/triage/audit';
import type { Report } from '../../src/domain/reports/types';

type Body = { statusCode: number; type: string; value: unknown };

const WED_0900 = '2026-11-25T09:00:00Z';
const BYPASSED_KINDS = /Personal communication with a pupil|Witnessed online abuse of a colleague/;
/** What the trust's triage of the bypassed report records; none of it may reach the school. */
const TRUST_TRIAGE = /Allegation meeting the harm threshold|LADO|LADO-2026-77|Referred|Resolved/;

/** Whether a Connector request went to (or created a thread in) the given channel. */
function inChannel(r: RecordedRequest, channelId: string): boolean {
  if (r.conversationId?.startsWith(`${channelId};`)) return true;
  const body = r.body as { channelData?: { channel?: { id?: string } } } | undefined;
  return body?.channelData?.channel?.id === channelId;
}

for (const storage of STORAGE_BACKENDS) {
  describe(`reports about a school's triagers stay out of the school's views (${storage})`, function () {
    this.timeout(90_000);
    let h: Harness;
    const clock = new FakeClock(Date.parse(WED_0900));
    let normal: string;
    let beaconNormal: string;
    let aboutHead: string;
    let aboutDeputy: string;

    before(async () => {
      h = await startHarness({ storage, clock, env: routingEnv(writeDirectory(), { ACK_MINUTES_HIGH: '60', ESCALATE_MINUTES_HIGH: '180' }) });
      teamMembers(h.connector);
      await link(h, 'cronton');
      await link(h, 'beacon');
      await link(h, 'trust');
      normal = await fileReport(h, 'pupil-connection');
      beaconNormal = await fileReport(h, 'parent-connection', { school: 'beacon', from: people.otherTeacher });
      // A pupil communication about Cronton's headteacher, and abuse of its deputy (a triager).
      aboutHead = await fileReport(h, 'pupil-communication', { overrides: { staffName: 'Pat Headteacher', initiatedBy: 'staff', concernsTriager: 'yes' } });
      aboutDeputy = await fileReport(h, 'colleague-abuse', { from: people.otherTeacher, overrides: { colleagueName: 'Jo Deputy', concernsTriager: 'yes' } });
      await waitForAlerts(h.connector, normal);
      await waitForAlerts(h.connector, beaconNormal);
      await waitForAlerts(h.connector, aboutHead, 2);
      await waitForAlerts(h.connector, aboutDeputy, 2);
      // The Connector has both 1:1 posts; the record notes each copy just after its post returns.
      for (const ref of bypassed()) await storedCopies(ref, 2);
    });
    after(async () => h?.close());

    const bypassed = () => [aboutHead, aboutDeputy];
    async function report(ref: string): Promise<Report> {
      return (await h.bot.services.routing.reports.get(ref))!.report;
    }
    async function storedCopies(ref: string, n: number, timeoutMs = 8_000): Promise<void> {
      for (const end = Date.now() + timeoutMs; triageOf(await report(ref)).alerts.length < n;) {
        if (Date.now() > end) throw new Error(`${ref}: ${n} alert copies not recorded within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 25));
      }
    }
    async function invoke(verb: string, ref: string, from: Persona, values: Record<string, string> = {}, channel?: ChannelOpts, automatic = false): Promise<Body> {
      const build = automatic ? actionRefresh : actionExecute;
      const res = await h.send<Body>(build(verb, { ref, ...values }, { serviceUrl: h.serviceUrl, from, channel }));
      assert.equal(res.status, 200, `${verb}: HTTP ${res.status}`);
      return res.body;
    }
    function assertAbsent(text: string, where: string): void {
      for (const ref of bypassed()) assert.ok(!text.includes(ref), `${where}: ${ref} (about a triager) must not appear`);
      assert.doesNotMatch(text, BYPASSED_KINDS, `${where}: the bypassed reports' kinds must not appear`);
    }

    /** Sends a channel command in a thread of its own and returns everything the bot answered in that thread. */
    async function command(text: string, channel: ChannelOpts, from: Persona): Promise<SentActivity[]> {
      const threadId = `cmd-${randomUUID()}`;
      const res = await h.send(channelMessage(text, { serviceUrl: h.serviceUrl, from, ...channel, threadId }));
      assert.equal(res.status, 200, `${text}: HTTP ${res.status}`);
      return h.connector.messages.filter((m) => m.conversationId === `${channel.channelId};messageid=${threadId}`);
    }

    /** Every school-scoped channel command, by a triager and by another member of staff. */
    async function schoolCommands(): Promise<{ openAlerts: string; csv: string }> {
      let openAlerts = '';
      let csv = '';
      for (const who of [people.head, people.deputy, people.teacher]) {
        for (const text of ['open alerts', 'alerts', 'export 2026-11-01 2026-11-30', 'export 01/11/2026 31/12/2026', 'triagers', 'help']) {
          const sent = await command(text, CHANNELS.cronton, who);
          assert.ok(sent.length > 0, `"${text}" was answered`);
          const reply = JSON.stringify(sent);
          assertAbsent(reply, `"${text}" by ${who.name}`);
          if (text === 'open alerts' && who === people.head) {
            openAlerts = reply;
            assert.ok(reply.includes(normal), `open alerts lists the school's normal report ${normal}`);
            assert.ok(!reply.includes(beaconNormal), 'and not another school\'s');
          }
          if (text.startsWith('export 2026') && who === people.head) {
            csv = inputs(sent.at(-1)?.attachments?.[0].content).csv;
            assert.ok(csv.includes(normal), `the export lists ${normal}`);
          }
        }
      }
      return { openAlerts, csv };
    }

    /** A school triager sending card actions with the bypassed reference: answered as an unknown reference. */
    async function forgedActions(): Promise<void> {
      const unknown = await invoke('triage.open', 'PM-2026-9999', people.head, {}, CHANNELS.cronton);
      for (const ref of bypassed()) {
        const before = await report(ref);
        for (const who of [people.head, people.deputy]) {
          for (const [verb, values, automatic] of [
            ['triage.view', {}, true], ['triage.open', {}, false], ['triage.acknowledge', {}, false],
            ['triage.note', { noteText: 'x' }, false], ['triage.resolve', { resolveOutcome: 'Nothing to see here.' }, false],
          ] as const) {
            const body = await invoke(verb, ref, who, values, CHANNELS.cronton, automatic);
            assert.deepEqual(body, unknown, `${verb} on ${ref} by ${who.name} looks like an unknown reference`);
            assertAbsent(JSON.stringify(body), `${verb} answer`);
          }
        }
        assert.deepEqual(await report(ref), before, 'nothing changed');
      }
    }

    it('keeps them out of every school command and card before the trust acts, and gives them to the named people 1:1', async () => {
      for (const ref of bypassed()) {
        const copies = triageOf(await report(ref)).alerts;
        assert.deepEqual(copies.map((c) => c.where), ['person', 'person'], `${ref} went 1:1 to the trust DSL and the chair only`);
      }
      const { openAlerts, csv } = await schoolCommands();
      assert.equal(csv.trim().split(/\r\n/).length - 1, 1, `one row (the normal report) in ${csv}`);
      assert.match(openAlerts, /1 not yet resolved/);
      await forgedActions();
    });

    it('keeps them out after the trust classifies, refers, tries to escalate and resolves', async () => {
      const ack = await invoke('triage.acknowledge', aboutHead, people.trustDsl);
      assert.equal(ack.type, 'application/vnd.microsoft.card.adaptive', 'the trust DSL may act (1:1)');
      await invoke('triage.classify', aboutHead, people.trustDsl, { classifyReason: 'harm-threshold' });
      await invoke('triage.refer', aboutHead, chair, { referTo: 'lado', referReference: 'LADO-2026-77' });
      const esc = await invoke('triage.escalate', aboutHead, chair);
      assert.match(cardText(esc.value as Card), /already with the trust/);
      const viewed = await invoke('triage.open', aboutDeputy, chair);
      assert.match(cardText(viewed.value as Card), /Abusive comments/, 'the chair sees the details of the other one');
      await invoke('triage.resolve', aboutHead, people.trustDsl, { resolveOutcome: 'LADO advised; handled by the trust.' });
      const r = await report(aboutHead);
      assert.equal(r.status, 'resolved');
      assert.equal(triageOf(r).escalated, undefined, 'never escalated into a channel');

      const { csv } = await schoolCommands();
      assert.doesNotMatch(csv, TRUST_TRIAGE, 'no classification, referral or resolution of the bypassed report in the school\'s export');
      const normalRow = csv.split(/\r\n/).find((l) => l.startsWith(normal));
      assert.match(normalRow ?? '', /,New,/, 'the normal report\'s row is there with its status');
      await forgedActions();
      const denied = (await auditTrail(h.bot.services.store, aboutHead)).filter((e) => e.outcome === 'denied');
      assert.ok(denied.length >= 10, 'every attempt by the school is still audited');
    });

    it('sends reminders 1:1 to the named people, never escalates them, and posts nothing about them in the school channel', async () => {
      clock.set('2026-11-25T10:00:30Z');
      const isReminder = (ref: string) => (m: { text?: string }) => String(m.text ?? '').startsWith(`Reminder: alert ${ref}`);
      await h.connector.waitFor(() => h.connector.messages.some(isReminder(normal)), 8_000, 'the normal report\'s reminder');
      await h.connector.waitFor(() => h.connector.messages.filter(isReminder(aboutDeputy)).length === 2, 8_000, 'the bypassed report\'s reminders, 1:1');
      const normalReminder = h.connector.messages.find(isReminder(normal))!;
      assert.ok(normalReminder.conversationId.startsWith(CHANNELS.cronton.channelId!), 'the normal reminder is in the school thread');
      for (const m of h.connector.messages.filter(isReminder(aboutDeputy))) {
        assert.ok(!m.conversationId.startsWith('19:'), `the bypassed reminder went to a 1:1 chat, not ${m.conversationId}`);
      }
      clock.set('2026-11-25T12:00:30Z');
      await waitForAlerts(h.connector, normal, 2);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(triageOf(await report(aboutDeputy)).escalated, undefined, 'a bypassed report never escalates to a channel');
      await schoolCommands();

      // Everything the bot ever sent into either school's channel: threads, replies, updates, command answers.
      for (const channel of [CHANNELS.cronton, CHANNELS.beacon]) {
        const sent = h.connector.requests.filter((r) => inChannel(r, channel.channelId!));
        assert.ok(sent.length >= (channel === CHANNELS.cronton ? 10 : 1), `requests into ${channel.channelId}`);
        assertAbsent(JSON.stringify(sent), `everything sent into ${channel.channelId}`);
      }
      const cronton = JSON.stringify(h.connector.requests.filter((r) => inChannel(r, CHANNELS.cronton.channelId!)));
      assert.ok(cronton.includes(`Reminder: alert ${normal}`), 'the normal report\'s alert and reminder are in the school channel');
      assert.doesNotMatch(JSON.stringify(h.connector.requests.filter((r) => inChannel(r, CHANNELS.trust.channelId!))), new RegExp(bypassed().join('|')), 'nor in the trust channel (1:1 only)');
    });
  });
}
