import type { AlertSettings, StoredAlertSettings } from '../core/alert-settings.js';
import type { AlertLabel, AlertLabelInput, AlertPosting } from '../core/alert-label.js';
import type { AuditEntry, AuditRecord } from '../core/audit.js';
import type { AddFeedOptions, FeedInput, FeedOwner, FeedRecord, FetchStateUpdate, RemoveFeedOptions } from '../core/feed.js';
import type { Alert, Development, NewDevelopment, TimelineEntry } from '../core/development.js';
import type { Item, ItemHead, ItemMatchRecord, StoredItem } from '../core/item.js';
import type {
  DeliveryUpdate,
  DigestRequest,
  OutboxBacklog,
  OutboxRow,
  DeliveryPlatform,
  Platform,
  PlatformPause,
  Subscription,
  SubscriptionInput,
} from '../core/subscription.js';
import type { NoticeInput, NoticeRow, NoticeUpdate, OpsFlag, OpsTarget } from '../core/ops.js';
import type { Result } from '../core/result.js';
import type { SentenceInput, StoredSentence } from '../core/sentence.js';
import type { WebhookTarget, WebhookTargetInput } from '../core/webhook.js';

/** The value types the ports speak, defined with the domain. */
export type { AddFeedOptions, FetchStateUpdate, RemoveFeedOptions, TenantActor } from '../core/feed.js';
export type { ItemMatchRecord } from '../core/item.js';
export type { DeliveryUpdate } from '../core/subscription.js';

/** Feeds, their owners and their fetch state. */
export interface FeedStore {
  /**
   * Adds a feed; due immediately. A URL already stored is not fetched twice: a tenant (`owner`)
   * becomes one of its owners, the operator makes it operator-level, and a removed feed becomes
   * active again. Fails with FEED_EXISTS when the asker (that tenant, or the operator) already has it.
   */
  addFeed(input: FeedInput, now: Date, options?: AddFeedOptions): Promise<Result<FeedRecord>>;
  /**
   * Makes the configured feeds present: adds the missing ones (as baselines), updates name,
   * language and interval of existing ones and marks them operator-level config feeds; a config
   * feed that was removed or paused for being dropped from feeds.yml becomes active again. Config
   * feeds no longer listed are paused (FEED_NOT_IN_CONFIG). Feeds added by other means are left alone.
   */
  syncFeeds(inputs: FeedInput[], now: Date): Promise<FeedRecord[]>;
  /** Finds a feed by id or URL. */
  getFeed(idOrUrl: number | string): Promise<FeedRecord | null>;
  /** All feeds (paused and removed ones too), oldest first. */
  listFeeds(): Promise<FeedRecord[]>;
  /** The servers and workspaces that added feeds (removed owners too), of one feed or all, in feed then time order. */
  listFeedOwners(feedId?: number): Promise<FeedOwner[]>;
  /**
   * Soft-deletes a feed: it is no longer polled and its items stay as timeline sources. With an
   * `owner`, only that tenant's ownership ends (the feed stays for other owners and operators).
   * False when there was no such feed (or owner) still active.
   */
  removeFeed(idOrUrl: number | string, options?: RemoveFeedOptions): Promise<boolean>;
  /** Deletes a feed for good with its items (developments lose those sources); false when there was none. */
  purgeFeed(idOrUrl: number | string): Promise<boolean>;
  /** Pauses a feed with a reason, or makes a paused or removed one active (and due at `at`) again. */
  setFeedState(feedId: number, state: 'active' | 'paused', reason: string | null, at: Date): Promise<FeedRecord | null>;
  /** Active feeds whose next check is at or before `now` and that nobody holds a lease on, soonest first. */
  dueFeeds(now: Date, limit?: number): Promise<FeedRecord[]>;
  /**
   * Leases an active feed until `until` so that no other process fetches it meanwhile: null when another
   * holds an unexpired lease on it, when it is gone, paused or removed, or (with `dueOnly`) when it is not due.
   */
  claimFeed(feedId: number, now: Date, until: Date, options?: { dueOnly?: boolean }): Promise<FeedRecord | null>;
  /** Records the outcome of a fetch attempt and ends the feed's lease. */
  recordFetch(feedId: number, update: FetchStateUpdate): Promise<void>;
}

