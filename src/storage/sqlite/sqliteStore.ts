/**
 * RecordStore on SQLite (better-sqlite3): the embedded default. One file, WAL journal, one
 * `records` table keyed by (tbl, partition, key) with an integer version as the ETag.
 * better-sqlite3 is synchronous; each call is a single short statement, so the event loop
 * is held for microseconds, and conditional writes are atomic by construction.
 * Keys compare as BINARY over UTF-8, which is Unicode code point order, as the Azure backend's.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {
  ConflictError, ListOptions, NotFoundError, RecordStore, StoredRecord, TableName,
} from '../recordStore';
import { checkLimit, toJson } from '../valueJson';
import { prefixEnd } from '../keyRange';
import { migrate } from './migrations';

interface Row { partition: string; key: string; value: string; version: number }
type Arg = string | number;

const COLUMNS = 'SELECT partition, key, value, version FROM records';

/** A version etag as this backend issues it ("1", "2", ...), or undefined for anything else. */
function parseVersion(etag: string): number | undefined {
  return /^[1-9][0-9]{0,15}$/.test(etag) ? Number(etag) : undefined;
}

export class SqliteRecordStore implements RecordStore {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly stmts: ReturnType<SqliteRecordStore['prepare']>;
  /** list/scan statements by SQL text: a handful of shapes, prepared once each. */
  private readonly queries = new Map<string, Database.Statement<Arg[], Row>>();

