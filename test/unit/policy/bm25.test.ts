/**
 * Bm25Index replaced MiniSearch in the policy index on the promise of the same scores and order
 * (bm25.ts). Checked here against MiniSearch itself, configured as the index used it, on the
 * shipped policy's passages and on every fixture question's terms with varied term boosts.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { DEFAULT_POLICY } from '../../../src/config';
import { loadKnowledgeBase } from '../../../src/domain/policy/knowledgeBase';
import { passagesOf, TUNING } from '../../../src/domain/policy/policyIndex';
import { Bm25Index } from '../../../src/domain/policy/bm25';
import { bigrams, terms } from '../../../src/domain/policy/text';

describe('Bm25Index: the same scores and order as MiniSearch', function () {
  this.timeout(60_000);

  it('on the policy passages, for every fixture question with varied boosts', async () => {
    const kb = await loadKnowledgeBase([DEFAULT_POLICY]);
    const withPairs = (t: string[]) => [...t, ...bigrams(t)];
    const docs: string[][][] = [];
    for (const clause of kb.clauses) {
      const title = withPairs(terms(`${clause.section.title} ${clause.title}`));
      const alias = [...new Set((kb.aliases.get(`${clause.docId}#${clause.id}`) ?? []).flatMap((p) => withPairs(terms(p))))];
      // Some passages with an empty field, as title-only clauses have.
      for (const passage of passagesOf(clause.text)) docs.push([withPairs(terms(passage)), docs.length % 17 ? title : [], alias]);
    }
    const mini = new MiniSearch<{ id: number; text: string; title: string; alias: string }>({
      fields: ['text', 'title', 'alias'],
      storeFields: [],
      tokenize: (s) => s.split(' '),
      processTerm: (t) => t || null,
      searchOptions: { boost: { text: 1, title: TUNING.titleBoost, alias: TUNING.aliasBoost }, combineWith: 'OR', bm25: TUNING.bm25 },
    });
    mini.addAll(docs.map(([text, title, alias], id) => ({ id, text: text.join(' '), title: title.join(' '), alias: alias.join(' ') })));
    const ours = new Bm25Index(docs, [1, TUNING.titleBoost, TUNING.aliasBoost], TUNING.bm25);

    const dir = path.resolve(__dirname, '..', '..', 'fixtures');
    const questions = fs.readdirSync(dir).flatMap((f) => (JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { questions: { q: string }[] }).questions.map((q) => q.q));
    let compared = 0;
    questions.forEach((q, n) => {
      const query = [...new Set(withPairs(terms(q)))];
      if (!query.length) return;
      const boost = (t: string) => 0.15 + ((t.length * 7 + n) % 13) / 6;
      const expected = mini.search(query.join(' '), { boostTerm: boost });
      const got = ours.search(query, boost);
      assert.deepEqual(got.docs, expected.map((r) => r.id), q);
      assert.deepEqual([...got.scores], expected.map((r) => r.score), q);
      compared++;
    });
    assert.ok(compared > 1000);
  });
});
