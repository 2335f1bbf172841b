import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/core/clock.js';
import { createLogger } from '../src/core/logger.js';
import { createHttpFetcher } from '../src/pipeline/fetch/http-fetcher.js';
import { HostGate } from '../src/scheduler/host-gate.js';
import { Poller, type PollerOptions } from '../src/scheduler/poller.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/ports.js';
import { startFeedServer, type FeedServer, type RouteHandler } from './fakes/feed-server.js';
import { rss } from './helpers/rss.js';

const NOW = new Date('2024-01-19T12:00:00Z');

describe('poller', () => {
  let server: FeedServer;
  let store: Store;
  let active = 0;
  let maxActive = 0;
  const slow =
    (ms: number, path: string): RouteHandler =>
    (_req, res) => {
      active++;
      maxActive = Math.max(maxActive, active);
      setTimeout(() => {
        active--;
        res
          .writeHead(200, { 'content-type': 'application/rss+xml' })
          .end(rss([{ title: `Item of ${path}`, link: `https://x.example${path}`, html: '<p>Body text of the item.</p>' }]));
      }, ms);
    };
  const makePoller = (options: Partial<PollerOptions> = {}) =>
    new Poller(
      { store, clock: new ManualClock(NOW), log: createLogger('silent'), http: createHttpFetcher({ allowPrivateNetworks: true }), stories: [] },
      { tick: '* * * * * *', concurrency: 8, perHostConcurrency: 8, perHostDelayMs: 0, ...options },
    );
  const addFeeds = async (count: number, ms: number) => {
    for (let i = 0; i < count; i++) {
      server.route(`/f${i}`, slow(ms, `/f${i}`));
      await store.addFeed({ url: server.url(`/f${i}`), name: `f${i}`, intervalSec: 600 }, NOW, { backfill: true });
    }
  };

  beforeEach(async () => {
    server = await startFeedServer();
    store = openSqliteStore(':memory:');
    active = 0;
    maxActive = 0;
  });
  afterEach(async () => {
    await server.close();
    await store.close();
  });

  it('never fetches the same feed twice at once', async () => {
    await addFeeds(1, 300);
    const poller = makePoller();
    const [first, second] = await Promise.all([poller.runDue(), poller.runDue()]);
    expect(first.length + second.length).toBe(1);
    expect(server.requests.filter((r) => r.path === '/f0')).toHaveLength(1);
  });

  it('respects the global concurrency limit', async () => {
    await addFeeds(6, 150);
    const reports = await makePoller({ concurrency: 2 }).runDue();
    expect(reports).toHaveLength(6);
    expect(maxActive).toBe(2);
  });

  it('respects the per-host limit', async () => {
    await addFeeds(4, 100);
    await makePoller({ concurrency: 8, perHostConcurrency: 1 }).runDue();
    expect(maxActive).toBe(1);
  });

  it('skips feeds that are not due, unless asked to ignore intervals; backing-off feeds wait either way', async () => {
    await addFeeds(2, 10);
    const poller = makePoller();
    expect(await poller.runDue()).toHaveLength(2);
    expect(await poller.runDue()).toHaveLength(0);
    const failing = await store.getFeed(server.url('/f1'));
    await store.recordFetch(failing!.id, {
      at: NOW,
      status: 'error',
      errorCode: 'FEED_HTTP_500',
      error: 'x',
      errorCount: 1,
      nextCheckAt: new Date(NOW.getTime() + 60_000),
    });
    const once = await poller.runDue({ ignoreInterval: true });
    expect(once.map((r) => r.feed.name)).toEqual(['f0']);
  });

  it('drains in-flight work on stop', async () => {
    await addFeeds(1, 400);
    const poller = makePoller();
    poller.start();
    await new Promise((r) => setTimeout(r, 100));
    expect(active).toBe(1);
    await poller.stop();
    expect(active).toBe(0);
    expect((await store.getFeed(server.url('/f0')))?.status).toBe('ok');
    expect(await store.countItems()).toBe(1);
  });
});

describe('host gate', () => {
  it('spaces requests to one host and lets other hosts through', async () => {
    const gate = new HostGate(1, 100);
    const starts: Record<string, number[]> = { a: [], b: [] };
    const t0 = Date.now();
    const task = (host: 'a' | 'b') => gate.run(`http://${host}.example/feed`, async () => void starts[host]!.push(Date.now() - t0));
    await Promise.all([task('a'), task('a'), task('a'), task('b')]);
    const [a0, a1, a2] = starts.a as [number, number, number];
    expect(a1 - a0).toBeGreaterThanOrEqual(95);
    expect(a2 - a1).toBeGreaterThanOrEqual(95);
    expect(starts.b![0]).toBeLessThan(50);
  });
});
