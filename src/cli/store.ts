/** Opens the configured store (and directory) for one CLI command, and always closes it. */
import type { CliIo } from './io';
import { loadConfig, Config } from '../config';
import { createStore } from '../storage/createStore';
import type { RecordStore } from '../storage/recordStore';
import { Directory, loadDirectorySeed } from '../domain/directory/directory';
import { readingFrom } from './storeName';

export async function withStore<T>(io: CliIo, work: (store: RecordStore, directory: Directory, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig(io.env);
  io.err(readingFrom(config)); // which store, so an admin reading ./data by mistake sees it
  const store = await createStore(config);
  try {
    return await work(store, new Directory(store, loadDirectorySeed(config.directoryFile)), config);
  } finally {
    await store.close();
  }
}

export function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd()).join('\n');
}
