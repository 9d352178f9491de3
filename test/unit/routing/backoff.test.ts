import { strict as assert } from 'node:assert';
import { backoffDelay, parseRetryAfter } from '../../../src/domain/outbox/backoff';
import { RateLimiter } from '../../../src/domain/outbox/rateLimiter';
import { THREAD_WINDOWS, TENANT_WINDOWS, classifyError } from '../../../src/teams/proactive';
import { DeliveryError } from '../../../src/domain/routing/ports';

const settings = { baseMs: 1_000, maxMs: 60_000 };

describe('retry backoff', () => {
  it('grows exponentially with full jitter, within [bound/10, bound], capped', () => {
    for (const [attempt, bound] of [[1, 1_000], [2, 2_000], [3, 4_000], [7, 60_000], [40, 60_000]] as const) {
      assert.equal(backoffDelay(attempt, settings, undefined, () => 1), bound, `attempt ${attempt} upper bound`);
      assert.equal(backoffDelay(attempt, settings, undefined, () => 0), bound / 10, `attempt ${attempt} lower bound`);
    }
  });

  it('honours Retry-After (plus a little jitter), even beyond the cap', () => {
    assert.equal(backoffDelay(1, settings, 3_000, () => 0), 3_000);
    assert.equal(backoffDelay(1, settings, 3_000, () => 0.5), 3_500);
    assert.equal(backoffDelay(1, settings, 120_000, () => 0), 120_000);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    assert.equal(parseRetryAfter('2'), 2_000);
    assert.equal(parseRetryAfter('0.5'), 500);
    const now = Date.parse('2026-11-25T09:00:00Z');
    assert.equal(parseRetryAfter('Wed, 25 Nov 2026 09:00:30 GMT', now), 30_000);
    assert.equal(parseRetryAfter('soon'), undefined);
    assert.equal(parseRetryAfter(undefined), undefined);
  });
});

describe('rate limiter (Teams limits)', () => {
  const limiter = () => new RateLimiter((key) => (key.startsWith('tenant:') ? TENANT_WINDOWS : THREAD_WINDOWS), 0);

  it('allows 7 sends per second per thread, then says how long to wait', () => {
    const l = limiter();
    for (let i = 0; i < 7; i++) assert.equal(l.reserve(['t1'], 1_000 + i), 0);
    assert.equal(l.reserve(['t1'], 1_010), 1_000 - 10, 'until the first send leaves the 1 s window');
    assert.equal(l.reserve(['t2'], 1_010), 0, 'another thread is not affected');
  });

  it('applies 8 per 2 s and 60 per 30 s too', () => {
    const l = limiter();
    for (let i = 0; i < 7; i++) assert.equal(l.reserve(['t'], i), 0);
    assert.equal(l.reserve(['t'], 1_000), 0, 'the 8th after a second');
    assert.equal(l.reserve(['t'], 1_100), 2_000 - 1_100, 'the 9th waits for the 2 s window');
    const m = limiter();
    let t = 0;
    for (let sent = 0; sent < 60; t += 300) if (m.reserve(['t'], t) === 0) sent++;
    assert.ok(m.reserve(['t'], t) > 0, 'the 61st within 30 s waits');
  });

  it('takes a slot on every key or on none (thread and tenant together)', () => {
    const l = limiter();
    for (let i = 0; i < 50; i++) assert.equal(l.reserve([`thread-${i}`, 'tenant:x'], 0), 0);
    assert.ok(l.reserve(['thread-new', 'tenant:x'], 10) > 0, 'the tenant is at 50/s');
    assert.equal(l.reserve(['thread-new'], 10), 0, 'the refused reservation took nothing on the thread');
  });

  it('counts a slot from when its request was answered (settle), so a slow answer holds its place in the window', () => {
    const l = limiter();
    const tenant = ['tenant:x'];
    for (let i = 0; i < 50; i++) assert.equal(l.reserve(tenant, i), 0);
    // The first request took 300 ms to answer: the Connector may have counted it as late as that.
    l.settle(tenant, 0, 300);
    assert.equal(l.reserve(tenant, 1_000), 1, 'the window is full until the send at 1 ms leaves it');
    for (let t = 1_001; t < 1_050; t++) assert.equal(l.reserve(tenant, t), 0, `a slot at ${t} ms`);
    assert.equal(l.reserve(tenant, 1_050), 250, 'the settled slot is in the window until 1,300 ms (sent at 0 ms it would not be)');
    l.settle(tenant, 1_049, 1_040); // "answered" before it was sent: nothing moves
    l.settle(['unknown'], 0, 10); // no such slot: nothing happens
    assert.equal(l.reserve(tenant, 1_300), 0, 'free again once it leaves');
  });
});

describe('Connector failures, classified for the outbox', () => {
  const rest = (statusCode: number, retryAfter?: string) => Object.assign(new Error('x'), {
    name: 'RestError', statusCode, response: { headers: { get: (n: string) => (n === 'retry-after' ? retryAfter : undefined) } },
  });

  it('retries 429 with its Retry-After, and 412, 500, 502, 503, 504', () => {
    const e = classifyError(rest(429, '3'), 'post');
    assert.equal(e.disposition, 'retry');
    assert.equal(e.retryAfterMs, 3_000);
    for (const s of [412, 500, 502, 503, 504, 408]) assert.equal(classifyError(rest(s), 'post').disposition, 'retry', String(s));
  });

  it('treats 400, 403 and 404 as permanent', () => {
    for (const s of [400, 403, 404]) assert.equal(classifyError(rest(s), 'post').disposition, 'permanent', String(s));
  });

  it('retries timeouts, network errors and anything unknown; keeps a DeliveryError as it is', () => {
    assert.equal(classifyError(Object.assign(new Error('aborted'), { name: 'AbortError' }), 'post').disposition, 'retry');
    assert.equal(classifyError(Object.assign(new Error('reset'), { code: 'ECONNRESET' }), 'post').disposition, 'retry');
    assert.equal(classifyError(new TypeError('odd'), 'post').disposition, 'retry');
    const defer = new DeliveryError('wait', 'defer', undefined, 500);
    assert.equal(classifyError(defer, 'post'), defer);
  });
});
