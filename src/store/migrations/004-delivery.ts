import type { Migration } from './index.js';

/**
 * Delivery: channels that follow a story, and the outbox — one row per (alert, channel) and per
 * (digest, channel, day), unique, sent by the dispatcher and never twice.
 */
export const delivery: Migration = {
  version: 4,
  name: 'delivery',
  sqlite: `
CREATE TABLE subscriptions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  platform TEXT NOT NULL CHECK (platform IN ('discord', 'slack')),
  channel_id TEXT NOT NULL,
  story_id TEXT NOT NULL,
  alerts INTEGER NOT NULL CHECK (alerts IN (0, 1)),
  digest_time TEXT,
  time_zone TEXT,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'stopped')),
  stopped_reason TEXT,
  last_digest_at INTEGER,
  created_at INTEGER NOT NULL,
  UNIQUE (platform, channel_id, story_id)
);

CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  subscription_id INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('alert', 'digest')),
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
  UNIQUE (subscription_id, alert_id),
  UNIQUE (subscription_id, digest_day)
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at, id);
`,
  postgres: `
CREATE TABLE subscriptions (
  id BIGSERIAL PRIMARY KEY,
  platform TEXT NOT NULL CHECK (platform IN ('discord', 'slack')),
  channel_id TEXT NOT NULL,
  story_id TEXT NOT NULL,
  alerts SMALLINT NOT NULL CHECK (alerts IN (0, 1)),
  digest_time TEXT,
  time_zone TEXT,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'stopped')),
  stopped_reason TEXT,
  last_digest_at BIGINT,
  created_at BIGINT NOT NULL,
  UNIQUE (platform, channel_id, story_id)
);

CREATE TABLE outbox (
  id BIGSERIAL PRIMARY KEY,
  subscription_id BIGINT NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('alert', 'digest')),
  key TEXT NOT NULL UNIQUE,
  alert_id BIGINT REFERENCES alerts (id) ON DELETE CASCADE,
  digest_day TEXT,
  digest_until BIGINT,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'dropped')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  last_error TEXT,
  message_id TEXT,
  message_ids TEXT,
  needs_update SMALLINT NOT NULL DEFAULT 0 CHECK (needs_update IN (0, 1)),
  created_at BIGINT NOT NULL,
  sent_at BIGINT,
  UNIQUE (subscription_id, alert_id),
  UNIQUE (subscription_id, digest_day)
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at, id);
`,
};
