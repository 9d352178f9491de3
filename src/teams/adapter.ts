/**
 * The Bot Framework adapter. With credentials, inbound requests are authenticated and outbound
 * calls carry tokens; without them (development and tests only, config refuses production)
 * the adapter trusts any serviceUrl, which is what lets tests use a local Connector stand-in.
 */
import { ConfigurationBotFrameworkAuthenticationOptions, TurnContext, ActivityTypes } from 'botbuilder';
import { AuthenticationConstants } from 'botframework-connector';
import { CallerIdConstants } from 'botbuilder';
// The module, not the package's index: the index loads every AI planner, model and tokenizer
// (gpt-tokenizer's tables alone are ~18 MB of heap) that trustline never uses.
import { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter';
import type { Config } from '../config';
import { Logger, errorFields } from '../log';
import { inertTextFunctions } from '../cards/render';
import { DEFAULT_TURN_DEADLINES, turnDeadlineMiddleware } from './turnDeadline';
import type { LateReplySink } from './lateReplies';
import { reuseConnectorClients } from './connectorClients';

/** `lateReplies`: where a reply that misses its turn's deadline is kept for the outbox. */
export function createAdapter(config: Config, log: Logger, lateReplies?: LateReplySink): TeamsAdapter {
  const auth: ConfigurationBotFrameworkAuthenticationOptions = config.bot
    ? {
        MicrosoftAppId: config.bot.appId,
        MicrosoftAppPassword: config.bot.appPassword,
        MicrosoftAppType: config.bot.appType,
        MicrosoftAppTenantId: config.bot.tenantId,
        // Setting any endpoint makes botbuilder take all of them from here, so all are given.
        ...(config.bot.openIdMetadataUrl || config.bot.tokenIssuer
          ? {
              ValidateAuthority: true,
              ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
              ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
              ToBotFromChannelTokenIssuer: config.bot.tokenIssuer ?? AuthenticationConstants.ToBotFromChannelTokenIssuer,
              OAuthUrl: AuthenticationConstants.OAuthUrl,
              ToBotFromChannelOpenIdMetadataUrl: config.bot.openIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
              ToBotFromEmulatorOpenIdMetadataUrl: config.bot.openIdMetadataUrl ?? AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
              CallerId: CallerIdConstants.PublicAzureChannel,
            }
          : {}),
      }
    : {};
  const adapter = new TeamsAdapter(auth);
  if (!reuseConnectorClients(adapter)) log.warn('adapter.clients_not_reused');
  // Every card leaving the bot (replies, updates, invoke responses, proactive posts) has its
  // `{{…}}` text functions broken here, so no path can show user text evaluated.
  adapter.use({
    onTurn: async (context, next) => {
      context.onSendActivities(async (_ctx, activities, nextSend) => {
        activities.forEach((a) => inertTextFunctions(a));
        return nextSend();
      });
      context.onUpdateActivity(async (_ctx, activity, nextUpdate) => {
        inertTextFunctions(activity);
        return nextUpdate();
      });
      await next();
    },
  });
  // After the one above, so the deadline covers the send itself.
  adapter.use(turnDeadlineMiddleware(log, DEFAULT_TURN_DEADLINES, lateReplies));
  adapter.onTurnError = async (context: TurnContext, error: unknown) => {
    log.error('turn.error', { activityType: context.activity.type, activityName: context.activity.name, ...errorFields(error) });
    if (error instanceof Error && process.env.TRUSTLINE_DEBUG_ERRORS === '1') console.error(error);
    try {
      if (context.activity.type === ActivityTypes.Invoke) {
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 500, body: { message: 'trustline could not complete that. Please try again.' } } });
      } else if (context.activity.type === ActivityTypes.Message) {
        await context.sendActivity('Sorry, trustline hit a problem and could not finish that. Nothing you already filed has been lost; please try again in a moment.');
      }
    } catch (sendError) {
      log.warn('turn.error.reply_failed', errorFields(sendError));
    }
  };
  return adapter;
}
