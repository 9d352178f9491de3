import assert from 'node:assert/strict';
import net from 'node:net';
import { TableClient, TableServiceClient } from '@azure/data-tables';
import { TableRecordStore, CHUNK_CHARS } from '../../src/storage/azureTable/tableStore';
import { encodeKey } from '../../src/storage/azureTable/keyCodec';
import { TABLES } from '../../src/storage/recordStore';
import { getAzurite, uniqueTablePrefix } from '../support/azurite';
import { recordStoreContract } from './recordStore.contract';

recordStoreContract('Azure Table Storage (Azurite)', async () => {
  const { connectionString } = await getAzurite();
  const prefix = uniqueTablePrefix();
  return {
    store: await TableRecordStore.connect(connectionString, prefix),
    open: () => TableRecordStore.connect(connectionString, prefix),
  };
});

describe('TableRecordStore on Azurite', () => {
  let cs: string;
  before(async function () {
    this.timeout(30_000);
    cs = (await getAzurite()).connectionString;
  });
  const raw = (table: string) => TableClient.fromConnectionString(cs, table, { allowInsecureConnection: true });

  it('creates one table per logical table, and connects again to existing tables', async () => {
    const prefix = uniqueTablePrefix();
    const a = await TableRecordStore.connect(cs, prefix);
    const b = await TableRecordStore.connect(cs, prefix); // tables exist: tolerated
    const names: string[] = [];
    for await (const t of TableServiceClient.fromConnectionString(cs, { allowInsecureConnection: true }).listTables()) {
      if (t.name?.startsWith(prefix)) names.push(t.name);
    }
    assert.deepEqual(names.sort(), TABLES.map((t) => prefix + t).sort());
    await a.close();
    await b.close();
  });

  it('stores encoded keys and JSON split into chunks, as docs/STORAGE.md describes', async () => {
    const prefix = uniqueTablePrefix();
    const store = await TableRecordStore.connect(cs, prefix);
    // ASCII on purpose: Azurite decodes request bodies chunk by chunk, so under load a multi-byte
    // character split across TCP chunks comes back as two replacement characters (seen here as a
    // 32,001-character json0). Real Azure does not; unicode round trips are in the contract suite.
    const value = { text: 'x'.repeat(CHUNK_CHARS * 2 + 10) };
    await store.insert('reports', 'school/1', 'R#1?', value);
    const entities = [];
    for await (const e of raw(`${prefix}reports`).listEntities<Record<string, unknown>>()) entities.push(e);
    assert.equal(entities.length, 1);
    const e = entities[0];
    assert.equal(e.partitionKey, 'school.2F1');
    assert.equal(e.rowKey, 'R$231>3F');
    assert.equal(e.rowKey, encodeKey('R#1?'));
    assert.equal(e.chunks, 3);
    const parts = [e.json0, e.json1, e.json2] as string[];
    assert.deepEqual(parts.map((p) => typeof p), ['string', 'string', 'string']);
    const lengths = parts.map((p) => p.length);
    assert.ok(Math.max(...lengths) <= CHUNK_CHARS, `chunk lengths ${lengths.join(', ')} (limit ${CHUNK_CHARS})`);
    assert.equal(parts.join(''), JSON.stringify(value));
    // Shrinking replaces the entity: no stale chunks are left behind.
    await store.upsert('reports', 'school/1', 'R#1?', { text: 'short' });
    const after = await raw(`${prefix}reports`).getEntity<Record<string, unknown>>('school.2F1', 'R$231>3F');
    assert.equal(after.chunks, 1);
    assert.equal(after.json1, undefined);
    await store.close();
  });

  it('keeps deployments with different prefixes apart', async () => {
    const one = await TableRecordStore.connect(cs, uniqueTablePrefix());
    const two = await TableRecordStore.connect(cs, uniqueTablePrefix());
    await one.insert('reports', 'p', 'k', 'one');
    assert.equal(await two.get('reports', 'p', 'k'), undefined);
    assert.deepEqual(await two.scan('reports'), []);
    await one.close();
    await two.close();
  });

  it('refuses a key too long for Azure once encoded, clearly', async () => {
    const store = await TableRecordStore.connect(cs, uniqueTablePrefix());
    await store.insert('reports', 'p', 'k'.repeat(512), 1); // exactly the limit
    assert.equal((await store.get('reports', 'p', 'k'.repeat(512)))?.value, 1);
    await assert.rejects(store.insert('reports', 'p', '/'.repeat(171), 1), /key is too long for Azure Table Storage: 513 characters once encoded \(limit 512\)/);
    await assert.rejects(store.get('reports', 'é'.repeat(74), 'k'), /partition is too long/);
    await store.close();
  });

  it('refuses a bad prefix or an empty connection string with a clear message', async () => {
    await assert.rejects(TableRecordStore.connect(cs, '1bad'), /table prefix "1bad" must be letters and digits/);
    await assert.rejects(TableRecordStore.connect(cs, 'has-dash'), /must be letters and digits/);
    await assert.rejects(TableRecordStore.connect(cs, 'x'.repeat(60)), /at most 52 characters/);
    await assert.rejects(TableRecordStore.connect(' ', 'ok'), /connection string is empty \(set AZURE_STORAGE_CONNECTION_STRING\)/);
  });

  it('fails to connect, and ping fails, when the service is unreachable, without revealing the key', async () => {
    const port = await new Promise<number>((resolve) => {
      const srv = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(p));
      });
    });
    const unreachable = cs.replace(/127\.0\.0\.1:\d+/, `127.0.0.1:${port}`);
    await assert.rejects(TableRecordStore.connect(unreachable, uniqueTablePrefix(), { maxRetries: 0 }), (err: Error) => {
      assert.match(err.message, new RegExp(`Azure Table Storage at http://127.0.0.1:${port}/devstoreaccount1: cannot create table`));
      assert.ok(!err.message.includes('AccountKey') && !err.message.includes('Eby8'), 'no key in the message');
      return true;
    });
  });

  it('ping fails when its tables are gone (deleted behind its back)', async () => {
    const prefix = uniqueTablePrefix();
    const store = await TableRecordStore.connect(cs, prefix, { maxRetries: 0 });
    await store.ping();
    await TableServiceClient.fromConnectionString(cs, { allowInsecureConnection: true }).deleteTable(`${prefix}state`);
    await assert.rejects(store.ping());
    await store.close();
  });
});
