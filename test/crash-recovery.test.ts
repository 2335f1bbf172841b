import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/core/clock.js';
import { createLogger } from '../src/core/logger.js';
import { loadSeedArticles } from '../src/demo/seed-articles.js';
import { buildRss, startSeedFeedServer, type SeedFeedServer } from '../src/demo/seed-feed-server.js';
import { createHttpFetcher } from '../src/pipeline/fetch/http-fetcher.js';
import { pollFeed, runFeed, type RunFeedDeps } from '../src/pipeline/run-feed.js';
import { Poller } from '../src/scheduler/poller.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/ports.js';
import { startFeedServer, type FeedServer } from './fakes/feed-server.js';
import { bundledStory } from './helpers/stories.js';

const NOW = new Date('2024-01-30T08:00:00Z');
const STORY = 'iran-pakistan-2024';
const seeds = loadSeedArticles(path.join('test', 'fixtures', 'seeds'));

/**
 * A process that dies after storing a feed's items but before matching them must not lose their
 * developments or alerts: the items stay pending and the next run of the feed picks them up.
 */
describe('items stored by a process that died before matching them', () => {
  let feeds: SeedFeedServer;
  let store: Store;
  let deps: RunFeedDeps;

  beforeEach(async () => {
    feeds = await startSeedFeedServer(seeds);
    store = openSqliteStore(':memory:');
    deps = {
      store,
      clock: new ManualClock(NOW),
      log: createLogger('silent'),
      http: createHttpFetcher({ allowPrivateNetworks: true }),
      stories: [bundledStory(STORY)],
    };
  });
  afterEach(async () => {
    await feeds.close();
    await store.close();
  });

  const feed = async () => {
    const added = await store.addFeed({ url: feeds.feedUrl, name: 'Seeds', intervalSec: 600 }, NOW);
    if (!added.ok) throw new Error(added.error.message);
    return added.value;
  };

  it('are matched, merged and alerted by the next run of the feed, though the feed has nothing new', async () => {
    const seedFeed = await feed();
    await runFeed(seedFeed, deps); // the empty baseline
    feeds.releaseNext();
    // The process stores the first report of the strikes, then dies.
    const polled = await pollFeed((await store.getFeed(seedFeed.id))!, deps);
    expect(polled.newItems).toHaveLength(1);
    expect((await store.pendingItems()).map((i) => i.id)).toEqual([polled.newItems[0]!.id]);
    expect(await store.listDevelopments(STORY)).toEqual([]);

    // The next run finds the feed unchanged (304) and still processes what was left.
    const next = await runFeed((await store.getFeed(seedFeed.id))!, deps);
    expect(next.outcome).toBe('not_modified');
    expect(next.detections.filter((d) => d.alertId !== null)).toHaveLength(1);
    expect((await store.listDevelopments(STORY)).map((d) => d.date)).toEqual(['2024-01-16', '2024-01-17', '2024-01-18', '2024-01-19']);
    expect(await store.listAlerts(STORY)).toHaveLength(1);
    expect(await store.pendingItems()).toEqual([]);
  });

  it('keep their baseline flag: a backlog left pending builds the timeline without alerting', async () => {
    feeds.releaseNext();
    feeds.releaseNext();
    const seedFeed = await feed();
    const baseline = await pollFeed(seedFeed, deps);
    expect(baseline.baselineItems).toBe(2);
    const poller = new Poller(deps, { tick: '* * * * * *', concurrency: 2, perHostConcurrency: 2, perHostDelayMs: 0 });
    poller.start();
    await expect.poll(async () => (await store.pendingItems()).length, { timeout: 10_000 }).toBe(0);
    await poller.stop();
    expect((await store.listDevelopments(STORY)).length).toBeGreaterThan(0);
    expect(await store.listAlerts(STORY)).toEqual([]);
  });

  it('are matched by a running poller of another process once they wait longer than a lease, though the feed is not due', async () => {
    const clock = new ManualClock(NOW);
    let alerted = 0;
    const live = { ...deps, clock, onAlert: () => (alerted += 1) };
    const seedFeed = await feed();
    await runFeed(seedFeed, live); // the empty baseline
    const poller = new Poller(live, { tick: '* * * * * *', concurrency: 2, perHostConcurrency: 2, perHostDelayMs: 0, leaseMs: 30_000 });
    poller.start();
    try {
      feeds.releaseNext();
      // Another process stores the first report of the strikes, then dies; the feed's next check is 10 minutes away.
      const polled = await pollFeed((await store.getFeed(seedFeed.id))!, live);
      expect(polled.newItems).toHaveLength(1);
      await new Promise((r) => setTimeout(r, 2500));
      expect(await store.pendingItems()).toHaveLength(1); // still within the lease: its process may be processing it
      expect(alerted).toBe(0);
      clock.advance(31_000);
      await expect.poll(async () => (await store.pendingItems()).length, { timeout: 10_000 }).toBe(0);
    } finally {
      await poller.stop();
    }
    expect(await store.listAlerts(STORY)).toHaveLength(1);
    expect(alerted).toBe(1); // the process's delivery loop is told at once
    expect((await store.listDevelopments(STORY)).map((d) => d.date)).toEqual(['2024-01-16', '2024-01-17', '2024-01-18', '2024-01-19']);
  });
});

