import { z } from 'zod';
import { formatInterval, feedState } from '../src/cli/feed-table.js';
import { addFeed } from '../src/pipeline/add-feed.js';
import { findFeed } from '../src/pipeline/find-feed.js';
import { defineCommand, note } from './command.js';

/** `/feeds add|list|remove` (admins): manage the watched feeds. */
export const feedsCommand = defineCommand({
  name: 'feeds',
  description: 'Manage watched feeds (admins)',
  adminOnly: true,
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
    if (input.action === 'list') {
      const feeds = await store.listFeeds();
      if (feeds.length === 0) return note('Feeds', 'No feeds yet. Add one with /feeds add <url>.');
      return note('Feeds', ...feeds.map((f) => `#${f.id} ${f.name} · ${feedState(f)} · every ${formatInterval(f.intervalSec)} · ${f.url}${f.lastError && f.status === 'error' ? ` · ${f.lastErrorCode}` : ''}`));
    }
    if (input.action === 'remove') {
      const feed = await findFeed(store, input.url as string);
      return feed && (await store.removeFeed(feed.id)) ? note('Feed removed', `Stopped watching ${input.url}.`) : note('Unknown feed', `No feed ${input.url}.`);
    }
    const url = input.url as string;
    const added = await addFeed({ url, ...(input.name ? { name: input.name } : {}), intervalSec: 600 }, { store, http, clock, log, stories });
    if (!added.ok) return note('Feed not added', `${added.error.code}: ${added.error.message}`);
    return note('Feed added', `#${added.value.feed.id} ${added.value.feed.name}: ${added.value.baselineItems} item(s) recorded as a baseline; newer items will be matched.`);
  },
});
