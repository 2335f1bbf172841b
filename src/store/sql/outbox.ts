import { sql } from 'kysely';
import type { OutboxStore } from '../ports.js';
import { oldestPendingInChannel } from './channel-queue.js';
import { parse } from './rows.js';
import { atomic, chunks, json, type Sql } from './schema.js';
import { storyAlerts, storyMayHaveDeliveries } from './story-alerts.js';

/** The outbox aggregate on the shared queries. */
export function outboxQueries(ctx: Sql): OutboxStore {
  const { db } = ctx;
  return {
    enqueueAlert: async (alertId, storyId, at) => {
      const subscribers = await db
        .selectFrom('subscriptions')
        .select('id')
        .where('storyId', '=', storyId)
        .where('status', '=', 'active')
        .where('alerts', '=', true)
        .orderBy('id')
        .execute();
      for (const part of chunks(subscribers)) {
        await db
          .insertInto('outbox')
          .values(part.map(({ id }) => ({ subscriptionId: id, kind: 'alert', key: `alert:${alertId}:${id}`, alertId, nextAttemptAt: at, createdAt: at })))
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
    },

    markAlertsForEdit: async (storyId, developmentIds) => {
      if (developmentIds.length === 0) return;
      const ids = (await storyAlerts(ctx, storyId)).filter((a) => a.developments.some((d) => developmentIds.includes(d))).map((a) => a.id);
      if (ids.length === 0 || !(await storyMayHaveDeliveries(ctx, storyId))) return;
      for (const part of chunks(ids)) {
        await db
          .updateTable('outbox')
          .set({ needsUpdate: true })
          .where('kind', '=', 'alert')
          .where('status', '=', 'sent')
          .where('alertId', 'in', part)
          // A webhook delivery is an event, never edited (decision 030).
          .where('subscriptionId', 'not in', db.selectFrom('subscriptions').select('id').where('platform', '=', 'webhook'))
          .execute();
      }
    },

    enqueueDigests: (requests) =>
      atomic(ctx, async (tx) => {
        const added = [];
        for (const r of requests) {
          const key = r.day === null ? `digest-now:${r.subscriptionId}:${r.at.getTime()}` : `digest:${r.subscriptionId}:${r.day}`;
          added.push(
            ...(await tx
              .insertInto('outbox')
              .values({ subscriptionId: r.subscriptionId, kind: 'digest', key, digestDay: r.day, digestUntil: r.at, nextAttemptAt: r.at, createdAt: r.at })
              .onConflict((oc) => oc.doNothing())
              .returningAll()
              .execute()),
          );
        }
        return parse('outbox', added);
      }),

    // In order per channel: an older message still waiting holds the newer ones back.
    dueOutbox: async (now, limit, options = {}) =>
      parse(
        'outbox',
        await db
          .selectFrom('outbox as o')
          .selectAll()
          .where('o.nextAttemptAt', '<=', now)
          .where((eb) =>
            eb.or([oldestPendingInChannel('outbox', 'o', ['subscriptionId']), eb.and([eb('o.status', '=', 'sent'), eb('o.needsUpdate', '=', true)])]),
          )
          .$if(options.platforms !== undefined, (q) =>
            q.where('o.subscriptionId', 'in', (eb) =>
              eb
                .selectFrom('subscriptions')
                .select('id')
                .where('platform', 'in', options.platforms!.length > 0 ? options.platforms! : ['']),
            ),
          )
          .orderBy('o.id')
          .limit(limit)
          .execute(),
      ),

    claimOutbox: async (id, seen, until) =>
      Number(
        (await db.updateTable('outbox').set({ nextAttemptAt: until }).where('id', '=', id).where('nextAttemptAt', '=', seen).executeTakeFirst()).numUpdatedRows,
      ) === 1,

    listOutbox: async () => parse('outbox', await db.selectFrom('outbox').selectAll().orderBy('id').execute()),

    recordDelivery: (id, u) =>
      atomic(ctx, async (tx) => {
        await tx
          .updateTable('outbox')
          .set({
            status: u.status,
            lastError: u.lastError ?? null,
            ...(u.attempts === undefined ? {} : { attempts: u.attempts }),
            ...(u.nextAttemptAt === undefined ? {} : { nextAttemptAt: u.nextAttemptAt }),
            ...(u.sent === undefined ? {} : { messageId: u.sent.messageId, messageIds: json(u.sent.messageIds) }),
            ...(u.sentAt === undefined ? {} : { sentAt: u.sentAt }),
            ...(u.needsUpdate === undefined ? {} : { needsUpdate: u.needsUpdate }),
          })
          .where('id', '=', id)
          .execute();
        const digest = u.digestSent;
        if (digest) {
          await tx
            .updateTable('subscriptions')
            .set({ lastDigestAt: digest.until })
            .where('id', '=', digest.subscriptionId)
            .where((eb) => eb.or([eb('lastDigestAt', 'is', null), eb('lastDigestAt', '<', digest.until)]))
            .execute();
        }
      }),

    // Per platform: pending messages of active subscriptions, and the earliest next attempt among the messages first in their channel's queue.
    outboxBacklog: async () =>
      parse(
        'backlog',
        (
          await sql`
      WITH heads AS (
        SELECT s.platform, o.next_attempt_at, o.last_error, ROW_NUMBER() OVER (PARTITION BY s.platform ORDER BY o.next_attempt_at, o.id) AS place
          FROM outbox o JOIN subscriptions s ON s.id = o.subscription_id
         WHERE ${oldestPendingInChannel('outbox', 'o', ['subscriptionId'])} AND s.status = 'active'
      ), counts AS (
        SELECT s.platform, COUNT(*) AS pending FROM outbox o JOIN subscriptions s ON s.id = o.subscription_id
         WHERE o.status = 'pending' AND s.status = 'active' GROUP BY s.platform
      )
      SELECT c.platform, c.pending, h.next_attempt_at, h.last_error FROM counts c LEFT JOIN heads h ON h.platform = c.platform AND h.place = 1
       ORDER BY c.platform`.execute(db)
        ).rows,
      ),
  };
}
