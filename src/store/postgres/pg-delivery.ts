import type { Pool } from 'pg';
import { unsubscribedReason, type DigestRequest, type OutboxRow, type Platform, type Subscription, type SubscriptionInput } from '../../core/subscription.js';
import type { DeliveryUpdate } from '../ports.js';
import { outboxRow, subscriptionRow } from '../rows/delivery-rows.js';
import { parseRow } from '../rows/rows.js';
import { inTransaction } from './pg-pool.js';

const sql = {
  upsert: `INSERT INTO subscriptions (platform, channel_id, story_id, alerts, digest_time, time_zone, status, created_at, tenant_id)
           VALUES ($1, $2, $3, $4, $5, $6, 'active', $7, $8)
           ON CONFLICT (platform, channel_id, story_id) DO UPDATE SET alerts = excluded.alerts, digest_time = excluded.digest_time,
             time_zone = excluded.time_zone, status = 'active', stopped_reason = NULL, unsubscribed_at = NULL, unsubscribed_by = NULL,
             tenant_id = COALESCE(excluded.tenant_id, subscriptions.tenant_id)
           RETURNING *`,
  unsubscribe: `UPDATE subscriptions SET status = 'stopped', stopped_reason = 'unsubscribed', unsubscribed_at = $4, unsubscribed_by = $5
                WHERE platform = $1 AND channel_id = $2 AND ($3::text IS NULL OR story_id = $3::text) AND unsubscribed_at IS NULL
                RETURNING id`,
  dropPending: "UPDATE outbox SET status = 'dropped', last_error = $2 WHERE subscription_id = ANY($1::bigint[]) AND status = 'pending'",
  all: 'SELECT * FROM subscriptions ORDER BY id',
  byId: 'SELECT * FROM subscriptions WHERE id = $1',
  stop: "UPDATE subscriptions SET status = 'stopped', stopped_reason = $2 WHERE id = $1",
  digestSent: 'UPDATE subscriptions SET last_digest_at = GREATEST(COALESCE(last_digest_at, 0), $2) WHERE id = $1',
  enqueueDigest: `INSERT INTO outbox (subscription_id, kind, key, digest_day, digest_until, next_attempt_at, created_at)
                  VALUES ($1, 'digest', $2, $3, $4, $4, $4) ON CONFLICT DO NOTHING RETURNING *`,
  due: `SELECT * FROM outbox o WHERE o.next_attempt_at <= $1
          AND ((o.status = 'pending'
                -- in order per channel: an older message still waiting holds the newer ones back
                AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.subscription_id = o.subscription_id AND p.status = 'pending' AND p.id < o.id))
               OR (o.status = 'sent' AND o.needs_update = 1))
          AND ($3::text[] IS NULL OR o.subscription_id IN (SELECT id FROM subscriptions WHERE platform = ANY($3::text[])))
        ORDER BY o.id LIMIT $2`,
  outbox: 'SELECT * FROM outbox ORDER BY id',
  claim: 'UPDATE outbox SET next_attempt_at = $3 WHERE id = $1 AND next_attempt_at = $2',
  record: `UPDATE outbox SET status = $2, attempts = COALESCE($3::integer, attempts), next_attempt_at = COALESCE($4::bigint, next_attempt_at),
             last_error = $5, message_id = COALESCE($6::text, message_id), message_ids = COALESCE($7::text, message_ids),
             sent_at = COALESCE($8::bigint, sent_at), needs_update = COALESCE($9::smallint, needs_update)
           WHERE id = $1`,
};

/** The delivery part of the PostgreSQL store: subscriptions and the outbox. */
export class PostgresDelivery {
  /** Works on the store's pool. */
  constructor(private readonly pool: Pool) {}

