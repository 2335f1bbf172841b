import { z } from 'zod';
import type { FeedOwner, FeedRecord } from '../src/core/feed.js';
import { formatInterval, feedState } from '../src/cli/feed-table.js';
import { addFeed } from '../src/pipeline/add-feed.js';
import { findFeed } from '../src/pipeline/find-feed.js';
import type { TenantActor } from '../src/store/ports.js';
import { audit, defineCommand, note, type CommandContext, type Reply } from './command.js';

/** The asker as a feed owner: their server or workspace (runCommand lets nobody manage feeds outside one). */
function actor(ctx: CommandContext): TenantActor {
  return { platform: ctx.platform, tenantId: ctx.tenantId ?? '', userId: ctx.userId };
}

function ownedHere(owner: FeedOwner, ctx: CommandContext): boolean {
  return owner.platform === ctx.platform && owner.tenantId === ctx.tenantId;
}

/** One line of `/feeds list`: state as this asker sees it (a feed this server removed is removed for it). */
function feedLine(feed: FeedRecord, owners: FeedOwner[], ctx: CommandContext): string {
  const mine = owners.find((o) => o.feedId === feed.id && ownedHere(o, ctx));
  const state = mine?.removedAt ? 'removed' : feedState(feed);
  const holders = [...(feed.operatorOwned ? ['operator'] : []), ...owners.filter((o) => o.feedId === feed.id && !o.removedAt).map((o) => `${o.platform}:${o.tenantId}`)];
  const others = ctx.level === 'operator' && holders.length > 0 ? ` · ${holders.join(' ')}` : '';
  const error = feed.lastErrorCode && (feed.status === 'error' || feed.state === 'paused') ? ` · ${feed.lastErrorCode}` : '';
  return `#${feed.id} ${feed.name} · ${state} · every ${formatInterval(feed.intervalSec)} · ${feed.url}${error}${others}`;
}

async function listFeeds(ctx: CommandContext): Promise<Reply> {
  const { store } = ctx.services;
  const owners = await store.listFeedOwners();
  const feeds = (await store.listFeeds()).filter((f) => ctx.level === 'operator' || owners.some((o) => o.feedId === f.id && ownedHere(o, ctx)));
  if (feeds.length === 0) return note('Feeds', `No feeds ${ctx.level === 'operator' ? 'yet' : 'for this server yet'}. Add one with /feeds add <url>.`);
  return note('Feeds', ...feeds.map((f) => feedLine(f, owners, ctx)));
}

/**
 * Removes a feed for the asker: a server's admins end their server's ownership (the feed stops
 * being polled once nobody owns it); operators remove any feed. Soft: items stay as timeline sources.
 */
async function removeFeed(ctx: CommandContext, key: string): Promise<Reply> {
  const { store, clock } = ctx.services;
  const feed = await findFeed(store, key);
  const mine = feed ? (await store.listFeedOwners(feed.id)).some((o) => ownedHere(o, ctx) && o.removedAt === null) : false;
  const target = feed ? `feed #${feed.id} ${feed.url}` : `feed ${key}`;
  if (feed && (mine || ctx.level === 'operator')) {
    const removed = await store.removeFeed(feed.id, { at: clock.now(), ...(mine ? { owner: actor(ctx) } : {}) });
    if (removed) {
      await audit(ctx, 'feeds.remove', target, 'ok', mine ? 'this server no longer watches it' : 'removed by an operator');
      return note('Feed removed', `Stopped watching ${feed.url} ${mine ? 'for this server' : 'everywhere'}; its items stay as sources of the timeline.`);
    }
  }
  if (feed?.operatorOwned && !mine && ctx.level !== 'operator') {
    await audit(ctx, 'feeds.remove', target, 'refused', 'FEED_OPERATOR_ONLY: an operator-level feed');
    return note('Not allowed', `Feed #${feed.id} is an operator-level feed (from feeds.yml or the CLI); only operators (STORYWATCH_OPERATORS) may change it.`);
  }
  await audit(ctx, 'feeds.remove', target, 'refused', feed ? 'FEED_NOT_FOUND: not a feed of this server, or already removed' : 'FEED_NOT_FOUND');
  return note('Unknown feed', `No feed ${key} watched by this server.`);
}

/** `/feeds add|list|remove` (Manage Server, or an operator): manage this server's feeds. */
export const feedsCommand = defineCommand({
  name: 'feeds',
  description: 'Manage watched feeds (admins)',
  requires: 'server-admin',
  options: [
    { name: 'action', description: 'add, list or remove', type: 'string', required: true, choices: ['add', 'list', 'remove'] },
    { name: 'url', description: 'feed URL (add) or feed id/URL (remove)', type: 'string' },
    { name: 'name', description: 'display name (add)', type: 'string' },
  ],
  schema: z
    .object({ action: z.enum(['add', 'list', 'remove'], { message: 'expected add, list or remove' }), url: z.string().trim().max(2000).optional(), name: z.string().trim().max(100).optional() })
    .refine((o) => o.action === 'list' || o.url, { path: ['url'], message: 'give the feed URL (or id to remove)' })
    .refine((o) => o.action !== 'add' || /^https?:\/\//i.test(o.url ?? ''), { path: ['url'], message: 'expected an http(s) URL' }),
  async handler(input, ctx) {
    const { store, http, clock, log, stories } = ctx.services;
    if (input.action === 'list') return listFeeds(ctx);
    if (input.action === 'remove') return removeFeed(ctx, input.url as string);
    const url = input.url as string;
    const added = await addFeed({ url, ...(input.name ? { name: input.name } : {}), intervalSec: 600 }, { store, http, clock, log, stories }, { owner: actor(ctx) });
    if (!added.ok) {
      await audit(ctx, 'feeds.add', url, added.error.code === 'FEED_EXISTS' ? 'refused' : 'error', `${added.error.code}: ${added.error.message}`);
      return note('Feed not added', `${added.error.code}: ${added.error.message}`);
    }
    await audit(ctx, 'feeds.add', `feed #${added.value.feed.id} ${added.value.feed.url}`, 'ok', null);
    return note('Feed added', `#${added.value.feed.id} ${added.value.feed.name}: ${added.value.baselineItems} item(s) recorded as a baseline; newer items will be matched.`);
  },
});
