import { sql } from 'kysely';
import { unsubscribedReason } from '../../core/subscription.js';
import type { AuditStore, OutboxStore, PauseStore, SubscriptionStore } from '../ports.js';
import { chunks } from './items.js';
import { parse } from './rows.js';
import { atomic, json, type Sql } from './schema.js';

/** The subscriptions aggregate on the shared queries. */
export function subscriptionQueries(ctx: Sql): SubscriptionStore {
  const { db } = ctx;
  return {
    subscribe: async (input, at) => parse('subscriptions', await db.insertInto('subscriptions').values({
      platform: input.platform, channelId: input.channelId, storyId: input.storyId, alerts: input.alerts, digestTime: input.digestTime,
      timeZone: input.timeZone, status: 'active', createdAt: at, tenantId: input.tenantId ?? null,
    }).onConflict((oc) => oc.columns(['platform', 'channelId', 'storyId']).doUpdateSet((eb) => ({
      alerts: eb.ref('excluded.alerts'), digestTime: eb.ref('excluded.digestTime'), timeZone: eb.ref('excluded.timeZone'), status: 'active',
      stoppedReason: null, unsubscribedAt: null, unsubscribedBy: null, tenantId: eb.fn.coalesce('excluded.tenantId', 'subscriptions.tenantId'),
    }))).returningAll().execute())[0]!,

    unsubscribe: (platform, channelId, storyId, by = { at: new Date(), userId: 'unknown' }) => atomic(ctx, async (tx) => {
      const rows = await tx.updateTable('subscriptions').set({ status: 'stopped', stoppedReason: 'unsubscribed', unsubscribedAt: by.at, unsubscribedBy: by.userId })
        .where('platform', '=', platform).where('channelId', '=', channelId).where('unsubscribedAt', 'is', null)
        .$if(storyId !== undefined, (q) => q.where('storyId', '=', storyId!)).returning('id').execute();
      for (const part of chunks(rows.map((r) => r.id))) {
        await tx.updateTable('outbox').set({ status: 'dropped', lastError: unsubscribedReason(by) }).where('subscriptionId', 'in', part).where('status', '=', 'pending').execute();
      }
      return rows.length;
    }),

    listSubscriptions: async () => parse('subscriptions', await db.selectFrom('subscriptions').selectAll().orderBy('id').execute()),
    getSubscription: async (id) => parse('subscriptions', await db.selectFrom('subscriptions').selectAll().where('id', '=', id).execute())[0] ?? null,
    stopSubscription: async (id, reason) => {
      await db.updateTable('subscriptions').set({ status: 'stopped', stoppedReason: reason }).where('id', '=', id).execute();
    },
  };
}

