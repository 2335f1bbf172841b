import type { Pool } from 'pg';
import type { Alert, Development, TimelineEntry, TimelinePlan, TimelineUpdate } from '../../core/development.js';
import type { AuditEntry, AuditRecord } from '../../core/audit.js';
import { NOT_IN_CONFIG, type FeedInput, type FeedOwner, type FeedRecord } from '../../core/feed.js';
import type { Item, StoredItem } from '../../core/item.js';
import type { Result } from '../../core/result.js';
import type { DigestRequest, OutboxBacklog, OutboxRow, Platform, PlatformPause, Subscription, SubscriptionInput } from '../../core/subscription.js';
import type { AddFeedOptions, DeliveryUpdate, FetchStateUpdate, ItemMatchRecord, RemoveFeedOptions, Store } from '../ports.js';
import { PostgresFeedLifecycle } from './pg-feed-lifecycle.js';
import { countRow, feedIdRow, feedRow, itemMatchRow, itemRow, parseRow } from '../rows/rows.js';
import { PostgresDelivery } from './pg-delivery.js';
import { PostgresPauses } from './pg-pauses.js';
import { applyPostgresMigrations } from './pg-migrate.js';
import { createPool, describeLocation, inTransaction, pgText, type PoolOptions } from './pg-pool.js';
import { PostgresTimeline } from './pg-timeline.js';

/** Options of openPostgresStore. */
export type PostgresStoreOptions = PoolOptions;

/** True (in an upsert of feeds) when a configured feed comes back from removal or from being dropped from feeds.yml. */
const CONFIG_RETURNS = `(feeds.state = 'removed' OR (feeds.state = 'paused' AND feeds.paused_reason = '${NOT_IN_CONFIG}'))`;
/** Pending items in publication order: undated ones after dated ones, ties by item key (byte order, as SQLite), then id. */
const PUBLICATION_ORDER = 'ORDER BY published_at ASC NULLS LAST, key COLLATE "C", id';

