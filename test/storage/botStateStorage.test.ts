import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryStorage, Storage, StoreItems } from 'botbuilder';
import { RecordBotStorage } from '../../src/storage/botStateStorage';
import type { RecordStore } from '../../src/storage/recordStore';
import { SqliteRecordStore } from '../../src/storage/sqlite/sqliteStore';
import { TableRecordStore } from '../../src/storage/azureTable/tableStore';
import { getAzurite, uniqueTablePrefix } from '../support/azurite';

// Keys as teams-ai builds them.
const CONV = 'msteams/28:trustline-bot/conversations/19:alerts@thread.tacv2;messageid=1700000000000';
const USER = 'msteams/28:trustline-bot/users/29:teacher';

type Backend = { name: string; open(): Promise<{ store: RecordStore; reopen(): Promise<RecordStore> }> };

let root: string;
before(() => { root = fs.mkdtempSync(path.join(os.tmpdir(), 'trustline-botstate-')); });
after(() => fs.rmSync(root, { recursive: true, force: true }));
let n = 0;

const backends: Backend[] = [
  {
    name: 'SQLite',
    async open() {
      const dir = path.join(root, `s${++n}`);
      return { store: SqliteRecordStore.inDirectory(dir), reopen: async () => SqliteRecordStore.inDirectory(dir) };
    },
  },
  {
    name: 'Azure Table Storage (Azurite)',
    async open() {
      const { connectionString } = await getAzurite();
      const prefix = uniqueTablePrefix();
      return { store: await TableRecordStore.connect(connectionString, prefix), reopen: () => TableRecordStore.connect(connectionString, prefix) };
    },
  },
];

const conflict = /Storage: error writing ".*" due to eTag conflict\./;

for (const backend of backends) {
  describe(`RecordBotStorage (botbuilder Storage) on ${backend.name}`, () => {
    let store: RecordStore;
    let reopen: () => Promise<RecordStore>;
    let storage: RecordBotStorage;
    beforeEach(async () => {
      ({ store, reopen } = await backend.open());
      storage = new RecordBotStorage(store);
    });
    afterEach(() => store.close());

    it('writes without an eTag, and reads back the item with an eTag; missing keys are left out', async () => {
      await storage.write({ [CONV]: { count: 1, nested: { a: [1, 2] } } });
      const items = await storage.read([CONV, USER]);
      assert.deepEqual(Object.keys(items), [CONV]);
      assert.equal(items[CONV].count, 1);
      assert.deepEqual(items[CONV].nested, { a: [1, 2] });
      assert.equal(typeof items[CONV].eTag, 'string');
      assert.ok(items[CONV].eTag.length > 0);
    });

    it("writes with eTag '*' unconditionally", async () => {
      await storage.write({ [CONV]: { v: 1 } });
      const read = await storage.read([CONV]);
      await storage.write({ [CONV]: { v: 2 } });
      await storage.write({ [CONV]: { ...read[CONV], v: 3, eTag: '*' } });
      assert.equal((await storage.read([CONV]))[CONV].v, 3);
    });

    it('writes with the current eTag, and refuses a stale one with botbuilder\'s error, keeping the newer state', async () => {
      await storage.write({ [CONV]: { v: 1 } });
      const turnA = await storage.read([CONV]);
      const turnB = await storage.read([CONV]);
      await storage.write({ [CONV]: { ...turnA[CONV], v: 'A' } });
      await assert.rejects(storage.write({ [CONV]: { ...turnB[CONV], v: 'B' } }), conflict);
      const now = await storage.read([CONV]);
      assert.equal(now[CONV].v, 'A');
      assert.notEqual(now[CONV].eTag, turnA[CONV].eTag);
      await storage.write({ [CONV]: { ...now[CONV], v: 'A2' } });
      assert.equal((await storage.read([CONV]))[CONV].v, 'A2');
    });

    it('does not store the eTag inside the value', async () => {
      await storage.write({ [USER]: { v: 1, eTag: '*' } });
      const rec = await store.get<Record<string, unknown>>('state', USER, 'v');
      assert.deepEqual(rec?.value, { v: 1 });
    });

    it('deletes items; deleting a missing one is fine', async () => {
      await storage.write({ [CONV]: { v: 1 }, [USER]: { u: 1 } });
      await storage.delete([CONV, 'msteams/never/written']);
      assert.deepEqual(Object.keys(await storage.read([CONV, USER])), [USER]);
    });

    it('keeps state across a restart (a new store over the same data)', async () => {
      await storage.write({ [CONV]: { remembered: 'yes' } });
      const etag = (await storage.read([CONV]))[CONV].eTag;
      await store.close();
      store = await reopen();
      const after = await new RecordBotStorage(store).read([CONV]);
      assert.equal(after[CONV].remembered, 'yes');
      assert.equal(after[CONV].eTag, etag);
    });

    it('behaves as botbuilder MemoryStorage for the same sequence of operations', async () => {
      // Each step runs on both; results (minus eTag values) and success/failure must agree.
      const steps: ((s: Storage, tags: Map<string, string>) => Promise<unknown>)[] = [
        (s) => s.write({ a: { v: 1 }, b: { v: 1 } }),
        async (s, tags) => { const r = await s.read(['a', 'b', 'c']); tags.set('a1', r.a.eTag); tags.set('b1', r.b.eTag); return r; },
        (s, tags) => s.write({ a: { v: 2, eTag: tags.get('a1') } }),
        (s, tags) => s.write({ a: { v: 3, eTag: tags.get('a1') } }), // stale
        (s) => s.read(['a']),
        (s, tags) => s.write({ c: { v: 1, eTag: tags.get('b1') } }), // eTag for an item not stored: written
        (s) => s.write({ b: { v: 9, eTag: '*' } }),
        (s, tags) => s.write({ b: { v: 10, eTag: tags.get('b1') } }), // stale after '*'
        (s) => s.delete(['a', 'zzz']),
        (s, tags) => s.write({ a: { v: 4, eTag: tags.get('a1') } }), // deleted meanwhile: written
        (s) => s.read(['a', 'b', 'c', 'zzz']),
        (s) => s.write({ d: { v: 1, eTag: '' } }),
      ];
      const strip = (r: unknown) => (r && typeof r === 'object'
        ? Object.fromEntries(Object.entries(r as StoreItems).map(([k, v]) => [k, { ...v, eTag: typeof v.eTag }]))
        : r);
      const run = async (s: Storage) => {
        const tags = new Map<string, string>();
        const out: unknown[] = [];
        for (const step of steps) {
          try {
            out.push(['ok', strip(await step(s, tags))]);
          } catch (err) {
            out.push(['error', String((err as Error).message)]);
          }
        }
        return out;
      };
      const expected = await run(new MemoryStorage());
      assert.deepEqual(await run(storage), expected);
      assert.equal(expected.filter((r) => (r as unknown[])[0] === 'error').length, 2, 'the sequence exercises two conflicts');
    });
  });
}
