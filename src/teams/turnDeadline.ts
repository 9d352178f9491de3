/**
 * Every outbound call made inside a turn (replies, updates, the error apology) is held to a
 * deadline that fits the turn, so a failing or hanging Connector cannot hold the HTTP request:
 * Teams gives an invoke 5 s to answer, and a message turn should answer in about 10 s.
 * botbuilder's in-turn client retries 5xx with backoff and has no timeout (issue 11: `help` held
 * 10 s on 500s and 171 s on a hang).
 *
 * A message that misses the deadline is stored in the outbox (lateReplies.ts) before the turn
 * answers, so it is not lost with the turn. The in-turn call goes on for a short hold (a slow
 * Connector may still deliver it; then the stored copy is dropped) and is then aborted, and the
 * outbox sends the copy with its retries: one of the two paths delivers, never both. Later
 * messages of the same turn go straight to the outbox, in order. Logs never carry content.
 */
import { randomUUID } from 'node:crypto';
import { ActivityTypes, Middleware, ResourceResponse, TurnContext } from 'botbuilder';
import type { Logger } from '../log';
import { errorFields } from '../log';
import type { LateReplySink } from './lateReplies';

export interface TurnDeadlines {
  /** Budget for all sends in an invoke turn, leaving time to write the invoke response. */
  invokeMs: number;
  /** Budget for all sends in a message (or other) turn. */
  messageMs: number;
  /** After the deadline, how long a late in-turn send may still succeed before it is aborted and the outbox sends it. */
  holdMs: number;
}

export const DEFAULT_TURN_DEADLINES: TurnDeadlines = { invokeMs: 3_500, messageMs: 8_000, holdMs: 5_000 };

type Outcome<T> = { done: true; value: T } | { done: false };

