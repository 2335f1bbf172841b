/** A chat platform storywatch delivers to. */
export type Platform = 'discord' | 'slack';

/** A channel following a story. */
export interface Subscription {
  id: number;
  platform: Platform;
  channelId: string;
  storyId: string;
  /** Whether new-development alerts are posted. */
  alerts: boolean;
  /** Local time of the daily digest ("08:00") and its IANA zone, or null for no digest. */
  digestTime: string | null;
  timeZone: string | null;
  /** A subscription stops when its channel is gone or the token is refused; the reason says why. */
  status: 'active' | 'stopped';
  stoppedReason: string | null;
  lastDigestAt: Date | null;
  createdAt: Date;
}

/** What `subscribe` sets. */
export type SubscriptionInput = Pick<Subscription, 'platform' | 'channelId' | 'storyId' | 'alerts' | 'digestTime' | 'timeZone'>;

/** One message to send: an alert or a digest for one subscription. */
export interface OutboxRow {
  id: number;
  subscriptionId: number;
  kind: 'alert' | 'digest';
  /** Idempotency key, also given to the platform (Discord nonce, Slack marker). */
  key: string;
  alertId: number | null;
  /** The local day of a scheduled digest, or null for an on-demand one. */
  digestDay: string | null;
  /** A digest covers developments recorded up to this instant. */
  digestUntil: Date | null;
  status: 'pending' | 'sent' | 'failed' | 'dropped';
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  messageId: string | null;
  messageIds: string[];
  /** A sent alert whose developments gained sources: its message should be edited. */
  needsUpdate: boolean;
  createdAt: Date;
  sentAt: Date | null;
}

/** A digest to enqueue. */
export interface DigestRequest {
  subscriptionId: number;
  /** Local day for a scheduled digest; null for `digest --now`. */
  day: string | null;
  at: Date;
}
