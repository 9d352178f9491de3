/**
 * Reports in 1:1 chat: `report` shows the kind picker (with any unfinished report offered
 * first), each card step is an Action.Execute whose response card replaces the card in place,
 * and `my reports` lists the reporter's own reports. Buttons from other cards (policy answers,
 * help) that start a report get the form as a new message, so their card stays as it was.
 * Activity text and summaries are fixed strings: never a pupil's name or the write-up.
 */
import { CardFactory, MessageFactory, TurnContext } from 'botbuilder';
import type { Feature } from '../features';
import type { AdaptiveCard } from '../../cards/render';
import type { Services } from '../../services';
import { errorFields } from '../../log';
import { Actor, flowData, ReportFlow } from './reportsFlow';
import { noticeCard } from './reportsCards';

export const REPORT_PATTERN = /^\s*(report|make a report|new report|file a report|report something|start a report)\s*[.!]*\s*$/i;
export const MY_REPORTS_PATTERN = /^\s*(my reports?|show my reports|list my reports)\s*[.!?]*\s*$/i;


const isPersonal = (context: TurnContext) => context.activity.conversation?.conversationType === 'personal';

/** The reporter, from the Teams identity of the activity (never typed); undefined without an Entra id. */
export function actorOf(context: TurnContext, source: Actor['source']): Actor | undefined {
  const a = context.activity;
  const aad = a.from?.aadObjectId;
  if (!aad || !a.from?.id) return undefined;
  const tenantId = (a.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? a.conversation?.tenantId ?? '';
  return {
    identity: { aadObjectId: aad, name: (a.from.name ?? '').slice(0, 200), teamsUserId: a.from.id },
    conversation: {
      serviceUrl: a.serviceUrl,
      conversationId: a.conversation?.conversationType === 'personal' ? a.conversation.id : undefined,
      tenantId,
      botId: a.recipient?.id ?? '',
      channelId: a.channelId,
    },
    source,
  };
}

const NO_IDENTITY = 'I cannot tell who you are from this Teams account, so I cannot file a report for you. Please ask your IT team, or report to your headteacher in person.';
const NOT_PERSONAL = 'Reports are private: open a 1:1 chat with me and type "report".';

/** A card alone: Teams shows an activity's text above its card, and these cards say it all. */
async function sendCard(context: TurnContext, card: AdaptiveCard, summary: string): Promise<void> {
  await context.sendActivity({ ...MessageFactory.attachment(CardFactory.adaptiveCard(card)), summary });
}

type Step = 'start' | 'resume' | 'review' | 'edit' | 'save' | 'discard' | 'submit' | 'mine' | 'view';
const STEPS: Step[] = ['start', 'resume', 'review', 'edit', 'save', 'discard', 'submit', 'mine', 'view'];

export function runStep(flow: ReportFlow, step: Step, actor: Actor, data: ReturnType<typeof flowData>): Promise<AdaptiveCard> {
  switch (step) {
    case 'start': return flow.start(actor, data);
    case 'resume': return flow.resume(actor, data);
    case 'review': return flow.review(actor, data);
    case 'edit': return flow.edit(actor, data);
    case 'save': return flow.save(actor, data);
    case 'discard': return flow.discard(actor, data);
    case 'submit': return flow.submit(actor, data);
    case 'mine': return flow.mine(actor);
    case 'view': return flow.view(actor, data);
  }
}

export const registerReports: Feature = (app, services: Services) => {
  const flow = new ReportFlow(services);
  const log = services.log;

  app.message(async (context) => isPersonal(context) && REPORT_PATTERN.test(context.activity.text ?? ''), async (context) => {
    const actor = actorOf(context, 'chat');
    if (!actor) {
      await context.sendActivity({ text: NO_IDENTITY, summary: 'Cannot file a report' });
      return;
    }
    await sendCard(context, await flow.picker(actor), 'Make a report');
  });

  app.message(async (context) => isPersonal(context) && MY_REPORTS_PATTERN.test(context.activity.text ?? ''), async (context) => {
    const actor = actorOf(context, 'chat');
    if (!actor) {
      await context.sendActivity({ text: NO_IDENTITY, summary: 'Your reports' });
      return;
    }
    await sendCard(context, await flow.mine(actor), 'Your reports');
  });

  for (const step of STEPS) {
    app.adaptiveCards.actionExecute(`report.${step}`, async (context, _state, raw) => {
      if (!isPersonal(context)) return NOT_PERSONAL;
      const actor = actorOf(context, 'chat');
      if (!actor) return NO_IDENTITY;
      const data = flowData(raw);
      try {
        // A start button on someone else's card (a policy answer, help): keep that card, send the form below it.
        if (step === 'start' && data.via !== 'picker') {
          const card = await flow.start(actor, data);
          await sendCard(context, card, data.kind ? 'Report form' : 'Make a report');
          return data.kind ? 'The report form is below.' : 'The list of reports is below.';
        }
        // "My reports" on a confirmation: keep the confirmation (it has the reference), list below it.
        if (step === 'mine' && data.via === 'filed') {
          await sendCard(context, await flow.mine(actor), 'Your reports');
          return 'Your reports are listed below.';
        }
        return await runStep(flow, step, actor, data);
      } catch (err) {
        log.error('report.step_failed', { step, ...errorFields(err) });
        return noticeCard('Something went wrong', 'That did not work just now. Anything you saved is kept; please try again. If a child is at immediate risk, tell the DSL now or call 999.', {
          title: 'Make a report', data: { verb: 'report.start', via: 'picker' },
        });
      }
    });
  }
};
