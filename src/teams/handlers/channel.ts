/**
 * Small helpers shared by the channel features (directory, alerts, triage): reading a Teams
 * channel activity into plain data, and answering Action.Execute invokes ourselves.
 */
import { ActivityTypes, CardFactory, MessageFactory, TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '../../cards/render';
import type { ChannelRef } from '../../domain/directory/directory';
import type { Actor } from '../../domain/triage/actions';
import { stripMarkup } from '../userText';

interface TeamsChannelData {
  team?: { id?: string; name?: string };
  channel?: { id?: string; name?: string };
  teamsTeamId?: string;
  teamsChannelId?: string;
  tenant?: { id?: string };
  eventType?: string;
}

export function channelDataOf(context: TurnContext): TeamsChannelData {
  return (context.activity.channelData ?? {}) as TeamsChannelData;
}

export function tenantOf(context: TurnContext): string {
  return channelDataOf(context).tenant?.id ?? context.activity.conversation?.tenantId ?? '';
}

export function isChannelConversation(context: TurnContext): boolean {
  return context.activity.conversation?.conversationType === 'channel';
}

/** The channel this activity came from, as a ChannelRef, or undefined outside a team channel. */
export function channelRefOf(context: TurnContext): ChannelRef | undefined {
  const cd = channelDataOf(context);
  const teamId = cd.team?.id ?? cd.teamsTeamId;
  const channelId = cd.channel?.id ?? cd.teamsChannelId;
  if (!teamId || !channelId) return undefined;
  return {
    teamId,
    channelId,
    serviceUrl: context.activity.serviceUrl,
    tenantId: tenantOf(context),
    ...(cd.team?.name ? { teamName: cd.team.name.slice(0, 200) } : {}),
    ...(cd.channel?.name ? { channelName: cd.channel.name.slice(0, 200) } : {}),
  };
}

/** Who is acting, from the Teams identity (never from card data). */
export function actorFrom(context: TurnContext): Actor | undefined {
  const from = context.activity.from;
  if (!from?.aadObjectId) return undefined;
  return { aadObjectId: from.aadObjectId, name: (from.name ?? '').slice(0, 200), teamsUserId: from.id };
}

/** Message text with HTML tags (mentions Teams left in) removed, trimmed. */
export function commandText(context: TurnContext): string {
  return stripMarkup(context.activity.text ?? '');
}

/** A route selector for a channel command: a message in a team channel whose text matches `pattern`. */
export function channelCommand(pattern: RegExp) {
  return async (context: TurnContext): Promise<boolean> =>
    context.activity.type === 'message' && isChannelConversation(context) && pattern.test(commandText(context));
}

/**
 * Answers an Action.Execute with a card for the person who pressed it only. Sent by us (not by
 * returning the card to teams-ai), because teams-ai switches a verb to "replace for all" for
 * good once it sees a card with `refresh`, which would put a triager's view in the channel.
 */
export async function respondWithCard(context: TurnContext, card: AdaptiveCard): Promise<string> {
  const { refresh: _refresh, ...personal } = card;
  await context.sendActivity({
    type: ActivityTypes.InvokeResponse,
    value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: personal } },
  });
  return '';
}

export async function respondWithMessage(context: TurnContext, message: string): Promise<string> {
  await context.sendActivity({
    type: ActivityTypes.InvokeResponse,
    value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: message } },
  });
  return '';
}

export async function replyCard(context: TurnContext, card: AdaptiveCard, text: string, summary: string): Promise<void> {
  await context.sendActivity({ ...MessageFactory.attachment(CardFactory.adaptiveCard(card)), text, summary });
}
