import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Connection, Statement } from 'better-sqlite3';
import type { AuditEntry, AuditRecord } from '../../core/audit.js';
import type { FeedInput, FeedOwner, FeedRecord } from '../../core/feed.js';
import type { Alert, Development, TimelineEntry, TimelinePlan, TimelineUpdate } from '../../core/development.js';
import type { Item, StoredItem } from '../../core/item.js';
import type { Result } from '../../core/result.js';
import type { DigestRequest, OutboxBacklog, OutboxRow, Platform, PlatformPause, Subscription, SubscriptionInput } from '../../core/subscription.js';
import type { AddFeedOptions, DeliveryUpdate, FetchStateUpdate, ItemMatchRecord, RemoveFeedOptions, Store } from '../ports.js';
import { SqliteFeedLifecycle } from './sqlite-feed-lifecycle.js';
import { applySqliteMigrations } from './migrate.js';
import { countRow, feedIdRow, feedRow, itemMatchRow, itemRow, parseRow } from '../rows/rows.js';
import { SqliteDelivery } from './sqlite-delivery.js';
import { SqlitePauses } from './sqlite-pauses.js';
import { SqliteTimeline } from './sqlite-timeline.js';
import { NOT_IN_CONFIG } from '../../core/feed.js';

const MEMORY = ':memory:';
/** True (in an UPDATE of feeds) when a configured feed comes back from removal or from being dropped from feeds.yml. */
const CONFIG_RETURNS = `(state = 'removed' OR (state = 'paused' AND paused_reason = '${NOT_IN_CONFIG}'))`;
/** SQLite reads a negative LIMIT as "no limit". */
const NO_LIMIT = -1;
/** Pending items in publication order: undated ones after dated ones, ties by item key (byte order), then id. */
const PUBLICATION_ORDER = 'ORDER BY published_at IS NULL, published_at, key, id';

/**
 * Opens (creating when needed) a SQLite database at `path`, or an in-memory one for `:memory:`,
 * and brings its schema up to date. File databases use WAL so readers never block the writer.
 * Throws StoreSchemaTooNewError when the file was migrated by a newer storywatch.
 */
