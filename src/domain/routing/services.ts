/**
 * Builds routing and triage for the composition root: the working calendar, the triage
 * service, and (given a ChannelPoster from the Teams layer) the outbox worker that delivers.
 */
import type { Config } from '../../config';
import type { Clock } from '../../clock';
import type { Logger } from '../../log';
import type { RecordStore } from '../../storage/recordStore';
import type { Directory } from '../directory/directory';
import { ReportRepository } from '../reports/repository';
import type { KindRegistry } from '../reports/kinds';
import { WorkCalendar, loadTermDates } from '../time/workingTime';
import { TriageService } from '../triage/service';
import { OutboxHandlers, OutboxWorker } from '../outbox/worker';
import { Delivery } from './delivery';
import type { ChannelPoster } from './ports';
import { RoutedReport, describeAudience, describeRoute, routeFacts } from './routePlan';

export interface RoutingServices {
  triage: TriageService;
  calendar: WorkCalendar;
  reports: ReportRepository;
  /** Where a report is, in the reporter's words (the same plan the worker follows). */
  whereItGoes(report: RoutedReport & { schoolId: string }): Promise<string>;
  /** Who a report would reach if submitted now (the review step). */
  whoWillGet(report: RoutedReport & { schoolId: string }): Promise<string>;
  /** The delivery worker; set once the Teams adapter exists. */
  worker?: OutboxWorker;
}

export interface RoutingDeps {
  config: Config;
  store: RecordStore;
  directory: Directory;
  clock: Clock;
  log: Logger;
  /** Report kinds, for option titles in the triager's view. */
  kinds?: KindRegistry;
}

export function createRouting(deps: RoutingDeps): RoutingServices {
  const time = deps.config.triage;
  const calendar = new WorkCalendar(time, time.termDatesFile ? loadTermDates(time.termDatesFile) : undefined);
  const reports = new ReportRepository(deps.store);
  const triage = new TriageService({ store: deps.store, reports, directory: deps.directory, clock: deps.clock, log: deps.log, timeZone: time.timeZone, kinds: deps.kinds });
  const whereItGoes = async (report: RoutedReport & { schoolId: string }) => describeRoute(report, await routeFacts(deps.directory, report.schoolId));
  const whoWillGet = async (report: RoutedReport & { schoolId: string }) => describeAudience(report, await routeFacts(deps.directory, report.schoolId));
  return { triage, calendar, reports, whereItGoes, whoWillGet };
}

/** `handlers`: work types delivered by other layers (late turn replies, from the Teams layer). */
export function createOutboxWorker(routing: RoutingServices, deps: RoutingDeps & { poster: ChannelPoster; handlers?: OutboxHandlers }): OutboxWorker {
  const delivery = new Delivery({
    store: deps.store,
    reports: routing.reports,
    directory: deps.directory,
    triage: routing.triage,
    poster: deps.poster,
    clock: deps.clock,
    log: deps.log.child({ component: 'routing' }),
    calendar: routing.calendar,
    time: deps.config.triage,
  });
  const worker = new OutboxWorker({
    store: deps.store,
    clock: deps.clock,
    log: deps.log.child({ component: 'outbox' }),
    settings: deps.config.outbox,
    handlers: { ...delivery.handlers(), ...deps.handlers },
  });
  routing.worker = worker;
  return worker;
}