/** Items and the matcher's decisions on them. */
export interface ItemStore {
  /**
   * Stores items of a feed and returns only those not seen before, in input order. An item is
   * already known when its key exists, or when the same feed already has its content hash. New
   * items are pending (see `pendingItems`); `baseline` marks them as the feed's first-fetch backlog.
   */
  insertItems(feedId: number, items: Item[], fetchedAt: Date, options?: { baseline?: boolean }): Promise<StoredItem[]>;
  /** Which of these item keys are already stored, by any feed (a poll skips those items before normalizing them). */
  knownKeys(keys: string[]): Promise<Set<string>>;
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
  /** Items whose title, link or text contains `text` (case-insensitive for ASCII letters), newest first, at most `limit`. */
  searchItems(text: string, limit: number): Promise<StoredItem[]>;
  /** Items by id (unknown ids are left out), in id order. */
  getItems(ids: number[]): Promise<StoredItem[]>;
  /** Items by id without their text (unknown ids left out), in id order: what pages and feeds show of a source. */
  itemHeads(ids: number[]): Promise<ItemHead[]>;
  /** Number of stored items, for one feed or all. */
  countItems(feedId?: number): Promise<number>;
  /** Records match decisions; a decision already recorded for an (item, story) is replaced. */
  recordMatches(records: ItemMatchRecord[]): Promise<void>;
  /** Decisions for a story, newest item first; `matchedOnly` keeps the items that matched. */
  listMatches(storyId: string, options?: { matchedOnly?: boolean; limit?: number }): Promise<ItemMatchRecord[]>;
  /** Number of items that matched a story. */
  countMatched(storyId: string): Promise<number>;
}

/**
 * Story timelines: developments, their sources, alerts. The pieces that src/pipeline/detect puts
 * together in one `Store.transaction` (see updateTimeline there).
 */
export interface TimelineStore {
  /** Holds other timeline updates of the story back until the transaction ends (call first, inside `transaction`). */
  lockStory(storyId: string): Promise<void>;
  /** A story's developments in date order, each with its first report's publication date and key, for the merge planner. */
  timelineEntries(storyId: string): Promise<TimelineEntry[]>;
  /** Inserts developments first reported by `item`; returns their ids, in order. */
  createDevelopments(item: { id: number }, at: Date, developments: NewDevelopment[]): Promise<number[]>;
  /** Makes `item` the first report of a development, which becomes what it reports. */
  reviseDevelopment(storyId: string, id: number, item: { id: number }, development: NewDevelopment): Promise<void>;
  /** Gives a development the day a source wrote for it (it was dated by a publication day). */
  redateDevelopment(storyId: string, id: number, date: string): Promise<void>;
  /** Records the item as a source of these developments (once each), with the sentence it reports each with (`quotes`, by development id). */
  addSources(developmentIds: number[], item: { id: number; lang: string }, at: Date, quotes?: Record<number, string>): Promise<void>;
  /** Records an alert, once per story and item: its id, or null when the item was alerted already. */
  recordAlert(storyId: string, itemId: number, developments: number[], context: number[], at: Date): Promise<number | null>;
  /** Developments by id in date order, with their sources and languages. */
  developmentsById(ids: number[]): Promise<Development[]>;
  /** A story's developments in date order, with their sources and languages. */
  listDevelopments(storyId: string): Promise<Development[]>;
  /** The days (YYYY-MM-DD) of a story's developments in date order, without loading their sources. */
  developmentDays(storyId: string): Promise<string[]>;
  /**
   * A token that changes whenever the story's timeline does (a development created or revised, a
   * source added, withdrawn or purged): read models cache on it.
   */
  timelineVersion(storyId: string): Promise<string>;
  /** A story's alerts, oldest first. */
  listAlerts(storyId: string): Promise<Alert[]>;
}

/** Channels following stories. */
export interface SubscriptionStore {
  /** Makes a channel follow a story, or changes how; a stopped subscription becomes active again. */
  subscribe(input: SubscriptionInput, at: Date): Promise<Subscription>;
  /**
   * Stops a channel's subscriptions (to one story, or all) as unsubscribed by `by.userId` at `by.at`
   * (rows are kept; their pending outbox rows are dropped with that reason); returns how many.
   */
  unsubscribe(platform: DeliveryPlatform, channelId: string, storyId?: string, by?: { at: Date; userId: string }): Promise<number>;
  listSubscriptions(): Promise<Subscription[]>;
  getSubscription(id: number): Promise<Subscription | null>;
  /** Stops a subscription for good (channel gone, token revoked), with the reason. */
  stopSubscription(id: number, reason: string): Promise<void>;
}

