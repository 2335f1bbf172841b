import type { FeedRecord } from '../core/feed.js';
import { normalizeFeedUrl } from '../core/feed-url.js';
import type { Store } from '../store/ports.js';

/**
 * Finds a feed by id (all digits), by URL as stored, or by the URL's normalized form (see
 * normalizeFeedUrl), so `HTTP://Host/feed#x` finds the feed added as `http://host/feed`.
 */
export async function findFeed(store: Pick<Store, 'getFeed'>, idOrUrl: string): Promise<FeedRecord | null> {
  const key = idOrUrl.trim();
  if (/^\d+$/.test(key)) return store.getFeed(Number(key));
  return (await store.getFeed(key)) ?? (await store.getFeed(normalizeFeedUrl(key)));
}
