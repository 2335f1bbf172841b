import type { Migration } from './migration.js';

const body = (t: { serial: string; big: string; time: string }): string => `
CREATE TABLE alert_labels (
  id ${t.serial},
  alert_id ${t.big} NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
  choice TEXT NOT NULL CHECK (choice IN ('off_topic', 'wrong_date')),
  platform TEXT NOT NULL CHECK (platform IN ('discord', 'slack')),
  tenant_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  at ${t.time} NOT NULL,
  UNIQUE (alert_id, platform, user_id, choice)
);
CREATE INDEX alert_labels_at ON alert_labels (at, id);
ALTER TABLE development_sources ADD COLUMN withdrawn_at ${t.time};
ALTER TABLE alerts ADD COLUMN withdrawn_at ${t.time};
ALTER TABLE alerts ADD COLUMN date_disputed_at ${t.time};
`;

/**
 * Readers' labels on alerts ("not this story", "wrong date"; docs/decisions/027): one row per
 * reader, alert and choice, never deleted. A source a reader said is not the story is withdrawn
 * (`development_sources.withdrawn_at`; the row stays); an alert three readers labeled is withdrawn
 * or its date disputed (`alerts.withdrawn_at`, `alerts.date_disputed_at`). Times are epoch
 * milliseconds on SQLite and timestamptz on PostgreSQL, as since migration 008.
 */
export const alertLabels: Migration = {
  version: 13,
  name: 'alert-labels',
  sqlite: body({ serial: 'INTEGER PRIMARY KEY AUTOINCREMENT', big: 'INTEGER', time: 'INTEGER' }),
  postgres: body({ serial: 'BIGSERIAL PRIMARY KEY', big: 'BIGINT', time: 'timestamptz' }),
};
