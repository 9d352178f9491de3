/** Placeholder until the Azure Table backend lands (same contract as SQLite). */
import type { RecordStore } from '../recordStore';

export const TableRecordStore = {
  async connect(_connectionString: string, _prefix: string): Promise<RecordStore> {
    throw new Error('STORAGE=azure-table is not available in this build yet');
  },
};
