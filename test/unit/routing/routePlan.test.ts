/**
 * The route plan and the reporter's sentence for it, for every combination of what is linked:
 * the confirmation must never claim a delivery the worker will not make (issue 9, item 2).
 */
import { strict as assert } from 'node:assert';
import { describeAudience, describeRoute, planRoute, RouteFacts } from '../../../src/domain/routing/routePlan';
import type { ChannelRef } from '../../../src/domain/directory/directory';
import { makeReport } from '../triage/reportFixture';

const channel = (id: string): ChannelRef => ({ teamId: `19:${id}-team`, channelId: `19:${id}`, serviceUrl: 'http://127.0.0.1:1/', tenantId: 't' });
const NAMED = [{ role: 'trust-dsl', title: 'Trust DSL', aadObjectId: 'aad-dsl' }, { role: 'chair', title: 'Chair', aadObjectId: 'aad-chair' }];
const facts = (o: { school?: boolean; trust?: boolean; named?: boolean }): RouteFacts => ({
  schoolChannel: o.school ? channel('school') : undefined,
  trustChannel: o.trust ? channel('trust') : undefined,
  namedPeople: o.named === false ? [] : NAMED,
});
const normal = makeReport();
const media = makeReport({ routing: { alsoTrust: true, bypassWhenConcerningTriager: false } });
const aboutTriager = makeReport({ concernsTriager: true });
const ids = (r: typeof normal, f: RouteFacts) => planRoute(r, f).map((d) => `${d.id}${d.where !== 'person' && !d.channel ? ' (waiting)' : ''}`);

describe('route plan and what the reporter is told', () => {
  it('plans each destination from what is linked', () => {
    assert.deepEqual(ids(normal, facts({ school: true, trust: true })), ['school']);
    assert.deepEqual(ids(normal, facts({ trust: true })), ['trust']);
    assert.deepEqual(ids(normal, facts({})), ['person:aad-dsl', 'person:aad-chair'], 'nothing linked: the named people 1:1');
    assert.deepEqual(ids(normal, facts({ named: false })), ['trust (waiting)'], 'nobody at all: kept until a channel is linked');
    assert.deepEqual(ids(media, facts({ school: true })), ['school', 'trust (waiting)'], 'the school is not held back by the trust');
    assert.deepEqual(ids(media, facts({ school: true, trust: true })), ['school', 'trust']);
    assert.deepEqual(ids(media, facts({})), ['person:aad-dsl', 'person:aad-chair'], 'the named people are the trust being told');
    assert.deepEqual(ids(aboutTriager, facts({ school: true, trust: true })), ['person:aad-dsl', 'person:aad-chair']);
    assert.deepEqual(ids(aboutTriager, facts({ school: true, named: false })), ['trust (waiting)']);
  });

  it('says only what is true, in every case', () => {
    const say = (r: typeof normal, f: RouteFacts) => describeRoute(r, f);
    assert.match(say(normal, facts({ school: true })), /^It is being sent to your school's alerts channel/);
    assert.match(say(normal, facts({ trust: true })), /not set up yet, so it is being sent to the trust's safeguarding team instead/);
    assert.match(say(normal, facts({})), /not set up yet, so the trust's named safeguarding lead is being told instead/);
    assert.match(say(normal, facts({ named: false })), /nobody has been told yet.*stored safely/);
    assert.match(say(media, facts({ school: true })), /school's alerts channel.*The trust's channel is not set up yet/);
    assert.match(say(media, facts({ school: true, trust: true })), /school's alerts channel.*central team too/);
    assert.match(say(aboutTriager, facts({ school: true })), /trust's named safeguarding lead, not to your school/);
    assert.match(say(aboutTriager, facts({ school: true, named: false })), /not going to your school.*nobody has been told yet/);
    for (const f of [facts({}), facts({ trust: true }), facts({ named: false })]) {
      assert.doesNotMatch(say(normal, f), /headteacher|has gone/, 'no school channel: never the headteacher, never "has gone" before delivery');
    }
  });

  it('says who it will reach before submitting, from the same plan', () => {
    const audience = (r: typeof normal, f: RouteFacts) => describeAudience(r, f);
    assert.match(audience(normal, facts({ school: true })), /^your school's alerts channel \(your headteacher/);
    assert.match(audience(normal, facts({ trust: true })), /^the trust's safeguarding team, because your school's alerts channel is not set up yet/);
    assert.match(audience(normal, facts({})), /^the trust's named safeguarding lead, because/);
    assert.match(audience(normal, facts({ named: false })), /^nobody yet/);
    assert.match(audience(media, facts({ school: true, trust: true })), /headteacher.*\) and the trust's central team$/);
    assert.match(audience(aboutTriager, facts({ school: true, trust: true })), /^the trust's named safeguarding lead, not to your school$/);
    for (const f of [facts({}), facts({ trust: true }), facts({ named: false })]) assert.doesNotMatch(audience(normal, f), /headteacher/);
  });

  it('says "has gone" only for destinations the report records as delivered', () => {
    const delivered = makeReport({ triage: { alerts: [{ id: 'school', where: 'school', activity: { serviceUrl: '', tenantId: '', conversationId: 'c', activityId: 'a' }, postedAt: '2026-11-25T09:00:01Z' }] } as never });
    assert.match(describeRoute(delivered, facts({ school: true })), /^It has gone to your school's alerts channel/);
    const mediaHalf = makeReport({ ...media, triage: delivered.triage });
    assert.match(describeRoute(mediaHalf, facts({ school: true, trust: true })), /has gone to your school's.*It is being sent to the trust's central team too/);
  });
});
