import { createHash } from 'node:crypto';
import { isTrackingParam } from '../../core/tracking-params.js';
import { normalizeForHash } from '../../core/text/fold.js';

/**
 * The canonical form of an article link (miniflux-style): resolved against `base`, http(s) only,
 * lowercase scheme and host, default port and fragment dropped, tracking parameters (`utm_*`,
 * `fbclid`, `gclid`, `mc_cid`, `ref`, `at_*`…) removed, remaining parameters sorted. Null when the
 * text is not an http(s) URL.
 */
export function canonicalLink(url: string, base?: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim(), base);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  parsed.hash = '';
  parsed.username = '';
  parsed.password = '';
  const kept = [...parsed.searchParams.entries()].filter(([name]) => !isTrackingParam(name, { article: true }));
  kept.sort(([a, av], [b, bv]) => (a === b ? av.localeCompare(bv) : a < b ? -1 : 1));
  parsed.search = new URLSearchParams(kept).toString();
  return parsed.toString();
}

/** sha256 (hex) of the normalized title and text: equal for the same article at another URL. */
export function contentHash(title: string, text: string): string {
  return createHash('sha256')
    .update(`${normalizeForHash(title)}\n${normalizeForHash(text)}`)
    .digest('hex');
}

/**
 * The key of a raw entry when its link or guid gives it, before any text work (null when only the
 * content hash can): the same key `normalizeItem` gives the entry.
 */
export function keyBeforeText(raw: { link?: string; guid?: string }, feedUrl: string): string | null {
  const link = raw.link === undefined ? null : canonicalLink(raw.link, feedUrl);
  const guid = raw.guid?.trim() || null;
  return link === null && guid === null ? null : itemKey({ link, guid, hash: '', feedUrl });
}

/** The item key: `url:<canonical link>`, else `guid:<feed url>:<guid>`, else `hash:<feed url>:<content hash>`. */
export function itemKey(parts: { link: string | null; guid: string | null; hash: string; feedUrl: string }): string {
  if (parts.link !== null) return `url:${parts.link}`;
  if (parts.guid !== null) return `guid:${parts.feedUrl}:${parts.guid}`;
  return `hash:${parts.feedUrl}:${parts.hash}`;
}
