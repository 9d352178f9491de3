import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_POLICY } from '../../../src/config';
import { buildKnowledgeBase, loadKnowledgeBase } from '../../../src/domain/policy/knowledgeBase';
import { Answerer } from '../../../src/domain/policy/answerer';
import { decide } from '../../../src/domain/policy/decision';

const SITE_POLICY = [
  '# Site Policy',
  '',
  '## 1. Arrivals',
  '',
  '1.1. Visitors must sign in at reception and wear a visitor lanyard.',
  '',
  '1.2. Deliveries are accepted only at the side gate.',
  '',
].join('\n');

describe('clause enrichment (the .aliases.json file beside a policy)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trustline-aliases-'));
    fs.writeFileSync(path.join(dir, 'site.md'), SITE_POLICY);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reaches a clause through how staff describe its situation, and still quotes only the policy', async () => {
    const question = 'the amazon driver is here with a parcel, where do they go';
    assert.equal(new Answerer(await loadKnowledgeBase([path.join(dir, 'site.md')])).answer(question).answered, false);

    fs.writeFileSync(path.join(dir, 'site.aliases.json'), JSON.stringify({
      aliases: [{ clauses: ['1.2'], phrases: ['parcel arrived', 'amazon driver', 'courier at the door'] }],
    }));
    const a = new Answerer(await loadKnowledgeBase([path.join(dir, 'site.md')])).answer(question);
    assert.equal(a.answered, true);
    assert.equal(a.citations[0].id, '1.2');
    assert.equal(a.citations[0].quote, 'Deliveries are accepted only at the side gate.');
    assert.ok(!a.text.includes('amazon'));
  });

  it('refuses an aliases file that names a clause the policy does not have, or is malformed', async () => {
    const file = path.join(dir, 'site.aliases.json');
    fs.writeFileSync(file, JSON.stringify({ aliases: [{ clauses: ['9.9'], phrases: ['x'] }] }));
    await assert.rejects(loadKnowledgeBase([path.join(dir, 'site.md')]), /aliases name clause 9\.9/);
    fs.writeFileSync(file, JSON.stringify({ aliases: [{ clause: '1.2', phrases: 'x' }] }));
    await assert.rejects(loadKnowledgeBase([path.join(dir, 'site.md')]), /"aliases" must be a list/);
    fs.writeFileSync(file, '{ not json');
    await assert.rejects(loadKnowledgeBase([path.join(dir, 'site.md')]), /not valid JSON/);
  });

  it('the shipped aliases name only clauses of the shipped policy and cover every section', async () => {
    const kb = await loadKnowledgeBase([DEFAULT_POLICY]);
    const sections = new Set([...kb.aliases.keys()].map((key) => kb.byKey.get(key)?.section.id));
    for (const s of ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', 'Appendix B', 'Appendix C']) assert.ok(sections.has(s), `section ${s}`);
  });
});

describe('out of scope: school topics, generic words, weak evidence', () => {
  let answerer: Answerer;
  before(async () => {
    answerer = new Answerer(await loadKnowledgeBase([DEFAULT_POLICY]));
  });

  it('refuses questions about school matters the policy does not deal with, even in policy words', () => {
    for (const q of [
      'how much sick pay do I get',
      'when do reports to parents need to be written',
      "what's the behaviour policy for pupils swearing",
      'who do I speak to about my pension',
      'can I park in the staff car park overnight',
      'when is the next inset day',
    ]) assert.equal(answerer.answer(q).answered, false, q);
  });

  it('still answers the same words where the policy does deal with them', () => {
    assert.equal(answerer.answer("I'm off sick, will someone read my emails").citations[0]?.id, '6.6');
    assert.equal(answerer.answer("can I email a parent about their child's behaviour").citations[0]?.id, '4.1.15');
    assert.equal(answerer.answer('do I have to reply to emails in the holidays').citations[0]?.id, '4.1.9');
  });

  it('generic words alone (pupil, parent, email) answer nothing', () => {
    for (const q of ['email', 'pupils and parents']) assert.equal(answerer.answer(q).answered, false, q);
    // Since round 29's retrain the re-ranker leads on this one with about 0.6 of the share (the first
    // promotion tier): asked "which is closest", never answered outright.
    assert.notEqual(decide(answerer, 'staff email school').kind, 'answer');
  });

  it('a topic counts for a clause that says it: another trust\'s pay policy answers pay questions', () => {
    const kb = buildKnowledgeBase([{ source: 'x/pay.md', markdown: '# Pay Policy\n\n## 1. Pay\n\n1.1. Pay day is the last working day of each month.\n' }]);
    const a = new Answerer(kb).answer('when is pay day');
    assert.equal(a.answered, true);
    assert.equal(a.citations[0].id, '1.1');
  });
});

describe('typos and phone shorthand', () => {
  let answerer: Answerer;
  before(async () => {
    answerer = new Answerer(await loadKnowledgeBase([DEFAULT_POLICY]));
  });
  const top = (q: string) => answerer.answer(q).citations[0]?.id;

  it('corrects up to two edits in words of five letters or more, and one in four-letter words', () => {
    assert.ok(['7.6.6', '10.1'].includes(top('a jounalist emaild me about a post') ?? ''));
    assert.equal(top('can i use my personel gmail for skool stuff'), '4.1.1');
    assert.equal(top('a studnet sent me a frend requst on snapchat'), '7.6.15');
    assert.equal(top('can i add a parnet on facebok'), '7.6.17');
  });

  it('corrects inside staff phrases and writes out phone shorthand', () => {
    assert.equal(top('shud i put an out of ofice on'), '4.2.3');
    assert.equal(top('wat r the objectives of the comms policy'), '2.1');
  });

  it('never "corrects" a common English word into a policy word', () => {
    // park -> part, pension -> person, cats -> chats would turn these into policy questions.
    for (const q of ['can I park my car at school', 'is my pension safe', 'can I bring my cats in']) {
      assert.equal(answerer.answer(q).answered, false, q);
    }
  });

  it('nor a common word with a common prefix ("reorder" is not "reporter"); a typo that only looks prefixed is still corrected', () => {
    const units = (q: string) => answerer.index.analyse(q).units.map((u) => u.surface);
    assert.ok(!units('how do I reorder the class photos').includes('reporter'));
    assert.notEqual(answerer.answer('how do I reorder the class photos for a parent').citations[0]?.id, '10.1');
    // "co" + "leagues" is a typo of colleagues, not a word.
    assert.equal(top('is linkedin ok 2 have coleagues on'), '7.6.16');
  });
});

describe('multi-part questions', () => {
  let answerer: Answerer;
  before(async () => {
    answerer = new Answerer(await loadKnowledgeBase([DEFAULT_POLICY]));
  });
  const governing = (q: string) => {
    const a = answerer.answer(q);
    return a.citations.slice(0, a.governing).map((c) => c.id);
  };

  it('gives each part its clause, best first, at "and", "also" and "?"', () => {
    const [first, second] = governing('a pupil followed me on tiktok and a journalist emailed me');
    assert.equal(first, '7.6.15');
    assert.ok(['7.6.6', '10.1'].includes(second));
    assert.deepEqual(governing("do I need an out of office when I'm off sick? who can read my emails while I'm away?"), ['4.2.3', '6.6']);
    assert.deepEqual(governing('bcc for parent emails, also is whatsapp ok for talking about kids'), ['4.1.13', '5.3']);
  });
});
