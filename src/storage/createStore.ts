/** Picks the records backend from configuration. */
import type { Config } from '../config';
import type { RecordStore } from './recordStore';
import { SqliteRecordStore } from './sqlite/sqliteStore';

export async function createStore(config: Config): Promise<RecordStore> {
  if (config.storage === 'azure-table') {
    // Loaded lazily so the embedded default never pays for the Azure SDK (~125 ms). A plain
    // require, not import(): under tsx's CommonJS hook (tests, `npm run dev`) import() goes to
    // Node's ESM loader, which cannot resolve the .ts file.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { TableRecordStore } = require('./azureTable/tableStore') as typeof import('./azureTable/tableStore');
    return TableRecordStore.connect(config.azureStorageConnectionString ?? '', config.tablePrefix);
  }
  return SqliteRecordStore.inDirectory(config.dataDir);
}
