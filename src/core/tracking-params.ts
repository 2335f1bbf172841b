/** Query parameters that only track who followed a link: they never choose what a URL serves. */
const TRACKERS = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'gclsrc',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'ttclid',
  'li_fat_id',
  'igshid',
  'mc_cid',
  'mc_eid',
  '_ga',
  '_gl',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
  'oly_anon_id',
  'oly_enc_id',
  'vero_id',
  'wt.mc_id',
]);
const TRACKER_PREFIXES = ['utm_', 'pk_', 'mtm_', 'hsa_'];

/**
 * Parameters that article links carry for referral or feed bookkeeping. They never change which
 * article a link points to, but on a feed URL they often choose the feed (WordPress `?feed=rss2`,
 * category ids), so only article links drop them.
 */
const ARTICLE_ONLY = new Set([
  'ref',
  'ref_src',
  'ref_url',
  'cmpid',
  'ocid',
  'spm',
  'share',
  'smid',
  'sr_share',
  'ito',
  'taid',
  'guccounter',
  'guce_referrer',
  'guce_referrer_sig',
  'cid',
  'ncid',
  'rss',
  'feed',
  'feedname',
  'xtor',
]);
const ARTICLE_ONLY_PREFIXES = ['at_', 'oly_', 'vero_'];

/**
 * Whether a query parameter (by name, any case) is tracking noise to drop when comparing URLs:
 * `utm_*`, `fbclid`, `gclid`, `mc_cid`… always; with `article`, also referral and feed
 * bookkeeping such as `ref`, `cid`, `feed` and `at_*`.
 */
export function isTrackingParam(name: string, options: { article?: boolean } = {}): boolean {
  const lower = name.toLowerCase();
  if (TRACKERS.has(lower) || TRACKER_PREFIXES.some((p) => lower.startsWith(p))) return true;
  return options.article === true && (ARTICLE_ONLY.has(lower) || ARTICLE_ONLY_PREFIXES.some((p) => lower.startsWith(p)));
}
