import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandServices } from '../commands/command.js';
import { createLogger } from '../src/core/logger.js';
import { parseFeed } from '../src/pipeline/parse/parse-feed.js';
import { Poller } from '../src/scheduler/poller.js';
import { startHttpServer, type RunningServer } from '../src/server/http-server.js';
import { webRoutes } from '../src/server/web-routes.js';
import { startFeedServer, staticFeed, status, type FeedServer } from './fakes/feed-server.js';
import { rss } from './helpers/rss.js';
import { seededServices } from './helpers/services.js';

const log = createLogger('silent');
const DATES = ['2024-01-29', '2024-01-19', '2024-01-18', '2024-01-17', '2024-01-16'];

/** Issue 15 items 3 and 5, after the seed replay: the story as Atom and JSON Feed, its JSON API, and /metrics. */
describe('the story as a feed, its JSON API and its metrics', () => {
  let seeded: Awaited<ReturnType<typeof seededServices>>;
  let services: CommandServices;
  let server: RunningServer;
  let feeds: FeedServer;
  let base: string;
  let web: ReturnType<typeof webRoutes>;

  beforeAll(async () => {
    seeded = await seededServices();
    services = seeded.services;
    // The seeds' own feed is not served here: keep the poller off it.
    for (const f of await services.store.listFeeds()) await services.store.setFeedState(f.id, 'paused', 'TEST', new Date());
    web = webRoutes({ store: services.store, stories: services.storyConfigs, clock: services.clock, publicUrl: () => 'https://news.example.org' });
    server = await startHttpServer({ host: '127.0.0.1', port: 0 }, {}, async () => ({}), log, web.routes);
    base = `http://127.0.0.1:${server.port}`;
    feeds = await startFeedServer();
  });
  afterAll(async () => {
    await Promise.all([server.close(), feeds.close()]);
    await seeded.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });

  it('serves Atom that rss-parser reads back: the five developments newest first, each with its sources and links to the story page', async () => {
    const res = await get('/stories/iran-pakistan-2024/feed.xml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
    const feed = await new Parser().parseString(await res.text());
    expect(feed.title).toMatch(/Iran/);
    expect(feed.items.map((i) => i.title?.slice(0, 10))).toEqual(DATES);
    for (const item of feed.items) expect(item.link).toMatch(/^https:\/\/news\.example\.org\/stories\/iran-pakistan-2024#D\d+$/);
    const strike = feed.items.find((i) => i.title?.startsWith('2024-01-16'));
    expect(strike?.content).toMatch(/source\(s\) in/);
    expect(strike?.content).toMatch(/Seeds \((vi|en|ar|zh)\)/);
  });

  it('serves JSON Feed 1.1 that storywatch’s own parser reads back, and the JSON API the pages use', async () => {
    const res = await get('/stories/iran-pakistan-2024/feed.json');
    const body = await res.text();
    expect(JSON.parse(body)).toMatchObject({
      version: 'https://jsonfeed.org/version/1.1',
      home_page_url: 'https://news.example.org/stories/iran-pakistan-2024',
    });
    const parsed = await parseFeed(Buffer.from(body), res.headers.get('content-type'));
    expect(parsed.ok && parsed.value.items.map((i) => i.title?.slice(0, 10))).toEqual(DATES);
    const api = (await (await get('/api/stories/iran-pakistan-2024/timeline')).json()) as {
      story: { id: string; atom: string };
      developments: { date: string; kindLabel: string; sources: { outlet: string; language: string; firstSeen: string }[]; languages: string[] }[];
    };
    expect(api.story).toMatchObject({ id: 'iran-pakistan-2024', atom: 'https://news.example.org/stories/iran-pakistan-2024/feed.xml' });
    expect(api.developments.map((d) => d.date)).toEqual(DATES);
    for (const d of api.developments) {
      expect(d.sources.length).toBeGreaterThan(0);
      expect(new Set(d.sources.map((s) => s.language))).toEqual(new Set(d.languages));
    }
    expect((await get('/stories/nope/feed.xml')).status).toBe(404);
    expect((await get('/api/stories/..%2Fetc/timeline')).status).toBe(404);
  });

  it('answers If-None-Match with 304 and no body, and a changed timeline with a new ETag', async () => {
    for (const path of ['/stories/iran-pakistan-2024/feed.xml', '/stories/iran-pakistan-2024/feed.json', '/api/stories/iran-pakistan-2024/timeline']) {
      const first = await get(path);
      const etag = first.headers.get('etag') ?? '';
      expect(etag).toMatch(/^"[\w-]{27}"$/);
      const again = await get(path, { 'if-none-match': etag });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');
      expect((await get(path, { 'if-none-match': '"other"' })).status).toBe(200);
    }
    const before = (await get('/api/stories/iran-pakistan-2024/timeline')).headers.get('etag');
    const feed = await services.store.addFeed({ url: 'https://late.example/feed', name: 'Late wire', intervalSec: 600 }, new Date());
    if (!feed.ok) throw new Error(feed.error.message);
    await services.store.setFeedState(feed.value.id, 'paused', 'TEST', new Date()); // not served: never polled
    const [late] = await services.store.insertItems(
      feed.value.id,
      [{ ...(await services.store.listItems({ limit: 1 }))[0]!, key: 'late-1', guid: 'late-1', link: 'https://late.example/1' }],
      new Date(),
    );
    const [latest] = (await services.store.listDevelopments('iran-pakistan-2024')).slice(-1);
    await services.store.addSources([latest!.id], late!, new Date());
    const after = await get('/api/stories/iran-pakistan-2024/timeline', { 'if-none-match': before ?? '' });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(before);
    expect(JSON.stringify(await after.json())).toMatch(/Late wire/);
  });

  it('exposes Prometheus metrics whose counters move with a poll', async () => {
    const scrape = async () => {
      const res = await get('/metrics');
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      return res.text();
    };
    const value = (text: string, series: string) => Number(new RegExp(`^${series.replace(/[{}"+.]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
    const before = await scrape();
    expect(value(before, 'storywatch_story_developments{story="iran-pakistan-2024"}')).toBe(5);
    const stored = value(before, 'storywatch_items_stored');
    expect(stored).toBeGreaterThanOrEqual(5);
    expect(value(before, 'storywatch_polls_total{outcome="fetched"}')).toBeNaN();
    expect(value(before, 'storywatch_poll_duration_seconds_count')).toBe(0);
    expect(before).toMatch(/^storywatch_process_resident_memory_bytes \d+/m);

    feeds.route(
      '/world.xml',
      staticFeed({
        body: rss([
          { title: 'Iran and Pakistan agree to de-escalate', link: 'https://x.example/a' },
          { title: 'Football results', link: 'https://x.example/b' },
        ]),
      }),
    );
    feeds.route('/broken.xml', status(500));
    for (const path of ['/world.xml', '/broken.xml']) await services.store.addFeed({ url: feeds.url(path), name: path, intervalSec: 600 }, new Date());
    const poller = new Poller(
      { store: services.store, http: services.http, clock: services.clock, log, stories: services.stories },
      { tick: '* * * * * *', concurrency: 2, perHostConcurrency: 2, perHostDelayMs: 0 },
      (report, ms) => web.observePoll(report, ms),
    );
    await poller.runDue({ ignoreInterval: true });
    const after = await scrape();
    expect(value(after, 'storywatch_polls_total{outcome="fetched"}')).toBe(1);
    expect(value(after, 'storywatch_polls_total{outcome="error"}')).toBe(1);
    expect(value(after, 'storywatch_fetch_errors_total{code="FEED_HTTP_500"}')).toBe(1);
    expect(value(after, 'storywatch_items_new_total')).toBe(2);
    expect(value(after, 'storywatch_items_stored')).toBe(stored + 2);
    expect(value(after, 'storywatch_poll_duration_seconds_count')).toBe(2);
  });
});