  constructor(file: string) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    try {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      this.db.pragma('busy_timeout = 5000');
      this.db.pragma('foreign_keys = ON');
      migrate(this.db);
    } catch (err) {
      this.db.close(); // do not leave the file open when refusing it
      throw err;
    }
    this.stmts = this.prepare();
  }

  static inDirectory(dataDir: string): SqliteRecordStore {
    return new SqliteRecordStore(path.join(dataDir, 'trustline.sqlite'));
  }

  private prepare() {
    const db = this.db;
    return {
      get: db.prepare<[string, string, string], Row>(`${COLUMNS} WHERE tbl = ? AND partition = ? AND key = ?`),
      exists: db.prepare<[string, string, string], { one: number }>('SELECT 1 AS one FROM records WHERE tbl = ? AND partition = ? AND key = ?'),
      insert: db.prepare<[string, string, string, string]>('INSERT INTO records (tbl, partition, key, value, version) VALUES (?, ?, ?, ?, 1)'),
      update: db.prepare<[string, string, string, string, number], { version: number }>(
        'UPDATE records SET value = ?, version = version + 1 WHERE tbl = ? AND partition = ? AND key = ? AND version = ? RETURNING version'),
      updateAny: db.prepare<[string, string, string, string], { version: number }>(
        'UPDATE records SET value = ?, version = version + 1 WHERE tbl = ? AND partition = ? AND key = ? RETURNING version'),
      upsert: db.prepare<[string, string, string, string], { version: number }>(
        'INSERT INTO records (tbl, partition, key, value, version) VALUES (?, ?, ?, ?, 1) ON CONFLICT (tbl, partition, key) DO UPDATE SET value = excluded.value, version = records.version + 1 RETURNING version'),
      deleteAny: db.prepare<[string, string, string]>('DELETE FROM records WHERE tbl = ? AND partition = ? AND key = ?'),
      deleteIf: db.prepare<[string, string, string, number]>('DELETE FROM records WHERE tbl = ? AND partition = ? AND key = ? AND version = ?'),
      ping: db.prepare('SELECT 1'),
    };
  }

  private query(sql: string): Database.Statement<Arg[], Row> {
    let stmt = this.queries.get(sql);
    if (!stmt) {
      stmt = this.db.prepare<Arg[], Row>(sql);
      this.queries.set(sql, stmt);
    }
    return stmt;
  }

  private toRecord<T>(row: Row): StoredRecord<T> {
    return { partition: row.partition, key: row.key, value: JSON.parse(row.value) as T, etag: String(row.version) };
  }

  private exists(table: TableName, partition: string, key: string): boolean {
    return this.stmts.exists.get(table, partition, key) !== undefined;
  }

  async get<T>(table: TableName, partition: string, key: string): Promise<StoredRecord<T> | undefined> {
    const row = this.stmts.get.get(table, partition, key);
    return row ? this.toRecord<T>(row) : undefined;
  }

  async insert<T>(table: TableName, partition: string, key: string, value: T): Promise<StoredRecord<T>> {
    const json = toJson(value, `${table} insert`);
    try {
      this.stmts.insert.run(table, partition, key, json);
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new ConflictError(`${table}/${partition}/${key} already exists`);
      throw err;
    }
    return { partition, key, value: JSON.parse(json) as T, etag: '1' };
  }

  async update<T>(table: TableName, partition: string, key: string, value: T, etag: string): Promise<StoredRecord<T>> {
    const json = toJson(value, `${table} update`);
    let row: { version: number } | undefined;
    if (etag === '*') {
      row = this.stmts.updateAny.get(json, table, partition, key);
    } else {
      const version = parseVersion(etag);
      if (version !== undefined) row = this.stmts.update.get(json, table, partition, key, version);
    }
    if (row) return { partition, key, value: JSON.parse(json) as T, etag: String(row.version) };
    if (!this.exists(table, partition, key)) throw new NotFoundError(`${table}/${partition}/${key} not found`);
    throw new ConflictError(`${table}/${partition}/${key} changed since it was read`);
  }

  async upsert<T>(table: TableName, partition: string, key: string, value: T): Promise<StoredRecord<T>> {
    const json = toJson(value, `${table} upsert`);
    const row = this.stmts.upsert.get(table, partition, key, json);
    return { partition, key, value: JSON.parse(json) as T, etag: String(row?.version ?? 1) };
  }

  async delete(table: TableName, partition: string, key: string, etag?: string): Promise<void> {
    if (etag === undefined || etag === '*') {
      this.stmts.deleteAny.run(table, partition, key);
      return;
    }
    const version = parseVersion(etag);
    const changes = version === undefined ? 0 : this.stmts.deleteIf.run(table, partition, key, version).changes;
    if (changes === 0 && this.exists(table, partition, key)) {
      throw new ConflictError(`${table}/${partition}/${key} changed since it was read`);
    }
  }

  async list<T>(table: TableName, partition: string, options: ListOptions = {}): Promise<StoredRecord<T>[]> {
    const where = ['tbl = ?', 'partition = ?'];
    const args: Arg[] = [table, partition];
    const { keyPrefix, keyFrom, keyTo } = options;
    if (keyPrefix) {
      where.push('key >= ?');
      args.push(keyPrefix);
      const end = prefixEnd(keyPrefix);
      if (end !== undefined) {
        where.push('key < ?');
        args.push(end);
      } else {
        where.push('substr(key, 1, length(?)) = ?');
        args.push(keyPrefix, keyPrefix);
      }
    }
    if (keyFrom !== undefined) { where.push('key >= ?'); args.push(keyFrom); }
    if (keyTo !== undefined) { where.push('key < ?'); args.push(keyTo); }
    return this.select<T>(`${COLUMNS} WHERE ${where.join(' AND ')} ORDER BY key`, args, options.limit);
  }

  async scan<T>(table: TableName, options: { limit?: number } = {}): Promise<StoredRecord<T>[]> {
    return this.select<T>(`${COLUMNS} WHERE tbl = ? ORDER BY partition, key`, [table], options.limit);
  }

  private select<T>(sql: string, args: Arg[], limit: number | undefined): StoredRecord<T>[] {
    if (checkLimit(limit) !== undefined) {
      sql += ' LIMIT ?';
      args.push(limit as number);
    }
    return this.query(sql).all(...args).map((r) => this.toRecord<T>(r));
  }

  async ping(): Promise<void> {
    this.stmts.ping.get();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
