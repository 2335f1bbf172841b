import type { Migration } from './migration.js';

const body = (t: { serial: string; time: string; json: string }): string => `
CREATE TABLE ops_notices (
  id ${t.serial},
  key TEXT NOT NULL UNIQUE,
  platform TEXT NOT NULL CHECK (platform IN ('discord', 'slack')),
  channel_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  lines ${t.json} NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at ${t.time} NOT NULL,
  last_error TEXT,
  message_id TEXT,
  created_at ${t.time} NOT NULL,
  sent_at ${t.time}
);
CREATE INDEX ops_notices_due ON ops_notices (status, next_attempt_at, id);
CREATE TABLE ops_flags (
  name TEXT PRIMARY KEY,
  raised_at ${t.time} NOT NULL,
  detail TEXT NOT NULL
);
`;

/**
 * Notices for the operators (docs/decisions/026): one row per notice and ops channel, unique by
 * its idempotency key, sent and retried like the outbox but outside it (a notice belongs to no
 * subscription; the outbox is left as it is). `ops_flags` holds the trouble that is on now (a
 * failing feed, a platform's backlog), raised once and cleared once, so a notice goes out when the
 * trouble starts and when it ends, not on every failure. New tables only: nothing is rebuilt.
 */
export const opsNotices: Migration = {
  version: 12,
  name: 'ops-notices',
  sqlite: body({ serial: 'INTEGER PRIMARY KEY AUTOINCREMENT', time: 'INTEGER', json: 'TEXT' }),
  postgres: body({ serial: 'BIGSERIAL PRIMARY KEY', time: 'timestamptz', json: 'jsonb' }),
};
