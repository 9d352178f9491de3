import { strict as assert } from 'node:assert';
import { applyCommand, Actor, TriageCommand, Applied } from '../../../src/domain/triage/actions';
import { accessFor, handlersOf } from '../../../src/domain/triage/permissions';
import { emptyTriage, triageOf } from '../../../src/domain/triage/state';
import type { Report } from '../../../src/domain/reports/types';
import { makeReport } from './reportFixture';

const head: Actor = { aadObjectId: 'aad-head', name: 'Pat Headteacher' };
const deputy: Actor = { aadObjectId: 'aad-deputy', name: 'Jo Deputy' };
const ctx = { assignable: ['aad-head', 'aad-deputy'], timeZone: 'Europe/London', names: { 'aad-deputy': 'Jo Deputy' } };
const now = new Date('2026-11-25T09:30:00Z');

function ok(a: Applied): Report {
  if (!a.ok) assert.fail(`refused: ${a.message}`);
  return a.report;
}
function run(report: Report, ...steps: [Actor, TriageCommand][]): Report {
  return steps.reduce((r, [actor, cmd]) => ok(applyCommand(r, cmd, actor, now, ctx)), report);
}

describe('triage lifecycle (pure)', () => {
  it('walks new → acknowledged → in progress → referred → resolved → reopened, appending history', () => {
    const r = run(makeReport(),
      [head, { verb: 'acknowledge' }],
      [head, { verb: 'classify', reason: 'child-safeguarding' }],
      [head, { verb: 'assign', to: 'aad-deputy' }],
      [deputy, { verb: 'note', text: 'Called the parents.' }],
      [deputy, { verb: 'refer', to: 'lado', reference: 'LADO-77' }],
      [deputy, { verb: 'resolve', outcome: 'LADO advised no further action.' }],
      [head, { verb: 'reopen', reason: 'New messages arrived.' }]);
    assert.equal(r.status, 'referred');
    assert.deepEqual(r.history.map((h) => h.action), ['filed', 'acknowledged', 'classified', 'assigned', 'note', 'referred', 'resolved', 'reopened']);
    const t = triageOf(r);
    assert.equal(t.assignee?.aadObjectId, 'aad-deputy');
    assert.equal(t.names['aad-deputy'], 'Jo Deputy');
    assert.equal(t.resolutions.length, 1, 'the earlier resolution is kept after reopening');
    assert.equal(r.history.find((h) => h.action === 'note')?.detail, undefined, 'history carries no note text');
  });

  it('acknowledges implicitly when a new report is classified, referred, escalated or resolved, and asks to tell the reporter', () => {
    for (const cmd of [{ verb: 'classify', reason: 'nfa' }, { verb: 'refer', to: 'police' }, { verb: 'escalate' }, { verb: 'resolve', outcome: 'Nothing to do.' }] as TriageCommand[]) {
      const a = applyCommand(makeReport(), cmd, head, now, ctx);
      assert.ok(a.ok);
      assert.equal(a.report.history[1].action, 'acknowledged', cmd.verb);
      assert.ok(a.effects.some((e) => e.type === 'notify' && e.event === 'acknowledged' && e.seq === 1), cmd.verb);
    }
  });

  it('refuses what the state no longer allows, saying who did what', () => {
    const acked = run(makeReport(), [head, { verb: 'acknowledge' }]);
    const again = applyCommand(acked, { verb: 'acknowledge' }, deputy, now, ctx);
    assert.equal(again.ok, false);
    assert.match((again as { message: string }).message, /Already acknowledged by Pat Headteacher \(Wed, 25 Nov 2026, 09:30\)/);
    const resolved = run(acked, [head, { verb: 'resolve', outcome: 'Done and dusted.' }]);
    for (const cmd of [{ verb: 'classify', reason: 'nfa' }, { verb: 'refer', to: 'police' }, { verb: 'escalate' }, { verb: 'resolve', outcome: 'again' }] as TriageCommand[]) {
      const a = applyCommand(resolved, cmd, head, now, ctx);
      assert.equal(a.ok, false, cmd.verb);
      assert.match((a as { message: string }).message, /Reopen it first/);
    }
    assert.ok(applyCommand(resolved, { verb: 'note', text: 'A correction: the date was Monday.' }, head, now, ctx).ok, 'notes are always allowed (corrections)');
    assert.equal(applyCommand(acked, { verb: 'reopen', reason: 'why not' }, head, now, ctx).ok, false);
  });

  it('validates input: classification, assignee, outcome, lengths', () => {
    const r = makeReport();
    const bad: [TriageCommand, RegExp][] = [
      [{ verb: 'classify', reason: 'whatever' }, /Choose a classification/],
      [{ verb: 'assign', to: 'aad-stranger' }, /one of the triagers/],
      [{ verb: 'refer', to: 'the-moon' }, /who it was referred to/],
      [{ verb: 'note', text: '   ' }, /Type the note/],
      [{ verb: 'note', text: 'x'.repeat(2_001) }, /at most 2000/],
      [{ verb: 'resolve', outcome: 'ok' }, /outcome was/],
      [{ verb: 'approve' }, /Only account requests/],
    ];
    for (const [cmd, message] of bad) {
      const a = applyCommand(r, cmd, head, now, ctx);
      assert.equal(a.ok, false, cmd.verb);
      assert.equal((a as { kind: string }).kind, 'invalid');
      assert.match((a as { message: string }).message, message);
    }
  });

  it('decides account requests: approve resolves; reject needs a reason', () => {
    const request = makeReport({ kind: 'new-account', ref: 'NA-2026-0001', retentionClass: 'account-request' });
    assert.match((applyCommand(request, { verb: 'reject', reason: '' }, head, now, ctx) as { message: string }).message, /reason for rejecting/);
    const approved = run(request, [head, { verb: 'approve' }]);
    assert.equal(approved.status, 'resolved');
    assert.equal(triageOf(approved).decision?.decision, 'approved');
    assert.equal(triageOf(approved).resolutions[0].outcome, 'Approved');
  });

  it('does not escalate twice, nor a report already with the trust', () => {
    const escalated = run(makeReport(), [head, { verb: 'escalate', reason: 'Needs the trust.' }]);
    assert.match((applyCommand(escalated, { verb: 'escalate' }, deputy, now, ctx) as { message: string }).message, /Already escalated/);
    const bypassed = makeReport({ concernsTriager: true });
    assert.match((applyCommand(bypassed, { verb: 'escalate' }, head, now, ctx) as { message: string }).message, /already with the trust/);
  });
});

