import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_POLICY } from '../../../src/config';
import { clauseKey, KnowledgeBaseError, loadKnowledgeBase, type KnowledgeBase } from '../../../src/domain/policy/knowledgeBase';
import { Answerer, cleanQuestion, LEARNED, ownIdeaCount, PROMOTE, PROMOTE_STORY, PROMOTE_SURE, PROMOTE_WIDE } from '../../../src/domain/policy/answerer';
import { decide, DECISION } from '../../../src/domain/policy/decision';
import { compilePairRanker, NeighbourBank, packBags, PAIR_FEATURES, PairRanker, wordCode, type PairRankerModel } from '../../../src/domain/policy/pairRanker';
import { fit, foldsOf, RANKER_SIDECAR, rankerTrainingHash } from '../../../scripts/trainPairRanker';
import { cacheArg, writerGroups } from '../../../scripts/trainClassifier';
import { revisedPolicy } from './revisedPolicy';
import { loadSplit, otherSplits, SPLITS } from '../../../scripts/eval';
import { GOVERNING_CLAUSES, SAFEGUARDING_CLAUSES, safeguardingTopics } from '../../../src/domain/policy/safeguarding';

const DOC = 'staff-communication-and-social-media';


describe('learned pair re-ranker (on by default: its model ships beside the policy)', () => {
  let kb: KnowledgeBase;
  before(async () => {
    kb = await loadKnowledgeBase([DEFAULT_POLICY]);
  });

  it('the committed model is current: trained on the fixtures, phrasings and classifier as they are now', () => {
    assert.ok(kb.pairRanker, `${RANKER_SIDECAR} is loaded with the policy`);
    assert.equal(RANKER_SIDECAR, DEFAULT_POLICY.replace(/\.md$/, '.ranker.json'));
    assert.equal(kb.pairRanker.trainedOn, rankerTrainingHash(), 'fixtures, phrasings or training constants changed: run npm run train:classifier, then npm run train:ranker');
    assert.deepEqual(kb.pairRanker.features, [...PAIR_FEATURES]);
    assert.deepEqual(kb.pairRanker.classes.map((c) => c.key), kb.clauses.map((c) => clauseKey(c.docId, c.id)));
    // It grows with the labelled questions (its neighbour banks: 8,196 after round 17, 10,271 after round 22, 12,519 after round 27,
    // 17,117 after round 32: 1.01 MB, 20,116 after round 34: 1.18 MB, 22,122 after round 35: 1.29 MB, 25,137 after round 38: 1.46 MB,
    // 26,142 after round 39: 1.52 MB, 27,147 after round 40: 1.58 MB, 29,143 after round 42: 1.69 MB); their bags are written as
    // indices into a word table since round 29 (1.6 MB as words then), as self-ending codes with no separator since round 43 (1.26 MB
    // for round 42's bank, from 1.69 MB); idle RSS is checked in the bench. The bound catches a sidecar written an old way or grown by
    // mistake, not a data round (1.25 MB until round 35, 1.5 MB until round 39, 1.75 MB until round 43, 1.5 MB until
    // round 49, whose data took it to 1.51 MB; 2.1 MB from round 59, whose data took it from 1.55 MB to 1.93 MB; 2.5 MB from
    // round 64, whose data took it from 2,060,127 to 2,103,808 bytes, idle RSS unchanged in the bench: docs/PERFORMANCE.md; 2.75 MB
    // from round 73, whose data took it from 2,453,377 to 2,499,890 bytes, idle RSS unchanged in the bench).
    assert.ok(fs.statSync(RANKER_SIDECAR).size < 2_750_000, `${fs.statSync(RANKER_SIDECAR).size} bytes`);
    assert.ok(Array.isArray(JSON.parse(fs.readFileSync(RANKER_SIDECAR, 'utf8')).words), 'the sidecar is written with its word table');
  });

  it('bags read from the word table are the bags as words: the same neighbours for every class', () => {
    const words: PairRankerModel = {
      trainedOn: 'x', featureVersion: 2, features: [...PAIR_FEATURES], weights: PAIR_FEATURES.map(() => 0),
      classes: [{ key: 'a', hash: '' }, { key: 'b', hash: '' }, { key: 'c', hash: '' }],
      questions: [['pupil friend request snapchat', [0]], ['journalist phone call', [1]], ['pupil photo website', [2, 0]], ['pupil pupil request', [1]]],
      phrasings: [['friend request', [0]], ['press call', [1]]],
    };
    const packed = packBags(words);
    assert.equal(packed.words?.[0], 'pupil', 'the commonest word gets the shortest index');
    assert.ok(packed.questions.every(([bag]) => /^(?:[0-9A-Z]*[a-z])+$/.test(bag)), 'bags are word-table codes, with no separator');
    assert.equal(packed.questions[3][0], 'aab', "'pupil pupil request': the commonest word's code twice, then the next's");
    // Codes end in a-z; longer indices lead with 0-9A-Z: one character under 26, two under 936.
    assert.deepEqual([0, 25, 26, 51, 935, 936, 5243].map(wordCode), ['a', 'z', '1a', '1z', 'Zz', '10a', '5Lr']);
    const [a, b] = [compilePairRanker(words), compilePairRanker(JSON.parse(JSON.stringify(packed)) as PairRankerModel)];
    for (const bag of [['pupil', 'request'], ['press', 'call', 'journalist'], ['website', 'unknown']]) {
      for (const bank of ['questions', 'phrasings'] as const) {
        a[bank].score(bag);
        b[bank].score(bag);
        for (let c = 0; c < 3; c++) assert.equal(b[bank].get(c), a[bank].get(c), `${bank} ${bag.join(' ')} class ${c}`);
      }
    }
    assert.ok(a.questions.score(['pupil', 'request']).get(0) > 0, 'the bag reaches its class');
    for (const [bag, error] of [['zz', /bag word z is not in the word table/], ['a1', /not written in word-table codes/], ['a b', /not written in word-table codes/], ['', /not written in word-table codes/]] as const) {
      assert.throws(() => compilePairRanker({ ...packed, questions: [[bag, [0]]] }), error, JSON.stringify(bag));
    }
  });

  it('the shipped answerer uses it, and it re-orders answers the hand combination would give', () => {
    const shipped = new Answerer(kb);
    const hand = new Answerer(kb, { pairRanker: null });
    assert.ok(shipped.pairRanker);
    const questions = loadSplit('pe').filter((q) => !q.oos);
    const moved = questions.filter((q) => shipped.answer(q.q).citations.map((c) => c.id).join() !== hand.answer(q.q).citations.map((c) => c.id).join());
    assert.ok(moved.length >= 5, `${moved.length} answers re-ordered`);
  });

  it('never takes the lead from a safeguarding clause in a question that raises a safeguarding topic, unless its own lead is the topic\'s first clause (`agrees`, round 71), and there never picks another of its topic clauses than the topic chose; without a topic it may put another clause first, but a moderation or aspect clause only gives way to one outside the safeguarding clauses', function () {
    this.timeout(600_000); // every labelled question (48,000+ by round 63), twice: 123 s of a full run then
    const ranker = new Answerer(kb);
    const hand = new Answerer(kb, { pairRanker: null });
    let protectedLeads = 0;
    let agreed = 0;
    let released = 0;
    let topicQuestions = 0;
    for (const split of [...otherSplits(), ...SPLITS]) {
      for (const { q } of loadSplit(split)) {
        const text = cleanQuestion(q);
        const handLead = hand.retrieve(text).ranked[0]?.clause.id;
        const lead = ranker.retrieve(text).ranked[0]?.clause.id;
        // What the re-ranker reads: the question's focus (focus.ts), as retrieved.
        const focused = ranker.focusText(text);
        const topics = safeguardingTopics(ranker.index.analyse(focused), focused);
        if (handLead && SAFEGUARDING_CLAUSES.has(handLead)) {
          if (topics.length) {
            protectedLeads++;
            if (lead !== handLead) {
              agreed++;
              assert.equal(lead, topics[0].clauses[0], `${split}: ${q} led by ${lead} (topic ${topics[0].clauses[0]}, hand ${handLead})`);
            }
          } else if (lead !== handLead) {
            released++;
            // Without a topic a moderation or aspect clause (7.7.2, 7.5.3, 3.2…) gives way only to a clause outside the safeguarding ones.
            assert.ok(GOVERNING_CLAUSES.has(handLead) || !SAFEGUARDING_CLAUSES.has(lead ?? ''), `${split}: ${q} led by ${lead} (hand ${handLead}, no topic)`);
          }
        }
        if (!topics.length || !lead || lead === handLead) continue;
        topicQuestions++;
        // The re-ranker moved the lead: to the topic's own choice, or to a clause outside the topics.
        assert.ok(lead === topics[0].clauses[0] || !SAFEGUARDING_CLAUSES.has(lead), `${split}: ${q} led by ${lead} (topic ${topics[0].clauses[0]}, hand ${handLead})`);
      }
    }
    assert.ok(protectedLeads > 300 && agreed > 400 && topicQuestions > 10 && released > 10, `${protectedLeads} protected leads (${agreed} given to the topic's own clause), ${topicQuestions} topic questions re-led, ${released} safeguarding leads without a topic re-ordered`);
  });

  it('answers a lexically weak question when the re-ranker gives its lead at least 0.4 of the share and the classifier gives out of scope under 0.02 (PROMOTE_WIDE), and not without that tier', function () {
    this.timeout(120_000);
    const shipped = new Answerer(kb);
    const wideOnly = new Answerer(kb, { promoteStory: null });
    const narrow = new Answerer(kb, { promoteWide: null, promoteStory: null });
    const wide = PROMOTE_WIDE;
    assert.ok(wide);
    // Which questions the tier promotes moves with the models' training data (rounds 26-29 re-picked
    // named ones), so the example is found by the tier's rule: the first in-scope question of the sets
    // with 0.40-0.60 of the share (the first tier, PROMOTE, asks 0.6) and p(out of scope) under 0.02 that the
    // tier answers and the answerer without it does not.
    const q = [...SPLITS, ...otherSplits()].flatMap(loadSplit).filter((item) => !item.oos).map((item) => item.q).find((text) => {
      const r = shipped.retrieve(cleanQuestion(text));
      const share = r.shares?.[0] ?? 0;
      return share >= wide.share && share < (PROMOTE ?? 1) && (r.oos ?? 1) < wide.oos && wideOnly.answer(text).answered && !narrow.answer(text).answered;
    });
    assert.ok(q, 'the wide tier answers some question of the sets that nothing else does');
    const r = shipped.retrieve(cleanQuestion(q));
    const lead = shipped.answer(q).citations[0].id;
    // Answered on the re-ranker's word: asked "which is closest" (under 0.7 of the share), the lead first.
    const d = decide(shipped, q);
    assert.equal(d.kind, 'choose');
    assert.equal(d.options[0].id, lead);
    // Each bound decides: just above the question's share, or at its p(out of scope), it stays unanswered.
    const share = r.shares?.[0] ?? 0;
    assert.equal(new Answerer(kb, { promoteWide: { ...wide, share: share + 1e-6 }, promoteStory: null }).answer(q).answered, false);
    assert.equal(new Answerer(kb, { promoteWide: { ...wide, oos: r.oos ?? 0 }, promoteStory: null }).answer(q).answered, false);
    // The tier answers a whole question; it never makes a part stand alone (with a looser tier the
    // second part, promoted alone, made a two-part answer, 4.1.6 and 5.6, and no choice was offered).
    const parted = 'What happens if someone bad-mouths the trust in an email to a supplier? Like is that a disciplinary thing?';
    const p = new Answerer(kb, { promoteWide: { share: 0.4, oos: 0.05, floor: 0.3 }, promoteStory: null }).answer(parted);
    assert.equal(p.governing, 1);
    assert.equal(p.citations[0].id, '4.1.6');
  });

  it('answers a story told at length that the re-ranker and classifier agree on (PROMOTE_STORY), and leaves a few generic words unanswered', () => {
    const shipped = new Answerer(kb);
    const without = new Answerer(kb, { promoteStory: null, promoteSure: null });
    // Lexically weak (under the floor of the other tiers), p(out of scope) under 0.05, six ideas or more.
    const cases: [string, string][] = [
      ['not gonna lie I sent a pretty snotty email back to a parent who had a go at me. how much trouble could I be in?', '4.1.6'],
      ['Honestly the number of emails I get!! Do I really have to answer every single one straight away??', '4.1.10'],
    ];
    for (const [q, lead] of cases) {
      const r = shipped.retrieve(cleanQuestion(q));
      assert.ok(r.promotedWide && (r.oos ?? 1) < 0.05, `${q}: p(oos) ${r.oos}`);
      assert.ok(ownIdeaCount(r.analysis) >= 6, q);
      const a = shipped.answer(q);
      assert.ok(a.answered, q);
      assert.equal(a.citations[0].id, lead, q);
      assert.equal(without.answer(q).answered, false, q);
    }
    // Generic words the tier's thresholds would answer without its bound on ideas (the other tiers
    // off: since round 29 the first tier promotes some of these to a "which is closest" on its own).
    // Which of them passes the share, p(out of scope) and floor moves with each retrain (round 31:
    // "staff email school" went to p 0.051; round 40: only "email parents school" and "staff parents email" of these pass;
    // round 61: none of those seven, so four more generic lists were added), so the test takes those that do, and needs one.
    const tier = PROMOTE_STORY;
    assert.ok(tier);
    const storyOnly = (units: number) => new Answerer(kb, { promote: null, promoteWide: null, promoteSure: null, promoteStory: { ...tier, units } });
    const generic = ['staff email school', 'parents email school', 'email school staff', 'social media school', 'school staff social media', 'email parents school', 'staff parents email',
      'staff email message', 'email school message', 'parents email trust', 'trust parents email']
      .filter((q) => storyOnly(0).answer(q).answered);
    assert.ok(generic.length > 0, 'no generic words pass the tier without its bound on ideas: the bound is not what keeps them unanswered');
    for (const q of generic) assert.equal(storyOnly(tier.units).answer(q).answered, false, q);
  });

  it('answers a question the classifier\'s out-of-scope cap held under the bar when the re-ranker holds its lead clear of the rest (PROMOTE_SURE), and not without that tier', function () {
    this.timeout(120_000);
    const shipped = new Answerer(kb);
    const without = new Answerer(kb, { promoteSure: null });
    const sure = PROMOTE_SURE;
    assert.ok(sure && LEARNED.oosCap !== null);
    const cap = LEARNED.oosCap;
    // Found by the tier's rule, as the examples move with each retrain: the first in-scope question of
    // the sets that the classifier gives "out of scope" at or above the cap, which this tier answers
    // and the answerer without it does not.
    const q = [...SPLITS, ...otherSplits()].flatMap(loadSplit).filter((item) => !item.oos).map((item) => item.q).find((text) => {
      const r = shipped.retrieve(cleanQuestion(text));
      return (r.oos ?? 0) >= cap && shipped.answer(text).answered && !without.answer(text).answered;
    });
    assert.ok(q, 'the tier answers some question of the sets held down by the out-of-scope cap');
    const r = shipped.retrieve(cleanQuestion(q));
    const [share, second] = [r.shares?.[0] ?? 0, r.shares?.[1] ?? 0];
    assert.ok(share >= sure.share && second < sure.second && (r.oos ?? 1) < sure.oos, `${q}: share ${share}, second ${second}, p(oos) ${r.oos}`);
    // Answered on the re-ranker's word, its lead first: outright only when it holds 0.7 of the share.
    const lead = shipped.answer(q).citations[0].id;
    assert.equal(lead, r.ranked[0].clause.id);
    const d = decide(shipped, q);
    assert.equal(d.kind === 'answer' ? d.answer.citations[0].id : d.options[0].id, lead);
    assert.equal(d.kind, share >= DECISION.promotedAnswer ? 'answer' : 'choose');
    // Each bound decides: a share just above the question's, a second share bound at its own, or a
    // p(out of scope) bound at its own leaves it unanswered.
    const other = { promote: null, promoteWide: null, promoteStory: null };
    assert.equal(new Answerer(kb, { ...other, promoteSure: sure }).answer(q).answered, true);
    assert.equal(new Answerer(kb, { ...other, promoteSure: { ...sure, share: share + 1e-6 } }).answer(q).answered, false);
    assert.equal(new Answerer(kb, { ...other, promoteSure: { ...sure, second } }).answer(q).answered, false);
    assert.equal(new Answerer(kb, { ...other, promoteSure: { ...sure, oos: r.oos ?? 0 } }).answer(q).answered, false);
  });

  it('the out-of-scope bound of PROMOTE_SURE keeps out-of-scope questions of the sets unanswered that its share bounds alone would answer', function () {
    this.timeout(120_000);
    const sure = PROMOTE_SURE;
    assert.ok(sure);
    const other = { promote: null, promoteWide: null, promoteStory: null };
    const shipped = new Answerer(kb, { ...other, promoteSure: sure });
    const loose = new Answerer(kb, { ...other, promoteSure: { ...sure, oos: 1 } });
    const oos = [...SPLITS, ...otherSplits()].flatMap(loadSplit).filter((item) => item.oos).map((item) => item.q);
    const kept = oos.filter((q) => loose.answer(q).answered && !shipped.answer(q).answered);
    assert.ok(kept.length >= 10, `${kept.length} out-of-scope questions kept unanswered by the bound`);
  });

  it('a clause whose text changed gets no learned signal: no probability, no neighbours, never added by them', () => {
    const changed = revisedPolicy(kb, (id) => id === '7.6.15', { pairRanker: true });
    const answerer = new Answerer(changed);
    assert.ok(answerer.pairRanker);
    assert.equal(answerer.pairRanker.knows(clauseKey(DOC, '7.6.15')), false);
    const q = cleanQuestion('a year 9 girl keeps sending me follow requests on insta');
    const { candidates, bag } = answerer.pairCandidates(q);
    assert.deepEqual(answerer.pairRanker.nearest(bag, 20).filter((k) => k.endsWith('#7.6.15')), []);
    const at = candidates.findIndex((c) => c.key === clauseKey(DOC, '7.6.15'));
    // Only the index can list it; its learned features are the neutral ones.
    if (at >= 0) {
      assert.ok(candidates[at].lexRank >= 0);
      const row = answerer.pairRanker.features(candidates, bag)[at];
      for (const f of ['p', 'pTop', 'pRankInv', 'knnQ', 'knnQTop', 'knnA', 'knnATop'] as const) assert.equal(row[PAIR_FEATURES.indexOf(f)], 0, f);
    }
    // The fresh model did mean 7.6.15 here.
    const fresh = new Answerer(kb);
    assert.equal(fresh.answer('a year 9 girl keeps sending me follow requests on insta').citations[0].id, '7.6.15');
  });

  it('with every clause revised it has no say: answers are exactly the lexical ones', () => {
    const changed = revisedPolicy(kb, () => true, { pairRanker: true });
    const withModels = new Answerer(changed);
    assert.equal(withModels.pairRanker, undefined);
    const without = new Answerer(changed, { classifier: null, pairRanker: null });
    for (const q of [...loadSplit('supply'), ...loadSplit('supply-sg')]) {
      const a = withModels.answer(q.q);
      const b = without.answer(q.q);
      assert.deepEqual([a.answered, a.citations.map((c) => c.id), a.confidence], [b.answered, b.citations.map((c) => c.id), b.confidence], q.q);
    }
  });

  it('weights for other features are not used', () => {
    const old = new PairRanker({ ...kb.pairRanker!, featureVersion: kb.pairRanker!.featureVersion - 1 }, kb);
    assert.equal(old.knowsAny, false);
    const answerer = new Answerer(kb, { pairRanker: { ...kb.pairRanker!, featureVersion: kb.pairRanker!.featureVersion - 1 } });
    assert.equal(answerer.pairRanker, undefined);
  });

  it('the neighbour bank gives each class the best TF-IDF cosine, the same on every call whatever came before', () => {
    // A plain reference: vectors as maps, cosine by the definition.
    const entries = [
      { bag: ['pupil', 'follow', 'request'], classes: [0] },
      { bag: ['pupil', 'message', 'snapchat'], classes: [1, 2] },
      { bag: ['journalist', 'phone', 'comment'], classes: [2] },
      { bag: ['pupil', 'photo', 'website'], classes: [3] },
      { bag: ['parent', 'follow', 'facebook'], classes: [1, 9] },
    ];
    const df = new Map<string, number>();
    for (const e of entries) for (const t of e.bag) df.set(t, (df.get(t) ?? 0) + 1);
    const idf = (t: string) => (df.has(t) ? Math.log((entries.length + 1) / (df.get(t)! + 1)) : 0);
    const unit = (bag: string[]) => {
      const n = Math.sqrt(bag.reduce((a, t) => a + idf(t) ** 2, 0)) || 1;
      return new Map(bag.map((t) => [t, idf(t) / n]));
    };
    const expected = (bag: string[]) => {
      const q = unit(bag);
      const best = new Map<number, number>();
      for (const e of entries) {
        const v = unit(e.bag);
        const d = [...q].reduce((a, [t, x]) => a + x * (v.get(t) ?? 0), 0);
        for (const c of e.classes) if (c < 4 && d > (best.get(c) ?? 0)) best.set(c, d);
      }
      return [0, 1, 2, 3].map((c) => best.get(c) ?? 0);
    };
    // Class 9 is beyond the model's classes: dropped.
    const bank = NeighbourBank.of(entries, 4);
    const bags = [['pupil', 'follow'], ['journalist', 'snapchat', 'unknown'], ['pupil', 'follow'], ['nothing'], ['facebook', 'parent', 'follow']];
    for (const bag of bags) {
      bank.score(bag);
      const got = [0, 1, 2, 3].map((c) => bank.get(c));
      expected(bag).forEach((x, c) => assert.ok(Math.abs(got[c] - x) < 1e-12, `${bag.join(' ')}: class ${c} ${got[c]} vs ${x}`));
      const reached = Array.from({ length: bank.touched }, (_, j) => bank.touchedAt(j)).sort();
      assert.deepEqual(reached, [0, 1, 2, 3].filter((c) => expected(bag)[c] > 0), bag.join(' '));
    }
    assert.equal(bank.get(9), 0);
  });

  it('the neighbour bank lists the classes a bag reaches in first-reached order (ties at the top go to the first)', () => {
    // The order a scan of entries in first-touched order gives: the bag's terms in order, each
    // term's entries ascending, each entry's classes in order. topOf's tie-break depends on it.
    const entries = [
      { bag: ['rare', 'beta'], classes: [2] },
      { bag: ['alpha', 'filler'], classes: [0] },
      { bag: ['beta', 'filler'], classes: [3, 1] },
      { bag: ['alpha', 'beta', 'other'], classes: [4, 2] },
      { bag: ['other', 'filler'], classes: [5] },
      // Filed under no class the bank has: counts in the idf, reaches no class.
      { bag: ['beta', 'rare'], classes: [7] },
    ];
    const reference = (bag: string[]): number[] => {
      const entrySeen = new Set<number>();
      const order: number[] = [];
      for (const t of bag) entries.forEach((e, i) => { if (e.bag.includes(t) && !entrySeen.has(i)) { entrySeen.add(i); order.push(i); } });
      const classes: number[] = [];
      for (const i of order) for (const c of entries[i].classes) if (c < 6 && !classes.includes(c)) classes.push(c);
      return classes;
    };
    const bank = NeighbourBank.of(entries, 6);
    for (const bag of [['beta', 'alpha'], ['alpha', 'beta'], ['other', 'rare', 'alpha'], ['filler', 'beta']]) {
      bank.score(bag);
      assert.deepEqual(Array.from({ length: bank.touched }, (_, j) => bank.touchedAt(j)), reference(bag), bag.join(' '));
    }
  });

  it('training is deterministic and learns which feature points at the right candidate', () => {
    const F = PAIR_FEATURES.length;
    const at = PAIR_FEATURES.indexOf('knnQ');
    // Three candidates per question; the right one has the higher knnQ, the others noise in other features.
    const X = Array.from({ length: 40 }, (_, q) => Array.from({ length: 3 }, (__, c) => Array.from({ length: F }, (___, i) => (i === at ? (c === q % 3 ? 0.9 : 0.2) : ((q * 7 + c * 3 + i) % 5) / 5))));
    const right = Array.from({ length: 40 }, (_, q) => [q % 3]);
    const a = fit(X, right);
    assert.deepEqual(fit(X, right), a);
    assert.ok(a[at] > 1, `knnQ weight ${a[at]}`);
  });

  it('training folds deal every writer group into exactly one fold, sizes within one of each other, the same on every call', () => {
    const names = Object.keys(writerGroups());
    const folds = foldsOf(names, 10);
    assert.equal(folds.length, 10);
    assert.deepEqual([...folds.flat()].sort(), [...names].sort());
    const sizes = folds.map((f) => f.length);
    assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `sizes ${sizes.join(',')}`);
    assert.deepEqual(foldsOf([...names].reverse(), 10), folds);
    // Not a stretch of the alphabet: the first fold's groups are spread over the sorted names.
    const sorted = [...names].sort();
    const at = folds[0].map((g) => sorted.indexOf(g));
    assert.ok(Math.max(...at) - Math.min(...at) > names.length / 2, `fold 0 spans ${Math.min(...at)}..${Math.max(...at)}`);
  });

  it('the training scripts read --cache DIR one way: a missing directory or a flag in its place is refused', () => {
    assert.equal(cacheArg(['--holdout', '--cache', '/tmp/folds']), '/tmp/folds');
    assert.equal(cacheArg(['--holdout']), undefined);
    assert.throws(() => cacheArg(['--cache']), /--cache needs a directory/);
    assert.throws(() => cacheArg(['--cache', '--fold-part', '0/2']), /--cache needs a directory/);
  });

  it('a malformed re-ranker sidecar is refused at load, naming the file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ranker-'));
    const policy = path.join(dir, 'p.md');
    fs.copyFileSync(DEFAULT_POLICY, policy);
    fs.writeFileSync(path.join(dir, 'p.ranker.json'), JSON.stringify({ trainedOn: 'x', featureVersion: 1, features: ['lexRel'], weights: [], classes: [], questions: [], phrasings: [] }));
    await assert.rejects(loadKnowledgeBase([policy]), (err: Error) => err instanceof KnowledgeBaseError && /p\.ranker\.json/.test(err.message));
    // Well formed but for a bag word its word table does not have.
    fs.writeFileSync(path.join(dir, 'p.ranker.json'), JSON.stringify({ trainedOn: 'x', featureVersion: 1, features: ['lexRel'], weights: [0], classes: [], questions: [['az', [0]]], phrasings: [], words: ['pupil'] }));
    await assert.rejects(loadKnowledgeBase([policy]), (err: Error) => err instanceof KnowledgeBaseError && /p\.ranker\.json: bag word z is not in the word table/.test(err.message));
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
