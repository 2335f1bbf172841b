import type { Database } from 'better-sqlite3';
import { pendingMigrations } from '../migrations/index.js';

const createSchemaMigrations = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at INTEGER NOT NULL
)`;

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
    db.transaction(() => {
      if (isApplied.get(migration.version) !== undefined) return;
      db.exec(migration.sqlite);
      record.run(migration.version, migration.name, Date.now());
    }).immediate();
  }
}
