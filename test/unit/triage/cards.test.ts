import { strict as assert } from 'node:assert';
import { alertCard, alertSummary, triageCard, MAX_REFRESH_USERS } from '../../../src/domain/triage/cards';
import { applyCommand } from '../../../src/domain/triage/actions';
import { exportCsv } from '../../../src/domain/triage/exportCsv';
import { handoffText } from '../../../src/domain/triage/handoff';
import { validateCard } from '../../support/acRenderer';
import { makeReport, PUPIL } from './reportFixture';

const ctx = { schoolName: 'Cronton CE Primary School', timeZone: 'Europe/London', now: new Date('2026-11-25T09:30:00Z'), names: { 'aad-head': 'Pat Headteacher' } };
const PERSONAL = /Pupilname|follow request|Alex Teacher|evil\.example|Called the parents/;

function worked() {
  const head = { aadObjectId: 'aad-head', name: 'Pat Headteacher' };
  const c = { assignable: ['aad-head'], timeZone: 'Europe/London' };
  let r = makeReport({ triage: { alerts: [], referrals: [], notes: [], resolutions: [], reopenings: [], notified: {}, names: {}, dueBy: '2026-11-25T10:00:00.000Z' } });
  for (const cmd of [{ verb: 'acknowledge' }, { verb: 'note', text: `Called the parents of ${PUPIL}.` }, { verb: 'classify', reason: 'low-level' }] as const) {
    const a = applyCommand(r, cmd, head, ctx.now, c);
    assert.ok(a.ok);
    r = a.report;
  }
  return r;
}

describe('alert cards', () => {
  it('the channel card carries kind, priority, school, reference, received, status, due-by and history, and no personal data', () => {
    const report = makeReport({ triage: { alerts: [], referrals: [], notes: [], resolutions: [], reopenings: [], notified: {}, names: {}, dueBy: '2026-11-25T10:00:00.000Z' } });
    const card = alertCard(report, undefined, ctx, ['29:head']);
    const text = JSON.stringify(card);
    for (const s of ['Pupil connection attempt', 'High priority', 'Cronton CE Primary School', 'PC-2026-0042', 'Received', 'New', 'Acknowledge by', 'Wed, 25 Nov 2026, 10:00', 'filed']) assert.ok(text.includes(s), s);
    assert.doesNotMatch(text, PERSONAL);
    assert.deepEqual(validateCard(card), []);
    const summary = alertSummary(report, ctx);
    assert.doesNotMatch(`${summary.text} ${summary.summary}`, PERSONAL);
    assert.match(summary.summary, /PC-2026-0042/);
  });

  it('shows triagers\' actions by name but never notes, classification or the reporter', () => {
    const card = alertCard(worked(), undefined, ctx, ['29:head']);
    const text = JSON.stringify(card);
    assert.match(text, /acknowledged by Pat Headteacher/);
    assert.match(text, /note added by Pat Headteacher/);
    assert.doesNotMatch(text, PERSONAL);
    assert.doesNotMatch(text, /Low-level/);
  });

  it('refreshes for at most 60 users, and not at all when none is known', () => {
    const many = Array.from({ length: 75 }, (_, i) => `29:user-${i}`);
    const card = alertCard(makeReport(), undefined, ctx, many);
    assert.equal((card.refresh as { userIds: string[] }).userIds.length, MAX_REFRESH_USERS);
    assert.equal(alertCard(makeReport(), undefined, ctx, []).refresh, undefined);
  });

  it('the triager view has the details, escaped, the actions, and the plain-text hand-off', () => {
    const card = triageCard(worked(), ctx, { assignees: [{ aadObjectId: 'aad-head', name: 'Pat Headteacher' }] });
    const text = JSON.stringify(card);
    assert.ok(text.includes(PUPIL));
    assert.ok(text.includes('[click]\u2060(http://evil.example)'), 'markdown in what was typed is escaped (escapeText)');
    for (const verb of ['triage.classify', 'triage.assign', 'triage.note', 'triage.refer', 'triage.escalate', 'triage.resolve']) assert.ok(text.includes(verb), verb);
    assert.ok(!text.includes('triage.acknowledge'), 'already acknowledged');
    assert.equal(card.refresh, undefined);
    assert.deepEqual(validateCard(card), []);
  });

  it('the hand-off is plain text with everything a safeguarding system needs', () => {
    const text = handoffText(worked(), ctx);
    assert.match(text, /^trustline report PC-2026-0042/);
    assert.match(text, /Pupil name: Jamie Pupilname/);
    assert.match(text, /\[click\]\(http:\/\/evil\.example\)/, 'as typed: plain text, not markdown');
    assert.match(text, /Note by Pat Headteacher, .*: Called the parents/);
    assert.match(text, /Classification: Low-level concern/);
  });

  it('the CSV export has metadata only, quoted, and defuses spreadsheet formulas', () => {
    const r = worked();
    const csv = exportCsv([r, { ...makeReport({ ref: 'PC-2026-0043' }), kindTitle: '=HYPERLINK("http://evil")' }], 'Europe/London');
    const lines = csv.trim().split('\r\n');
    assert.equal(lines.length, 3);
    assert.match(lines[1], /^PC-2026-0042,Pupil connection attempt,high,In progress,"Wed, 25 Nov 2026, 09:00","Wed, 25 Nov 2026, 09:30","Wed, 25 Nov 2026, 10:00",Low-level concern,,,,0$/);
    assert.match(lines[2], /^PC-2026-0043,"'=HYPERLINK\(""http:\/\/evil""\)"/);
    assert.doesNotMatch(csv, PERSONAL);
  });
});
