import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { createStore } from '../../src/storage/createStore';
import { getAzurite, uniqueTablePrefix } from '../support/azurite';

describe('createStore (backend from configuration)', () => {
  it('opens SQLite under TRUSTLINE_DATA_DIR by default', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trustline-create-'));
    try {
      const store = await createStore(loadConfig({ TRUSTLINE_DATA_DIR: dir }));
      assert.equal(store.kind, 'sqlite');
      await store.insert('reports', 'p', 'k', 1);
      await store.close();
      assert.ok(fs.existsSync(path.join(dir, 'trustline.sqlite')));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('connects to Azure Table Storage with STORAGE=azure-table and AZURE_STORAGE_CONNECTION_STRING', async () => {
    const { connectionString } = await getAzurite();
    const prefix = uniqueTablePrefix();
    const config = loadConfig({ STORAGE: 'azure-table', AZURE_STORAGE_CONNECTION_STRING: connectionString, AZURE_TABLE_PREFIX: prefix });
    const store = await createStore(config);
    assert.equal(store.kind, 'azure-table');
    await store.ping();
    await store.insert('reports', 'school/1', 'R#1', { ok: true });
    const again = await createStore(config); // a second instance sees the same data
    assert.deepEqual((await again.get('reports', 'school/1', 'R#1'))?.value, { ok: true });
    await again.close();
    await store.close();
  });
});
