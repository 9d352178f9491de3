/**
 * Helpers for the routing and triage tests: a test directory (schools with triagers, the
 * trust's named people), fast outbox settings, linking channels and filing reports over HTTP
 * exactly as Teams would, and finding the alerts the bot posted in the Connector stand-in.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Harness } from '../support/harness';
import type { ConnectorStub, SentActivity } from '../support/connector';
import { actionExecute, channelMessage, people, persona, Persona, ChannelOpts, TENANT_ID } from '../support/activities';
import { actionData, Card, invokeCard, validAnswers } from './reportsSupport';

export const chair = persona('chair', 'Drew Chair');

export const CHANNELS: Record<string, ChannelOpts> = {
  cronton: { teamId: '19:cronton-team@thread.tacv2', channelId: '19:cronton-alerts@thread.tacv2', teamName: 'Cronton Leadership', channelName: 'Alerts' },
  beacon: { teamId: '19:beacon-team@thread.tacv2', channelId: '19:beacon-alerts@thread.tacv2', teamName: 'Beacon Leadership', channelName: 'Alerts' },
  trust: { teamId: '19:trust-team@thread.tacv2', channelId: '19:trust-central@thread.tacv2', teamName: 'Trust Central', channelName: 'Safeguarding' },
};

export function extraSchoolId(i: number): string {
  return `school-${String(i).padStart(2, '0')}`;
}

export function channelFor(schoolId: string): ChannelOpts {
  return CHANNELS[schoolId] ?? { teamId: `19:${schoolId}-team@thread.tacv2`, channelId: `19:${schoolId}-alerts@thread.tacv2`, teamName: `${schoolId} team`, channelName: 'Alerts' };
}

/**
 * Writes a directory for tests: Cronton (triagers: head, deputy), Beacon (otherHead),
 * St James (none), and `extra` more schools; the trust DSL and chair as named people.
 */
export function writeDirectory(extra = 0): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trustline-dir-'));
  const file = path.join(dir, 'directory.json');
  const schools = [
    { id: 'cronton', name: 'Cronton CE Primary School', aliases: ['cronton'], triagers: [people.head.aadObjectId, people.deputy.aadObjectId] },
    { id: 'beacon', name: 'The Beacon CE Primary School', aliases: ['beacon'], triagers: [people.otherHead.aadObjectId] },
    { id: 'st-james', name: 'St James CE Primary School', aliases: ['st james'], triagers: [] },
    ...Array.from({ length: extra }, (_, i) => ({ id: extraSchoolId(i + 4), name: `Test School ${i + 4}`, triagers: [people.head.aadObjectId] })),
  ];
  fs.writeFileSync(file, JSON.stringify({
    trust: {
      name: 'Test Diocesan Schools Trust',
      namedPeople: [
        { role: 'trust-dsl', title: 'Trust Designated Safeguarding Lead', aadObjectId: people.trustDsl.aadObjectId },
        { role: 'chair', title: 'Chair of the Trust Board', aadObjectId: chair.aadObjectId },
      ],
    },
    schools,
  }));
  return file;
}

/** Outbox settings that keep tests fast: quick polls, short backoff and timeouts. */
export function routingEnv(directoryFile: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DIRECTORY_FILE: directoryFile,
    TRUST_ADMINS: people.admin.aadObjectId,
    OUTBOX_POLL_MS: '25',
    OUTBOX_BACKOFF_BASE_MS: '25',
    OUTBOX_BACKOFF_MAX_MS: '400',
    OUTBOX_REQUEST_TIMEOUT_MS: '1500',
    OUTBOX_LEASE_MS: '10000',
    LOG_LEVEL: 'debug',
    ...extra,
  };
}

/** Every persona the stand-in answers member look-ups for (so @mentions resolve to AAD ids). */
export function teamMembers(connector: ConnectorStub): void {
  connector.defaultMembers = [...Object.values(people), chair].map((p) => ({ id: p.id, name: p.name, aadObjectId: p.aadObjectId }));
}

/** What the helpers below need of a server under test: in process (Harness) or a child process. */
export type Service = Pick<Harness, 'send' | 'serviceUrl' | 'connector'>;

