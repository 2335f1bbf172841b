import { bothDialects } from './migration.js';

/**
 * Delivery: channels that follow a story, and the outbox — one row per (alert, channel) and per
 * (digest, channel, day), unique, sent by the dispatcher and never twice.
 */
export const delivery = bothDialects(
  4,
  'delivery',
  ({ big, flag, serial }) => `
CREATE TABLE subscriptions (
  id ${serial},
  platform TEXT NOT NULL CHECK (platform IN ('discord', 'slack')),
  channel_id TEXT NOT NULL,
  story_id TEXT NOT NULL,
  alerts ${flag} NOT NULL CHECK (alerts IN (0, 1)),
  digest_time TEXT,
  time_zone TEXT,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'stopped')),
  stopped_reason TEXT,
  last_digest_at ${big},
  created_at ${big} NOT NULL,
  UNIQUE (platform, channel_id, story_id)
);

CREATE TABLE outbox (
  id ${serial},
  subscription_id ${big} NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('alert', 'digest')),
  key TEXT NOT NULL UNIQUE,
  alert_id ${big} REFERENCES alerts (id) ON DELETE CASCADE,
  digest_day TEXT,
  digest_until ${big},
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'dropped')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at ${big} NOT NULL,
  last_error TEXT,
  message_id TEXT,
  message_ids TEXT,
  needs_update ${flag} NOT NULL DEFAULT 0 CHECK (needs_update IN (0, 1)),
  created_at ${big} NOT NULL,
  sent_at ${big},
  UNIQUE (subscription_id, alert_id),
  UNIQUE (subscription_id, digest_day)
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at, id);
`,
);
