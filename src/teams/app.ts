/** Builds the teams-ai Application: the router between Teams activities and the domain. */
// Modules, not the package index (see adapter.ts): the index loads the AI planners and tokenizers.
import { Application } from '@microsoft/teams-ai/lib/Application';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { Storage } from 'botbuilder';
import { TurnState } from '@microsoft/teams-ai/lib/TurnState';
import type { AppTurnState } from './state';
import type { Services } from '../services';
import { FEATURES } from './features';

export function createTeamsApp(adapter: TeamsAdapter, storage: Storage, services: Services): Application<AppTurnState> {
  const app = new Application<AppTurnState>({
    adapter,
    storage,
    botAppId: services.config.bot?.appId ?? '',
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
    turnStateFactory: () => new TurnState() as AppTurnState,
  });
  for (const feature of FEATURES) feature(app, services);
  return app;
}
