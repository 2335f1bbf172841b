import type { Migration } from './migration.js';
import { sqliteRebuild } from './sqlite-rebuild.js';

/** The subscriptions' columns before this migration (migration 009's `language` included), copied by name when SQLite rebuilds the table. */
const SUBSCRIPTION_COLUMNS = [
  'id',
  'platform',
  'channel_id',
  'story_id',
  'alerts',
  'digest_time',
  'time_zone',
  'status',
  'stopped_reason',
  'last_digest_at',
  'created_at',
  'tenant_id',
  'unsubscribed_at',
  'unsubscribed_by',
  'language',
];

const targets = (t: { serial: string; time: string }): string => `
CREATE TABLE webhook_targets (
  id ${t.serial},
  url TEXT NOT NULL,
  secret TEXT NOT NULL,
  tenant_id TEXT,
  created_by TEXT NOT NULL,
  created_at ${t.time} NOT NULL
);`;

// SQLite cannot change a CHECK constraint in place: subscriptions is rebuilt, its rows copied by
// name, with foreign keys off so that dropping the old table does not cascade to the outbox.
const sqlite = `${targets({ serial: 'INTEGER PRIMARY KEY AUTOINCREMENT', time: 'INTEGER' })}
${sqliteRebuild({
  table: 'subscriptions',
  scratch: 'subscriptions_webhooks',
  definition: `
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  platform TEXT NOT NULL CHECK (platform IN ('discord', 'slack', 'webhook')),
  channel_id TEXT NOT NULL,
  story_id TEXT NOT NULL,
  alerts INTEGER NOT NULL CHECK (alerts IN (0, 1)),
  digest_time TEXT,
  time_zone TEXT,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'stopped')),
  stopped_reason TEXT,
  last_digest_at INTEGER,
  created_at INTEGER NOT NULL,
  tenant_id TEXT,
  unsubscribed_at INTEGER,
  unsubscribed_by TEXT,
  language TEXT NOT NULL DEFAULT 'en',
  UNIQUE (platform, channel_id, story_id)`,
  columns: SUBSCRIPTION_COLUMNS,
})}`;

const postgres = `${targets({ serial: 'BIGSERIAL PRIMARY KEY', time: 'timestamptz' })}
ALTER TABLE subscriptions DROP CONSTRAINT subscriptions_platform_check,
  ADD CONSTRAINT subscriptions_platform_check CHECK (platform IN ('discord', 'slack', 'webhook'));
`;

/**
 * Webhooks out (docs/decisions/030): `webhook_targets` holds each target's URL and signing secret,
 * and a subscription may have the platform `webhook`, its channel id the target's id. Its alerts
 * and digests go through the outbox like any channel's.
 */
export const webhooks: Migration = { version: 14, name: 'webhooks', sqlite, postgres, sqliteForeignKeysOff: true };
