import { strict as assert } from 'node:assert';
import { WorkCalendar, formatLocal, parseTermDates, zonedTime, TermDatesError } from '../../../src/domain/time/workingTime';
import { loadConfig, ConfigError } from '../../../src/config';

const WEEK = { timeZone: 'Europe/London', workDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'] as const, workStartMinute: 8 * 60, workEndMinute: 17 * 60 };
const cal = new WorkCalendar({ ...WEEK, workDays: [...WEEK.workDays] });
const at = (iso: string) => new Date(iso);

describe('working time (Europe/London)', () => {
  it('adds working minutes inside a working day', () => {
    assert.equal(cal.addWorkingMinutes(at('2026-11-25T09:00:00Z'), 60).toISOString(), '2026-11-25T10:00:00.000Z');
  });

  it('carries what is left of the day over to the next working morning, skipping the weekend', () => {
    assert.equal(cal.addWorkingMinutes(at('2026-11-27T16:30:00Z'), 60).toISOString(), '2026-11-30T08:30:00.000Z');
    assert.equal(cal.addWorkingMinutes(at('2026-11-28T12:00:00Z'), 30).toISOString(), '2026-11-30T08:30:00.000Z', 'filed on Saturday');
    assert.equal(cal.addWorkingMinutes(at('2026-11-25T20:00:00Z'), 540).toISOString(), '2026-11-26T17:00:00.000Z', 'a whole working day');
  });

  it('works in British Summer Time (working hours are local, not UTC)', () => {
    assert.equal(cal.addWorkingMinutes(at('2026-07-01T06:00:00Z'), 60).toISOString(), '2026-07-01T08:00:00.000Z', '07:00 BST + 60 = 09:00 BST');
    assert.equal(formatLocal('2026-07-01T08:00:00Z', 'Europe/London'), 'Wed, 1 Jul 2026, 09:00');
  });

  it('crosses the clock changes correctly', () => {
    // Friday 27 March 2026 16:30 GMT + 60 working minutes: Monday 30 March 08:30 BST = 07:30 UTC.
    assert.equal(cal.addWorkingMinutes(at('2026-03-27T16:30:00Z'), 60).toISOString(), '2026-03-30T07:30:00.000Z');
    assert.equal(zonedTime({ year: 2026, month: 3, day: 29 }, 90, 'Europe/London').toISOString(), '2026-03-29T01:30:00.000Z', 'a time in the spring gap moves after it');
    assert.equal(zonedTime({ year: 2026, month: 10, day: 25 }, 90, 'Europe/London').toISOString(), '2026-10-25T00:30:00.000Z', 'the first of an autumn repeat');
  });

  it('knows working time from the rest', () => {
    assert.equal(cal.isWorkingTime(at('2026-11-25T08:00:00Z')), true);
    assert.equal(cal.isWorkingTime(at('2026-11-25T17:00:00Z')), false, 'the end is exclusive');
    assert.equal(cal.isWorkingTime(at('2026-11-29T10:00:00Z')), false, 'Sunday');
  });

  it('with term dates, counts only term days that are not closures', () => {
    const terms = parseTermDates({ terms: [{ from: '2026-09-03', to: '2026-12-18' }, { from: '2027-01-05', to: '2027-03-26' }], closures: ['2026-11-30'] });
    const termCal = new WorkCalendar({ ...WEEK, workDays: [...WEEK.workDays] }, terms);
    assert.equal(termCal.addWorkingMinutes(at('2026-11-27T16:30:00Z'), 60).toISOString(), '2026-12-01T08:30:00.000Z', 'Monday is an INSET day');
    assert.equal(termCal.addWorkingMinutes(at('2026-12-18T16:30:00Z'), 60).toISOString(), '2027-01-05T08:30:00.000Z', 'over the Christmas holiday');
  });

  it('refuses malformed term dates with a clear message', () => {
    assert.throws(() => parseTermDates({ terms: [{ from: '2026-13-01', to: '2026-12-01' }] }), /term 1 needs "from" and "to"/);
    assert.throws(() => parseTermDates({ terms: [{ from: '2026-12-02', to: '2026-12-01' }] }), /ends \(2026-12-01\) before it starts/);
    assert.throws(() => parseTermDates({ terms: [], closures: ['tomorrow'] }), TermDatesError);
    assert.throws(() => parseTermDates([]), /expected/);
  });

  it('gives up clearly when the calendar has no working time at all', () => {
    const none = new WorkCalendar({ ...WEEK, workDays: [...WEEK.workDays] }, { terms: [], closures: [] });
    assert.throws(() => none.addWorkingMinutes(at('2026-11-25T09:00:00Z'), 60), /No working time/);
  });
});

describe('routing configuration', () => {
  const base = { NODE_ENV: 'test' };
  it('has working defaults: Mon-Fri 08:00-17:00 in Europe/London, 60/240 minutes to acknowledge', () => {
    const c = loadConfig(base);
    assert.deepEqual(c.triage.workDays, ['Mon', 'Tue', 'Wed', 'Thu', 'Fri']);
    assert.equal(c.triage.timeZone, 'Europe/London');
    assert.deepEqual([c.triage.workStartMinute, c.triage.workEndMinute], [480, 1020]);
    assert.deepEqual(c.triage.ackMinutes, { high: 60, normal: 240 });
    assert.equal(c.outbox.enabled, true);
  });

  it('names every bad routing variable', () => {
    try {
      loadConfig({ ...base, WORK_TIMEZONE: 'Mars/Olympus', WORK_DAYS: 'Mon,Funday', WORK_HOURS: '17:00-08:00', ACK_MINUTES_HIGH: '200', ESCALATE_MINUTES_HIGH: '100', OUTBOX_WORKER: 'maybe', OUTBOX_LEASE_MS: '1000', OUTBOX_REQUEST_TIMEOUT_MS: '5000' });
      assert.fail('should throw');
    } catch (err) {
      assert.ok(err instanceof ConfigError);
      const text = err.problems.join('\n');
      for (const name of ['WORK_TIMEZONE', 'WORK_DAYS', 'WORK_HOURS', 'ESCALATE_MINUTES_HIGH', 'OUTBOX_WORKER', 'OUTBOX_LEASE_MS']) assert.match(text, new RegExp(name));
    }
  });
});
