/**
 * Schema migrations, applied in order at open and recorded in `user_version`, so an older
 * data file is upgraded in place and a newer one (from a later release) is refused.
 */
import type Database from 'better-sqlite3';

const MIGRATIONS: string[] = [
  // 1: the records table. Keys compare as BINARY so ordering matches Azure Table Storage.
  `CREATE TABLE records (
     tbl TEXT NOT NULL,
     partition TEXT NOT NULL,
     key TEXT NOT NULL,
     value TEXT NOT NULL,
     version INTEGER NOT NULL,
     PRIMARY KEY (tbl, partition, key)
   ) WITHOUT ROWID`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new Error(`The data file has schema version ${current}, newer than this trustline (${SCHEMA_VERSION}). Upgrade trustline.`);
  }
  for (let v = current; v < SCHEMA_VERSION; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
