/**
 * RecordStore on Azure Table Storage, for several instances behind a load balancer. One physical
 * table per logical table (`${prefix}${TableName}`), PartitionKey/RowKey from the record's
 * partition/key (encoded: see keyCodec.ts), and the service's ETag as the record's etag, so a
 * stale write is refused by the service itself (412) rather than silently overwriting.
 *
 * Values are stored as JSON split over string properties json0..jsonN of at most CHUNK_CHARS
 * each (Azure caps a string property at 64 KiB = 32 Ki UTF-16 characters), with `chunks` = N+1.
 * MAX_VALUE_JSON_CHARS keeps the entity under Azure's 1 MiB: 500,000 chars = 1,000,000 bytes,
 * plus at most 2 x 1 KiB of keys and 16 x ~24 bytes of property overhead.
 *
 * ETags are the service's (W/"datetime'...'"); one of any other shape cannot match, and is
 * answered locally (ConflictError, or NotFoundError if the record is gone), as the service
 * would answer 400 rather than 412 for it.
 * Writes always Replace (never Merge), so a value that shrinks leaves no stale chunks.
 */
import { odata, RestError, TableClient, TableServiceClient } from '@azure/data-tables';
import type { TableServiceClientOptions, TableEntityResult } from '@azure/data-tables';
import {
  ConflictError, ListOptions, NotFoundError, RecordStore, StoredRecord, TableName, TABLES,
} from '../recordStore';
import { checkLimit, toJson } from '../valueJson';
import { prefixEnd } from '../keyRange';
import { decodeKey, encodeKey, MAX_ENCODED_KEY_CHARS } from './keyCodec';

export const CHUNK_CHARS = 32_000;
const MAX_PAGE = 1000; // the service's own maximum per page
const TABLE_NAME_MAX = 63;

export interface TableStoreOptions {
  /** Retries of failed requests (network errors, 5xx); the SDK's default when unset. */
  maxRetries?: number;
  /** ping() gives up after this long, so /healthz answers promptly. Default 5000 ms. */
  pingTimeoutMs?: number;
}

type Entity = { partitionKey: string; rowKey: string; chunks: number } & Record<string, string | number>;

const SERVICE_ETAG = /^W\/"datetime'[^'"]+'"$/;

function statusOf(err: unknown): number | undefined {
  return err instanceof RestError ? err.statusCode : undefined;
}

/** Plain http is allowed only when the connection string asks for it (Azurite, the emulator). */
function clientOptions(connectionString: string, options: TableStoreOptions): TableServiceClientOptions {
  const insecure = /(^|;)\s*(TableEndpoint\s*=\s*http:|DefaultEndpointsProtocol\s*=\s*http\s*(;|$))/i.test(connectionString);
  return {
    allowInsecureConnection: insecure,
    ...(options.maxRetries === undefined ? {} : { retryOptions: { maxRetries: options.maxRetries } }),
  };
}

export class TableRecordStore implements RecordStore {
  readonly kind = 'azure-table' as const;
  private closed = false;

  private constructor(
    private readonly clients: ReadonlyMap<TableName, TableClient>,
    private readonly pingTimeoutMs: number,
  ) {}

