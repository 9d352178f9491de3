/**
 * Unseen-wording proxy that needs no new question set: every staff phrasing in the aliases file
 * is asked of an answerer built without its own clause's phrasings, so only the policy text, the
 * vocabulary and general resources can find the clause. Compares where words nobody listed get
 * the policy's words from (semantic.ts): none, vectors, wordnet, both.
 *   npx tsx scripts/aliasHoldout.ts [none,vectors,wordnet,both]
 */
import { DEFAULT_POLICY } from '../src/config';
import { loadKnowledgeBase } from '../src/domain/policy/knowledgeBase';
import { Answerer } from '../src/domain/policy/answerer';
import type { RelatedSource } from '../src/domain/policy/semantic';
import { TUNING } from '../src/domain/policy/policyIndex';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(6);

async function main(): Promise<void> {
  const sources = (process.argv[2] ?? 'none,vectors,wordnet,both').split(',') as RelatedSource[];
  if (process.env.RELATED_WEIGHT) TUNING.relatedWeight = Number(process.env.RELATED_WEIGHT);
  const kb = await loadKnowledgeBase([DEFAULT_POLICY]);
  console.log('source    top-1   top-3   refused  (phrasings asked without their own clause\'s phrasings)');
  for (const related of sources) {
    let n = 0;
    let top1 = 0;
    let top3 = 0;
    let refused = 0;
    for (const [key, phrases] of kb.aliases) {
      const id = kb.byKey.get(key)?.id;
      if (!id) continue;
      const aliases = new Map(kb.aliases);
      aliases.delete(key);
      const answerer = new Answerer({ ...kb, aliases }, { related, relatedFallback: process.env.RELATED_FALLBACK === '1' });
      for (const q of phrases) {
        const a = answerer.answer(q);
        const ids = a.answered ? a.citations.map((c) => c.id) : [];
        n++;
        if (!a.answered) refused++;
        if (ids[0] === id) top1++;
        if (ids.slice(0, 3).includes(id)) top3++;
      }
    }
    console.log(`${related.padEnd(8)} ${pct(top1 / n)}  ${pct(top3 / n)}  ${pct(refused / n)}   (${n})`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
