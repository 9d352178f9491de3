/**
 * Every outbound call made inside a turn (replies, updates, the error apology) is held to a
 * deadline that fits the turn, so a failing or hanging Connector cannot hold the HTTP request:
 * Teams gives an invoke 5 s to answer, and a message turn should answer in about 10 s.
 * botbuilder's in-turn client retries 5xx with backoff and has no timeout (issue 11: `help` held
 * 10 s on 500s and 171 s on a hang). When the deadline passes the turn carries on without
 * waiting; the call itself goes on in the background (its own retries may still deliver it) and
 * its outcome is logged, never its content.
 */
import { ActivityTypes, Middleware, ResourceResponse, TurnContext } from 'botbuilder';
import type { Logger } from '../log';
import { errorFields } from '../log';

export interface TurnDeadlines {
  /** Budget for all sends in an invoke turn, leaving time to write the invoke response. */
  invokeMs: number;
  /** Budget for all sends in a message (or other) turn. */
  messageMs: number;
}

export const DEFAULT_TURN_DEADLINES: TurnDeadlines = { invokeMs: 3_500, messageMs: 8_000 };

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

export function turnDeadlineMiddleware(log: Logger, deadlines: TurnDeadlines = DEFAULT_TURN_DEADLINES): Middleware {
  return {
    onTurn: async (context: TurnContext, next: () => Promise<void>) => {
      const budget = context.activity.type === ActivityTypes.Invoke ? deadlines.invokeMs : deadlines.messageMs;
      const endsAt = Date.now() + budget;
      const late = (what: string, work: Promise<unknown>) => {
        log.warn('turn.send_late', { what, activityType: context.activity.type, budgetMs: budget });
        work.then(
          () => log.info('turn.send_late.delivered', { what }),
          (error: unknown) => log.warn('turn.send_late.failed', { what, ...errorFields(error) }),
        );
      };
      context.onSendActivities(async (_ctx, activities, nextSend) => {
        // Invoke responses are written to the HTTP response, not sent to the Connector.
        if (activities.every((a) => a.type === ActivityTypes.InvokeResponse)) return nextSend();
        const work = nextSend();
        const outcome = await within(work, endsAt - Date.now());
        if (outcome.done) return outcome.value;
        late('send', work);
        return activities.map((): ResourceResponse => ({ id: '' }));
      });
      context.onUpdateActivity(async (_ctx, _activity, nextUpdate) => {
        const work = nextUpdate();
        const outcome = await within(work, endsAt - Date.now());
        if (!outcome.done) late('update', work);
      });
      await next();
    },
  };
}
