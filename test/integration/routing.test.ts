/**
 * Routing over HTTP, as Teams would drive it, against the real server and the Connector
 * stand-in, on SQLite and on Azure Table Storage (Azurite): directory admin in channels, a
 * filed report landing once in its school's channel, the trust channel (flagged) when the
 * school has none or refuses it, media contact to school and trust, reports concerning a
 * triager to the trust's named people only, Teams' rate limits respected, several instances
 * delivering each alert once, and no personal data outside the stored record.
 */
import { strict as assert } from 'node:assert';
import { startHarness, Harness, STORAGE_BACKENDS } from '../support/harness';
import { botInstalled, people } from '../support/activities';
import { PUPIL } from './reportsSupport';
import {
  CHANNELS, alertsFor, chair, channelFor, command, fileReport, link, routingEnv, startedThreads, teamMembers, waitForAlerts, writeDirectory,
} from './routingSupport';
import { auditTrail } from '../../src/domain/triage/audit';
import { pending } from '../../src/domain/outbox/outbox';
import { triageOf } from '../../src/domain/triage/state';

/** A request starting a new thread in this channel. */
function isNewThreadIn(r: { method: string; path: string; body: unknown }, channelId: string | undefined): boolean {
  return r.method === 'POST' && r.path.replace(/\/$/, '') === '/v3/conversations' && (r.body as { channelData?: { channel?: { id?: string } } })?.channelData?.channel?.id === channelId;
}

const PERSONAL = /Pupilname|jamie_p|A follow request from|Riley Reporter|Alex Teacher/;

