import type { FeedInput } from '../core/feed.js';
import { normalizeFeedUrl } from '../core/feed-url.js';
import { err, ok, type Result } from '../core/result.js';
import type { AddFeedOptions } from '../store/ports.js';
import type { FetchOutcome, Http } from './fetch/types.js';
import { cleanInlineText } from './normalize/html-to-text.js';
import { parseFeed } from './parse/parse-feed.js';
import { runFeed, type FeedRunReport, type RunFeedDeps } from './run-feed.js';

/** Fetch errors that mean the URL is not a usable feed at all (besides those marked permanent). */
const REFUSING_CODES = new Set(['FEED_EMPTY_BODY', 'FEED_BAD_URL', 'FEED_BLOCKED_ADDRESS']);

/** HTTP answers that say there is no feed at the URL: adding it would only retry it forever. */
const NOT_FOUND_CODES = new Set(['FEED_HTTP_404', 'FEED_HTTP_410']);

/** The longest default name taken from a feed's title. */
const MAX_NAME_LENGTH = 100;

/** A feed to add; without a name it is named after its title (or, without one, its host). */
export type AddFeedInput = Omit<FeedInput, 'name'> & { name?: string };

/** An Http that answers the first request for `url` with `first` (already fetched) and passes the rest on. */
function replaying(http: Http, url: string, first: Result<FetchOutcome>): Http {
  let replayed = false;
  return {
    get: (request) => {
      if (replayed || request.url !== url) return http.get(request);
      replayed = true;
      return Promise.resolve(first);
    },
  };
}

/** The name a feed gets when none is given: its title, cleaned and shortened, else its host. */
function defaultName(url: string, title: string | undefined): string {
  const name = title === undefined ? '' : cleanInlineText(title);
  if (name === '') return new URL(url).hostname;
  return name.length > MAX_NAME_LENGTH ? `${name.slice(0, MAX_NAME_LENGTH - 1).trimEnd()}…` : name;
}

/**
 * Adds a feed and fetches it at once (as MonitoRSS does, decision 002): the items it already holds
 * become the baseline, so no alert fires on the backlog, unless `backfill` is set. The URL is
 * normalized first (see normalizeFeedUrl), so spellings of a watched feed are FEED_EXISTS. The feed
 * is fetched and parsed before anything is stored: a URL the server answers 404 or 410 for is
 * refused with FEED_NOT_FOUND, and one that is not a feed (HTML, unreadable, or refused outright)
 * with the reason; nothing is stored for either. A transient failure (timeout, 5xx) adds the feed
 * anyway, with the error recorded and the baseline taken on the first successful fetch. Without a
 * name the feed is named after its title.
 */
export async function addFeed(input: AddFeedInput, deps: RunFeedDeps, options: AddFeedOptions = {}): Promise<Result<FeedRunReport>> {
  const url = normalizeFeedUrl(input.url);
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) return err('FEED_BAD_URL', `${input.url} is not an http(s) URL; nothing was added.`);
  const fetched = await deps.http.get({ url });
  if (!fetched.ok && NOT_FOUND_CODES.has(fetched.error.code)) {
    return err('FEED_NOT_FOUND', `${url} was not added: the server has no feed there (${fetched.error.message}). Check the address.`);
  }
  if (!fetched.ok && (fetched.error.permanent || REFUSING_CODES.has(fetched.error.code))) {
    return err(fetched.error.code, `${url} was not added: ${fetched.error.message}`);
  }
  let title: string | undefined;
  if (fetched.ok && fetched.value.kind === 'fetched') {
    // Every parse failure means the URL serves no feed we can read (see parseFeed).
    const parsed = await parseFeed(fetched.value.body, fetched.value.contentType);
    if (!parsed.ok) return err(parsed.error.code, `${url} was not added: ${parsed.error.message}`);
    title = parsed.value.title;
  }
  const added = await deps.store.addFeed({ ...input, url, name: input.name ?? defaultName(url, title) }, deps.clock.now(), options);
  if (!added.ok) return added;
  return ok(await runFeed(added.value, { ...deps, http: replaying(deps.http, url, fetched) }));
}
