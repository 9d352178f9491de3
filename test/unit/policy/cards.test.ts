import { strict as assert } from 'node:assert';
import { DEFAULT_POLICY } from '../../../src/config';
import { loadKnowledgeBase } from '../../../src/domain/policy/knowledgeBase';
import { Answerer } from '../../../src/domain/policy/answerer';
import { answerActivity, inertText } from '../../../src/teams/handlers/answers';
import { clauseCard } from '../../../src/teams/handlers/policySearch';

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

  it('a very long clause still makes a clause card under 28 KB', () => {
    const card = clauseCard({ id: '1.1', docId: 'd', title: 'T', section: '1. S', quote: 'A long line of policy text.\n'.repeat(3000) }, 'Policy');
    assert.ok(Buffer.byteLength(JSON.stringify(card)) < 28 * 1024);
  });

  it('model text cannot carry links or markup into a card', () => {
    assert.equal(inertText('See [here](https://evil.example) <b>now</b> [7.6.15]'), 'See here now [7.6.15]');
    assert.equal(inertText('visit https://evil.example'), 'visit https[:]//evil.example');
  });
});