describe('two processes polling one database', () => {
  let server: FeedServer;
  let dir: string;

  beforeEach(async () => {
    server = await startFeedServer();
    for (let i = 0; i < 4; i += 1) {
      // Each feed links its own copy of the first seed; slow enough that both passes overlap.
      const body = buildRss(seeds.slice(0, 1), `http://127.0.0.1/f${i}`);
      server.route(`/f${i}.xml`, (_req, res) => void setTimeout(() => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body), 300));
    }
    dir = mkdtempSync(path.join(tmpdir(), 'storywatch-lease-'));
  });
  afterEach(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fetch each feed once: the second finds it leased and skips it', async () => {
    const file = path.join(dir, 'storywatch.db');
    const [a, b] = [openSqliteStore(file), openSqliteStore(file)];
    for (let i = 0; i < 4; i += 1) await a.addFeed({ url: server.url(`/f${i}.xml`), name: `f${i}`, intervalSec: 600 }, NOW);
    const poller = (store: Store) =>
      new Poller(
        { store, clock: new ManualClock(NOW), log: createLogger('silent'), http: createHttpFetcher({ allowPrivateNetworks: true }), stories: [] },
        { tick: '* * * * * *', concurrency: 4, perHostConcurrency: 4, perHostDelayMs: 0 },
      );
    const [first, second] = await Promise.all([poller(a).runDue({ ignoreInterval: true }), poller(b).runDue({ ignoreInterval: true })]);
    expect(server.requests).toHaveLength(4);
    expect(first.length + second.length).toBe(4);
    expect(await a.countItems()).toBe(4);
    await a.close();
    await b.close();
  });

  it('on the schedule, skip a feed the other polled after it was listed as due', async () => {
    const file = path.join(dir, 'storywatch.db');
    const [a, b] = [openSqliteStore(file), openSqliteStore(file)];
    await a.addFeed({ url: server.url('/f0.xml'), name: 'f0', intervalSec: 600 }, NOW);
    const poller = (store: Store) =>
      new Poller(
        { store, clock: new ManualClock(NOW), log: createLogger('silent'), http: createHttpFetcher({ allowPrivateNetworks: true }), stories: [] },
        { tick: '* * * * * *', concurrency: 4, perHostConcurrency: 4, perHostDelayMs: 0 },
      );
    const first = poller(a);
    // b lists the due feeds, then a whole poll by a runs before b gets to claim what it listed.
    const late = new Proxy(b, {
      get: (target, prop) => {
        const value: unknown = Reflect.get(target, prop);
        if (typeof value !== 'function') return value;
        const call = (...args: unknown[]): unknown => (value as (...a: unknown[]) => unknown).apply(target, args);
        return prop !== 'dueFeeds'
          ? call
          : async (...args: unknown[]) => {
              const due = await call(...args);
              await first.runDue();
              return due;
            };
      },
    });
    const second = await poller(late).runDue();
    expect(second).toEqual([]);
    expect(server.requests).toHaveLength(1);
    await a.close();
    await b.close();
  });
});
