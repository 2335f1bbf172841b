import { bothDialects } from './migration.js';

/**
 * Work in progress survives a crash. `feeds.lease_until` marks a feed one process is fetching
 * (others leave it alone until the lease ends, so a worker that died frees it). `items.pending`
 * marks an item stored but not yet matched and merged into the timelines (a process that died in
 * between leaves it for the next one); `items.baseline` says it came with its feed's first fetch,
 * so it builds the record without alerting. Items already stored are done.
 */
export const workState = bothDialects(
  5,
  'work-state',
  ({ big, flag }) => `
ALTER TABLE feeds ADD COLUMN lease_until ${big};
ALTER TABLE items ADD COLUMN pending ${flag} NOT NULL DEFAULT 0 CHECK (pending IN (0, 1));
ALTER TABLE items ADD COLUMN baseline ${flag} NOT NULL DEFAULT 0 CHECK (baseline IN (0, 1));
CREATE INDEX items_pending ON items (feed_id, id) WHERE pending = 1;
`,
);
