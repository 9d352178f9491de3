/**
 * Policy answers in Teams, a thin adapter over src/domain/policy:
 * - any text in 1:1 chat (or an @mention in a chat or channel) that no earlier feature claimed is
 *   a question: it gets the answer card (clauses quoted, next step with a report button, related
 *   clauses), the "which is closest to your situation?" card (domain/policy/decision.ts), the
 *   nearest-clauses card, or the not-covered card; unanswered questions are kept as policy gaps;
 * - `answer.choose` (a situation button) sends the full answer for that clause and logs the pick;
 * - report buttons appear only in 1:1 chat, where the report flow runs;
 * - in 1:1 chat a short follow-up ("what about parents?") is read with the previous question,
 *   kept a few minutes in turn state (domain/policy/followUp.ts);
 * - `reload` re-reads the policy files (trust admins only, when TRUST_ADMINS is set);
 * - the message extension's `searchPolicy` command (policySearch.ts).
 * Registered after every command feature and before the fallback (see features.ts).
 */
import { CardFactory, type Activity, type TurnContext } from 'botbuilder';
import type { Feature } from '../features';
import type { Answer } from '../../domain/policy/model';
import { decidingFirst } from '../../domain/policy/answerer';
import { choiceText, DECISION, type Decision } from '../../domain/policy/decision';
import { isFollowUp, recent, remember, withPrevious } from '../../domain/policy/followUp';
import type { AppTurnState } from '../state';
import type { KnowledgeBase } from '../../domain/policy/knowledgeBase';
import { KnowledgeBaseError } from '../../domain/policy/knowledgeBase';
import { renderCard, type AdaptiveCard } from '../../cards/render';
import { errorFields } from '../../log';
import { registerPolicySearch } from './policySearch';
import { quoteText, sectionLabel } from '../policyText';
import { botChatUrl } from '../botChat';
import { prefillFromQuestion } from '../../domain/reports/prefill';
import { userLimits } from '../userLimits';
import { waitText } from '../../domain/limits/userRateLimit';

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
export function answerCard(answer: Answer, kb: KnowledgeBase, prefill: (kind: string) => Record<string, string> = () => ({})): AdaptiveCard {
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
      quote: quoteText(decidingFirst(c.quote, c.deciding)),
      steps: steps[i].map((s) => ({ kind: s.kind, step: s.step, action: s.action, prefill: s.kind ? prefill(s.kind) : {} })),
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

/** A button title of at most 20 characters ("Open 7.6.15", "Open Appendix C"). */
function openTitle(id: string): string {
  const title = `Open ${id}`;
  return title.length <= 20 ? title : `${title.slice(0, 19)}…`;
}

/**
 * "Which is closest to your situation?" (or, when nothing clearly applies, the nearest clauses):
 * one row per candidate clause with its situation line and an Action.Execute that opens the full
 * answer. The button data carries the clause and the choice log's token, never the question.
 */
export function choiceCard(decision: Decision, kb: KnowledgeBase, token = ''): AdaptiveCard {
  const near = decision.kind === 'near';
  return renderCard('choice', {
    heading: near ? 'The policy does not clearly answer this' : 'Which is closest to your situation?',
    message: near
      ? `Nothing in ${policyName(kb)} clearly covers it, so I will not guess. These are the nearest parts: open one to read it.`
      : 'A few parts of the policy could apply. Pick the one closest to what happened to see what the policy says.',
    fallbackText: choiceText(decision, kb),
    options: decision.options.map((o) => ({
      id: o.id,
      docId: o.docId,
      title: `${o.title}${documentLabel(kb, o.docId)}`,
      situation: o.situation,
      button: openTitle(o.id),
      token,
      // A situation the policy asks staff to report gets its report button on the row (1:1 chat only).
      reportKind: o.reportKind ?? '',
    })),
    footer: `None of these? Ask ${kb.contact}. If a child is at immediate risk, tell your DSL now or call 999.`,
  });
}

const REPORT_VERBS = new Set(['report.start']);

/**
 * Outside 1:1 chat a report button cannot work (the report flow runs in 1:1 only, and a card in
 * a group chat or channel is seen by everyone): each becomes "Report in 1:1 chat", opening a 1:1
 * chat with the bot (`chatUrl`, see botChat.ts), or, with no link, is removed and a button row
 * left empty becomes a line saying where to report.
 */
export function withoutReportButtons(card: AdaptiveCard, chatUrl?: string): AdaptiveCard {
  const swap = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(swap);
    if (!node || typeof node !== 'object') return node;
    const o = node as Record<string, unknown>;
    if (o.type === 'ActionSet' && Array.isArray(o.actions)) {
      if (chatUrl) {
        const linked = (o.actions as { verb?: string }[]).map((a) => (REPORT_VERBS.has(String(a.verb)) ? { type: 'Action.OpenUrl', title: 'Report in 1:1 chat', url: chatUrl } : a));
        return { ...o, actions: linked };
      }
      const actions = (o.actions as { verb?: string }[]).filter((a) => !REPORT_VERBS.has(String(a.verb)));
      if (actions.length === o.actions.length) return o;
      if (actions.length) return { ...o, actions };
      return { type: 'TextBlock', text: 'To report it, message trustline "report" in a 1:1 chat.', wrap: true, size: 'Small', isSubtle: true, spacing: 'Small' };
    }
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, swap(v)]));
  };
  return swap(card) as AdaptiveCard;
}

