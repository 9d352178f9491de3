/**
 * Each feature registers its routes on the teams-ai Application. Order matters: teams-ai runs
 * the first matching route, so specific commands come before the catch-all fallback.
 * registerAnswers treats any remaining text as a question: keep it right before registerFallback.
 */
import type { Application } from '@microsoft/teams-ai';
import type { AppTurnState } from './state';
import type { Services } from '../services';
import { registerDirectory } from './handlers/directory';
import { registerAlerts } from './handlers/alerts';
import { registerTriage } from './handlers/triage';
import { registerHelp } from './handlers/help';
import { registerReports } from './handlers/reports';
import { registerReportMessage } from './handlers/reportMessage';
import { registerAnswers } from './handlers/answers';
import { registerFallback } from './handlers/fallback';

export type Feature = (app: Application<AppTurnState>, services: Services) => void;

// Channel features first: their routes are narrow (team install events, channel commands,
// triage.* verbs), and help's membersAdded route would otherwise take team installs.
export const FEATURES: Feature[] = [registerDirectory, registerAlerts, registerTriage, registerHelp, registerReports, registerReportMessage, registerAnswers, registerFallback];
