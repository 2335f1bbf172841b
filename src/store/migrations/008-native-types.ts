import type { Migration } from './migration.js';

/** Epoch-millisecond BIGINT columns, by table, that become timestamptz. */
const TIMES: Record<string, string[]> = {
  feeds: ['last_fetch_at', 'next_check_at', 'created_at', 'lease_until', 'removed_at'],
  items: ['published_at', 'fetched_at'],
  item_matches: ['matched_at'],
  developments: ['created_at'],
  development_sources: ['added_at'],
  alerts: ['created_at'],
  subscriptions: ['last_digest_at', 'created_at', 'unsubscribed_at'],
  outbox: ['digest_until', 'next_attempt_at', 'created_at', 'sent_at'],
  feed_owners: ['added_at', 'removed_at'],
  audit: ['at'],
  platform_pauses: ['paused_at', 'next_probe_at'],
};
/** SMALLINT 0/1 columns that become boolean (their CHECK goes: the type says it), with their default. */
const FLAGS: [table: string, column: string, defaultValue: string | null][] = [
  ['feeds', 'baseline_done', 'false'],
  ['feeds', 'backfill', 'false'],
  ['feeds', 'operator_owned', 'true'],
  ['items', 'pending', 'false'],
  ['items', 'baseline', 'false'],
  ['item_matches', 'matched', null],
  ['subscriptions', 'alerts', null],
  ['outbox', 'needs_update', 'false'],
];
/** JSON text columns that become jsonb. */
const JSONS: [table: string, column: string][] = [
  ['item_matches', 'reasons'],
  ['developments', 'kinds'],
  ['developments', 'actors'],
  ['alerts', 'developments'],
  ['alerts', 'context'],
  ['outbox', 'message_ids'],
];

const postgres = [
  'DROP INDEX items_pending;',
  ...Object.entries(TIMES).map(
    ([table, columns]) => `ALTER TABLE ${table} ${columns.map((c) => `ALTER COLUMN ${c} TYPE timestamptz USING to_timestamp(${c} / 1000.0)`).join(', ')};`,
  ),
  ...FLAGS.map(
    ([table, c, value]) =>
      `ALTER TABLE ${table} DROP CONSTRAINT ${table}_${c}_check, ALTER COLUMN ${c} DROP DEFAULT, ALTER COLUMN ${c} TYPE boolean USING ${c} = 1` +
      `${value === null ? '' : `, ALTER COLUMN ${c} SET DEFAULT ${value}`};`,
  ),
  ...JSONS.map(([table, c]) => `ALTER TABLE ${table} ALTER COLUMN ${c} TYPE jsonb USING ${c}::jsonb;`),
  // Item keys sort in byte order, as on SQLite, without a COLLATE in every query.
  'ALTER TABLE items ALTER COLUMN key TYPE text COLLATE "C";',
  'CREATE INDEX items_pending ON items (feed_id, id) WHERE pending;',
].join('\n');

/**
 * PostgreSQL on its own types: times become timestamptz, 0/1 flags boolean, JSON text jsonb, and
 * item keys sort in byte order. Rows are converted in place. SQLite keeps INTEGER epoch
 * milliseconds, 0/1 and JSON text — its own way of storing them — so nothing changes there; the
 * shared queries bind Dates and booleans, and the SQLite connection turns them into numbers.
 */
export const nativeTypes: Migration = {
  version: 8,
  name: 'native-types',
  sqlite: '-- SQLite keeps its storage classes: nothing to convert.',
  postgres,
};
