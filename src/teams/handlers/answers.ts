/**
 * Policy answers in Teams, a thin adapter over src/domain/policy:
 * - any text in 1:1 chat (or an @mention in a chat or channel) that no earlier feature claimed is
 *   a question: it gets the answer card (clauses quoted, next step with a report button, related
 *   clauses) or the not-covered card, and unanswered questions are kept as policy gaps;
 * - `reload` re-reads the policy files (trust admins only, when TRUST_ADMINS is set);
 * - the message extension's `searchPolicy` command (policySearch.ts).
 * Registered after every command feature and before the fallback (see features.ts).
 */
import { CardFactory, type Activity, type TurnContext } from 'botbuilder';
import type { Feature } from '../features';
import type { Answer } from '../../domain/policy/model';
import type { KnowledgeBase } from '../../domain/policy/knowledgeBase';
import { KnowledgeBaseError } from '../../domain/policy/knowledgeBase';
import { renderCard, type AdaptiveCard } from '../../cards/render';
import { errorFields } from '../../log';
import { registerPolicySearch } from './policySearch';

export const RELOAD_PATTERN = /^\s*reload(\s+(the\s+)?polic(y|ies))?\s*[.!]*\s*$/i;

/** A message addressed to the bot: any text in 1:1 chat; in chats and channels only with an @mention. */
export function isAddressedText(context: TurnContext): boolean {
  const a = context.activity;
  if (a.type !== 'message' || !a.text?.trim()) return false;
  if (a.conversation?.conversationType === 'personal') return true;
  return (a.entities ?? []).some((e) => e.type === 'mention' && (e as { mentioned?: { id?: string } }).mentioned?.id === a.recipient?.id);
}

/**
 * Model output shown in a card: control characters removed and links made inert (a model must
 * not be able to put a clickable link in front of staff), "[7.6.15]" citations kept readable.
 */
export function inertText(text: string, max = 1200): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/!?\[([^\]]*)\]\(([^)]*)\)/g, '$1')
    .replace(/<\/?[a-z][^>]*>/gi, '')
    .replace(/\b(https?):\/\//gi, '$1[:]//')
    .slice(0, max);
}

function documentLabel(kb: KnowledgeBase, docId: string): string {
  return kb.documents.length > 1 ? `, ${kb.documents.find((d) => d.id === docId)?.title ?? docId}` : '';
}

function policyName(kb: KnowledgeBase): string {
  return kb.documents.length === 1 ? kb.documents[0].title : 'the trust\'s policies';
}

export function answerCard(answer: Answer, kb: KnowledgeBase): AdaptiveCard {
  const governing = answer.citations.slice(0, answer.governing);
  const related = answer.citations.slice(answer.governing);
  return renderCard('answer', {
    heading: governing.length > 1 ? 'What the policy says, for each part of your question' : 'What the policy says',
    fallbackText: answer.text,
    generated: answer.generated ? inertText(answer.generated) : '',
    governing: governing.map((c) => ({ id: c.id, title: c.title, section: c.section, document: documentLabel(kb, c.docId), quote: c.quote })),
    nextSteps: answer.nextSteps.map((s) => ({ kind: s.kind, step: s.step, action: s.action })),
    related: related.map((c, i) => ({ id: c.id, title: c.title, quote: c.quote, toggleId: `related-${i}` })),
    footer: `${policyName(kb)}. If you are unsure, ask ${kb.contact}.`,
  });
}

export function notCoveredCard(answer: Answer, kb: KnowledgeBase): AdaptiveCard {
  return renderCard('notCovered', {
    fallbackText: answer.text,
    message: `${kb.documents.length === 1 ? `The ${kb.documents[0].title}` : 'The trust\'s policies'} does not answer this question, so I will not guess a rule.`,
    nearest: answer.nearest.map((n) => ({ label: n.id.startsWith('Appendix') ? `${n.id} – ${n.title}` : `${n.id}. ${n.title}` })),
    askText: `Please ask ${kb.contact}.`,
  });
}

/** The reply: a card, a short lead text, and a summary with clause numbers only (never the question). */
export function answerActivity(answer: Answer, kb: KnowledgeBase): Partial<Activity> {
  if (!answer.answered) {
    return {
      type: 'message',
      text: 'The policy does not cover this.',
      summary: 'Not covered by the policy',
      attachments: [CardFactory.adaptiveCard(notCoveredCard(answer, kb))],
    };
  }
  const ids = answer.citations.slice(0, answer.governing).map((c) => c.id);
  return {
    type: 'message',
    text: `The policy covers this in ${ids.join(' and ')}.`,
    summary: `Policy answer: ${ids.join(', ')}`,
    attachments: [CardFactory.adaptiveCard(answerCard(answer, kb))],
  };
}

export const registerAnswers: Feature = (app, services) => {
  const { log, config } = services;

  app.message(async (context) => isAddressedText(context) && RELOAD_PATTERN.test(context.activity.text ?? ''), async (context) => {
    const caller = context.activity.from?.aadObjectId ?? '';
    if (config.trustAdmins.length && !config.trustAdmins.includes(caller)) {
      log.warn('policy.reload_refused', { conversationType: context.activity.conversation?.conversationType });
      await context.sendActivity({ text: 'Only trust admins can reload the policy.', summary: 'Reload refused' });
      return;
    }
    try {
      const result = await services.policy.reload();
      log.info('policy.reloaded', { ...result });
      await context.sendActivity({
        text: `Reloaded ${result.documents} policy document${result.documents === 1 ? '' : 's'}: ${result.clauses} clauses${result.warnings ? `, ${result.warnings} warning(s) (run "trustline policy check")` : ''}.`,
        summary: 'Policy reloaded',
      });
    } catch (err) {
      log.error('policy.reload_failed', errorFields(err));
      const why = err instanceof KnowledgeBaseError ? err.message : 'the policy files could not be read';
      await context.sendActivity({ text: `The policy was not reloaded: ${why}. The previous version is still in use.`, summary: 'Reload failed' });
    }
  });

  app.message(async (context) => isAddressedText(context), async (context) => {
    const question = (context.activity.text ?? '').trim();
    const started = Date.now();
    const answer = await services.policy.answerWithPhrasing(question);
    if (!answer.answered) {
      await services.policy.recordGap(question, answer).catch((err: unknown) => log.warn('gaps.record_failed', errorFields(err)));
    }
    await context.sendActivity(answerActivity(answer, services.policy.knowledgeBase));
    log.info('answer.sent', {
      answered: answer.answered,
      confidence: answer.confidence,
      clause: answer.citations[0]?.id ?? null,
      parts: answer.governing,
      generated: Boolean(answer.generated),
      ms: Date.now() - started,
    });
  });

  registerPolicySearch(app, services);
};
