import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { FIRST_LOOK, FIXTURES, firstLookSets, otherSplits, SPLITS, summary } from '../../../scripts/eval';
import { evaluateDecisions, type DecidedLike, type DecisionEvalResult, type EvalResult } from '../../../src/domain/policy/evaluation';
import type { Answer } from '../../../src/domain/policy/model';

const answers = (inScope: number, top1: number, top3: number, byTag: EvalResult['byTag']): EvalResult => ({ inScope, outOfScope: 0, top1: top1 / inScope, top3: top3 / inScope, oosAccuracy: 1, elapsedMs: 0, misses: [], byTag });
const decisions = (inScope: number, shown: number, outOfScope: number, oosRefused: number, byTag: DecisionEvalResult['byTag'], first = 0): DecisionEvalResult => ({ inScope, outOfScope, shown, first, inScopeRefused: 0, chose: 0, near: 0, oosRefused, oosRefusedOutright: oosRefused, misses: [], byTag });

describe('npm run eval: first-look and seen sets, per set and kind', () => {
  it('the first-look sets are files of test/firstlook-pending/ that no seen set shares a name with', () => {
    const sets = firstLookSets();
    assert.ok(sets.length > 0, 'first-look sets are kept');
    for (const file of sets) {
      assert.equal(path.dirname(file), FIRST_LOOK);
      const name = path.basename(file).replace(/^questions\.|\.json$/g, '');
      assert.ok(![...SPLITS, ...otherSplits()].includes(name), `${name} is also a seen set`);
      assert.equal(fs.existsSync(path.join(FIXTURES, path.basename(file))), false);
    }
  });

  it('"shown first" counts the clause a card shows first: the answer\'s lead, or the first situation offered', () => {
    const answer = (ids: string[]) => ({ answered: ids.length > 0, confidence: 0.5, citations: ids.map((id) => ({ id })), governing: 1, nextSteps: [], nearest: [], text: '' }) as unknown as Answer;
    const cards: Record<string, DecidedLike> = {
      led: { kind: 'answer', answer: answer(['9.1', '7.6.15']), options: [] },
      // The answer's lead is right (top-1), but the card asks "which is closest" with another first.
      second: { kind: 'choose', answer: answer(['9.1']), options: [{ id: '4.1.7' }, { id: '9.1' }] },
      chosen: { kind: 'choose', answer: answer(['9.1']), options: [{ id: '7.6.15' }, { id: '9.1' }] },
      refused: { kind: 'refuse', answer: answer([]), options: [] },
    };
    const r = evaluateDecisions(Object.keys(cards).map((q) => ({ q, expect: q === 'chosen' ? ['7.6.15'] : ['9.1'] })), (q) => cards[q]);
    assert.deepEqual([r.inScope, r.shown, r.first], [4, 3, 2]);
  });

  it('pools sets by question, not by set, and reports kinds and safeguarding topics', () => {
    const lines = summary([
      { split: 'a', answers: answers(10, 8, 9, { scenario: { inScope: 6, top1: 4, top3: 5 }, short: { inScope: 4, top1: 4, top3: 4 } }), decisions: decisions(10, 9, 4, 4, { scenario: { inScope: 6, shown: 5 }, short: { inScope: 4, shown: 4 } }, 9) },
      { split: 'b', answers: answers(30, 15, 24, { scenario: { inScope: 30, top1: 15, top3: 24 } }), decisions: decisions(30, 27, 6, 3, { scenario: { inScope: 30, shown: 27 } }, 19) },
      { split: 'b-sg', answers: answers(4, 4, 4, {}), decisions: decisions(4, 4, 0, 0, {}), sg: { n: 4, lead: 3, top3: 4, withButton: 4, misses: [], leadMisses: [], byTopic: { images: { n: 4, lead: 3, withButton: 4 } } } },
    ]);
    // (8 + 15) / 40 top-1, not the mean of 80% and 50%; the safeguarding set stays out of the general figures.
    assert.match(lines[0], /general \(2 sets, 40 in scope \/ 10 out of scope\): top-1 {2}57\.5 {3}top-3 {2}82\.5 {3}shown {2}90\.0 {3}shown first {2}70\.0 /);
    assert.match(lines[0], /out of scope no answer {2}70\.0/);
    assert.ok(lines.includes('    scenario          36  52.8  80.6  88.9'), lines.join('\n'));
    assert.ok(lines.includes('    short              4 100.0 100.0 100.0'), lines.join('\n'));
    assert.ok(lines.some((l) => /safeguarding \(1 set, 4 questions\): leads {2}75\.0 {3}in top-3 with its report button 100\.0/.test(l)), lines.join('\n'));
    assert.ok(lines.includes('    images             4  75.0 100.0'), lines.join('\n'));
  });
});
