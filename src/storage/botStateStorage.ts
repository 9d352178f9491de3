/**
 * botbuilder `Storage` over the RecordStore, so teams-ai turn state lives in the same backend
 * as the records (survives restarts, shared by instances). Follows botbuilder's semantics:
 * an item whose eTag is missing or '*' is written unconditionally; any other eTag must match.
 */
import type { Storage, StoreItems } from 'botbuilder';
import { RecordStore, ConflictError } from './recordStore';

const KEY = 'v';

export class RecordBotStorage implements Storage {
  constructor(private readonly store: RecordStore) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    await Promise.all(keys.map(async (k) => {
      const rec = await this.store.get<Record<string, unknown>>('state', k, KEY);
      if (rec) items[k] = { ...rec.value, eTag: rec.etag };
    }));
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    await Promise.all(Object.entries(changes).map(async ([k, item]) => {
      const { eTag, ...value } = (item ?? {}) as Record<string, unknown> & { eTag?: string };
      if (!eTag || eTag === '*') {
        await this.store.upsert('state', k, KEY, value);
        return;
      }
      try {
        await this.store.update('state', k, KEY, value, eTag);
      } catch (err) {
        if (err instanceof ConflictError) throw new Error(`Storage: error writing "${k}" due to eTag conflict.`);
        throw err;
      }
    }));
  }

  async delete(keys: string[]): Promise<void> {
    await Promise.all(keys.map((k) => this.store.delete('state', k, KEY)));
  }
}
