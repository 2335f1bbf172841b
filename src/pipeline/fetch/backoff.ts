/** Longest wait between two checks of a feed, however badly it fails: 24 hours. */
export const MAX_BACKOFF_MS = 24 * 60 * 60 * 1000;

/** What the scheduler knows about a failed check. */
export interface FailedCheck {
  /** The feed's normal polling interval, seconds. */
  intervalSec: number;
  /** Consecutive errors, counting the one that just happened (so at least 1). */
  errorCount: number;
  /** How long the server asked us to wait (Retry-After), ms. */
  retryAfterMs?: number;
  /** True when retrying will not help (410 Gone, blocked address...). */
  permanent?: boolean;
}

/** When to check a feed again after a successful fetch: one interval from `now`. */
export function nextCheckAfterSuccess(intervalSec: number, now: Date): Date {
  return new Date(now.getTime() + intervalSec * 1000);
}

/**
 * How long to wait after a failure, ms: `min(24h, interval * 2^(errorCount-1))`, never less than the
 * server's Retry-After (itself capped at 24h); permanent failures wait the full 24h. No jitter.
 */
export function failureDelayMs(failure: FailedCheck): number {
  if (failure.permanent) return MAX_BACKOFF_MS;
  const doublings = Math.max(0, failure.errorCount - 1);
  const backoff = Math.min(MAX_BACKOFF_MS, failure.intervalSec * 1000 * 2 ** doublings);
  const retryAfter = Math.min(MAX_BACKOFF_MS, failure.retryAfterMs ?? 0);
  return Math.max(backoff, retryAfter);
}

/** When to check a feed again after a failed fetch (see `failureDelayMs` for the rule). */
export function nextCheckAfterFailure(failure: FailedCheck, now: Date): Date {
  return new Date(now.getTime() + failureDelayMs(failure));
}
