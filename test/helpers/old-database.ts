import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { migrations } from '../../src/store/migrations/index.js';
import type { Store } from '../../src/store/ports.js';

const MS = 1705665000123;

/**
 * Rows as storywatch wrote them up to migration 007 on both backends: epoch-millisecond times,
 * 0/1 flags, JSON in text. One statement per line (SQLite's exec and PostgreSQL take the lot).
 */
export const ROWS_BEFORE_008 = `
INSERT INTO feeds (url, name, language, interval_sec, status, error_count, next_check_at, baseline_done, backfill, created_at, last_fetch_at)
  VALUES ('https://www.dawn.com/feeds/home', 'Dawn', 'en', 600, 'ok', 0, 1705665600000, 1, 0, ${MS}, ${MS});
INSERT INTO items (feed_id, key, content_hash, title, text, lang, lang_source, published_at, fetched_at, pending, baseline)
  VALUES (1, 'url:https://www.dawn.com/news/1', 'h1', 'Iran strikes', 'Text.', 'en', 'declared', 1705440600250, ${MS}, 1, 0);
INSERT INTO item_matches (item_id, story_id, matched, score, reasons, matched_at) VALUES (1, 'story-one', 1, 0.75, '["actor:iran"]', ${MS});
INSERT INTO developments (story_id, kind, kinds, date, actors, label, summary, summary_lang, first_item_id, created_at)
  VALUES ('story-one', 'military_strike', '["military_strike"]', '2024-01-16', '["iran","pakistan"]', 'military strike: Iran → Pakistan', 'Iran struck.', 'en', 1, ${MS});
INSERT INTO development_sources (development_id, item_id, lang, added_at) VALUES (1, 1, 'en', ${MS});
INSERT INTO alerts (story_id, item_id, developments, context, created_at) VALUES ('story-one', 1, '[1]', '[]', ${MS});
INSERT INTO subscriptions (platform, channel_id, story_id, alerts, status, created_at) VALUES ('discord', 'c1', 'story-one', 1, 'active', ${MS});
INSERT INTO outbox (subscription_id, kind, key, alert_id, status, attempts, next_attempt_at, message_id, message_ids, needs_update, created_at, sent_at)
  VALUES (1, 'alert', 'alert:1:1', 1, 'sent', 1, ${MS}, 'm1', '["m1"]', 1, ${MS}, 1705665060000);
`;

/** The store reads the old rows as the domain values they were, and keeps working on them. */
export async function expectRowsBefore008Read(store: Store): Promise<void> {
  const at = new Date(MS);
  expect(await store.getFeed('https://www.dawn.com/feeds/home')).toMatchObject({
    id: 1,
    nextCheckAt: new Date(1705665600000),
    lastFetchAt: at,
    createdAt: at,
    baselineDone: true,
    backfill: false,
    operatorOwned: true,
    state: 'active',
  });
  expect(await store.pendingItems()).toMatchObject([{ id: 1, published: new Date(1705440600250), fetchedAt: at, baseline: false }]);
  expect(await store.listMatches('story-one')).toEqual([{ itemId: 1, storyId: 'story-one', matched: true, score: 0.75, reasons: ['actor:iran'], at }]);
  expect(await store.listDevelopments('story-one')).toMatchObject([
    { id: 1, kinds: ['military_strike'], actors: ['iran', 'pakistan'], sources: [1], createdAt: at },
  ]);
  expect(await store.listAlerts('story-one')).toEqual([
    { id: 1, storyId: 'story-one', itemId: 1, developments: [1], context: [], createdAt: at, withdrawnAt: null, dateDisputedAt: null },
  ]);
  expect(await store.listSubscriptions()).toMatchObject([{ id: 1, alerts: true, createdAt: at, lastDigestAt: null }]);
  expect(await store.listOutbox()).toMatchObject([{ id: 1, messageIds: ['m1'], needsUpdate: true, nextAttemptAt: at, sentAt: new Date(1705665060000) }]);
  await store.markProcessed([1]);
  expect(await store.pendingItems()).toEqual([]);
  const [next] = await store.insertItems(
    1,
    [
      {
        key: 'url:https://www.dawn.com/news/2',
        contentHash: 'h2',
        guid: null,
        link: null,
        title: 'Talks',
        text: 'Talks.',
        lang: 'en',
        langSource: 'declared',
        published: null,
      },
    ],
    at,
  );
  expect(next).toMatchObject({ id: 2, published: null });
  expect((await store.dueOutbox(at, 10)).map((r) => r.id)).toEqual([1]);
}

/**
 * A SQLite file as storywatch left it with only the migrations before `version` applied (and
 * recorded), open for the test to add rows: the next store opened on it runs the rest.
 */
export function sqliteBefore(file: string, version: number, options: { foreignKeys?: boolean } = {}): Database.Database {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  if (options.foreignKeys) db.pragma('foreign_keys = ON');
  db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  for (const m of migrations.filter((m) => m.version < version)) {
    db.exec(m.sqlite);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, 0)').run(m.version, m.name);
  }
  return db;
}
