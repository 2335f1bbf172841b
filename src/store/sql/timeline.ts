import { sql } from 'kysely';
import type { Development } from '../../core/development.js';
import type { TimelineStore } from '../ports.js';
import { assembleDevelopments, parse } from './rows.js';
import { chunks, type Db, json, type Sql } from './schema.js';

/** Sources that count (not withdrawn by readers' labels), in publication order of their items, undated last. */
function sources(db: Db) {
  return db
    .selectFrom('developmentSources as s')
    .innerJoin('items as i', 'i.id', 's.itemId')
    .select(['s.developmentId', 's.itemId', 's.lang', 's.quote'])
    .where('s.withdrawnAt', 'is', null)
    .orderBy(sql`i.published_at IS NULL`)
    .orderBy('i.publishedAt')
    .orderBy('s.itemId');
}

/** The timeline aggregate (developments, sources, alerts) on the shared queries. */
export function timelineQueries(ctx: Sql): TimelineStore {
  const { db } = ctx;
  const developments = () => db.selectFrom('developments').selectAll().orderBy('date').orderBy('id');
  const fields = (d: Parameters<TimelineStore['reviseDevelopment']>[3], itemId: number) => ({
    kind: d.kind,
    kinds: json(d.kinds),
    date: d.date,
    actors: json(d.actors),
    label: d.label,
    summary: d.summary,
    summaryLang: d.summaryLang,
    firstItemId: itemId,
    dateWritten: d.dateWritten ?? true,
  });
  return {
    lockStory: (storyId) => ctx.dialect.lockStory(db, storyId),

    timelineEntries: async (storyId) => {
      const view = ctx.timelines?.get(storyId);
      if (view?.entries) return [...view.entries];
      const entries = parse(
        'timeline',
        await db
          .selectFrom('developments as d')
          .leftJoin('items as i', 'i.id', 'd.firstItemId')
          .selectAll('d')
          .select(['i.publishedAt as firstPublishedAt', 'i.key as firstKey'])
          .where('d.storyId', '=', storyId)
          .orderBy('d.date')
          .orderBy('d.id')
          .execute(),
      );
      ctx.timelines?.set(storyId, { ...view, entries });
      return [...entries];
    },

    createDevelopments: async (item, at, list) => {
      const ids: number[] = [];
      for (const d of list) {
        ctx.timelines?.delete(d.storyId);
        const row = await db
          .insertInto('developments')
          .values({ storyId: d.storyId, ...fields(d, item.id), createdAt: at })
          .returning('id')
          .executeTakeFirstOrThrow();
        ids.push(row.id);
      }
      return ids;
    },

    reviseDevelopment: async (storyId, id, item, d) => {
      ctx.timelines?.delete(storyId);
      await db.updateTable('developments').set(fields(d, item.id)).where('id', '=', id).where('storyId', '=', storyId).execute();
    },

    redateDevelopment: async (storyId, id, date) => {
      ctx.timelines?.delete(storyId);
      await db.updateTable('developments').set({ date, dateWritten: true }).where('id', '=', id).where('storyId', '=', storyId).execute();
    },

    addSources: async (ids, item, at, quotes = {}) => {
      if (ids.length === 0) return;
      // SQL text, not built: it runs for every report of a development.
      const rows = ids.map((developmentId) => sql`(${developmentId}, ${item.id}, ${item.lang}, ${at}, ${quotes[developmentId] ?? null})`);
      await sql`INSERT INTO development_sources (development_id, item_id, lang, added_at, quote) VALUES ${sql.join(rows)} ON CONFLICT DO NOTHING`.execute(db);
    },

    recordAlert: async (storyId, itemId, created, context, at) => {
      const view = ctx.timelines?.get(storyId);
      if (view) view.alerts = undefined;
      const row = await db
        .insertInto('alerts')
        .values({ storyId, itemId, developments: json(created), context: json(context), createdAt: at })
        .onConflict((oc) => oc.columns(['storyId', 'itemId']).doNothing())
        .returning('id')
        .executeTakeFirst();
      return row?.id ?? null;
    },

    developmentsById: async (ids): Promise<Development[]> => {
      if (ids.length === 0) return [];
      const parts = chunks(ids);
      const rows = (await Promise.all(parts.map((part) => developments().where('id', 'in', part).execute()))).flat();
      const found = (await Promise.all(parts.map((part) => sources(db).where('s.developmentId', 'in', part).execute()))).flat();
      return assembleDevelopments(rows, found).sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id);
    },

    listDevelopments: async (storyId) =>
      assembleDevelopments(
        await developments().where('storyId', '=', storyId).execute(),
        await sources(db).innerJoin('developments as d', 'd.id', 's.developmentId').where('d.storyId', '=', storyId).execute(),
      ),

    developmentDays: async (storyId) => {
      const view = ctx.timelines?.get(storyId);
      const cached = view?.days ?? view?.entries?.map((d) => d.date);
      if (cached) return [...cached];
      const days = (await db.selectFrom('developments').select('date').where('storyId', '=', storyId).orderBy('date').orderBy('id').execute()).map(
        (r) => r.date,
      );
      ctx.timelines?.set(storyId, { ...view, days });
      return [...days];
    },

    timelineVersion: async (storyId) => {
      const d = await db
        .selectFrom('developments')
        .select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('id').as('last'), eb.fn.sum('firstItemId').as('firsts')])
        .where('storyId', '=', storyId)
        .executeTakeFirst();
      const s = await db
        .selectFrom('developmentSources as s')
        .innerJoin('developments as d', 'd.id', 's.developmentId')
        .select((eb) => [eb.fn.countAll().as('n'), eb.fn.count('s.withdrawnAt').as('withdrawn'), eb.fn.max('s.addedAt').as('added')])
        .where('d.storyId', '=', storyId)
        .executeTakeFirst();
      // A revision always takes a new first report, so the sum of first reports changes with it.
      return [d?.n, d?.last, d?.firsts, s?.n, s?.withdrawn, s?.added instanceof Date ? s.added.getTime() : s?.added].map((v) => String(v ?? 0)).join(':');
    },

    listAlerts: async (storyId) => parse('alerts', await db.selectFrom('alerts').selectAll().where('storyId', '=', storyId).orderBy('id').execute()),
  };
}
