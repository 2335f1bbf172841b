import { bothDialects } from './migration.js';

/** Stop reasons the old rule wrote when a platform refused the token (not the channel's fault). */
const TOKEN_REASON = (column: string): string =>
  [
    "'DISCORD_UNAUTHORIZED%'",
    "'SLACK_UNAUTHORIZED%'",
    "'SLACK_FORBIDDEN%(missing_scope)%'",
    "'SLACK_FORBIDDEN%(not_allowed_token_type)%'",
    "'SLACK_FORBIDDEN%(ekm_access_denied)%'",
  ]
    .map((pattern) => `${column} LIKE ${pattern}`)
    .join(' OR ');

/**
 * The data half, the same on both backends: messages that the old rule dropped because the token
 * was refused (the one that hit the refusal, and those dropped behind it as "subscription stopped")
 * become pending again, in their order, and the subscriptions stopped for that reason are active again.
 */
const restoreTokenStops = `
UPDATE outbox SET status = 'pending'
 WHERE status = 'dropped'
   AND (${TOKEN_REASON('last_error')} OR ${TOKEN_REASON("REPLACE(last_error, 'subscription stopped: ', '')")})
   AND subscription_id IN (SELECT id FROM subscriptions WHERE status = 'stopped' AND (${TOKEN_REASON('stopped_reason')}));
UPDATE subscriptions SET status = 'active', stopped_reason = NULL
 WHERE status = 'stopped' AND (${TOKEN_REASON('stopped_reason')});
`;

/**
 * A refused token pauses delivery on its platform instead of stopping subscriptions: one row per
 * paused platform, shared by every process on the database and kept across restarts. Dispatchers
 * claim the next probe by moving `next_probe_at`, so one of them probes at a time.
 */
export const platformPauses = bothDialects(
  7,
  'platform-pauses',
  ({ big }) => `
CREATE TABLE platform_pauses (
  platform TEXT PRIMARY KEY CHECK (platform IN ('discord', 'slack')),
  code TEXT NOT NULL,
  reason TEXT NOT NULL,
  channel_id TEXT,
  paused_at ${big} NOT NULL,
  next_probe_at ${big} NOT NULL
);
${restoreTokenStops}`,
);
