import { sql } from 'kysely';
import type { StoredItem } from '../../core/item.js';
import type { ItemMatchRecord, ItemStore } from '../ports.js';
import { parse } from './rows.js';
import { atomic, chunks, json, type Sql } from './schema.js';

const byLimit =
  (limit: number | undefined) =>
  <Q extends { limit(n: number): Q }>(q: Q): Q =>
    limit === undefined ? q : q.limit(Math.max(0, Math.floor(limit)));

/** The items aggregate (items and match decisions) on the shared queries. */
export function itemQueries(ctx: Sql): ItemStore {
  const items = () => ctx.db.selectFrom('items').selectAll();
  return {
    // Known items (and repeats within the batch) are left out before inserting, as a conflicting row
    // would use up an id; ids follow input order. A conflict left is another process's concurrent insert.
    // Both statements are SQL text, not built: they run for every item a replay stores.
    insertItems: (feedId, list, fetchedAt, options = {}) =>
      atomic(ctx, async (db) => {
        const seen = new Set<string>();
        for (const part of chunks(list)) {
          const { rows: known } = await sql<{ key: string; contentHash: string; feedId: number }>`
            SELECT "key", content_hash, feed_id FROM items
            WHERE "key" IN (${sql.join(part.map((i) => i.key))})
              OR (feed_id = ${feedId} AND content_hash IN (${sql.join(part.map((i) => i.contentHash))}))`.execute(db);
          for (const k of known) seen.add(`k${k.key}`).add(k.feedId === feedId ? `h${k.contentHash}` : '');
        }
        const fresh = list.filter((item) => {
          const repeat = seen.has(`k${item.key}`) || seen.has(`h${item.contentHash}`);
          seen.add(`k${item.key}`).add(`h${item.contentHash}`);
          return !repeat;
        });
        const stored: StoredItem[] = [];
        const baseline = options.baseline ?? false;
        for (const part of chunks(fresh)) {
          const values = part.map(
            (i) =>
              sql`(${feedId}, ${i.key}, ${i.contentHash}, ${i.guid ?? null}, ${i.link ?? null}, ${i.title}, ${i.text}, ${i.lang}, ${i.langSource}, ${i.published ?? null}, ${fetchedAt}, ${true}, ${baseline})`,
          );
          const { rows } = await sql`
            INSERT INTO items (feed_id, "key", content_hash, guid, link, title, "text", lang, lang_source, published_at, fetched_at, pending, baseline)
            VALUES ${sql.join(values)} ON CONFLICT DO NOTHING RETURNING *`.execute(db);
          stored.push(...parse('items', rows));
        }
        return stored.sort((a, b) => a.id - b.id);
      }),

    knownKeys: async (keys) => {
      const known = new Set<string>();
      for (const part of chunks(keys)) for (const row of await ctx.db.selectFrom('items').select('key').where('key', 'in', part).execute()) known.add(row.key);
      return known;
    },

    // Publication order: undated after dated, ties by key (byte order: PostgreSQL's items.key is COLLATE "C"), then id.
    pendingItems: async (options = {}) =>
      parse(
        'items',
        await items()
          .where('pending', '=', true)
          .$if(options.feedId !== undefined, (q) => q.where('feedId', '=', options.feedId!))
          .orderBy(sql`published_at IS NULL`)
          .orderBy('publishedAt')
          .orderBy('key')
          .orderBy('id')
          .$call(byLimit(options.limit))
          .execute(),
      ),

    feedsWithPendingItems: async (before, limit) =>
      (
        await ctx.db
          .selectFrom('items')
          .select('feedId')
          .distinct()
          .where('pending', '=', true)
          .where('fetchedAt', '<=', before)
          .orderBy('feedId')
          .$call(byLimit(limit))
          .execute()
      ).map((r) => r.feedId),

    markProcessed: async (ids) => {
      // SQL text, not built: it runs for every item a replay processes.
      for (const part of chunks(ids)) await sql`UPDATE items SET pending = ${false} WHERE id IN (${sql.join(part)})`.execute(ctx.db);
    },

    listItems: async (options = {}) =>
      parse(
        'items',
        await items()
          .$if(options.feedId !== undefined, (q) => q.where('feedId', '=', options.feedId!))
          .orderBy('fetchedAt', 'desc')
          .orderBy('id', 'desc')
          .$call(byLimit(options.limit))
          .execute(),
      ),

    searchItems: async (text, limit) => {
      // LIKE with its wildcards escaped, on lower-cased columns: the same on SQLite and PostgreSQL.
      const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const like = (column: 'title' | 'link' | 'text') => sql<boolean>`lower(${sql.ref(column)}) LIKE ${pattern} ESCAPE '\\'`;
      return parse(
        'items',
        await items()
          .where((eb) => eb.or([like('title'), like('link'), like('text')]))
          .orderBy('fetchedAt', 'desc')
          .orderBy('id', 'desc')
          .limit(limit)
          .execute(),
      );
    },

    getItems: async (ids) => {
      const found = await Promise.all(chunks([...new Set(ids)]).map((part) => items().where('id', 'in', part).execute()));
      return parse('items', found.flat()).sort((a, b) => a.id - b.id);
    },

    itemHeads: async (ids) => {
      const head = (part: number[]) =>
        ctx.db.selectFrom('items').select(['id', 'feedId', 'link', 'title', 'lang', 'publishedAt', 'fetchedAt']).where('id', 'in', part).execute();
      const found = await Promise.all(chunks([...new Set(ids)]).map(head));
      return parse('itemHeads', found.flat()).sort((a, b) => a.id - b.id);
    },

    countItems: async (feedId) =>
      Number(
        (
          await ctx.db
            .selectFrom('items')
            .select((eb) => eb.fn.countAll().as('n'))
            .$if(feedId !== undefined, (q) => q.where('feedId', '=', feedId!))
            .executeTakeFirstOrThrow()
        ).n,
      ),

    // One row per (item, story), the last decision winning: one upsert may touch a row once. Written
    // as SQL text, not built: it runs for every item, and building the statement cost more than running it.
    recordMatches: (records) =>
      atomic(ctx, async (db) => {
        const latest = [...new Map(records.map((r) => [`${r.itemId}\u0000${r.storyId}`, r])).values()];
        for (const part of chunks(latest)) {
          const rows = part.map((r: ItemMatchRecord) => sql`(${r.itemId}, ${r.storyId}, ${r.matched}, ${r.score}, ${json(r.reasons)}, ${r.at})`);
          await sql`INSERT INTO item_matches (item_id, story_id, matched, score, reasons, matched_at) VALUES ${sql.join(rows)}
            ON CONFLICT (item_id, story_id) DO UPDATE SET
              matched = excluded.matched, score = excluded.score, reasons = excluded.reasons, matched_at = excluded.matched_at`.execute(db);
        }
      }),

    listMatches: async (storyId, options = {}) =>
      parse(
        'itemMatches',
        await ctx.db
          .selectFrom('itemMatches')
          .selectAll()
          .where('storyId', '=', storyId)
          .$if(options.matchedOnly === true, (q) => q.where('matched', '=', true))
          .orderBy('itemId', 'desc')
          .$call(byLimit(options.limit))
          .execute(),
      ),

    countMatched: async (storyId) =>
      Number(
        (
          await ctx.db
            .selectFrom('itemMatches')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('storyId', '=', storyId)
            .where('matched', '=', true)
            .executeTakeFirstOrThrow()
        ).n,
      ),
  };
}
