import { strict as assert } from 'node:assert';
import { focusOf } from '../../../src/domain/policy/focus';
import { DEFAULT_POLICY } from '../../../src/config';
import { loadKnowledgeBase } from '../../../src/domain/policy/knowledgeBase';
import { Answerer } from '../../../src/domain/policy/answerer';

describe('focus: what a question sets aside before it asks (round 16)', () => {
  it('"I know X, but Y", "Not X - Y", "I\'m not asking about X — Y": the focus is what follows', () => {
    assert.equal(focusOf('I know we get 48 hours for emails, but how often do I have to check the school page?'), 'how often do I have to check the school page?');
    assert.equal(focusOf('Not bcc — when is it right to cc somebody into a staff email?'), 'when is it right to cc somebody into a staff email?');
    assert.equal(focusOf("I'm not asking about photos of pupils - I just want to film the empty lab for my Instagram. Do I need permission?"), 'I just want to film the empty lab for my Instagram. Do I need permission?');
    assert.equal(focusOf('I get that I shouldn\'t add parents. But what about other teachers at my own school?'), 'But what about other teachers at my own school?');
    assert.equal(focusOf('Different from the colleagues question - what about a student\'s auntie who sent me a friend request?'), 'what about a student\'s auntie who sent me a friend request?');
  });

  it('the last set-aside part counts; one at the end, or none, leaves the whole question', () => {
    assert.equal(focusOf('Not email. Not WhatsApp either - can I use Teams chat on my phone?'), 'can I use Teams chat on my phone?');
    assert.equal(focusOf('Can I post a photo of the hall decorations on my Facebook? There are no children in it.'), undefined);
    assert.equal(focusOf('Can I put a photo of the library on my own Insta? Not a single kid in it.'), undefined);
    assert.equal(focusOf('a pupil added me on snapchat, what do i do'), undefined);
    assert.equal(focusOf('I know a parent from the school gate and she sent me a friend request'), undefined, 'a sentence of its own is needed: "I know her" is the story');
  });

  it('the answer leads with the clause of what is asked, not of the case set aside (the shipped models)', async () => {
    const kb = await loadKnowledgeBase([DEFAULT_POLICY]);
    const focused = new Answerer(kb);
    const whole = new Answerer(kb, { focusUnits: 0 });
    for (const [q, set, asked] of [
      // Which questions the whole wording still gets wrong moves with the training data (round 14 re-picked this one)
      // and the guard (round 23: "Not pupils — the parents. If a Year 11 parent tries to add me…" is now right whole).
      ['I know not to accept pupils, but what about a Year 11 parent who adds me on Facebook?', '7.6.15', '7.6.17'],
      ['I know not to put pupil names in the subject line, but what about reporting a child protection worry itself, can I do that by email?', '4.1.17', '4.1.18'],
    ]) {
      assert.equal(whole.answer(q).citations[0]?.id, set, `without the focus: ${q}`);
      assert.equal(focused.answer(q).citations[0]?.id, asked, q);
    }
    // A focus with too little of its own ("what about that way round?") leaves the whole question.
    const thin = "It's not me sending the request, a parent has sent one to ME. What about that way round?";
    assert.equal(focused.focusText(thin), thin);
  });
});
