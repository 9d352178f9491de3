/**
 * Message extension search command `searchPolicy` (parameter `query`): typing a topic in the
 * compose box lists matching clauses; with no text (initial run) the most asked topics. Picking
 * one inserts the result's clause card into the conversation: each result carries its full card,
 * and its preview has no tap action (the Agents Playground refuses result lists with one, and
 * Teams then inserts the card as it is). selectItem still answers a pick sent to it. Each result
 * card stays well under Teams' 28 KB limit (a clause is a few hundred bytes; long ones are cut).
 */
import { CardFactory, type MessagingExtensionAttachment, type MessagingExtensionResult } from 'botbuilder';
import type { Application } from '@microsoft/teams-ai';
import type { AppTurnState } from '../state';
import type { Services } from '../../services';
import type { Citation } from '../../domain/policy/model';
import { renderCard, sealTreated, type AdaptiveCard } from '../../cards/render';
import { shareJson } from '../../server/sharedJson';
import { citationOf } from '../../domain/policy/answerer';
import { quoteText, sectionLabel } from '../policyText';

export const SEARCH_COMMAND = 'searchPolicy';
/** Bytes of clause text a result card carries at most (the 28 KB limit covers the whole attachment). */
export const MAX_CARD_QUOTE_BYTES = 24_000;
const MAX_RESULTS = 25;

interface SelectedClause {
  verb: 'policy.clause';
  docId: string;
  id: string;
}

function cutToBytes(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text;
  let cut = text.slice(0, max);
  while (Buffer.byteLength(cut) > max - 3) cut = cut.slice(0, -100);
  const lineEnd = cut.lastIndexOf('\n');
  return `${lineEnd > 0 ? cut.slice(0, lineEnd) : cut}\n…`;
}

export function clauseCard(c: Citation, policyTitle: string): AdaptiveCard {
  const quote = cutToBytes(c.quote, MAX_CARD_QUOTE_BYTES);
  return renderCard('clause', {
    id: c.id,
    title: c.title,
    section: sectionLabel(c.section),
    quote: quoteText(quote),
    fallbackText: `${c.id} ${c.title}: ${quote.length > 300 ? `${quote.slice(0, 297)}…` : quote}`,
    footer: `${policyTitle}, shared with trustline.`,
  });
}

function preview(c: Citation) {
  const firstLine = c.quote.split('\n')[0];
  const text = firstLine.length > 140 ? `${firstLine.slice(0, 137)}…` : firstLine;
  return CardFactory.thumbnailCard(`${c.id} · ${c.title}`, text);
}

function attachment(c: Citation, policyTitle: string): MessagingExtensionAttachment {
  return { ...CardFactory.adaptiveCard(clauseCard(c, policyTitle)), preview: preview(c) };
}

/**
 * Result attachments by what they are made from (the clause's number, title, section and text,
 * and the policy's title): a search lists up to 25 clauses, each rendered from the clause alone,
 * and the same clauses come up search after search; rendering them was most of a search's own
 * CPU and allocation. A revised clause has other text, so another key. Shared between responses,
 * so treated and frozen once (`sealTreated`: the adapter's guard then skips it) and serialised
 * once (`shareJson`: the response copies its JSON bytes). Bounded (emptied when full; a policy
 * has a few hundred clauses). Looked up by the clause's text (the clause's own string, whose
 * hash V8 keeps), then by the small parts.
 */
const attachments = new Map<string, Map<string, MessagingExtensionAttachment>>();
let cachedAttachments = 0;
export const MAX_CACHED_ATTACHMENTS = 2048;

export function resultAttachment(c: Citation, policyTitle: string): MessagingExtensionAttachment {
  // Not one key with the text in it: building that string for 25 results was 25 KB per search.
  let byRest = attachments.get(c.quote);
  const rest = `${c.id}\u0000${c.title}\u0000${c.section}\u0000${policyTitle}`;
  let a = byRest?.get(rest);
  if (!a) {
    if (cachedAttachments >= MAX_CACHED_ATTACHMENTS) {
      attachments.clear();
      cachedAttachments = 0;
      byRest = undefined;
    }
    if (!byRest) attachments.set(c.quote, (byRest = new Map()));
    a = shareJson(sealTreated(attachment(c, policyTitle)));
    byRest.set(rest, a);
    cachedAttachments++;
  }
  return a;
}

export function registerPolicySearch(app: Application<AppTurnState>, services: Services): void {
  const titleOf = (docId: string) => services.policy.knowledgeBase.documents.find((d) => d.id === docId)?.title ?? 'Policy';

  app.messageExtensions.query(SEARCH_COMMAND, async (_context, _state, query): Promise<MessagingExtensionResult> => {
    const params = query.parameters as Record<string, unknown>;
    const text = typeof params.query === 'string' ? params.query.slice(0, 200) : '';
    const initialRun = params.initialRun === true || params.initialRun === 'true' || !text.trim();
    const count = Math.min(Math.max(1, query.count || 10), MAX_RESULTS);
    const hits = initialRun ? services.policy.topics(count) : services.policy.search(text, count);
    services.log.info('policy.search', { initialRun, results: hits.length });
    return {
      type: 'result',
      attachmentLayout: 'list',
      attachments: hits.map((h) => resultAttachment(h.citation, titleOf(h.citation.docId))),
    };
  });

  app.messageExtensions.selectItem(async (_context, _state, item): Promise<MessagingExtensionResult> => {
    const selected = item as Partial<SelectedClause>;
    const clause = typeof selected.docId === 'string' && typeof selected.id === 'string'
      ? services.policy.clause(selected.docId, selected.id)
      : undefined;
    if (!clause) {
      return { type: 'message', text: 'That clause is no longer in the policy. Search again to pick a current one.' };
    }
    return { type: 'result', attachmentLayout: 'list', attachments: [attachment(citationOf(clause), titleOf(clause.docId))] };
  });
}
