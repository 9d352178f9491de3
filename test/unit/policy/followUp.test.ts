import { strict as assert } from 'node:assert';
import { FOLLOW_UP_WINDOW_MS, isFollowUp, opensLikeFollowUp, recent, refersBack, remember, shortEnoughForFollowUp, withPrevious } from '../../../src/domain/policy/followUp';

describe('follow-ups (read with the previous question)', () => {
  it('recognises short messages that open like a follow-up, and not questions in their own right', () => {
    for (const t of ['what about parents?', "and what if she's 18?", 'And colleagues?', 'but what if it was on whatsapp', 'is that the same for ex-pupils', 'same for governors?', 'what if they left last year']) {
      assert.ok(opensLikeFollowUp(t), t);
    }
    for (const t of ['can I add pupils on fb', 'a journalist rang me', 'and so on and so forth and then a pupil sent me a friend request on instagram last night']) {
      assert.ok(!opensLikeFollowUp(t), t);
    }
    assert.ok(shortEnoughForFollowUp('parents too?'));
    assert.ok(!shortEnoughForFollowUp('can i be friends with a parent from my class on facebook'));
  });

  it('a message pointing back is a follow-up even if it could stand alone; one that only opens with "and" is one only if it cannot', () => {
    const never = () => assert.fail('standsAlone is not asked when the message points back');
    assert.ok(refersBack('what about governors?'));
    assert.ok(isFollowUp('what about governors?', never));
    assert.ok(!refersBack('and can I use my gmail for work?'));
    assert.ok(!isFollowUp('and can I use my gmail for work?', () => true), 'a new question that stands alone');
    assert.ok(isFollowUp('and colleagues?', () => false));
    assert.ok(isFollowUp('parents too?', () => false), 'very short and not answerable alone');
    assert.ok(!isFollowUp('is it ok to use whatsapp with my class group', () => false), 'long and not opening like a follow-up: its own question');
  });

  it('the people a follow-up names replace the previous question\'s; other follow-ups add to it', () => {
    assert.equal(withPrevious('can I add pupils on fb?', 'what about parents?'), 'can I add on fb, parents?');
    assert.equal(withPrevious('can I add my year 6s on fb', 'and colleagues?'), 'can I add my on fb, colleagues?');
    assert.equal(withPrevious('a former pupil messaged me on insta', "and what if she's 18?"), "a former pupil messaged me on insta, she's 18?");
  });

  it('keeps the previous question only for the window, and only so much of it', () => {
    const at = Date.parse('2026-11-25T09:00:00Z');
    const r = remember('x'.repeat(900), at);
    assert.equal(r.text.length, 500);
    assert.equal(recent(r, at + FOLLOW_UP_WINDOW_MS), r.text);
    assert.equal(recent(r, at + FOLLOW_UP_WINDOW_MS + 1), undefined);
    assert.equal(recent(r, at - 1), undefined, 'a clock that went back is not trusted');
    assert.equal(recent(undefined, at), undefined);
    assert.equal(recent({ text: 5, at } as never, at), undefined, 'stored state of the wrong shape is ignored');
  });
});
