/**
 * Catch-alls, registered last: a message no feature understood gets a helpful reply, an
 * unknown card action gets a clear message, and an unknown invoke gets a well-formed 501
 * (what Bot Framework's own ActivityHandler answers), never a crash or silence.
 */
import { ActivityTypes, TurnContext } from 'botbuilder';
import type { Feature } from '../features';

async function replyToInvoke(context: TurnContext, status: number, body: unknown): Promise<void> {
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status, body } });
}

export const registerFallback: Feature = (app, services) => {
  app.activity(ActivityTypes.Message, async (context) => {
    const hasText = Boolean(context.activity.text?.trim());
    await context.sendActivity(hasText
      ? 'I did not understand that. Type "help" to see what I can do, or ask a question about the Staff Communication and Social Media Policy in your own words.'
      : 'I can only read text messages. Type "help" to see what I can do.');
  });

  app.activity(ActivityTypes.Invoke, async (context) => {
    const name = context.activity.name ?? '';
    services.log.info('invoke.unhandled', { invokeName: name.slice(0, 80) });
    if (name === 'adaptiveCard/action') {
      await replyToInvoke(context, 200, {
        statusCode: 200,
        type: 'application/vnd.microsoft.activity.message',
        value: 'That button is no longer available. Type "help" to start again.',
      });
      return;
    }
    await replyToInvoke(context, 501, { message: `trustline does not handle "${name.slice(0, 80)}".` });
  });

  // Any other activity type (typing, event, messageReaction, installationUpdate…) is acknowledged and ignored.
  app.activity(() => Promise.resolve(true), async () => undefined);
};
