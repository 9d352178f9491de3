/**
 * A link that opens a 1:1 chat with the bot, for buttons shown where their action cannot run
 * (report buttons in channels and group chats: the report flow runs in 1:1 only). Teams' deep
 * link needs the bot's id ("28:<app id>"): from the configuration, else from the activity's
 * recipient when it has that form (Teams always sends it so). Without one (local development,
 * the Playground) there is no link and callers leave the button out.
 */
import type { TurnContext } from 'botbuilder';

export function botChatUrl(configuredAppId: string | undefined, context?: Pick<TurnContext, 'activity'>): string | undefined {
  const recipient = context?.activity.recipient?.id ?? '';
  const id = configuredAppId ? `28:${configuredAppId}` : /^28:[\w-]{1,100}$/.test(recipient) ? recipient : undefined;
  return id ? `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(id)}` : undefined;
}
