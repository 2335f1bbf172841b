import type { LabelStore } from '../ports.js';
import { parse } from './rows.js';
import type { Sql } from './schema.js';

/** Readers' labels on alerts, and what they withdraw, on the shared queries. */
export function labelQueries(ctx: Sql): LabelStore {
  const { db } = ctx;
  return {
    getAlert: async (id) => parse('alerts', await db.selectFrom('alerts').selectAll().where('id', '=', id).execute())[0] ?? null,

    alertPostings: async (alertId) =>
      parse(
        'alertPostings',
        await db
          .selectFrom('outbox as o')
          .innerJoin('subscriptions as s', 's.id', 'o.subscriptionId')
          .select(['s.platform', 's.channelId', 's.tenantId'])
          .where('o.alertId', '=', alertId)
          .where('o.kind', '=', 'alert')
          .where('o.status', '=', 'sent')
          .orderBy('o.id')
          .execute(),
      ),

    addAlertLabel: async (label) =>
      (await db
        .insertInto('alertLabels')
        .values({ ...label })
        .onConflict((oc) => oc.columns(['alertId', 'platform', 'userId', 'choice']).doNothing())
        .returning('id')
        .executeTakeFirst()) !== undefined,

    listAlertLabels: async (options = {}) =>
      parse(
        'alertLabels',
        await db
          .selectFrom('alertLabels as l')
          .innerJoin('alerts as a', 'a.id', 'l.alertId')
          .selectAll('l')
          .select(['a.storyId', 'a.itemId'])
          .$if(options.alertId !== undefined, (q) => q.where('l.alertId', '=', options.alertId!))
          .$if(options.storyId !== undefined, (q) => q.where('a.storyId', '=', options.storyId!))
          .orderBy('l.at')
          .orderBy('l.id')
          .execute(),
      ),

    withdrawSource: async (storyId, itemId, at) => {
      const rows = await db
        .selectFrom('developmentSources as s')
        .innerJoin('developments as d', 'd.id', 's.developmentId')
        .select('s.developmentId')
        .where('d.storyId', '=', storyId)
        .where('s.itemId', '=', itemId)
        .where('s.withdrawnAt', 'is', null)
        .orderBy('s.developmentId')
        .execute();
      const ids = rows.map((r) => r.developmentId);
      if (ids.length === 0) return [];
      ctx.timelines?.delete(storyId);
      await db.updateTable('developmentSources').set({ withdrawnAt: at }).where('itemId', '=', itemId).where('developmentId', 'in', ids).execute();
      return ids;
    },

    markAlert: async (alertId, marks) => {
      if (marks.withdrawnAt)
        await db.updateTable('alerts').set({ withdrawnAt: marks.withdrawnAt }).where('id', '=', alertId).where('withdrawnAt', 'is', null).execute();
      if (marks.dateDisputedAt)
        await db.updateTable('alerts').set({ dateDisputedAt: marks.dateDisputedAt }).where('id', '=', alertId).where('dateDisputedAt', 'is', null).execute();
    },
  };
}
