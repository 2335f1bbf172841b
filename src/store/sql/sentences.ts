import { sql } from 'kysely';
import type { SentenceStore } from '../ports.js';
import { parse } from './rows.js';
import { atomic, chunks, type Sql } from './schema.js';

/** A term the full-text index can take: letters, marks and digits only (what search tokens are made of). */
const TERM = /^[\p{L}\p{M}\p{N}]+$/u;
const DEFAULT_LIMIT = 1000;

/** The sentence index on the shared queries; the full-text match itself is the backend's (`Dialect.matchSentences`). */
export function sentenceQueries(ctx: Sql): SentenceStore {
  const { db, dialect } = ctx;
  return {
    indexSentences: (storyId, item, sentences) =>
      atomic(ctx, async (tx) => {
        // SQL text, not built: it runs for every item a story matches.
        await sql`DELETE FROM story_sentences WHERE story_id = ${storyId} AND item_id = ${item.id}`.execute(tx);
        const rows = sentences.map((s) => sql`(${storyId}, ${item.id}, ${s.ord}, ${item.lang}, ${s.text}, ${s.tokens.join(' ')})`);
        for (const chunk of chunks(rows))
          await sql`INSERT INTO story_sentences (story_id, item_id, ord, lang, "text", tokens) VALUES ${sql.join(chunk)}`.execute(tx);
      }),

    searchSentences: async (storyId, terms, limit = DEFAULT_LIMIT) => {
      const usable = [...new Set(terms.filter((t) => TERM.test(t)))];
      if (usable.length === 0) return [];
      const ids = await dialect.matchSentences(db, storyId, usable, limit);
      if (ids.length === 0) return [];
      const found = await db
        .selectFrom('storySentences as s')
        .innerJoin('items as i', 'i.id', 's.itemId')
        .innerJoin('feeds as f', 'f.id', 'i.feedId')
        .select(['s.id', 's.storyId', 's.itemId', 's.ord', 's.lang', 's.text', 'i.link', 'i.publishedAt as published', 'f.name as outlet'])
        .where('s.id', 'in', ids)
        .orderBy('s.id')
        .execute();
      return parse('sentences', found);
    },

    countSentences: async (storyId) => {
      const row = await db
        .selectFrom('storySentences')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('storyId', '=', storyId)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}
