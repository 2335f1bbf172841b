import { bothDialects } from './migration.js';

/**
 * Feeds with their fetch state, and the items they brought. Timestamps are INTEGER epoch
 * milliseconds and booleans are 0/1 integers, so rows read the same on every backend.
 */
export const feedsAndItems = bothDialects(
  1,
  'feeds-items',
  ({ big, flag, serial }) => `
CREATE TABLE feeds (
  id ${serial},
  url TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  language TEXT,
  interval_sec INTEGER NOT NULL,
  etag TEXT,
  last_modified TEXT,
  status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'ok', 'not_modified', 'error')),
  last_fetch_at ${big},
  last_error_code TEXT,
  last_error TEXT,
  error_count INTEGER NOT NULL DEFAULT 0,
  next_check_at ${big} NOT NULL,
  baseline_done ${flag} NOT NULL DEFAULT 0 CHECK (baseline_done IN (0, 1)),
  backfill ${flag} NOT NULL DEFAULT 0 CHECK (backfill IN (0, 1)),
  created_at ${big} NOT NULL
);
CREATE INDEX feeds_next_check_at ON feeds (next_check_at);

CREATE TABLE items (
  id ${serial},
  feed_id ${big} NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
  key TEXT NOT NULL UNIQUE,
  content_hash TEXT NOT NULL,
  guid TEXT,
  link TEXT,
  title TEXT NOT NULL,
  text TEXT NOT NULL,
  lang TEXT NOT NULL,
  lang_source TEXT NOT NULL,
  published_at ${big},
  fetched_at ${big} NOT NULL
);
CREATE UNIQUE INDEX items_feed_content_hash ON items (feed_id, content_hash);
CREATE INDEX items_fetched_at ON items (fetched_at, id);
`,
);
