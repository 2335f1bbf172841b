import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import type { Store } from '../ports.js';
import { composeStore, createDb } from '../sql/store.js';
import type { Dialect } from '../sql/schema.js';
import { applySqliteMigrations } from './migrate.js';

const MEMORY = ':memory:';
/** Prepared statements kept per connection (IN lists of many lengths make new texts; past this the cache starts over). */
const STATEMENT_CACHE = 500;

/** The Store on SQLite. */
export type SqliteStore = Store;

/** SQLite binds numbers, not Dates and booleans: times are epoch milliseconds, flags 0/1. */
function bindable(value: unknown): unknown {
  if (value instanceof Date) return value.getTime();
  return typeof value === 'boolean' ? Number(value) : value;
}

/** Write transactions take the write lock at BEGIN, so two processes on one file never deadlock upgrading a read. */
const sqlite: Dialect = {
  transaction: (db, work) =>
    db.connection().execute(async (tx) => {
      await sql`BEGIN IMMEDIATE`.execute(tx);
      try {
        const result = await work(tx);
        await sql`COMMIT`.execute(tx);
        return result;
      } catch (error) {
        await sql`ROLLBACK`.execute(tx).catch(() => undefined);
        throw error;
      }
    }),
  lockStory: async () => undefined,
  // FTS5 prefix terms ("mediat"*) OR-ed; the terms are letters and digits only, so quoting them is enough.
  matchSentences: async (db, storyId, terms, limit) => {
    const query = terms.map((t) => `"${t}"*`).join(' OR ');
    const { rows } = await sql<{ id: number }>`
      SELECT s.id FROM story_sentences_fts JOIN story_sentences AS s ON s.id = story_sentences_fts.rowid
      WHERE story_sentences_fts MATCH ${query} AND s.story_id = ${storyId}
      ORDER BY s.id DESC LIMIT ${limit}`.execute(db);
    return rows.map((r) => r.id);
  },
  exclusive: true,
};

/**
 * Opens (creating when needed) a SQLite database at `path`, or an in-memory one for `:memory:`,
 * and brings its schema up to date. File databases use WAL so readers never block the writer.
 * Throws StoreSchemaTooNewError when the file was migrated by a newer storywatch.
 */
export function openSqliteStore(path: string): SqliteStore {
  if (path !== MEMORY) mkdirSync(dirname(path), { recursive: true });
  const raw = new Database(path);
  try {
    if (path !== MEMORY) raw.pragma('journal_mode = WAL');
    raw.pragma('foreign_keys = ON');
    raw.pragma('busy_timeout = 5000');
    raw.pragma('synchronous = NORMAL');
    applySqliteMigrations(raw, path);
  } catch (error) {
    raw.close();
    throw error;
  }
  // Kysely compiles the same text for the same query shape: each is prepared once.
  const prepared = new Map<string, Database.Statement>();
  const database: SqliteDatabase = {
    close: () => raw.close(),
    prepare: (text) => {
      let statement = prepared.get(text);
      if (statement === undefined) {
        if (prepared.size >= STATEMENT_CACHE) prepared.clear();
        statement = raw.prepare(text);
        prepared.set(text, statement);
      }
      const ready = statement;
      return {
        reader: ready.reader,
        all: (params) => ready.all(...params.map(bindable)),
        run: (params) => ready.run(...params.map(bindable)),
        iterate: (params) => ready.iterate(...params.map(bindable)),
      };
    },
  };
  const db = createDb(new SqliteDialect({ database }));
  let closed = false;
  return composeStore(db, sqlite, async () => {
    if (closed) return;
    closed = true;
    await db.destroy();
  });
}
