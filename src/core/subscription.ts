/** A chat platform storywatch delivers to. */
export type Platform = 'discord' | 'slack';

/**
 * Where a subscription delivers: a chat platform, or `webhook` (decision 030), whose "channel" is
 * the id of a stored webhook target. Webhooks have no token, so they are never paused.
 */
export type DeliveryPlatform = Platform | 'webhook';

/** A channel (or webhook target) following a story. */
export interface Subscription {
  id: number;
  platform: DeliveryPlatform;
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
  /** The language its messages are written in (BCP 47: `en`, `fr`, `ar`…; docs/decisions/023). */
  language: string;
}

/** What `subscribe` sets; a missing tenant keeps the one recorded. */
export type SubscriptionInput = Pick<Subscription, 'platform' | 'channelId' | 'storyId' | 'alerts' | 'digestTime' | 'timeZone'> & {
  tenantId?: string | null;
  language?: string;
};

/** What a platform gave back for a sent message. */
export interface SentMessage {
  /** The platform's id of the (first) message; Slack: the `ts`. */
  messageId: string;
  /** Ids of every message when a long digest was split. */
  messageIds: string[];
}

/** One message to send: an alert or a digest for one subscription. */
export interface OutboxRow {
  id: number;
  subscriptionId: number;
  /** `thread`: a later source of a development, as a reply in its alert's thread (decision 024). */
  kind: 'alert' | 'digest' | 'thread';
  /** Idempotency key, also given to the platform (Discord nonce, Slack marker). */
  key: string;
  alertId: number | null;
  /** A thread reply's source item; null for alerts and digests. */
  itemId?: number | null;
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

/**
 * Delivery on a platform stopped because the platform refused the bot's token (401, revoked,
 * expired…). Every message waits in the outbox; a probe with the oldest due message, or
 * `subscriptions resume`, lifts it. Kept in the store, so restarts and other processes see it.
 */
export interface PlatformPause {
  platform: Platform;
  /** The sender's error code that caused it (DISCORD_UNAUTHORIZED, SLACK_UNAUTHORIZED, …). */
  code: string;
  /** The platform's message, as the sender reported it. */
  reason: string;
  /** The channel whose message hit the refusal. */
  channelId: string | null;
  pausedAt: Date;
  /** When a dispatcher next tries the oldest due message to see whether the token works again. */
  nextProbeAt: Date;
}

/** The messages still to send on one platform (active subscriptions only). */
export interface OutboxBacklog {
  platform: DeliveryPlatform;
  /** Pending messages, due or not. */
  pending: number;
  /** The earliest next attempt among the messages that are first in their channel's queue. */
  nextAttemptAt: Date | null;
  /** The last error of that earliest message (why it waits), if any. */
  lastError: string | null;
}

/** Why the pending messages of an unsubscribed channel were dropped (UNSUBSCRIBED, who and when). */
export function unsubscribedReason(by: { at: Date; userId: string }): string {
  return `UNSUBSCRIBED: the channel was unsubscribed by ${by.userId} at ${by.at.toISOString()}`;
}

/** What a delivery attempt changes in an outbox row. */
export interface DeliveryUpdate {
  status: OutboxRow['status'];
  attempts?: number;
  nextAttemptAt?: Date;
  lastError?: string | null;
  sent?: SentMessage;
  sentAt?: Date;
  needsUpdate?: boolean;
  /** A digest went out: the subscription's digests now start after `until`. */
  digestSent?: { subscriptionId: number; until: Date };
}