/** The messages to send, and how their delivery went. */
export interface OutboxStore {
  /** One alert row per active alert subscription of the story (once each). */
  enqueueAlert(alertId: number, storyId: string, at: Date): Promise<void>;
  /** Marks the sent alerts of the story that mention these developments for an edit (not those sent to webhooks: events are not edited). */
  markAlertsForEdit(storyId: string, developmentIds: number[]): Promise<void>;
  /** Adds digest rows; a scheduled digest of a subscription and day exists once. Returns the rows added. */
  enqueueDigests(requests: DigestRequest[]): Promise<OutboxRow[]>;
  /**
   * Outbox rows to work on now, oldest first: pending and due with no older message of the same
   * subscription still pending (messages keep their order), or sent and in need of an edit.
   * With `platforms`, only rows of subscriptions on those platforms.
   */
  dueOutbox(now: Date, limit: number, options?: { platforms?: DeliveryPlatform[] }): Promise<OutboxRow[]>;
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
  /** Per platform with pending messages of active subscriptions: how many, and the earliest next attempt. */
  outboxBacklog(): Promise<OutboxBacklog[]>;
}

/** Platforms paused because their token was refused. */
export interface PauseStore {
  /**
   * Pauses delivery on a platform (its token was refused) unless it is paused already: true when
   * this call paused it (the caller raises the alarm once), false when it was paused before.
   */
  pausePlatform(pause: PlatformPause): Promise<boolean>;
  /** The paused platforms, by name. */
  listPlatformPauses(): Promise<PlatformPause[]>;
  /**
   * Takes a paused platform's probe: true when its next probe was due at `now` (it moves to
   * `next`, so other dispatchers wait), false when it is not due, taken, or the platform is not paused.
   */
  claimPlatformProbe(platform: Platform, now: Date, next: Date): Promise<boolean>;
  /** Lifts a platform's pause; returns the pause lifted, or null when it was not paused. */
  resumePlatform(platform: Platform): Promise<PlatformPause | null>;
}

/** Readers' labels on alerts ("not this story", "wrong date") and what they withdraw (decision 027). */
export interface LabelStore {
  /** One alert by id, or null. */
  getAlert(id: number): Promise<Alert | null>;
  /** Where an alert was posted: the subscriptions of its sent outbox rows, oldest first. */
  alertPostings(alertId: number): Promise<AlertPosting[]>;
  /** Records a label once per reader, alert and choice: false when that reader had given it already. */
  addAlertLabel(label: AlertLabelInput): Promise<boolean>;
  /** Labels (of one alert, or of one story's alerts, or all) with the alert's story and item, oldest first. */
  listAlertLabels(options?: { alertId?: number; storyId?: string }): Promise<AlertLabel[]>;
  /**
   * Withdraws an item as a source of the story's developments (the rows stay, marked): they no
   * longer count it nor its language. Returns the developments it counted for until now.
   */
  withdrawSource(storyId: string, itemId: number, at: Date): Promise<number[]>;
  /** Marks an alert withdrawn, or its date disputed, unless it already is (the first time stays). */
  markAlert(alertId: number, marks: { withdrawnAt?: Date; dateDisputedAt?: Date }): Promise<void>;
}

/** The sentences of the items matched to each story, under a full-text index (decision 025). */
export interface SentenceStore {
  /** Replaces what is indexed of an item for a story with these sentences (none: the item is no longer indexed). */
  indexSentences(storyId: string, item: { id: number; lang: string }, sentences: SentenceInput[]): Promise<void>;
  /**
   * A story's sentences holding at least one of the terms, each a search token matched as a word
   * prefix ("mediat" finds "mediate", "mediation"): the newest `limit` (default 1000) of them, in
   * id order. Terms outside letters and digits are ignored; none finds nothing.
   */
  searchSentences(storyId: string, terms: string[], limit?: number): Promise<StoredSentence[]>;
  /** Number of sentences indexed for a story. */
  countSentences(storyId: string): Promise<number>;
}

