import { DEFAULT_POLICY } from '../src/config';
import { loadKnowledgeBase } from '../src/domain/policy/knowledgeBase';
import { Answerer, cleanQuestion } from '../src/domain/policy/answerer';
import { questionFeatures } from '../src/domain/policy/classifier';
(async () => {
  const kb = await loadKnowledgeBase([DEFAULT_POLICY]);
  const a = new Answerer(kb);
  const l = new Answerer(kb, { classifier: null });
  for (const q of process.argv.slice(2)) {
    const t = cleanQuestion(q);
    const an = a.index.analyse(t);
    const p = a.classifier!.predict(questionFeatures(an, t));
    console.log(q, '\n  features', questionFeatures(an, t).join(' '));
    console.log('  lexical', l.retrieve(t).ranked.map((r) => `${r.clause.id}:${r.score.toFixed(2)}`).join(' '), 'conf', l.retrieve(t).confidence);
    console.log('  learned', a.retrieve(t).ranked.map((r) => `${r.clause.id}:${(p.clauses.get(r.key) ?? 0).toFixed(3)}`).join(' '), 'oos', p.oos.toFixed(3));
    console.log('  top model', [...p.clauses].sort((x, y) => y[1] - x[1]).slice(0, 4).map(([k, v]) => `${k.split('#')[1]}:${v.toFixed(3)}`).join(' '));
  }
})();
