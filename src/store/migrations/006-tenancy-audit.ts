import { bothDialects, type Types } from './migration.js';

const body = ({ flag, big, serial }: Types): string => `
ALTER TABLE feeds ADD COLUMN origin TEXT NOT NULL DEFAULT 'added' CHECK (origin IN ('config', 'added'));
ALTER TABLE feeds ADD COLUMN operator_owned ${flag} NOT NULL DEFAULT 1 CHECK (operator_owned IN (0, 1));
ALTER TABLE feeds ADD COLUMN state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'paused', 'removed'));
ALTER TABLE feeds ADD COLUMN paused_reason TEXT;
ALTER TABLE feeds ADD COLUMN removed_at ${big};
ALTER TABLE feeds ADD COLUMN not_found_count INTEGER NOT NULL DEFAULT 0;

CREATE TABLE feed_owners (
  feed_id ${big} NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
  platform TEXT NOT NULL CHECK (platform IN ('discord', 'slack')),
  tenant_id TEXT NOT NULL,
  added_by TEXT NOT NULL,
  added_at ${big} NOT NULL,
  removed_at ${big},
  removed_by TEXT,
  PRIMARY KEY (feed_id, platform, tenant_id)
);
CREATE INDEX feed_owners_tenant ON feed_owners (platform, tenant_id);

ALTER TABLE subscriptions ADD COLUMN tenant_id TEXT;
ALTER TABLE subscriptions ADD COLUMN unsubscribed_at ${big};
ALTER TABLE subscriptions ADD COLUMN unsubscribed_by TEXT;

CREATE TABLE audit (
  id ${serial},
  at ${big} NOT NULL,
  platform TEXT NOT NULL CHECK (platform IN ('discord', 'slack', 'cli')),
  tenant_id TEXT,
  user_id TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT,
  outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'refused', 'error')),
  detail TEXT
);
CREATE INDEX audit_at ON audit (at, id);
`;

/**
 * Tenancy and audit. A feed is one row per URL (fetched once); `feed_owners` says which Discord
 * servers and Slack workspaces added it, each seeing only its own; `operator_owned` marks feeds of
 * feeds.yml and the CLI, changed only by operators. Feeds carry where they came from and their
 * state (active, paused with a reason, removed: soft-deleted, items kept). Subscriptions carry their
 * tenant and who unsubscribed them (rows are kept). `audit` records every change and refusal.
 * Feeds that existed before are operator-level, as only operators could add them.
 */
export const tenancyAudit = bothDialects(6, 'tenancy-audit', body);
