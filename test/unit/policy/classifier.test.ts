import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_POLICY } from '../../../src/config';
import { clauseKey, KnowledgeBaseError, loadKnowledgeBase, type KnowledgeBase } from '../../../src/domain/policy/knowledgeBase';
import { Answerer, cleanQuestion } from '../../../src/domain/policy/answerer';
import { ClauseClassifier, clauseHash, OOS_CLASS, questionFeatures } from '../../../src/domain/policy/classifier';
import { SIDECAR, trainingHash } from '../../../scripts/trainClassifier';
import { revisedPolicy } from './revisedPolicy';
import { loadSplit } from '../../../scripts/eval';

const DOC = 'staff-communication-and-social-media';


describe('learned clause classifier', () => {
  let kb: KnowledgeBase;
  before(async () => {
    kb = await loadKnowledgeBase([DEFAULT_POLICY]);
  });

  it('the committed weights are current: trained on the fixtures and phrasings as they are now, for the policy as it is now', () => {
    assert.ok(kb.classifier, `${SIDECAR} is loaded with the policy`);
    assert.equal(kb.classifier.trainedOn, trainingHash(), 'fixtures, phrasings or training constants changed: run npm run train:classifier');
    const keys = kb.clauses.map((c) => clauseKey(c.docId, c.id));
    assert.deepEqual(kb.classifier.classes.map((c) => c.key), [...keys, OOS_CLASS]);
    assert.deepEqual(new ClauseClassifier(kb.classifier, kb).stale, []);
    // Compact: sparse rows of (class, weight) pairs, weights rounded.
    assert.ok(fs.statSync(SIDECAR).size < 1_000_000, `${fs.statSync(SIDECAR).size} bytes`);
  });

  it('the shipped answerer uses it, and it moves answers (a question the lexical order gets wrong)', () => {
    const learned = new Answerer(kb);
    const lexical = new Answerer(kb, { classifier: null });
    assert.ok(learned.classifier);
    const questions = loadSplit('pastoral').filter((q) => !q.oos && q.expect?.length);
    const fixed = questions.filter((q) => {
      const a = learned.answer(q.q);
      const b = lexical.answer(q.q);
      return a.answered && q.expect?.includes(a.citations[0].id) && !(b.answered && q.expect?.includes(b.citations[0].id));
    });
    assert.ok(fixed.length >= 5, `${fixed.length} fixed`);
  });

  it('ignores a clause whose text changed: never predicted, never promoted', () => {
    const changed = revisedPolicy(kb, (id) => id === '7.6.15');
    const classifier = new ClauseClassifier(kb.classifier!, changed);
    assert.deepEqual(classifier.stale, [clauseKey(DOC, '7.6.15')]);
    const q = 'a year 9 girl keeps sending me follow requests on insta';
    const text = cleanQuestion(q);
    const answerer = new Answerer(changed);
    const p = classifier.predict(questionFeatures(answerer.index.analyse(text), text));
    assert.equal(p.clauses.has(clauseKey(DOC, '7.6.15')), false);
    assert.ok(p.clauses.has(clauseKey(DOC, '7.6.17')));
    // Its share goes to no one: the known clauses' and "out of scope" sum to less than 1.
    const fresh = new ClauseClassifier(kb.classifier!, kb).predict(questionFeatures(answerer.index.analyse(text), text));
    assert.ok(fresh.clauses.get(clauseKey(DOC, '7.6.15'))! > 0.3, 'the model meant 7.6.15');
    assert.ok(Math.abs(p.oos - fresh.oos) < 1e-12, 'the stale clause\'s share is not handed to "out of scope"');
  });

  it('a general shift moves a question that raises no safeguarding topic, never one that does', () => {
    // A shift that pushes 8.1 (pupil images) down hard: a question about pictures with no pupil in
    // them loses it; a question about photos of pupils keeps the model's lead on 8.1.
    const images = kb.classifier!.classes.findIndex((c) => c.key === clauseKey(DOC, '8.1'));
    const generalShift = kb.classifier!.bias.map((_, c) => (c === images ? -20 : 0));
    const shifted = new Answerer(kb, { classifier: { ...kb.classifier!, generalShift } });
    const plain = new Answerer(kb, { classifier: { ...kb.classifier!, generalShift: undefined } });
    const p = (answerer: Answerer, q: string) => {
      const text = cleanQuestion(q);
      return answerer.classifier!.predict(questionFeatures(answerer.index.analyse(text), text), true).clauses.get(clauseKey(DOC, '8.1')) ?? 0;
    };
    const general = 'can I put a photo of my classroom display on my own instagram';
    assert.ok(p(shifted, general) < p(plain, general) / 1000, 'predict(…, general) applies the shift');
    const retrieved = (answerer: Answerer, q: string) => answerer.retrieve(cleanQuestion(q)).ranked.map((r) => r.key);
    // Through the answerer: a pupil-images question is not general, so its ranking is the unshifted one.
    const pupils = 'a parent asked me to post photos of the year 3 pupils from sports day on my facebook';
    assert.deepEqual(retrieved(shifted, pupils), retrieved(plain, pupils));
    assert.notDeepEqual(retrieved(shifted, general), retrieved(plain, general), 'a general question is shifted');
  });

  it('weights trained on other features (an older feature version) are not used at all', () => {
    const old = new ClauseClassifier({ ...kb.classifier!, featureVersion: kb.classifier!.featureVersion - 1 }, kb);
    assert.equal(old.stale.length, kb.clauses.length);
    assert.equal(old.predict(['w:pupil']).clauses.size, 0);
    assert.equal(old.knows(kb.classifier!.classes[0].key), false);
  });

  it('with every clause revised, answers are exactly the lexical ones (the model steers nothing)', () => {
    const changed = revisedPolicy(kb, () => true);
    assert.equal(new ClauseClassifier(kb.classifier!, changed).stale.length, kb.clauses.length);
    const withModel = new Answerer(changed);
    const without = new Answerer(changed, { classifier: null });
    for (const q of [...loadSplit('supply'), ...loadSplit('supply-sg')]) {
      const a = withModel.answer(q.q);
      const b = without.answer(q.q);
      assert.deepEqual([a.answered, a.citations.map((c) => c.id), a.confidence], [b.answered, b.citations.map((c) => c.id), b.confidence], q.q);
    }
  });

  it('a malformed classifier sidecar is refused at load, naming the file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'classifier-'));
    const policy = path.join(dir, 'p.md');
    fs.copyFileSync(DEFAULT_POLICY, policy);
    fs.writeFileSync(path.join(dir, 'p.classifier.json'), JSON.stringify({ trainedOn: 'x', featureVersion: 1, classes: [{ key: 'p#1.1', hash: clauseHash('') }], bias: [0], weights: { 'w:x': [5, 1] } }));
    await assert.rejects(loadKnowledgeBase([policy]), (err: Error) => err instanceof KnowledgeBaseError && /p\.classifier\.json/.test(err.message));
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