  /**
   * Connects and creates any missing tables. `prefix` (letters and digits, starting with a
   * letter) lets several deployments or test runs share one storage account.
   */
  static async connect(connectionString: string, prefix: string, options: TableStoreOptions = {}): Promise<TableRecordStore> {
    if (!connectionString.trim()) throw new Error('Azure Table Storage: the connection string is empty (set AZURE_STORAGE_CONNECTION_STRING)');
    const longest = Math.max(...TABLES.map((t) => t.length));
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(prefix) || prefix.length + longest > TABLE_NAME_MAX) {
      throw new Error(`Azure Table Storage: table prefix "${prefix}" must be letters and digits, start with a letter, and be at most ${TABLE_NAME_MAX - longest} characters`);
    }
    // The SDK writes into the options it is given, so each client gets its own object.
    const service = TableServiceClient.fromConnectionString(connectionString, clientOptions(connectionString, options));
    await Promise.all(TABLES.map(async (table) => {
      try {
        await service.createTable(prefix + table);
      } catch (err) {
        if (statusOf(err) === 409) return; // created meanwhile by another instance
        const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
        throw new Error(`Azure Table Storage at ${service.url}: cannot create table ${prefix + table}: ${reason}`, { cause: err });
      }
    }));
    const clients = new Map(TABLES.map((table) => [
      table, TableClient.fromConnectionString(connectionString, prefix + table, clientOptions(connectionString, options)),
    ]));
    return new TableRecordStore(clients, options.pingTimeoutMs ?? 5000);
  }

  private client(table: TableName): TableClient {
    if (this.closed) throw new Error('TableRecordStore is closed');
    const client = this.clients.get(table);
    if (!client) throw new Error(`unknown table "${table}"`);
    return client;
  }

  private encode(value: string, what: 'partition' | 'key'): string {
    const encoded = encodeKey(value);
    if (encoded.length > MAX_ENCODED_KEY_CHARS) {
      throw new RangeError(`${what} is too long for Azure Table Storage: ${encoded.length} characters once encoded (limit ${MAX_ENCODED_KEY_CHARS})`);
    }
    return encoded;
  }

  private entity(table: TableName, partition: string, key: string, value: unknown, op: string): { entity: Entity; json: string } {
    const json = toJson(value, `${table} ${op}`);
    const entity = {
      partitionKey: this.encode(partition, 'partition'),
      rowKey: this.encode(key, 'key'),
      chunks: Math.max(1, Math.ceil(json.length / CHUNK_CHARS)),
    } as Entity;
    for (let i = 0; i < entity.chunks; i++) entity[`json${i}`] = json.slice(i * CHUNK_CHARS, (i + 1) * CHUNK_CHARS);
    return { entity, json };
  }

  private toRecord<T>(e: TableEntityResult<Record<string, unknown>>): StoredRecord<T> {
    const partition = decodeKey(e.partitionKey as string);
    const key = decodeKey(e.rowKey as string);
    const chunks = e.chunks;
    let json = '';
    for (let i = 0; typeof chunks === 'number' && i < chunks; i++) {
      const part = e[`json${i}`];
      if (typeof part !== 'string') { json = ''; break; }
      json += part;
    }
    if (!json) throw new Error(`record ${partition}/${key} is not in trustline's format (chunks missing)`);
    return { partition, key, value: JSON.parse(json) as T, etag: e.etag };
  }

  async get<T>(table: TableName, partition: string, key: string): Promise<StoredRecord<T> | undefined> {
    try {
      const e = await this.client(table).getEntity<Record<string, unknown>>(this.encode(partition, 'partition'), this.encode(key, 'key'));
      return this.toRecord<T>(e);
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
  }

  async insert<T>(table: TableName, partition: string, key: string, value: T): Promise<StoredRecord<T>> {
    const { entity, json } = this.entity(table, partition, key, value, 'insert');
    try {
      const res = await this.client(table).createEntity(entity);
      return { partition, key, value: JSON.parse(json) as T, etag: res.etag as string };
    } catch (err) {
      if (statusOf(err) === 409) throw new ConflictError(`${table}/${partition}/${key} already exists`);
      throw err;
    }
  }

  async update<T>(table: TableName, partition: string, key: string, value: T, etag: string): Promise<StoredRecord<T>> {
    const { entity, json } = this.entity(table, partition, key, value, 'update');
    const where = `${table}/${partition}/${key}`;
    if (etag !== '*' && !SERVICE_ETAG.test(etag)) {
      if (await this.get(table, partition, key)) throw new ConflictError(`${where} changed since it was read`);
      throw new NotFoundError(`${where} not found`);
    }
    try {
      const res = await this.client(table).updateEntity(entity, 'Replace', { etag });
      return { partition, key, value: JSON.parse(json) as T, etag: res.etag as string };
    } catch (err) {
      const status = statusOf(err);
      if (status === 404) throw new NotFoundError(`${where} not found`);
      if (status === 412) throw new ConflictError(`${where} changed since it was read`);
      throw err;
    }
  }

  async upsert<T>(table: TableName, partition: string, key: string, value: T): Promise<StoredRecord<T>> {
    const { entity, json } = this.entity(table, partition, key, value, 'upsert');
    const res = await this.client(table).upsertEntity(entity, 'Replace');
    return { partition, key, value: JSON.parse(json) as T, etag: res.etag as string };
  }

  async delete(table: TableName, partition: string, key: string, etag = '*'): Promise<void> {
    if (etag !== '*' && !SERVICE_ETAG.test(etag)) {
      if (await this.get(table, partition, key)) throw new ConflictError(`${table}/${partition}/${key} changed since it was read`);
      return;
    }
    try {
      await this.client(table).deleteEntity(this.encode(partition, 'partition'), this.encode(key, 'key'), { etag });
    } catch (err) {
      const status = statusOf(err);
      if (status === 404) return;
      if (status === 412) throw new ConflictError(`${table}/${partition}/${key} changed since it was read`);
      throw err;
    }
  }

  async list<T>(table: TableName, partition: string, options: ListOptions = {}): Promise<StoredRecord<T>[]> {
    // The encoding preserves order and prefixes, so key ranges become RowKey ranges.
    const conditions = [odata`PartitionKey eq ${this.encode(partition, 'partition')}`];
    if (options.keyPrefix) {
      const encoded = encodeKey(options.keyPrefix);
      conditions.push(odata`RowKey ge ${encoded}`);
      // Encoded keys are printable ASCII and never end in a marker, so this bound exists.
      conditions.push(odata`RowKey lt ${prefixEnd(encoded) as string}`);
    }
    if (options.keyFrom !== undefined) conditions.push(odata`RowKey ge ${encodeKey(options.keyFrom)}`);
    if (options.keyTo !== undefined) conditions.push(odata`RowKey lt ${encodeKey(options.keyTo)}`);
    return this.query<T>(table, conditions.join(' and '), options.limit);
  }

  async scan<T>(table: TableName, options: { limit?: number } = {}): Promise<StoredRecord<T>[]> {
    return this.query<T>(table, undefined, options.limit);
  }

  /** Runs a query, page by page, in the service's (PartitionKey, RowKey) order. */
  private async query<T>(table: TableName, filter: string | undefined, limit: number | undefined): Promise<StoredRecord<T>[]> {
    const max = checkLimit(limit) ?? Infinity;
    const out: StoredRecord<T>[] = [];
    if (max === 0) return out;
    const pages = this.client(table)
      .listEntities<Record<string, unknown>>(filter ? { queryOptions: { filter } } : {})
      .byPage({ maxPageSize: Math.min(max, MAX_PAGE) });
    for await (const page of pages) {
      for (const e of page) {
        out.push(this.toRecord<T>(e));
        if (out.length >= max) return out;
      }
    }
    return out;
  }

  /** A query that matches nothing in one table: proves the endpoint, credentials and tables. */
  async ping(): Promise<void> {
    const pages = this.client('state')
      .listEntities({ queryOptions: { filter: odata`PartitionKey eq ${'~ping'}` }, abortSignal: AbortSignal.timeout(this.pingTimeoutMs) })
      .byPage({ maxPageSize: 1 });
    await pages.next();
  }

  /** Holds no connections of its own; later calls fail clearly, as on a closed SQLite store. */
  async close(): Promise<void> {
    this.closed = true;
  }
}
