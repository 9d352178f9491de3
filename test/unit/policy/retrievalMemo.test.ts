/**
 * The Answerer keeps its last retrievals (a question turn asks for the same one twice). A kept
 * retrieval is shared by its callers, so none may change it: every decision and answer must be
 * what the same Answerer gives when it computes every retrieval afresh.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_POLICY } from '../../../src/config';
import { loadKnowledgeBase } from '../../../src/domain/policy/knowledgeBase';
import { Answerer } from '../../../src/domain/policy/answerer';
import { decide } from '../../../src/domain/policy/decision';

type Retrieve = Answerer['retrieve'];

describe('Answerer: kept retrievals change no answer', function () {
  // Every fixture question (48,000+ by round 63, more each data round) answered and decided three
  // ways: 297 s of a full run by then. A bound for a loaded machine, not a speed target.
  this.timeout(900_000);

  it('gives the same decisions and answers as fresh retrievals, asked once or twice, on every fixture question', async () => {
    const kb = await loadKnowledgeBase([DEFAULT_POLICY]);
    const kept = new Answerer(kb);
    const fresh = new Answerer(kb);
    // The reference computes every retrieval (private retrieveUncached), keeping none.
    const internals = fresh as unknown as { retrieveUncached: (t: string, l: number, e: boolean) => ReturnType<Retrieve>; relatedFallback: boolean };
    (fresh as unknown as { retrieve: Retrieve }).retrieve = (text, limit = 8, expand = !internals.relatedFallback) => internals.retrieveUncached.call(fresh, text, limit, expand);
    const dir = path.resolve(__dirname, '..', '..', 'fixtures');
    const questions = fs.readdirSync(dir).flatMap((f) => (JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { questions: { q: string }[] }).questions.map((q) => q.q));
    assert.ok(questions.length > 1000);
    let differ = 0;
    for (const q of questions) {
      const expected = JSON.stringify([decide(fresh, q), fresh.answer(q)]);
      const first = JSON.stringify([decide(kept, q), kept.answer(q)]);
      const again = JSON.stringify([decide(kept, q), kept.answer(q)]);
      if (first !== expected || again !== expected) differ++;
    }
    assert.equal(differ, 0, `${differ} of ${questions.length} questions decided differently`);
  });
});
