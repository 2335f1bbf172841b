import { isTrackingParam } from './tracking-params.js';

function paramName(part: string): string {
  const name = part.split('=')[0] ?? '';
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}

/**
 * The form a feed URL is stored and compared in, so that spellings of one feed are one feed:
 * scheme and host lower-cased and the default port dropped (as WHATWG URL parsing does), the
 * fragment dropped, tracking parameters (`utm_*`, `fbclid`, `gclid`, `mc_cid`, `mc_eid`, `igshid`…)
 * removed, and the other parameters kept as written and in their order. Text that is not an
 * absolute URL is returned trimmed, unchanged, for the caller's validation to report.
 */
export function normalizeFeedUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return url.trim();
  }
  parsed.hash = '';
  const kept = parsed.search
    .slice(1)
    .split('&')
    .filter((part) => part !== '' && !isTrackingParam(paramName(part)));
  parsed.search = kept.length > 0 ? `?${kept.join('&')}` : '';
  return parsed.href;
}