  /** Makes a channel follow a story, or changes how; a stopped subscription becomes active again. */
  async subscribe(input: SubscriptionInput, at: Date): Promise<Subscription> {
    const { rows } = await this.pool.query(sql.upsert, [
      input.platform, input.channelId, input.storyId, input.alerts ? 1 : 0, input.digestTime, input.timeZone, at.getTime(), input.tenantId ?? null,
    ]);
    return parseRow(subscriptionRow, 'subscriptions', rows[0]);
  }

  /** Marks the subscriptions unsubscribed and drops their pending messages with the reason; returns how many. */
  async unsubscribe(platform: Platform, channelId: string, storyId: string | undefined, by: { at: Date; userId: string }): Promise<number> {
    return inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ id: number }>(sql.unsubscribe, [platform, channelId, storyId ?? null, by.at.getTime(), by.userId]);
      if (rows.length > 0) await client.query(sql.dropPending, [rows.map((r) => r.id), unsubscribedReason(by)]);
      return rows.length;
    });
  }

  /** Every subscription, in id order. */
  async listSubscriptions(): Promise<Subscription[]> {
    return (await this.pool.query(sql.all)).rows.map((row) => parseRow(subscriptionRow, 'subscriptions', row));
  }

  /** A subscription by id, or null. */
  async getSubscription(id: number): Promise<Subscription | null> {
    const [row] = (await this.pool.query(sql.byId, [id])).rows;
    return row === undefined ? null : parseRow(subscriptionRow, 'subscriptions', row);
  }

  /** Stops a subscription for good, with the reason. */
  async stopSubscription(id: number, reason: string): Promise<void> {
    await this.pool.query(sql.stop, [id, reason]);
  }

  /** Adds digest rows, a scheduled digest once per subscription and day; returns the rows added. */
  async enqueueDigests(requests: DigestRequest[]): Promise<OutboxRow[]> {
    if (requests.length === 0) return [];
    return inTransaction(this.pool, async (client) => {
      const added: OutboxRow[] = [];
      for (const r of requests) {
        const key = r.day === null ? `digest-now:${r.subscriptionId}:${r.at.getTime()}` : `digest:${r.subscriptionId}:${r.day}`;
        const { rows } = await client.query(sql.enqueueDigest, [r.subscriptionId, key, r.day, r.at.getTime()]);
        for (const row of rows) added.push(parseRow(outboxRow, 'outbox', row));
      }
      return added;
    });
  }

  /** Outbox rows to work on now, oldest first, keeping each subscription's messages in order (a negative limit: all; `platforms`: only theirs). */
  async dueOutbox(now: Date, limit: number, platforms?: Platform[]): Promise<OutboxRow[]> {
    const { rows } = await this.pool.query(sql.due, [now.getTime(), limit < 0 ? null : Math.floor(limit), platforms ?? null]);
    return rows.map((row) => parseRow(outboxRow, 'outbox', row));
  }

  /** Claims a due row until `until`, unless another dispatcher did since it was read. */
  async claimOutbox(id: number, seen: Date, until: Date): Promise<boolean> {
    return (await this.pool.query(sql.claim, [id, seen.getTime(), until.getTime()])).rowCount === 1;
  }

  /** The whole outbox, in id order. */
  async listOutbox(): Promise<OutboxRow[]> {
    return (await this.pool.query(sql.outbox)).rows.map((row) => parseRow(outboxRow, 'outbox', row));
  }

  /** Records a delivery attempt and, for a digest, moves the subscription's digest start. */
  async recordDelivery(id: number, u: DeliveryUpdate): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await client.query(sql.record, [
        id,
        u.status,
        u.attempts ?? null,
        u.nextAttemptAt?.getTime() ?? null,
        u.lastError ?? null,
        u.sent?.messageId ?? null,
        u.sent ? JSON.stringify(u.sent.messageIds) : null,
        u.sentAt?.getTime() ?? null,
        u.needsUpdate === undefined ? null : u.needsUpdate ? 1 : 0,
      ]);
      if (u.digestSent) await client.query(sql.digestSent, [u.digestSent.subscriptionId, u.digestSent.until.getTime()]);
    });
  }
}
