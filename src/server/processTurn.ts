/**
 * Runs one activity through the adapter and writes the HTTP answer, as `TeamsAdapter.process`
 * (teams-ai) and `CloudAdapter.process` (botbuilder 4.23) do for a restify request, without two
 * costs they add to every request:
 * - their zod checks (the body is a record, the response and logic have the right shape), which
 *   build schemas per request (a search allocated 20 of its ~120 KB there); `activityProblem`
 *   has checked the body more closely before this is called;
 * - with authentication on, a second verification of the token: the gate (authGate.ts) has
 *   already verified it and hands over the SDK's own result, which `processActivity` takes in
 *   place of the header, so the token is checked once, by the same code.
 * The rest is theirs, step for step: teams-ai's User-Agent header, botbuilder's timestamp fixing
 * (`validateAndFixActivity`), its status and body from the invoke response, 401 for an
 * AuthenticationError and 500 with the error's message otherwise.
 */
import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';
import { AuthenticationError, type AuthenticateRequestResult } from 'botframework-connector';
// Not re-exported by the package index; CloudAdapter.process calls it on every body.
import { validateAndFixActivity } from 'botbuilder/lib/activityValidator';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { Request, Response } from 'restify';

/** `processActivity` is protected in the typings; `process` and `processActivityDirect` call it. */
interface ActivityProcessor {
  processActivity(auth: string | AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined>;
}

/** `auth`: the gate's result when authentication is on, else the Authorization header ('' if none). */
export async function processTurn(
  adapter: TeamsAdapter, req: Request, res: Response, auth: string | AuthenticateRequestResult, logic: (context: TurnContext) => Promise<void>,
): Promise<void> {
  res.header('User-Agent', adapter.userAgent);
  const end = (status: number, body?: unknown) => {
    res.status(status);
    if (body) res.send(body);
    res.end();
  };
  const activity = validateAndFixActivity(req.body as Activity);
  try {
    const invokeResponse = await (adapter as unknown as ActivityProcessor).processActivity(auth, activity, logic);
    end(invokeResponse?.status ?? 200, invokeResponse?.body);
  } catch (err) {
    console.error(err); // as botbuilder does; turn errors are answered by onTurnError before this
    end(err instanceof AuthenticationError ? 401 : 500, (err as { message?: unknown } | undefined)?.message ?? err);
  }
}
