import type { Migration } from './index.js';

/**
 * Work in progress survives a crash. `feeds.lease_until` marks a feed one process is fetching
 * (others leave it alone until the lease ends, so a worker that died frees it). `items.pending`
 * marks an item stored but not yet matched and merged into the timelines (a process that died in
 * between leaves it for the next one); `items.baseline` says it came with its feed's first fetch,
 * so it builds the record without alerting. Items already stored are done.
 */
export const workState: Migration = {
  version: 5,
  name: 'work-state',
  sqlite: `
ALTER TABLE feeds ADD COLUMN lease_until INTEGER;
ALTER TABLE items ADD COLUMN pending INTEGER NOT NULL DEFAULT 0 CHECK (pending IN (0, 1));
ALTER TABLE items ADD COLUMN baseline INTEGER NOT NULL DEFAULT 0 CHECK (baseline IN (0, 1));
CREATE INDEX items_pending ON items (feed_id, id) WHERE pending = 1;
`,
  postgres: `
ALTER TABLE feeds ADD COLUMN lease_until BIGINT;
ALTER TABLE items ADD COLUMN pending SMALLINT NOT NULL DEFAULT 0 CHECK (pending IN (0, 1));
ALTER TABLE items ADD COLUMN baseline SMALLINT NOT NULL DEFAULT 0 CHECK (baseline IN (0, 1));
CREATE INDEX items_pending ON items (feed_id, id) WHERE pending = 1;
`,
};
