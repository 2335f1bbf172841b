import { isFailing, type FeedRecord } from '../core/feed.js';
import type { Item, RawItem, StoredItem } from '../core/item.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { OpsSettings } from '../core/ops.js';
import type { AppError, Result } from '../core/result.js';
import type { Store } from '../store/ports.js';
import { nextCheckAfterFailure, nextCheckAfterSuccess } from './fetch/backoff.js';
import type { Http } from './fetch/types.js';
import type { CompiledStory } from './match/compile-story.js';
import type { Detection } from './detect/detect-item.js';
import type { StoryMatch } from './match/match-item.js';
import { processPendingItems } from './process-pending.js';
import { noticeFeedFailure, noticeFeedRecovery } from './feed-notices.js';
import { readFeed, type FeedRead } from './parse/parse-feed.js';
import { keyBeforeText } from './normalize/item-key.js';
import { normalizeItem } from './normalize/normalize-item.js';

/** What the pipeline needs to run one feed. */
export interface RunFeedDeps {
  store: Store;
  http: Http;
  clock: Clock;
  log: Logger;
  /** Stories new items are matched against. */
  stories: CompiledStory[];
  /** Consecutive 404 answers after which a feed is paused (default 5); a 410 Gone pauses it at once. */
  pauseAfterNotFound?: number;
  /** Where and when operators hear about a failing feed (default: nowhere, after 3 failures). */
  ops?: OpsSettings;
  /** Called when an item made an alert (its messages are in the outbox), so that they are sent without waiting for a tick. */
  onAlert?: () => void;
}

/** Default of `pauseAfterNotFound` (schedules.yml `poll.pauseAfterNotFound`). */
export const PAUSE_AFTER_NOT_FOUND = 5;

/** The reason to pause a feed after this failure, if any: 410 Gone, or the n-th 404 in a row. */
function pauseReason(code: string, notFoundCount: number, deps: RunFeedDeps): string | undefined {
  if (code === 'FEED_HTTP_410') return code;
  if (code === 'FEED_HTTP_404' && notFoundCount >= (deps.pauseAfterNotFound ?? PAUSE_AFTER_NOT_FOUND)) return code;
  return undefined;
}

/** An item the feed carried that could not be used, and why. */
export interface RejectedItem {
  index: number;
  error: AppError;
}

/** The explained outcome of one feed run. */
export interface FeedRunReport {
  feed: FeedRecord;
  outcome: 'fetched' | 'not_modified' | 'error';
  error?: AppError;
  /** Items in the document. */
  itemsSeen: number;
  /** Items recorded silently because this was the feed's first fetch (baseline). */
  baselineItems: number;
  /** Items never seen before that move on down the pipeline. */
  newItems: StoredItem[];
  /**
   * Stored items (baseline ones too: the backlog still builds the story's record, and items an
   * earlier run left pending) that matched a story. Baseline items never alert.
   */
  matches: StoryMatch[];
  /** What each match did to its story's timeline (alerts only for items past the baseline). */
  detections: Detection[];
  rejected: RejectedItem[];
  nextCheckAt: Date;
}

async function recordFailure(feed: FeedRecord, error: AppError, deps: RunFeedDeps): Promise<FeedRunReport> {
  const now = deps.clock.now();
  const errorCount = feed.errorCount + 1;
  const nextCheckAt = nextCheckAfterFailure({ intervalSec: feed.intervalSec, errorCount, retryAfterMs: error.retryAfterMs, permanent: error.permanent }, now);
  const notFoundCount = error.code === 'FEED_HTTP_404' ? feed.notFoundCount + 1 : 0;
  const pause = pauseReason(error.code, notFoundCount, deps);
  await deps.store.recordFetch(feed.id, {
    at: now,
    status: 'error',
    errorCode: error.code,
    error: error.message,
    errorCount,
    nextCheckAt,
    notFoundCount,
    ...(pause ? { pause } : {}),
  });
  await noticeFeedFailure(feed, error, { at: now, errorCount, nextCheckAt, ...(pause ? { pause } : {}) }, deps);
  const fields = { feed: feed.url, code: error.code, errorCount, nextCheckAt: nextCheckAt.toISOString() };
  if (pause)
    deps.log.error(
      { ...fields, pausedReason: pause },
      `feed paused, no longer polled (resume it with \`storywatch feeds resume ${feed.id}\`): ${error.message}`,
    );
  else if (isFailing(errorCount)) deps.log.error(fields, `feed is failing: ${error.message}`);
  else deps.log.warn(fields, `feed fetch failed, will retry: ${error.message}`);
  return { feed, outcome: 'error', error, itemsSeen: 0, baselineItems: 0, newItems: [], matches: [], detections: [], rejected: [], nextCheckAt };
}

/** What became of one readable entry: stored before (left out), or normalized (an item, or why it was rejected, with its guid). */
type EntryOutcome = { stored: true } | { stored: false; guid: string | undefined; result: Result<Item> };

/**
 * One batch of a document's readable entries: those already stored are looked up by the key their
 * link or guid gives and left out before the text work (on a steady poll they are nearly all of
 * them); the others are normalized. No effect but reading the store.
 */
async function normalizeNew(feed: FeedRecord, raws: RawItem[], store: Store): Promise<EntryOutcome[]> {
  const keys = raws.map((raw) => keyBeforeText(raw, feed.url));
  const known = await store.knownKeys(keys.filter((key): key is string => key !== null));
  return raws.map((raw, i) => {
    const key = keys[i] ?? null;
    if (key !== null && known.has(key)) return { stored: true };
    return { stored: false, guid: raw.guid, result: normalizeItem(raw, { url: feed.url, language: feed.language }) };
  });
}

