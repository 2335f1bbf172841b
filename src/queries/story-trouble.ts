import { NOT_IN_CONFIG, type FeedRecord } from '../core/feed.js';
import { backlogFlag, feedFlag, type OpsFlag } from '../core/ops.js';
import type { Store } from '../store/ports.js';

const iso = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/u, 'Z');

/** What is wrong with a feed now, or null: reported failing (its ops flag is raised), or paused for an error. */
function feedTrouble(feed: FeedRecord, flags: Map<string, OpsFlag>): string | null {
  const flag = flags.get(feedFlag(feed.id));
  if (feed.state === 'paused' && feed.pausedReason && feed.pausedReason !== NOT_IN_CONFIG)
    return `Feed paused: ${feed.name} (#${feed.id}) — ${feed.pausedReason}, no longer polled; \`storywatch feeds resume ${feed.id}\``;
  if (feed.state !== 'active' || !flag) return null;
  return (
    `Feed failing: ${feed.name} (#${feed.id}) — ${feed.lastErrorCode ?? flag.detail}, ${feed.errorCount} failure(s) in a row ` +
    `(reported ${iso(flag.raisedAt)}); next retry at ${iso(feed.nextCheckAt)}`
  );
}

/**
 * The trouble that touches a story now, one line each (none when all is well), as the ops
 * notices tell it (decision 026): failing and paused feeds, the story's subscriptions stopped by
 * their platform (not those a user unsubscribed), paused platforms, and each platform's outbox
 * backlog, marked when it is over the limit.
 */
export async function storyTrouble(store: Store, storyId: string): Promise<string[]> {
  const flags = new Map((await store.listOpsFlags()).map((f) => [f.name, f]));
  const feeds = (await store.listFeeds()).flatMap((f) => feedTrouble(f, flags) ?? []);
  const stopped = (await store.listSubscriptions())
    .filter((s) => s.storyId === storyId && s.status === 'stopped' && s.unsubscribedAt === null)
    .map((s) => `Subscription stopped: ${s.platform} channel ${s.channelId} — ${s.stoppedReason ?? 'no reason recorded'}`);
  const pauses = (await store.listPlatformPauses()).map(
    (p) => `Delivery paused on ${p.platform} since ${iso(p.pausedAt)} — ${p.code}: ${p.reason}; next try at ${iso(p.nextProbeAt)}`,
  );
  const backlog = (await store.outboxBacklog()).map((b) => {
    const high = flags.get(backlogFlag(b.platform));
    return `Outbox backlog on ${b.platform}: ${b.pending} message(s) waiting${high ? ` — over the limit since ${iso(high.raisedAt)}` : ''}`;
  });
  return [...feeds, ...stopped, ...pauses, ...backlog];
}