describe('who may see and act (server-side)', () => {
  const dir = {
    school: { id: 'cronton', name: 'Cronton', aliases: [], triagers: ['aad-head', 'aad-deputy'] },
    namedPeople: [{ role: 'trust-dsl', title: 'Trust DSL', aadObjectId: 'aad-tdsl' }],
  };

  it('lets the school\'s triagers act; nobody else, not even the trust, until the trust is involved', () => {
    const r = makeReport();
    assert.equal(accessFor(r, 'aad-head', dir), 'school-triager');
    assert.equal(accessFor(r, 'aad-teacher', dir), undefined);
    assert.equal(accessFor(r, 'aad-tdsl', dir), undefined);
    assert.equal(accessFor(r, '', dir), undefined);
    const escalated = run(r, [head, { verb: 'escalate' }]);
    assert.equal(accessFor(escalated, 'aad-tdsl', dir), 'trust');
    assert.equal(accessFor(makeReport({ routing: { alsoTrust: true, bypassWhenConcerningTriager: false } }), 'aad-tdsl', dir), 'trust', 'media contact');
    assert.equal(accessFor(makeReport({ triage: { ...emptyTriage(), alerts: [{ id: 'trust', where: 'trust', flag: 'no-school-channel', postedAt: '', activity: { serviceUrl: '', tenantId: '', conversationId: '', activityId: '' } }] } }), 'aad-tdsl', dir), 'trust', 'posted to the trust channel');
  });

  it('gives a report concerning a triager to the trust\'s named people only', () => {
    const r = makeReport({ concernsTriager: true });
    assert.equal(accessFor(r, 'aad-head', dir), undefined);
    assert.equal(accessFor(r, 'aad-tdsl', dir), 'trust');
    assert.deepEqual(handlersOf(r, dir), ['aad-tdsl']);
    assert.deepEqual(handlersOf(makeReport(), dir), ['aad-head', 'aad-deputy']);
  });
});
