import { z } from 'zod';
import type { OutboxBacklog, OutboxRow, PlatformPause, Subscription } from '../../core/subscription.js';

const ms = z.number().int();
const date = ms.transform((v) => new Date(v));
const optionalDate = ms.nullable().transform((v) => (v === null ? null : new Date(v)));
const flag = z.union([z.literal(0), z.literal(1)]).transform((v) => v === 1);

/** A `subscriptions` row as read back. */
export const subscriptionRow = z
  .object({
    id: ms,
    platform: z.enum(['discord', 'slack']),
    channel_id: z.string(),
    story_id: z.string(),
    alerts: flag,
    digest_time: z.string().nullable(),
    time_zone: z.string().nullable(),
    status: z.enum(['active', 'stopped']),
    stopped_reason: z.string().nullable(),
    last_digest_at: optionalDate,
    created_at: date,
    tenant_id: z.string().nullable(),
    unsubscribed_at: optionalDate,
    unsubscribed_by: z.string().nullable(),
  })
  .transform((r): Subscription => ({
    id: r.id, platform: r.platform, channelId: r.channel_id, storyId: r.story_id, alerts: r.alerts,
    digestTime: r.digest_time, timeZone: r.time_zone, status: r.status, stoppedReason: r.stopped_reason,
    lastDigestAt: r.last_digest_at, createdAt: r.created_at, tenantId: r.tenant_id, unsubscribedAt: r.unsubscribed_at, unsubscribedBy: r.unsubscribed_by,
  }));

/** An `outbox` row as read back. */
export const outboxRow = z
  .object({
    id: ms,
    subscription_id: ms,
    kind: z.enum(['alert', 'digest']),
    key: z.string(),
    alert_id: ms.nullable(),
    digest_day: z.string().nullable(),
    digest_until: optionalDate,
    status: z.enum(['pending', 'sent', 'failed', 'dropped']),
    attempts: ms,
    next_attempt_at: date,
    last_error: z.string().nullable(),
    message_id: z.string().nullable(),
    message_ids: z.string().nullable().transform((v) => (v === null ? [] : z.array(z.string()).parse(JSON.parse(v)))),
    needs_update: flag,
    created_at: date,
    sent_at: optionalDate,
  })
  .transform((r): OutboxRow => ({
    id: r.id, subscriptionId: r.subscription_id, kind: r.kind, key: r.key, alertId: r.alert_id, digestDay: r.digest_day,
    digestUntil: r.digest_until, status: r.status, attempts: r.attempts, nextAttemptAt: r.next_attempt_at, lastError: r.last_error,
    messageId: r.message_id, messageIds: r.message_ids, needsUpdate: r.needs_update, createdAt: r.created_at, sentAt: r.sent_at,
  }));

/** A `platform_pauses` row as read back. */
export const platformPauseRow = z
  .object({
    platform: z.enum(['discord', 'slack']),
    code: z.string(),
    reason: z.string(),
    channel_id: z.string().nullable(),
    paused_at: date,
    next_probe_at: date,
  })
  .transform((r): PlatformPause => ({
    platform: r.platform, code: r.code, reason: r.reason, channelId: r.channel_id, pausedAt: r.paused_at, nextProbeAt: r.next_probe_at,
  }));

/** One platform's line of the outbox backlog query. */
export const backlogRow = z
  .object({
    platform: z.enum(['discord', 'slack']),
    pending: ms,
    next_attempt_at: optionalDate,
    last_error: z.string().nullable(),
  })
  .transform((r): OutboxBacklog => ({ platform: r.platform, pending: r.pending, nextAttemptAt: r.next_attempt_at, lastError: r.last_error }));
