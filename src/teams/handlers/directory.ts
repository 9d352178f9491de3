/**
 * Directory admin in Teams, in a team channel:
 * - the app being added to a team records the team in the store (and says how to link);
 * - `link <school>` / `link trust`: a trust admin makes this channel that school's alerts
 *   channel, or the trust channel; `unlink` undoes whatever this channel is linked to;
 * - `triagers` lists the triagers of the school linked here; `triagers add @x` and
 *   `triagers remove @x` (trust admins) change them by @mention.
 * Everyone else gets a clear refusal, and every change or refusal is audited.
 */
import { TeamsInfo, TurnContext } from 'botbuilder';
import type { Feature } from '../features';
import type { Services } from '../../services';
import type { School } from '../../domain/directory/directory';
import { audit } from '../../domain/triage/audit';
import { errorFields } from '../../log';
import { actorFrom, channelCommand, channelDataOf, channelRefOf, commandText } from './channel';

const LINK = /^link\s+(.{1,100})$/i;
const UNLINK = /^unlink$/i;
const TRIAGERS = /^triagers$/i;
const TRIAGERS_CHANGE = /^triagers\s+(add|remove)\b/i;

export const NOT_ADMIN = 'Only trust admins can link channels and change triagers. Ask your trust\'s IT admin. Nothing was changed.';

function isBotAdded(context: TurnContext): boolean {
  const a = context.activity;
  return (a.membersAdded ?? []).some((m) => m.id === a.recipient?.id);
}

function isBotRemoved(context: TurnContext): boolean {
  const a = context.activity;
  return (a.membersRemoved ?? []).some((m) => m.id === a.recipient?.id);
}

interface Mentioned { teamsUserId: string; name: string; aadObjectId?: string }

/** People @mentioned in the message, other than the bot. */
function mentionsOf(context: TurnContext): Mentioned[] {
  const botId = context.activity.recipient?.id;
  const out: Mentioned[] = [];
  for (const e of context.activity.entities ?? []) {
    if (e.type !== 'mention') continue;
    const m = (e as { mentioned?: { id?: string; name?: string; aadObjectId?: string } }).mentioned;
    if (!m?.id || m.id === botId || out.some((x) => x.teamsUserId === m.id)) continue;
    out.push({ teamsUserId: m.id, name: (m.name ?? '').slice(0, 200), aadObjectId: m.aadObjectId });
  }
  return out;
}

function schoolList(schools: School[]): string {
  return schools.map((s) => `${s.name} (${s.id})`).join('; ');
}

/**
 * Learns the Teams user ids (MRIs) of people named by Entra id in the directory, by asking the
 * team (Teams resolves a member by Entra object id): the card's refresh.userIds need MRIs.
 */
async function learnMembers(context: TurnContext, services: Services, aadObjectIds: string[]): Promise<number> {
  let learned = 0;
  for (const aad of aadObjectIds.slice(0, 60)) {
    const known = await services.directory.person(aad);
    if (known?.teamsUserId) continue;
    try {
      const member = await TeamsInfo.getMember(context, aad);
      if (member?.id) {
        await services.directory.rememberPerson({ aadObjectId: aad, name: member.name ?? '', teamsUserId: member.id });
        learned++;
      }
    } catch (err) {
      // Not in this team (yet): they still get the triager view with the card's Open button.
      services.log.debug('directory.member_not_found', errorFields(err));
    }
  }
  return learned;
}

