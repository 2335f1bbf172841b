import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A generic webhook a subscription delivers to (decision 030): an HTTP(S) URL that receives each
 * alert and digest as signed JSON. Its subscriptions have the platform `webhook` and the target's
 * id as their channel. The secret is storywatch's, shown once to whoever adds the target.
 */
export interface WebhookTarget {
  id: number;
  url: string;
  /** HMAC-SHA256 key of the signatures (64 hex characters); never logged or listed. */
  secret: string;
  /** The Discord guild or Slack team that owns it; null for the operator's (CLI). */
  tenantId: string | null;
  createdBy: string;
  createdAt: Date;
}

/** What adding a webhook target stores. */
export type WebhookTargetInput = Pick<WebhookTarget, 'url' | 'secret' | 'tenantId' | 'createdBy' | 'createdAt'>;

/** The header names of a delivery. */
export const WEBHOOK_HEADERS = {
  timestamp: 'x-storywatch-timestamp',
  signature: 'x-storywatch-signature',
  delivery: 'x-storywatch-delivery',
  event: 'x-storywatch-event',
} as const;

/** A new webhook secret: 32 random bytes as hex. */
export function newWebhookSecret(): string {
  return randomBytes(32).toString('hex');
}

/** The signature header's value: `v1=` and the hex HMAC-SHA256 of `<timestamp>.<body>` under the secret. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * True when `signature` is the one `secret` gives `<timestamp>.<body>` and the timestamp is within
 * `toleranceSec` of `nowSec` (a replayed old delivery fails). Compares in constant time. What a
 * receiver does; storywatch's tests use it as their receivers.
 */
export function verifyWebhook(secret: string, timestamp: string, body: string, signature: string, nowSec: number, toleranceSec = 300): boolean {
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSec - Number(timestamp)) > toleranceSec) return false;
  const expected = Buffer.from(signWebhook(secret, Number(timestamp), body));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
