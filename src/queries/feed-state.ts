import { isFailing, type FeedRecord } from '../core/feed.js';

/** A feed's state in one word (removed, paused with its reason), with FAILING once errors have piled up. */
export function feedState(feed: FeedRecord): string {
  if (feed.state === 'removed') return 'removed';
  if (feed.state === 'paused') return `paused:${feed.pausedReason ?? '?'}`;
  if (feed.status === 'error') return isFailing(feed.errorCount) ? 'FAILING' : 'retrying';
  return feed.status;
}

/** Formats a duration in seconds as "90s", "15m", "2h", "1d". */
export function formatInterval(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}
