/**
 * Channels seeded in the directory file (never `link`ed in Teams) still know their readers
 * (issue 9, item 7), over HTTP on SQLite and Azurite: triagers and named people are given by
 * Entra id only, and their Teams ids and names are learned from the team's roster when the app
 * is installed in the team, when `triagers` is typed, and when the first alert is posted; the
 * alert cards' refresh.userIds then name them, and `triagers` shows names, not "unnamed (…)".
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import { startHarness, Harness, STORAGE_BACKENDS } from '../support/harness';
import { botInstalled, people, persona, TENANT_ID } from '../support/activities';
import type { ChannelOpts } from '../support/activities';
import { validateCard } from '../support/acRenderer';
import { CHANNELS, chair, command, fileReport, routingEnv, teamMembers, waitForAlerts, writeDirectory } from './routingSupport';

/** A deputy added to Beacon's triagers in the seed, who joins the team later. */
const newDeputy = persona('newdeputy', 'Nia Newdeputy');

for (const storage of STORAGE_BACKENDS) {
  describe(`seeded channels learn their readers from the team (${storage})`, function () {
    this.timeout(60_000);
    let h: Harness;

    before(async () => {
      const file = writeDirectory();
      h = await startHarness({ storage, env: routingEnv(file) });
      // Seed the channels (they need the Connector stand-in's address), as an admin's directory file would.
      const seedOf = (c: ChannelOpts) => ({ teamId: c.teamId, channelId: c.channelId, serviceUrl: h.serviceUrl, tenantId: TENANT_ID, teamName: c.teamName, channelName: c.channelName });
      const dir = JSON.parse(fs.readFileSync(file, 'utf8')) as { trust: Record<string, unknown>; schools: Record<string, unknown>[] };
      dir.trust.trustChannel = seedOf(CHANNELS.trust);
      for (const s of dir.schools) if (s.id === 'cronton' || s.id === 'beacon') s.alertsChannel = seedOf(CHANNELS[s.id as string]);
      dir.schools.find((s) => s.id === 'beacon')!.triagers = [people.otherHead.aadObjectId, newDeputy.aadObjectId];
      fs.writeFileSync(file, JSON.stringify(dir));
      await h.restart();
      teamMembers(h.connector);
      h.connector.defaultMembers.push({ id: newDeputy.id, name: newDeputy.name, aadObjectId: newDeputy.aadObjectId });
    });
    after(async () => h?.close());

    const person = (aad: string) => h.bot.services.directory.person(aad);

    it('learns the named people when the app is installed in the trust channel\'s team', async () => {
      assert.equal((await person(chair.aadObjectId))?.teamsUserId, undefined, 'nothing known before');
      const res = await h.send(botInstalled({ serviceUrl: h.serviceUrl, from: people.admin, channel: CHANNELS.trust }));
      assert.equal(res.status, 200);
      assert.deepEqual(await person(chair.aadObjectId), { aadObjectId: chair.aadObjectId, name: chair.name, teamsUserId: chair.id });
      assert.equal((await person(people.trustDsl.aadObjectId))?.teamsUserId, people.trustDsl.id);
    });

    it('learns a triager who joins the team (conversationUpdate)', async () => {
      const joined = { ...botInstalled({ serviceUrl: h.serviceUrl, from: people.admin, channel: CHANNELS.beacon }), membersAdded: [{ id: newDeputy.id, aadObjectId: newDeputy.aadObjectId }] };
      const stranger = { ...joined, membersAdded: [{ id: people.teacher.id, aadObjectId: people.teacher.aadObjectId }] };
      assert.equal((await h.send(stranger)).status, 200);
      assert.equal(await person(people.teacher.aadObjectId), undefined, 'someone who reads no alerts is not looked up');
      assert.equal((await h.send(joined)).status, 200);
      assert.deepEqual(await person(newDeputy.aadObjectId), { aadObjectId: newDeputy.aadObjectId, name: newDeputy.name, teamsUserId: newDeputy.id });
      assert.equal(await person(people.otherHead.aadObjectId), undefined, 'only the one who joined');
    });

    it('names a seeded school\'s triagers in `triagers`, not "unnamed (…)"', async () => {
      const reply = await command(h, 'triagers', CHANNELS.beacon, people.teacher);
      assert.match(reply, /The Beacon CE Primary School: Chris Otherhead, Nia Newdeputy\./);
      assert.doesNotMatch(reply, /unnamed/);
    });

    it('puts a seeded school\'s triagers in the first alert\'s refresh.userIds, learning them from the team', async () => {
      assert.equal((await person(people.head.aadObjectId))?.teamsUserId, undefined, 'nothing known before');
      const ref = await fileReport(h, 'pupil-connection');
      const [alert] = await waitForAlerts(h.connector, ref);
      assert.equal(alert.channelId, CHANNELS.cronton.channelId, 'posted in the seeded channel');
      assert.deepEqual(validateCard(alert.card), []);
      const userIds = (alert.card.refresh as { userIds?: string[] } | undefined)?.userIds ?? [];
      assert.deepEqual([...userIds].sort(), [people.deputy.id, people.head.id].sort(), 'the triagers\' clients refresh to the details');
      assert.equal((await person(people.head.aadObjectId))?.name, 'Pat Headteacher');
    });

    it('puts the named people in the refresh.userIds of a seeded trust channel\'s copy', async () => {
      const ref = await fileReport(h, 'media-contact');
      const copies = await waitForAlerts(h.connector, ref, 2);
      const trust = copies.find((c) => c.channelId === CHANNELS.trust.channelId);
      const userIds = (trust?.card.refresh as { userIds?: string[] } | undefined)?.userIds ?? [];
      for (const p of [people.trustDsl, chair]) assert.ok(userIds.includes(p.id), `${p.name} refreshes the trust copy`);
      const school = copies.find((c) => c.channelId === CHANNELS.cronton.channelId);
      const schoolIds = (school?.card.refresh as { userIds?: string[] } | undefined)?.userIds ?? [];
      assert.ok(schoolIds.includes(people.head.id));
    });
  });
}
