/**
 * botbuilder `Storage` over the RecordStore, so teams-ai turn state lives in the same backend
 * as the records (survives restarts, shared by instances). Follows botbuilder's semantics:
 * an item whose eTag is missing or '*' is written unconditionally; any other eTag must match
 * the stored one (if there is one), else the write throws botbuilder's eTag-conflict Error.
 */
import type { Storage, StoreItems } from 'botbuilder';
import { RecordStore, ConflictError, NotFoundError } from './recordStore';

const KEY = 'v';

export class RecordBotStorage implements Storage {
  constructor(private readonly store: RecordStore) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    const items: StoreItems = {};
    await Promise.all(keys.map(async (k) => {
      const rec = await this.store.get<Record<string, unknown>>('state', k, KEY);
      if (rec) items[k] = { ...rec.value, eTag: rec.etag };
    }));
    return items;
  }

  /**
   * As botbuilder's MemoryStorage: an item with no eTag or '*' is written unconditionally; an
   * item with an eTag is written if the stored one has that eTag or there is none stored.
   */
  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    await Promise.all(Object.entries(changes).map(async ([k, item]) => {
      const { eTag, ...value } = (item ?? {}) as Record<string, unknown> & { eTag?: string };
      if (!eTag || eTag === '*') {
        await this.store.upsert('state', k, KEY, value);
        return;
      }
      try {
        try {
          await this.store.update('state', k, KEY, value, eTag);
        } catch (err) {
          if (!(err instanceof NotFoundError)) throw err;
          await this.store.insert('state', k, KEY, value);
        }
      } catch (err) {
        if (err instanceof ConflictError) throw new Error(`Storage: error writing "${k}" due to eTag conflict.`);
        throw err;
      }
    }));
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    await Promise.all(keys.map((k) => this.store.delete('state', k, KEY)));
  }
}
