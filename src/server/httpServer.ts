/**
 * The HTTP surface: POST /api/messages into the adapter, GET /healthz. Bad input is refused
 * here with a 4xx before it reaches the bot: malformed JSON, a body that is not an activity,
 * a body over the size limit, or a tenant this deployment does not serve.
 */
import './quietHttpParserWarning'; // before restify: drops only its DEP0111 warning
import restify from 'restify';
import type { Request, Response } from 'restify';
import type { TeamsAdapter, Application } from '@microsoft/teams-ai';
import type { AppTurnState } from '../teams/state';
import type { Services } from '../services';
import { errorFields } from '../log';
import { AuthGate, installIdentityKeys } from './authGate';
import { activityProblem, isKnownInvoke } from './activityShape';
import { jsonFormatters } from './sharedJson';
import { processTurn } from './processTurn';
import type { AuthenticateRequestResult } from 'botframework-connector';

export const MAX_BODY_BYTES = 256 * 1024;

export interface HttpServer {
  server: restify.Server;
  /** Requests currently being processed (for graceful shutdown). */
  inFlight(): number;
  /** Resolves when no request is in flight, or after `timeoutMs`. */
  drain(timeoutMs: number): Promise<boolean>;
  /** From now on new requests are answered 503 with Retry-After. */
  beginShutdown(): void;
}

export { activityProblem } from './activityShape';

/**
 * The activity's tenant when ALLOWED_TENANTS is set. Teams sends it twice, in
 * `channelData.tenant.id` and `conversation.tenantId`; both must be present and agree, since a
 * forger who sets one can set the other wrong. An activity with only one is refused
 * (`reason: 'one_field'`): Teams always sends both, so one alone is not Teams.
 */
export function tenantOf(activity: Record<string, unknown>): { tenant?: string; reason?: 'missing' | 'one_field' | 'mismatch' } {
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const conversation = activity.conversation as { tenantId?: unknown } | undefined;
  const a = channelData?.tenant?.id;
  const b = conversation?.tenantId;
  const hasA = typeof a === 'string' && a !== '';
  const hasB = typeof b === 'string' && b !== '';
  if (!hasA && !hasB) return { reason: 'missing' };
  if (!hasA || !hasB) return { reason: 'one_field' };
  if (a !== b) return { reason: 'mismatch' };
  return { tenant: a };
}

export interface HttpServerOptions {
  /**
   * Settles when turns can run (the policy is loaded: trustline.ts loads it just after listening).
   * A turn that arrives earlier waits for it; if it rejects, such a turn is answered 503.
   */
  ready?: Promise<unknown>;
}

