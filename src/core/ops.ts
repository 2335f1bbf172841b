import type { Platform } from './subscription.js';

/** A channel where operators hear about trouble (config `ops`, at most one per platform). */
export interface OpsTarget {
  platform: Platform;
  channelId: string;
}

/** What the operators are told about, and when. */
export interface OpsSettings {
  /** Where notices go; none: trouble is only logged and shown by /story. */
  targets: OpsTarget[];
  /** Consecutive failures after which a feed is reported as failing (default 3). */
  feedFailures: number;
  /** Pending outbox messages on one platform above which the backlog is reported (default 500); back below at 80 % of it. */
  backlogLimit: number;
}

/** The defaults when storywatch.yml has no `ops` section. */
export const DEFAULT_OPS: OpsSettings = { targets: [], feedFailures: 3, backlogLimit: 500 };

/** What a notice is about. */
export type NoticeKind = 'feed_failing' | 'feed_recovered' | 'subscription_stopped' | 'delivery_paused' | 'backlog_high' | 'backlog_ok';

/** One notice for the operators, before it is queued for each ops channel. */
export interface NoticeInput {
  /** The idempotency key: the same trouble told twice is one notice (e.g. `feed:12:failing:<time>`). */
  key: string;
  kind: NoticeKind;
  title: string;
  lines: string[];
  at: Date;
}

/** A notice queued for one ops channel: sent once, retried like the outbox. */
export interface NoticeRow {
  id: number;
  /** The notice's key and its channel: the idempotency key given to the platform. */
  key: string;
  platform: Platform;
  channelId: string;
  kind: NoticeKind;
  title: string;
  lines: string[];
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  messageId: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

/** How a notice's delivery attempt went. */
export interface NoticeUpdate {
  status: NoticeRow['status'];
  attempts?: number;
  nextAttemptAt?: Date;
  lastError: string | null;
  messageId?: string;
  sentAt?: Date;
}

/**
 * Trouble that is on now, raised once and cleared once (`feed:<id>`, `backlog:<platform>`): the
 * notice goes out when it is raised and when it clears, not on every failure.
 */
export interface OpsFlag {
  name: string;
  raisedAt: Date;
  /** What was true when it was raised (the error code, the backlog size). */
  detail: string;
}

/** The flag of a failing feed. */
export function feedFlag(feedId: number): string {
  return `feed:${feedId}`;
}

/** The flag of a platform's delivery backlog. */
export function backlogFlag(platform: Platform): string {
  return `backlog:${platform}`;
}
