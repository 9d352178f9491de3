/**
 * A related clause on the answer card opens with "Show" and closes with "Hide" (issue 9, item 9):
 * Action.ToggleVisibility swaps the preview for the full quote and the Show button for Hide,
 * pressed in the official renderer and checked by what is visible after each press.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { CARDS_DIR, renderCard as expandTemplate } from '../../src/cards/render';
import { DEFAULT_POLICY } from '../../src/config';
import { Answerer } from '../../src/domain/policy/answerer';
import { loadKnowledgeBase } from '../../src/domain/policy/knowledgeBase';
import { answerCard } from '../../src/teams/handlers/answers';
import { renderLive, validateCard } from '../support/acRenderer';

const sample = JSON.parse(fs.readFileSync(path.join(CARDS_DIR, 'samples', 'answer.data.json'), 'utf8')) as object;

function shown(card: ReturnType<typeof renderLive>, row: number) {
  const id = `related-${row}`;
  return { quote: card.isVisible(id), preview: card.isVisible(`${id}-preview`), show: card.isVisible(`${id}-show`), hide: card.isVisible(`${id}-hide`) };
}

describe('related clauses: Show becomes Hide (answer card, official renderer)', () => {
  it('starts folded: previews and Show buttons, no quote, no Hide', () => {
    const card = renderLive(expandTemplate('answer', sample));
    assert.deepEqual(shown(card, 0), { quote: false, preview: true, show: true, hide: false });
    assert.deepEqual(shown(card, 1), { quote: false, preview: true, show: true, hide: false });
    assert.deepEqual(card.buttons().filter((b) => b === 'Show' || b === 'Hide'), ['Show', 'Show']);
  });

  it('Show opens that clause only and becomes Hide; Hide folds it again', () => {
    const card = renderLive(expandTemplate('answer', sample));
    card.click('Show', 1);
    assert.deepEqual(shown(card, 1), { quote: true, preview: false, show: false, hide: true });
    assert.deepEqual(shown(card, 0), { quote: false, preview: true, show: true, hide: false }, 'the other clause stays folded');
    assert.deepEqual(card.buttons().filter((b) => b === 'Show' || b === 'Hide'), ['Show', 'Hide']);
    card.click('Hide');
    assert.deepEqual(shown(card, 1), { quote: false, preview: true, show: true, hide: false });
    card.click('Show', 1);
    assert.deepEqual(shown(card, 1), { quote: true, preview: false, show: false, hide: true }, 'and opens again');
  });

  it('the card the bot sends for a real answer with related clauses toggles the same way', async () => {
    const kb = await loadKnowledgeBase([DEFAULT_POLICY]);
    const answer = new Answerer(kb).answer('a year 6 girl sent me a follow request on insta');
    assert.ok(answer.citations.length > answer.governing, 'the answer has related clauses');
    const json = answerCard(answer, kb);
    assert.deepEqual(validateCard(json), []);
    const card = renderLive(json);
    assert.equal(shown(card, 0).quote, false);
    card.click('Show');
    assert.deepEqual(shown(card, 0), { quote: true, preview: false, show: false, hide: true });
    card.click('Hide');
    assert.deepEqual(shown(card, 0), { quote: false, preview: true, show: true, hide: false });
  });
});
