/**
 * Builders for Teams-shaped inbound activities, as Teams sends them to /api/messages:
 * 1:1 chat, group chat, channel posts with an @mention, invokes (Action.Execute, message
 * extension query/selectItem/fetchTask/submitAction), installation updates.
 */
import { randomUUID } from 'node:crypto';

export const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const BOT_ID = '28:trustline-bot';
export const BOT_NAME = 'trustline';

export interface Persona { id: string; name: string; aadObjectId: string }

/** A Teams user: deterministic ids from a short handle, so tests can refer to them. */
export function persona(handle: string, name = handle): Persona {
  const hex = Buffer.from(handle).toString('hex').padEnd(12, '0').slice(0, 12);
  return { id: `29:${handle}`, name, aadObjectId: `00000000-0000-4000-8000-${hex}` };
}

export const people = {
  teacher: persona('teacher', 'Alex Teacher'),
  otherTeacher: persona('otherteacher', 'Sam Other'),
  head: persona('head', 'Pat Headteacher'),
  deputy: persona('deputy', 'Jo Deputy'),
  otherHead: persona('otherhead', 'Chris Otherhead'),
  trustDsl: persona('trustdsl', 'Morgan TrustDSL'),
  admin: persona('admin', 'Robin Admin'),
};

interface Base { serviceUrl: string; tenantId?: string; from?: Persona; id?: string; replyToId?: string; locale?: string }

function common(opts: Base) {
  const from = opts.from ?? people.teacher;
  const tenantId = opts.tenantId ?? TENANT_ID;
  return {
    id: opts.id ?? `in-${randomUUID()}`,
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    serviceUrl: opts.serviceUrl,
    channelId: 'msteams',
    from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
    recipient: { id: BOT_ID, name: BOT_NAME },
    locale: opts.locale ?? 'en-GB',
    replyToId: opts.replyToId,
    tenantId,
  };
}

export function personalConversation(from: Persona, tenantId = TENANT_ID) {
  return { id: `a:personal-${from.aadObjectId}`, conversationType: 'personal', tenantId };
}

export function personalMessage(text: string, opts: Base) {
  const { tenantId, ...c } = common(opts);
  return {
    ...c,
    type: 'message',
    text,
    textFormat: 'plain',
    conversation: personalConversation(opts.from ?? people.teacher, tenantId),
    channelData: { tenant: { id: tenantId } },
  };
}

export interface ChannelOpts {
  teamId?: string;
  channelId?: string;
  teamName?: string;
  channelName?: string;
  /** Post in an existing thread (root activity id). */
  threadId?: string;
  mention?: boolean;
  /** People @mentioned in a channel message (after the text), as Teams sends them: MRI and name, no AAD id. */
  mentions?: Persona[];
}

export function channelConversation(o: ChannelOpts, tenantId = TENANT_ID) {
  const channelId = o.channelId ?? '19:alerts@thread.tacv2';
  const threadRoot = o.threadId ?? `root-${randomUUID()}`;
  return { id: `${channelId};messageid=${threadRoot}`, conversationType: 'channel', isGroup: true, tenantId, name: o.channelName };
}

function channelData(o: ChannelOpts, tenantId: string) {
  const channelId = o.channelId ?? '19:alerts@thread.tacv2';
  const teamId = o.teamId ?? '19:team@thread.tacv2';
  return {
    teamsChannelId: channelId,
    teamsTeamId: teamId,
    channel: { id: channelId, name: o.channelName ?? 'Alerts' },
    team: { id: teamId, name: o.teamName ?? 'Cronton Staff', aadGroupId: `group-${teamId}` },
    tenant: { id: tenantId },
  };
}

/** A post in a channel; by default it @mentions the bot (the bot sees channel posts only then). */
export function channelMessage(text: string, opts: Base & ChannelOpts) {
  const { tenantId, ...c } = common(opts);
  const mention = opts.mention ?? true;
  const others = (opts.mentions ?? []).map((p) => ({ type: 'mention', text: `<at>${p.name}</at>`, mentioned: { id: p.id, name: p.name } }));
  const body = [text, ...others.map((m) => m.text)].join(' ');
  return {
    ...c,
    type: 'message',
    text: mention ? `<at>${BOT_NAME}</at> ${body}` : body,
    textFormat: 'plain',
    conversation: channelConversation(opts, tenantId),
    channelData: channelData(opts, tenantId),
    entities: [...(mention ? [{ type: 'mention', text: `<at>${BOT_NAME}</at>`, mentioned: { id: BOT_ID, name: BOT_NAME } }] : []), ...others],
  };
}

