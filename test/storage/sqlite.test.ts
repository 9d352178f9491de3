import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SqliteRecordStore } from '../../src/storage/sqlite/sqliteStore';
import { migrate, MIGRATIONS, SCHEMA_VERSION } from '../../src/storage/sqlite/migrations';
import { recordStoreContract } from './recordStore.contract';

let root: string;
before(() => { root = fs.mkdtempSync(path.join(os.tmpdir(), 'trustline-sqlite-')); });
after(() => fs.rmSync(root, { recursive: true, force: true }));

let n = 0;
const newDir = () => path.join(root, `t${++n}`);

recordStoreContract('SQLite', async () => {
  const dir = newDir();
  return { store: SqliteRecordStore.inDirectory(dir), open: async () => SqliteRecordStore.inDirectory(dir) };
});

describe('SqliteRecordStore file and schema', () => {
  it('creates the data directory and a WAL-mode file at the current schema version', async () => {
    const dir = path.join(newDir(), 'nested', 'data');
    const store = SqliteRecordStore.inDirectory(dir);
    await store.insert('reports', 'p', 'k', 1);
    await store.close();
    const db = new Database(path.join(dir, 'trustline.sqlite'), { readonly: true });
    try {
      assert.equal(db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    } finally {
      db.close();
    }
  });

  it('refuses a data file from a newer release with a clear message and leaves it untouched', async () => {
    const dir = newDir();
    const first = SqliteRecordStore.inDirectory(dir);
    await first.insert('reports', 'p', 'k', { keep: true });
    await first.close();
    const file = path.join(dir, 'trustline.sqlite');
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    db.close();

    assert.throws(() => SqliteRecordStore.inDirectory(dir), (err: Error) => {
      assert.match(err.message, new RegExp(`schema version ${SCHEMA_VERSION + 5}, newer than this trustline understands \\(${SCHEMA_VERSION}\\)`));
      assert.match(err.message, /Upgrade trustline/);
      assert.ok(err.message.includes(file), 'names the file');
      return true;
    });
    // The refused file was closed (it can be deleted and reopened) and not modified.
    const check = new Database(file);
    assert.equal(check.pragma('user_version', { simple: true }), SCHEMA_VERSION + 5);
    assert.equal((check.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n, 1);
    check.close();
  });

  it('upgrades an older file step by step, keeping its data', () => {
    const dir = newDir();
    fs.mkdirSync(dir, { recursive: true });
    const db = new Database(path.join(dir, 'm.sqlite'));
    migrate(db, MIGRATIONS);
    db.prepare("INSERT INTO records VALUES ('reports', 'p', 'k', '{\"v\":1}', 3)").run();
    const next = [...MIGRATIONS, "ALTER TABLE records ADD COLUMN updated_at TEXT NOT NULL DEFAULT ''"];
    migrate(db, next);
    assert.equal(db.pragma('user_version', { simple: true }), next.length);
    assert.deepEqual(db.prepare('SELECT value, version, updated_at FROM records').get(), { value: '{"v":1}', version: 3, updated_at: '' });
    migrate(db, next); // idempotent at the current version
    db.close();
  });

  it('rolls back a failing migration entirely', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS);
    const broken = [...MIGRATIONS, 'CREATE TABLE extra (x)', 'THIS IS NOT SQL'];
    assert.throws(() => migrate(db, broken), /syntax error/);
    assert.equal(db.pragma('user_version', { simple: true }), MIGRATIONS.length);
    assert.deepEqual(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'extra'").get(), { n: 0 });
    db.close();
  });
});
