import type { FeedRunReport } from '../src/pipeline/run-feed.js';
import type { TenantActor } from '../src/store/ports.js';
import { audit, failed, note, type Answer, type CommandContext } from './command.js';

/** What adding one feed did. */
export interface FeedAdded {
  action: 'add';
  report: FeedRunReport;
  intervalSec: number;
}

/** The asker's server or workspace as a feed owner; none for the CLI (its feeds are operator-level). */
export function owner(ctx: CommandContext): TenantActor | undefined {
  return ctx.platform !== null && ctx.tenantId !== null ? { platform: ctx.platform, tenantId: ctx.tenantId, userId: ctx.userId } : undefined;
}

/** Adds a feed (fetched at once, its backlog a baseline unless an operator backfills), owned by the asker's server. */
export async function addFeedFor(
  ctx: CommandContext,
  input: { url: string; name?: string | undefined; interval?: number | undefined; language?: string | undefined; backfill?: boolean | undefined },
): Promise<Answer<FeedAdded>> {
  if (input.backfill && ctx.level !== 'operator') {
    await audit(ctx, 'feeds.add', input.url, 'refused', 'FEED_BACKFILL_OPERATOR_ONLY');
    return failed('Not allowed', 'FEED_BACKFILL_OPERATOR_ONLY', 'Only operators may backfill a feed (its backlog would alert every subscribed channel).');
  }
  const { store, http, clock, log, stories, defaultIntervalSec } = ctx.services;
  const intervalSec = input.interval ?? defaultIntervalSec;
  const by = owner(ctx);
  const feed = { url: input.url, ...(input.name ? { name: input.name } : {}), language: input.language ?? null, intervalSec };
  const { addFeed } = await import('../src/pipeline/add-feed.js'); // fetch, parse and match load only to add a feed
  const added = await addFeed(feed, { store, http, clock, log, stories }, { ...(by ? { owner: by } : {}), ...(input.backfill ? { backfill: true } : {}) });
  if (!added.ok) {
    const { code, message } = added.error;
    await audit(ctx, 'feeds.add', input.url, code === 'FEED_EXISTS' ? 'refused' : 'error', `${code}: ${message}`);
    // A URL that serves no feed is bad input; a feed already watched is a conflict.
    return { ...note('Feed not added', `${code}: ${message}`), failure: { code, message, badInput: code !== 'FEED_EXISTS' } };
  }
  const r = added.value;
  await audit(ctx, 'feeds.add', `feed #${r.feed.id} ${r.feed.url}`, 'ok', null);
  return {
    ...note('Feed added', `#${r.feed.id} ${r.feed.name}: ${r.baselineItems} item(s) recorded as a baseline; newer items will be matched.`),
    done: { action: 'add', report: r, intervalSec },
  };
}
