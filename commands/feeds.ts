import { z } from 'zod';
import { feedSchema } from '../src/config/schemas.js';
import type { FeedOwner, FeedRecord } from '../src/core/feed.js';
import { findFeed } from '../src/pipeline/find-feed.js';
import { feedState, formatInterval } from '../src/queries/feed-state.js';
import { audit, defineCommand, failed, note, type Answer, type CommandContext } from './command.js';
import { addFeedFor, owner, type FeedAdded } from './feed-add.js';
import { importFeeds, OPML_MAX_BYTES, type FeedsImported } from './feeds-import.js';

/** What `/feeds` did, for surfaces that print their own text (the CLI). */
export type FeedsDone = { action: 'list'; feeds: FeedRecord[]; owners: FeedOwner[] } | FeedAdded | FeedsImported | { action: 'remove'; feed: FeedRecord };

/** What `/feeds <action>` did; its handler answers each action with that action's result (surfaces that print their own text check it). */
export function doneOf<A extends FeedsDone['action']>(done: FeedsDone, action: A): Extract<FeedsDone, { action: A }> {
  if (done.action !== action) throw new Error(`/feeds ${action} answered as ${done.action}`);
  return done as Extract<FeedsDone, { action: A }>;
}

function ownedHere(o: FeedOwner, ctx: CommandContext): boolean {
  return o.platform === ctx.platform && o.tenantId === ctx.tenantId;
}

/** One line of `/feeds list`: state as this asker sees it (a feed this server removed is removed for it). */
function feedLine(feed: FeedRecord, owners: FeedOwner[], ctx: CommandContext): string {
  const mine = owners.find((o) => o.feedId === feed.id && ownedHere(o, ctx));
  const state = mine?.removedAt ? 'removed' : feedState(feed);
  const holders = [
    ...(feed.operatorOwned ? ['operator'] : []),
    ...owners.filter((o) => o.feedId === feed.id && !o.removedAt).map((o) => `${o.platform}:${o.tenantId}`),
  ];
  const others = ctx.level === 'operator' && holders.length > 0 ? ` · ${holders.join(' ')}` : '';
  const error = feed.lastErrorCode && (feed.status === 'error' || feed.state === 'paused') ? ` · ${feed.lastErrorCode}` : '';
  return `#${feed.id} ${feed.name} · ${state} · every ${formatInterval(feed.intervalSec)} · ${feed.url}${error}${others}`;
}

/** The feeds this asker may see: a server's own, or every feed for operators. */
async function listFeeds(ctx: CommandContext): Promise<Answer<FeedsDone>> {
  const { store } = ctx.services;
  const owners = await store.listFeedOwners();
  const feeds = (await store.listFeeds()).filter((f) => ctx.level === 'operator' || owners.some((o) => o.feedId === f.id && ownedHere(o, ctx)));
  const done: FeedsDone = { action: 'list', feeds, owners };
  if (feeds.length === 0)
    return { ...note('Feeds', `No feeds ${ctx.level === 'operator' ? 'yet' : 'for this server yet'}. Add one with /feeds add <url>.`), done };
  return { ...note('Feeds', ...feeds.map((f) => feedLine(f, owners, ctx))), done };
}

/**
 * Removes a feed for the asker: a server's admins end their server's ownership (the feed stops
 * being polled once nobody owns it); operators (and the CLI) remove any feed. Soft: items stay as
 * timeline sources.
 */
