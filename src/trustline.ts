/**
 * Composition root: builds the store, services, adapter, Teams app and HTTP server, and
 * returns a handle whose close() shuts down gracefully (stop accepting, finish in-flight
 * turns, stop background work, close the store). Used by `src/index.ts` and by the tests,
 * which start the real server in process on a free loopback port.
 */
import type { AddressInfo } from 'node:net';
import type { Config } from './config';
import { createLogger, errorFields, Logger } from './log';
import { Clock, systemClock } from './clock';
import type { RecordStore } from './storage/recordStore';
import { createStore } from './storage/createStore';
import { RecordBotStorage } from './storage/botStateStorage';
import { createAdapter } from './teams/adapter';
import { createTeamsApp } from './teams/app';
import { createHttpServer } from './server/httpServer';
import { preloadTemplates } from './cards/render';
import { englishWords } from './domain/policy/english';
import { releaseYoungGeneration } from './heapSizing';
import type { Services } from './services';
import { Directory, loadDirectorySeed } from './domain/directory/directory';
import { ReportsService } from './domain/reports/service';
import { loadKinds } from './domain/reports/kinds';
import { createOutboxWorker, createRouting } from './domain/routing/services';
import { AdapterPoster } from './teams/proactive';
import { LateReplies } from './teams/lateReplies';
import { PolicyService } from './domain/policy/service';
import { GapStore } from './domain/policy/gaps';
import { ChoiceLog } from './domain/policy/choices';
import { createPhraser } from './domain/policy/phraser';
import { gapPurgeTask } from './domain/policy/gapPurge';
import { loadRetentionSchedule, RecordsPurge } from './domain/records/retention';

export interface StartOptions {
  log?: Logger;
  clock?: Clock;
  /** An already-open store (tests share one across restarts of the server). */
  store?: RecordStore;
}

export interface Trustline {
  url: string;
  port: number;
  services: Services;
  /** Resolves once the policy is loaded (turns wait for it); rejects if it did not load (then the service cannot answer: stop it). */
  ready: Promise<void>;
  close(): Promise<void>;
}

