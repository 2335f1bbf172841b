import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/core/clock.js';
import { createLogger } from '../src/core/logger.js';
import type { FeedRecord } from '../src/core/feed.js';
import { addFeed } from '../src/pipeline/add-feed.js';
import { createHttpFetcher } from '../src/pipeline/fetch/http-fetcher.js';
import { Poller } from '../src/scheduler/poller.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { encoded, hang, oversized, redirect, startFeedServer, staticFeed, status, type FeedServer } from './fakes/feed-server.js';
import { LogSink, rss } from './helpers/rss.js';

const START = new Date('2024-01-19T12:00:00Z');
const okItems = [
  {
    title: 'Pakistan and Iran agree to de-escalate after trading strikes',
    link: 'https://news.example/a?utm_source=rss',
    date: 'Fri, 19 Jan 2024 10:00:00 GMT',
    html: '<p>Pakistan and Iran agreed on Friday to de-escalate tensions after trading strikes on militant targets in each other’s territory this week.</p>',
  },
  {
    title: 'Séisme au Japon : le bilan dépasse 200 morts',
    link: 'https://news.example/b',
    date: 'Thu, 18 Jan 2024 08:00:00 GMT',
    html: '<p>Le bilan du séisme qui a frappé la péninsule de Noto le jour de l’An dépasse désormais 200 morts, selon les autorités locales.</p>',
  },
];

