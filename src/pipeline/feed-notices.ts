import type { FeedRecord } from '../core/feed.js';
import type { Logger } from '../core/logger.js';
import { DEFAULT_OPS, feedFlag, type OpsSettings } from '../core/ops.js';
import type { AppError } from '../core/result.js';
import type { Store } from '../store/ports.js';

/** What the feed notices need. */
export interface FeedNoticeDeps {
  store: Store;
  log: Logger;
  ops?: OpsSettings;
}

/** A failed fetch as it was recorded: the streak so far, and what happens next. */
export interface RecordedFailure {
  at: Date;
  errorCount: number;
  nextCheckAt: Date;
  /** Set when the failure paused the feed (410 Gone, repeated 404). */
  pause?: string;
}

const iso = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/u, 'Z');

/**
 * After a failed fetch: once the feed has failed `ops.feedFailures` times in a row (or the failure
 * paused it), raises its flag and queues one notice for the ops channels — the error code and what
 * happens next (the next retry, or paused and how to resume). Later failures of the same streak add
 * nothing, except a pause, which is told once. Never throws: a store failure is logged.
 */
export async function noticeFeedFailure(feed: FeedRecord, error: AppError, failure: RecordedFailure, deps: FeedNoticeDeps): Promise<void> {
  const ops = deps.ops ?? DEFAULT_OPS;
  if (failure.errorCount < ops.feedFailures && !failure.pause) return;
  const next = failure.pause
    ? `Paused (${failure.pause}): no longer polled. Resume it with \`storywatch feeds resume ${feed.id}\` once it is fixed.`
    : `Next retry at ${iso(failure.nextCheckAt)}; a notice follows when it recovers.`;
  const lines = [`${feed.url} (#${feed.id}) failed ${failure.errorCount} time(s) in a row: ${error.code}: ${error.message}`, next];
  const notice = {
    key: `feed:${feed.id}:failing:${failure.at.getTime()}`,
    kind: 'feed_failing' as const,
    title: `Feed failing: ${feed.name}`,
    lines,
    at: failure.at,
  };
  try {
    const raised = await deps.store.raiseOpsFlag({ name: feedFlag(feed.id), raisedAt: failure.at, detail: error.code }, notice, ops.targets);
    if (!raised && failure.pause)
      await deps.store.enqueueNotice({ ...notice, key: `feed:${feed.id}:paused:${failure.at.getTime()}`, title: `Feed paused: ${feed.name}` }, ops.targets);
  } catch (e) {
    deps.log.error({ feed: feed.url, err: e }, 'could not queue the ops notice of a failing feed');
  }
}

/**
 * After a fetch that answered, of a feed whose last fetch had failed: clears its flag and, when it
 * was raised, queues the recovery notice (keyed by the feed and the time the streak was reported).
 * Never throws: a store failure is logged.
 */
export async function noticeFeedRecovery(feed: FeedRecord, at: Date, deps: FeedNoticeDeps): Promise<void> {
  if (feed.errorCount === 0) return;
  const ops = deps.ops ?? DEFAULT_OPS;
  try {
    await deps.store.clearOpsFlag(
      feedFlag(feed.id),
      (flag) => ({
        key: `feed:${feed.id}:recovered:${flag.raisedAt.getTime()}`,
        kind: 'feed_recovered',
        title: `Feed recovered: ${feed.name}`,
        lines: [`${feed.url} (#${feed.id}) answers again at ${iso(at)}, after failing since ${iso(flag.raisedAt)} (${flag.detail}).`],
        at,
      }),
      ops.targets,
    );
  } catch (e) {
    deps.log.error({ feed: feed.url, err: e }, 'could not queue the ops notice of a recovered feed');
  }
}
