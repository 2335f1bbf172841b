/** A SQLite table rebuilt to a new definition, for what SQLite cannot ALTER in place (a CHECK constraint, a table UNIQUE). */
export interface SqliteRebuild {
  /** The table rebuilt; it keeps its name. */
  table: string;
  /** The new table's name until the old one is dropped and it is renamed to `table`. */
  scratch: string;
  /** The new table's columns and constraints: the lines between CREATE TABLE's parentheses. */
  definition: string;
  /** The old table's columns, copied by name into the new one. */
  columns: readonly string[];
  /** Statements recreating the old table's indexes on the renamed table (they go with the dropped one). */
  indexes?: string;
}

/**
 * The SQLite statements that rebuild a table (SQLite's own recipe): create the new one, copy the
 * rows by column name, continue the old AUTOINCREMENT sequence so that ids stay never reused, drop
 * the old table, rename the new one and recreate its indexes. A table that others refer to needs
 * the migration's `sqliteForeignKeysOff`, so that dropping the old one cascades nothing.
 */
export function sqliteRebuild({ table, scratch, definition, columns, indexes = '' }: SqliteRebuild): string {
  const names = columns.join(', ');
  const steps = `CREATE TABLE ${scratch} (
${definition.trim().replace(/^[ \t]*/gm, '  ')}
);
INSERT INTO ${scratch} (${names}) SELECT ${names} FROM ${table};
-- Ids stay never reused: the new table continues the old one's AUTOINCREMENT sequence.
INSERT INTO sqlite_sequence (name, seq) SELECT '${scratch}', seq FROM sqlite_sequence
 WHERE name = '${table}' AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = '${scratch}');
UPDATE sqlite_sequence SET seq = (SELECT seq FROM sqlite_sequence WHERE name = '${table}')
 WHERE name = '${scratch}' AND seq < (SELECT seq FROM sqlite_sequence WHERE name = '${table}');
DROP TABLE ${table};
ALTER TABLE ${scratch} RENAME TO ${table};
`;
  return indexes.trim() === '' ? steps : `${steps}${indexes.trim()}\n`;
}
