import type { FeedInput, FeedRecord, FeedStatus } from '../core/feed.js';
import type { Alert, Development, TimelineEntry, TimelinePlan, TimelineUpdate } from '../core/development.js';
import type { Item, StoredItem } from '../core/item.js';
import type { SentMessage } from '../delivery/message.js';
import type { DigestRequest, OutboxRow, Platform, Subscription, SubscriptionInput } from '../delivery/subscription.js';
import type { Result } from '../core/result.js';

/** What a fetch attempt changes in a feed's stored state. */
export interface FetchStateUpdate {
  at: Date;
  status: FeedStatus;
  /** Validators from the response; undefined keeps the stored ones, null clears them. */
  etag?: string | null;
  lastModified?: string | null;
  errorCode: string | null;
  error: string | null;
  errorCount: number;
  nextCheckAt: Date;
  /** Set to true once the first successful fetch has recorded the backlog. */
  baselineDone?: boolean;
}

/** Options when adding a feed. */
export interface AddFeedOptions {
  /** Send the feed's current backlog down the pipeline on its first fetch instead of recording it silently. */
  backfill?: boolean;
}

/** The matcher's decision on one item for one story. */
export interface ItemMatchRecord {
  itemId: number;
  storyId: string;
  matched: boolean;
  score: number;
  reasons: string[];
  at: Date;
}

/** What a delivery attempt changes in an outbox row. */
export interface DeliveryUpdate {
  status: OutboxRow['status'];
  attempts?: number;
  nextAttemptAt?: Date;
  lastError?: string | null;
  sent?: SentMessage;
  sentAt?: Date;
  needsUpdate?: boolean;
  /** A digest went out: the subscription's digests now start after `until`. */
  digestSent?: { subscriptionId: number; until: Date };
}

/**
 * The storage port. Every backend (SQLite now, PostgreSQL later) implements it and passes the
 * contract tests in test/store-contract.ts. All methods are async so network backends fit.
 */