export function createHttpServer(adapter: TeamsAdapter, app: Application<AppTurnState>, services: Services, options: HttpServerOptions = {}): HttpServer {
  const { log, config, store } = services;
  // Whether turns can run; `ready` is awaited only until then (no extra await per turn after).
  let ready: 'waiting' | 'ready' | 'failed' = options.ready ? 'waiting' : 'ready';
  options.ready?.then(() => { ready = 'ready'; }, () => { ready = 'failed'; });
  const server = restify.createServer({ name: 'trustline', handleUncaughtExceptions: false, formatters: jsonFormatters(restify.formatters) });
  const authGate = config.bot ? new AuthGate(adapter, installIdentityKeys(config.bot, log), log) : undefined;
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, mapFiles: false }));

  let inFlight = 0;
  let waiters: (() => void)[] = [];
  const settle = () => {
    if (inFlight === 0) {
      waiters.forEach((w) => w());
      waiters = [];
    }
  };
  // Shutdown: every request that was read is counted from the moment it is read (before body
  // parsing and auth) until its response is written, so drain() waits for it; once shutting
  // down, new requests (e.g. on a kept-alive connection) get 503 + Retry-After, never a reset.
  let shuttingDown = false;
  server.pre((_req: Request, res: Response, next: (err?: false) => void) => {
    if (shuttingDown) {
      res.setHeader('Retry-After', '5');
      res.setHeader('Connection', 'close');
      res.send(503, { error: 'trustline is restarting; please retry.' });
      return next(false);
    }
    inFlight++;
    let counted = true;
    const finished = () => {
      if (!counted) return;
      counted = false;
      inFlight--;
      settle();
    };
    res.once('finish', finished);
    res.once('close', finished);
    return next();
  });

  // Answers of ours that were 5xx (turn failures): in /healthz, so a rise is visible without log search.
  let serverErrors = 0;
  server.post('/api/messages', async (req: Request, res: Response) => {
    res.once('finish', () => {
      if (res.statusCode >= 500 && res.statusCode !== 501) serverErrors++; // 501 is a refusal, not a failure
    });
    const problem = activityProblem(req.body);
    if (problem) {
      log.info('http.bad_activity', { problem: problem.slice(0, 120) });
      res.send(400, { error: problem });
      return;
    }
    const activity = req.body as Record<string, unknown>;
    // Without credentials the adapter authenticates the header itself (anonymous, development only).
    let auth: string | AuthenticateRequestResult = req.headers.authorization ?? '';
    if (authGate) {
      const outcome = await authGate.check(activity, req.header('authorization'));
      if (!outcome.ok) {
        res.send(outcome.status, outcome.body);
        return;
      }
      auth = outcome.result;
    }
    if (config.allowedTenants.length) {
      const { tenant, reason } = tenantOf(activity);
      if (!tenant || !config.allowedTenants.includes(tenant)) {
        log.warn('http.tenant_refused', { tenant: (tenant ?? 'none').slice(0, 64), reason: reason ?? 'not_allowed' });
        res.send(403, { error: 'This tenant is not served by this trustline deployment.' });
        return;
      }
    }
    if (activity.type === 'invoke' && !isKnownInvoke(activity.name as string)) {
      res.send(501, { message: 'trustline does not handle this invoke.' });
      return;
    }
    if (ready === 'waiting') await options.ready?.catch(() => undefined);
    if (ready === 'failed') {
      res.setHeader('Retry-After', '5');
      res.send(503, { error: 'trustline could not load its policy; please retry.' });
      return;
    }
    try {
      await processTurn(adapter, req, res, auth, (context) => app.run(context).then(() => undefined));
    } catch (err) {
      log.error('http.process_failed', errorFields(err));
      if (!res.headersSent) res.send(500, { error: 'trustline could not process this activity.' });
    }
  });

  server.get('/healthz', async (_req: Request, res: Response) => {
    // Healthy once listening: a question that arrives while the policy loads waits for it (above).
    if (ready === 'failed') {
      res.send(503, { status: 'unavailable', policy: 'not loaded', store: store.kind, serverErrors });
      return;
    }
    try {
      await store.ping();
      // `policy: 'loading'` for the moments after the start (turns meanwhile wait for it).
      res.send(200, { status: 'ok', store: store.kind, policy: ready === 'ready' ? 'loaded' : 'loading', serverErrors });
    } catch (err) {
      log.error('health.store_unreachable', errorFields(err));
      res.send(503, { status: 'unavailable', store: store.kind, serverErrors });
    }
  });

  server.on('restifyError', (req: Request, _res: Response, err: Error & { statusCode?: number }, cb: () => void) => {
    // Malformed JSON and oversize bodies arrive here as 400/413: log the class, never the body.
    log.warn('http.rejected', { route: req.getPath(), statusCode: err.statusCode ?? 500, errorName: err.name });
    return cb();
  });

  return {
    server,
    inFlight: () => inFlight,
    beginShutdown: () => {
      shuttingDown = true;
    },
    drain: (timeoutMs) => new Promise<boolean>((resolve) => {
      if (inFlight === 0) return resolve(true);
      const timer = setTimeout(() => resolve(false), timeoutMs);
      waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    }),
  };
}
