/**
 * Log lines: personal-data keys redacted by exact name (identifiers such as activityName and
 * invokeName survive, so a failure can be traced), and every value bounded in size.
 */
import { strict as assert } from 'node:assert';
import { createLogger, MAX_LOG_STRING } from '../../src/log';

function capture(): { lines: Record<string, unknown>[]; log: ReturnType<typeof createLogger> } {
  const lines: Record<string, unknown>[] = [];
  return { lines, log: createLogger('debug', {}, (l) => lines.push(JSON.parse(l) as Record<string, unknown>)) };
}

describe('log redaction and bounds', () => {
  it('redacts personal-data keys by exact name, whatever the case', () => {
    const { lines, log } = capture();
    log.info('e', { name: 'Jamie Pupilname', pupilName: 'Jamie', Text: 'hello', summary: 's', email: 'a@b', whatHappened: 'x', reporter: 'Riley' });
    for (const k of ['name', 'pupilName', 'Text', 'summary', 'email', 'whatHappened', 'reporter']) assert.equal(lines[0][k], '[redacted]', k);
    assert.doesNotMatch(JSON.stringify(lines[0]), /Jamie|Riley|hello/);
  });

  it('keeps identifiers whose names merely contain a personal word', () => {
    const { lines, log } = capture();
    log.error('turn.error', { activityName: 'adaptiveCard/action', invokeName: 'composeExtension/query', errorName: 'TypeError', schoolName: 'cronton', textLength: 12, messageId: 'm1' });
    assert.equal(lines[0].activityName, 'adaptiveCard/action');
    assert.equal(lines[0].invokeName, 'composeExtension/query');
    assert.equal(lines[0].errorName, 'TypeError');
    assert.equal(lines[0].textLength, 12);
    assert.equal(lines[0].messageId, 'm1');
  });

  it('bounds every string (fields, base fields and the event) and the number of keys', () => {
    const { lines, log } = capture();
    const child = log.child({ requestId: 'r'.repeat(5000) });
    const many: Record<string, string> = {};
    for (let i = 0; i < 100; i++) many[`k${i}`] = 'v';
    child.warn('e'.repeat(1000), { ref: 'x'.repeat(10_000), ...many, ['k'.repeat(500)]: 'long key' });
    const line = lines[0];
    assert.ok(JSON.stringify(line).length < 12_000, `line length ${JSON.stringify(line).length}`);
    for (const [k, v] of Object.entries(line)) {
      if (typeof v === 'string') assert.ok(v.length <= MAX_LOG_STRING + 12, `${k} bounded (${v.length})`);
      assert.ok(k.length <= 64, 'keys bounded');
    }
    assert.match(String(line.ref), /…\(10000\)$/, 'a cut string says how long it was');
    assert.equal(typeof line.droppedKeys, 'number', 'dropped keys are counted');
  });

  it('does not log objects or arrays whole even when a caller passes one', () => {
    const { lines, log } = capture();
    log.info('e', { detail: ['Jamie Pupilname', 'x'] as unknown as string, other: { pupil: 'Jamie' } as unknown as string });
    assert.doesNotMatch(JSON.stringify(lines[0]), /Jamie/);
    assert.equal(lines[0].detail, '[array(2)]');
  });
});
