import { strict as assert } from 'node:assert';
import { DEFAULT_POLICY } from '../../../src/config';
import { loadKnowledgeBase, buildKnowledgeBase, KnowledgeBaseError, type KnowledgeBase } from '../../../src/domain/policy/knowledgeBase';
import { Answerer, decidingFirst } from '../../../src/domain/policy/answerer';
import { directionOf } from '../../../src/domain/policy/direction';
import { answerCard } from '../../../src/teams/handlers/answers';
import { renderCard } from '../../support/acRenderer';
import fs from 'node:fs';

describe('the next step for the direction asked, and the deciding bullet first', () => {
  let kb: KnowledgeBase;
  let answerer: Answerer;
  before(async () => {
    kb = await loadKnowledgeBase([DEFAULT_POLICY]);
    answerer = new Answerer(kb);
  });

  it('tells sending a connection from receiving one by who does what to whom', () => {
    for (const q of ['Can I add parents on fb?', 'is it ok to add parents on facebook', 'should I follow my year 11s back', 'am I allowed to friend parents', 'I added a parent by mistake']) {
      assert.equal(directionOf(q), 'sending', q);
    }
    for (const q of ['a parent sent me a request', 'got a friend request from a mum in my class', 'a dad wants to add me on insta', 'can i accept a friend request from a parent', 'what should i do if a parent tries to add me', 'a pupil added me on snapchat']) {
      assert.equal(directionOf(q), 'receiving', q);
    }
    assert.equal(directionOf('what does the policy say about parents on social media'), undefined);
  });

  it('"can I add parents on fb?" gets the sending step without a report button; a request received gets decline-and-report', () => {
    const sending = answerer.answer('Can I add parents on fb?');
    assert.equal(sending.citations[0].id, '7.6.17');
    assert.equal(sending.nextSteps.length, 1);
    assert.equal(sending.nextSteps[0].kind, '');
    assert.match(sending.nextSteps[0].step, /^Avoid sending requests/);
    const receiving = answerer.answer('a parent sent me a friend request on facebook');
    assert.equal(receiving.citations[0].id, '7.6.17');
    assert.deepEqual(receiving.nextSteps.map((s) => s.kind), ['parent-connection']);
    assert.match(receiving.nextSteps[0].step, /decline/);
  });

  it('a staff member connecting with a pupil is told not to, and can still report it', () => {
    const a = answerer.answer('should I follow my year 11s back on insta');
    assert.equal(a.citations[0].id, '7.6.15');
    assert.equal(a.nextSteps[0].kind, 'pupil-connection');
    assert.match(a.nextSteps[0].step, /^Do not/);
  });

  it('an 8.1 photo question gets a what-to-do line and the bullet that decides it first, all words verbatim', () => {
    const a = answerer.answer('can I put photos of my class on my own instagram');
    assert.equal(a.citations[0].id, '8.1');
    assert.ok(a.nextSteps.some((s) => s.kind === '' && /school's own social media accounts/.test(s.step)));
    assert.match(a.citations[0].deciding ?? '', /^- Under no circumstances should staff share or upload/);
    const shown = decidingFirst(a.citations[0].quote, a.citations[0].deciding);
    assert.deepEqual([...shown.split('\n')].sort(), [...a.citations[0].quote.split('\n')].sort(), 'same lines, reordered');
    assert.equal(shown.split('\n')[1], a.citations[0].deciding);

    const film = answerer.answer('a mum asked me not to film her son in the nativity, do I have to listen');
    assert.equal(film.citations[0].id, '8.1');
    assert.match(film.citations[0].deciding ?? '', /asks not to be filmed/);
  });

  it('the 8.1 card shows the what-to-do line without a report button and passes the official renderer', () => {
    const a = answerer.answer('can I put photos of my class on my own instagram');
    const card = answerCard(a, kb);
    const rendered = renderCard(card);
    assert.deepEqual(rendered.errors, []);
    assert.ok(!JSON.stringify(card).includes('report.start'), 'no report button for a line without a report');
    assert.ok(rendered.text.indexOf('Under no circumstances') < rendered.text.indexOf('When a student joins'), 'deciding bullet first');
    const report = renderCard(answerCard(answerer.answer('a parent sent me a friend request'), kb));
    assert.deepEqual(report.errors, []);
    assert.ok(JSON.stringify(answerCard(answerer.answer('a parent sent me a friend request'), kb)).includes('report.start'));
  });

  it('a sidecar "sending" step without its text is refused at load', () => {
    const markdown = fs.readFileSync(DEFAULT_POLICY, 'utf8');
    const sidecar = { nextSteps: [{ clauses: ['7.6.17'], kind: 'x', step: 'y', action: 'z', sending: {} }] };
    // buildKnowledgeBase takes the sidecar as data; the file reader checks its shape.
    assert.doesNotThrow(() => buildKnowledgeBase([{ source: 'p.md', markdown, sidecar: { nextSteps: [{ clauses: ['7.6.17'], kind: 'x', step: 'y', action: 'z', sending: { step: 's' } }] } }]));
    const dir = fs.mkdtempSync('/tmp/trustline-direction-');
    fs.writeFileSync(`${dir}/p.md`, markdown);
    fs.writeFileSync(`${dir}/p.meta.json`, JSON.stringify(sidecar));
    return loadKnowledgeBase([`${dir}/p.md`]).then(
      () => assert.fail('loaded'),
      (err: unknown) => {
        assert.ok(err instanceof KnowledgeBaseError);
        assert.match(err.message, /"sending" needs a "step"/);
      },
    ).finally(() => fs.rmSync(dir, { recursive: true, force: true }));
  });
});
