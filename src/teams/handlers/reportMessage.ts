/**
 * "Report this message": the message-extension action on any Teams message. fetchTask keeps
 * the message (text, author, time) as evidence in the store and opens a dialog with the kind
 * picker; each dialog step is a composeExtension/submitAction answered with the next card
 * (the same walk-through as in chat, with Action.Submit). Teams retries submitAction, so every
 * step is idempotent (filing by submission id), and each answer is bounded to ANSWER_WITHIN_MS.
 */
import { CardFactory, TurnContext } from 'botbuilder';
import type { TaskModuleTaskInfo } from 'botbuilder';
import type { Feature } from '../features';
import type { AdaptiveCard } from '../../cards/render';
import { COMMAND_IDS } from '../commandIds';
import type { MessageEvidence } from '../../domain/reports/types';
import { errorFields } from '../../log';
import { flowData, ReportFlow } from './reportsFlow';
import { actorOf, runStep } from './reports';
import { forDialog, pickerCard } from './reportsCards';

/** Teams gives a message extension 5 s; answer before that even if the store is slow. */
export const ANSWER_WITHIN_MS = 4_500;
const MAX_EVIDENCE_CHARS = 4_000;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: '\'', nbsp: ' ', '#39': '\'' };

/** Teams message HTML as plain text: line breaks kept, tags dropped, entities decoded. */
export function htmlToText(html: string): string {
  // Bounded before parsing; tags and entities only shrink the text, so 4x the kept length is enough.
  return html
    .slice(0, MAX_EVIDENCE_CHARS * 4)
    .replace(/<\s*br\s*\/?>/gi, '\n')
    .replace(/<\/\s*(p|div|li|h[1-6]|tr|blockquote)\s*>/gi, '\n')
    .replace(/<[^<>]*>/g, '') // not [^>]: that backtracks quadratically over a run of '<'
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+|#39);/gi, (m, e: string) => {
      if (ENTITIES[e.toLowerCase()] !== undefined) return ENTITIES[e.toLowerCase()];
      if (!e.startsWith('#')) return m;
      const cp = /^#x/i.test(e) ? parseInt(e.slice(2), 16) : Number(e.slice(1));
      // Out of range (or a lone surrogate) would throw in fromCodePoint or make bad text: shown as typed.
      return Number.isInteger(cp) && cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : m;
    })
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .slice(0, MAX_EVIDENCE_CHARS);
}

interface MessagePayload {
  id?: string;
  body?: { contentType?: string; content?: string };
  from?: { user?: { id?: string; displayName?: string } };
  createdDateTime?: string;
}

export function evidenceFrom(payload: MessagePayload, conversationId?: string): MessageEvidence | undefined {
  const content = typeof payload.body?.content === 'string' ? payload.body.content : '';
  const text = payload.body?.contentType === 'text' ? content.trim().slice(0, MAX_EVIDENCE_CHARS) : htmlToText(content);
  const sent = typeof payload.createdDateTime === 'string' && !Number.isNaN(Date.parse(payload.createdDateTime)) ? new Date(payload.createdDateTime).toISOString() : undefined;
  if (!text && !sent) return undefined;
  return {
    messageId: typeof payload.id === 'string' ? payload.id.slice(0, 200) : undefined,
    text: text || '(no text: the message may be an image or a file)',
    authorName: payload.from?.user?.displayName?.slice(0, 200),
    authorAadObjectId: payload.from?.user?.id?.slice(0, 100),
    sentAt: sent,
    conversationId: conversationId?.slice(0, 300),
  };
}

const dialog = (card: AdaptiveCard): TaskModuleTaskInfo => ({
  title: 'Report this message', height: 'large', width: 'medium', card: CardFactory.adaptiveCard(forDialog(card)),
});

async function withinTime<T>(work: Promise<T>, late: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => { timer = setTimeout(() => resolve(late), ANSWER_WITHIN_MS); });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const LATE = 'This is taking longer than usual. Anything you submitted is being saved: type "my reports" in your chat with trustline in a minute to check. If a child is at immediate risk, tell the DSL now or call 999.';
const NO_IDENTITY = 'I cannot tell who you are from this Teams account, so I cannot file a report for you.';
const STEP_BY_VERB: Record<string, Parameters<typeof runStep>[1]> = {
  'report.start': 'start', 'report.resume': 'resume', 'report.review': 'review', 'report.edit': 'edit', 'report.save': 'save',
  'report.discard': 'discard', 'report.submit': 'submit', 'report.mine': 'mine', 'report.view': 'view',
};

export const registerReportMessage: Feature = (app, services) => {
  const flow = new ReportFlow(services);
  const log = services.log;

  app.messageExtensions.fetchTask(COMMAND_IDS.reportMessage, async (context: TurnContext) => {
    const actor = actorOf(context, 'message-extension');
    if (!actor) return NO_IDENTITY;
    const value = (context.activity.value ?? {}) as { messagePayload?: MessagePayload };
    const evidence = value.messagePayload ? evidenceFrom(value.messagePayload, context.activity.conversation?.id) : undefined;
    if (!evidence) return 'Use "Report this message" from the menu of a message (... > More actions). To report something else, type "report" in your chat with trustline.';
    const work = (async () => {
      const submissionId = await flow.holdEvidence(actor, evidence);
      return dialog(pickerCard(services.reports.kinds.list(), [], services.reports.timeZone, { submissionId }));
    })();
    return withinTime<TaskModuleTaskInfo | string>(work, LATE);
  });

  app.messageExtensions.submitAction(COMMAND_IDS.reportMessage, async (context: TurnContext, _state, raw: Record<string, unknown>) => {
    const actor = actorOf(context, 'message-extension');
    if (!actor) return NO_IDENTITY;
    const data = flowData(raw);
    const step = STEP_BY_VERB[data.verb];
    if (!step) return 'This dialog has closed. Use "Report this message" again, or type "report" in your chat with trustline.';
    const work = runStep(flow, step, actor, data).then(dialog).catch((err: unknown) => {
      log.error('report.dialog_step_failed', { step, ...errorFields(err) });
      return 'That did not work just now. Anything you saved is kept: please try again. If a child is at immediate risk, tell the DSL now or call 999.';
    });
    return withinTime<TaskModuleTaskInfo | string>(work, LATE);
  });
};
