import { unsubscribedReason } from '../../core/subscription.js';
import type { SubscriptionStore } from '../ports.js';
import { parse } from './rows.js';
import { atomic, chunks, type Sql } from './schema.js';

/** The subscriptions aggregate on the shared queries. */
export function subscriptionQueries(ctx: Sql): SubscriptionStore {
  const { db } = ctx;
  return {
    subscribe: async (input, at) => {
      const view = ctx.timelines?.get(input.storyId);
      if (view) view.subscribed = undefined;
      return parse(
        'subscriptions',
        await db
          .insertInto('subscriptions')
          .values({
            platform: input.platform,
            channelId: input.channelId,
            storyId: input.storyId,
            alerts: input.alerts,
            digestTime: input.digestTime,
            timeZone: input.timeZone,
            status: 'active',
            createdAt: at,
            tenantId: input.tenantId ?? null,
            language: input.language ?? 'en',
          })
          .onConflict((oc) =>
            oc.columns(['platform', 'channelId', 'storyId']).doUpdateSet((eb) => ({
              alerts: eb.ref('excluded.alerts'),
              digestTime: eb.ref('excluded.digestTime'),
              timeZone: eb.ref('excluded.timeZone'),
              status: 'active',
              stoppedReason: null,
              unsubscribedAt: null,
              unsubscribedBy: null,
              tenantId: eb.fn.coalesce('excluded.tenantId', 'subscriptions.tenantId'),
              ...(input.language === undefined ? {} : { language: eb.ref('excluded.language') }),
            })),
          )
          .returningAll()
          .execute(),
      )[0]!;
    },

    unsubscribe: (platform, channelId, storyId, by = { at: new Date(), userId: 'unknown' }) =>
      atomic(ctx, async (tx) => {
        const rows = await tx
          .updateTable('subscriptions')
          .set({ status: 'stopped', stoppedReason: 'unsubscribed', unsubscribedAt: by.at, unsubscribedBy: by.userId })
          .where('platform', '=', platform)
          .where('channelId', '=', channelId)
          .where('unsubscribedAt', 'is', null)
          .$if(storyId !== undefined, (q) => q.where('storyId', '=', storyId!))
          .returning('id')
          .execute();
        for (const part of chunks(rows.map((r) => r.id))) {
          await tx
            .updateTable('outbox')
            .set({ status: 'dropped', lastError: unsubscribedReason(by) })
            .where('subscriptionId', 'in', part)
            .where('status', '=', 'pending')
            .execute();
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
