import { strict as assert } from 'node:assert';
import { loadKinds } from '../../../src/domain/reports/kinds';
import { collectRaw, parseUrl, splitNames, validateReport, RawValues, ValidationContext } from '../../../src/domain/reports/validate';
import { formFields } from '../../../src/domain/reports/fields';

const kinds = loadKinds();
const kind = (id: string) => {
  const k = kinds.get(id);
  if (!k) throw new Error(id);
  return k;
};
// 09:00 UTC on 25 Nov 2026 (GMT, so the same wall-clock time in London).
const ctx: ValidationContext = { now: new Date('2026-11-25T09:00:00Z'), timeZone: 'Europe/London', schools: [{ id: 'cronton', name: 'Cronton' }, { id: 'beacon', name: 'Beacon' }] };

const common: RawValues = { school: 'cronton', immediateRisk: 'no', toldDsl: 'no', happenedAt: '2026-11-24', happenedAt__time: '16:30', evidenceHeld: 'yes', concernsTriager: 'no' };
const pupilConnection: RawValues = {
  ...common, direction: 'pupil-to-staff', approached: 'Alex Teacher', pupilName: 'Jamie Pupilname', yearGroup: 'y6', platform: 'instagram',
  whatHappened: 'A follow request arrived from an account using the pupil\'s name.', actionTaken: 'declined,blocked',
};

function errorsOf(kindId: string, raw: RawValues): Record<string, string> {
  const r = validateReport(kind(kindId), raw, ctx);
  return r.ok ? {} : r.errors;
}

