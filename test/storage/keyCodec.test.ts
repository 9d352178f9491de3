import assert from 'node:assert/strict';
import { decodeKey, encodeKey } from '../../src/storage/azureTable/keyCodec';
import { prefixEnd } from '../../src/storage/keyRange';
import { byCodePoint, WEIRD_KEYS } from './recordStore.contract';

/** Deterministic pseudo-random strings biased towards the characters that matter. */
function* randomKeys(count: number, seed = 42): Generator<string> {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pool = ['/', '\\', '#', '?', '%', '$', '.', '>', '[', '~', '-', '0', 'A', 'a', 'z', '\u0000', '\u001f', ' ', '\u007f', '\u0085', 'é', '\uffff', '😀', "'", '"'];
  for (let i = 0; i < count; i++) {
    const len = Math.floor(next() * 6);
    let k = '';
    for (let j = 0; j < len; j++) {
      k += next() < 0.7 ? pool[Math.floor(next() * pool.length)] : String.fromCodePoint(Math.floor(next() * 0x2ffff) % 0xd800);
    }
    yield k;
  }
}

/** Azure's disallowed key characters: '/', '\', '#', '?', U+0000-U+001F, U+007F-U+009F. */
const azureForbids = (s: string) => [...s].some((c) => '/\\#?'.includes(c) || c.charCodeAt(0) <= 0x1f || (c.charCodeAt(0) >= 0x7f && c.charCodeAt(0) <= 0x9f));

describe('Azure table key codec', () => {
  const keys = [...WEIRD_KEYS, ...randomKeys(3000)];

  it('round-trips every key and produces only printable ASCII Azure accepts', () => {
    for (const k of keys) {
      const e = encodeKey(k);
      assert.equal(decodeKey(e), k, JSON.stringify(k));
      assert.ok(!azureForbids(e), `forbidden character in ${JSON.stringify(e)}`);
      assert.match(e, /^[\x20-\x7e]*$/);
    }
  });

  it('leaves ordinary id characters readable', () => {
    assert.equal(encodeKey('19:abc-DEF_1@thread;messageid=17,a+b&c=d'), '19:abc-DEF_1@thread;messageid=17,a+b&c=d');
    assert.equal(encodeKey('msteams/28:bot/users/29:1x'), 'msteams.2F28:bot.2Fusers.2F29:1x');
    assert.equal(encodeKey('a#b?c\\d%e.f é'), 'a$23b>3Fc[5Cd$25e.2Ef$20~0000E9');
  });

  it('preserves code point order (the order SQLite uses)', () => {
    const sorted = [...new Set(keys)].sort(byCodePoint);
    const encodedSorted = sorted.map(encodeKey);
    for (let i = 1; i < encodedSorted.length; i++) {
      assert.ok(encodedSorted[i - 1] < encodedSorted[i], `${JSON.stringify(sorted[i - 1])} < ${JSON.stringify(sorted[i])}`);
    }
  });

  it('maps "starts with" to "starts with", both ways', () => {
    const prefixes = ['', 'a', '/', 'é', '😀', '$', '.', 'a/'];
    for (const k of keys) {
      for (const p of prefixes) assert.equal(encodeKey(k).startsWith(encodeKey(p)), k.startsWith(p), `${JSON.stringify(k)} / ${JSON.stringify(p)}`);
    }
  });

  it('refuses malformed encodings instead of guessing', () => {
    for (const bad of ['$', '$2', '$zz', '$26', '.30', '~', '~00002', '~110000', '[5D']) {
      assert.throws(() => decodeKey(bad), /Not a trustline-encoded table key/, bad);
    }
  });
});

describe('prefixEnd', () => {
  it('is the least string above every key with the prefix', () => {
    assert.equal(prefixEnd(''), undefined);
    assert.equal(prefixEnd('ab'), 'ac');
    assert.equal(prefixEnd('a\ud7ff'), 'a\ue000');
    assert.equal(prefixEnd('a\uffff'), 'a\u{10000}');
    assert.equal(prefixEnd('a\u{10ffff}'), undefined);
    for (const k of ['a', 'ab', 'a\u{10ffff}', 'a😀', 'aé']) {
      assert.ok(byCodePoint(k, prefixEnd('a') as string) < 0, k);
    }
    assert.ok(byCodePoint('b', prefixEnd('a') as string) >= 0);
  });
});
