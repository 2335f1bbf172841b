/** One step of the schema, with its SQL per backend. Applied once, in version order. */
export interface Migration {
  /** Strictly increasing, never reused. */
  version: number;
  /** Short kebab-case description, recorded in schema_migrations. */
  name: string;
  /** Statements for SQLite, run in one transaction. */
  sqlite: string;
  /** Statements for PostgreSQL, run in one transaction (same tables, columns and constraints). */
  postgres: string;
  /**
   * SQLite runs the statements with foreign keys off (SQLite's own recipe for rebuilding a table
   * others refer to: dropping the old one must not cascade), and checks them all before committing.
   */
  sqliteForeignKeysOff?: boolean;
}

/** Column types of migrations 001–007 per backend: ids, 0/1 flags, epoch-millisecond times and foreign ids, reals. */
export interface Types {
  serial: string;
  flag: string;
  big: string;
  real: string;
}

const TYPES: Record<'sqlite' | 'postgres', Types> = {
  sqlite: { serial: 'INTEGER PRIMARY KEY AUTOINCREMENT', flag: 'INTEGER', big: 'INTEGER', real: 'REAL' },
  postgres: { serial: 'BIGSERIAL PRIMARY KEY', flag: 'SMALLINT', big: 'BIGINT', real: 'DOUBLE PRECISION' },
};

/** A migration whose text is the same on both backends but for the column types. */
export function bothDialects(version: number, name: string, body: (types: Types) => string): Migration {
  return { version, name, sqlite: body(TYPES.sqlite), postgres: body(TYPES.postgres) };
}
