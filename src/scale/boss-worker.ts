import PgBoss from 'pg-boss';
import type { SettingsFile } from '../config/schemas.js';
import { enqueueDueDigests } from '../delivery/digest-schedule.js';
import type { App } from '../main.js';
import { processPendingItems } from '../pipeline/process-pending.js';
import { pollFeed, recordInternalError } from '../pipeline/run-feed.js';

/** A running worker. */
export interface BossWorker {
  stop(): Promise<void>;
}

const POLL = 'poll-feed';
const DETECT = 'detect';
const DISPATCH = 'dispatch';

/**
 * Worker mode: every `storywatch run` pointed at one PostgreSQL shares the work through pg-boss.
 * Each worker, on its tick, queues a `poll-feed` job per due feed, a `detect` job per feed whose
 * stored items wait too long for matching (their worker died), and one `dispatch` job.
 *
 * - `poll-feed` leases the feed in the store (so one worker fetches it at a time, and a dead
 *   worker's lease runs out), stores the new items as pending and queues `detect` for the feed.
 * - `detect` matches the feed's pending items and merges them into the timelines (per-story lock).
 * - `dispatch` sends the outbox; its queue is *stately* with one key, so a single dispatcher runs
 *   whatever the number of workers. Digests are queued by it; the outbox's unique (subscription,
 *   day) keeps them single.
 *
 * Poll and detect queues are *short* (one queued job per feed), never stately: in pg-boss a stately
 * job queued behind an active one of the same key stalls the fetch of every job behind it. A job
 * held by a worker that died expires and is retried by another.
 */
export async function startBossWorker(app: App, connection: { url: string; schema?: string }, settings: SettingsFile['workers']): Promise<BossWorker> {
  const { log, store, clock } = app;
  const boss = new PgBoss({
    connectionString: connection.url,
    schema: `${connection.schema ?? 'storywatch'}_jobs`,
    maintenanceIntervalSeconds: settings.maintenanceSeconds,
  });
  boss.on('error', (error) => log.error({ err: error }, 'job queue error'));
  await boss.start();
  const retry = { expireInSeconds: settings.jobExpireSeconds, retryLimit: 5, retryDelay: 1 };
  await boss.createQueue(POLL, { name: POLL, policy: 'short', ...retry });
  await boss.createQueue(DETECT, { name: DETECT, policy: 'short', ...retry });
  await boss.createQueue(DISPATCH, { name: DISPATCH, policy: 'stately', ...retry });
  const leaseMs = settings.jobExpireSeconds * 1000;
  const deps = { store, http: app.http, clock, log, stories: app.stories, pauseAfterNotFound: app.config.schedules.poll.pauseAfterNotFound };
  // One insert per queue; a feed that already has a queued job is skipped by the queue's policy.
  const queueFeeds = async (name: string, feedIds: number[]): Promise<void> => {
    if (feedIds.length > 0) await boss.insert(feedIds.map((feedId) => ({ name, data: { feedId }, singletonKey: `feed:${feedId}` })));
  };

  for (let i = 0; i < settings.pollConcurrency; i += 1) {
    await boss.work<{ feedId: number }>(POLL, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
      if (!job) return;
      const now = clock.now();
      // Null when another worker holds the feed, or a job queued behind the last poll finds it no longer due.
      const feed = await store.claimFeed(job.data.feedId, now, new Date(now.getTime() + leaseMs), { dueOnly: true });
      if (!feed) return;
      try {
        const report = await pollFeed(feed, deps);
        if (report.outcome === 'fetched' && (report.newItems.length > 0 || report.baselineItems > 0)) await queueFeeds(DETECT, [feed.id]);
      } catch (error) {
        await recordInternalError(feed, error, deps);
      }
    });
  }
  await boss.work<{ feedId: number }>(DETECT, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
    if (job) await processPendingItems({ ...deps, now: clock.now() }, job.data.feedId);
  });
  const dispatcher = app.dispatcher();
  await boss.work(DISPATCH, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async () => {
    await enqueueDueDigests(store, clock.now());
    await dispatcher.dispatchDue();
  });

  let busy = false;
  const tick = async (): Promise<void> => {
    if (busy) return;
    busy = true;
    try {
      const now = clock.now();
      await queueFeeds(POLL, (await store.dueFeeds(now, 500)).map((f) => f.id));
      await queueFeeds(DETECT, await store.feedsWithPendingItems(new Date(now.getTime() - leaseMs), 500));
      await boss.send(DISPATCH, {}, { singletonKey: DISPATCH });
    } catch (error) {
      log.error({ err: error }, 'worker tick failed; the next tick retries');
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), settings.tickMs);
  void tick();
  log.info({ pollConcurrency: settings.pollConcurrency }, 'worker started');
  return {
    async stop() {
      clearInterval(timer);
      await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
    },
  };
}