describe('feed pipeline on a local server: every case ends in a stored, explained state', () => {
  let server: FeedServer;
  const store = openSqliteStore(':memory:');
  const clock = new ManualClock(START);
  const sink = new LogSink();
  // The hanging feed times out after 2 s: short enough for a test, long enough that a loaded CI machine answers every other feed in time.
  const deps = {
    store,
    clock,
    log: createLogger('info', sink),
    http: createHttpFetcher({ allowPrivateNetworks: true, timeoutMs: 2_000, maxBytes: 200_000 }),
    stories: [],
  };
  const poller = new Poller(deps, { tick: '* * * * * *', concurrency: 8, perHostConcurrency: 8, perHostDelayMs: 0 });
  const feeds = new Map<string, FeedRecord>();

  beforeAll(async () => {
    server = await startFeedServer();
    const gb = iconv.encode(
      rss(
        [
          {
            title: '巴基斯坦和伊朗同意缓和局势',
            link: 'https://zh.example/1',
            date: 'Fri, 19 Jan 2024 21:23:59 GMT',
            html: '<p>巴基斯坦和伊朗周五同意缓和紧张局势并重新建立全面外交关系。</p>',
          },
        ],
        { encoding: 'gb2312' },
      ),
      'gb2312',
    );
    const routes: Record<string, Parameters<FeedServer['route']>[1]> = {
      '/ok.xml': staticFeed({ body: rss(okItems), etag: '"v1"' }),
      '/not-found': status(404),
      '/gone': status(410),
      '/rate-limited': status(429, { 'retry-after': '3600' }),
      '/server-error': status(500),
      '/timeout': hang(),
      '/loop-a': redirect('/loop-b'),
      '/loop-b': redirect('/loop-a'),
      '/oversized': oversized(400_000, false),
      '/gzip': encoded(rss([{ title: 'Gzip item', link: 'https://gz.example/1', html: '<p>Compressed body decoded.</p>' }]), 'gzip'),
      '/wrong-type': staticFeed({
        body: rss([{ title: 'Served as text/html', link: 'https://wt.example/1', html: '<p>Still a feed.</p>' }]),
        contentType: 'text/html',
      }),
      '/invalid.xml': staticFeed({ body: '<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><title>Cut off' }),
      '/empty.xml': staticFeed({ body: rss([]) }),
      '/gb2312.xml': staticFeed({ body: gb, contentType: 'application/xml' }),
      '/dup-guids.xml': staticFeed({
        body: rss([
          { title: 'First', guid: 'same-guid', html: '<p>One.</p>' },
          { title: 'Second', guid: 'same-guid', html: '<p>Two.</p>' },
        ]),
      }),
      '/no-link-no-date.xml': staticFeed({
        body: rss([
          { title: 'Nachricht ohne Link und ohne Datum', html: '<p>Die Meldung hat weder einen Link noch ein Datum, wird aber trotzdem gespeichert.</p>' },
          { html: '<p>Второй материал без заголовка, ссылки и даты всё равно сохраняется.</p>' },
        ]),
      }),
    };
    for (const [path, handler] of Object.entries(routes)) {
      server.route(path, handler);
      const added = await store.addFeed({ url: server.url(path), name: path, intervalSec: 600 }, START, { backfill: path !== '/ok.xml' });
      if (!added.ok) throw new Error(added.error.message);
      feeds.set(path, added.value);
    }
  });
  afterAll(async () => {
    await poller.stop();
    await server.close();
    await store.close();
  });

  const state = async (path: string) => {
    const feed = await store.getFeed(server.url(path));
    if (!feed) throw new Error(`no feed ${path}`);
    const items = await store.listItems({ feedId: feed.id });
    return { feed, items };
  };

  it('runs every feed in one pass without throwing', async () => {
    const reports = await poller.runDue();
    expect(reports).toHaveLength(feeds.size);
  });

  it.each([
    ['/not-found', 'FEED_HTTP_404'],
    ['/server-error', 'FEED_HTTP_500'],
    ['/timeout', 'FEED_TIMEOUT'],
    ['/loop-a', 'FEED_REDIRECT_LOOP'],
    ['/oversized', 'FEED_TOO_LARGE'],
    ['/invalid.xml', 'FEED_PARSE_ERROR'],
  ])('%s is stored as an explained error with backoff', async (path, code) => {
    const { feed } = await state(path);
    expect(feed).toMatchObject({ status: 'error', lastErrorCode: code, errorCount: 1 });
    expect(feed.lastError).toBeTruthy();
    expect(feed.nextCheckAt.getTime()).toBe(START.getTime() + 600_000);
    expect(sink.lines.some((l) => l.feed === server.url(path) && l.code === code && l.level === 40)).toBe(true);
  });

  it('honours Retry-After on 429 and waits a day after 410 Gone', async () => {
    expect((await state('/rate-limited')).feed).toMatchObject({ lastErrorCode: 'FEED_HTTP_429', nextCheckAt: new Date(START.getTime() + 3_600_000) });
    expect((await state('/gone')).feed).toMatchObject({ lastErrorCode: 'FEED_HTTP_410', nextCheckAt: new Date(START.getTime() + 86_400_000) });
  });

  it('records the first fetch of a feed as a baseline: stored, not passed on', async () => {
    const { feed, items } = await state('/ok.xml');
    expect(feed).toMatchObject({ status: 'ok', baselineDone: true, etag: '"v1"', errorCount: 0 });
    expect(items.map((i) => i.link).sort()).toEqual(['https://news.example/a', 'https://news.example/b']);
  });

  it('decodes gzip, accepts a feed served with the wrong content type, and stores an empty feed as ok', async () => {
    expect((await state('/gzip')).items.map((i) => i.title)).toEqual(['Gzip item']);
    expect((await state('/wrong-type')).items.map((i) => i.title)).toEqual(['Served as text/html']);
    const empty = await state('/empty.xml');
    expect(empty.feed.status).toBe('ok');
    expect(empty.items).toEqual([]);
  });

  it('decodes a gb2312 feed', async () => {
    const [item] = (await state('/gb2312.xml')).items;
    expect(item).toMatchObject({ title: '巴基斯坦和伊朗同意缓和局势', lang: 'zh' });
    expect(item?.text).toContain('重新建立全面外交关系');
  });

  it('keeps one item per guid and keeps items without link or date', async () => {
    expect((await state('/dup-guids.xml')).items).toHaveLength(1);
    const { items } = await state('/no-link-no-date.xml');
    expect(items).toHaveLength(2);
    expect(items.every((i) => i.published === null && i.link === null && i.key.startsWith('hash:'))).toBe(true);
    expect(items.map((i) => i.lang).sort()).toEqual(['de', 'ru']);
  });

  it('keeps running: the next pass uses validators, backs off failing feeds and passes only new items on', async () => {
    server.route(
      '/ok.xml',
      staticFeed({
        body: rss([
          {
            title: 'Islamabad talks announced',
            link: 'https://news.example/c',
            date: 'Sun, 28 Jan 2024 09:00:00 GMT',
            html: '<p>Foreign ministers will meet in Islamabad on Monday.</p>',
          },
          ...okItems,
        ]),
        etag: '"v2"',
      }),
    );
    clock.advance(600_000);
    const reports = await poller.runDue();
    const byPath = new Map(reports.map((r) => [new URL(r.feed.url).pathname, r]));
    expect(byPath.get('/ok.xml')?.newItems.map((i) => i.title)).toEqual(['Islamabad talks announced']);
    expect(byPath.has('/gone')).toBe(false);
    expect(byPath.has('/rate-limited')).toBe(false);
    expect((await state('/not-found')).feed.errorCount).toBe(2);
    expect((await state('/not-found')).feed.nextCheckAt.getTime()).toBe(clock.now().getTime() + 1_200_000);
    expect(server.requests.filter((r) => r.path === '/ok.xml').at(-1)?.headers['if-none-match']).toBe('"v1"');

    clock.advance(600_000);
    const third = await poller.runDue();
    expect(third.find((r) => r.feed.url.endsWith('/ok.xml'))?.outcome).toBe('not_modified');
  });

  it('marks a feed FAILING after three consecutive errors and logs it as an error', async () => {
    clock.advance(2_400_000);
    await poller.runDue();
    const { feed } = await state('/server-error');
    expect(feed.errorCount).toBe(3);
    expect(sink.lines.some((l) => l.feed === server.url('/server-error') && l.level === 50 && String(l.msg).includes('feed is failing'))).toBe(true);
  });
});

