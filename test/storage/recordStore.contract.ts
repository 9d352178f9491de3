/**
 * The behaviour every RecordStore backend must have. Each backend's test file calls
 * `recordStoreContract(name, factory)`; the factory gives each test a fresh, isolated store.
 */
import assert from 'node:assert/strict';
import {
  ConflictError, MAX_VALUE_JSON_CHARS, mutate, NotFoundError, RecordStore, StoredRecord, ValueTooLargeError,
} from '../../src/storage/recordStore';

export interface StoreUnderTest {
  store: RecordStore;
  /** Another store over the same data (a restart, or a second instance); the caller closes it. */
  open(): Promise<RecordStore>;
}

export type StoreFactory = () => Promise<StoreUnderTest>;

/** Unicode code point order (= UTF-8 byte order), the order both backends promise. */
export function byCodePoint(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * Keys Azure forbids or that break naive escapes ('/', '#', '?', '\', controls, DEL, C1), the
 * codec's own markers ('$', '.', '>', '[', '~', '%'), quotes, unicode (incl. astral, whose UTF-16
 * order differs from code point order vs U+FFFF), and the empty string.
 */
export const WEIRD_KEYS: readonly string[] = [
  'msteams/28:bot-id/conversations/19:abc@thread.tacv2;messageid=1700000000000',
  'a/b', 'a#b', 'q?x=1&y=2', 'back\\slash', '100%', '%2F', '$24', '.2F', '>3F', '[5C', '~0000E9',
  'tab\there', 'line\nbreak', 'nul\u0000x', 'del\u007f', 'c1\u0085', 'nbsp\u00a0', ' lead and trail ',
  "it's", '"quoted"', '&+=,;:@', 'é', 'Ünïcödé', '日本語', '😀', '\uffff', 'z', '', 'x'.repeat(120),
];

const CODE = (err: unknown) => (err instanceof Error ? err.name : String(err));

async function rejects(p: Promise<unknown>, type: new (...args: never[]) => Error): Promise<void> {
  await assert.rejects(p, (err) => {
    assert.ok(err instanceof type, `expected ${type.name}, got ${CODE(err)}: ${(err as Error)?.message}`);
    return true;
  });
}

export function recordStoreContract(name: string, factory: StoreFactory): void {
  describe(`RecordStore contract: ${name}`, function () {
    let sut: StoreUnderTest;
    let store: RecordStore;
    const extra: RecordStore[] = [];

    beforeEach(async () => {
      sut = await factory();
      store = sut.store;
    });

    afterEach(async () => {
      for (const s of extra.splice(0)) await s.close();
      await store.close();
    });

    async function openAnother(): Promise<RecordStore> {
      const s = await sut.open();
      extra.push(s);
      return s;
    }

    describe('single records', () => {
      it('reports its kind and answers ping', async () => {
        assert.ok(store.kind === 'sqlite' || store.kind === 'azure-table');
        await store.ping();
      });

      it('returns undefined for a missing record', async () => {
        assert.equal(await store.get('reports', 'p', 'missing'), undefined);
      });

      it('inserts a record and reads it back with the same etag', async () => {
        const value = { ref: 'R-1', n: 1, nested: { list: [1, 'two', null, true] }, text: 'He said "hi" \\ \'ok\'' };
        const inserted = await store.insert('reports', 'school-1', 'R-1', value);
        assert.deepEqual(inserted, { partition: 'school-1', key: 'R-1', value, etag: inserted.etag });
        assert.ok(inserted.etag.length > 0);
        const got = await store.get('reports', 'school-1', 'R-1');
        assert.deepEqual(got, inserted);
      });

      it('round-trips any JSON value, including top-level scalars and arrays', async () => {
        const values: unknown[] = ['just a string', 42, -0.5, true, false, null, [], [1, [2, [3]]], {}, { 'key with space/and#': 'ü' }];
        for (const [i, v] of values.entries()) {
          await store.insert('drafts', 'p', `k${i}`, v);
          assert.deepEqual((await store.get('drafts', 'p', `k${i}`))?.value, v, `value ${i}`);
        }
      });

      it('refuses to insert over an existing record, leaving it unchanged', async () => {
        await store.insert('reports', 'p', 'k', { v: 1 });
        await rejects(store.insert('reports', 'p', 'k', { v: 2 }), ConflictError);
        assert.deepEqual((await store.get('reports', 'p', 'k'))?.value, { v: 1 });
      });

      it('updates with the current etag and issues a new etag', async () => {
        const first = await store.insert('reports', 'p', 'k', { v: 1 });
        const second = await store.update('reports', 'p', 'k', { v: 2 }, first.etag);
        assert.notEqual(second.etag, first.etag);
        assert.deepEqual(await store.get('reports', 'p', 'k'), second);
        const third = await store.update('reports', 'p', 'k', { v: 3 }, second.etag);
        assert.deepEqual((await store.get('reports', 'p', 'k'))?.value, { v: 3 });
        assert.equal((await store.get('reports', 'p', 'k'))?.etag, third.etag);
      });

      it('refuses an update with a stale etag and changes nothing', async () => {
        const first = await store.insert('reports', 'p', 'k', { v: 1 });
        const second = await store.update('reports', 'p', 'k', { v: 2 }, first.etag);
        await rejects(store.update('reports', 'p', 'k', { v: 'lost' }, first.etag), ConflictError);
        assert.deepEqual(await store.get('reports', 'p', 'k'), second);
      });

      it('refuses an update with an etag it never issued', async () => {
        const rec = await store.insert('reports', 'p', 'k', { v: 1 });
        for (const bogus of ['nonsense', '0', '999999', `${rec.etag}x`]) {
          await rejects(store.update('reports', 'p', 'k', { v: bogus }, bogus), ConflictError);
        }
        assert.deepEqual(await store.get('reports', 'p', 'k'), rec);
      });

      it('throws NotFoundError when updating a missing record (also when it was deleted)', async () => {
        await rejects(store.update('reports', 'p', 'nope', { v: 1 }, '1'), NotFoundError);
        const rec = await store.insert('reports', 'p', 'gone', { v: 1 });
        await store.delete('reports', 'p', 'gone');
        await rejects(store.update('reports', 'p', 'gone', { v: 2 }, rec.etag), NotFoundError);
        assert.equal(await store.get('reports', 'p', 'gone'), undefined);
      });

      it("treats etag '*' as matching any version of an existing record", async () => {
        await store.insert('reports', 'p', 'k', { v: 1 });
        const forced = await store.update('reports', 'p', 'k', { v: 2 }, '*');
        assert.deepEqual(await store.get('reports', 'p', 'k'), forced);
        await rejects(store.update('reports', 'p', 'nope', { v: 1 }, '*'), NotFoundError);
      });

      it('upserts unconditionally, and an upsert makes earlier etags stale', async () => {
        const created = await store.upsert('state', 'p', 'k', { v: 1 });
        assert.deepEqual(await store.get('state', 'p', 'k'), created);
        const replaced = await store.upsert('state', 'p', 'k', { v: 2 });
        assert.notEqual(replaced.etag, created.etag);
        assert.deepEqual(await store.get('state', 'p', 'k'), replaced);
        await rejects(store.update('state', 'p', 'k', { v: 3 }, created.etag), ConflictError);
        const updated = await store.update('state', 'p', 'k', { v: 3 }, replaced.etag);
        assert.deepEqual((await store.get('state', 'p', 'k'))?.value, updated.value);
      });

      it('deletes: unconditionally, with the current etag, never with a stale one; missing is fine', async () => {
        const a = await store.insert('drafts', 'p', 'a', 1);
        await store.delete('drafts', 'p', 'a');
        assert.equal(await store.get('drafts', 'p', 'a'), undefined);
        await store.delete('drafts', 'p', 'a'); // already gone
        await store.delete('drafts', 'p', 'a', a.etag); // gone, with an etag

        const b1 = await store.insert('drafts', 'p', 'b', 1);
        const b2 = await store.update('drafts', 'p', 'b', 2, b1.etag);
        await rejects(store.delete('drafts', 'p', 'b', b1.etag), ConflictError);
        assert.deepEqual(await store.get('drafts', 'p', 'b'), b2);
        await store.delete('drafts', 'p', 'b', b2.etag);
        assert.equal(await store.get('drafts', 'p', 'b'), undefined);

        await store.insert('drafts', 'p', 'c', 1);
        await store.delete('drafts', 'p', 'c', '*');
        assert.equal(await store.get('drafts', 'p', 'c'), undefined);
      });

      it('rejects a value with no JSON form and stores nothing', async () => {
        await rejects(store.insert('drafts', 'p', 'k', undefined), TypeError);
        await rejects(store.upsert('drafts', 'p', 'k', () => 1), TypeError);
        assert.equal(await store.get('drafts', 'p', 'k'), undefined);
      });
    });

    describe('large values', () => {
      const big = (n: number, tag: string) => ({
        tag,
        // Mixed content so chunk boundaries fall inside escapes and astral characters.
        items: Array.from({ length: n }, (_, i) => ({ i, text: `line ${i}: "quoted" \\ é 😀 ${'x'.repeat(i % 50)}` })),
      });

      it('round-trips a ~200 KB value, and shrinks and grows it through updates', async () => {
        const large = big(3000, 'large');
        assert.ok(JSON.stringify(large).length > 200_000);
        const rec = await store.insert('reports', 'p', 'big', large);
        assert.deepEqual((await store.get('reports', 'p', 'big'))?.value, large);
        const small = await store.update('reports', 'p', 'big', { tag: 'small' }, rec.etag);
        assert.deepEqual((await store.get('reports', 'p', 'big'))?.value, { tag: 'small' });
        const again = big(3600, 'again');
        await store.update('reports', 'p', 'big', again, small.etag);
        assert.deepEqual((await store.get('reports', 'p', 'big'))?.value, again);
        assert.deepEqual((await store.list('reports', 'p')).map((r) => r.value), [again]);
      });

      it('accepts a value at the limit and refuses one just over it, unchanged', async () => {
        const at = 'a'.repeat(MAX_VALUE_JSON_CHARS - 2); // JSON adds the two quotes
        await store.insert('reports', 'p', 'max', at);
        assert.equal((await store.get<string>('reports', 'p', 'max'))?.value.length, at.length);
        const rec = await store.insert('reports', 'p', 'k', { v: 1 });
        const over = 'b'.repeat(MAX_VALUE_JSON_CHARS - 1);
        await rejects(store.update('reports', 'p', 'k', over, rec.etag), ValueTooLargeError);
        await rejects(store.upsert('reports', 'p', 'k', over), ValueTooLargeError);
        await rejects(store.insert('reports', 'p', 'new', over), ValueTooLargeError);
        assert.deepEqual(await store.get('reports', 'p', 'k'), rec);
        assert.equal(await store.get('reports', 'p', 'new'), undefined);
      });
    });

    describe('keys', () => {
      it('accepts any string as partition and key, and returns it unchanged', async () => {
        for (const k of WEIRD_KEYS) {
          const rec = await store.insert('directory', k, k, { k });
          assert.deepEqual(await store.get('directory', k, k), rec, JSON.stringify(k));
          const listed = await store.list('directory', k);
          assert.deepEqual(listed.map((r) => [r.partition, r.key]), [[k, k]], JSON.stringify(k));
          const updated = await store.update('directory', k, k, { k, v: 2 }, rec.etag);
          assert.equal((await store.get('directory', k, k))?.etag, updated.etag);
        }
        for (const k of WEIRD_KEYS) await store.delete('directory', k, k);
        assert.deepEqual(await store.scan('directory'), []);
      });

      it('keeps keys that differ only in escaped characters apart', async () => {
        const keys = ['a/b', 'a.2Fb', 'a%2Fb', 'a$2Fb', 'a\\b', 'a[5Cb', 'a?b', 'a>3Fb', 'é', '~0000E9'];
        for (const k of keys) await store.insert('directory', 'p', k, k);
        for (const k of keys) assert.equal((await store.get('directory', 'p', k))?.value, k);
      });

      it('lists a partition in code point order, whatever the characters', async () => {
        const keys = [...WEIRD_KEYS].reverse();
        await Promise.all(keys.map((k) => store.insert('audit', 'p', k, k)));
        const listed = await store.list<string>('audit', 'p');
        assert.deepEqual(listed.map((r) => r.key), [...WEIRD_KEYS].sort(byCodePoint));
        assert.deepEqual(listed.map((r) => r.value), listed.map((r) => r.key));
      });

      it('scans every partition in (partition, key) code point order', async () => {
        const partitions = ['b/2', 'b#1', 'a', '😀', '\uffff', 'A', '', 'b'];
        const keys = ['k2', 'k/1', 'k10'];
        for (const p of partitions) for (const k of keys) await store.insert('timers', p, k, `${p}|${k}`);
        const expected = [...partitions].sort(byCodePoint).flatMap((p) => [...keys].sort(byCodePoint).map((k) => `${p}|${k}`));
        const scanned = await store.scan<string>('timers');
        assert.deepEqual(scanned.map((r) => r.value), expected);
        assert.deepEqual(scanned.map((r) => `${r.partition}|${r.key}`), expected);
        assert.deepEqual((await store.scan<string>('timers', { limit: 4 })).map((r) => r.value), expected.slice(0, 4));
        assert.deepEqual(await store.scan('timers', { limit: 0 }), []);
      });
    });

    describe('list ranges', () => {
      const KEYS = [
        '2024-01-01/a', '2024-01-01/b', '2024-01-02', '2024-01-02/x', '2024-01-0', '2024-01-1', '2024-01',
        'a/b', 'a/b/c', 'a#', 'a#b', 'a$', 'a%', 'a.', 'a.b', 'a0', 'a', 'ab', 'é', 'é/1', 'éa', '😀/1', '😀', '\uffff',
      ];
      const sorted = [...KEYS].sort(byCodePoint);

      beforeEach(async () => {
        await Promise.all(KEYS.map((k) => store.insert('outbox', 'p', k, k)));
        await store.insert('outbox', 'other', '2024-01-01/a', 'other partition');
      });

      const keysOf = (recs: StoredRecord<unknown>[]) => recs.map((r) => r.key);

      it('filters by prefix, including prefixes with escaped and non-ASCII characters', async () => {
        for (const prefix of ['2024-01-01/', '2024-01', '2024-01-0', 'a/b', 'a#', 'a.', 'a', 'é', '😀', 'z', '']) {
          assert.deepEqual(
            keysOf(await store.list('outbox', 'p', { keyPrefix: prefix })),
            sorted.filter((k) => k.startsWith(prefix)),
            `prefix ${JSON.stringify(prefix)}`,
          );
        }
      });

      it('filters by keyFrom (inclusive) and keyTo (exclusive), with a prefix and a limit', async () => {
        const cases: { keyPrefix?: string; keyFrom?: string; keyTo?: string; limit?: number }[] = [
          { keyFrom: '2024-01-01/b' },
          { keyTo: '2024-01-02' },
          { keyFrom: '2024-01-01/b', keyTo: 'a/b/c' },
          { keyFrom: 'a#', keyTo: 'a.b' },
          { keyFrom: 'a/', keyTo: 'a0' },
          { keyPrefix: 'a', keyFrom: 'a$', keyTo: 'ab' },
          { keyPrefix: '2024-01', limit: 3 },
          { keyFrom: 'é', limit: 2 },
          { keyFrom: 'zz' },
          { keyFrom: 'b', keyTo: 'a' },
          { limit: 5 },
          { limit: 0 },
          { limit: 1000 },
        ];
        for (const c of cases) {
          let expected = sorted.filter((k) => (c.keyPrefix === undefined || k.startsWith(c.keyPrefix))
            && (c.keyFrom === undefined || byCodePoint(k, c.keyFrom) >= 0)
            && (c.keyTo === undefined || byCodePoint(k, c.keyTo) < 0));
          if (c.limit !== undefined) expected = expected.slice(0, c.limit);
          assert.deepEqual(keysOf(await store.list('outbox', 'p', c)), expected, JSON.stringify(c));
        }
      });

      it('refuses a limit that is not a whole number >= 0', async () => {
        for (const limit of [-1, 1.5, NaN]) {
          await rejects(store.list('outbox', 'p', { limit }), RangeError);
          await rejects(store.scan('outbox', { limit }), RangeError);
        }
      });

      it('pages through a partition with keyFrom and limit', async () => {
        const seen: string[] = [];
        let from: string | undefined;
        for (;;) {
          const page = await store.list('outbox', 'p', { keyFrom: from, limit: 5 });
          seen.push(...keysOf(page).filter((k) => k !== from));
          if (page.length < 5) break;
          from = page[page.length - 1].key;
        }
        assert.deepEqual(seen, sorted);
      });
    });

    describe('isolation', () => {
      it('keeps partitions apart', async () => {
        await store.insert('reports', 'school-1', 'R-1', 'one');
        await store.insert('reports', 'school-2', 'R-1', 'two');
        await store.insert('reports', 'school-10', 'R-2', 'ten');
        assert.deepEqual((await store.list('reports', 'school-1')).map((r) => r.value), ['one']);
        await store.delete('reports', 'school-1', 'R-1');
        assert.equal((await store.get('reports', 'school-2', 'R-1'))?.value, 'two');
        assert.deepEqual(await store.list('reports', 'school-1'), []);
        assert.deepEqual(await store.list('reports', 'school'), []);
      });

      it('keeps tables apart', async () => {
        await store.insert('reports', 'p', 'k', 'report');
        await store.insert('drafts', 'p', 'k', 'draft');
        assert.equal((await store.get('drafts', 'p', 'k'))?.value, 'draft');
        assert.equal((await store.get('reports', 'p', 'k'))?.value, 'report');
        assert.deepEqual((await store.scan('reports')).map((r) => r.value), ['report']);
        await store.delete('drafts', 'p', 'k');
        assert.equal((await store.get('reports', 'p', 'k'))?.value, 'report');
        assert.deepEqual(await store.scan('counters'), []);
      });
    });

    describe('concurrency', () => {
      it('loses no increment when N writers mutate one record at once', async () => {
        const N = 16;
        const results = await Promise.all(Array.from({ length: N }, () => mutate<{ n: number }>(
          store, 'counters', 'school-1', 'reports', (cur) => ({ n: (cur?.n ?? 0) + 1 }), N,
        )));
        assert.equal((await store.get<{ n: number }>('counters', 'school-1', 'reports'))?.value.n, N);
        assert.deepEqual(results.map((r) => r?.value.n).sort((a, b) => (a ?? 0) - (b ?? 0)), Array.from({ length: N }, (_, i) => i + 1));
      });

      it('mutate leaves the record alone when the change returns undefined', async () => {
        const rec = await store.insert('counters', 'p', 'k', { n: 5 });
        assert.deepEqual(await mutate(store, 'counters', 'p', 'k', () => undefined), rec);
        assert.equal(await mutate(store, 'counters', 'p', 'missing', () => undefined), undefined);
        assert.equal(await store.get('counters', 'p', 'missing'), undefined);
      });

      it('mutate gives up with ConflictError when it cannot win within its attempts', async () => {
        await store.insert('counters', 'p', 'k', { n: 0 });
        let reads = 0;
        // The real store, with another writer changing the record after every read.
        const racing: RecordStore = Object.create(store, {
          get: {
            value: async (...args: Parameters<RecordStore['get']>) => {
              const current = await store.get(...args);
              reads++;
              await store.upsert('counters', 'p', 'k', { n: -reads });
              return current;
            },
          },
        });
        await rejects(mutate<{ n: number }>(racing, 'counters', 'p', 'k', (cur) => ({ n: (cur?.n ?? 0) + 100 }), 3), ConflictError);
        assert.equal(reads, 3);
        assert.deepEqual((await store.get('counters', 'p', 'k'))?.value, { n: -3 });
      });

      it('mutate reads again when the record is deleted between its read and its write', async () => {
        await store.insert('outbox', 'due', 'k', { version: 1 });
        let reads = 0;
        // The real store, with another writer deleting the record right after the first read.
        const racing: RecordStore = Object.create(store, {
          get: {
            value: async (...args: Parameters<RecordStore['get']>) => {
              const current = await store.get(...args);
              if (++reads === 1) await store.delete('outbox', 'due', 'k');
              return current;
            },
          },
        });
        const out = await mutate<{ version: number }>(racing, 'outbox', 'due', 'k', (cur) => ({ version: cur ? cur.version + 1 : 100 }));
        assert.equal(reads, 2);
        assert.deepEqual(out?.value, { version: 100 }, 'the change is applied to what is there now (nothing)');
        assert.deepEqual((await store.get('outbox', 'due', 'k'))?.value, { version: 100 });
      });

      it('two instances over the same data see each other and cannot overwrite each other', async () => {
        const other = await openAnother();
        const rec = await store.insert('reports', 'p', 'k', { by: 'first' });
        const seen = await other.get('reports', 'p', 'k');
        assert.deepEqual(seen, rec);
        const updatedByOther = await other.update('reports', 'p', 'k', { by: 'other' }, rec.etag);
        await rejects(store.update('reports', 'p', 'k', { by: 'first again' }, rec.etag), ConflictError);
        assert.deepEqual(await store.get('reports', 'p', 'k'), updatedByOther);
        await rejects(other.insert('reports', 'p', 'k', {}), ConflictError);
      });
    });

    describe('lifecycle', () => {
      it('keeps data across close and reopen; close is idempotent and later calls fail', async () => {
        const rec = await store.insert('reports', 'p', 'a/b#c', { kept: true });
        await store.close();
        await store.close();
        await assert.rejects(store.get('reports', 'p', 'a/b#c'));
        const reopened = await openAnother();
        assert.deepEqual(await reopened.get('reports', 'p', 'a/b#c'), rec);
        await reopened.update('reports', 'p', 'a/b#c', { kept: 'updated' }, rec.etag);
        assert.deepEqual((await reopened.list('reports', 'p')).map((r) => r.value), [{ kept: 'updated' }]);
      });
    });
  });
}
