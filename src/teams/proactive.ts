/**
 * ChannelPoster over the Bot Framework adapter: new channel threads, replies, updates and 1:1
 * messages sent outside a turn (by the outbox worker).
 *
 * The adapter supplies an authenticated ConnectorClient (continueConversationAsync with the
 * bot's app id; without credentials, development and tests only, it trusts the serviceUrl).
 * Each call then:
 * - waits for Teams' rate limits (per thread and per app per tenant), or defers if the wait
 *   is long, so a busy channel does not hold a worker slot;
 * - has a timeout (an AbortSignal, plus a backstop timer), so a hanging Connector never blocks;
 * - runs with the SDK's own retry policies removed: the outbox is the one place that retries,
 *   so its backoff, Retry-After handling and figures are the truth;
 * - turns failures into DeliveryError: retry (429, 412, 408, 5xx, timeouts, network),
 *   permanent (400, 403, 404, 413), with Retry-After when given.
 */
import { Activity, ActivityTypes, CardFactory, CloudAdapter, ConversationParameters, ConversationReference, TurnContext } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { ConversationResourceResponse } from 'botbuilder';
import type { ChannelRef } from '../domain/directory/directory';
import { ChannelPoster, DeliveryError, OutboundMessage, PostedActivity, UserTarget } from '../domain/routing/ports';
import { RateLimiter, Window } from '../domain/outbox/rateLimiter';
import { parseRetryAfter } from '../domain/outbox/backoff';

/** Teams' limits (TOOLCHAIN.md): per bot per thread, and per app per tenant. */
export const THREAD_WINDOWS: Window[] = [
  { ms: 1_000, max: 7 },
  { ms: 2_000, max: 8 },
  { ms: 30_000, max: 60 },
  { ms: 3_600_000, max: 1_800 },
];
export const TENANT_WINDOWS: Window[] = [{ ms: 1_000, max: 50 }];

export function teamsRateLimiter(): RateLimiter {
  return new RateLimiter((key) => (key.startsWith('tenant:') ? TENANT_WINDOWS : THREAD_WINDOWS));
}

export interface PosterOptions {
  /** The bot's app id ('' when running without credentials). */
  appId: string;
  /** Total time for one call (for a new thread: all its attempts). */
  requestTimeoutMs: number;
  /** Per attempt at creating a channel thread; unset: one attempt of `requestTimeoutMs`. */
  createTimeoutMs?: number;
  limiter?: RateLimiter;
  /** Waits up to this long for a rate-limit slot; longer waits defer the work. */
  maxWaitMs?: number;
}

// 401 is retried: with credentials it is usually an expired token, fetched afresh next time.
const RETRY_STATUSES = new Set([401, 408, 412, 429, 500, 502, 503, 504]);
const RETRY_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'REQUEST_SEND_ERROR', 'UND_ERR_SOCKET']);

interface SdkError { name?: string; statusCode?: number; code?: string; response?: { headers?: { get(name: string): string | undefined } } }

/** Maps an SDK or network failure to what the outbox should do about it. */
export function classifyError(err: unknown, what: string): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const e = (err ?? {}) as SdkError;
  if (e.name === 'AbortError' || e.name === 'TimeoutError') return new DeliveryError(`${what}: timed out`, 'retry');
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  if (status !== undefined) {
    const retryAfterMs = parseRetryAfter(e.response?.headers?.get('retry-after'));
    if (RETRY_STATUSES.has(status) || (status >= 500 && status !== 501 && status !== 505)) return new DeliveryError(`${what}: HTTP ${status}`, 'retry', status, retryAfterMs);
    return new DeliveryError(`${what}: HTTP ${status}`, 'permanent', status);
  }
  if (e.code && RETRY_CODES.has(e.code)) return new DeliveryError(`${what}: ${e.code}`, 'retry');
  // Unknown failures are retried: dropping an alert is worse than trying again.
  return new DeliveryError(`${what}: ${e.name ?? 'error'}`, 'retry');
}

/** A call that got no answer in time: retried (the work may or may not have been carried out). */
class AttemptTimeout extends DeliveryError {
  constructor(message: string) {
    super(message, 'retry');
  }
}

function activityOf(message: OutboundMessage): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    text: message.text,
    summary: message.summary,
    attachments: message.card ? [CardFactory.adaptiveCard(message.card)] : undefined,
  };
}

