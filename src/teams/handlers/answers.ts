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
import { quoteText, sectionLabel } from '../policyText';

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

/** A related clause's first words, so the reader can tell whether to open it. */
function preview(quote: string, max = 90): string {
  const line = quote.split('\n')[0];
  return line.length > max ? `${line.slice(0, line.lastIndexOf(' ', max - 1) > 40 ? line.lastIndexOf(' ', max - 1) : max - 1)}…` : line;
}

/**
 * The answer card: for each part of the question, what to do first (the next step and its
 * report button), then the governing clause quoted; related clauses folded away below.
 */
export function answerCard(answer: Answer, kb: KnowledgeBase): AdaptiveCard {
  const governing = answer.citations.slice(0, answer.governing);
  const related = answer.citations.slice(answer.governing);
  // Each next step sits with the clause it belongs to; one that matches none goes with the first.
  const unplaced = [...answer.nextSteps];
  const steps = governing.map((c) => {
    const mine = unplaced.filter((s) => s.clauses.includes(c.id));
    for (const s of mine) unplaced.splice(unplaced.indexOf(s), 1);
    return mine;
  });
  if (steps.length) steps[0].push(...unplaced);
  const hasSteps = answer.nextSteps.length > 0;
  const multi = governing.length > 1;
  return renderCard('answer', {
    heading: `${hasSteps ? 'What to do' : 'What the policy says'}${multi ? ', for each part of your question' : ''}`,
    fallbackText: answer.text,
    generated: answer.generated ? inertText(answer.generated) : '',
    parts: governing.map((c, i) => ({
      separator: i > 0,
      id: c.id,
      title: c.title,
      section: sectionLabel(c.section),
      document: documentLabel(kb, c.docId),
      quote: quoteText(c.quote),
      steps: steps[i].map((s) => ({ kind: s.kind, step: s.step, action: s.action })),
    })),
    related: related.map((c, i) => ({ id: c.id, title: c.title, preview: preview(c.quote), quote: quoteText(c.quote), toggleId: `related-${i}` })),
    footer: `${policyName(kb)}. If you are unsure, ask ${kb.contact}.`,
  });
}

export function notCoveredCard(answer: Answer, kb: KnowledgeBase): AdaptiveCard {
  const policy = kb.documents.length === 1 ? `The ${kb.documents[0].title}` : 'The trust\'s policies';
  return renderCard('notCovered', {
    fallbackText: answer.text,
    message: `${policy} does not answer this, so I will not guess. Please ask ${kb.contact}.`,
    nearest: answer.nearest.map((n) => ({ label: n.id.startsWith('Appendix') ? `${n.id} – ${n.title}` : sectionLabel(`${n.id}. ${n.title}`) })),
  });
}

/** The reply: the card alone (Teams shows any text above it), with a summary of clause numbers only (never the question). */
export function answerActivity(answer: Answer, kb: KnowledgeBase): Partial<Activity> {
  if (!answer.answered) {
    return {
      type: 'message',
      summary: 'Not covered by the policy',
      attachments: [CardFactory.adaptiveCard(notCoveredCard(answer, kb))],
    };
  }
  const ids = answer.citations.slice(0, answer.governing).map((c) => c.id);
  return {
    type: 'message',
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