/** The reply: the card alone (Teams shows any text above it), with a summary of clause numbers only (never the question). */
export function answerActivity(answer: Answer, kb: KnowledgeBase, options: { personal?: boolean; chatUrl?: string; prefill?: (kind: string) => Record<string, string> } = {}): Partial<Activity> {
  if (!answer.answered) {
    return {
      type: 'message',
      summary: 'Not covered by the policy',
      attachments: [CardFactory.adaptiveCard(notCoveredCard(answer, kb))],
    };
  }
  const ids = answer.citations.slice(0, answer.governing).map((c) => c.id);
  const card = answerCard(answer, kb, options.personal === false ? undefined : options.prefill);
  return {
    type: 'message',
    summary: `Policy answer: ${ids.join(', ')}`,
    attachments: [CardFactory.adaptiveCard(options.personal === false ? withoutReportButtons(card, options.chatUrl) : card)],
  };
}

/** The reply for a decision: the answer, the choice of situations, the nearest clauses, or not covered. */
export function decisionActivity(decision: Decision, kb: KnowledgeBase, options: { personal?: boolean; token?: string; chatUrl?: string; prefill?: (kind: string) => Record<string, string> } = {}): Partial<Activity> {
  if (decision.kind === 'answer' || decision.kind === 'refuse') return answerActivity(decision.answer, kb, options);
  return {
    type: 'message',
    summary: decision.kind === 'near' ? `Not clearly covered: nearest ${decision.options.map((o) => o.id).join(', ')}` : `Which is closest: ${decision.options.map((o) => o.id).join(', ')}`,
    attachments: [CardFactory.adaptiveCard(options.personal === false ? withoutReportButtons(choiceCard(decision, kb, options.token), options.chatUrl) : choiceCard(decision, kb, options.token))],
  };
}

interface ChooseData {
  docId?: unknown;
  id?: unknown;
  token?: unknown;
}

const isShortString = (v: unknown, max: number): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;

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

  /** In 1:1 chat, a follow-up is read with the previous question if that was asked a few minutes ago. */
  const withContext = (text: string, personal: boolean, state: AppTurnState): { question: string; followUp: boolean } => {
    if (!personal) return { question: text, followUp: false };
    const now = services.clock.now().getTime();
    const previous = recent(state.conversation.lastQuestion, now);
    if (!previous) delete state.conversation.lastQuestion;
    const standsAlone = () => {
      const alone = services.policy.answerer.answer(text);
      return alone.answered && alone.confidence >= DECISION.sure;
    };
    const followUp = Boolean(previous) && isFollowUp(text, standsAlone);
    const question = followUp && previous ? withPrevious(previous, text) : text;
    state.conversation.lastQuestion = remember(question, now);
    return { question, followUp };
  };

  // A report button starts its form with what the question said (year group, platform, direction).
  const prefillFor = (question: string) => (kindId: string): Record<string, string> => {
    const kind = services.reports.kinds.get(kindId);
    return kind ? prefillFromQuestion(question, kind) : {};
  };
  const limits = userLimits(services);
  app.message(async (context) => isAddressedText(context), async (context, state) => {
    const user = context.activity.from?.aadObjectId ?? context.activity.from?.id ?? '';
    const allowed = limits.questions.take(user, services.clock.now().getTime());
    if (!allowed.ok) {
      log.warn('answer.rate_limited', { retryAfterMs: allowed.retryAfterMs });
      await context.sendActivity({
        text: `You are asking questions faster than I can take them. Please slow down and ask again in ${waitText(allowed.retryAfterMs)}. If a child is at immediate risk, tell your DSL now or call 999.`,
        summary: 'Please slow down',
      });
      return;
    }
    const personal = context.activity.conversation?.conversationType === 'personal';
    const { question, followUp } = withContext((context.activity.text ?? '').trim(), personal, state);
    const started = Date.now();
    const decision = await services.policy.decideWithPhrasing(question);
    const { answer } = decision;
    if (!answer.answered) {
      await services.policy.recordGap(question, answer).catch((err: unknown) => log.warn('gaps.record_failed', errorFields(err)));
    }
    // The offer is logged before the card goes out, so a press always finds it; a failed log still sends the card.
    const token = await services.policy.offer(question, decision).catch((err: unknown) => {
      log.warn('choices.offer_failed', errorFields(err));
      return undefined;
    });
    await context.sendActivity(decisionActivity(decision, services.policy.knowledgeBase, { personal, token, chatUrl: botChatUrl(config.bot?.appId, context), prefill: prefillFor(question) }));
    log.info('answer.sent', {
      decision: decision.kind,
      followUp,
      answered: answer.answered,
      confidence: answer.confidence,
      clause: answer.citations[0]?.id ?? null,
      options: decision.options.map((o) => o.id).join(',') || null,
      parts: answer.governing,
      generated: Boolean(answer.generated),
      ms: Date.now() - started,
    });
  });

  // A situation button: the full answer for that clause goes out below the choice card (kept, to compare another).
  app.adaptiveCards.actionExecute<ChooseData>('answer.choose', async (context, _state, data) => {
    const personal = context.activity.conversation?.conversationType === 'personal';
    if (!isShortString(data?.docId, 200) || !isShortString(data?.id, 40)) return 'That button is not one trustline made. Please ask your question again.';
    const token = isShortString(data.token, 64) ? data.token : undefined;
    const picked = await services.policy.choose(data.docId, data.id, token).catch((err: unknown) => {
      log.warn('choices.pick_failed', errorFields(err));
      return services.policy.choose(data.docId as string, data.id as string);
    });
    if (!picked) return 'That part of the policy is no longer there (it may have been revised). Please ask your question again.';
    await context.sendActivity(answerActivity(picked.answer, services.policy.knowledgeBase, { personal, chatUrl: botChatUrl(config.bot?.appId, context) }));
    log.info('answer.chosen', { clause: data.id, logged: picked.logged });
    return 'The policy\'s answer is below.';
  });

  registerPolicySearch(app, services);
};
