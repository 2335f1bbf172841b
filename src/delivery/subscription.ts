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
  /** The Discord guild or Slack team of the channel; null when unknown (added from the CLI). */
  tenantId: string | null;
  /** Set when a user unsubscribed the channel (the row stays, stopped, for the record); cleared by subscribing again. */
  unsubscribedAt: Date | null;
  unsubscribedBy: string | null;
}

/** What `subscribe` sets; a missing tenant keeps the one recorded. */
export type SubscriptionInput = Pick<Subscription, 'platform' | 'channelId' | 'storyId' | 'alerts' | 'digestTime' | 'timeZone'> & { tenantId?: string | null };

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

/** Why the pending messages of an unsubscribed channel were dropped (UNSUBSCRIBED, who and when). */
export function unsubscribedReason(by: { at: Date; userId: string }): string {
  return `UNSUBSCRIBED: the channel was unsubscribed by ${by.userId} at ${by.at.toISOString()}`;
}
