import { bothDialects } from './migration.js';

/** The matcher's decision on each new item for each story: kept for explanations and status. */
export const itemMatches = bothDialects(
  2,
  'item-matches',
  ({ big, flag, real }) => `
CREATE TABLE item_matches (
  item_id ${big} NOT NULL REFERENCES items (id) ON DELETE CASCADE,
  story_id TEXT NOT NULL,
  matched ${flag} NOT NULL CHECK (matched IN (0, 1)),
  score ${real} NOT NULL,
  reasons TEXT NOT NULL,
  matched_at ${big} NOT NULL,
  PRIMARY KEY (item_id, story_id)
);
CREATE INDEX item_matches_story ON item_matches (story_id, matched, item_id);
`,
);