describe('report validation (server side)', () => {
  it('accepts a complete pupil connection report and types its values', () => {
    const r = validateReport(kind('pupil-connection'), pupilConnection, ctx);
    assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
    assert.equal(r.values.schoolId, 'cronton');
    assert.equal(r.values.happenedAt, '2026-11-24T16:30:00.000Z');
    assert.equal(r.values.happenedAtTimeKnown, true);
    assert.equal(r.values.evidenceHeld, true);
    assert.equal(r.values.immediateRisk, 'no');
    assert.deepEqual(r.values.fields.actionTaken, ['declined', 'blocked']);
    assert.equal(r.values.fields.pupilName, 'Jamie Pupilname');
    assert.ok(!('school' in r.values.fields), 'common fields are not repeated in fields');
  });

  it('converts a London summer time to UTC', () => {
    const r = validateReport(kind('pupil-connection'), { ...pupilConnection, happenedAt: '2026-07-01', happenedAt__time: '12:00' }, ctx);
    assert.ok(r.ok);
    assert.equal(r.values.happenedAt, '2026-07-01T11:00:00.000Z');
  });

  it('accepts a date without a time, and records that the time is not known', () => {
    const r = validateReport(kind('pupil-connection'), { ...pupilConnection, happenedAt__time: '' }, ctx);
    assert.ok(r.ok);
    assert.equal(r.values.happenedAtTimeKnown, false);
  });

  it('reports every missing required field at once', () => {
    const errors = errorsOf('pupil-connection', {});
    for (const id of ['school', 'immediateRisk', 'happenedAt', 'direction', 'approached', 'pupilName', 'yearGroup', 'platform', 'whatHappened', 'actionTaken', 'evidenceHeld', 'concernsTriager']) {
      assert.equal(errors[id], 'This is required.', id);
    }
    assert.equal(errors.profileName, undefined, 'optional fields may be empty');
  });

  it('treats whitespace-only input as missing', () => {
    assert.equal(errorsOf('pupil-connection', { ...pupilConnection, pupilName: '   \n ' }).pupilName, 'This is required.');
  });

  it('enforces length limits, saying how long the text is', () => {
    const errors = errorsOf('pupil-connection', { ...pupilConnection, whatHappened: 'x'.repeat(4001), pupilName: 'A'.repeat(101) });
    assert.match(errors.whatHappened, /4000 characters \(it has 4001\)/);
    assert.match(errors.pupilName, /at most 100/);
  });

  it('refuses options that are not offered (a tampered card)', () => {
    const errors = errorsOf('pupil-connection', { ...pupilConnection, platform: 'myspace', actionTaken: 'declined,hacked', school: 'nowhere' });
    assert.ok(errors.platform && errors.actionTaken && errors.school);
  });

  it('refuses a date in the future, an impossible date, a nonsense time and a date decades ago', () => {
    assert.match(errorsOf('pupil-connection', { ...pupilConnection, happenedAt: '2026-11-26' }).happenedAt, /future/);
    assert.match(errorsOf('pupil-connection', { ...pupilConnection, happenedAt: '2026-11-25', happenedAt__time: '10:00' }).happenedAt, /future/);
    assert.match(errorsOf('pupil-connection', { ...pupilConnection, happenedAt: '2026-02-30' }).happenedAt, /real date/);
    assert.match(errorsOf('pupil-connection', { ...pupilConnection, happenedAt: '25/11/2026' }).happenedAt, /real date/);
    assert.match(errorsOf('pupil-connection', { ...pupilConnection, happenedAt__time: '25:61' }).happenedAt, /time of day/);
    assert.match(errorsOf('pupil-connection', { ...pupilConnection, happenedAt: '1926-11-24' }).happenedAt, /years ago/);
    assert.match(errorsOf('pupil-connection', { ...pupilConnection, happenedAt: '', happenedAt__time: '10:00' }).happenedAt, /date as well/);
  });

  it('accepts earlier today, within the clock-skew allowance', () => {
    assert.equal(errorsOf('pupil-connection', { ...pupilConnection, happenedAt: '2026-11-25', happenedAt__time: '09:03' }).happenedAt, undefined);
  });

  it('lets a deadline be in the future but not absurdly far', () => {
    const media: RawValues = { ...common, outlet: 'Echo', contactMethod: 'phone', whatAsked: 'About the trip post.', anyoneReplied: 'no', deadline: '2026-11-27', deadline__time: '17:00' };
    assert.deepEqual(errorsOf('media-contact', media), {});
    assert.match(errorsOf('media-contact', { ...media, deadline: '2046-01-01' }).deadline, /too far ahead/);
  });

  it('accepts http(s) links only', () => {
    assert.equal(parseUrl('https://www.instagram.com/p/abc'), 'https://www.instagram.com/p/abc');
    assert.equal(parseUrl('instagram.com/p/abc'), 'https://instagram.com/p/abc');
    for (const bad of ['javascript:alert(1)', 'ftp://x.org/a', 'file:///etc/passwd', 'https://user:pw@x.org/', 'not a link', 'http://', 'data:text/html,hi']) {
      assert.equal(parseUrl(bad), undefined, bad);
    }
    const media: RawValues = { ...common, outlet: 'Echo', contactMethod: 'phone', whatAsked: 'Q', anyoneReplied: 'no', postUrl: 'javascript:alert(1)' };
    assert.match(errorsOf('media-contact', media).postUrl, /https:\/\//);
  });

  it('needs at least two distinct named staff to run a new account', () => {
    const base: RawValues = { school: 'cronton', platform: 'x', accountName: '@CrontonPE', aim: 'Share PE news', audience: 'Parents', promotion: 'Newsletter', visibility: 'open', trained: 'yes' };
    assert.match(errorsOf('new-account', { ...base, runBy: 'Alex Teacher' }).runBy, /at least 2/);
    assert.match(errorsOf('new-account', { ...base, runBy: 'Alex Teacher, alex teacher' }).runBy, /once/);
    assert.match(errorsOf('new-account', { ...base, runBy: '1, 2' }).runBy, /name/);
    const r = validateReport(kind('new-account'), { ...base, runBy: 'Alex Teacher\nSam Other; Jo Deputy' }, ctx);
    assert.ok(r.ok);
    assert.deepEqual(r.values.fields.runBy, ['Alex Teacher', 'Sam Other', 'Jo Deputy']);
    assert.equal(r.values.immediateRisk, 'not-asked');
    assert.equal(r.values.happenedAt, ctx.now.toISOString(), 'not asked: happened when submitted');
  });

  it('asks for the DSL answer when someone may be at immediate risk', () => {
    const raw = { ...pupilConnection, immediateRisk: 'yes', toldDsl: '' };
    assert.match(errorsOf('pupil-connection', raw).toldDsl, /tell the DSL now/);
    assert.deepEqual(errorsOf('pupil-connection', { ...raw, toldDsl: 'yes' }), {});
  });

  it('keeps a single-line field on one line and strips control characters', () => {
    const r = validateReport(kind('pupil-connection'), { ...pupilConnection, approached: 'Alex\u0007\nTeacher', whatHappened: 'Line one\r\nLine two' }, ctx);
    assert.ok(r.ok);
    assert.equal(r.values.fields.approached, 'Alex Teacher');
    assert.equal(r.values.fields.whatHappened, 'Line one\nLine two');
  });

  it('takes only this form\'s inputs from card data, as bounded strings', () => {
    const fields = formFields(kind('pupil-connection'), ctx.schools);
    const raw = collectRaw(fields, { verb: 'report.review', pupilName: 'x'.repeat(50_000), other: 'ignored', happenedAt__time: '10:00', evidenceHeld: { nested: true } });
    assert.deepEqual(Object.keys(raw).sort(), ['happenedAt__time', 'pupilName']);
    assert.equal(raw.pupilName.length, 20_000);
  });

  it('splits names typed one per line or with commas', () => {
    assert.deepEqual(splitNames(' A  B ,C;\n\nD '), ['A B', 'C', 'D']);
  });
});