describe('adding a feed', () => {
  it('records the backlog as a baseline unless --backfill, and refuses what is not a feed', async () => {
    const server = await startFeedServer();
    const store = openSqliteStore(':memory:');
    const deps = { store, clock: new ManualClock(START), log: createLogger('silent'), http: createHttpFetcher({ allowPrivateNetworks: true }), stories: [] };
    try {
      server.route('/feed.xml', staticFeed({ body: rss(okItems) }));
      server.route(
        '/page.html',
        staticFeed({ body: '<!doctype html><html><head><title>Home</title></head><body><p>Welcome</p></body></html>', contentType: 'text/html' }),
      );
      server.route('/down', status(503, { 'retry-after': '30' }));
      const baseline = await addFeed({ url: server.url('/feed.xml'), name: 'a', intervalSec: 600 }, deps);
      expect(baseline.ok && [baseline.value.baselineItems, baseline.value.newItems.length]).toEqual([2, 0]);
      await store.purgeFeed(server.url('/feed.xml'));
      const backfill = await addFeed({ url: server.url('/feed.xml'), name: 'a', intervalSec: 600 }, deps, { backfill: true });
      expect(backfill.ok && backfill.value.newItems).toHaveLength(2);
      const page = await addFeed({ url: server.url('/page.html'), name: 'p', intervalSec: 600 }, deps);
      expect(page).toMatchObject({ ok: false, error: { code: 'FEED_NOT_A_FEED' } });
      expect(await store.getFeed(server.url('/page.html'))).toBeNull();
      const down = await addFeed({ url: server.url('/down'), name: 'd', intervalSec: 600 }, deps);
      expect(down.ok && down.value.error?.code).toBe('FEED_HTTP_503');
      expect((await store.getFeed(server.url('/down')))?.baselineDone).toBe(false);
      const dup = await addFeed({ url: server.url('/feed.xml'), name: 'again', intervalSec: 600 }, deps);
      expect(dup).toMatchObject({ ok: false, error: { code: 'FEED_EXISTS' } });
    } finally {
      await server.close();
      await store.close();
    }
  });
});