export interface InvokeOpts extends Base {
  /** Where the invoke comes from: 1:1 chat (default) or a channel. */
  channel?: ChannelOpts;
}

export function invoke(name: string, value: unknown, opts: InvokeOpts) {
  const { tenantId, ...c } = common(opts);
  return {
    ...c,
    type: 'invoke',
    name,
    value,
    conversation: opts.channel ? channelConversation(opts.channel, tenantId) : personalConversation(opts.from ?? people.teacher, tenantId),
    channelData: opts.channel ? channelData(opts.channel, tenantId) : { tenant: { id: tenantId } },
  };
}

/** A Universal Actions button press (Action.Execute) on a card the bot sent. */
export function actionExecute(verb: string, data: Record<string, unknown>, opts: InvokeOpts) {
  return invoke('adaptiveCard/action', { action: { type: 'Action.Execute', verb, data: { ...data, verb } }, trigger: 'manual' }, opts);
}

/** The refresh Teams sends for a card with `refresh.userIds` containing this user. */
export function actionRefresh(verb: string, data: Record<string, unknown>, opts: InvokeOpts) {
  return invoke('adaptiveCard/action', { action: { type: 'Action.Execute', verb, data: { ...data, verb } }, trigger: 'automatic' }, opts);
}

export function messageExtensionQuery(commandId: string, parameters: Record<string, string>, opts: InvokeOpts) {
  return invoke('composeExtension/query', {
    commandId,
    parameters: Object.entries(parameters).map(([name, value]) => ({ name, value })),
    queryOptions: { skip: 0, count: 25 },
  }, opts);
}

export function messageExtensionSelectItem(item: unknown, opts: InvokeOpts) {
  return invoke('composeExtension/selectItem', item, opts);
}

export interface MessagePayload { id: string; body: { contentType: 'html' | 'text'; content: string }; from: { user: { id: string; displayName: string; userIdentityType?: string } }; createdDateTime: string }

export function messagePayload(text: string, author: Persona, createdDateTime = new Date().toISOString()): MessagePayload {
  return { id: `msg-${randomUUID()}`, body: { contentType: 'html', content: `<p>${text}</p>` }, from: { user: { id: author.aadObjectId, displayName: author.name, userIdentityType: 'aadUser' } }, createdDateTime };
}

export function messageExtensionFetchTask(commandId: string, payload: MessagePayload | undefined, opts: InvokeOpts) {
  return invoke('composeExtension/fetchTask', { commandId, commandContext: payload ? 'message' : 'compose', messagePayload: payload, context: { theme: 'default' } }, opts);
}

export function messageExtensionSubmit(commandId: string, data: Record<string, unknown>, payload: MessagePayload | undefined, opts: InvokeOpts) {
  return invoke('composeExtension/submitAction', { commandId, commandContext: payload ? 'message' : 'compose', messagePayload: payload, data }, opts);
}

export function taskFetch(data: Record<string, unknown>, opts: InvokeOpts) {
  return invoke('task/fetch', { data, context: { theme: 'default' } }, opts);
}

export function taskSubmit(data: Record<string, unknown>, opts: InvokeOpts) {
  return invoke('task/submit', { data, context: { theme: 'default' } }, opts);
}

/** The bot was added to a team (or a person installed it): Teams sends conversationUpdate. */
export function botInstalled(opts: Base & { channel?: ChannelOpts }) {
  const { tenantId, ...c } = common(opts);
  return {
    ...c,
    type: 'conversationUpdate',
    membersAdded: [{ id: BOT_ID }],
    conversation: opts.channel ? channelConversation({ ...opts.channel, threadId: undefined }, tenantId) : personalConversation(opts.from ?? people.teacher, tenantId),
    channelData: opts.channel ? { ...channelData(opts.channel, tenantId), eventType: 'teamMemberAdded' } : { tenant: { id: tenantId } },
  };
}
