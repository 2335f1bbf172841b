import pg from 'pg';
import type { CustomTypesConfig, Pool } from 'pg';

/** PostgreSQL type OID of BIGINT (int8): ids, counts and epoch milliseconds. */
const INT8_OID = 20;
/** Schema names storywatch accepts: plain lower-case identifiers, the same unquoted and quoted. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** How the store's pool connects. */
export interface PoolOptions {
  /** Schema to work in (created when missing): set as `search_path` on every connection. */
  schema?: string;
  /** Connections at most (default 10). */
  poolSize?: number;
  /** Called with errors of idle connections (server restart, network); the pool replaces them. */
  onIdleError?: (error: Error) => void;
}

/** BIGINT values as numbers: storywatch's ids and epoch milliseconds are far below 2^53. */
function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`STORE_BIGINT_UNSAFE: ${text} does not fit a JavaScript number.`);
  return value;
}

/** The pool's own type parsers: pg's defaults except BIGINT, without touching pg's global parsers. */
const types: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? parseInt8 : pg.types.getTypeParser(oid, format as 'text')) as CustomTypesConfig['getTypeParser'],
};

/**
 * Text as PostgreSQL can store it: TEXT cannot hold U+0000, which feeds sometimes carry (SQLite
 * keeps it), so it is dropped rather than failing the whole batch.
 */
export function pgText<T extends string | null>(text: T): T {
  return (text === null ? null : text.replaceAll('\u0000', '')) as T;
}

/** Checks a schema name, so it can go into connection options and DDL as it is. */
export function checkSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(`STORE_SCHEMA_NAME_INVALID: "${schema}" is not a plain lower-case PostgreSQL identifier (a-z, 0-9, _; at most 63).`);
  }
  return schema;
}

/** Opens a pool on `url`; every connection parses BIGINT as a number and uses `schema` when given. */
export function createPool(url: string, options: PoolOptions = {}): Pool {
  const schema = options.schema === undefined ? undefined : checkSchemaName(options.schema);
  if (options.poolSize !== undefined && !(Number.isInteger(options.poolSize) && options.poolSize >= 1)) {
    throw new Error(`STORE_POOL_SIZE_INVALID: poolSize must be a whole number of at least 1, not ${options.poolSize}.`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    types,
    application_name: 'storywatch',
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // Without a listener an idle connection's error would crash the process; the pool drops that client.
  pool.on('error', (error) => options.onIdleError?.(error));
  return pool;
}

/** The URL without its password, with the schema, for messages. */
export function describeLocation(url: string, schema: string | undefined): string {
  let shown = 'PostgreSQL';
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    shown = parsed.toString();
  } catch {
    // Not a URL (key=value connection string): name no part of it.
  }
  return schema === undefined ? shown : `${shown} (schema ${schema})`;
}
