import type { Migration } from './index.js';

/** The matcher's decision on each new item for each story: kept for explanations and status. */
export const itemMatches: Migration = {
  version: 2,
  name: 'item-matches',
  sqlite: `
CREATE TABLE item_matches (
  item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
  story_id TEXT NOT NULL,
  matched INTEGER NOT NULL CHECK (matched IN (0, 1)),
  score REAL NOT NULL,
  reasons TEXT NOT NULL,
  matched_at INTEGER NOT NULL,
  PRIMARY KEY (item_id, story_id)
);
CREATE INDEX item_matches_story ON item_matches (story_id, matched, item_id);
`,
  postgres: `
CREATE TABLE item_matches (
  item_id BIGINT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
  story_id TEXT NOT NULL,
  matched SMALLINT NOT NULL CHECK (matched IN (0, 1)),
  score DOUBLE PRECISION NOT NULL,
  reasons TEXT NOT NULL,
  matched_at BIGINT NOT NULL,
  PRIMARY KEY (item_id, story_id)
);
CREATE INDEX item_matches_story ON item_matches (story_id, matched, item_id);
`,
};
