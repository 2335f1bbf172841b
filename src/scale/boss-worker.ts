import PgBoss from 'pg-boss';
import type { SettingsFile } from '../config/schemas.js';
import { enqueueDueDigests } from '../delivery/digest-schedule.js';
import type { App } from '../main.js';
import { runFeed } from '../pipeline/run-feed.js';

/** A running worker. */
export interface BossWorker {
  stop(): Promise<void>;
}

const POLL = 'poll-feed';
const DISPATCH = 'dispatch';

/**
 * Worker mode: every `storywatch run` pointed at one PostgreSQL shares the work through pg-boss.
 * Each worker, on its tick, queues the feeds that are due as `poll-feed` jobs keyed by feed, and one
 * `dispatch` job; the queues are *stately* (one queued and one active job per key), so a feed is
 * fetched by one worker at a time and a single dispatcher sends the outbox whatever the number of
 * workers. A job held by a worker that died expires and is retried by another. Digests are queued
 * by whichever worker dispatches; the outbox's unique (subscription, day) keeps them single.
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
  const queue = { policy: 'stately' as const, expireInSeconds: settings.jobExpireSeconds, retryLimit: 5, retryDelay: 1 };
  await boss.createQueue(POLL, { name: POLL, ...queue });
  await boss.createQueue(DISPATCH, { name: DISPATCH, ...queue });

  const deps = { store, http: app.http, clock, log, stories: app.stories };
  const dispatcher = app.dispatcher();
  for (let i = 0; i < settings.pollConcurrency; i += 1) {
    await boss.work<{ feedId: number }>(POLL, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
      const feed = job ? await store.getFeed(job.data.feedId) : null;
      // A job queued behind the one that just polled this feed finds it no longer due.
      if (feed && feed.nextCheckAt.getTime() <= clock.now().getTime()) await runFeed(feed, deps);
    });
  }
  await boss.work(DISPATCH, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async () => {
    await enqueueDueDigests(store, clock.now());
    await dispatcher.dispatchDue();
  });

  let busy = false;
  const tick = async (): Promise<void> => {
    if (busy) return;
    busy = true;
    try {
      for (const feed of await store.dueFeeds(clock.now(), 500)) {
        await boss.send(POLL, { feedId: feed.id }, { singletonKey: `feed:${feed.id}` });
      }
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
