import { createHash } from 'node:crypto';
import { normalizeForHash } from './fold.js';

/** Query parameters that only track the reader; they never change which article a link points to. */
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'dclid', 'gclsrc', 'msclkid', 'yclid', 'twclid', 'igshid', 'mc_cid', 'mc_eid', 'ref', 'ref_src',
  'ref_url', 'cmpid', 'ocid', '_ga', '_gl', 'spm', 'share', 'smid', 'sr_share', 'mkt_tok', 'wt.mc_id', 'ito', 'taid',
  'guccounter', 'guce_referrer', 'guce_referrer_sig', 'cid', 'ncid', 'rss', 'feed', 'feedname', 'xtor',
]);
const TRACKING_PREFIXES = ['utm_', 'at_', 'pk_', 'mtm_', 'hsa_', 'oly_', 'vero_'];

function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return TRACKING_PARAMS.has(lower) || TRACKING_PREFIXES.some((p) => lower.startsWith(p));
}

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
  const kept = [...parsed.searchParams.entries()].filter(([name]) => !isTrackingParam(name));
  kept.sort(([a, av], [b, bv]) => (a === b ? av.localeCompare(bv) : a < b ? -1 : 1));
  parsed.search = new URLSearchParams(kept).toString();
  return parsed.toString();
}

/** sha256 (hex) of the normalized title and text: equal for the same article at another URL. */
export function contentHash(title: string, text: string): string {
  return createHash('sha256').update(`${normalizeForHash(title)}\n${normalizeForHash(text)}`).digest('hex');
}

/** The item key: `url:<canonical link>`, else `guid:<feed url>:<guid>`, else `hash:<feed url>:<content hash>`. */
export function itemKey(parts: { link: string | null; guid: string | null; hash: string; feedUrl: string }): string {
  if (parts.link !== null) return `url:${parts.link}`;
  if (parts.guid !== null) return `guid:${parts.feedUrl}:${parts.guid}`;
  return `hash:${parts.feedUrl}:${parts.hash}`;
}
