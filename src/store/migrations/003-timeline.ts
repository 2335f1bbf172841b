import { bothDialects } from './migration.js';

/**
 * Story timelines: developments, the items that reported each (sources), and the alerts decided.
 * Lists (kinds, actors, alert development ids) are JSON text, read back through zod.
 */
export const timeline = bothDialects(
  3,
  'timeline',
  ({ big, serial }) => `
CREATE TABLE developments (
  id ${serial},
  story_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  kinds TEXT NOT NULL,
  date TEXT NOT NULL,
  actors TEXT NOT NULL,
  label TEXT NOT NULL,
  summary TEXT NOT NULL,
  summary_lang TEXT NOT NULL,
  first_item_id ${big} REFERENCES items (id) ON DELETE SET NULL,
  created_at ${big} NOT NULL
);
CREATE INDEX developments_story_date ON developments (story_id, date, id);

CREATE TABLE development_sources (
  development_id ${big} NOT NULL REFERENCES developments (id) ON DELETE CASCADE,
  item_id ${big} NOT NULL REFERENCES items (id) ON DELETE CASCADE,
  lang TEXT NOT NULL,
  added_at ${big} NOT NULL,
  PRIMARY KEY (development_id, item_id)
);
CREATE INDEX development_sources_item ON development_sources (item_id);

CREATE TABLE alerts (
  id ${serial},
  story_id TEXT NOT NULL,
  item_id ${big} NOT NULL REFERENCES items (id) ON DELETE CASCADE,
  developments TEXT NOT NULL,
  context TEXT NOT NULL,
  created_at ${big} NOT NULL,
  UNIQUE (story_id, item_id)
);
`,
);
