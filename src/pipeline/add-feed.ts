import type { FeedInput } from '../core/feed.js';
import { err, ok, type Result } from '../core/result.js';
import type { AddFeedOptions } from '../store/ports.js';
import { runFeed, type FeedRunReport, type RunFeedDeps } from './run-feed.js';

/** Errors on the first fetch that mean the URL is not a usable feed at all. */
const REFUSING_CODES = new Set(['FEED_NOT_A_FEED', 'FEED_PARSE_ERROR', 'FEED_EMPTY_BODY', 'FEED_BAD_URL', 'FEED_BLOCKED_ADDRESS']);

/**
 * Adds a feed and fetches it at once (as MonitoRSS does): the items it already holds become the
 * baseline, so no alert fires on the backlog, unless `backfill` is set. A URL that is not a feed
 * (or is refused outright) is not added; a transient failure adds it anyway, with the error
 * recorded and the baseline taken on the first successful fetch.
 */
export async function addFeed(input: FeedInput, deps: RunFeedDeps, options: AddFeedOptions = {}): Promise<Result<FeedRunReport>> {
  const added = await deps.store.addFeed(input, deps.clock.now(), options);
  if (!added.ok) return added;
  const report = await runFeed(added.value, deps);
  if (report.error && (report.error.permanent || REFUSING_CODES.has(report.error.code))) {
    // A feed never fetched before holds nothing to keep; one that was (shared, or re-added) is only given up by this asker.
    if (added.value.status === 'new' && (await deps.store.countItems(added.value.id)) === 0) await deps.store.purgeFeed(added.value.id);
    else await deps.store.removeFeed(added.value.id, { at: deps.clock.now(), ...(options.owner ? { owner: options.owner } : {}) });
    return err(report.error.code, `${input.url} was not added: ${report.error.message}`);
  }
  return ok(report);
}
