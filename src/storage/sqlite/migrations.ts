/**
 * Schema migrations, applied in order at open and recorded in `user_version`, so an older
 * data file is upgraded in place and a newer one (from a later release) is refused.
 */
import type Database from 'better-sqlite3';

export const MIGRATIONS: readonly string[] = [
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

/**
 * Brings the file to SCHEMA_VERSION. Runs in one IMMEDIATE transaction, so two processes
 * opening a new file at once cannot both apply the same step, and a failed step leaves the
 * file as it was.
 */
export function migrate(db: Database.Database, migrations: readonly string[] = MIGRATIONS): void {
  const target = migrations.length;
  db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > target) {
      throw new Error(`The data file ${db.name} has schema version ${current}, newer than this trustline understands (${target}): it was written by a later release. Upgrade trustline (or restore a backup); the file was not changed.`);
    }
    for (let v = current; v < target; v++) db.exec(migrations[v]);
    if (current !== target) db.pragma(`user_version = ${target}`);
  }).immediate();
}
