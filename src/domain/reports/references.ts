/**
 * Reference numbers: `${PREFIX}-${YEAR}-${NNNN}` from one counter per prefix per year, taken
 * with optimistic concurrency (ETag), so concurrent filings on any number of instances get
 * distinct numbers. A number taken by a filing that then loses a race (the same submission
 * filed twice at once) is not reused: numbers never repeat, and may skip.
 */
import type { RecordStore } from '../../storage/recordStore';
import { ConflictError } from '../../storage/recordStore';

interface Counter {
  next: number;
}

export const counterPartition = (prefix: string): string => `ref:${prefix}`;

export function formatRef(prefix: string, year: number, n: number): string {
  return `${prefix}-${year}-${String(n).padStart(4, '0')}`;
}

/** Takes the next number for `prefix` in `year` and returns the reference. */
export async function allocateRef(store: RecordStore, prefix: string, year: number, maxAttempts = 200): Promise<string> {
  const partition = counterPartition(prefix);
  const key = String(year);
  for (let i = 0; i < maxAttempts; i++) {
    const current = await store.get<Counter>('counters', partition, key);
    const n = current?.value.next ?? 1;
    try {
      if (current) await store.update<Counter>('counters', partition, key, { next: n + 1 }, current.etag);
      else await store.insert<Counter>('counters', partition, key, { next: n + 1 });
      return formatRef(prefix, year, n);
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
    }
    // Random, growing pause so colliding writers spread out instead of colliding again.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(100, 2 ** Math.min(i, 7))));
  }
  throw new Error(`Could not take a reference number for ${prefix}-${year} after ${maxAttempts} attempts`);
}
