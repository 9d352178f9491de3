/**
 * Which store a CLI command reads, said on stderr (so --json output stays clean): after trying
 * the Playground, `./data` may hold nothing the admin expected, and "No reports" alone hides why.
 * The Azure connection string is a secret: only its account name is shown.
 */
import path from 'node:path';
import type { Config } from '../config';

export function storeName(config: Config): string {
  if (config.storage === 'azure-table') {
    const account = /(?:^|;)\s*AccountName=([^;]+)/i.exec(config.azureStorageConnectionString ?? '')?.[1] ?? 'unknown account';
    return `Azure tables "${config.tablePrefix}*" in storage account ${account} (STORAGE=azure-table, AZURE_TABLE_PREFIX)`;
  }
  return `SQLite ${path.join(config.dataDir, 'trustline.sqlite')} (TRUSTLINE_DATA_DIR)`;
}

/** The stderr line each store-reading command prints first. */
export function readingFrom(config: Config): string {
  return `Reading ${storeName(config)}`;
}
