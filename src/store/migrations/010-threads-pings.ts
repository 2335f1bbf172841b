import type { Migration } from './migration.js';
import { sqliteRebuild } from './sqlite-rebuild.js';

/** The outbox's columns before this migration, copied by name when SQLite rebuilds the table. */
const OUTBOX_COLUMNS = [
  'id',
  'subscription_id',
  'kind',
  'key',
  'alert_id',
  'digest_day',
  'digest_until',
  'status',
  'attempts',
  'next_attempt_at',
  'last_error',
  'message_id',
  'message_ids',
  'needs_update',
  'created_at',
  'sent_at',
];

const settings = (t: { big: string; flag: string; time: string; json: string; falsy: string }): string => `
CREATE TABLE alert_settings (
  subscription_id ${t.big} PRIMARY KEY REFERENCES subscriptions (id) ON DELETE CASCADE,
  threads ${t.flag} NOT NULL DEFAULT ${t.falsy},
  ping_target TEXT,
  ping_kinds ${t.json} NOT NULL,
  updated_at ${t.time} NOT NULL,
  updated_by TEXT NOT NULL
);`;

// SQLite cannot change a CHECK constraint in place: the outbox is rebuilt, its rows copied by name.
const sqlite = `${settings({ big: 'INTEGER', flag: 'INTEGER', time: 'INTEGER', json: 'TEXT', falsy: '0' })}
${sqliteRebuild({
  table: 'outbox',
  scratch: 'outbox_threads',
  definition: `
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  subscription_id INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('alert', 'digest', 'thread')),
  key TEXT NOT NULL UNIQUE,
  alert_id INTEGER REFERENCES alerts (id) ON DELETE CASCADE,
  digest_day TEXT,
  digest_until INTEGER,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'dropped')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT,
  message_id TEXT,
  message_ids TEXT,
  needs_update INTEGER NOT NULL DEFAULT 0 CHECK (needs_update IN (0, 1)),
  created_at INTEGER NOT NULL,
  sent_at INTEGER,
  item_id INTEGER REFERENCES items (id) ON DELETE CASCADE,
  UNIQUE (subscription_id, digest_day)`,
  columns: OUTBOX_COLUMNS,
  indexes: `
CREATE INDEX outbox_due ON outbox (status, next_attempt_at, id);
CREATE UNIQUE INDEX outbox_alert_once ON outbox (subscription_id, alert_id) WHERE kind = 'alert';
`,
})}`;

const postgres = `${settings({ big: 'BIGINT', flag: 'boolean', time: 'timestamptz', json: 'jsonb', falsy: 'false' })}
ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check,
  ADD CONSTRAINT outbox_kind_check CHECK (kind IN ('alert', 'digest', 'thread')),
  DROP CONSTRAINT outbox_subscription_id_alert_id_key,
  ADD COLUMN item_id BIGINT REFERENCES items (id) ON DELETE CASCADE;
CREATE UNIQUE INDEX outbox_alert_once ON outbox (subscription_id, alert_id) WHERE kind = 'alert';
`;

/**
 * Threads and pings (docs/decisions/024): per subscription, whether each new development's alert
 * opens a thread and which role or user group its alerts of chosen kinds mention (`alert_settings`,
 * one row per subscription, written by an admin's command). The outbox gains the kind `thread`: a
 * later source of a development, posted once as a reply in its alert's thread (`item_id` names the
 * source; `alert_id` the thread's alert, so one alert per subscription is now a partial unique index).
 */
export const threadsPings: Migration = { version: 10, name: 'threads-pings', sqlite, postgres };
