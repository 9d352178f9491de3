/** `help` (and greetings) in 1:1 chat, and the welcome card when the app is installed personally. */
import { CardFactory, MessageFactory, TurnContext } from 'botbuilder';
import type { Feature } from '../features';
import { renderCard } from '../../cards/render';
import { botChatUrl } from '../botChat';

export const HELP_PATTERN = /^\s*(help|\?|hi|hello|hey|menu|start|commands|what can you do\??)\s*[.!]*\s*$/i;

export const COMMANDS: { name: string; description: string; scope: 'personal' | 'channel' | 'both' }[] = [
  { name: 'any question', description: 'In your own words, for example "can I accept a parent on Facebook?"', scope: 'personal' },
  { name: 'report', description: 'Report what the policy asks you to: a pupil trying to connect with you, a journalist\'s call, and more.', scope: 'personal' },
  { name: 'my reports', description: 'See the reports you have filed and where each one is up to.', scope: 'personal' },
  { name: 'open alerts', description: 'List this school\'s alerts that are not yet resolved.', scope: 'channel' },
  { name: 'export FROM TO', description: 'Export this school\'s alerts between two dates (e.g. export 2026-09-01 2026-12-31) as CSV.', scope: 'channel' },
  { name: 'triagers', description: 'List who may triage this school\'s alerts.', scope: 'channel' },
  { name: 'triagers add @name', description: 'Trust admins: let a colleague triage this school\'s alerts (remove with "triagers remove @name").', scope: 'channel' },
  { name: 'link SCHOOL', description: 'Trust admins: make this channel that school\'s alerts channel ("link trust" for the trust channel).', scope: 'channel' },
  { name: 'unlink', description: 'Trust admins: stop posting alerts in this channel.', scope: 'channel' },
  { name: 'help', description: 'Show this card.', scope: 'both' },
];

/**
 * In a channel or group chat "Make a report" opens a 1:1 chat with the bot (`chatUrl`), where
 * the report flow runs; with no link (development) it is left out.
 */
export function helpCard(scope: 'personal' | 'channel', chatUrl?: string) {
  return renderCard('help', {
    reportButton: scope === 'personal' ? 'execute' : chatUrl ? 'link' : 'none',
    chatUrl: chatUrl ?? '',
    intro: scope === 'personal'
      ? 'I answer questions about the Staff Communication and Social Media Policy, quoting the clauses that apply, and help you make the reports it asks for. You can type:'
      : 'In this channel I post the reports filed for your school, and triagers handle them on the card. Mention me with one of these commands:',
    commands: COMMANDS.filter((c) => c.scope === scope || c.scope === 'both').map(({ name, description }) => ({ name, description })),
    safety: 'If a child is at immediate risk, tell your DSL now or call 999: trustline is not the route for emergencies.',
  });
}


function scopeOf(context: TurnContext): 'personal' | 'channel' {
  const type = context.activity.conversation?.conversationType;
  return type === 'channel' || type === 'groupChat' ? 'channel' : 'personal';
}

export const registerHelp: Feature = (app, services) => {
  app.message(HELP_PATTERN, async (context) => {
    const card = CardFactory.adaptiveCard(helpCard(scopeOf(context), botChatUrl(services.config.bot?.appId, context)));
    // The card alone: Teams shows an activity's text above its card, and the card says it all.
    await context.sendActivity({ ...MessageFactory.attachment(card), summary: 'trustline help' });
  });

  // Welcome when a person installs the app for themselves (not on every team member join).
  app.conversationUpdate('membersAdded', async (context) => {
    if (context.activity.conversation?.conversationType !== 'personal') return;
    const botAdded = (context.activity.membersAdded ?? []).some((m) => m.id === context.activity.recipient?.id);
    if (!botAdded) return;
    const card = CardFactory.adaptiveCard(helpCard('personal'));
    await context.sendActivity({ ...MessageFactory.attachment(card), summary: 'Welcome to trustline' });
  });

  app.adaptiveCards.actionExecute('help.ask', async () =>
    'Type your question in the chat box in your own words, for example "a parent sent me a friend request" or "can I post photos of my class?". I will quote the clauses that apply.');
};

