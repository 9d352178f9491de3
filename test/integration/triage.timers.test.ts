/**
 * Time on a fake clock, over HTTP, on SQLite and Azurite: an alert not acknowledged within its
 * priority's working time gets a reminder in its thread, and later goes to the trust channel;
 * working hours and days count (Friday evening is due on Monday); timers are stored, so they
 * survive a restart and fire once with several instances.
 */
import { strict as assert } from 'node:assert';
import { startHarness, Harness, FakeClock, STORAGE_BACKENDS } from '../support/harness';
import { actionExecute, people } from '../support/activities';
import {
  CHANNELS, alertsFor, factValue, fileReport, link, messagesIn, routingEnv, teamMembers, waitForAlerts, writeDirectory,
} from './routingSupport';
import { listTimers } from '../../src/domain/outbox/timers';

const WED_0900 = Date.parse('2026-11-25T09:00:00Z'); // 09:00 in London (GMT in November)

for (const storage of STORAGE_BACKENDS) {
  describe(`reminders and escalation on a fake clock (${storage})`, function () {
    this.timeout(60_000);
    let h: Harness;
    const clock = new FakeClock(WED_0900);

    before(async () => {
      h = await startHarness({ storage, clock, env: routingEnv(writeDirectory(), { ACK_MINUTES_HIGH: '60', ESCALATE_MINUTES_HIGH: '180', ACK_MINUTES_NORMAL: '240', ESCALATE_MINUTES_NORMAL: '600' }) });
      teamMembers(h.connector);
      await link(h, 'cronton');
      await link(h, 'trust');
    });
    after(async () => h?.close());

    const reminders = (threadId: string) => messagesIn(h.connector, threadId).filter((m) => /^Reminder: alert/.test(String(m.text)));
    const settle = () => new Promise((r) => setTimeout(r, 300));

    it('reminds in the thread when a high-priority alert is not acknowledged in 60 working minutes, then escalates to the trust', async () => {
      clock.set('2026-11-25T09:00:00Z');
      const ref = await fileReport(h, 'pupil-connection');
      const acked = await fileReport(h, 'pupil-connection');
      const [alert] = await waitForAlerts(h.connector, ref);
      await waitForAlerts(h.connector, acked);
      assert.equal(factValue(alert.card, 'Acknowledge by'), 'Wed, 25 Nov 2026, 10:00');
      await h.send(actionExecute('triage.acknowledge', { ref: acked }, { serviceUrl: h.serviceUrl, from: people.head, channel: CHANNELS.cronton }));

      clock.set('2026-11-25T09:59:00Z');
      await settle();
      assert.equal(reminders(alert.conversationId).length, 0, 'not before the deadline');

      clock.set('2026-11-25T10:00:30Z');
      await h.connector.waitFor(() => reminders(alert.conversationId).length === 1, 8_000, 'the reminder');
      const [reminder] = reminders(alert.conversationId);
      assert.match(String(reminder.text), new RegExp(`${ref}.*not been acknowledged.*10:00`));
      await h.connector.waitFor(() => factValue(alertsFor(h.connector, ref)[0].card, 'Overdue since') !== undefined, 8_000, 'the card to show it overdue');
      const ackedThread = alertsFor(h.connector, acked)[0];
      assert.equal(reminders(ackedThread.conversationId).length, 0, 'no reminder for the acknowledged alert');

      clock.set('2026-11-25T12:00:30Z');
      const escalated = await waitForAlerts(h.connector, ref, 2);
      const trust = escalated.find((a) => a.channelId === CHANNELS.trust.channelId);
      assert.match(JSON.stringify(trust?.card), /not acknowledged in time/);
      await settle();
      assert.equal(alertsFor(h.connector, acked).length, 1, 'the acknowledged one stays with the school');
      assert.equal(reminders(alert.conversationId).length, 1, 'one reminder only');
      assert.equal(alertsFor(h.connector, ref).length, 2, 'one escalation only');
    });

    it('counts working time only: filed on Friday at 16:30, due on Monday at 08:30', async () => {
      clock.set('2026-11-27T16:30:00Z');
      const ref = await fileReport(h, 'pupil-connection', { overrides: { happenedAt: '2026-11-27' } });
      const [alert] = await waitForAlerts(h.connector, ref);
      assert.equal(factValue(alert.card, 'Acknowledge by'), 'Mon, 30 Nov 2026, 08:30');
      clock.set('2026-11-29T12:00:00Z'); // Sunday
      await settle();
      assert.equal(reminders(alert.conversationId).length, 0, 'no reminder over the weekend');
      clock.set('2026-11-30T08:31:00Z');
      await h.connector.waitFor(() => reminders(alert.conversationId).length === 1, 8_000, 'Monday\'s reminder');
    });

    it('keeps timers through a restart and fires each once with three instances', async () => {
      clock.set('2026-12-02T09:00:00Z');
      const ref = await fileReport(h, 'parent-connection', { overrides: { happenedAt: '2026-12-01' } });
      const [alert] = await waitForAlerts(h.connector, ref);
      assert.equal(factValue(alert.card, 'Acknowledge by'), 'Wed, 2 Dec 2026, 13:00');
      assert.ok((await listTimers(h.bot.services.store)).some((t) => t.work.ref === ref), 'the timer is stored');
      await h.restart();
      await Promise.all([h.startInstance(), h.startInstance()]);
      clock.set('2026-12-02T13:00:30Z');
      await h.connector.waitFor(() => reminders(alert.conversationId).length >= 1, 8_000, 'the reminder after the restart');
      await settle();
      assert.equal(reminders(alert.conversationId).length, 1, 'fired once across instances');
    });
  });
}
