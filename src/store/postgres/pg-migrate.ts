import type { Pool, PoolClient } from 'pg';
import { pendingMigrations, type Migration } from '../migrations/index.js';
import { checkSchemaName } from './pg-pool.js';

/**
 * Key of the advisory lock every storywatch process takes while migrating ('swmg'): workers
 * starting at once migrate one after the other, and the later ones find nothing left to do.
 */
export const MIGRATION_LOCK_KEY = 0x73776d67;

const createSchemaMigrations = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at BIGINT NOT NULL
)`;

/**
 * Brings a PostgreSQL schema up to the version this code knows. Each migration runs in its own
 * transaction that first takes the migration advisory lock and then re-reads what is applied, so
 * several workers may start together. `schema` (already on the connections' search_path) is
 * created when missing. Throws StoreSchemaTooNewError when the database is ahead of this code,
 * before changing anything.
 */
export async function applyPostgresMigrations(pool: Pool, location: string, schema?: string): Promise<void> {
  for (;;) {
    const client = await pool.connect();
    let next: Migration | undefined;
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      if (schema !== undefined) await ensureSchema(client, checkSchemaName(schema));
      await client.query(createSchemaMigrations);
      const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
      [next] = pendingMigrations(
        rows.map((r) => r.version),
        location,
      );
      if (next !== undefined) await apply(client, next);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    if (next === undefined) return;
  }
}

async function ensureSchema(client: PoolClient, schema: string): Promise<void> {
  // Look first: CREATE SCHEMA IF NOT EXISTS still needs the CREATE privilege on the database.
  const { rowCount } = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
  if (rowCount === 0) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
}

async function apply(client: PoolClient, migration: Migration): Promise<void> {
  await client.query(migration.postgres);
  await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [migration.version, migration.name, Date.now()]);
}