/** Sends a channel command and returns the bot's text reply. */
export async function command(h: Service, text: string, channel: ChannelOpts, from: Persona = people.admin, mentions: Persona[] = []): Promise<string> {
  const before = h.connector.messages.length;
  const res = await h.send(channelMessage(text, { serviceUrl: h.serviceUrl, from, ...channel, mentions }));
  assert.equal(res.status, 200, `${text}: status ${res.status}`);
  const sent = await h.connector.waitForMessages(before + 1);
  const reply = sent[sent.length - 1];
  return `${reply.text ?? ''}${reply.attachments ? JSON.stringify(reply.attachments.map((a) => a.content)) : ''}`;
}

export async function link(h: Service, target: string, channel: ChannelOpts = channelFor(target)): Promise<void> {
  const reply = await command(h, `link ${target}`, channel);
  assert.match(reply, /is now/, reply);
}

export async function execCard(h: Service, verb: string, data: Record<string, unknown>, from: Persona, channel?: ChannelOpts): Promise<Card> {
  const res = await h.send(actionExecute(verb, data, { serviceUrl: h.serviceUrl, from, channel }));
  assert.equal(res.status, 200, `${verb}: HTTP ${res.status}`);
  return invokeCard(res.body);
}

/** Files a report like a user in 1:1 chat (form, review, submit) and returns its reference. */
export async function fileReport(h: Service, kindId: string, o: { from?: Persona; school?: string; overrides?: Record<string, string> } = {}): Promise<string> {
  const from = o.from ?? people.teacher;
  const form = await execCard(h, 'report.start', { kind: kindId, via: 'picker' }, from);
  const answers = { ...validAnswers(kindId), ...(o.school ? { school: o.school } : {}), ...o.overrides };
  const review = await execCard(h, 'report.review', { ...actionData(form, 'report.review'), ...answers }, from);
  const filed = await execCard(h, 'report.submit', actionData(review, 'report.submit'), from);
  const ref = /([A-Z]{2}-2026-\d{4})/.exec(JSON.stringify(filed))?.[1];
  assert.ok(ref, `a reference in ${JSON.stringify(filed).slice(0, 300)}`);
  return ref;
}

export interface PostedThread {
  /** The thread's conversation id (channel;messageid=...) or a 1:1 conversation id. */
  conversationId: string;
  activityId: string;
  /** Where it was started: a channel id, or undefined for a 1:1 chat. */
  channelId?: string;
  /** The activity as it is now (after updates). */
  activity: SentActivity;
  card: Card;
}

/** The reference of an alert card (the card with the triage.open button), if it is one. */
export function refOfCard(card: Card | undefined): string | undefined {
  const actions = (card?.actions ?? []) as { verb?: string; data?: { ref?: string } }[];
  return actions.find((a) => a.verb === 'triage.open')?.data?.ref;
}

/** Alert cards the bot posted (new channel threads and 1:1 messages), as they are now after updates. */
export function startedThreads(connector: ConnectorStub): PostedThread[] {
  const out: PostedThread[] = [];
  for (const conv of connector.conversations.values()) {
    for (const [activityId, activity] of conv.activities) {
      const card = activity.attachments?.[0]?.content as Card | undefined;
      if (!refOfCard(card)) continue;
      const channelId = conv.id.includes(';messageid=') ? conv.id.split(';messageid=')[0] : undefined;
      out.push({ conversationId: conv.id, activityId, channelId, activity, card: card as Card });
    }
  }
  return out;
}

/** Alert threads for a reference, wherever they were posted. */
export function alertsFor(connector: ConnectorStub, ref: string): PostedThread[] {
  return startedThreads(connector).filter((t) => refOfCard(t.card) === ref);
}

export async function waitForAlerts(connector: ConnectorStub, ref: string, n = 1, timeoutMs = 8_000): Promise<PostedThread[]> {
  await connector.waitFor(() => alertsFor(connector, ref).length >= n, timeoutMs, `${n} alert(s) for ${ref}`);
  return alertsFor(connector, ref);
}

/** Messages the bot sent into existing conversations (replies in threads, 1:1 messages). */
export function messagesIn(connector: ConnectorStub, conversationId: string): SentActivity[] {
  return connector.messages.filter((m) => m.conversationId === conversationId);
}

export function factValue(card: Card, title: string): string | undefined {
  let found: string | undefined;
  const walk = (n: unknown): void => {
    if (found !== undefined) return;
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o.title === title && typeof o.value === 'string' && o.type === undefined) found = o.value;
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

export const TENANT = TENANT_ID;