/** Resolves with the call's outcome, or `{ done: false }` once `ms` have passed. */
async function within<T>(work: Promise<T>, ms: number): Promise<Outcome<T>> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Outcome<T>>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), Math.max(0, ms));
  });
  const settled = work.then((value): Outcome<T> => ({ done: true, value }));
  settled.catch(() => undefined); // a rejection after the deadline is reported by the caller
  try {
    return await Promise.race([settled, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The in-turn send being made, as the Connector client sees it: its abort signal, and whether
 * the Connector accepted it. The latter is what counts: a send that succeeds after its turn has
 * ended still rejects (botbuilder's revoked TurnContext throws a TypeError afterwards).
 */
interface SendScope { signal: AbortSignal; accepted: boolean }
/**
 * By the activity being sent: botbuilder hands the very activity objects the send handlers see
 * to the Connector client, one call each. (An AsyncLocalStorage did this before; once used it
 * keeps a promise hook on for every promise in the process, which made all async code of a turn
 * dearer: three times the cost of a bare await chain.)
 */
const sendScopes = new WeakMap<object, SendScope>();

type Send = (...args: unknown[]) => Promise<unknown>;
interface Conversations { replyToActivity?: Send; sendToConversation?: Send }
/** Where each send method takes its activity and its options (the Connector's generated client). */
const SENDS = { replyToActivity: { activity: 2, options: 3 }, sendToConversation: { activity: 1, options: 2 } } as const;
const SCOPED = Symbol.for('trustline.turnAbort');

const isAccepted = (status: unknown) => typeof status === 'number' && status >= 200 && status < 300;

/**
 * Lets an in-turn send be aborted: botbuilder passes no abort signal to the Connector client, so
 * its two send methods are wrapped (once per client; clients are reused, connectorClients.ts) to
 * pass the send's own, which the client's retry policy honours too, and to note whether the
 * Connector accepted it (a 2xx, also when its answer then failed to parse). Sends outside a
 * turn's scope (the outbox's) pass through unchanged. The client is not public API, hence the guards.
 */
function abortable(context: TurnContext): void {
  const key = (context.adapter as { ConnectorClientKey?: symbol }).ConnectorClientKey;
  const client = key ? context.turnState.get(key) as { conversations?: Conversations & { [SCOPED]?: true } } | undefined : undefined;
  const conversations = client?.conversations;
  if (!conversations || conversations[SCOPED]) return;
  for (const [method, at] of Object.entries(SENDS) as [keyof typeof SENDS, (typeof SENDS)[keyof typeof SENDS]][]) {
    const send = conversations[method];
    if (typeof send !== 'function') continue;
    conversations[method] = function scopedSend(this: unknown, ...args: unknown[]) {
      const activity = args[at.activity];
      const scope = activity !== null && typeof activity === 'object' ? sendScopes.get(activity) : undefined;
      const options = args[at.options] as { abortSignal?: AbortSignal } | undefined;
      if (!scope || typeof options === 'function') return send.apply(this, args); // a callback in the options' place: not botbuilder's call
      args[at.options] = { ...options, abortSignal: options?.abortSignal ? AbortSignal.any([options.abortSignal, scope.signal]) : scope.signal };
      return send.apply(this, args).then(
        (result) => {
          scope.accepted = true;
          return result;
        },
        (error: unknown) => {
          if (isAccepted((error as { statusCode?: unknown } | null)?.statusCode)) scope.accepted = true;
          throw error;
        },
      );
    };
  }
  conversations[SCOPED] = true;
}

export function turnDeadlineMiddleware(log: Logger, deadlines: TurnDeadlines = DEFAULT_TURN_DEADLINES, sink?: LateReplySink): Middleware {
  return {
    onTurn: async (context: TurnContext, next: () => Promise<void>) => {
      const budget = context.activity.type === ActivityTypes.Invoke ? deadlines.invokeMs : deadlines.messageMs;
      const endsAt = Date.now() + budget;
      let turnRef: string | undefined;
      let seq = 0;
      let late = false;
      if (sink) abortable(context);
      const logLate = (what: string, work: Promise<unknown>) => {
        log.warn('turn.send_late', { what, activityType: context.activity.type, budgetMs: budget });
        work.then(
          () => log.info('turn.send_late.delivered', { what }),
          (error: unknown) => log.warn('turn.send_late.failed', { what, ...errorFields(error) }),
        );
      };
      /** Stores messages for the outbox (due after `holdMs`); other activity types (typing) are dropped. */
      const hold = async (activities: Partial<import('botbuilder').Activity>[], holdMs: number): Promise<(string | undefined)[]> => {
        turnRef ??= randomUUID();
        const ids: (string | undefined)[] = [];
        for (const a of activities) ids.push(a.type === ActivityTypes.Message ? await sink!.hold(a, turnRef, seq++, holdMs) : undefined);
        return ids;
      };
      context.onSendActivities(async (_ctx, activities, nextSend) => {
        // Invoke responses are written to the HTTP response, not sent to the Connector.
        if (activities.every((a) => a.type === ActivityTypes.InvokeResponse)) return nextSend();
        const blank = () => activities.map((): ResourceResponse => ({ id: '' }));
        if (!sink) {
          const work = nextSend();
          const outcome = await within(work, endsAt - Date.now());
          if (outcome.done) return outcome.value;
          logLate('send', work);
          return blank();
        }
        // Past the deadline already: straight to the outbox, after this turn's earlier ones.
        if (late || endsAt <= Date.now()) {
          late = true;
          const ids = await hold(activities, 0);
          log.warn('turn.send_queued', { activityType: context.activity.type, queued: ids.filter(Boolean).length });
          return blank();
        }
        const controller = new AbortController();
        const scope: SendScope = { signal: controller.signal, accepted: false };
        for (const a of activities) sendScopes.set(a, scope);
        const work = nextSend();
        const outcome = await within(work, endsAt - Date.now());
        if (outcome.done) return outcome.value;
        late = true;
        const ids = (await hold(activities, deadlines.holdMs + 1_000)).filter((id): id is string => id !== undefined);
        log.warn('turn.send_late', { what: 'send', activityType: context.activity.type, budgetMs: budget, queued: ids.length });
        // The in-turn call gets the hold to finish; then it is aborted and the outbox sends the copy.
        const abortAt = setTimeout(() => controller.abort(), deadlines.holdMs);
        const settled = async (error?: unknown) => {
          clearTimeout(abortAt);
          if (scope.accepted) {
            log.info('turn.send_late.delivered', { what: 'send' });
            await Promise.all(ids.map((id) => sink.delivered(id)));
          } else {
            log.info('turn.send_late.to_outbox', { what: 'send', ...errorFields(error) });
            await Promise.all(ids.map((id) => sink.failed(id)));
          }
        };
        work.then(() => settled(), settled).catch((error: unknown) => log.error('turn.send_late.record_failed', errorFields(error)));
        return blank();
      });
      context.onUpdateActivity(async (_ctx, _activity, nextUpdate) => {
        // Card updates in a turn are not used by trustline's handlers; held to the deadline only.
        const work = nextUpdate();
        const outcome = await within(work, endsAt - Date.now());
        if (!outcome.done) logLate('update', work);
      });
      await next();
    },
  };
}
