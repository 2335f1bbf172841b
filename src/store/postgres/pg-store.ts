import type { Pool } from 'pg';
import { PostgresDialect, sql, type PostgresPool, type PostgresPoolClient } from 'kysely';
import type { Store } from '../ports.js';
import { composeStore, createDb } from '../sql/store.js';
import type { Dialect } from '../sql/schema.js';
import { applyPostgresMigrations } from './pg-migrate.js';
import { createPool, describeLocation, pgText, type PoolOptions } from './pg-pool.js';

/** Options of openPostgresStore. */
export type PostgresStoreOptions = PoolOptions;
/** The Store on PostgreSQL. */
export type PostgresStore = Store;

/** SQLSTATEs after which a whole transaction may simply be run again. */
const RETRYABLE = new Set(['40P01', '40001']);
const MAX_ATTEMPTS = 4;

const postgres: Dialect = {
  // A deadlock or serialization failure rolls everything back, so the work is run again from the start.
  transaction: async (db, work) => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await db.transaction().execute(work);
      } catch (error) {
        const code = (error as { code?: unknown } | null)?.code;
        if (attempt >= MAX_ATTEMPTS || typeof code !== 'string' || !RETRYABLE.has(code)) throw error;
      }
    }
  },
  // Two workers reporting the same new development one after the other, never both on the same old timeline.
  lockStory: async (tx, storyId) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`storywatch:timeline:${storyId}`}))`.execute(tx);
  },
  // Prefix lexemes ('mediat':*) OR-ed into a tsquery; the terms are letters and digits only, so quoting them is enough.
  matchSentences: async (db, storyId, terms, limit) => {
    const query = terms.map((t) => `'${t}':*`).join(' | ');
    const { rows } = await sql<{ id: number }>`
      SELECT id FROM story_sentences
      WHERE story_id = ${storyId} AND search @@ ${query}::tsquery
      ORDER BY id DESC LIMIT ${limit}`.execute(db);
    return rows.map((r) => Number(r.id));
  },
  // Read committed: another transaction's commits show up in later reads of this one.
  exclusive: false,
};

/** The pool as Kysely uses it, with text made storable (TEXT cannot hold U+0000: it is dropped). */
function storable(pool: Pool): PostgresPool {
  return {
    connect: async () => {
      const client = await pool.connect();
      return {
        query: (text: string, params: readonly unknown[]) =>
          client.query(
            text,
            params.map((v) => (typeof v === 'string' ? pgText(v) : v)),
          ),
        release: (destroy?: boolean) => client.release(destroy),
      } as unknown as PostgresPoolClient;
    },
    end: () => pool.end(),
  };
}

/**
 * Opens a pool on the PostgreSQL database at `url` and brings its schema up to date (several
 * workers may do so at once). `schema` confines the store to one schema (created when missing),
 * for tests or several tenants in one database; `poolSize` caps the connections (default 10).
 * Throws StoreSchemaTooNewError when the database was migrated by a newer storywatch.
 */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
  const pool = createPool(url, options);
  try {
    await applyPostgresMigrations(pool, describeLocation(url, options.schema), options.schema);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const db = createDb(new PostgresDialect({ pool: storable(pool) }));
  let closed = false;
  return composeStore(db, postgres, async () => {
    if (closed) return;
    closed = true;
    await db.destroy();
  });
}
