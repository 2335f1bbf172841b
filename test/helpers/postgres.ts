import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL the tests use; CI starts it (.ci/run). Each test works in a schema of its own. */
export const PG_URL = process.env.STORYWATCH_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh, empty schema for one test. */
export interface TestSchema {
  /** The database URL (the schema is passed separately, as openPostgresStore's `schema`). */
  url: string;
  schema: string;
  /** Empties every table but schema_migrations and restarts their ids: as a newly migrated schema. */
  empty(): Promise<void>;
  /** Drops the schema and everything in it. */
  drop(): Promise<void>;
}

/** Runs `work` on a client of the test database, optionally inside `schema`; fails loudly when PostgreSQL is down. */
export async function withClient<T>(work: (client: pg.Client) => Promise<T>, schema?: string): Promise<T> {
  const client = new pg.Client({ connectionString: PG_URL, ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }) });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `PostgreSQL is not reachable at ${PG_URL} (${reason}). These tests need a running server: ` +
        'start it (pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start, as .ci/run does) ' +
        'or point STORYWATCH_TEST_PG_URL at one.',
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates a uniquely named schema (sw_test_<random>) for one test; with `create: false` only the
 * name is chosen (for a store to create it), and drop() still removes it.
 */
export async function createTestSchema(options: { create?: boolean } = {}): Promise<TestSchema> {
  const schema = `sw_test_${randomBytes(6).toString('hex')}`;
  if (options.create === false) await withClient(async () => undefined);
  else await withClient((client) => client.query(`CREATE SCHEMA ${schema}`));
  return {
    url: PG_URL,
    schema,
    empty: async () => {
      await withClient(async (client) => {
        const { rows } = await client.query<{ name: string }>(
          "SELECT tablename AS name FROM pg_tables WHERE schemaname = $1 AND tablename <> 'schema_migrations'",
          [schema],
        );
        if (rows.length > 0) await client.query(`TRUNCATE ${rows.map((r) => `${schema}.${r.name}`).join(', ')} RESTART IDENTITY CASCADE`);
      });
    },
    drop: async () => {
      await withClient((client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
    },
  };
}

/** Rows of a query run inside a test schema, to look at what the store wrote. */
export async function queryRows<R extends pg.QueryResultRow>(schema: string, text: string, values: unknown[] = []): Promise<R[]> {
  return withClient(async (client) => (await client.query<R>(text, values)).rows, schema);
}