export interface Store {
  /** Adds a feed; fails with FEED_EXISTS when the URL is already watched. Due immediately. */
  addFeed(input: FeedInput, now: Date, options?: AddFeedOptions): Promise<Result<FeedRecord>>;
  /**
   * Makes the configured feeds present: adds the missing ones (as baselines) and updates name,
   * language and interval of existing ones. Feeds added by other means are left alone.
   */
  syncFeeds(inputs: FeedInput[], now: Date): Promise<FeedRecord[]>;
  /** Finds a feed by id or URL. */
  getFeed(idOrUrl: number | string): Promise<FeedRecord | null>;
  /** All feeds, oldest first. */
  listFeeds(): Promise<FeedRecord[]>;
  /** Removes a feed and its items; false when there was no such feed. */
  removeFeed(idOrUrl: number | string): Promise<boolean>;
  /** Feeds whose next check is at or before `now` and that nobody holds a lease on, soonest first. */
  dueFeeds(now: Date, limit?: number): Promise<FeedRecord[]>;
  /**
   * Leases a feed until `until` so that no other process fetches it meanwhile: null when another
   * holds an unexpired lease on it, when it is gone, or (with `dueOnly`) when it is not due.
   */
  claimFeed(feedId: number, now: Date, until: Date, options?: { dueOnly?: boolean }): Promise<FeedRecord | null>;
  /** Records the outcome of a fetch attempt and ends the feed's lease. */
  recordFetch(feedId: number, update: FetchStateUpdate): Promise<void>;
  /**
   * Stores items of a feed and returns only those not seen before, in input order. An item is
   * already known when its key exists, or when the same feed already has its content hash. New
   * items are pending (see `pendingItems`); `baseline` marks them as the feed's first-fetch backlog.
   */
  insertItems(feedId: number, items: Item[], fetchedAt: Date, options?: { baseline?: boolean }): Promise<StoredItem[]>;
  /**
   * Stored items not yet matched and merged into the timelines (of one feed, or all), in publication
   * order: dated items oldest first, then undated ones; ties by item key, then id — never by arrival.
   */
  pendingItems(options?: { feedId?: number; limit?: number }): Promise<StoredItem[]>;
  /** Feeds with items still pending that were fetched at or before `before` (left by a process that died). */
  feedsWithPendingItems(before: Date, limit?: number): Promise<number[]>;
  /** Marks items as matched and merged: they are no longer pending. */
  markProcessed(itemIds: number[]): Promise<void>;
  /** Items, newest first by fetch time then id. */
  listItems(options?: { feedId?: number; limit?: number }): Promise<StoredItem[]>;
  /** Items by id (unknown ids are left out), in id order. */
  getItems(ids: number[]): Promise<StoredItem[]>;
  /** Number of stored items, for one feed or all. */
  countItems(feedId?: number): Promise<number>;
  /** Records match decisions; a decision already recorded for an (item, story) is replaced. */
  recordMatches(records: ItemMatchRecord[]): Promise<void>;
  /** Decisions for a story, newest item first; `matchedOnly` keeps the items that matched. */
  listMatches(storyId: string, options?: { matchedOnly?: boolean; limit?: number }): Promise<ItemMatchRecord[]>;
  /** Number of items that matched a story. */
  countMatched(storyId: string): Promise<number>;
  /**
   * Adds an item to a story's timeline in one transaction: reads the timeline, lets `plan` merge
   * the item's candidates into it (a pure function), inserts the new developments, records the
   * item as a source of every development it reports, applies the plan's revisions (the item becomes
   * the first report of developments first reported by a later-published item; `TimelineEntry`
   * carries each first report's publication key for this), and — when it brought something new and
   * `alert` is set — records an alert (once per story and item) with one outbox row per active
   * alert subscription of the story. Sent alerts of developments that gained a source or were
   * revised are marked for an edit.
   */
  updateTimeline(storyId: string, item: { id: number; lang: string }, at: Date, plan: (timeline: TimelineEntry[]) => TimelinePlan, alert: boolean): Promise<TimelineUpdate>;
  /** A story's developments in date order, with their sources and languages. */
  listDevelopments(storyId: string): Promise<Development[]>;
  /** A story's alerts, oldest first. */
  listAlerts(storyId: string): Promise<Alert[]>;
  /** Makes a channel follow a story, or changes how; a stopped subscription becomes active again. */
  subscribe(input: SubscriptionInput, at: Date): Promise<Subscription>;
  /** Removes a channel's subscriptions (to one story, or all); returns how many. */
  unsubscribe(platform: Platform, channelId: string, storyId?: string): Promise<number>;
  listSubscriptions(): Promise<Subscription[]>;
  getSubscription(id: number): Promise<Subscription | null>;
  /** Stops a subscription for good (channel gone, token revoked), with the reason. */
  stopSubscription(id: number, reason: string): Promise<void>;
  /** Adds digest rows; a scheduled digest of a subscription and day exists once. Returns the rows added. */
  enqueueDigests(requests: DigestRequest[]): Promise<OutboxRow[]>;
  /**
   * Outbox rows to work on now, oldest first: pending and due with no older message of the same
   * subscription still pending (messages keep their order), or sent and in need of an edit.
   */
  dueOutbox(now: Date, limit: number): Promise<OutboxRow[]>;
  /**
   * Claims a due row for one sender until `until` (its next attempt moves there): true when this
   * caller got it, false when another dispatcher claimed or handled it since it was read (its next
   * attempt is no longer `seen`). A claim that is not followed by a recorded delivery (the sender
   * died) lapses at `until` and the row is due again.
   */
  claimOutbox(id: number, seen: Date, until: Date): Promise<boolean>;
  listOutbox(): Promise<OutboxRow[]>;
  /** Records the outcome of a delivery attempt (and, for a digest, the subscription's new digest start). */
  recordDelivery(id: number, update: DeliveryUpdate): Promise<void>;
  /** Releases the connection. */
  close(): Promise<void>;
}