async function removeFeed(ctx: CommandContext, key: string): Promise<Answer<FeedsDone>> {
  const { store, clock } = ctx.services;
  const feed = await findFeed(store, key);
  const by = owner(ctx);
  const mine = feed && by ? (await store.listFeedOwners(feed.id)).some((o) => ownedHere(o, ctx) && o.removedAt === null) : false;
  const target = feed ? `feed #${feed.id} ${feed.url}` : `feed ${key}`;
  if (feed && (mine || ctx.level === 'operator')) {
    const removed = await store.removeFeed(feed.id, { at: clock.now(), ...(mine && by ? { owner: by } : {}) });
    if (removed) {
      await audit(ctx, 'feeds.remove', target, 'ok', mine ? 'this server no longer watches it' : 'removed by an operator');
      return {
        ...note('Feed removed', `Stopped watching ${feed.url} ${mine ? 'for this server' : 'everywhere'}; its items stay as sources of the timeline.`),
        done: { action: 'remove', feed },
      };
    }
  }
  if (feed?.operatorOwned && !mine && ctx.level !== 'operator') {
    await audit(ctx, 'feeds.remove', target, 'refused', 'FEED_OPERATOR_ONLY: an operator-level feed');
    return failed(
      'Not allowed',
      'FEED_OPERATOR_ONLY',
      `Feed #${feed.id} is an operator-level feed (from feeds.yml or the CLI); only operators (STORYWATCH_OPERATORS) may change it.`,
    );
  }
  await audit(ctx, 'feeds.remove', target, 'refused', feed ? 'FEED_NOT_FOUND: not a feed of this server, or already removed' : 'FEED_NOT_FOUND');
  const unknown = ctx.cli ? `no active feed with id or URL ${key} (see \`storywatch feeds list\`)` : `No feed ${key} watched by this server.`;
  return failed('Unknown feed', 'FEED_NOT_FOUND', unknown);
}

/** `/feeds add|list|remove|import` (Manage Server, or an operator): manage this server's feeds. */
export const feedsCommand = defineCommand({
  name: 'feeds',
  description: 'Manage watched feeds (admins)',
  requires: 'server-admin',
  schema: z
    .object({
      action: z.enum(['add', 'list', 'remove', 'import'], { message: 'expected add, list, remove or import' }).describe('add, list, remove or import (OPML)'),
      url: z.string().trim().max(2000).describe('feed URL (add), feed id/URL (remove), or an OPML link (import)').optional(),
      name: z.string().trim().min(1).max(100).describe('display name (add)').optional(),
      file: z
        .url({ protocol: /^https?$/, message: 'expected the OPML file (attach it) or its http(s) link' })
        .max(2000)
        .meta({ description: 'OPML file of feeds to import (import: attach it, or give its link)', attachment: true })
        .optional(),
      opml: z.string().max(OPML_MAX_BYTES).meta({ description: 'OPML text to import', cliOnly: true }).optional(),
      interval: feedSchema.shape.interval.describe('poll interval, e.g. 10m, 1h (add, import; default: schedules.yml poll.defaultInterval)'),
      language: feedSchema.shape.language.describe('language of the feed when known, e.g. en, zh (add)'),
      backfill: z.boolean().meta({ description: 'process the backlog instead of recording it as a baseline', cliOnly: true }).optional(),
    })
    .refine((o) => o.action === 'list' || o.action === 'import' || o.url, { path: ['url'], message: 'give the feed URL (or id to remove)' })
    .refine((o) => o.action !== 'import' || o.file !== undefined || o.url !== undefined || o.opml !== undefined, {
      path: ['file'],
      message: 'attach the OPML file to import (or give its link)',
    })
    .superRefine((o, check) => {
      if (o.action !== 'add' || !o.url) return;
      for (const issue of feedSchema.shape.url.safeParse(o.url).error?.issues ?? []) check.addIssue({ code: 'custom', path: ['url'], message: issue.message });
    }),
  async handler(input, ctx): Promise<Answer<FeedsDone>> {
    if (input.action === 'list') return listFeeds(ctx);
    if (input.action === 'remove') return removeFeed(ctx, input.url ?? '');
    if (input.action === 'import') return importFeeds(ctx, { text: input.opml, fileUrl: input.file ?? input.url }, input.interval);
    return addFeedFor(ctx, { ...input, url: input.url ?? '' });
  },
});
