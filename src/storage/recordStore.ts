/**
 * The one storage interface the domain uses. Records are JSON documents addressed by
 * (table, partition, key), each with an opaque ETag. It maps 1:1 onto Azure Table Storage
 * (PartitionKey/RowKey/ETag) and onto SQLite (one table with a version column), so both
 * backends pass the same contract suite (test/storage/recordStore.contract.ts).
 *
 * Concurrency: `update` and `delete` with an etag are conditional; a stale etag throws
 * ConflictError and changes nothing, so callers re-read and retry (see `mutate`).
 *
 * Partitions and keys may be any string (the Azure backend encodes them); both backends order
 * them by Unicode code point. Values are JSON of at most MAX_VALUE_JSON_CHARS characters.
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
  | 'gaps'
  | 'choices';

export const TABLES: readonly TableName[] = [
  'state', 'reports', 'reportIndex', 'drafts', 'counters', 'outbox', 'directory', 'audit', 'timers', 'gaps', 'choices',
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
  /** At most this many (a whole number >= 0), in ascending key order. */
  limit?: number;
}

export interface RecordStore {
  readonly kind: 'sqlite' | 'azure-table';
  get<T>(table: TableName, partition: string, key: string): Promise<StoredRecord<T> | undefined>;
  /** Creates a record; throws ConflictError if it already exists. */
  insert<T>(table: TableName, partition: string, key: string, value: T): Promise<StoredRecord<T>>;
  /**
   * Replaces a record only if its etag still matches ('*' matches any); throws ConflictError if
   * stale, NotFoundError if gone.
   */
  update<T>(table: TableName, partition: string, key: string, value: T, etag: string): Promise<StoredRecord<T>>;
  /** Unconditional create-or-replace (used for bot state written with its own semantics). */
  upsert<T>(table: TableName, partition: string, key: string, value: T): Promise<StoredRecord<T>>;
  /**
   * Deletes a record; with an etag (other than '*') only if it still matches, else ConflictError.
   * Deleting a missing record is not an error.
   */
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
 * The largest value either backend accepts, in characters of its JSON. Set by Azure Table
 * Storage (1 MiB per entity, strings counted as UTF-16: 500,000 chars is 1,000,000 bytes plus
 * room for two 1 KiB keys and the chunk properties) and enforced by SQLite too, so nothing that
 * works on the embedded store fails later in production.
 */
export const MAX_VALUE_JSON_CHARS = 500_000;

export class ValueTooLargeError extends Error {
  constructor(public readonly jsonChars: number, where: string) {
    super(`${where}: value is ${jsonChars} characters of JSON; the limit is ${MAX_VALUE_JSON_CHARS} (Azure Table entity size). Store large content elsewhere or split it.`);
    this.name = 'ValueTooLargeError';
  }
}

/**
 * Read-modify-write with optimistic concurrency: re-reads and retries on ConflictError, after a
 * short random pause so writers that collided do not collide again in lockstep.
 * `change` returns the new value, or undefined to leave the record as it is; it may run several
 * times, so it must not have side effects. With N writers on one record, attempts = N always
 * suffices (each failed attempt is caused by another writer's success).
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
      // NotFound: deleted after our read (an outbox entry completed meanwhile): read again.
      if (!(err instanceof ConflictError || err instanceof NotFoundError) || i === attempts - 1) throw err;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 ** i)));
  }
  return undefined;
}
