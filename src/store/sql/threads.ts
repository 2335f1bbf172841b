import { DEFAULT_ALERT_SETTINGS } from '../../core/alert-settings.js';
import type { ThreadStore } from '../ports.js';
import { parse } from './rows.js';
import { chunks, json, type Sql } from './schema.js';
import { storyAlerts, storyMayHaveDeliveries, type StoryAlert } from './story-alerts.js';

/** Alert settings (threads, pings) and thread replies on the shared queries (decision 024). */
export function threadQueries(ctx: Sql): ThreadStore {
  const { db } = ctx;
  return {
    setAlertSettings: async (subscriptionId, settings, by) => {
      const values = {
        threads: settings.threads,
        pingTarget: settings.ping?.target ?? null,
        pingKinds: json(settings.ping?.kinds ?? []),
        updatedAt: by.at,
        updatedBy: by.userId,
      };
      const [row] = await db
        .insertInto('alertSettings')
        .values({ subscriptionId, ...values })
        .onConflict((oc) => oc.column('subscriptionId').doUpdateSet(values))
        .returningAll()
        .execute();
      return parse('alertSettings', [row])[0]!;
    },

    getAlertSettings: async (subscriptionId) => {
      const rows = await db.selectFrom('alertSettings').selectAll().where('subscriptionId', '=', subscriptionId).execute();
      return parse('alertSettings', rows)[0] ?? { ...DEFAULT_ALERT_SETTINGS };
    },

    enqueueThreadReplies: async (storyId, developmentIds, itemId, at) => {
      if (developmentIds.length === 0) return;
      // The alerts that announced these developments, other than the item's own.
      const announced = (a: StoryAlert) => a.itemId !== itemId && a.developments.some((d) => developmentIds.includes(d));
      const ids = (await storyAlerts(ctx, storyId)).filter(announced).map((a) => a.id);
      if (ids.length === 0 || !(await storyMayHaveDeliveries(ctx, storyId))) return;
      for (const part of chunks(ids)) {
        const parents = await db
          .selectFrom('outbox as o')
          .innerJoin('alertSettings as t', 't.subscriptionId', 'o.subscriptionId')
          .innerJoin('subscriptions as s', 's.id', 'o.subscriptionId')
          .select(['o.subscriptionId', 'o.alertId'])
          .where('o.kind', '=', 'alert')
          .where('o.status', 'in', ['pending', 'sent'])
          .where('o.alertId', 'in', part)
          .where('t.threads', '=', true)
          .where('s.status', '=', 'active')
          .orderBy('o.id')
          .execute();
        if (parents.length === 0) continue;
        await db
          .insertInto('outbox')
          .values(
            parents.map((p) => ({
              subscriptionId: p.subscriptionId,
              kind: 'thread',
              key: `thread:${p.alertId}:${p.subscriptionId}:${itemId}`,
              alertId: p.alertId,
              itemId,
              nextAttemptAt: at,
              createdAt: at,
            })),
          )
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
    },

    threadParent: async (subscriptionId, alertId) => {
      const row = await db
        .selectFrom('outbox')
        .select('messageId')
        .where('subscriptionId', '=', subscriptionId)
        .where('alertId', '=', alertId)
        .where('kind', '=', 'alert')
        .where('status', '=', 'sent')
        .executeTakeFirst();
      return row?.messageId ?? null;
    },
  };
}
