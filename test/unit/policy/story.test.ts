import { strict as assert } from 'node:assert';
import { asks } from '../../../src/domain/policy/story';
import { DEFAULT_POLICY } from '../../../src/config';
import { loadKnowledgeBase, type KnowledgeBase } from '../../../src/domain/policy/knowledgeBase';
import { Answerer, cleanQuestion } from '../../../src/domain/policy/answerer';
import { loadSplit, otherSplits, SPLITS } from '../../../scripts/eval';

describe('story: which parts of a question ask, and which tell the story (round 19)', () => {
  it('a part asks with a question mark, a question word or auxiliary, a modal with its subject, or a word asking for a judgement', () => {
    for (const part of [
      'Do I need to do anything first?',
      "can i put the kid's name in the subject line",
      'what about their mums and dads',
      'is that a problem for us or is it just a booking',
      'should we reply on the page',
      "Confirm that's ok.",
      'any reason I cannot',
    ]) assert.ok(asks(part), part);
  });

  it('a part that only tells what happened asks nothing: it is the scene', () => {
    for (const part of [
      'A local firm posted a brilliant video job ad',
      "Mum's not picking up and I need to know why this kid's not in.",
      'I share an office with our business manager',
      "I emailed my mentor about a Y9 who keeps kicking off and I put his full name in the subject so she'd know who I meant.",
    ]) assert.ok(!asks(part), part);
  });

  describe('the answer to a story split into parts (the shipped models)', () => {
    let kb: KnowledgeBase;
    let story: Answerer;
    let parts: Answerer;
    before(async () => {
      kb = await loadKnowledgeBase([DEFAULT_POLICY]);
      story = new Answerer(kb);
      parts = new Answerer(kb, { storyLead: 0 });
    });

    it('leads with the clause the whole question is about when a part is only the scene', function () {
      // Every question of the sets (48,000+, more each data round): took 106 s of a 120 s bound in a
      // full run by round 63. A bound for a loaded machine, not a speed target.
      this.timeout(600_000);
      // Which scene draws a clause of its own moves with the models' training data ("A local firm posted
      // a brilliant video job ad and I'd love to reshare it…" drew 8.1 to the front until round 33), so
      // the examples are found by the rule: questions of the sets whose lead the story reading moves.
      // The story reading applies only to an answer with more than one governing clause: the other
      // answers are the same either way, and are not worked out twice (the sets grow every round).
      const moved = [...SPLITS, ...otherSplits()].flatMap(loadSplit).map((item) => item.q)
        .filter((q) => {
          const a = story.answer(q);
          return a.governing > 1 && a.citations[0]?.id !== parts.answer(q).citations[0]?.id;
        });
      assert.ok(moved.length > 0, 'some question of the sets tells a scene that draws a clause of its own');
      for (const q of moved) {
        const a = story.answer(q);
        const p = parts.answer(q);
        assert.equal(a.citations[0]?.id, story.retrieve(cleanQuestion(q)).ranked[0]?.clause.id, `the whole question's clause leads: ${q}`);
        assert.ok(a.citations.slice(0, a.governing).some((c) => c.id === p.citations[0]?.id), `the scene's clause is still quoted: ${q}`);
      }
    });

    it('a question whose parts all ask keeps its parts in order', () => {
      const q = "can i bcc the parents on the trip email, and can i put the kid's name in the subject line?";
      const a = story.answer(q);
      assert.deepEqual(a.citations.slice(0, a.governing).map((c) => c.id), parts.answer(q).citations.slice(0, 2).map((c) => c.id));
      assert.deepEqual(a.citations.slice(0, 2).map((c) => c.id), ['4.1.13', '4.1.17']);
      // A second question marked as such ("also…") is a question even when terse: no scene.
      assert.deepEqual(story.answer('bcc for parent emails, also is whatsapp ok for talking about kids').citations.slice(0, 2).map((c) => c.id), ['4.1.13', '5.3']);
    });

    it('on the seen splits, only the order of a multi-part answer\'s governing clauses changes: never whether it is answered, nor which clauses govern', () => {
      let moved = 0;
      for (const item of SPLITS.flatMap(loadSplit)) {
        const was = parts.answer(item.q);
        const now = story.answer(item.q);
        assert.equal(now.answered, was.answered, item.q);
        assert.equal(now.governing, was.governing, item.q);
        const governing = (a: typeof now) => a.citations.slice(0, a.governing).map((c) => c.id).sort();
        assert.deepEqual(governing(now), governing(was), item.q);
        if (now.citations[0]?.id !== was.citations[0]?.id) moved++;
      }
      assert.ok(moved < 10, `${moved} leads moved on the seen splits`);
    });
  });
});