const sql = {
  syncFeed: `INSERT INTO feeds (url, name, language, interval_sec, status, error_count, next_check_at, baseline_done, backfill, created_at, origin, operator_owned)
             VALUES ($1, $2, $3, $4, 'new', 0, $5, 0, 0, $5, 'config', 1)
             ON CONFLICT (url) DO UPDATE SET name = excluded.name, language = excluded.language, interval_sec = excluded.interval_sec,
               origin = 'config', operator_owned = 1,
               next_check_at = CASE WHEN ${CONFIG_RETURNS} THEN excluded.next_check_at ELSE feeds.next_check_at END,
               removed_at = CASE WHEN ${CONFIG_RETURNS} THEN NULL ELSE feeds.removed_at END,
               paused_reason = CASE WHEN ${CONFIG_RETURNS} THEN NULL ELSE feeds.paused_reason END,
               state = CASE WHEN ${CONFIG_RETURNS} THEN 'active' ELSE feeds.state END
             RETURNING *`,
  pauseDroppedConfigFeeds: `UPDATE feeds SET state = 'paused', paused_reason = '${NOT_IN_CONFIG}'
                            WHERE origin = 'config' AND state = 'active' AND NOT (url = ANY($1::text[]))`,
  feedById: 'SELECT * FROM feeds WHERE id = $1',
  feedByUrl: 'SELECT * FROM feeds WHERE url = $1',
  allFeeds: 'SELECT * FROM feeds ORDER BY created_at, id',
  dueFeeds: `SELECT * FROM feeds WHERE state = 'active' AND next_check_at <= $1 AND (lease_until IS NULL OR lease_until <= $1)
             ORDER BY next_check_at, id LIMIT $2`,
  claimFeed: `UPDATE feeds SET lease_until = $3
              WHERE id = $1 AND state = 'active' AND (lease_until IS NULL OR lease_until <= $2) AND (NOT $4::boolean OR next_check_at <= $2)
              RETURNING *`,
  recordFetch: `UPDATE feeds SET
                  status = $2,
                  last_fetch_at = $3,
                  etag = CASE WHEN $4::boolean THEN etag ELSE $5::text END,
                  last_modified = CASE WHEN $6::boolean THEN last_modified ELSE $7::text END,
                  last_error_code = $8,
                  last_error = $9,
                  error_count = $10,
                  next_check_at = $11,
                  baseline_done = COALESCE($12::smallint, baseline_done),
                  not_found_count = $13,
                  paused_reason = CASE WHEN $14::text IS NOT NULL AND state = 'active' THEN $14::text ELSE paused_reason END,
                  state = CASE WHEN $14::text IS NOT NULL AND state = 'active' THEN 'paused' ELSE state END,
                  lease_until = NULL
                WHERE id = $1`,
  // One statement for the batch, in input order; a known key, a hash the feed has, or an earlier
  // row of the same batch makes a row conflict and be skipped. Sequence values may be skipped.
  insertItems: `INSERT INTO items (feed_id, key, content_hash, guid, link, title, text, lang, lang_source, published_at, fetched_at, pending, baseline)
                SELECT $1, t.key, t.content_hash, t.guid, t.link, t.title, t.text, t.lang, t.lang_source, t.published_at, $2, 1, $12
                FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::bigint[])
                  WITH ORDINALITY AS t(key, content_hash, guid, link, title, text, lang, lang_source, published_at, ord)
                ORDER BY t.ord
                ON CONFLICT DO NOTHING
                RETURNING *`,
  allPendingItems: `SELECT * FROM items WHERE pending = 1 ${PUBLICATION_ORDER} LIMIT $1`,
  feedPendingItems: `SELECT * FROM items WHERE pending = 1 AND feed_id = $1 ${PUBLICATION_ORDER} LIMIT $2`,
  feedsWithPendingItems: 'SELECT DISTINCT feed_id FROM items WHERE pending = 1 AND fetched_at <= $1 ORDER BY feed_id LIMIT $2',
  markProcessed: 'UPDATE items SET pending = 0 WHERE id = ANY($1::bigint[])',
  allItems: 'SELECT * FROM items ORDER BY fetched_at DESC, id DESC LIMIT $1',
  feedItems: 'SELECT * FROM items WHERE feed_id = $1 ORDER BY fetched_at DESC, id DESC LIMIT $2',
  itemsById: 'SELECT * FROM items WHERE id = ANY($1::bigint[]) ORDER BY id',
  countAllItems: 'SELECT COUNT(*) AS n FROM items',
  countFeedItems: 'SELECT COUNT(*) AS n FROM items WHERE feed_id = $1',
  upsertMatches: `INSERT INTO item_matches (item_id, story_id, matched, score, reasons, matched_at)
                  SELECT * FROM unnest($1::bigint[], $2::text[], $3::smallint[], $4::float8[], $5::text[], $6::bigint[])
                  ON CONFLICT (item_id, story_id) DO UPDATE SET
                    matched = excluded.matched, score = excluded.score, reasons = excluded.reasons, matched_at = excluded.matched_at`,
  storyMatches: 'SELECT * FROM item_matches WHERE story_id = $1 AND matched >= $2 ORDER BY item_id DESC LIMIT $3',
  countMatched: 'SELECT COUNT(*) AS n FROM item_matches WHERE story_id = $1 AND matched = 1',
};

