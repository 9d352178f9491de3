import fs from 'node:fs';
import { DEFAULT_POLICY } from '../../../src/config';
import { buildKnowledgeBase, type KnowledgeBase } from '../../../src/domain/policy/knowledgeBase';

type Source = Parameters<typeof buildKnowledgeBase>[0][0];

/**
 * The shipped policy with some clauses' text changed, as a trust revising its policy would, and
 * the learned models of `kb` that the test names (weights trained on the text before the revision).
 */
export function revisedPolicy(kb: KnowledgeBase, ids: (id: string) => boolean, models: { pairRanker?: boolean } = {}): KnowledgeBase {
  const markdown = fs.readFileSync(DEFAULT_POLICY, 'utf8');
  const sidecar = JSON.parse(fs.readFileSync(DEFAULT_POLICY.replace(/\.md$/, '.meta.json'), 'utf8')) as Source['sidecar'];
  const aliases = JSON.parse(fs.readFileSync(DEFAULT_POLICY.replace(/\.md$/, '.aliases.json'), 'utf8')) as Source['aliases'];
  const copy = buildKnowledgeBase([{ source: DEFAULT_POLICY, markdown, sidecar, aliases, classifier: kb.classifier, ...(models.pairRanker ? { pairRanker: kb.pairRanker } : {}) }]);
  // Each chosen clause gains a sentence: a revision the old weights were not trained on.
  for (const clause of copy.clauses) if (ids(clause.id)) Object.assign(clause, { text: `${clause.text} Revised.` });
  return copy;
}
