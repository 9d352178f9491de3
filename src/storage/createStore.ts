/** Picks the records backend from configuration. */
import type { Config } from '../config';
import type { RecordStore } from './recordStore';
import { SqliteRecordStore } from './sqlite/sqliteStore';

export async function createStore(config: Config): Promise<RecordStore> {
  if (config.storage === 'azure-table') {
    // Loaded lazily so the embedded default never pays for the Azure SDK.
    const { TableRecordStore } = await import('./azureTable/tableStore');
    return TableRecordStore.connect(config.azureStorageConnectionString ?? '', config.tablePrefix);
  }
  return SqliteRecordStore.inDirectory(config.dataDir);
}
