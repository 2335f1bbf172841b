/** A feed as configured or added by an operator. */
export interface FeedInput {
  url: string;
  name: string;
  /** BCP-47 language code when the operator knows it; otherwise detected per item. */
  language?: string | null;
  /** Poll interval in seconds. */
  intervalSec: number;
}

/** Outcome of the last fetch of a feed. */
export type FeedStatus = 'new' | 'ok' | 'not_modified' | 'error';

/** Why a config feed is paused: it is no longer listed in feeds.yml (it resumes when listed again). */
export const NOT_IN_CONFIG = 'FEED_NOT_IN_CONFIG';

/** Who ended the ownerships when an operator removed a feed. */
export const OPERATOR = 'operator';

/** Where a feed came from: config/feeds.yml, or added by a command (CLI or slash command). */
export type FeedOrigin = 'config' | 'added';

/**
 * Whether a feed is polled: `active` is; `paused` is not, for `pausedReason` (dropped from
 * feeds.yml, 410 Gone, repeated 404); `removed` is soft-deleted (its items stay as timeline sources).
 */
export type FeedState = 'active' | 'paused' | 'removed';

/** A feed as stored, with its fetch state. */
export interface FeedRecord extends FeedInput {
  id: number;
  language: string | null;
  etag: string | null;
  lastModified: string | null;
  status: FeedStatus;
  lastFetchAt: Date | null;
  lastErrorCode: string | null;
  lastError: string | null;
  /** Consecutive failures; reset to 0 on success. */
  errorCount: number;
  nextCheckAt: Date;
  /** False until the first successful fetch recorded the feed's backlog. */
  baselineDone: boolean;
  /** When true, the first fetch sends its backlog down the pipeline instead of recording it silently. */
  backfill: boolean;
  createdAt: Date;
  origin: FeedOrigin;
  /** Operator-level: from feeds.yml or the CLI (or also added by an operator); only operators change it. */
  operatorOwned: boolean;
  state: FeedState;
  /** Why a paused feed is not polled: an error code such as FEED_HTTP_410 or FEED_NOT_IN_CONFIG. */
  pausedReason: string | null;
  removedAt: Date | null;
  /** Consecutive 404 answers; at the configured count the feed is paused. */
  notFoundCount: number;
}

/** A Discord server or Slack workspace that added a feed: it sees and changes it (soft-removed owners keep their row). */
export interface FeedOwner {
  feedId: number;
  platform: 'discord' | 'slack';
  /** Discord guild id or Slack team id. */
  tenantId: string;
  addedBy: string;
  addedAt: Date;
  removedAt: Date | null;
  removedBy: string | null;
}

/** A feed with this many consecutive errors (or more) is reported as failing. */
export const FAILING_THRESHOLD = 3;

/** True when a feed has failed `FAILING_THRESHOLD` times in a row or more and should be reported. */
export function isFailing(errorCount: number): boolean {
  return errorCount >= FAILING_THRESHOLD;
}

/** What a fetch attempt changes in a feed's stored state. */
export interface FetchStateUpdate {
  at: Date;
  status: FeedStatus;
  /** Validators from the response; undefined keeps the stored ones, null clears them. */
  etag?: string | null;
  lastModified?: string | null;
  errorCode: string | null;
  error: string | null;
  errorCount: number;
  nextCheckAt: Date;
  /** Set to true once the first successful fetch has recorded the backlog. */
  baselineDone?: boolean;
  /** Consecutive 404 answers so far (0 when omitted: any other outcome ends the run). */
  notFoundCount?: number;
  /** Pauses the feed with this reason (an error code): it is no longer polled. */
  pause?: string;
}

/** A Discord server or Slack workspace acting through one of its members. */
export interface TenantActor {
  platform: 'discord' | 'slack';
  /** Discord guild id or Slack team id. */
  tenantId: string;
  userId: string;
}

/** Options when adding a feed. */
export interface AddFeedOptions {
  /** Send the feed's current backlog down the pipeline on its first fetch instead of recording it silently. */
  backfill?: boolean;
  /** The server or workspace adding it; without one the feed is operator-level. */
  owner?: TenantActor;
}

/** Options when removing a feed. */
export interface RemoveFeedOptions {
  /** When it was removed (default now). */
  at?: Date;
  /** Removes only this tenant's ownership; the feed stops being polled once nobody owns it. */
  owner?: TenantActor;
}
