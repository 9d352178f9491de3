/**
 * The pooled random text behind the choice log's tokens and the gap log's keys
 * (domain/policy/randomPool.ts): the requested length and alphabet, no draw repeated or
 * overlapping another across many pool refills, and large draws still served.
 */
import { strict as assert } from 'node:assert';
import { randomText } from '../../../src/domain/policy/randomPool';
import { TOKEN_PATTERN } from '../../../src/domain/policy/choices';

describe('pooled random text (policy/randomPool.ts)', () => {
  it('gives choice tokens of the pattern the buttons are checked against, none repeated across refills', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5_000; i++) { // 60,000 bytes: about fifteen refills of the 4 KB pool
      const t = randomText(12, 'base64url');
      assert.match(t, TOKEN_PATTERN);
      assert.equal(t.length, 16);
      seen.add(t);
    }
    assert.equal(seen.size, 5_000);
  });

  it('gives hex of twice the bytes, no draw repeated across refills', () => {
    const draws = Array.from({ length: 3_000 }, () => randomText(4, 'hex'));
    for (const d of draws) assert.match(d, /^[0-9a-f]{8}$/);
    // 4-byte draws repeat by chance about once in 4 billion; a reused pool would repeat them in runs.
    assert.equal(new Set(draws).size, draws.length);
  });

  it('serves a draw larger than the pool takes at once', () => {
    const big = randomText(1_000, 'hex');
    assert.equal(big.length, 2_000);
    assert.notEqual(big, randomText(1_000, 'hex'));
  });
});