/** The SDK client without its retry policies (the pipeline is not public API: guarded). */
function withoutSdkRetries(client: ConnectorClient): ConnectorClient {
  const inner = (client as unknown as { client?: { pipeline?: { removePolicy(o: { phase: string }): unknown } } }).client;
  inner?.pipeline?.removePolicy({ phase: 'Retry' });
  return client;
}

export class AdapterPoster implements ChannelPoster {
  private readonly limiter: RateLimiter;
  private readonly maxWaitMs: number;

  constructor(private readonly adapter: CloudAdapter, private readonly options: PosterOptions) {
    this.limiter = options.limiter ?? teamsRateLimiter();
    this.maxWaitMs = options.maxWaitMs ?? 1_000;
  }

  /**
   * A new thread: Teams answers in well under a second, so an attempt without an answer after
   * `createTimeoutMs` is abandoned and made again at once, within `requestTimeoutMs` in all.
   * A stuck connection costs seconds, not the whole budget. Either way, an attempt that Teams
   * carried out but whose answer was lost leaves a second card: the Connector has no idempotency
   * key and no way to look the first up (the duplicate window, docs/RELIABILITY.md).
   */
  async postNewThread(channel: ChannelRef, message: OutboundMessage): Promise<PostedActivity> {
    const params = {
      isGroup: true,
      bot: { id: this.options.appId, name: 'trustline' },
      tenantId: channel.tenantId,
      channelData: { channel: { id: channel.channelId }, team: { id: channel.teamId }, tenant: { id: channel.tenantId } },
      activity: activityOf(message),
    } as ConversationParameters;
    const endsAt = Date.now() + this.options.requestTimeoutMs;
    const perAttempt = this.options.createTimeoutMs ?? this.options.requestTimeoutMs;
    let res: ConversationResourceResponse;
    for (;;) {
      const timeoutMs = Math.min(perAttempt, endsAt - Date.now());
      try {
        res = await this.call(channel.serviceUrl, channel.tenantId, channel.channelId, `channel:${channel.channelId}`, 'post thread',
          (client, signal) => client.conversations.createConversation(params, { abortSignal: signal }), timeoutMs);
        break;
      } catch (err) {
        // Another attempt only after a timeout, and only if a whole one still fits.
        if (!(err instanceof AttemptTimeout) || endsAt - Date.now() < perAttempt) throw err;
      }
    }
    if (!res.id || !res.activityId) throw new DeliveryError('post thread: the Connector returned no activity id', 'retry');
    return { serviceUrl: channel.serviceUrl, tenantId: channel.tenantId, conversationId: res.id, activityId: res.activityId };
  }

  async replyInThread(thread: PostedActivity, message: OutboundMessage): Promise<PostedActivity> {
    const res = await this.call(thread.serviceUrl, thread.tenantId, thread.conversationId, `thread:${thread.conversationId}`, 'reply',
      (client, signal) => client.conversations.sendToConversation(thread.conversationId, activityOf(message), { abortSignal: signal }));
    return { ...thread, activityId: res.id ?? '' };
  }

  async updateMessage(target: PostedActivity, message: OutboundMessage): Promise<void> {
    await this.call(target.serviceUrl, target.tenantId, target.conversationId, `thread:${target.conversationId}`, 'update',
      (client, signal) => client.conversations.updateActivity(target.conversationId, target.activityId, { ...activityOf(message), id: target.activityId }, { abortSignal: signal }));
  }

  async sendToUser(user: UserTarget, message: OutboundMessage): Promise<PostedActivity> {
    let conversationId = user.conversationId;
    if (!conversationId) {
      const params = {
        isGroup: false,
        bot: { id: this.options.appId, name: 'trustline' },
        members: [{ id: user.userId, name: '' }],
        tenantId: user.tenantId,
        channelData: { tenant: { id: user.tenantId } },
      } as ConversationParameters;
      const created = await this.call(user.serviceUrl, user.tenantId, user.userId, `user:${user.userId}`, 'create 1:1',
        (client, signal) => client.conversations.createConversation(params, { abortSignal: signal }));
      if (!created.id) throw new DeliveryError('create 1:1: the Connector returned no conversation id', 'retry');
      conversationId = created.id;
    }
    const id = conversationId;
    const res = await this.call(user.serviceUrl, user.tenantId, id, `thread:${id}`, 'send 1:1',
      (client, signal) => client.conversations.sendToConversation(id, activityOf(message), { abortSignal: signal }));
    return { serviceUrl: user.serviceUrl, tenantId: user.tenantId, conversationId: id, activityId: res.id ?? '' };
  }

