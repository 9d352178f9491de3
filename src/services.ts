/**
 * The composition root's product: everything the Teams layer and the workers need, built once
 * at start. Domain services take plain data and the records store, never Teams SDK types.
 */
import type { Config } from './config';
import type { Logger } from './log';
import type { Clock } from './clock';
import type { RecordStore } from './storage/recordStore';
import type { Directory } from './domain/directory/directory';
import type { ReportsService } from './domain/reports/service';
import type { PolicyService } from './domain/policy/service';
import type { RoutingServices } from './domain/routing/services';

/** Something that runs in the background for the server's lifetime (outbox, timers). */
export interface BackgroundTask {
  readonly name: string;
  start(): void;
  /** Resolves once in-flight work has finished. */
  stop(): Promise<void>;
}

export interface Services {
  config: Config;
  store: RecordStore;
  log: Logger;
  clock: Clock;
  directory: Directory;
  /** Report kinds, drafts, filing and reading (src/domain/reports). */
  reports: ReportsService;
  /** Policy answers: knowledge base, retrieval, gaps, reload (src/domain/policy). */
  policy: PolicyService;
  /** Routing and triage: triage actions, working calendar, the outbox worker (src/domain/routing, triage). */
  routing: RoutingServices;
  background: BackgroundTask[];
}
