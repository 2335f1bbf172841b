import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatFeedTable } from '../src/cli/feed-table.js';
import { ManualClock } from '../src/core/clock.js';
import { createLogger } from '../src/core/logger.js';
import { createHttpFetcher } from '../src/pipeline/fetch/http-fetcher.js';
import { processItem } from '../src/pipeline/process-item.js';
import { runFeed } from '../src/pipeline/run-feed.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { startFeedServer, staticFeed, status, type FeedServer } from './fakes/feed-server.js';
import { runCli } from './helpers/cli.js';
import { rss } from './helpers/rss.js';
import { bundledStory, seedItems } from './helpers/stories.js';

interface TimelineJson {
  timeline: { date: string; label: string; sources: string[]; languages: string[] }[];
}

describe('nothing destroyed: feed removal, purge, feeds.yml and gone feeds', () => {
  let server: FeedServer;
  let dir: string;
  const config = () => path.join(dir, 'config');
  const cli = (...args: string[]) => runCli(['--config', config(), '--db', path.join(dir, 'sw.db'), ...args]);
  const polls = (route: string) => server.requests.filter((r) => r.path === route).length;

  beforeAll(async () => {
    server = await startFeedServer();
    server.route(
      '/local.xml',
      staticFeed({ body: rss([{ title: 'Pakistan recalls its ambassador from Tehran', link: 'https://news.example/recall', html: '<p>Recalled.</p>' }]) }),
    );
    dir = mkdtempSync(path.join(tmpdir(), 'storywatch-lifecycle-'));
    mkdirSync(path.join(config(), 'stories'), { recursive: true });
    writeFileSync(path.join(config(), 'storywatch.yml'), 'fetch:\n  allowPrivateNetworks: true\n  timeoutMs: 2000\n');
    copyFileSync(path.join('config', 'stories', 'iran-pakistan-2024.yml'), path.join(config(), 'stories', 'iran-pakistan-2024.yml'));
    // The seed replay, into the database the CLI then works on.
    const store = openSqliteStore(path.join(dir, 'sw.db'));
    const story = bundledStory('iran-pakistan-2024');
    const feed = await store.addFeed({ url: 'https://seeds.example/feed', name: 'Seeds', intervalSec: 600 }, new Date());
    if (!feed.ok) throw new Error(feed.error.message);
    const order = ['000', '001', '003', '004', '002'];
    for (const seed of seedItems().sort((a, b) => order.indexOf(a.file.slice(0, 3)) - order.indexOf(b.file.slice(0, 3)))) {
      await processItem(seed, feed.value.id, [story], { store, log: createLogger('silent'), now: new Date() });
    }
    await store.close();
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('removing the seed feed keeps every development with its sources, and ask still answers; purge needs --yes', async () => {
    const timeline = async () => JSON.parse((await cli('timeline', '--json')).out) as TimelineJson;
    // Commands that only read run side by side; each write waits for what comes before it.
    const [before, died] = await Promise.all([timeline(), cli('ask', 'how many people died?')]);
    expect(before.timeline).toHaveLength(5);
    expect(before.timeline.every((d) => d.sources.length > 0)).toBe(true);
    expect(died.code).toBe(0);
    expect(died.out).toMatch(/\d/);
    expect(died.out).toMatch(/\(from D\d/);

    const removed = await cli('feeds', 'remove', '1');
    expect(removed).toMatchObject({ code: 0, err: '' });
    expect(removed.out).toContain('Removed feed #1 "Seeds" (https://seeds.example/feed): no longer polled; its 5 item(s) stay as sources of the timeline');
    const [afterRemoval, diedAfter, list, listJson, removedAgain] = await Promise.all([
      timeline(),
      cli('ask', 'how many people died?'),
      cli('feeds', 'list'),
      cli('feeds', 'list', '--json'),
      cli('feeds', 'remove', '1'),
    ]);
    expect(afterRemoval).toEqual(before);
    expect(diedAfter.out).toBe(died.out);
    expect(list.out).toMatch(/\n1\s+Seeds\s+removed\s+0\s/);
    expect(JSON.parse(listJson.out)).toMatchObject([{ id: 1, state: 'removed', items: 5, removedAt: expect.any(String) }]);
    expect(removedAgain).toMatchObject({ code: 1, err: expect.stringContaining('FEED_NOT_FOUND') });

    const unconfirmed = await cli('feeds', 'purge', '1');
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.err).toContain('FEED_PURGE_UNCONFIRMED: this would delete feed #1 "Seeds" (https://seeds.example/feed, removed) and its 5 item(s)');
    expect(unconfirmed.err).toContain('Nothing was deleted');
    const [afterRefusal, auditJson, lastAudit] = await Promise.all([timeline(), cli('audit', '--json'), cli('audit', '--limit', '1')]);
    expect(afterRefusal).toEqual(before);

    const audit = JSON.parse(auditJson.out) as {
      platform: string;
      userId: string;
      action: string;
      outcome: string;
      tenantId: string | null;
    }[];
    expect(audit.map((e) => [e.platform, e.action, e.outcome, e.tenantId])).toEqual([
      ['cli', 'feeds.purge', 'refused', null],
      ['cli', 'feeds.remove', 'refused', null],
      ['cli', 'feeds.remove', 'ok', null],
    ]);
    expect(audit[0]?.userId).toMatch(/\S/);
    expect(lastAudit.out.trim().split('\n')).toEqual([
      expect.stringMatching(/^\S+Z {2}cli {2}\S+ {2}feeds\.purge {2}feed #1 https:\/\/seeds\.example\/feed {2}REFUSED {2}FEED_PURGE_UNCONFIRMED/),
    ]);

    expect(await cli('feeds', 'purge', '1', '--yes')).toMatchObject({ code: 0, out: expect.stringContaining('Purged feed #1') });
    const [afterPurge, listAfterPurge] = await Promise.all([timeline(), cli('feeds', 'list', '--json')]);
    expect(afterPurge.timeline.map((d) => d.sources.length)).toEqual([0, 0, 0, 0, 0]);
    expect(listAfterPurge.out.trim()).toBe('[]');
  }, 240_000);

  it('pauses a feed dropped from feeds.yml (listed as such, not polled) and resumes it when it comes back', async () => {
    const listed = `feeds:\n  - url: ${server.url('/local.xml')}\n    name: Local\n`;
    writeFileSync(path.join(config(), 'feeds.yml'), listed);
    expect((await cli('run', '--once')).out).toContain('Local');
    expect(polls('/local.xml')).toBe(1);

    writeFileSync(path.join(config(), 'feeds.yml'), 'feeds: []\n');
    expect((await cli('feeds', 'list')).out).toMatch(/Local\s+paused:FEED_NOT_IN_CONFIG\s/);
    await cli('run', '--once');
    expect(polls('/local.xml')).toBe(1);

    writeFileSync(path.join(config(), 'feeds.yml'), listed);
    await cli('run', '--once');
    expect(polls('/local.xml')).toBe(2);
    expect((await cli('feeds', 'list')).out).toMatch(/Local\s+(ok|not_modified)\s/);

    // Gone: paused at once, kept paused by feeds.yml, polled again after `feeds resume`.
    server.route('/local.xml', status(410));
    await cli('run', '--once');
    expect(polls('/local.xml')).toBe(3);
    const list = (await cli('feeds', 'list')).out;
    expect(list).toMatch(/Local\s+paused:FEED_HTTP_410\s/);
    expect(list).toContain('↳ FEED_HTTP_410: HTTP 410');
    await cli('run', '--once');
    expect(polls('/local.xml')).toBe(3);
    const id = /\n(\d+)\s+Local\s/.exec(list)?.[1] ?? '?';
    expect(await cli('feeds', 'resume', id)).toMatchObject({ code: 0, out: expect.stringContaining(`Resumed feed #${id} "Local"`) });
    await cli('run', '--once');
    expect(polls('/local.xml')).toBe(4);
  }, 240_000);
});

describe('feeds that are gone', () => {
  let server: FeedServer;
  beforeAll(async () => {
    server = await startFeedServer();
    server.route('/gone', status(410));
    server.route('/missing', status(404));
  });
  afterAll(async () => {
    await server.close();
  });

  const setup = () => {
    const store = openSqliteStore(':memory:');
    const clock = new ManualClock(new Date('2024-01-20T00:00:00Z'));
    const deps = {
      store,
      clock,
      log: createLogger('silent'),
      http: createHttpFetcher({ allowPrivateNetworks: true, timeoutMs: 2000 }),
      stories: [],
      pauseAfterNotFound: 3,
    };
    return { store, clock, deps };
  };

  it('pauses a feed answering 410 Gone at once, with the code shown in feeds list, and stops polling it', async () => {
    const { store, deps } = setup();
    const added = await store.addFeed({ url: server.url('/gone'), name: 'Gone', intervalSec: 600 }, deps.clock.now());
    if (!added.ok) throw new Error(added.error.code);
    await runFeed(added.value, deps);
    const feed = await store.getFeed(added.value.id);
    expect(feed).toMatchObject({ state: 'paused', pausedReason: 'FEED_HTTP_410', lastErrorCode: 'FEED_HTTP_410' });
    expect(await store.dueFeeds(new Date('2030-01-01T00:00:00Z'))).toEqual([]);
    const table = formatFeedTable(feed ? [feed] : [], new Map());
    expect(table).toMatch(/Gone\s+paused:FEED_HTTP_410\s/);
    expect(table).toContain('↳ FEED_HTTP_410: HTTP 410');
    await store.close();
  });

  it('pauses a feed after the configured number of consecutive 404s; any other answer starts the count again', async () => {
    const { store, deps } = setup();
    const added = await store.addFeed({ url: server.url('/missing'), name: 'Missing', intervalSec: 600 }, deps.clock.now());
    if (!added.ok) throw new Error(added.error.code);
    const poll = async () => runFeed((await store.getFeed(added.value.id))!, deps);
    await poll();
    await poll();
    expect(await store.getFeed(added.value.id)).toMatchObject({ state: 'active', notFoundCount: 2 });
    server.route('/missing', status(503));
    await poll();
    expect(await store.getFeed(added.value.id)).toMatchObject({ state: 'active', notFoundCount: 0 });
    server.route('/missing', status(404));
    await poll();
    await poll();
    expect((await store.getFeed(added.value.id))?.state).toBe('active');
    await poll();
    expect(await store.getFeed(added.value.id)).toMatchObject({ state: 'paused', pausedReason: 'FEED_HTTP_404', notFoundCount: 3 });
    await store.close();
  });
});
