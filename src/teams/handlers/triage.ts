/**
 * Triage on the alert card (Universal Actions, Action.Execute):
 * - `triage.view` is the card's automatic refresh for the report's handlers (`refresh.userIds`)
 *   and `triage.open` the button anyone can press: both answer with the triager view to those
 *   allowed (audited) and keep the plain card for everyone else;
 * - `triage.<action>` runs a lifecycle action. The card data is read for the reference and the
 *   inputs only: state and permission come from the store. The answer is the refreshed triager
 *   view for the person who pressed it; the channel's copy is updated for everyone through the
 *   outbox.
 */
import type { TurnContext } from 'botbuilder';
import type { Feature } from '../features';
import type { Services } from '../../services';
import { isRef } from '../../domain/reports/repository';
import { TRIAGE_VERBS, TriageCommand, TriageVerb } from '../../domain/triage/actions';
import { errorFields } from '../../log';
import { actorFrom, respondWithCard, respondWithMessage } from './channel';

type Data = Record<string, unknown>;

const str = (data: Data, key: string): string => (typeof data[key] === 'string' ? (data[key] as string) : '');

export function commandFrom(verb: TriageVerb, data: Data): TriageCommand {
  switch (verb) {
    case 'acknowledge': return { verb };
    case 'classify': return { verb, reason: str(data, 'classifyReason') };
    case 'assign': return { verb, to: str(data, 'assignTo') };
    case 'note': return { verb, text: str(data, 'noteText') };
    case 'refer': return { verb, to: str(data, 'referTo'), reference: str(data, 'referReference') };
    case 'escalate': return { verb, reason: str(data, 'escalateReason') };
    case 'resolve': return { verb, outcome: str(data, 'resolveOutcome') };
    case 'reopen': return { verb, reason: str(data, 'reopenReason') };
    case 'approve': return { verb, reason: str(data, 'decisionReason') };
    case 'reject': return { verb, reason: str(data, 'decisionReason') };
  }
}

const GONE = 'That alert is no longer available here. Type "open alerts" in the channel to see current ones.';
const NO_IDENTITY = 'Teams did not say who you are, so I cannot check that you may handle this alert. Nothing was changed.';

export const registerTriage: Feature = (app, services: Services) => {
  const { routing, log } = services;
  const triage = routing.triage;

  const refOf = (data: Data): string | undefined => {
    const ref = str(data, 'ref');
    return isRef(ref) ? ref : undefined;
  };
  const isAutomatic = (context: TurnContext) => (context.activity.value as { trigger?: string } | undefined)?.trigger === 'automatic';

  app.adaptiveCards.actionExecute<Data>(['triage.view', 'triage.open'], async (context, _state, data) => {
    const ref = refOf(data ?? {});
    const actor = actorFrom(context);
    if (!ref) return respondWithMessage(context, GONE);
    if (!actor) return respondWithMessage(context, NO_IDENTITY);
    try {
      const result = await triage.view(ref, actor, isAutomatic(context) ? 'refresh' : 'open');
      if (result.kind === 'shown') return respondWithCard(context, result.card);
      if (result.kind === 'not-found') return respondWithMessage(context, GONE);
      // An automatic refresh for someone not allowed keeps the plain card, without a message.
      if (isAutomatic(context) && result.card) return respondWithCard(context, result.card);
      return respondWithMessage(context, result.message);
    } catch (err) {
      log.error('triage.view_failed', { ref, ...errorFields(err) });
      return respondWithMessage(context, 'That did not work just now; please try again.');
    }
  });

  for (const verb of TRIAGE_VERBS) {
    app.adaptiveCards.actionExecute<Data>(`triage.${verb}`, async (context, _state, data) => {
      const ref = refOf(data ?? {});
      const actor = actorFrom(context);
      if (!ref) return respondWithMessage(context, GONE);
      if (!actor) return respondWithMessage(context, NO_IDENTITY);
      try {
        const result = await triage.act(ref, commandFrom(verb, data ?? {}), actor);
        switch (result.kind) {
          case 'not-found': return respondWithMessage(context, GONE);
          case 'denied': return respondWithMessage(context, result.message);
          default: return respondWithCard(context, result.card);
        }
      } catch (err) {
        log.error('triage.action_failed', { ref, verb, ...errorFields(err) });
        return respondWithMessage(context, 'That did not work just now. Press Refresh on the card to see where it stands, then try again.');
      }
    });
  }
};