export async function startTrustline(config: Config, options: StartOptions = {}): Promise<Trustline> {
  const log = options.log ?? createLogger(config.logLevel);
  // Where the start goes, for server.started: ms since the process began (performance.now()'s
  // origin) when each phase ended; `startedModulesMs` is node's own start plus loading the code.
  const startMs: Record<string, number> = { startedModulesMs: Math.round(performance.now()) };
  const mark = (phase: string) => { startMs[`started${phase}Ms`] = Math.round(performance.now()); };
  const kinds = loadKinds(config.reportKindsDir); // refuses bad definitions before opening anything
  const store = options.store ?? (await createStore(config));
  mark('Store');
  const directory = new Directory(store, loadDirectorySeed(config.directoryFile));
  const clock = options.clock ?? systemClock;
  const reports = new ReportsService({ store, kinds, schools: directory, clock, log, timeZone: config.triage.timeZone });
  const routing = createRouting({ config, store, directory, clock, log, kinds });
  // The policy (its index and learned models, most of the start's own work) is loaded just after
  // the server listens; a turn that arrives first waits for it (httpServer.ts), and nothing reads
  // `services.policy` outside a turn. A policy that does not load fails `ready` (src/index.ts exits).
  let policy: PolicyService | undefined;
  const services: Services = {
    config, store, log, clock, directory, reports, routing, background: [],
    get policy(): PolicyService {
      if (!policy) throw new Error('the policy is not loaded yet');
      return policy;
    },
  };
  services.background.push(gapPurgeTask(new GapStore(store, config.answers.gapRetentionDays, () => clock.now()), log));
  services.background.push(gapPurgeTask(new ChoiceLog(store, config.answers.gapRetentionDays, () => clock.now()), log, undefined, 'choices'));
  // Retention (docs/SECURITY.md): expired closed reports, delivered outbox entries, expired drafts; daily.
  const retention = new RecordsPurge(store, loadRetentionSchedule(config.retentionFile), () => clock.now(), 'system:retention');
  services.background.push(gapPurgeTask({ purge: async () => (await retention.run()).reports.length }, log, 86_400_000, 'records'));
  // Finish any report whose filing a crash interrupted, before taking new work.
  await reports.reconcile().catch((err: unknown) => log.error('report.reconcile_failed', errorFields(err)));

  mark('Reconcile');
  // Replies that miss their turn's deadline are kept in the outbox (teams/lateReplies.ts).
  const lateReplies = new LateReplies(store, clock);
  const adapter = createAdapter(config, log, lateReplies);
  // The outbox worker delivers alerts, card updates, notifications and late replies through the adapter.
  const poster = new AdapterPoster(adapter, { appId: config.bot?.appId ?? '', requestTimeoutMs: config.outbox.requestTimeoutMs, createTimeoutMs: config.outbox.createTimeoutMs });
  services.background.push(createOutboxWorker(routing, { config, store, directory, clock, log, poster, handlers: lateReplies.handlers(poster) }));
  const app = createTeamsApp(adapter, new RecordBotStorage(store), services);
  let policyLoaded!: () => void;
  let policyFailed!: (err: unknown) => void;
  const ready = new Promise<void>((resolve, reject) => { policyLoaded = resolve; policyFailed = reject; });
  ready.catch(() => undefined); // its failure is the caller's to handle (Trustline.ready); turns answer 503
  const http = createHttpServer(adapter, app, services, { ready });

  await new Promise<void>((resolve, reject) => {
    http.server.once('error', reject);
    http.server.listen(config.port, config.host, () => resolve());
  });
  mark('Listening');
  const port = (http.server.address() as AddressInfo).port;
  for (const task of services.background) task.start();
  // Listening first; then the policy, then the card templating engine, before any turn is likely.
  const loadPolicy = async () => {
    const loading = performance.now();
    policy = await PolicyService.load({
      paths: config.policyPaths,
      gaps: new GapStore(store, config.answers.gapRetentionDays, () => clock.now()),
      choices: new ChoiceLog(store, config.answers.gapRetentionDays, () => clock.now()),
      phraser: config.answers.llm ? createPhraser(config.answers.llm) : undefined,
      onPhraserError: (err) => log.warn('answer.phrasing_failed', errorFields(err)),
    });
    log.info('policy.loaded', { ms: Math.round(performance.now() - loading), readyMs: Math.round(performance.now()) });
  };
  let preload: NodeJS.Immediate | undefined;
  const policyLoading = new Promise<void>((resolve) => setImmediate(resolve)).then(loadPolicy).then(
    () => {
      policyLoaded();
      if (!closing) preload = setImmediate(preloadCards);
    },
    (err: unknown) => {
      log.error('policy.load_failed', errorFields(err));
      releaseYoungGeneration();
      policyFailed(err);
    },
  );
  const preloadCards = () => {
    try {
      const started = performance.now();
      preloadTemplates();
      // The typo corrector's word list (english.ts) is read on its first use, the first question
      // with a word the policy does not know: read it now rather than in that turn.
      englishWords();
      // With credentials, the first send gets its token through MSAL, deferred at start
      // (deferredModules.ts): load it now rather than in that turn.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      if (config.bot) void (require('@azure/msal-node') as { ConfidentialClientApplication?: unknown }).ConfidentialClientApplication;
      log.info('cards.preloaded', { ms: Math.round(performance.now() - started) }); // and the word list
    } catch (err) {
      log.warn('cards.preload_failed', errorFields(err)); // the first card will load them and say why
    } finally {
      releaseYoungGeneration(); // start-up is over: the young generation may grow with load (heapSizing.ts)
    }
  };
  log.info('server.started', {
    host: config.host, port, store: store.kind, auth: config.bot ? 'on' : 'off', nodeEnv: config.nodeEnv,
    // Set by the built entry (scripts/serverLoader.cjs): whether V8's code cache was used.
    codeCache: String((globalThis as Record<symbol, unknown>)[Symbol.for('trustline.codeCache')] ?? 'none'),
    ...startMs,
  });
  if (!config.bot) log.warn('server.unauthenticated', { detail: 'MicrosoftAppId not set: Bot Framework authentication is OFF (development only)' });

  /** True if `work` settled within `ms`. */
  const settledWithin = async (work: Promise<unknown>, ms: number): Promise<boolean> => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), ms); });
    try {
      return await Promise.race([work.then(() => true, () => true), late]);
    } finally {
      clearTimeout(timer);
    }
  };

  let closing: Promise<void> | undefined;
  const close = () => (closing ??= (async () => {
    // The whole shutdown is bounded by the grace: drain requests, stop background work, close.
    const endsAt = Date.now() + config.shutdownGraceMs;
    const left = () => Math.max(0, endsAt - Date.now());
    if (preload) clearImmediate(preload);
    log.info('server.stopping', { inFlight: http.inFlight() });
    // Listening goes on while draining: server.close() would also close "idle" kept-alive
    // sockets at once, resetting a request whose bytes arrived but were not yet parsed. Until
    // drained, every new request is answered 503 with Retry-After instead.
    http.beginShutdown();
    const drained = await http.drain(left());
    if (!drained) log.warn('server.drain_timeout', { inFlight: http.inFlight() });
    const closed = new Promise<void>((resolve) => http.server.close(() => resolve()));
    // Keep-alive sockets would hold close() open until they time out; no request is on them now.
    http.server.server.closeIdleConnections();
    // Background work (an outbox delivery to a hanging Connector) gets what is left of the grace;
    // a delivery cut short keeps its lease and is claimed again after a restart.
    const stopped = await settledWithin(Promise.all(services.background.map((t) => t.stop())), left());
    if (!stopped) log.warn('server.background_stop_timeout', {});
    if (!(await settledWithin(closed, left()))) http.server.server.closeAllConnections();
    await policyLoading; // settles, never rejects: nothing reads the store after it
    if (!options.store) await store.close();
    log.info('server.stopped');
  })());

  return { url: `http://${config.host}:${port}`, port, services, ready, close };
}