/**
 * Opens a pool on the PostgreSQL database at `url` and brings its schema up to date (several
 * workers may do so at once). `schema` confines the store to one schema (created when missing),
 * for tests or several tenants in one database; `poolSize` caps the connections (default 10).
 * Throws StoreSchemaTooNewError when the database was migrated by a newer storywatch.
 */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
  const pool = createPool(url, options);
  try {
    await applyPostgresMigrations(pool, describeLocation(url, options.schema), options.schema);
    return new PostgresStore(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
}

/** The Store on a node-postgres pool whose schema is already migrated. */
export class PostgresStore implements Store {
  private readonly timeline: PostgresTimeline;
  private readonly delivery: PostgresDelivery;
  private readonly pauses: PostgresPauses;
  private readonly lifecycle: PostgresFeedLifecycle;
  private closed = false;

  /** Use openPostgresStore rather than calling this directly. */
  constructor(private readonly pool: Pool) {
    this.timeline = new PostgresTimeline(pool);
    this.delivery = new PostgresDelivery(pool);
    this.pauses = new PostgresPauses(pool);
    this.lifecycle = new PostgresFeedLifecycle(pool);
  }

  async addFeed(input: FeedInput, now: Date, options: AddFeedOptions = {}): Promise<Result<FeedRecord>> {
    return this.lifecycle.addFeed(input, now, options);
  }

  async syncFeeds(inputs: FeedInput[], now: Date): Promise<FeedRecord[]> {
    return inTransaction(this.pool, async (client) => {
      const synced: FeedRecord[] = [];
      for (const input of inputs) {
        const { rows } = await client.query(sql.syncFeed, [...feedConfig(input), now.getTime()]);
        synced.push(parseRow(feedRow, 'feeds', rows[0]));
      }
      await client.query(sql.pauseDroppedConfigFeeds, [inputs.map((f) => f.url)]);
      return synced;
    });
  }

  async getFeed(idOrUrl: number | string): Promise<FeedRecord | null> {
    const { rows } = await this.pool.query(typeof idOrUrl === 'number' ? sql.feedById : sql.feedByUrl, [idOrUrl]);
    return rows[0] === undefined ? null : parseRow(feedRow, 'feeds', rows[0]);
  }

  async listFeeds(): Promise<FeedRecord[]> {
    return (await this.pool.query(sql.allFeeds)).rows.map((row) => parseRow(feedRow, 'feeds', row));
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
    const { rows } = await this.pool.query(sql.dueFeeds, [now.getTime(), toLimit(limit)]);
    return rows.map((row) => parseRow(feedRow, 'feeds', row));
  }

  async claimFeed(feedId: number, now: Date, until: Date, options: { dueOnly?: boolean } = {}): Promise<FeedRecord | null> {
    const { rows } = await this.pool.query(sql.claimFeed, [feedId, now.getTime(), until.getTime(), options.dueOnly ?? false]);
    return rows[0] === undefined ? null : parseRow(feedRow, 'feeds', rows[0]);
  }

  /** Updates the feed's fetch state; a feed removed while it was being fetched is left removed. */
  async recordFetch(feedId: number, update: FetchStateUpdate): Promise<void> {
    await this.pool.query(sql.recordFetch, [
      feedId,
      update.status,
      update.at.getTime(),
      update.etag === undefined,
      update.etag ?? null,
      update.lastModified === undefined,
      update.lastModified ?? null,
      update.errorCode,
      update.error,
      update.errorCount,
      update.nextCheckAt.getTime(),
      update.baselineDone === undefined ? null : update.baselineDone ? 1 : 0,
      update.notFoundCount ?? 0,
      update.pause ?? null,
    ]);
  }

  async insertItems(feedId: number, items: Item[], fetchedAt: Date, options: { baseline?: boolean } = {}): Promise<StoredItem[]> {
    if (items.length === 0) return [];
    const column = <T>(pick: (item: Item) => T): T[] => items.map(pick);
    const result = await inTransaction(this.pool, (client) =>
      client.query(sql.insertItems, [
        feedId,
        fetchedAt.getTime(),
        column((i) => pgText(i.key)),
        column((i) => i.contentHash),
        column((i) => pgText(i.guid)),
        column((i) => pgText(i.link)),
        column((i) => pgText(i.title)),
        column((i) => pgText(i.text)),
        column((i) => i.lang),
        column((i) => i.langSource),
        column((i) => (i.published === null ? null : i.published.getTime())),
        options.baseline ? 1 : 0,
      ]),
    );
    // RETURNING order is not promised: put the new items back in input order (keys are unique).
    const position = new Map<string, number>();
    items.forEach((item, index) => {
      if (!position.has(pgText(item.key))) position.set(pgText(item.key), index);
    });
    const stored = result.rows.map((row) => parseRow(itemRow, 'items', row));
    return stored.sort((a, b) => (position.get(a.key) ?? 0) - (position.get(b.key) ?? 0));
  }

  async pendingItems(options: { feedId?: number; limit?: number } = {}): Promise<StoredItem[]> {
    const limit = toLimit(options.limit);
    const { rows } =
      options.feedId === undefined ? await this.pool.query(sql.allPendingItems, [limit]) : await this.pool.query(sql.feedPendingItems, [options.feedId, limit]);
    return rows.map((row) => parseRow(itemRow, 'items', row));
  }

  async feedsWithPendingItems(before: Date, limit?: number): Promise<number[]> {
    const { rows } = await this.pool.query(sql.feedsWithPendingItems, [before.getTime(), toLimit(limit)]);
    return rows.map((row) => parseRow(feedIdRow, 'items', row));
  }

  async markProcessed(itemIds: number[]): Promise<void> {
    if (itemIds.length > 0) await this.pool.query(sql.markProcessed, [itemIds]);
  }

  async listItems(options: { feedId?: number; limit?: number } = {}): Promise<StoredItem[]> {
    const limit = toLimit(options.limit);
    const { rows } =
      options.feedId === undefined
        ? await this.pool.query(sql.allItems, [limit])
        : await this.pool.query(sql.feedItems, [options.feedId, limit]);
    return rows.map((row) => parseRow(itemRow, 'items', row));
  }

  async getItems(ids: number[]): Promise<StoredItem[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    return (await this.pool.query(sql.itemsById, [unique])).rows.map((row) => parseRow(itemRow, 'items', row));
  }

  async countItems(feedId?: number): Promise<number> {
    const { rows } = feedId === undefined ? await this.pool.query(sql.countAllItems) : await this.pool.query(sql.countFeedItems, [feedId]);
    return parseRow(countRow, 'items', rows[0]);
  }

  async recordMatches(records: ItemMatchRecord[]): Promise<void> {
    // One row per (item, story), the last decision winning, as one upsert may touch a row once.
    const latest = [...new Map(records.map((r) => [`${r.itemId}\u0000${r.storyId}`, r])).values()];
    if (latest.length === 0) return;
    const column = <T>(pick: (record: ItemMatchRecord) => T): T[] => latest.map(pick);
    await this.pool.query(sql.upsertMatches, [
      column((r) => r.itemId),
      column((r) => r.storyId),
      column((r) => (r.matched ? 1 : 0)),
      column((r) => r.score),
      column((r) => JSON.stringify(r.reasons)),
      column((r) => r.at.getTime()),
    ]);
  }

  async listMatches(storyId: string, options: { matchedOnly?: boolean; limit?: number } = {}): Promise<ItemMatchRecord[]> {
    const { rows } = await this.pool.query(sql.storyMatches, [storyId, options.matchedOnly ? 1 : 0, toLimit(options.limit)]);
    return rows.map((row) => parseRow(itemMatchRow, 'item_matches', row));
  }

  async countMatched(storyId: string): Promise<number> {
    return parseRow(countRow, 'item_matches', (await this.pool.query(sql.countMatched, [storyId])).rows[0]);
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
    return this.delivery.stopSubscription(id, reason);
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
    return this.delivery.recordDelivery(id, update);
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
    return this.lifecycle.recordAudit(entry);
  }

  async listAudit(options: { limit?: number } = {}): Promise<AuditRecord[]> {
    return this.lifecycle.listAudit(toLimit(options.limit));
  }

  /** Ends the pool once; later calls do nothing. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

function feedConfig(input: FeedInput): [string, string, string | null, number] {
  return [input.url, input.name, input.language ?? null, input.intervalSec];
}

/** PostgreSQL reads LIMIT NULL as "no limit". */
function toLimit(limit: number | undefined): number | null {
  return limit === undefined ? null : Math.max(0, Math.floor(limit));
}
