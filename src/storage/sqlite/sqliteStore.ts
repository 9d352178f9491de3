/**
 * RecordStore on SQLite (better-sqlite3): the embedded default. One file, WAL journal, one
 * `records` table keyed by (tbl, partition, key) with an integer version as the ETag.
 * better-sqlite3 is synchronous; each call is a single short statement, so the event loop
 * is held for microseconds, and conditional writes are atomic by construction.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {
  ConflictError, ListOptions, NotFoundError, RecordStore, StoredRecord, TableName,
} from '../recordStore';
import { migrate } from './migrations';

interface Row { partition: string; key: string; value: string; version: number }

export class SqliteRecordStore implements RecordStore {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly stmts: ReturnType<SqliteRecordStore['prepare']>;

  constructor(file: string) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    migrate(this.db);
    this.stmts = this.prepare();
  }

  static inDirectory(dataDir: string): SqliteRecordStore {
    return new SqliteRecordStore(path.join(dataDir, 'trustline.sqlite'));
  }

  private prepare() {
    const db = this.db;
    return {
      get: db.prepare<[string, string, string], Row>('SELECT partition, key, value, version FROM records WHERE tbl = ? AND partition = ? AND key = ?'),
      insert: db.prepare<[string, string, string, string]>('INSERT INTO records (tbl, partition, key, value, version) VALUES (?, ?, ?, ?, 1)'),
      update: db.prepare<[string, string, string, string, number]>('UPDATE records SET value = ?, version = version + 1 WHERE tbl = ? AND partition = ? AND key = ? AND version = ?'),
      upsert: db.prepare<[string, string, string, string], { version: number }>(
        'INSERT INTO records (tbl, partition, key, value, version) VALUES (?, ?, ?, ?, 1) ON CONFLICT (tbl, partition, key) DO UPDATE SET value = excluded.value, version = records.version + 1 RETURNING version'),
      deleteAny: db.prepare<[string, string, string]>('DELETE FROM records WHERE tbl = ? AND partition = ? AND key = ?'),
      deleteIf: db.prepare<[string, string, string, number]>('DELETE FROM records WHERE tbl = ? AND partition = ? AND key = ? AND version = ?'),
      ping: db.prepare('SELECT 1'),
    };
  }

  private toRecord<T>(row: Row): StoredRecord<T> {
    return { partition: row.partition, key: row.key, value: JSON.parse(row.value) as T, etag: String(row.version) };
  }

  async get<T>(table: TableName, partition: string, key: string): Promise<StoredRecord<T> | undefined> {
    const row = this.stmts.get.get(table, partition, key);
    return row ? this.toRecord<T>(row) : undefined;
  }

  async insert<T>(table: TableName, partition: string, key: string, value: T): Promise<StoredRecord<T>> {
    const json = JSON.stringify(value);
    try {
      this.stmts.insert.run(table, partition, key, json);
    } catch (err) {
      if ((err as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) throw new ConflictError(`${table}/${partition}/${key} already exists`);
      throw err;
    }
    return { partition, key, value: JSON.parse(json) as T, etag: '1' };
  }

  async update<T>(table: TableName, partition: string, key: string, value: T, etag: string): Promise<StoredRecord<T>> {
    const version = Number(etag);
    const json = JSON.stringify(value);
    const result = this.stmts.update.run(json, table, partition, key, Number.isInteger(version) ? version : -1);
    if (result.changes === 1) return { partition, key, value: JSON.parse(json) as T, etag: String(version + 1) };
    if (!this.stmts.get.get(table, partition, key)) throw new NotFoundError(`${table}/${partition}/${key} not found`);
    throw new ConflictError(`${table}/${partition}/${key} changed since it was read`);
  }

  async upsert<T>(table: TableName, partition: string, key: string, value: T): Promise<StoredRecord<T>> {
    const json = JSON.stringify(value);
    const row = this.stmts.upsert.get(table, partition, key, json);
    return { partition, key, value: JSON.parse(json) as T, etag: String(row?.version ?? 1) };
  }

  async delete(table: TableName, partition: string, key: string, etag?: string): Promise<void> {
    if (etag === undefined || etag === '*') {
      this.stmts.deleteAny.run(table, partition, key);
      return;
    }
    const result = this.stmts.deleteIf.run(table, partition, key, Number(etag));
    if (result.changes === 0 && this.stmts.get.get(table, partition, key)) {
      throw new ConflictError(`${table}/${partition}/${key} changed since it was read`);
    }
  }

  async list<T>(table: TableName, partition: string, options: ListOptions = {}): Promise<StoredRecord<T>[]> {
    const where = ['tbl = ?', 'partition = ?'];
    const args: (string | number)[] = [table, partition];
    if (options.keyPrefix !== undefined) {
      where.push('substr(key, 1, ?) = ?');
      args.push(options.keyPrefix.length, options.keyPrefix);
    }
    if (options.keyFrom !== undefined) { where.push('key >= ?'); args.push(options.keyFrom); }
    if (options.keyTo !== undefined) { where.push('key < ?'); args.push(options.keyTo); }
    let sql = `SELECT partition, key, value, version FROM records WHERE ${where.join(' AND ')} ORDER BY key`;
    if (options.limit !== undefined) { sql += ' LIMIT ?'; args.push(options.limit); }
    return this.db.prepare<(string | number)[], Row>(sql).all(...args).map((r) => this.toRecord<T>(r));
  }

  async scan<T>(table: TableName, options: { limit?: number } = {}): Promise<StoredRecord<T>[]> {
    const args: (string | number)[] = [table];
    let sql = 'SELECT partition, key, value, version FROM records WHERE tbl = ? ORDER BY partition, key';
    if (options.limit !== undefined) { sql += ' LIMIT ?'; args.push(options.limit); }
    return this.db.prepare<(string | number)[], Row>(sql).all(...args).map((r) => this.toRecord<T>(r));
  }

  async ping(): Promise<void> {
    this.stmts.ping.get();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
