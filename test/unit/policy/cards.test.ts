import { strict as assert } from 'node:assert';
import { DEFAULT_POLICY } from '../../../src/config';
import { loadKnowledgeBase } from '../../../src/domain/policy/knowledgeBase';
import { Answerer } from '../../../src/domain/policy/answerer';
import MarkdownIt from 'markdown-it';
import { answerActivity, answerCard, inertText } from '../../../src/teams/handlers/answers';
import { clauseCard, resultAttachment } from '../../../src/teams/handlers/policySearch';
import { citationOf } from '../../../src/domain/policy/answerer';
import { CardFactory } from 'botbuilder';
import { inertTextFunctions } from '../../../src/cards/render';
import { quoteText, sectionLabel } from '../../../src/teams/policyText';

/** Every TextBlock's text, in card order. */
function textBlocks(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => textBlocks(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
    if (o.type === 'Action.Execute') out.push(`[button ${String(o.title)} -> ${String((o.data as { kind?: string }).kind)}]`);
    Object.values(o).forEach((v) => textBlocks(v, out));
  }
  return out;
}

describe('answer cards', () => {
  it('the reply carries a 1.5 card, a fallback without the question, and a summary with clause numbers only', async () => {
    const kb = await loadKnowledgeBase([DEFAULT_POLICY]);
    const answerer = new Answerer(kb);
    const question = 'Jamie Lee in year 8 sent me a follow request on insta';
    const activity = answerActivity(answerer.answer(question), kb);
    const card = activity.attachments?.[0].content as { version: string; fallbackText: string };
    assert.equal(card.version, '1.5');
    assert.equal(activity.summary, 'Policy answer: 7.6.15');
    for (const text of [activity.summary, activity.text, card.fallbackText]) assert.ok(!/Jamie|insta/i.test(String(text)));
    const uncovered = answerActivity(answerer.answer('how many days of annual leave does Jamie Lee get'), kb);
    assert.equal(uncovered.summary, 'Not covered by the policy');
    assert.ok(!JSON.stringify(uncovered).includes('Jamie'));
  });

  it('puts what to do first, each next step and its button with the clause it comes from', async () => {
    const kb = await loadKnowledgeBase([DEFAULT_POLICY]);
    const answer = new Answerer(kb).answer('a pupil added me on snapchat and also a journalist rang me');
    const texts = textBlocks(answerCard(answer, kb));
    assert.equal(texts[0], 'What to do, for each part of your question');
    const at = (re: RegExp) => texts.findIndex((t) => re.test(t));
    const pupilButton = at(/\[button .* -> pupil-connection\]/);
    const pupilClause = at(/^7\.6\.15 · /);
    const mediaButton = at(/\[button .* -> media-contact\]/);
    const mediaClause = at(/^7\.6\.6 · /);
    assert.ok(at(/^Do not accept or reply/) < pupilButton && pupilButton < pupilClause, texts.join('\n'));
    assert.ok(pupilClause < at(/^Do not respond unless/) && at(/^Do not respond unless/) < mediaButton && mediaButton < mediaClause, texts.join('\n'));
  });

  it('no heading reads as a numbered list, and a clause keeps its line breaks and lists', async () => {
    const md = new MarkdownIt();
    assert.equal(sectionLabel('7. Social Media'), 'Section 7: Social Media');
    assert.equal(sectionLabel('Appendix B – Template Email Signatures'), 'Appendix B – Template Email Signatures');
    const kb = await loadKnowledgeBase([DEFAULT_POLICY]);
    for (const q of ['a pupil sent me a follow request', 'how many days of annual leave do I get']) {
      for (const text of textBlocks(answerActivity(new Answerer(kb).answer(q), kb).attachments?.[0].content)) {
        assert.doesNotMatch(md.render(text.replace(/^- /, '')), /<ol/, text);
      }
    }
    assert.match(md.render(quoteText('It covers these points:\n- The aim.\n- The audience')), /^<p>It covers these points:<\/p>\n<ul>\n<li>The aim.<\/li>\n<li>The audience<\/li>\n<\/ul>/);
    assert.equal(md.render(quoteText('Liverpool Diocesan Schools Trust\nSt James\' House')), '<p>Liverpool Diocesan Schools Trust</p>\n<p>St James\' House</p>\n');
  });

  it('a very long clause still makes a clause card under 28 KB', () => {
    const card = clauseCard({ id: '1.1', docId: 'd', title: 'T', section: '1. S', quote: 'A long line of policy text.\n'.repeat(3000) }, 'Policy');
    assert.ok(Buffer.byteLength(JSON.stringify(card)) < 28 * 1024);
  });

  it('model text cannot carry links or markup into a card', () => {
    assert.equal(inertText('See [here](https://evil.example) <b>now</b> [7.6.15]'), 'See here now [7.6.15]');
    assert.equal(inertText('visit https://evil.example'), 'visit https[:]//evil.example');
  });
});

describe('message-extension result attachments (kept by clause)', () => {
  const fresh = (c: Parameters<typeof clauseCard>[0], title: string) => ({ ...CardFactory.adaptiveCard(clauseCard(c, title)), preview: CardFactory.thumbnailCard(`${c.id} · ${c.title}`, c.quote.split('\n')[0].length > 140 ? `${c.quote.split('\n')[0].slice(0, 137)}…` : c.quote.split('\n')[0]) });

  it('gives every clause of the shipped policy the attachment rendered afresh, the same object the second time', async () => {
    const kb = await loadKnowledgeBase([DEFAULT_POLICY]);
    assert.ok(kb.clauses.length > 100);
    for (const clause of kb.clauses) {
      const c = citationOf(clause);
      const first = resultAttachment(c, 'Staff Communication and Social Media Policy');
      assert.deepEqual(JSON.parse(JSON.stringify(first)), JSON.parse(JSON.stringify(fresh(c, 'Staff Communication and Social Media Policy'))), clause.id);
      assert.equal(resultAttachment({ ...c }, 'Staff Communication and Social Media Policy'), first, 'kept');
    }
  });

  it('renders a revised clause, or another policy title, afresh', () => {
    const c = { id: '9.9', docId: 'd', title: 'T', section: '9. S', quote: 'Staff must not {{DATE(2020-01-01T00:00:00Z)}} do this.' };
    const a = resultAttachment(c, 'Policy');
    const revised = resultAttachment({ ...c, quote: 'Staff must now do that.' }, 'Policy');
    assert.notEqual(revised, a);
    assert.match(JSON.stringify(revised.content), /must now do that/);
    assert.notEqual(resultAttachment(c, 'Other policy'), a);
    assert.match(JSON.stringify(resultAttachment(c, 'Other policy').content), /Other policy/);
    // Already treated: the adapter's text-function guard, run on every response, changes nothing in it.
    const copy = JSON.parse(JSON.stringify(a)) as unknown;
    assert.deepEqual(inertTextFunctions(copy), JSON.parse(JSON.stringify(a)));
    assert.match(JSON.stringify(a.content), /\{\u2060\{DATE/);
  });
});
