import type { Database } from 'better-sqlite3';
import { pendingMigrations } from '../migrations/index.js';

const createSchemaMigrations = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at INTEGER NOT NULL
)`;

/** Throws (rolling the migration back) when a row refers to one that is not there. */
function checkForeignKeys(db: Database, name: string): void {
  const broken = db.pragma('foreign_key_check') as { table: string; parent: string }[];
  const first = broken[0];
  if (first) throw new Error(`migration ${name} would leave ${broken.length} row(s) of ${first.table} without their ${first.parent} row`);
}

/**
 * Brings a SQLite database up to the schema this code knows. Each migration runs in its own
 * write-locked transaction and re-checks that no other process applied it meanwhile, so opening
 * the same file from two processes is safe. Throws StoreSchemaTooNewError when the database is
 * ahead of this code, before changing anything.
 */
export function applySqliteMigrations(db: Database, location: string): void {
  db.exec(createSchemaMigrations);
  const applied = db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[];
  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').pluck();
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of pendingMigrations(applied, location)) {
    // The pragma is a no-op inside a transaction: it is set around it.
    const keysOff = migration.sqliteForeignKeysOff === true && db.pragma('foreign_keys', { simple: true }) === 1;
    if (keysOff) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        if (isApplied.get(migration.version) !== undefined) return;
        db.exec(migration.sqlite);
        if (keysOff) checkForeignKeys(db, migration.name);
        record.run(migration.version, migration.name, Date.now());
      }).immediate();
    } finally {
      if (keysOff) db.pragma('foreign_keys = ON');
    }
  }
}