export const registerDirectory: Feature = (app, services: Services) => {
  const { directory, config, log, store, clock } = services;
  const isAdmin = (aad: string | undefined) => Boolean(aad && config.trustAdmins.includes(aad));
  const record = (actor: string, action: string, outcome: 'ok' | 'denied' | 'invalid', detail?: string) =>
    audit(store, { at: clock.now().toISOString(), actor, action, outcome, detail }).catch((err: unknown) => log.error('audit.write_failed', { action, ...errorFields(err) }));

  // Installed in a team: Teams sends conversationUpdate with the bot among membersAdded.
  app.activity(async (context) => context.activity.type === 'conversationUpdate' && Boolean(channelRefOf(context)) && (isBotAdded(context) || isBotRemoved(context)), async (context) => {
    const ref = channelRefOf(context);
    if (!ref) return;
    if (isBotRemoved(context)) {
      await directory.recordUninstall(ref.teamId, clock.now());
      log.info('directory.team_removed', { teamId: ref.teamId });
      return;
    }
    await directory.recordInstall({
      teamId: ref.teamId, teamName: ref.teamName, serviceUrl: ref.serviceUrl, tenantId: ref.tenantId, channelId: ref.channelId,
      installedAt: clock.now().toISOString(), installedBy: context.activity.from?.aadObjectId,
    });
    log.info('directory.team_installed', { teamId: ref.teamId });
    // Channels seeded in the directory file were never `link`ed: learn their readers' Teams ids now.
    const seeded = (await directory.listSchools()).filter((s) => s.alertsChannel?.teamId === ref.teamId).flatMap((s) => s.triagers);
    const trust = (await directory.trustChannel())?.teamId === ref.teamId ? directory.namedPeople().map((p) => p.aadObjectId) : [];
    if (seeded.length || trust.length) await learnMembers(context, services, [...new Set([...seeded, ...trust])]);
    await context.sendActivity({
      text: 'trustline is installed in this team. To post a school\'s alerts in a channel, a trust admin types "@trustline link" and the school\'s name in that channel ("@trustline link trust" for the trust channel). Type "@trustline help" for the channel commands.',
      summary: 'trustline installed',
    });
  });

  // Someone joined a team: if they triage for a school (or are a named person), learn their Teams id now.
  // (Teams' teamMemberAdded names the team but not always a channel.)
  app.activity(async (context) => context.activity.type === 'conversationUpdate' && Boolean(channelDataOf(context).team?.id) && !isBotAdded(context)
    && (context.activity.membersAdded ?? []).length > 0, async (context) => {
    const readers = new Set([...(await directory.listSchools()).flatMap((s) => s.triagers), ...directory.namedPeople().map((p) => p.aadObjectId)]);
    const joined = (context.activity.membersAdded ?? []).flatMap((m) => (m.aadObjectId && readers.has(m.aadObjectId) ? [m.aadObjectId] : []));
    if (joined.length) await learnMembers(context, services, joined);
  });

  app.message(channelCommand(LINK), async (context) => {
    const actor = actorFrom(context);
    const channel = channelRefOf(context);
    const target = (LINK.exec(commandText(context))?.[1] ?? '').trim();
    if (!isAdmin(actor?.aadObjectId)) {
      await record(actor?.aadObjectId ?? 'unknown', 'link', 'denied');
      await context.sendActivity({ text: NOT_ADMIN, summary: 'Not allowed' });
      return;
    }
    if (!channel) {
      await context.sendActivity('Type this in a team channel: I could not tell which channel this is.');
      return;
    }
    if (/^(the\s+)?trust$/i.test(target)) {
      await directory.setTrustChannel(channel);
      await record(actor!.aadObjectId, 'link', 'ok', 'trust');
      await learnMembers(context, services, directory.namedPeople().map((p) => p.aadObjectId));
      log.info('directory.linked', { to: 'trust' });
      await context.sendActivity({ text: `This channel is now ${directory.trustName}'s trust channel: media contact, escalations, overdue alerts and alerts for schools with no channel come here.`, summary: 'Trust channel linked' });
      return;
    }
    const seed = directory.findSchool(target);
    if (!seed) {
      await record(actor!.aadObjectId, 'link', 'invalid');
      await context.sendActivity(`I do not know a school called "${target.slice(0, 60)}". Schools: ${schoolList(await directory.listSchools())}. Or type "link trust" for the trust channel.`);
      return;
    }
    await directory.setAlertsChannel(seed.id, channel);
    await record(actor!.aadObjectId, 'link', 'ok', seed.id);
    log.info('directory.linked', { to: seed.id });
    const school = await directory.getSchool(seed.id);
    const triagers = school?.triagers.length ?? 0;
    await learnMembers(context, services, school?.triagers ?? []);
    await context.sendActivity({
      text: `This channel is now ${seed.name}'s alerts channel. New reports for the school are posted here; ${triagers} triager(s) can handle them. A trust admin can add triagers with "@trustline triagers add @name".`,
      summary: 'Alerts channel linked',
    });
  });

  app.message(channelCommand(UNLINK), async (context) => {
    const actor = actorFrom(context);
    const channel = channelRefOf(context);
    if (!isAdmin(actor?.aadObjectId)) {
      await record(actor?.aadObjectId ?? 'unknown', 'unlink', 'denied');
      await context.sendActivity({ text: NOT_ADMIN, summary: 'Not allowed' });
      return;
    }
    const links = channel ? await directory.linksOf(channel.channelId) : [];
    if (links.length === 0) {
      await context.sendActivity('This channel is not linked to a school or the trust.');
      return;
    }
    const names: string[] = [];
    for (const link of links) {
      if (link.kind === 'trust') {
        await directory.setTrustChannel(null);
        names.push('the trust');
      } else {
        await directory.setAlertsChannel(link.school.id, null);
        names.push(link.school.name);
      }
      await record(actor!.aadObjectId, 'unlink', 'ok', link.kind === 'trust' ? 'trust' : link.school.id);
    }
    log.info('directory.unlinked', { links: links.length });
    await context.sendActivity({ text: `This channel is no longer linked to ${names.join(' and ')}. Until another channel is linked, alerts go to the trust channel, flagged.`, summary: 'Channel unlinked' });
  });

  app.message(channelCommand(TRIAGERS), async (context) => {
    const channel = channelRefOf(context);
    const schools = (channel ? await directory.linksOf(channel.channelId) : []).flatMap((l) => (l.kind === 'school' ? [l.school] : []));
    if (schools.length === 0) {
      await context.sendActivity('This channel is not a school\'s alerts channel, so it has no triagers. A trust admin can type "link" and the school\'s name here.');
      return;
    }
    const lines: string[] = [];
    for (const school of schools) {
      await learnMembers(context, services, school.triagers);
      const people = await directory.people(school.triagers);
      const names = people.map((p) => p.name || `unnamed (${p.aadObjectId.slice(0, 8)}…)`);
      lines.push(`${school.name}: ${names.length ? names.join(', ') : 'no triagers yet'}.`);
    }
    await context.sendActivity({ text: `Triagers (who may see details and act on alerts):\n\n${lines.join('\n\n')}`, summary: 'Triagers' });
  });

  app.message(channelCommand(TRIAGERS_CHANGE), async (context) => {
    const actor = actorFrom(context);
    const op = TRIAGERS_CHANGE.exec(commandText(context))?.[1].toLowerCase() === 'add' ? 'add' : 'remove';
    if (!isAdmin(actor?.aadObjectId)) {
      await record(actor?.aadObjectId ?? 'unknown', `triagers.${op}`, 'denied');
      await context.sendActivity({ text: NOT_ADMIN, summary: 'Not allowed' });
      return;
    }
    const channel = channelRefOf(context);
    const schools = (channel ? await directory.linksOf(channel.channelId) : []).flatMap((l) => (l.kind === 'school' ? [l.school] : []));
    if (schools.length !== 1) {
      await context.sendActivity(schools.length === 0
        ? 'Link this channel to a school first ("link" and the school\'s name); then add its triagers here.'
        : 'This channel is linked to more than one school: change triagers in a channel linked to one school.');
      return;
    }
    const school = schools[0];
    const mentioned = mentionsOf(context);
    if (mentioned.length === 0) {
      await context.sendActivity(`@mention the people to ${op}, for example "@trustline triagers ${op} @Jo Smith".`);
      return;
    }
    const done: string[] = [];
    const problems: string[] = [];
    for (const m of mentioned.slice(0, 20)) {
      let aad = m.aadObjectId;
      if (!aad) {
        try {
          aad = (await TeamsInfo.getMember(context, m.teamsUserId)).aadObjectId;
        } catch (err) {
          log.warn('directory.member_lookup_failed', errorFields(err));
        }
      }
      if (!aad) {
        problems.push(`I could not look up ${m.name || 'one person'} in this team.`);
        continue;
      }
      await directory.rememberPerson({ aadObjectId: aad, name: m.name, teamsUserId: m.teamsUserId });
      if (op === 'add') await directory.addTriager(school.id, aad);
      else await directory.removeTriager(school.id, aad);
      await record(actor!.aadObjectId, `triagers.${op}`, 'ok', school.id);
      done.push(m.name || 'one person');
    }
    log.info('directory.triagers_changed', { schoolId: school.id, op, count: done.length });
    const after = await directory.getSchool(school.id);
    const verb = op === 'add' ? 'added to' : 'removed from';
    await context.sendActivity({
      text: [done.length ? `${done.join(', ')} ${verb} ${school.name}'s triagers (now ${after?.triagers.length ?? 0}).` : '', ...problems].filter(Boolean).join(' '),
      summary: 'Triagers changed',
    });
  });
};
