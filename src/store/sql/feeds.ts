import { sql } from 'kysely';
import { NOT_IN_CONFIG, OPERATOR, type FeedInput, type FeedRecord } from '../../core/feed.js';
import { err, ok, type Result } from '../../core/result.js';
import type { FeedStore, TenantActor } from '../ports.js';
import { parse } from './rows.js';
import { atomic, type Db, type Sql } from './schema.js';

/** True (in an UPDATE of feeds) when a configured feed comes back from removal or from being dropped from feeds.yml. */
const CONFIG_RETURNS = sql<boolean>`(state = 'removed' OR (state = 'paused' AND paused_reason = ${NOT_IN_CONFIG}))`;
const returning = <T>(value: T, otherwise: string) => sql<T>`CASE WHEN ${CONFIG_RETURNS} THEN ${value} ELSE ${sql.ref(otherwise)} END`;

/** The feeds aggregate on the shared queries. */
export function feedQueries(ctx: Sql): FeedStore {
  const find = async (db: Db, idOrUrl: number | string): Promise<FeedRecord | null> =>
    parse(
      'feeds',
      await db
        .selectFrom('feeds')
        .selectAll()
        .where(typeof idOrUrl === 'number' ? 'id' : 'url', '=', idOrUrl)
        .execute(),
    )[0] ?? null;
  const owner = (feedId: number, o: TenantActor) => ({ feedId, platform: o.platform, tenantId: o.tenantId });
  const insert = (db: Db, input: FeedInput, now: Date, origin: 'config' | 'added', operatorOwned: boolean, backfill: boolean) =>
    db
      .insertInto('feeds')
      .values({
        url: input.url,
        name: input.name,
        language: input.language ?? null,
        intervalSec: input.intervalSec,
        status: 'new',
        errorCount: 0,
        nextCheckAt: now,
        baselineDone: false,
        backfill,
        createdAt: now,
        origin,
        operatorOwned,
      })
      .onConflict((oc) => oc.column('url').doNothing())
      .returningAll()
      .execute();
  const reactivate = (db: Db, id: number, now: Date, operatorOwned: boolean) =>
    db
      .updateTable('feeds')
      .set({ state: 'active', pausedReason: null, removedAt: null, notFoundCount: 0, nextCheckAt: now, operatorOwned })
      .where('id', '=', id)
      .returningAll()
      .execute();
  const remove = (db: Db, id: number, at: Date) =>
    db.updateTable('feeds').set({ state: 'removed', removedAt: at, leaseUntil: null }).where('id', '=', id).where('state', '<>', 'removed').executeTakeFirst();

  return {
    addFeed: (input, now, options = {}) =>
      atomic(ctx, async (db): Promise<Result<FeedRecord>> => {
        const by = options.owner;
        const existing = await find(db, input.url);
        let feed: FeedRecord | undefined;
        if (!existing) feed = parse('feeds', await insert(db, input, now, 'added', !by, options.backfill ?? false))[0];
        else if (existing.state === 'removed') feed = parse('feeds', await reactivate(db, existing.id, now, !by))[0];
        else if (
          by
            ? await db
                .selectFrom('feedOwners')
                .select('feedId')
                .where((eb) => eb.and(owner(existing.id, by)))
                .where('removedAt', 'is', null)
                .executeTakeFirst()
            : existing.operatorOwned
        ) {
          return err('FEED_EXISTS', `${input.url} is already watched (feed ${existing.id}); nothing was added.`);
        } else {
          feed = by
            ? existing
            : parse('feeds', await db.updateTable('feeds').set({ operatorOwned: true }).where('id', '=', existing.id).returningAll().execute())[0];
        }
        if (!feed) throw new Error(`STORE_INSERT_FAILED: feed ${input.url} was not stored.`);
        if (by) {
          await db
            .insertInto('feedOwners')
            .values({ ...owner(feed.id, by), addedBy: by.userId, addedAt: now })
            .onConflict((oc) =>
              oc.columns(['feedId', 'platform', 'tenantId']).doUpdateSet({ addedBy: by.userId, addedAt: now, removedAt: null, removedBy: null }),
            )
            .execute();
        }
        return ok(feed);
      }),

    syncFeeds: (inputs, now) =>
      atomic(ctx, async (db) => {
        const synced: FeedRecord[] = [];
        for (const input of inputs) {
          const update = () =>
            db
              .updateTable('feeds')
              .set({
                name: input.name,
                language: input.language ?? null,
                intervalSec: input.intervalSec,
                origin: 'config',
                operatorOwned: true,
                nextCheckAt: returning(now, 'next_check_at'),
                removedAt: returning(null, 'removed_at'),
                pausedReason: returning(null, 'paused_reason'),
                state: returning('active', 'state'),
              })
              .where('url', '=', input.url)
              .returningAll()
              .execute();
          // Another process may insert the same URL between the update and the insert: update again.
          const row = (await update())[0] ?? (await insert(db, input, now, 'config', true, false))[0] ?? (await update())[0];
          synced.push(parse('feeds', [row])[0]!);
        }
        await db
          .updateTable('feeds')
          .set({ state: 'paused', pausedReason: NOT_IN_CONFIG })
          .where('origin', '=', 'config')
          .where('state', '=', 'active')
          .$if(inputs.length > 0, (q) =>
            q.where(
              'url',
              'not in',
              inputs.map((f) => f.url),
            ),
          )
          .execute();
        return synced;
      }),

    getFeed: (idOrUrl) => find(ctx.db, idOrUrl),
    listFeeds: async () => parse('feeds', await ctx.db.selectFrom('feeds').selectAll().orderBy('createdAt').orderBy('id').execute()),
    listFeedOwners: async (feedId) =>
      parse(
        'feedOwners',
        await ctx.db
          .selectFrom('feedOwners')
          .selectAll()
          .$if(feedId !== undefined, (q) => q.where('feedId', '=', feedId!))
          .orderBy('feedId')
          .orderBy('addedAt')
          .orderBy('platform')
          .orderBy('tenantId')
          .execute(),
      ),

    removeFeed: (idOrUrl, options = {}) =>
      atomic(ctx, async (db) => {
        const at = options.at ?? new Date();
        const feed = await find(db, idOrUrl);
        if (!feed) return false;
        const by = options.owner;
        const active = db.updateTable('feedOwners').where('feedId', '=', feed.id).where('removedAt', 'is', null);
        if (!by) {
          await active.set({ removedAt: at, removedBy: OPERATOR }).execute();
          return Number((await remove(db, feed.id, at)).numUpdatedRows) > 0;
        }
        const ended = await active
          .set({ removedAt: at, removedBy: by.userId })
          .where('platform', '=', by.platform)
          .where('tenantId', '=', by.tenantId)
          .executeTakeFirst();
        if (Number(ended.numUpdatedRows) === 0) return false;
        const left = await db.selectFrom('feedOwners').select('feedId').where('feedId', '=', feed.id).where('removedAt', 'is', null).executeTakeFirst();
        if (!left && !feed.operatorOwned) await remove(db, feed.id, at);
        return true;
      }),

    purgeFeed: async (idOrUrl) => {
      // Its items go, and with them the first reports of developments they were the first report of.
      ctx.timelines?.clear();
      const feed = await find(ctx.db, idOrUrl);
      return feed !== null && Number((await ctx.db.deleteFrom('feeds').where('id', '=', feed.id).executeTakeFirst()).numDeletedRows) > 0;
    },

    setFeedState: async (feedId, state, reason, at) => {
      const rows =
        state === 'active'
          ? await reactivate(ctx.db, feedId, at, (await find(ctx.db, feedId))?.operatorOwned !== false)
          : await ctx.db
              .updateTable('feeds')
              .set({ state: 'paused', pausedReason: reason })
              .where('id', '=', feedId)
              .where('state', '<>', 'removed')
              .returningAll()
              .execute();
      return parse('feeds', rows)[0] ?? null;
    },

    dueFeeds: async (now, limit) =>
      parse(
        'feeds',
        await ctx.db
          .selectFrom('feeds')
          .selectAll()
          .where('state', '=', 'active')
          .where('nextCheckAt', '<=', now)
          .where((eb) => eb.or([eb('leaseUntil', 'is', null), eb('leaseUntil', '<=', now)]))
          .orderBy('nextCheckAt')
          .orderBy('id')
          .$if(limit !== undefined, (q) => q.limit(Math.max(0, Math.floor(limit!))))
          .execute(),
      ),

    claimFeed: async (feedId, now, until, options = {}) =>
      parse(
        'feeds',
        await ctx.db
          .updateTable('feeds')
          .set({ leaseUntil: until })
          .where('id', '=', feedId)
          .where('state', '=', 'active')
          .where((eb) => eb.or([eb('leaseUntil', 'is', null), eb('leaseUntil', '<=', now)]))
          .$if(options.dueOnly === true, (q) => q.where('nextCheckAt', '<=', now))
          .returningAll()
          .execute(),
      )[0] ?? null,

    // A feed removed while it was being fetched is left removed.
    recordFetch: async (feedId, u) => {
      const pause = u.pause ?? null;
      await ctx.db
        .updateTable('feeds')
        .set({
          status: u.status,
          lastFetchAt: u.at,
          lastErrorCode: u.errorCode,
          lastError: u.error,
          errorCount: u.errorCount,
          nextCheckAt: u.nextCheckAt,
          notFoundCount: u.notFoundCount ?? 0,
          leaseUntil: null,
          ...(u.etag === undefined ? {} : { etag: u.etag }),
          ...(u.lastModified === undefined ? {} : { lastModified: u.lastModified }),
          ...(u.baselineDone === undefined ? {} : { baselineDone: u.baselineDone }),
          ...(pause === null
            ? {}
            : {
                pausedReason: sql<string>`CASE WHEN state = 'active' THEN ${pause} ELSE paused_reason END`,
                state: sql<string>`CASE WHEN state = 'active' THEN 'paused' ELSE state END`,
              }),
        })
        .where('id', '=', feedId)
        .execute();
    },
  };
}