  /** Sends a stored activity (a late turn reply, teams/lateReplies.ts) into its conversation. */
  async sendActivity(target: { serviceUrl: string; tenantId: string; conversationId: string }, activity: Partial<Activity>, replyToId?: string): Promise<{ id: string }> {
    const { serviceUrl, tenantId, conversationId } = target;
    const res = await this.call(serviceUrl, tenantId, conversationId, `thread:${conversationId}`, 'late reply',
      (client, signal) => (replyToId
        ? client.conversations.replyToActivity(conversationId, replyToId, activity, { abortSignal: signal })
        : client.conversations.sendToConversation(conversationId, activity, { abortSignal: signal })));
    return { id: res.id ?? '' };
  }

  async findMember(channel: ChannelRef, aadObjectId: string): Promise<{ teamsUserId: string; name?: string } | undefined> {
    try {
      const m = await this.call(channel.serviceUrl, channel.tenantId, channel.teamId, `roster:${channel.teamId}`, 'member',
        (client, signal) => client.conversations.getConversationMember(channel.teamId, aadObjectId, { abortSignal: signal }));
      return m?.id ? { teamsUserId: m.id, ...(m.name ? { name: m.name } : {}) } : undefined;
    } catch (err) {
      if (err instanceof DeliveryError && err.disposition === 'permanent') return undefined;
      throw err;
    }
  }

  /** Takes a rate-limit slot on the thread and the tenant; returns what `settle` needs. */
  private async slot(threadKey: string, tenantId: string): Promise<{ keys: string[]; at: number }> {
    const keys = [threadKey, `tenant:${tenantId}`];
    for (;;) {
      const at = Date.now();
      const wait = this.limiter.reserve(keys, at);
      if (wait === 0) return { keys, at };
      if (wait > this.maxWaitMs) throw new DeliveryError('rate limit: deferred', 'defer', undefined, wait);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  private async call<T>(
    serviceUrl: string, tenantId: string, conversationId: string, threadKey: string, what: string,
    op: (client: ConnectorClient, signal: AbortSignal) => Promise<T>,
    timeoutMs = this.options.requestTimeoutMs,
  ): Promise<T> {
    const slot = await this.slot(threadKey, tenantId);
    const controller = new AbortController();
    let backstop: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const reference: Partial<ConversationReference> = {
      serviceUrl,
      channelId: 'msteams',
      conversation: { id: conversationId, isGroup: true, conversationType: 'channel', tenantId, name: '' },
      bot: { id: this.options.appId, name: 'trustline' },
    };
    try {
      let result: T | undefined;
      let failure: { error: unknown } | undefined;
      const work = this.adapter.continueConversationAsync(this.options.appId, reference, async (context: TurnContext) => {
        // Caught here: an error thrown out of the logic would go to the adapter's onTurnError
        // (which logs a turn error and swallows it), and we would not see its status.
        try {
          const client = context.turnState.get<ConnectorClient>(context.adapter.ConnectorClientKey);
          result = await op(withoutSdkRetries(client), controller.signal);
        } catch (error) {
          failure = { error };
        }
      });
      // Backstop: token acquisition or a misbehaving client might ignore the abort signal.
      const expired = new Promise<never>((_, reject) => {
        backstop = setTimeout(() => reject(new AttemptTimeout(`${what}: timed out`)), timeoutMs + 1_000);
      });
      work.catch(() => undefined);
      await Promise.race([work, expired]);
      if (failure) throw failure.error;
      return result as T;
    } catch (err) {
      if (err instanceof AttemptTimeout || controller.signal.aborted) throw new AttemptTimeout(`${what}: timed out`);
      throw classifyError(err, what);
    } finally {
      clearTimeout(timer);
      if (backstop) clearTimeout(backstop);
      // The Connector counted the request at the latest when it answered (see RateLimiter).
      this.limiter.settle(slot.keys, slot.at);
    }
  }
}