for (const storage of STORAGE_BACKENDS) {
  describe(`routing over HTTP (${storage})`, function () {
    this.timeout(60_000);
    let h: Harness;

    before(async () => {
      h = await startHarness({ storage, env: routingEnv(writeDirectory()) });
      teamMembers(h.connector);
    });
    after(async () => h?.close());
    beforeEach(() => h.connector.reset());

    function assertNoPersonalData(): void {
      for (const t of startedThreads(h.connector)) {
        assert.doesNotMatch(JSON.stringify(t.activity), PERSONAL, 'no personal data in a posted card, its text or summary');
      }
      for (const u of h.connector.updates) assert.doesNotMatch(JSON.stringify(u), PERSONAL, 'no personal data in a card update');
      for (const m of h.connector.messages) assert.doesNotMatch(`${m.text ?? ''} ${m.summary ?? ''}`, PERSONAL, 'no personal data in message text or summary');
      assert.doesNotMatch(h.logText(), PERSONAL, 'no personal data in the logs');
    }

    it('records the team when the app is installed, and says how to link a channel', async () => {
      const res = await h.send(botInstalled({ serviceUrl: h.serviceUrl, from: people.admin, channel: CHANNELS.cronton }));
      assert.equal(res.status, 200);
      const [welcome] = await h.connector.waitForMessages(1);
      assert.match(String(welcome.text), /link/);
      const team = await h.bot.services.directory.team(String(CHANNELS.cronton.teamId));
      assert.equal(team?.teamName, 'Cronton Leadership');
      assert.equal(team?.serviceUrl, h.serviceUrl);
    });

    it('refuses `link` from someone who is not a trust admin, changing nothing', async () => {
      const reply = await command(h, 'link cronton', CHANNELS.cronton, people.teacher);
      assert.match(reply, /Only trust admins/);
      assert.equal((await h.bot.services.directory.getSchool('cronton'))?.alertsChannel, undefined);
      const trail = await auditTrail(h.bot.services.store);
      assert.ok(trail.some((e) => e.action === 'link' && e.outcome === 'denied' && e.actor === people.teacher.aadObjectId), 'the attempt is audited');
    });

    it('links school channels and the trust channel for a trust admin, and says when a school is unknown', async () => {
      await link(h, 'cronton');
      await link(h, 'beacon');
      await link(h, 'trust');
      assert.equal((await h.bot.services.directory.getSchool('cronton'))?.alertsChannel?.channelId, CHANNELS.cronton.channelId);
      assert.equal((await h.bot.services.directory.trustChannel())?.channelId, CHANNELS.trust.channelId);
      assert.match(await command(h, 'link Nowhere Academy', channelFor('nowhere')), /do not know a school called/);
    });

    it('lists, adds and removes triagers by @mention (admins only)', async () => {
      assert.match(await command(h, 'triagers', CHANNELS.cronton, people.teacher), /Cronton CE Primary School: /);
      assert.match(await command(h, 'triagers add', CHANNELS.cronton, people.teacher, [people.otherTeacher]), /Only trust admins/);
      const added = await command(h, 'triagers add', CHANNELS.cronton, people.admin, [people.otherTeacher]);
      assert.match(added, /Sam Other added to Cronton CE Primary School's triagers \(now 3\)/);
      assert.ok((await h.bot.services.directory.getSchool('cronton'))?.triagers.includes(people.otherTeacher.aadObjectId));
      assert.match(await command(h, 'triagers', CHANNELS.cronton, people.teacher), /Sam Other/);
      const removed = await command(h, 'triagers remove', CHANNELS.cronton, people.admin, [people.otherTeacher]);
      assert.match(removed, /removed from .* \(now 2\)/);
      assert.ok(!(await h.bot.services.directory.getSchool('cronton'))?.triagers.includes(people.otherTeacher.aadObjectId));
    });

    it('posts a filed report to its school\'s channel once, as a card with no personal data', async () => {
      const ref = await fileReport(h, 'pupil-connection');
      const [alert] = await waitForAlerts(h.connector, ref);
      assert.equal(alert.channelId, CHANNELS.cronton.channelId);
      const text = JSON.stringify(alert.card);
      for (const expected of ['Pupil connection attempt', 'High priority', 'Cronton CE Primary School', 'Received', 'Status', 'New', 'Acknowledge by', 'History']) {
        assert.ok(text.includes(expected), `the card shows ${expected}`);
      }
      assert.ok(alert.activity.summary?.includes(ref), 'the preview names the reference');
      const refresh = alert.card.refresh as { userIds?: string[]; action?: { verb?: string } } | undefined;
      assert.equal(refresh?.action?.verb, 'triage.view');
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(alertsFor(h.connector, ref).length, 1, 'posted once');
      const stored = await h.bot.services.routing.reports.get(ref);
      assert.equal(triageOf(stored!.report).alerts[0].activity.activityId, alert.activityId, 'the activity id is stored for updates');
      assert.deepEqual((await pending(h.bot.services.store)).filter((e) => e.work.type === 'report.filed'), [], 'the outbox entry is done');
      assertNoPersonalData();
      assert.ok(JSON.stringify(alert.card).length < 28_000);
      void PUPIL;
    });

    it('sends a school\'s report to the trust channel, flagged, when the school has no channel', async () => {
      const ref = await fileReport(h, 'parent-connection', { school: 'st-james' });
      const [alert] = await waitForAlerts(h.connector, ref);
      assert.equal(alert.channelId, CHANNELS.trust.channelId);
      assert.match(JSON.stringify(alert.card), /No alerts channel is linked for St James CE Primary School/);
      assertNoPersonalData();
    });

    it('sends media contact to the school and to the trust channel', async () => {
      const ref = await fileReport(h, 'media-contact');
      const alerts = await waitForAlerts(h.connector, ref, 2);
      assert.deepEqual(alerts.map((a) => a.channelId).sort(), [CHANNELS.cronton.channelId, CHANNELS.trust.channelId].sort());
      assert.match(JSON.stringify(alerts.find((a) => a.channelId === CHANNELS.trust.channelId)?.card), /Media contact: sent to the school and to the trust/);
      assertNoPersonalData();
    });

    it('sends a report concerning a triager to the trust DSL and chair 1:1, never to the school\'s channel', async () => {
      const ref = await fileReport(h, 'colleague-abuse', { overrides: { concernsTriager: 'yes' } });
      const alerts = await waitForAlerts(h.connector, ref, 2);
      assert.ok(alerts.every((a) => a.channelId === undefined), 'only 1:1 conversations');
      const members = h.connector.requests
        .filter((r) => r.method === 'POST' && r.path.replace(/\/$/, '') === '/v3/conversations' && r.status < 300)
        .flatMap((r) => ((r.body as { members?: { id: string }[] }).members ?? []).map((m) => m.id));
      // `link trust` learned their Teams ids from the team; without them the Entra ids are used.
      assert.deepEqual(members.sort(), [people.trustDsl.id, chair.id].sort());
      assert.match(JSON.stringify(alerts[0].card), /concerns someone who handles Cronton/);
      assert.equal(startedThreads(h.connector).filter((t) => t.channelId === CHANNELS.cronton.channelId).length, 0);
      assertNoPersonalData();
    });

    it('falls back to the trust channel, flagged, when the school channel refuses the post for good (403)', async () => {
      h.connector.failNextWhere((r) => isNewThreadIn(r, CHANNELS.cronton.channelId), { status: 403 });
      const ref = await fileReport(h, 'pupil-communication');
      const [alert] = await waitForAlerts(h.connector, ref);
      assert.equal(alert.channelId, CHANNELS.trust.channelId);
      assert.match(JSON.stringify(alert.card), /Could not post to Cronton CE Primary School's alerts channel/);
    });

    it('retries a 429 after its Retry-After, and a hanging Connector after the timeout, posting once', async () => {
      h.connector.failNextWhere((r) => isNewThreadIn(r, CHANNELS.cronton.channelId), { status: 429, retryAfterSeconds: 1 }, { hang: true }, { status: 503 });
      const started = Date.now();
      const ref = await fileReport(h, 'parent-connection');
      await waitForAlerts(h.connector, ref, 1, 10_000);
      assert.ok(Date.now() - started >= 1_000, 'waited for Retry-After');
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(alertsFor(h.connector, ref).length, 1);
      const retries = h.logs.filter((l) => l.event === 'outbox.retry' && l.workType === 'report.filed');
      assert.ok(retries.length >= 3, `three retries logged (${retries.length})`);
    });

    it('keeps under Teams\' per-channel limits in a burst: no 429 for 20 alerts to one school', async () => {
      h.connector.enforceRateLimits(true, { newThreads: true });
      try {
        const refs: string[] = [];
        for (let i = 0; i < 20; i++) refs.push(await fileReport(h, 'parent-connection'));
        await h.connector.waitFor(() => refs.every((r) => alertsFor(h.connector, r).length === 1), 20_000, 'all 20 alerts');
        assert.equal(h.connector.faults.filter((f) => f.status === 429).length, 0, 'the limiter kept under the limits');
      } finally {
        h.connector.enforceRateLimits(false);
      }
    });
  });
}

describe('routing across instances and restarts (SQLite)', function () {
  this.timeout(60_000);

  it('delivers each alert once with three instances sharing the store', async () => {
    const h = await startHarness({ env: routingEnv(writeDirectory(), { OUTBOX_WORKER: 'off' }) });
    try {
      await link(h, 'cronton');
      await link(h, 'trust');
      const refs: string[] = [];
      for (let i = 0; i < 30; i++) refs.push(await fileReport(h, i % 3 === 0 ? 'media-contact' : 'parent-connection'));
      assert.equal(startedThreads(h.connector).length, 0, 'nothing posted while no worker runs');
      await Promise.all([h.startInstance({ OUTBOX_WORKER: 'on' }), h.startInstance({ OUTBOX_WORKER: 'on' }), h.startInstance({ OUTBOX_WORKER: 'on' })]);
      const expected = (ref: string, i: number) => (i % 3 === 0 ? 2 : 1) + 0 * ref.length;
      await h.connector.waitFor(() => refs.every((r, i) => alertsFor(h.connector, r).length >= expected(r, i)), 20_000, 'every alert');
      await new Promise((r) => setTimeout(r, 300));
      refs.forEach((r, i) => assert.equal(alertsFor(h.connector, r).length, expected(r, i), `${r} posted exactly ${expected(r, i)} time(s)`));
    } finally {
      await h.close();
    }
  });

  it('delivers what was filed before a restart, once', async () => {
    const h = await startHarness({ env: routingEnv(writeDirectory(), { OUTBOX_WORKER: 'off' }) });
    try {
      await link(h, 'cronton');
      const ref = await fileReport(h, 'pupil-connection');
      await h.restart({ OUTBOX_WORKER: 'on' });
      await waitForAlerts(h.connector, ref);
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(alertsFor(h.connector, ref).length, 1);
    } finally {
      await h.close();
    }
  });
});