/** Threads and pings (decision 024): per-subscription alert settings and the replies in alerts' threads. */
export interface ThreadStore {
  /** Sets a subscription's alert settings (replacing what was set), recording who and when. */
  setAlertSettings(subscriptionId: number, settings: AlertSettings, by: { at: Date; userId: string }): Promise<StoredAlertSettings>;
  /** A subscription's alert settings; the defaults (no threads, no ping) when none were set. */
  getAlertSettings(subscriptionId: number): Promise<AlertSettings>;
  /**
   * One `thread` outbox row per subscription with threads on whose alert of these developments is
   * sent or still to send (not the item's own alert), once per alert, subscription and item.
   */
  enqueueThreadReplies(storyId: string, developmentIds: number[], itemId: number, at: Date): Promise<void>;
  /** The platform message id of a subscription's sent alert (its thread's parent), or null when it was not sent. */
  threadParent(subscriptionId: number, alertId: number): Promise<string | null>;
}

/** Notices for the operators, and the trouble that is on now (decision 026). */
export interface OpsStore {
  /** Queues a notice once for each ops channel: a notice whose key was queued already is left alone. */
  enqueueNotice(notice: NoticeInput, targets: readonly OpsTarget[]): Promise<void>;
  /** Raises a flag unless it is raised: true when this call raised it, and then `notice` is queued with it, in one transaction. */
  raiseOpsFlag(flag: OpsFlag, notice: NoticeInput, targets: readonly OpsTarget[]): Promise<boolean>;
  /** Clears a raised flag: the flag this call cleared, with `notice(flag)` queued in the same transaction, or null when it was not raised. */
  clearOpsFlag(name: string, notice: (flag: OpsFlag) => NoticeInput, targets: readonly OpsTarget[]): Promise<OpsFlag | null>;
  /** The raised flags, oldest first. */
  listOpsFlags(): Promise<OpsFlag[]>;
  /** Pending notices due at `now` on these platforms, oldest first, each the oldest pending of its channel. */
  dueNotices(now: Date, limit: number, platforms: readonly Platform[]): Promise<NoticeRow[]>;
  /** Claims a due notice until `until`, as `claimOutbox`: true when this caller got it. */
  claimNotice(id: number, seen: Date, until: Date): Promise<boolean>;
  /** Records the outcome of a notice's delivery attempt. */
  recordNotice(id: number, update: NoticeUpdate): Promise<void>;
  /** Every notice, oldest first. */
  listNotices(): Promise<NoticeRow[]>;
}

/** The audit log. */
export interface AuditStore {
  /** Records one audit entry. */
  recordAudit(entry: AuditEntry): Promise<void>;
  /** Audit entries, newest first. */
  listAudit(options?: { limit?: number }): Promise<AuditRecord[]>;
}

/** Webhook targets (decision 030): where `webhook` subscriptions deliver, with their signing secrets. */
export interface WebhookStore {
  /** Stores a new target; its id is the channel id of the subscriptions that deliver to it. */
  addWebhookTarget(input: WebhookTargetInput): Promise<WebhookTarget>;
  getWebhookTarget(id: number): Promise<WebhookTarget | null>;
  /** Every target, oldest first (targets are kept when their subscriptions stop). */
  listWebhookTargets(): Promise<WebhookTarget[]>;
}

/**
 * The storage port: every aggregate's port, on one database. Both backends (SQLite, PostgreSQL)
 * run the same queries (src/store/sql) and pass the contract tests in test/store-contract.ts.
 */
export interface Store
  extends
    FeedStore,
    ItemStore,
    TimelineStore,
    SubscriptionStore,
    OutboxStore,
    PauseStore,
    AuditStore,
    LabelStore,
    ThreadStore,
    OpsStore,
    WebhookStore,
    SentenceStore {
  /**
   * Runs `work` in one transaction, on a store bound to it: everything it does is kept together or
   * not at all. On PostgreSQL a deadlock runs `work` again, so it must act only through that store.
   */
  transaction<T>(work: (tx: Store) => Promise<T>): Promise<T>;
  /** Releases the connection. */
  close(): Promise<void>;
}
