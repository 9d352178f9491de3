/**
 * The one storage interface the domain uses. Records are JSON documents addressed by
 * (table, partition, key), each with an opaque ETag. It maps 1:1 onto Azure Table Storage
 * (PartitionKey/RowKey/ETag) and onto SQLite (one table with a version column), so both
 * backends pass the same contract suite (test/storage/recordStore.contract.ts).
 *
 * Concurrency: `update` and `delete` with an etag are conditional; a stale etag throws
 * ConflictError and changes nothing, so callers re-read and retry (see `mutate`).
 */

/** Logical tables. Backends may map them to physical tables or a column. */
export type TableName =
  | 'state' // botbuilder conversation/user state (teams-ai turn state)
  | 'reports'
  | 'reportIndex'
  | 'drafts'
  | 'counters'
  | 'outbox'
  | 'directory'
  | 'audit'
  | 'timers'
  | 'gaps';

export const TABLES: readonly TableName[] = [
  'state', 'reports', 'reportIndex', 'drafts', 'counters', 'outbox', 'directory', 'audit', 'timers', 'gaps',
];

export interface StoredRecord<T> {
  partition: string;
  key: string;
  value: T;
  etag: string;
}

export interface ListOptions {
  /** Only keys starting with this prefix. */
  keyPrefix?: string;
  /** Keys >= this value. */
  keyFrom?: string;
  /** Keys < this value. */
  keyTo?: string;
  /** At most this many, in ascending key order. */
  limit?: number;
}

export interface RecordStore {
  readonly kind: 'sqlite' | 'azure-table';
  get<T>(table: TableName, partition: string, key: string): Promise<StoredRecord<T> | undefined>;
  /** Creates a record; throws ConflictError if it already exists. */
  insert<T>(table: TableName, partition: string, key: string, value: T): Promise<StoredRecord<T>>;
  /** Replaces a record only if its etag still matches; throws ConflictError if stale, NotFoundError if gone. */
  update<T>(table: TableName, partition: string, key: string, value: T, etag: string): Promise<StoredRecord<T>>;
  /** Unconditional create-or-replace (used for bot state written with its own semantics). */
  upsert<T>(table: TableName, partition: string, key: string, value: T): Promise<StoredRecord<T>>;
  /** Deletes a record (if etag is given, only if it matches). Deleting a missing record is not an error. */
  delete(table: TableName, partition: string, key: string, etag?: string): Promise<void>;
  /** Records of one partition in ascending key order. */
  list<T>(table: TableName, partition: string, options?: ListOptions): Promise<StoredRecord<T>[]>;
  /** Every partition of a table (admin listing, workers scanning due work). Ascending (partition, key). */
  scan<T>(table: TableName, options?: { limit?: number }): Promise<StoredRecord<T>[]>;
  /** Throws if the backend cannot be reached (used by /healthz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class ConflictError extends Error {
  constructor(message = 'record changed or already exists') {
    super(message);
    this.name = 'ConflictError';
  }
}

export class NotFoundError extends Error {
  constructor(message = 'record not found') {
    super(message);
    this.name = 'NotFoundError';
  }
}

/**
 * Read-modify-write with optimistic concurrency: re-reads and retries on ConflictError.
 * `change` returns the new value, or undefined to leave the record as it is.
 */
export async function mutate<T>(
  store: RecordStore,
  table: TableName,
  partition: string,
  key: string,
  change: (current: T | undefined) => T | undefined,
  attempts = 8,
): Promise<StoredRecord<T> | undefined> {
  for (let i = 0; i < attempts; i++) {
    const current = await store.get<T>(table, partition, key);
    const next = change(current?.value);
    if (next === undefined) return current;
    try {
      return current
        ? await store.update(table, partition, key, next, current.etag)
        : await store.insert(table, partition, key, next);
    } catch (err) {
      if (!(err instanceof ConflictError) || i === attempts - 1) throw err;
    }
  }
  return undefined;
}
