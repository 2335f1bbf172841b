import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeedServer, staticFeed, status, type FeedServer } from './fakes/feed-server.js';
import { runCli } from './helpers/cli.js';
import { rss } from './helpers/rss.js';

const CLI = [path.resolve('dist/src/cli.js')];
const first = [
  {
    title: 'Pakistan recalls its ambassador from Tehran',
    link: 'https://news.example/recall',
    date: 'Wed, 17 Jan 2024 15:00:00 GMT',
    html: '<p>Pakistan recalled its ambassador from Tehran on Wednesday.</p>',
  },
];

describe('storywatch CLI', () => {
  let server: FeedServer;
  let dir: string;
  /** Runs the CLI without blocking this process, which serves the feeds it fetches. */
  const cli = (...args: string[]) => runCli(['--config', path.join(dir, 'config'), '--db', path.join(dir, 'sw.db'), ...args]);

  beforeAll(async () => {
    server = await startFeedServer();
    server.route('/feed.xml', staticFeed({ body: rss(first), etag: '"1"' }));
    server.route('/broken', status(500));
    dir = mkdtempSync(path.join(tmpdir(), 'storywatch-cli-'));
    mkdirSync(path.join(dir, 'config'));
    writeFileSync(path.join(dir, 'config', 'storywatch.yml'), 'fetch:\n  allowPrivateNetworks: true\n  timeoutMs: 2000\n');
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds a feed and records its backlog as a baseline', async () => {
    const r = await cli('feeds', 'add', server.url('/feed.xml'), '--name', 'Local news', '--interval', '15m');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Added feed #1 "Local news" (${server.url('/feed.xml')}), polled every 15m.`);
    expect(r.out).toContain('Baseline: 1 item(s) already in the feed recorded');
  });

  it('refuses a duplicate, a bad interval and a non-http URL with clear errors', async () => {
    // Refusals add nothing: they run side by side.
    const [duplicate, interval, scheme] = await Promise.all([
      cli('feeds', 'add', server.url('/feed.xml')),
      cli('feeds', 'add', server.url('/other'), '--interval', 'soon'),
      cli('feeds', 'add', 'ftp://example.org/feed'),
    ]);
    expect(duplicate).toMatchObject({ code: 1, err: expect.stringContaining('FEED_EXISTS') });
    expect(interval).toMatchObject({
      code: 2,
      err: expect.stringContaining('--interval: expected a duration'),
    });
    expect(scheme).toMatchObject({ code: 2, err: expect.stringContaining('--url: expected an http(s) URL') });
  });

  it('adds a failing feed and shows its state in feeds list', async () => {
    expect(await cli('feeds', 'add', server.url('/broken'), '--name', 'Broken')).toMatchObject({
      code: 0,
      out: expect.stringContaining('First fetch failed (FEED_HTTP_500'),
    });
    const list = await cli('feeds', 'list');
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/1\s+Local news\s+ok\s+0\s+\S+\s+\S+\s+15m\s+1\s+http/);
    expect(list.out).toMatch(/2\s+Broken\s+retrying\s+1\s/);
    expect(list.out).toContain('↳ FEED_HTTP_500: HTTP 500');
    const json = JSON.parse((await cli('feeds', 'list', '--json')).out) as { name: string; errorCount: number; items: number }[];
    expect(json.map((f) => [f.name, f.errorCount, f.items])).toEqual([
      ['Local news', 0, 1],
      ['Broken', 1, 0],
    ]);
  });

  it('run --once passes only new items on, and skips a feed backing off', async () => {
    server.route(
      '/feed.xml',
      staticFeed({
        body: rss([
          {
            title: 'Pakistan strikes militant hideouts in Iran',
            link: 'https://news.example/strike',
            html: '<p>Pakistan carried out strikes on Thursday.</p>',
          },
          ...first,
        ]),
        etag: '"2"',
      }),
    );
    const r = await cli('run', '--once');
    expect(r.code).toBe(0);
    expect(r.out).toContain('#1 Local news: 2 in feed, 1 new');
    expect(r.out).not.toContain('Broken');
    expect((await cli('run', '--once')).out).toContain('#1 Local news: not modified');
    expect((await cli('run', '--once', '--due-only')).out).toContain('No feed was due.');
  });

  it('removes feeds by id or URL and reports unknown ones', async () => {
    expect(await cli('feeds', 'remove', '2')).toMatchObject({ code: 0, out: expect.stringContaining('Removed feed #2 "Broken"') });
    expect(await cli('feeds', 'remove', server.url('/nope'))).toMatchObject({ code: 1, err: expect.stringContaining('FEED_NOT_FOUND') });
  });

  it('stops with the file and field on invalid configuration', async () => {
    const bad = path.join(dir, 'bad-config');
    mkdirSync(bad);
    writeFileSync(path.join(bad, 'schedules.yml'), 'poll:\n  concurrency: 0\n');
    const r = spawnSync(process.execPath, [...CLI, '--config', bad, 'feeds', 'list'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`CONFIG_INVALID:\n${path.join(bad, 'schedules.yml')}: poll.concurrency: Too small`);
  });

  it('run drains and exits cleanly on SIGTERM', async () => {
    server.route('/slow.xml', (_req, res) => setTimeout(() => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(first)), 800));
    writeFileSync(path.join(dir, 'config', 'feeds.yml'), `feeds:\n  - url: ${server.url('/slow.xml')}\n    name: Slow\n`);
    const child = spawn(process.execPath, [...CLI, '--config', path.join(dir, 'config'), '--db', path.join(dir, 'sw.db'), '--log-level', 'info', 'run'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (server.requests.some((r) => r.path === '/slow.xml')) {
          clearInterval(poll);
          resolve();
        }
      }, 20);
    });
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(stderr).toContain('draining in-flight feeds');
    expect(stderr).toMatch(/"feed":"[^"]*slow\.xml".*feed baseline recorded/);
    expect(stderr).toContain('"msg":"stopped"');
  });

  it('runs the offline demo end to end', async () => {
    const r = spawnSync(process.execPath, [...CLI, 'demo'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    const langs = [...r.stdout.matchAll(/language (\w+) \(/g)].map((m) => m[1]);
    expect(langs).toEqual(['vi', 'en', 'en', 'zh', 'ar']);
    expect(r.stdout.match(/story iran-pakistan-2024: MATCH \(score (?:0\.\d+|1\.00)\)\n {6}sides: Iran \(title: /g)).toHaveLength(5);
    expect(r.stdout.match(/story nagorno-karabakh-2023: no match/g)).toHaveLength(5);
    expect(r.stdout).toContain('Done: 5 items fetched, normalized and stored; 5 in the database; 5 matched a story; 2 new-development alerts.');
    expect(r.stdout.match(/🔔 NEW DEVELOPMENT: (\S+)/g)).toEqual(['🔔 NEW DEVELOPMENT: 2024-01-19', '🔔 NEW DEVELOPMENT: 2024-01-29']);
    expect(r.stdout.match(/^2024-01-\d\d {2}D\d/gm)).toEqual(['2024-01-16  D1', '2024-01-17  D2', '2024-01-18  D3', '2024-01-19  D4', '2024-01-29  D5']);
    expect(r.stdout).toContain('One more poll with nothing new: not_modified');
  });
});
