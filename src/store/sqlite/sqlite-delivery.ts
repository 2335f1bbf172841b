import type { Database as Connection } from 'better-sqlite3';
import { unsubscribedReason, type DigestRequest, type OutboxRow, type Platform, type Subscription, type SubscriptionInput } from '../../core/subscription.js';
import type { DeliveryUpdate } from '../ports.js';
import { outboxRow, subscriptionRow } from '../rows/delivery-rows.js';
import { parseRow } from '../rows/rows.js';

/** The delivery part of the SQLite store: subscriptions and the outbox. */
export class SqliteDelivery {
  private readonly sql;

  constructor(private readonly db: Connection) {
    const prepare = (source: string) => db.prepare<unknown[], unknown>(source);
    this.sql = {
      upsert: prepare(
        `INSERT INTO subscriptions (platform, channel_id, story_id, alerts, digest_time, time_zone, status, created_at, tenant_id)
         VALUES (@platform, @channelId, @storyId, @alerts, @digestTime, @timeZone, 'active', @at, @tenantId)
         ON CONFLICT (platform, channel_id, story_id) DO UPDATE SET alerts = excluded.alerts, digest_time = excluded.digest_time,
           time_zone = excluded.time_zone, status = 'active', stopped_reason = NULL, unsubscribed_at = NULL, unsubscribed_by = NULL,
           tenant_id = COALESCE(excluded.tenant_id, tenant_id)
         RETURNING *`,
      ),
      all: prepare('SELECT * FROM subscriptions ORDER BY id'),
      byId: prepare('SELECT * FROM subscriptions WHERE id = ?'),
      unsubscribe: prepare(
        `UPDATE subscriptions SET status = 'stopped', stopped_reason = 'unsubscribed', unsubscribed_at = @at, unsubscribed_by = @userId
         WHERE platform = @platform AND channel_id = @channelId AND (@storyId IS NULL OR story_id = @storyId) AND unsubscribed_at IS NULL
         RETURNING id`,
      ),
      dropPending: prepare("UPDATE outbox SET status = 'dropped', last_error = @reason WHERE subscription_id = @id AND status = 'pending'"),
      stop: prepare("UPDATE subscriptions SET status = 'stopped', stopped_reason = ? WHERE id = ?"),
      digestSent: prepare('UPDATE subscriptions SET last_digest_at = MAX(COALESCE(last_digest_at, 0), ?) WHERE id = ?'),
      enqueueDigest: prepare(
        `INSERT INTO outbox (subscription_id, kind, key, digest_day, digest_until, next_attempt_at, created_at)
         VALUES (@subscriptionId, 'digest', @key, @day, @at, @at, @at) ON CONFLICT DO NOTHING RETURNING *`,
      ),
      due: prepare(
        `SELECT * FROM outbox o WHERE next_attempt_at <= @now
           AND ((o.status = 'pending'
                 -- in order per channel: an older message still waiting holds the newer ones back
                 AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.subscription_id = o.subscription_id AND p.status = 'pending' AND p.id < o.id))
                OR (o.status = 'sent' AND o.needs_update = 1))
           AND (@platforms IS NULL OR o.subscription_id IN (SELECT id FROM subscriptions WHERE platform IN (SELECT value FROM json_each(@platforms))))
         ORDER BY o.id LIMIT @limit`,
      ),
      outbox: prepare('SELECT * FROM outbox ORDER BY id'),
      claim: prepare('UPDATE outbox SET next_attempt_at = @until WHERE id = @id AND next_attempt_at = @seen'),
      record: prepare(
        `UPDATE outbox SET status = @status, attempts = COALESCE(@attempts, attempts), next_attempt_at = COALESCE(@nextAttemptAt, next_attempt_at),
           last_error = @lastError, message_id = COALESCE(@messageId, message_id), message_ids = COALESCE(@messageIds, message_ids),
           sent_at = COALESCE(@sentAt, sent_at), needs_update = COALESCE(@needsUpdate, needs_update)
         WHERE id = @id`,
      ),
    };
  }

  subscribe(input: SubscriptionInput, at: Date): Subscription {
    const row = this.sql.upsert.get({ ...input, tenantId: input.tenantId ?? null, alerts: input.alerts ? 1 : 0, at: at.getTime() });
    return parseRow(subscriptionRow, 'subscriptions', row);
  }

  /** Marks the subscriptions unsubscribed and drops their pending messages with the reason; returns how many. */
  unsubscribe(platform: Platform, channelId: string, storyId: string | undefined, by: { at: Date; userId: string }): number {
    const run = this.db.transaction((): number => {
      const rows = this.sql.unsubscribe.all({ platform, channelId, storyId: storyId ?? null, at: by.at.getTime(), userId: by.userId }) as { id: number }[];
      for (const { id } of rows) this.sql.dropPending.run({ id, reason: unsubscribedReason(by) });
      return rows.length;
    });
    return run.immediate();
  }

  listSubscriptions(): Subscription[] {
    return this.sql.all.all().map((row) => parseRow(subscriptionRow, 'subscriptions', row));
  }

  getSubscription(id: number): Subscription | null {
    const row = this.sql.byId.get(id);
    return row === undefined ? null : parseRow(subscriptionRow, 'subscriptions', row);
  }

  stopSubscription(id: number, reason: string): void {
    this.sql.stop.run(reason, id);
  }

  enqueueDigests(requests: DigestRequest[]): OutboxRow[] {
    const run = this.db.transaction((list: DigestRequest[]) =>
      list.flatMap((r) => {
        const key = r.day === null ? `digest-now:${r.subscriptionId}:${r.at.getTime()}` : `digest:${r.subscriptionId}:${r.day}`;
        const row = this.sql.enqueueDigest.get({ subscriptionId: r.subscriptionId, key, day: r.day, at: r.at.getTime() });
        return row === undefined ? [] : [parseRow(outboxRow, 'outbox', row)];
      }),
    );
    return run.immediate(requests);
  }

  dueOutbox(now: Date, limit: number, platforms?: Platform[]): OutboxRow[] {
    const only = platforms === undefined ? null : JSON.stringify(platforms);
    return this.sql.due.all({ now: now.getTime(), limit, platforms: only }).map((row) => parseRow(outboxRow, 'outbox', row));
  }

  claimOutbox(id: number, seen: Date, until: Date): boolean {
    return this.sql.claim.run({ id, seen: seen.getTime(), until: until.getTime() }).changes === 1;
  }

  listOutbox(): OutboxRow[] {
    return this.sql.outbox.all().map((row) => parseRow(outboxRow, 'outbox', row));
  }

  recordDelivery(id: number, u: DeliveryUpdate): void {
    const write = this.db.transaction(() => {
      this.sql.record.run({
        id,
        status: u.status,
        attempts: u.attempts ?? null,
        nextAttemptAt: u.nextAttemptAt?.getTime() ?? null,
        lastError: u.lastError ?? null,
        messageId: u.sent?.messageId ?? null,
        messageIds: u.sent ? JSON.stringify(u.sent.messageIds) : null,
        sentAt: u.sentAt?.getTime() ?? null,
        needsUpdate: u.needsUpdate === undefined ? null : u.needsUpdate ? 1 : 0,
      });
      if (u.digestSent) this.sql.digestSent.run(u.digestSent.until.getTime(), u.digestSent.subscriptionId);
    });
    write.immediate();
  }
}
