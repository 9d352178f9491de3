import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import { DEFAULT_POLICY } from '../../../src/config';
import { buildKnowledgeBase, clauseKey, KnowledgeBaseError, loadKnowledgeBase, type KnowledgeBase } from '../../../src/domain/policy/knowledgeBase';
import { Answerer, cleanQuestion } from '../../../src/domain/policy/answerer';
import { answerForClause, decide, DECISION, firstSentence, situationOf, type Decision, type DecisionKind } from '../../../src/domain/policy/decision';
import { GOVERNING_CLAUSES, SAFEGUARDING_CLAUSES, pupilReachedAsker } from '../../../src/domain/policy/safeguarding';
import { evaluateDecisions } from '../../../src/domain/policy/evaluation';
import { loadSplit, otherSplits, SPLITS } from '../../../scripts/eval';

const DOC = 'staff-communication-and-social-media';

describe('decision layer: answer, which is closest, nearest, refuse', () => {
  let kb: KnowledgeBase;
  let answerer: Answerer;
  before(async () => {
    kb = await loadKnowledgeBase([DEFAULT_POLICY]);
    answerer = new Answerer(kb);
  });

  it('answers outright when one clause clearly governs', () => {
    const d = decide(answerer, 'a pupil added me on snapchat');
    assert.equal(d.kind, 'answer');
    assert.equal(d.answer.citations[0].id, '7.6.15');
    assert.deepEqual(d.options, []);
  });

  it('asks which is closest when clauses are close, offering two to four situations with the likely ones', () => {
    const d = decide(answerer, 'is it ok to be mates with my year 5s and their mums on snap');
    assert.equal(d.kind, 'choose');
    assert.ok(d.options.length >= 2 && d.options.length <= DECISION.maxOptions, `${d.options.length} options`);
    const ids = d.options.map((o) => o.id);
    assert.ok(ids.includes('7.6.15'), ids.join(', '));
    assert.equal(new Set(ids).size, ids.length, 'no clause offered twice');
    // The sidecar's situation line, not the clause's rule, is what the button row says.
    assert.equal(d.options.find((o) => o.id === '7.6.17')?.situation, kb.situations.get(clauseKey(DOC, '7.6.17')));
  });

  it('shows the nearest clauses when something is near but nothing clearly applies, and refuses only when nothing is near', () => {
    // Bare follow-ups asked alone; which of them the models hold short of a choice moves with each retrain
    // (round 40: "what about parents" became "which is closest"), so the test takes one that is, and needs one.
    const vague = ['what about parents', 'what about emails', 'what about my phone'].map((q) => decide(answerer, q));
    const near = vague.find((d) => d.kind === 'near');
    assert.ok(near, vague.map((d) => d.kind).join(', '));
    assert.equal(near.answer.answered, false);
    assert.ok(near.options.length >= 1 && near.options.length <= DECISION.maxNear);
    const refused = decide(answerer, 'can I wear jeans on friday');
    assert.equal(refused.kind, 'refuse');
    assert.deepEqual(refused.options, []);
  });

  it('the same question with looser thresholds asks instead of answering (the knobs are live)', () => {
    const q = 'a pupil added me on snapchat';
    const loose = decide(answerer, q, { ...DECISION, sure: 0.99, middling: 0 });
    assert.equal(loose.kind, 'choose');
    assert.equal(loose.options[0].id, '7.6.15', 'the best clause is offered first');
  });

  it('a clause without a sidecar situation shows its own first sentence, verbatim', () => {
    const clause = kb.byKey.get(clauseKey(DOC, '4.1.13'));
    assert.ok(clause);
    const s = situationOf(kb, clause);
    assert.ok(clause.text.startsWith(s.situation.replace(/…$/, '')), s.situation);
    assert.equal(firstSentence('Short. Then more.'), 'Short. Then more.', 'a first "sentence" under 20 characters keeps the line');
    assert.ok(firstSentence('word '.repeat(60)).endsWith('…'));
  });

  it('a sidecar situation for a clause the policy does not have is refused at load', () => {
    const markdown = fs.readFileSync(DEFAULT_POLICY, 'utf8');
    assert.throws(() => buildKnowledgeBase([{ source: 'p.md', markdown, sidecar: { situations: { '99.1': 'nothing' } } }]), KnowledgeBaseError);
  });

  it('the full answer for a picked clause quotes it, carries its next step and lists the other offered clauses as related', () => {
    const a = answerForClause(kb, clauseKey(DOC, '7.6.15'), [clauseKey(DOC, '7.6.15'), clauseKey(DOC, '7.6.17')]);
    assert.ok(a);
    assert.deepEqual(a.citations.map((c) => c.id), ['7.6.15', '7.6.17']);
    assert.equal(a.governing, 1);
    assert.equal(a.nextSteps[0]?.kind, 'pupil-connection');
    assert.equal(a.citations[0].quote, kb.byKey.get(clauseKey(DOC, '7.6.15'))?.text);
    assert.equal(answerForClause(kb, clauseKey(DOC, '99.9')), undefined);
    assert.equal(answerForClause(kb, clauseKey(DOC, '7.6')), undefined, 'a heading is not an answer');
  });

  // Round 12 (docs/ANSWERS.md): the pair re-ranker's softmax decides when to ask, as well as the lexical scores.
  const withoutRankerAsking = { ...DECISION, flatRatio: 0, flatShare: 0, askShare: 0 };

  it('asks which is closest when the re-ranker splits its softmax between two clauses, where the lexical match alone answers', () => {
    // Which questions the re-ranker splits moves with its training data (rounds 14 and 38 re-picked the
    // example), so the seen splits are searched for them: each choice keeps the lexical answer among its options.
    const asked = SPLITS.flatMap(loadSplit).map((item) => ({ q: item.q, without: decide(answerer, item.q, withoutRankerAsking), now: decide(answerer, item.q) }))
      .filter((x) => x.without.kind === 'answer' && x.now.kind === 'choose');
    assert.ok(asked.length >= 3, `${asked.length} questions asked`);
    for (const { q, without, now } of asked) {
      const ids = now.options.map((o) => o.id);
      assert.ok(ids.length >= 2 && ids.length <= DECISION.maxOptions, `${q}: ${ids.join(', ')}`);
      assert.ok(ids.includes(without.answer.citations[0].id), `${q}: ${without.answer.citations[0].id} not among ${ids.join(', ')}`);
    }
  });

  it('asks which is closest instead of showing the nearest clauses when the re-ranker\'s first two are both plausible, keeping the lead and the nearest', () => {
    // Which questions the re-ranker asks about moves with the models' training data, the promotion tiers
    // and the answer bars (round 28 re-picked this; round 56's lower bar for longer questions answered the
    // last example, so a short one from a seen set, the lettings writer's, was re-picked).
    const q = 'hw long do i have 2 reply 2 msgs on the lettings pg';
    const before = decide(answerer, q, withoutRankerAsking);
    assert.equal(before.kind, 'near');
    const d = decide(answerer, q);
    assert.equal(d.kind, 'choose');
    const ids = d.options.map((o) => o.id);
    assert.ok(ids.includes('7.5.2'), ids.join(', '));
    assert.equal(ids[0], before.options[0].id, 'the same lead');
    for (const o of before.options) assert.ok(ids.includes(o.id) || ids.length === DECISION.maxOptions, `${o.id} dropped from ${ids.join(', ')}`);
    assert.ok(ids.length >= 2 && ids.length <= DECISION.maxOptions);
  });

  it('never offers a choice from the re-ranker to an out-of-scope question of the seen splits, nor changes a safeguarding answer', () => {
    for (const item of SPLITS.flatMap(loadSplit)) {
      const before = decide(answerer, item.q, withoutRankerAsking);
      const now = decide(answerer, item.q);
      if (item.oos) assert.equal(now.kind, before.kind, `out of scope: ${item.q}`);
      if (before.answer.safeguarding) assert.deepEqual([now.kind, now.options[0]?.id], [before.kind, before.options[0]?.id], `safeguarding: ${item.q}`);
    }
  });

  // Round 16: a clause the classifier or the neighbours added has no lexical score, so it is never a lexical rival.
  it('a choice between lexical rivals also offers the re-ranker\'s plausible clauses, in its order, and asks no more often', () => {
    const lexicalOnly = { ...DECISION, rankerOptions: 0, shareOption: 0.1 };
    const q = 'can IT look at my email account without asking me';
    const before = decide(answerer, q, lexicalOnly);
    const d = decide(answerer, q);
    assert.equal(before.kind, 'choose');
    assert.ok(!before.options.some((o) => o.id === '6.5'), before.options.map((o) => o.id).join(', '));
    assert.equal(d.kind, 'choose');
    const ids = d.options.map((o) => o.id);
    assert.ok(ids.includes('6.5'), ids.join(', '));
    assert.equal(ids[0], before.options[0].id, 'the same lead');
    assert.ok(ids.length <= DECISION.maxOptions);
    // Only the re-ranker's options differ here: `shareOption` also sets how many clauses a
    // round-19 ranker-led "nearest" shows (one: nearest, two: a choice), which is not this test's.
    const withoutRankerOptions = { ...DECISION, rankerOptions: 0 };
    for (const item of SPLITS.flatMap(loadSplit)) {
      const was = decide(answerer, item.q, withoutRankerOptions);
      const now = decide(answerer, item.q);
      assert.deepEqual([now.kind, now.options[0]?.id], [was.kind, was.options[0]?.id], item.q);
    }
  });

  it('the nearest clauses also take the re-ranker\'s likely ones, up to four; whether any are shown never changes', () => {
    const before = { ...DECISION, nearShare: 0, maxNear: 3 };
    // Which nearest cards gain a clause moves with the models (round 38 re-picked the example): search the seen splits.
    let widened = 0;
    for (const item of SPLITS.flatMap(loadSplit)) {
      const was = decide(answerer, item.q, before);
      const now = decide(answerer, item.q);
      assert.equal(now.kind, was.kind, item.q);
      if (now.kind !== 'near') continue;
      for (const o of was.options) assert.ok(now.options.some((x) => x.id === o.id), `${item.q}: ${o.id} kept`);
      assert.ok(now.options.length <= DECISION.maxNear, item.q);
      if (now.options.length > was.options.length) widened++;
    }
    assert.ok(widened >= 3, `${widened} nearest cards widened`);
  });

  // Round 19: the words only half match, but the re-ranker's meaning-based signals agree on one clause.
  const withoutRankerLead = { ...DECISION, leadShare: 0, otherLead: 0 };

  describe('over every question of the sets', () => {
    /** What a test below reads of one decision: enough to compare two, kept small (the sets hold 48,000+ questions). */
    type Seen = { kind: DecisionKind; ids: string[] };
    interface Walked {
      q: string;
      oos: boolean;
      /** The question names a school topic (scope.ts). */
      topic: boolean;
      now: Seen;
      noRankerLead: Seen;
      noOtherLead: Seen;
      /** Only where `topic` and refused without the re-ranker's lead (the rule the topicNear test reads). */
      noTopicNear?: Seen;
    }
    const seen = (d: Decision): Seen => ({ kind: d.kind, ids: d.options.map((o) => o.id) });
    let walked: Walked[] = [];

    // One walk, shared by the tests that find their examples by a rule or hold over every question:
    // the sets grow every data round, and four walks of their own took 400 s of a run. Each question
    // is decided every way back to back, so the Answerer's kept retrieval serves all but the first.
    // A bound for a loaded machine, not a speed target (bench/ holds those).
    before(function () {
      this.timeout(900_000);
      walked = [...SPLITS, ...otherSplits()].flatMap(loadSplit).map((item) => {
        const noRankerLead = seen(decide(answerer, item.q, withoutRankerLead));
        const topic = answerer.retrieve(cleanQuestion(item.q)).analysis.units.some((u) => u.kind === 'topic');
        return {
          q: item.q, oos: Boolean(item.oos), topic, noRankerLead,
          now: seen(decide(answerer, item.q)),
          noOtherLead: seen(decide(answerer, item.q, { ...DECISION, otherLead: 0 })),
          ...(topic && noRankerLead.kind === 'refuse' ? { noTopicNear: seen(decide(answerer, item.q, { ...DECISION, topicNear: 0 })) } : {}),
        };
      });
      assert.ok(walked.length > 40_000, `${walked.length} questions`);
    });

    it('shows the clause the re-ranker is sure of when the words only half match, instead of refusing', () => {
      // Which questions the words only half match moves with the models' training data (rounds 17, 22 and 27 re-picked these).
      const q = 'When I say where I work on a careers networking site, which name am I supposed to give?';
      assert.equal(decide(answerer, q, withoutRankerLead).kind, 'refuse');
      const d = decide(answerer, q);
      assert.equal(d.answer.answered, false, 'still not an answer: it stays a policy gap');
      assert.equal(d.kind, 'near', 'one plausible clause: the nearest card, not a choice of one');
      assert.deepEqual(d.options.map((o) => o.id), ['7.6.13']);
      // Two plausible clauses and the classifier sure it is in scope: "which is closest". Which
      // questions split the re-ranker between two moves with its training (round 36's regularisation
      // made the pinned one, "can we put the tender bids on school twitter", a single nearest clause),
      // so they are found by the rule: questions of the sets refused without the re-ranker's lead and
      // asked with it.
      const asked = walked.filter((w) => w.noRankerLead.kind === 'refuse' && w.now.kind === 'choose').map((w) => w.q);
      assert.ok(asked.length > 0, 'some question of the sets is asked "which is closest" on the re-ranker\'s lead');
      for (const text of asked) {
        const two = decide(answerer, text);
        assert.equal(two.answer.answered, false, text);
        assert.ok(two.options.length >= 2 && two.options.length <= DECISION.maxOptions, `${text}: ${two.options.map((o) => o.id).join(', ')}`);
        assert.equal(two.options[0].id, answerer.retrieve(cleanQuestion(text)).ranked[0].clause.id, `${text}: the re-ranker's lead comes first`);
      }
      // Nothing near in meaning either: still refused.
      assert.equal(decide(answerer, 'can I wear jeans on friday').kind, 'refuse');
    });

    it('a question naming a subject the policy does not deal with (pay, leave) is shown the nearest clauses, never asked "which is closest" (topicNear)', () => {
      // Found by the rule: the questions of the sets refused without the re-ranker's lead, led by it,
      // naming a school topic; with topicNear off some of them were asked "which is closest".
      const named = walked.filter((w) => w.topic && w.noRankerLead.kind === 'refuse');
      const asked = named.filter((w) => w.noTopicNear?.kind === 'choose');
      assert.ok(asked.length > 0, 'some topic question was asked "which is closest" before the rule');
      for (const w of asked) assert.equal(w.now.kind, 'near', w.q);
    });

    it('an answer refused as another policy\'s question is shown as the nearest when the re-ranker is sure of its clause, never answered', () => {
      // Which questions the re-ranker is sure of moves with its training data ("Is teams ok for a quick
      // catch up with the other site managers across the trust?" was one until round 33), so the
      // examples are found by the rule: questions of the sets refused without it and not with it.
      const shown = walked.filter((w) => w.now.kind !== 'refuse' && w.noOtherLead.kind === 'refuse').map((w) => w.q);
      assert.ok(shown.length > 0, 'some question of the sets is another policy\'s and led by the re-ranker');
      for (const text of shown) {
        const d = decide(answerer, text);
        assert.equal(d.kind, 'near', text);
        assert.equal(d.answer.answered, false, text);
        assert.ok(d.options.length > 0, text);
      }
    });

    it('on every question set, only a refusal changes (so no answer, choice or safeguarding lead), and no out-of-scope question is offered a choice', () => {
      for (const { q, oos, noRankerLead: was, now } of walked) {
        if (was.kind !== 'refuse') assert.deepEqual([now.kind, now.ids], [was.kind, was.ids], q);
        else if (oos) assert.ok(now.kind === 'refuse' || now.kind === 'near', `out of scope: ${q} (${now.kind})`);
      }
    });
  });

  // Round 25: PROMOTE 0.7 -> 0.6, and a lead promoted on 0.6-0.7 of the softmax is a choice, not an outright answer.
  it('a lead the re-ranker promotes with under `promotedAnswer` of its softmax is answered as "which is closest", never showing less than the nearest card did', function () {
    this.timeout(120_000);
    // Which questions are promoted, and on what share, moves with the models' training: since round
    // 36's sharper re-ranker no question of the sets is promoted under 0.7 that nothing else makes a
    // choice. So the rule is shown at 0.8 (the "before" answerer promoting from 0.8 too): the first
    // question of the sets promoted by the first tier under that share, the nearest card when
    // promoted from 0.8 only and with no wider tiers, and answered outright without the rule.
    const cut = 0.8;
    const t = { ...DECISION, promotedAnswer: cut };
    const old = new Answerer(kb, { promote: cut, promoteWide: null, promoteStory: null, promoteSure: null });
    const q = [...SPLITS, ...otherSplits()].flatMap(loadSplit).map((item) => item.q).find((text) => {
      const r = answerer.retrieve(cleanQuestion(text));
      // A multi-part answer answers each part with its own clause, promoted or not (round 70's models found one first).
      return r.promoted !== undefined && r.promoted < cut && !r.promotedWide && decide(old, text).kind === 'near'
        && answerer.answer(text).governing === 1 && decide(answerer, text, { ...DECISION, promotedAnswer: 0 }).kind === 'answer';
    });
    assert.ok(q, `some question of the sets is promoted on under ${cut} of the softmax and was the nearest card`);
    const lead = answerer.answer(q).citations[0]?.id;
    const d = decide(answerer, q, t);
    assert.equal(d.answer.answered, true);
    assert.equal(d.kind, 'choose');
    assert.equal(d.options[0].id, lead, 'the promoted lead first');
    // Every clause the nearest card showed is still offered.
    const before = decide(old, q, t);
    const ids = d.options.map((o) => o.id);
    for (const o of before.options) assert.ok(ids.includes(o.id) || ids.length === DECISION.maxOptions, `${o.id} dropped from ${ids.join(', ')}`);
  });

  it('on the seen splits together: right clause shown as answer or choice >= 0.95, in-scope refused <= 3%, out-of-scope refused >= 0.90', () => {
    const r = evaluateDecisions(SPLITS.flatMap(loadSplit), (q) => decide(answerer, q));
    const shown = r.shown / r.inScope;
    const refused = r.inScopeRefused / r.inScope;
    const oos = r.oosRefused / r.outOfScope;
    assert.ok(shown >= 0.95, `shown ${shown.toFixed(3)}`);
    assert.ok(refused <= 0.03, `in-scope refused ${refused.toFixed(3)}`);
    assert.ok(oos >= 0.9, `out-of-scope refused ${oos.toFixed(3)}`);
    // Asking is not free: most questions still get a straight answer.
    assert.ok(r.chose / r.inScope <= 0.3, `asked to choose ${(r.chose / r.inScope).toFixed(3)}`);
  });

  // Out of scope means the not-covered card, not "nearest clauses" (docs/ANSWERS.md, "Generalising
  // again"): floors per writer group, measured 0.877 and 0.427; in-scope refused stays <= 3% in each.
  it('out of scope refused outright: >= 0.85 on the first writers\' sets, >= 0.40 on the later writers\' sets; in-scope refused <= 3% in each', () => {
    for (const [group, floor] of [[['tune', 'dev', 'holdout', 'blind1', 'blind2'], 0.85], [['blind3', 'teacher', 'office'], 0.4]] as const) {
      const r = evaluateDecisions(group.flatMap(loadSplit), (q) => decide(answerer, q));
      const outright = r.oosRefusedOutright / r.outOfScope;
      assert.ok(outright >= floor, `${group.join('+')}: out of scope refused outright ${outright.toFixed(3)}`);
      assert.ok(r.inScopeRefused / r.inScope <= 0.03, `${group.join('+')}: in-scope refused ${(r.inScopeRefused / r.inScope).toFixed(3)}`);
    }
  });

  // Round 69: a safeguarding topic always answers, even a question the classifier is sure is out of scope.
  it('a safeguarding answer to a question the classifier gives "out of scope" at least `safeguardingOos` is shown as the nearest clauses, its own first, each with its report', function () {
    this.timeout(300_000);
    const items = [...SPLITS, ...otherSplits()].flatMap(loadSplit);
    const reportOf = (id: string) => kb.nextSteps.get(clauseKey(DOC, id))?.[0]?.kind;
    let outOfScope = 0;
    for (const item of items) {
      const a = answerer.answer(item.q);
      if (!a.answered || !a.safeguarding || a.governing > 1) continue;
      const r = answerer.retrieve(cleanQuestion(item.q));
      if ((r.oos ?? 0) < DECISION.safeguardingOos) continue;
      const d = decide(answerer, item.q);
      assert.equal(d.kind, 'near', item.q);
      // The answer's own clauses, in its order: the topic's clause first, with its report on the row.
      assert.deepEqual(d.options.map((o) => o.id), a.citations.slice(0, DECISION.maxNear).map((c) => c.id), item.q);
      for (const o of d.options) assert.equal(o.reportKind ?? '', reportOf(o.id) ?? '', `${item.q}: ${o.id}`);
      // Without the rule it was the answer, or a choice led by the same clause.
      // topicChoice off too: it may put the re-ranker's clause before the answer's lead in a choice.
      const before = decide(answerer, item.q, { ...DECISION, safeguardingOos: 1.01, topicChoice: 0 });
      assert.notEqual(before.kind, 'near', item.q);
      assert.equal(before.kind === 'answer' ? before.answer.citations[0].id : before.options[0].id, a.citations[0].id, item.q);
      if (item.oos) outOfScope++;
    }
    assert.ok(outOfScope >= 20, `${outOfScope} out-of-scope questions of the sets shown the nearest clauses instead of a safeguarding answer`);
  });

  // Round 70: the topic's words fire on scenes that only mention a pupil; the re-ranker is sure of another clause.
  it('a safeguarding choice whose re-ranker holds `topicChoice` on a clause outside the safeguarding ones offers it first, the topic\'s clauses next with their reports', function () {
    this.timeout(600_000);
    const reportOf = (id: string) => kb.nextSteps.get(clauseKey(DOC, id))?.[0]?.kind;
    const off = { ...DECISION, topicChoice: 0 };
    const tally = { general: { moved: 0, gained: 0, lost: 0 }, safeguarding: { moved: 0, gained: 0, lost: 0 } };
    for (const split of [...SPLITS, ...otherSplits()]) {
      const t = split.endsWith('-sg') ? tally.safeguarding : tally.general;
      for (const item of loadSplit(split)) {
        const d = decide(answerer, item.q);
        const before = decide(answerer, item.q, off);
        if (d.kind !== 'choose' || before.options[0]?.id === d.options[0]?.id) continue;
        t.moved++;
        assert.ok(d.answer.safeguarding, item.q);
        assert.ok(!SAFEGUARDING_CLAUSES.has(d.options[0].id), `${item.q}: ${d.options[0].id}`);
        // The topic's clause comes straight after, and every governing clause of the first three stays there with its report.
        assert.equal(d.options[1].id, before.options[0].id, item.q);
        for (const g of before.options.slice(0, 3).filter((o) => GOVERNING_CLAUSES.has(o.id))) {
          const o = d.options.slice(0, 3).find((x) => x.id === g.id);
          assert.ok(o, `${item.q}: ${g.id} left the first three`);
          assert.equal(o.reportKind ?? '', reportOf(g.id) ?? '', `${item.q}: ${g.id}`);
        }
        const r = answerer.retrieve(cleanQuestion(item.q));
        const share = r.shares?.[r.ranked.findIndex((x) => x.clause.id === d.options[0].id)] ?? 0;
        assert.ok(share >= DECISION.topicChoice, `${item.q}: ${share}`);
        const expected = new Set(item.expect ?? []);
        if (expected.has(d.options[0].id)) t.gained++;
        if (expected.has(before.options[0].id)) t.lost++;
      }
    }
    // The writers' own clause is shown first far more often than the topic's is pushed to second.
    assert.ok(tally.general.moved >= 50 && tally.general.gained >= 5 * Math.max(1, tally.general.lost), JSON.stringify(tally));
    assert.ok(tally.safeguarding.gained >= tally.safeguarding.lost, JSON.stringify(tally));
  });

  it('a pupil told reaching the asker keeps the topic\'s clause first, however sure the re-ranker is of another', () => {
    const q = 'one of my students emailed my personal gmail';
    assert.ok(pupilReachedAsker(q));
    const r = answerer.retrieve(cleanQuestion(q));
    const best = r.shares ? r.shares.indexOf(Math.max(...r.shares)) : -1;
    // The re-ranker is sure of e-mail (4.1.1), outside the safeguarding clauses: only the pupil reaching the asker keeps 9.1 first.
    assert.ok(best >= 0 && r.shares && r.shares[best] >= DECISION.topicChoice && !SAFEGUARDING_CLAUSES.has(r.ranked[best].clause.id), r.ranked[best]?.clause.id);
    const d = decide(answerer, q);
    assert.equal(d.kind, 'choose');
    assert.equal(d.options[0].id, '9.1');
    assert.ok(!pupilReachedAsker('I\'m emailing the department a scanned chapter for the Year 9 scheme of work'));
  });
});