/**
 * The normalized entries, and, reported with a warning naming the feed and the entry, both the
 * entries the parser could not read and those normalize rejected; `index` is the position in the
 * document.
 */
function collect(feed: FeedRecord, read: FeedRead<EntryOutcome>, log: Logger): { items: Item[]; rejected: RejectedItem[] } {
  const items: Item[] = [];
  const rejected: RejectedItem[] = [];
  const skip = (index: number, error: AppError, id?: string): void => {
    rejected.push({ index, error });
    log.warn({ feed: feed.url, index, ...(id !== undefined ? { item: id } : {}), code: error.code }, `item skipped: ${error.message}`);
  };
  const unreadableAt = new Set((read.unreadable ?? []).map((u) => u.index));
  for (const u of read.unreadable ?? []) skip(u.index, u.error, u.id);
  let index = 0;
  for (const outcome of read.results) {
    while (unreadableAt.has(index)) index += 1;
    if (!outcome.stored) {
      if (outcome.result.ok) items.push(outcome.result.value);
      else skip(index, outcome.result.error, outcome.guid);
    }
    index += 1;
  }
  rejected.sort((a, b) => a.index - b.index);
  return { items, rejected };
}

/**
 * Runs one feed through fetch → parse → normalize → store, then matches and merges the feed's
 * pending items (those just stored and any an earlier run left), and returns what happened.
 */
export async function runFeed(feed: FeedRecord, deps: RunFeedDeps): Promise<FeedRunReport> {
  const report = await pollFeed(feed, deps);
  const processed = await processPendingItems({ ...deps, now: deps.clock.now() }, feed.id);
  return { ...report, matches: processed.matches, detections: processed.detections };
}

/**
 * Fetches, parses, normalizes and stores one feed's new items (pending, for `processPendingItems`)
 * and returns what happened, without matches or detections. Never throws for feed problems: they
 * are recorded on the feed (error count, backoff) and reported. On a feed's first successful fetch
 * its items are a baseline (stored, never alerting) unless the feed was added with backfill.
 */
export async function pollFeed(feed: FeedRecord, deps: RunFeedDeps): Promise<FeedRunReport> {
  const fetched = await deps.http.get({ url: feed.url, etag: feed.etag, lastModified: feed.lastModified });
  if (!fetched.ok) return recordFailure(feed, fetched.error, deps);

  const now = deps.clock.now();
  const nextCheckAt = nextCheckAfterSuccess(feed.intervalSec, now);
  const { etag, lastModified } = fetched.value;
  /** The fetch state of a feed that answered: its validators kept, its errors cleared. */
  const answered = (status: 'ok' | 'not_modified') => ({ at: now, status, etag, lastModified, errorCode: null, error: null, errorCount: 0, nextCheckAt });
  if (fetched.value.kind === 'not_modified') {
    await deps.store.recordFetch(feed.id, answered('not_modified'));
    await noticeFeedRecovery(feed, now, deps);
    deps.log.debug({ feed: feed.url }, 'feed not modified');
    return { feed, outcome: 'not_modified', itemsSeen: 0, baselineItems: 0, newItems: [], matches: [], detections: [], rejected: [], nextCheckAt };
  }

  // Entries are normalized as the document is read, batch by batch (a large one is never held whole).
  const read = await readFeed(fetched.value.body, fetched.value.contentType, (raws) => normalizeNew(feed, raws, deps.store));
  if (!read.ok) return recordFailure(feed, read.error, deps);

  const { items, rejected } = collect(feed, read.value, deps.log);
  const itemsSeen = read.value.results.length + (read.value.unreadable?.length ?? 0);
  const baseline = !feed.baselineDone && !feed.backfill;
  const inserted = await deps.store.insertItems(feed.id, items, now, { baseline });
  await deps.store.recordFetch(feed.id, { ...answered('ok'), baselineDone: true });
  await noticeFeedRecovery(feed, now, deps);
  deps.log.info(
    { feed: feed.url, items: itemsSeen, new: inserted.length, rejected: rejected.length, baseline },
    baseline ? 'feed baseline recorded' : 'feed fetched',
  );
  return {
    feed,
    outcome: 'fetched',
    itemsSeen,
    baselineItems: baseline ? inserted.length : 0,
    newItems: baseline ? [] : inserted,
    matches: [],
    detections: [],
    rejected,
    nextCheckAt,
  };
}

/**
 * Records an unexpected failure while running a feed (a store error, a bug) as a fetch error, so
 * the feed backs off and is retried, and ends its lease. Never throws: a failure to record is logged.
 */
export async function recordInternalError(feed: FeedRecord, error: unknown, deps: Pick<RunFeedDeps, 'store' | 'clock' | 'log'>): Promise<void> {
  deps.log.error({ feed: feed.url, err: error }, 'internal error while running feed; it will be retried with backoff');
  const now = deps.clock.now();
  const errorCount = feed.errorCount + 1;
  try {
    await deps.store.recordFetch(feed.id, {
      at: now,
      status: 'error',
      errorCode: 'INTERNAL_ERROR',
      error: String((error as Error)?.message ?? error),
      errorCount,
      nextCheckAt: nextCheckAfterFailure({ intervalSec: feed.intervalSec, errorCount }, now),
    });
  } catch (storeError) {
    deps.log.error({ feed: feed.url, err: storeError }, 'could not record the failure');
  }
}