/** The outbox aggregate on the shared queries. */
export function outboxQueries(ctx: Sql): OutboxStore {
  const { db } = ctx;
  return {
    enqueueAlert: async (alertId, storyId, at) => {
      const subscribers = await db.selectFrom('subscriptions').select('id').where('storyId', '=', storyId).where('status', '=', 'active')
        .where('alerts', '=', true).orderBy('id').execute();
      for (const part of chunks(subscribers)) {
        await db.insertInto('outbox').values(part.map(({ id }) => ({ subscriptionId: id, kind: 'alert', key: `alert:${alertId}:${id}`, alertId, nextAttemptAt: at, createdAt: at })))
          .onConflict((oc) => oc.doNothing()).execute();
      }
    },

    markAlertsForEdit: async (storyId, developmentIds) => {
      if (developmentIds.length === 0) return;
      const alerts = parse('alerts', await db.selectFrom('alerts').selectAll().where('storyId', '=', storyId).execute());
      const ids = alerts.filter((a) => a.developments.some((d) => developmentIds.includes(d))).map((a) => a.id);
      for (const part of chunks(ids)) {
        await db.updateTable('outbox').set({ needsUpdate: true }).where('kind', '=', 'alert').where('status', '=', 'sent').where('alertId', 'in', part).execute();
      }
    },

    enqueueDigests: (requests) => atomic(ctx, async (tx) => {
      const added = [];
      for (const r of requests) {
        const key = r.day === null ? `digest-now:${r.subscriptionId}:${r.at.getTime()}` : `digest:${r.subscriptionId}:${r.day}`;
        added.push(...(await tx.insertInto('outbox').values({ subscriptionId: r.subscriptionId, kind: 'digest', key, digestDay: r.day, digestUntil: r.at, nextAttemptAt: r.at, createdAt: r.at })
          .onConflict((oc) => oc.doNothing()).returningAll().execute()));
      }
      return parse('outbox', added);
    }),

    // In order per channel: an older message still waiting holds the newer ones back.
    dueOutbox: async (now, limit, options = {}) => parse('outbox', await db.selectFrom('outbox as o').selectAll().where('o.nextAttemptAt', '<=', now)
      .where((eb) => eb.or([
        eb.and([eb('o.status', '=', 'pending'), eb.not(eb.exists(eb.selectFrom('outbox as p').select('p.id')
          .whereRef('p.subscriptionId', '=', 'o.subscriptionId').where('p.status', '=', 'pending').whereRef('p.id', '<', 'o.id')))]),
        eb.and([eb('o.status', '=', 'sent'), eb('o.needsUpdate', '=', true)]),
      ]))
      .$if(options.platforms !== undefined, (q) => q.where('o.subscriptionId', 'in', (eb) => eb.selectFrom('subscriptions').select('id')
        .where('platform', 'in', options.platforms!.length > 0 ? options.platforms! : ['']))).orderBy('o.id').limit(limit).execute()),

    claimOutbox: async (id, seen, until) =>
      Number((await db.updateTable('outbox').set({ nextAttemptAt: until }).where('id', '=', id).where('nextAttemptAt', '=', seen).executeTakeFirst()).numUpdatedRows) === 1,

    listOutbox: async () => parse('outbox', await db.selectFrom('outbox').selectAll().orderBy('id').execute()),

    recordDelivery: (id, u) => atomic(ctx, async (tx) => {
      await tx.updateTable('outbox').set({
        status: u.status, lastError: u.lastError ?? null,
        ...(u.attempts === undefined ? {} : { attempts: u.attempts }),
        ...(u.nextAttemptAt === undefined ? {} : { nextAttemptAt: u.nextAttemptAt }),
        ...(u.sent === undefined ? {} : { messageId: u.sent.messageId, messageIds: json(u.sent.messageIds) }),
        ...(u.sentAt === undefined ? {} : { sentAt: u.sentAt }),
        ...(u.needsUpdate === undefined ? {} : { needsUpdate: u.needsUpdate }),
      }).where('id', '=', id).execute();
      const digest = u.digestSent;
      if (digest) {
        await tx.updateTable('subscriptions').set({ lastDigestAt: digest.until }).where('id', '=', digest.subscriptionId)
          .where((eb) => eb.or([eb('lastDigestAt', 'is', null), eb('lastDigestAt', '<', digest.until)])).execute();
      }
    }),

    // Per platform: pending messages of active subscriptions, and the earliest next attempt among the messages first in their channel's queue.
    outboxBacklog: async () => parse('backlog', (await sql`
      WITH heads AS (
        SELECT s.platform, o.next_attempt_at, o.last_error, ROW_NUMBER() OVER (PARTITION BY s.platform ORDER BY o.next_attempt_at, o.id) AS place
          FROM outbox o JOIN subscriptions s ON s.id = o.subscription_id
         WHERE o.status = 'pending' AND s.status = 'active'
           AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.subscription_id = o.subscription_id AND p.status = 'pending' AND p.id < o.id)
      ), counts AS (
        SELECT s.platform, COUNT(*) AS pending FROM outbox o JOIN subscriptions s ON s.id = o.subscription_id
         WHERE o.status = 'pending' AND s.status = 'active' GROUP BY s.platform
      )
      SELECT c.platform, c.pending, h.next_attempt_at, h.last_error FROM counts c LEFT JOIN heads h ON h.platform = c.platform AND h.place = 1
       ORDER BY c.platform`.execute(db)).rows),
  };
}

/** Platform pauses on the shared queries. */
export function pauseQueries({ db }: Sql): PauseStore {
  return {
    pausePlatform: async (p) => Number((await db.insertInto('platformPauses').values(p).onConflict((oc) => oc.column('platform').doNothing()).executeTakeFirst()).numInsertedOrUpdatedRows) === 1,
    listPlatformPauses: async () => parse('platformPauses', await db.selectFrom('platformPauses').selectAll().orderBy('platform').execute()),
    claimPlatformProbe: async (platform, now, next) => Number((await db.updateTable('platformPauses').set({ nextProbeAt: next })
      .where('platform', '=', platform).where('nextProbeAt', '<=', now).executeTakeFirst()).numUpdatedRows) === 1,
    resumePlatform: async (platform) => parse('platformPauses', await db.deleteFrom('platformPauses').where('platform', '=', platform).returningAll().execute())[0] ?? null,
  };
}

/** The audit log on the shared queries. */
export function auditQueries({ db }: Sql): AuditStore {
  return {
    recordAudit: async (e) => {
      await db.insertInto('audit').values({ at: e.at, platform: e.platform, tenantId: e.tenantId, userId: e.userId, action: e.action, target: e.target, outcome: e.outcome, detail: e.detail }).execute();
    },
    listAudit: async (options = {}) => parse('audit', await db.selectFrom('audit').selectAll().orderBy('at', 'desc').orderBy('id', 'desc')
      .$if(options.limit !== undefined, (q) => q.limit(Math.max(0, Math.floor(options.limit!)))).execute()),
  };
}
