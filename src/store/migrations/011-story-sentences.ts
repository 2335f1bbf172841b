import type { Migration } from './migration.js';

const table = (t: { serial: string; big: string }): string => `
CREATE TABLE story_sentences (
  id ${t.serial},
  story_id TEXT NOT NULL,
  item_id ${t.big} NOT NULL REFERENCES items (id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  lang TEXT NOT NULL,
  text TEXT NOT NULL,
  tokens TEXT NOT NULL,
  UNIQUE (story_id, item_id, ord)
);
CREATE INDEX story_sentences_item ON story_sentences (item_id);
`;

/** SQLite: an FTS5 index over the tokens (external content), kept in step by triggers. */
const sqlite = `${table({ serial: 'INTEGER PRIMARY KEY AUTOINCREMENT', big: 'INTEGER' })}
CREATE VIRTUAL TABLE story_sentences_fts USING fts5 (tokens, content = 'story_sentences', content_rowid = 'id', tokenize = 'ascii');
CREATE TRIGGER story_sentences_ai AFTER INSERT ON story_sentences BEGIN
  INSERT INTO story_sentences_fts (rowid, tokens) VALUES (new.id, new.tokens);
END;
CREATE TRIGGER story_sentences_ad AFTER DELETE ON story_sentences BEGIN
  INSERT INTO story_sentences_fts (story_sentences_fts, rowid, tokens) VALUES ('delete', old.id, old.tokens);
END;
`;

/** PostgreSQL: a tsvector of the same tokens (no parser, no stemming), with a GIN index. */
const postgres = `${table({ serial: 'BIGSERIAL PRIMARY KEY', big: 'BIGINT' })}
ALTER TABLE story_sentences ADD COLUMN search tsvector GENERATED ALWAYS AS (array_to_tsvector(string_to_array(tokens, ' '))) STORED;
CREATE INDEX story_sentences_search ON story_sentences USING GIN (search);
`;

/**
 * The sentences of the items matched to each story, for answering questions from the sources
 * (docs/decisions/025): one row per (story, item, sentence), with its language and its search
 * tokens (core/text/search-tokens.ts, space-separated). The full-text index is each backend's own:
 * SQLite FTS5 with the `ascii` tokenizer (which only splits on the spaces between our tokens),
 * PostgreSQL a generated tsvector of exactly those tokens under a GIN index. Rows go with their item.
 */
export const storySentences: Migration = { version: 11, name: 'story-sentences', sqlite, postgres };