export function openSqliteStore(path: string): SqliteStore {
  if (path !== MEMORY) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    if (path !== MEMORY) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    applySqliteMigrations(db, path);
    return new SqliteStore(db);
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The Store on a better-sqlite3 connection whose schema is already migrated. */
export class SqliteStore implements Store {
  private readonly sql: ReturnType<typeof prepareStatements>;
  private readonly timeline: SqliteTimeline;
  private readonly delivery: SqliteDelivery;
  private readonly pauses: SqlitePauses;
  private readonly lifecycle: SqliteFeedLifecycle;

  /** Prepares every statement once; use openSqliteStore rather than calling this directly. */
  constructor(private readonly db: Connection) {
    this.sql = prepareStatements(db);
    this.timeline = new SqliteTimeline(db);
    this.delivery = new SqliteDelivery(db);
    this.pauses = new SqlitePauses(db);
    this.lifecycle = new SqliteFeedLifecycle(db);
  }

  async addFeed(input: FeedInput, now: Date, options: AddFeedOptions = {}): Promise<Result<FeedRecord>> {
    return this.lifecycle.addFeed(input, now, options);
  }

  async syncFeeds(inputs: FeedInput[], now: Date): Promise<FeedRecord[]> {
    const sync = this.db.transaction((list: FeedInput[]) => {
      const synced = list.map((input) => {
        const row =
          this.sql.updateFeedConfig.get({ ...feedConfigParams(input), now: now.getTime() }) ??
          this.sql.insertFeed.get(newFeedParams(input, now, false));
        return parseRow(feedRow, 'feeds', row);
      });
      this.sql.pauseDroppedConfigFeeds.run(JSON.stringify(list.map((f) => f.url)));
      return synced;
    });
    return sync.immediate(inputs);
  }

  async getFeed(idOrUrl: number | string): Promise<FeedRecord | null> {
    const row = typeof idOrUrl === 'number' ? this.sql.feedById.get(idOrUrl) : this.sql.feedByUrl.get(idOrUrl);
    return row === undefined ? null : parseRow(feedRow, 'feeds', row);
  }

  async listFeeds(): Promise<FeedRecord[]> {
    return this.sql.allFeeds.all().map((row) => parseRow(feedRow, 'feeds', row));
  }

  async listFeedOwners(feedId?: number): Promise<FeedOwner[]> {
    return this.lifecycle.listFeedOwners(feedId);
  }

  async removeFeed(idOrUrl: number | string, options: RemoveFeedOptions = {}): Promise<boolean> {
    return this.lifecycle.removeFeed(idOrUrl, options);
  }

  async purgeFeed(idOrUrl: number | string): Promise<boolean> {
    return this.lifecycle.purgeFeed(idOrUrl);
  }

  async setFeedState(feedId: number, state: 'active' | 'paused', reason: string | null, at: Date): Promise<FeedRecord | null> {
    return this.lifecycle.setFeedState(feedId, state, reason, at);
  }

  async dueFeeds(now: Date, limit?: number): Promise<FeedRecord[]> {
    return this.sql.dueFeeds.all({ now: now.getTime(), limit: toLimit(limit) }).map((row) => parseRow(feedRow, 'feeds', row));
  }

  async claimFeed(feedId: number, now: Date, until: Date, options: { dueOnly?: boolean } = {}): Promise<FeedRecord | null> {
    const row = this.sql.claimFeed.get({ id: feedId, now: now.getTime(), until: until.getTime(), dueOnly: toFlag(options.dueOnly ?? false) });
    return row === undefined ? null : parseRow(feedRow, 'feeds', row);
  }

  /** Updates the feed's fetch state; a feed removed while it was being fetched is left removed. */
  async recordFetch(feedId: number, update: FetchStateUpdate): Promise<void> {
    this.sql.recordFetch.run({
      id: feedId,
      status: update.status,
      at: update.at.getTime(),
      keepEtag: update.etag === undefined ? 1 : 0,
      etag: update.etag ?? null,
      keepLastModified: update.lastModified === undefined ? 1 : 0,
      lastModified: update.lastModified ?? null,
      errorCode: update.errorCode,
      error: update.error,
      errorCount: update.errorCount,
      nextCheckAt: update.nextCheckAt.getTime(),
      baselineDone: update.baselineDone === undefined ? null : toFlag(update.baselineDone),
      notFoundCount: update.notFoundCount ?? 0,
      pause: update.pause ?? null,
    });
  }

  async insertItems(feedId: number, items: Item[], fetchedAt: Date, options: { baseline?: boolean } = {}): Promise<StoredItem[]> {
    const baseline = toFlag(options.baseline ?? false);
    const insert = this.db.transaction((list: Item[]) => {
      const stored: StoredItem[] = [];
      for (const item of list) {
        const row = this.sql.insertItem.get({ ...itemParams(feedId, item, fetchedAt), baseline });
        if (row !== undefined) stored.push(parseRow(itemRow, 'items', row));
      }
      return stored;
    });
    return insert.immediate(items);
  }

  async pendingItems(options: { feedId?: number; limit?: number } = {}): Promise<StoredItem[]> {
    const limit = toLimit(options.limit);
    const rows = options.feedId === undefined ? this.sql.allPendingItems.all(limit) : this.sql.feedPendingItems.all(options.feedId, limit);
    return rows.map((row) => parseRow(itemRow, 'items', row));
  }

  async feedsWithPendingItems(before: Date, limit?: number): Promise<number[]> {
    return this.sql.feedsWithPendingItems.all(before.getTime(), toLimit(limit)).map((row) => parseRow(feedIdRow, 'items', row));
  }

  async markProcessed(itemIds: number[]): Promise<void> {
    this.sql.markProcessed.run(JSON.stringify(itemIds));
  }

  async listItems(options: { feedId?: number; limit?: number } = {}): Promise<StoredItem[]> {
    const limit = toLimit(options.limit);
    const rows =
      options.feedId === undefined
        ? this.sql.allItems.all(limit)
        : this.sql.feedItems.all(options.feedId, limit);
    return rows.map((row) => parseRow(itemRow, 'items', row));
  }

  async getItems(ids: number[]): Promise<StoredItem[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const rows = this.db.prepare<unknown[], unknown>(`SELECT * FROM items WHERE id IN (${unique.map(() => '?').join(', ')}) ORDER BY id`).all(...unique);
    return rows.map((row) => parseRow(itemRow, 'items', row));
  }

  async countItems(feedId?: number): Promise<number> {
    const row = feedId === undefined ? this.sql.countAllItems.get() : this.sql.countFeedItems.get(feedId);
    return parseRow(countRow, 'items', row);
  }

  async recordMatches(records: ItemMatchRecord[]): Promise<void> {
    const write = this.db.transaction((list: ItemMatchRecord[]) => {
      for (const r of list) {
        this.sql.upsertMatch.run({
          itemId: r.itemId, storyId: r.storyId, matched: toFlag(r.matched), score: r.score,
          reasons: JSON.stringify(r.reasons), at: r.at.getTime(),
        });
      }
    });
    write.immediate(records);
  }

  async listMatches(storyId: string, options: { matchedOnly?: boolean; limit?: number } = {}): Promise<ItemMatchRecord[]> {
    const rows = this.sql.storyMatches.all(storyId, options.matchedOnly ? 1 : 0, toLimit(options.limit));
    return rows.map((row) => parseRow(itemMatchRow, 'item_matches', row));
  }

  async countMatched(storyId: string): Promise<number> {
    return parseRow(countRow, 'item_matches', this.sql.countMatched.get(storyId));
  }

  async updateTimeline(storyId: string, item: { id: number; lang: string }, at: Date, plan: (timeline: TimelineEntry[]) => TimelinePlan, alert: boolean): Promise<TimelineUpdate> {
    return this.timeline.updateTimeline(storyId, item, at, plan, alert);
  }

  async listDevelopments(storyId: string): Promise<Development[]> {
    return this.timeline.listDevelopments(storyId);
  }

  async listAlerts(storyId: string): Promise<Alert[]> {
    return this.timeline.listAlerts(storyId);
  }

  async subscribe(input: SubscriptionInput, at: Date): Promise<Subscription> {
    return this.delivery.subscribe(input, at);
  }

  async unsubscribe(platform: Platform, channelId: string, storyId?: string, by?: { at: Date; userId: string }): Promise<number> {
    return this.delivery.unsubscribe(platform, channelId, storyId, by ?? { at: new Date(), userId: 'unknown' });
  }

  async listSubscriptions(): Promise<Subscription[]> {
    return this.delivery.listSubscriptions();
  }

  async getSubscription(id: number): Promise<Subscription | null> {
    return this.delivery.getSubscription(id);
  }

  async stopSubscription(id: number, reason: string): Promise<void> {
    this.delivery.stopSubscription(id, reason);
  }

  async enqueueDigests(requests: DigestRequest[]): Promise<OutboxRow[]> {
    return this.delivery.enqueueDigests(requests);
  }

  async dueOutbox(now: Date, limit: number, options: { platforms?: Platform[] } = {}): Promise<OutboxRow[]> {
    return this.delivery.dueOutbox(now, limit, options.platforms);
  }

  async listOutbox(): Promise<OutboxRow[]> {
    return this.delivery.listOutbox();
  }

  async claimOutbox(id: number, seen: Date, until: Date): Promise<boolean> {
    return this.delivery.claimOutbox(id, seen, until);
  }

  async recordDelivery(id: number, update: DeliveryUpdate): Promise<void> {
    this.delivery.recordDelivery(id, update);
  }

  async pausePlatform(pause: PlatformPause): Promise<boolean> {
    return this.pauses.pausePlatform(pause);
  }

  async listPlatformPauses(): Promise<PlatformPause[]> {
    return this.pauses.listPlatformPauses();
  }

  async claimPlatformProbe(platform: Platform, now: Date, next: Date): Promise<boolean> {
    return this.pauses.claimPlatformProbe(platform, now, next);
  }

  async resumePlatform(platform: Platform): Promise<PlatformPause | null> {
    return this.pauses.resumePlatform(platform);
  }

  async outboxBacklog(): Promise<OutboxBacklog[]> {
    return this.pauses.outboxBacklog();
  }

  async recordAudit(entry: AuditEntry): Promise<void> {
    this.lifecycle.recordAudit(entry);
  }

  async listAudit(options: { limit?: number } = {}): Promise<AuditRecord[]> {
    return this.lifecycle.listAudit(toLimit(options.limit));
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

/** Every statement the store runs, prepared once per connection. */
function prepareStatements(db: Connection) {
  const prepare = (source: string): Statement<unknown[], unknown> => db.prepare<unknown[], unknown>(source);
  return {
    insertFeed: prepare(
      `INSERT INTO feeds (url, name, language, interval_sec, status, error_count, next_check_at,
                          baseline_done, backfill, created_at, origin, operator_owned)
       VALUES (@url, @name, @language, @intervalSec, 'new', 0, @now, 0, @backfill, @now, 'config', 1)
       ON CONFLICT (url) DO NOTHING
       RETURNING *`,
    ),
    // A config feed that was removed, or paused for being dropped from feeds.yml, comes back.
    updateFeedConfig: prepare(
      `UPDATE feeds SET name = @name, language = @language, interval_sec = @intervalSec, origin = 'config', operator_owned = 1,
         next_check_at = CASE WHEN ${CONFIG_RETURNS} THEN @now ELSE next_check_at END,
         removed_at = CASE WHEN ${CONFIG_RETURNS} THEN NULL ELSE removed_at END,
         paused_reason = CASE WHEN ${CONFIG_RETURNS} THEN NULL ELSE paused_reason END,
         state = CASE WHEN ${CONFIG_RETURNS} THEN 'active' ELSE state END
       WHERE url = @url
       RETURNING *`,
    ),
    pauseDroppedConfigFeeds: prepare(
      `UPDATE feeds SET state = 'paused', paused_reason = '${NOT_IN_CONFIG}'
       WHERE origin = 'config' AND state = 'active' AND url NOT IN (SELECT value FROM json_each(?))`,
    ),
    feedById: prepare('SELECT * FROM feeds WHERE id = ?'),
    feedByUrl: prepare('SELECT * FROM feeds WHERE url = ?'),
    allFeeds: prepare('SELECT * FROM feeds ORDER BY created_at, id'),
    dueFeeds: prepare(
      `SELECT * FROM feeds WHERE state = 'active' AND next_check_at <= @now AND (lease_until IS NULL OR lease_until <= @now)
       ORDER BY next_check_at, id LIMIT @limit`,
    ),
    claimFeed: prepare(
      `UPDATE feeds SET lease_until = @until
       WHERE id = @id AND state = 'active' AND (lease_until IS NULL OR lease_until <= @now) AND (@dueOnly = 0 OR next_check_at <= @now)
       RETURNING *`,
    ),
    recordFetch: prepare(
      `UPDATE feeds SET
         status = @status,
         last_fetch_at = @at,
         etag = CASE WHEN @keepEtag = 1 THEN etag ELSE @etag END,
         last_modified = CASE WHEN @keepLastModified = 1 THEN last_modified ELSE @lastModified END,
         last_error_code = @errorCode,
         last_error = @error,
         error_count = @errorCount,
         next_check_at = @nextCheckAt,
         baseline_done = COALESCE(@baselineDone, baseline_done),
         not_found_count = @notFoundCount,
         paused_reason = CASE WHEN @pause IS NOT NULL AND state = 'active' THEN @pause ELSE paused_reason END,
         state = CASE WHEN @pause IS NOT NULL AND state = 'active' THEN 'paused' ELSE state END,
         lease_until = NULL
       WHERE id = @id`,
    ),
    insertItem: prepare(
      `INSERT INTO items (feed_id, key, content_hash, guid, link, title, text, lang, lang_source,
                          published_at, fetched_at, pending, baseline)
       SELECT @feedId, @key, @contentHash, @guid, @link, @title, @text, @lang, @langSource,
              @publishedAt, @fetchedAt, 1, @baseline
       -- Skip known items before inserting: a conflicting INSERT would use up an AUTOINCREMENT id.
       WHERE NOT EXISTS (SELECT 1 FROM items WHERE key = @key OR (feed_id = @feedId AND content_hash = @contentHash))
       ON CONFLICT DO NOTHING
       RETURNING *`,
    ),
    allPendingItems: prepare(`SELECT * FROM items WHERE pending = 1 ${PUBLICATION_ORDER} LIMIT ?`),
    feedPendingItems: prepare(`SELECT * FROM items WHERE pending = 1 AND feed_id = ? ${PUBLICATION_ORDER} LIMIT ?`),
    feedsWithPendingItems: prepare('SELECT DISTINCT feed_id FROM items WHERE pending = 1 AND fetched_at <= ? ORDER BY feed_id LIMIT ?'),
    markProcessed: prepare('UPDATE items SET pending = 0 WHERE id IN (SELECT value FROM json_each(?))'),
    allItems: prepare('SELECT * FROM items ORDER BY fetched_at DESC, id DESC LIMIT ?'),
    feedItems: prepare('SELECT * FROM items WHERE feed_id = ? ORDER BY fetched_at DESC, id DESC LIMIT ?'),
    countAllItems: prepare('SELECT COUNT(*) AS n FROM items'),
    countFeedItems: prepare('SELECT COUNT(*) AS n FROM items WHERE feed_id = ?'),
    upsertMatch: prepare(
      `INSERT INTO item_matches (item_id, story_id, matched, score, reasons, matched_at)
       VALUES (@itemId, @storyId, @matched, @score, @reasons, @at)
       ON CONFLICT (item_id, story_id) DO UPDATE SET
         matched = excluded.matched, score = excluded.score, reasons = excluded.reasons, matched_at = excluded.matched_at`,
    ),
    storyMatches: prepare('SELECT * FROM item_matches WHERE story_id = ? AND matched >= ? ORDER BY item_id DESC LIMIT ?'),
    countMatched: prepare('SELECT COUNT(*) AS n FROM item_matches WHERE story_id = ? AND matched = 1'),
  };
}

function feedConfigParams(input: FeedInput) {
  return { url: input.url, name: input.name, language: input.language ?? null, intervalSec: input.intervalSec };
}

function newFeedParams(input: FeedInput, now: Date, backfill: boolean) {
  return { ...feedConfigParams(input), now: now.getTime(), backfill: toFlag(backfill) };
}

function itemParams(feedId: number, item: Item, fetchedAt: Date) {
  return {
    feedId,
    key: item.key,
    contentHash: item.contentHash,
    guid: item.guid,
    link: item.link,
    title: item.title,
    text: item.text,
    lang: item.lang,
    langSource: item.langSource,
    publishedAt: item.published === null ? null : item.published.getTime(),
    fetchedAt: fetchedAt.getTime(),
  };
}

function toFlag(value: boolean): 0 | 1 {
  return value ? 1 : 0;
}

function toLimit(limit: number | undefined): number {
  return limit === undefined ? NO_LIMIT : Math.max(0, Math.floor(limit));
}
