import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCommand, type CommandServices } from '../commands/command.js';
import { findCommand } from '../commands/index.js';
import { parseCommandText } from '../src/adapters/slack/commands/parse-text.js';
import { loadConfig } from '../src/config/load.js';
import { createLogger } from '../src/core/logger.js';
import { buildOpml, parseOpml } from '../src/pipeline/parse/opml.js';
import { decodeBody } from '../src/pipeline/parse/decode.js';
import { startFeedServer, staticFeed, status, type FeedServer } from './fakes/feed-server.js';
import { runCli } from './helpers/cli.js';
import { DISCORD_TRANSPORTS, interactionPayload, startDiscordTransport, type DiscordTransport } from './helpers/discord-transports.js';
import { rss } from './helpers/rss.js';
import { seededServices } from './helpers/services.js';

const log = createLogger('silent');

// The shapes below follow the OPML files feed readers write, as miniflux's parser tests collect them
// (github.com/miniflux/v2, internal/reader/opml/parser_test.go): OPML 1.0 with folders, RSSOwl's
// nested sets, outlines with neither title nor text, a bare "&" in a URL, ISO-8859-1 files.
const RSSOWL = `<?xml version="1.0"?>
<opml xmlns:rssowl="http://www.rssowl.org" version="1.1">
  <head><title>RSSOwl Subscriptions</title><dateCreated>星期二, 26 四月 2022 00:12:04 CST</dateCreated></head>
  <body>
    <outline text="My Feeds" rssowl:isSet="true" rssowl:id="7">
      <outline text="Some Category" rssowl:isSet="false" rssowl:id="55">
        <outline type="rss" title="Feed 1" xmlUrl="http://example.org/feed1/" htmlUrl="http://example.org/1"></outline>
        <outline type="rss" title="Feed 2" xmlurl="http://example.org/feed2/" htmlUrl="http://example.org/2"></outline>
      </outline>
      <outline text="Another Category">
        <outline type="rss" title="NYT &gt; Business" xmlUrl="http://example.org/feed3/a&amp;b"></outline>
        <outline type="rss" title="Feed 1 again" xmlUrl="http://example.org/feed1/"></outline>
        <outline type="rss" title="A gopher" xmlUrl="gopher://example.org/feed"></outline>
        <outline xmlUrl="http://example.org/feed4/"/>
      </outline>
    </outline>
  </body>
</opml>`;

describe('OPML files', () => {
  it('reads the feeds of nested folders once each, with their names, and says what it skipped', () => {
    const parsed = parseOpml(RSSOWL);
    expect(parsed.ok && parsed.value.title).toBe('RSSOwl Subscriptions');
    expect(parsed.ok && parsed.value.feeds).toEqual([
      { url: 'http://example.org/feed1/', name: 'Feed 1', language: null, folders: ['My Feeds', 'Some Category'] },
      { url: 'http://example.org/feed2/', name: 'Feed 2', language: null, folders: ['My Feeds', 'Some Category'] },
      { url: 'http://example.org/feed3/a&b', name: 'NYT > Business', language: null, folders: ['My Feeds', 'Another Category'] },
      { url: 'http://example.org/feed4/', name: null, language: null, folders: ['My Feeds', 'Another Category'] },
    ]);
    expect(parsed.ok && parsed.value.skipped).toEqual([
      { outline: 'Feed 1 again', reason: 'listed twice' },
      { outline: 'A gopher', reason: 'not an http(s) URL: gopher://example.org/feed' },
    ]);
  });

  it('refuses what is not OPML, and an OPML that lists no feed, with a code', () => {
    expect(parseOpml('garbage')).toMatchObject({ ok: false, error: { code: 'OPML_INVALID' } });
    expect(parseOpml(rss([{ title: 'x' }]))).toMatchObject({ ok: false, error: { code: 'OPML_INVALID' } });
    expect(parseOpml('<opml version="2.0"><head/><body><outline text="Empty folder"/></body></opml>')).toMatchObject({
      ok: false,
      error: { code: 'OPML_EMPTY' },
    });
  });

  it('reads an ISO-8859-1 file in its declared encoding, and writes names that need escaping back unchanged', () => {
    const latin = iconv.encode(
      '<?xml version="1.0" encoding="ISO-8859-1"?><opml version="2.0"><body><outline text="Le Monde à la une" xmlUrl="https://www.lemonde.fr/rss/une.xml"/></body></opml>',
      'latin1',
    );
    const parsed = parseOpml(decodeBody(latin, null).text);
    expect(parsed.ok && parsed.value.feeds[0]?.name).toBe('Le Monde à la une');
    const names = [{ url: 'https://x.example/?a=1&b=2', name: 'Q&A <"quoted"> \'it\'', language: 'fr' }];
    const again = parseOpml(buildOpml(names, 'T & co', new Date('2024-01-16T00:00:00Z')));
    expect(again.ok && again.value).toMatchObject({ title: 'T & co', feeds: [{ url: names[0]?.url, name: names[0]?.name, language: 'fr' }] });
  });
});

describe('feeds import and export on the command line', () => {
  let server: FeedServer;
  let dir: string;
  const cli = (...args: string[]) => runCli(['--config', path.join(dir, 'config'), '--db', path.join(dir, 'sw.db'), '--allow-private-networks', ...args]);

  beforeAll(async () => {
    server = await startFeedServer();
    server.route('/world.xml', staticFeed({ body: rss([{ title: 'Pakistan recalls ambassador', link: 'https://x.example/1' }], { title: 'World' }) }));
    server.route('/gone.xml', status(404));
    server.route('/page.html', staticFeed({ body: '<html><body>not a feed</body></html>', contentType: 'text/html' }));
    dir = mkdtempSync(path.join(tmpdir(), 'storywatch-opml-'));
    mkdirSync(path.join(dir, 'config'));
    cpSync(path.join('config', 'stories'), path.join(dir, 'config', 'stories'), { recursive: true });
    cpSync(path.join('config', 'taxonomy'), path.join(dir, 'config', 'taxonomy'), { recursive: true });
    cpSync(path.join('config', 'feeds.yml'), path.join(dir, 'config', 'feeds.yml'));
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips the default feeds: export lists feeds.yml, importing it back changes nothing and fetches nothing', async () => {
    const exported = await cli('feeds', 'export', '--out', path.join(dir, 'default.opml'));
    expect(exported).toMatchObject({ code: 0, out: expect.stringMatching(/Wrote \d+ feed\(s\)/) });
    const parsed = parseOpml(readFileSync(path.join(dir, 'default.opml'), 'utf8'));
    const config = loadConfig({});
    if (!parsed.ok || !config.ok) throw new Error('unreadable');
    expect(parsed.value.feeds.map((f) => ({ url: f.url, name: f.name, language: f.language }))).toEqual(
      config.value.feeds.map((f) => ({ url: f.url, name: f.name ?? null, language: f.language ?? null })),
    );
    const before = server.requests.length;
    const imported = await cli('feeds', 'import', path.join(dir, 'default.opml'));
    expect(imported.code).toBe(0);
    expect(imported.out.match(/^exists /gm)).toHaveLength(config.value.feeds.length);
    expect(imported.out).toMatch(/Imported 0 of \d+ feed\(s\) from "storywatch feeds"/);
    expect(server.requests.length).toBe(before);
  });

  it('adds the new feeds of a file (fetched now, backlog as baseline), reports the ones it could not add, and audits it', async () => {
    const file = path.join(dir, 'desk.opml');
    const entries = [
      { url: server.url('/world.xml'), name: 'Local world', language: 'en' },
      { url: server.url('/gone.xml'), name: 'Gone', language: null },
      { url: server.url('/page.html'), name: 'A web page', language: null },
    ];
    writeFileSync(file, buildOpml(entries, 'Desk', new Date()));
    const first = await cli('feeds', 'import', file, '--interval', '15m');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(new RegExp(`^added +${server.url('/world.xml')}  #\\d+$`, 'm'));
    expect(first.out).toMatch(/^failed +\S+\/gone\.xml +FEED_NOT_FOUND|^failed +\S+\/gone\.xml .*server has no feed there/m);
    expect(first.out).toMatch(/^failed +\S+\/page\.html /m);
    expect(first.out).toMatch(/Imported 1 of 3 feed\(s\) from "Desk"/);
    const listed = JSON.parse((await cli('feeds', 'list', '--json')).out) as {
      url: string;
      name: string;
      language: string | null;
      intervalSec: number;
      items: number;
    }[];
    expect(listed.find((f) => f.url === server.url('/world.xml'))).toMatchObject({ name: 'Local world', language: 'en', intervalSec: 900, items: 1 });
    const audit = (await cli('audit', '--json')).out;
    expect(audit).toMatch(/"action": "feeds\.import"[\s\S]*1 added, 0 already watched, 2 not added/);
    const again = await cli('feeds', 'import', file);
    expect(again.out).toMatch(/^exists +\S+\/world\.xml$/m);
  });

  it('fails clearly on a file that is not OPML or cannot be read', async () => {
    writeFileSync(path.join(dir, 'bad.opml'), rss([]));
    expect(await cli('feeds', 'import', path.join(dir, 'bad.opml'))).toMatchObject({ code: 2, err: expect.stringMatching(/OPML_INVALID: not an OPML file/) });
    expect(await cli('feeds', 'import', path.join(dir, 'missing.opml'))).toMatchObject({ code: 2, err: expect.stringMatching(/OPML_UNREADABLE: cannot read/) });
  });
});

describe.each(DISCORD_TRANSPORTS)('/feeds import with an attached file, over Discord %s', (kind) => {
  let seeded: Awaited<ReturnType<typeof seededServices>>;
  let services: CommandServices;
  let t: DiscordTransport;
  let server: FeedServer;

  beforeAll(async () => {
    seeded = await seededServices();
    services = seeded.services;
    t = await startDiscordTransport(kind, { services, logger: log, deferAfterMs: 2000 });
    server = await startFeedServer();
    server.route('/a.xml', staticFeed({ body: rss([{ title: 'Iran and Pakistan agree to de-escalate', link: 'https://x.example/a' }], { title: 'Feed A' }) }));
    server.route('/b.xml', staticFeed({ body: rss([], { title: 'Feed B' }) }));
    // Discord's CDN serves the attachment; here the fake serves it on 127.0.0.1.
    server.route(
      '/attachments/1/2/feeds.opml',
      staticFeed({
        body: buildOpml(
          [
            { url: server.url('/a.xml'), name: 'A', language: null },
            { url: server.url('/b.xml'), name: 'B', language: 'ur' },
          ],
          'Desk',
          new Date(),
        ),
        contentType: 'text/x-opml',
      }),
    );
  });
  afterAll(async () => {
    await Promise.all([t.close(), server.close()]);
    await seeded.close();
  });

  /** `/feeds import file:<attachment>` as Discord sends it: the option holds the attachment's id, `resolved` its URL. */
  const importBody = (permissions: bigint) => {
    const attachment = {
      id: '1300000000000000001',
      filename: 'feeds.opml',
      size: 600,
      url: server.url('/attachments/1/2/feeds.opml'),
      proxy_url: server.url('/attachments/1/2/feeds.opml'),
      content_type: 'text/x-opml',
    };
    return interactionPayload(
      2,
      {
        name: 'feeds',
        options: [
          { name: 'action', type: 3, value: 'import' },
          { name: 'file', type: 11, value: attachment.id },
        ],
        resolved: { attachments: { [attachment.id]: attachment } },
      },
      'admin',
      permissions,
    );
  };
  const answerOf = async (body: { token: string }) => {
    const first = (await t.send(body)) as { type: number; data?: { embeds?: { description?: string }[] } };
    if (first.type !== 5) return first.data?.embeds?.[0]?.description ?? '';
    const thread = t.api.thread(body.token);
    await vi.waitFor(() => expect(thread.edits.length + thread.followUps.length).toBeGreaterThan(0), { timeout: 10_000 });
    const shown = (thread.followUps[0] ?? thread.edits[0]) as { embeds?: { description?: string }[] };
    return shown.embeds?.[0]?.description ?? '';
  };

  it('adds the feeds of the attached OPML for this server, and refuses members without Manage Server', async () => {
    expect(await answerOf(importBody(PermissionFlagsBits.SendMessages))).toMatch(/Manage Server/);
    const shown = await answerOf(importBody(PermissionFlagsBits.ManageGuild));
    expect(shown).toMatch(/2 feed\(s\) in "Desk": 2 added, 0 already watched, 0 not added, 0 skipped/);
    const owners = await services.store.listFeedOwners();
    const feeds = await services.store.listFeeds();
    const added = feeds.filter((f) => f.url.startsWith(server.url('/')));
    expect(added.map((f) => [f.name, f.language])).toEqual([
      ['A', null],
      ['B', 'ur'],
    ]);
    expect(owners.filter((o) => added.some((f) => f.id === o.feedId)).map((o) => o.tenantId)).toEqual(['555555555555555555', '555555555555555555']);
    expect(await answerOf(importBody(PermissionFlagsBits.ManageGuild))).toMatch(/0 added, 2 already watched/);
  });
});

describe('/feeds import on Slack', () => {
  it('takes the OPML link as the word after import, and answers a broken link with a clear message', async () => {
    const feeds = findCommand('feeds');
    if (!feeds) throw new Error('no /feeds');
    expect(parseCommandText(feeds, 'import https://files.example/desk.opml')).toEqual({
      ok: true,
      raw: { action: 'import', url: 'https://files.example/desk.opml' },
    });
    const seeded = await seededServices();
    const server = await startFeedServer();
    try {
      const ctx = { platform: 'slack' as const, userId: 'U1', channelId: 'C1', tenantId: 'T1', level: 'server-admin' as const, services: seeded.services };
      const reply = await runCommand(feeds, { action: 'import', url: server.url('/missing.opml') }, ctx);
      expect(reply.failure).toMatchObject({ code: 'OPML_FETCH_FAILED' });
      expect(reply.lines.join('\n')).toMatch(/could not download the OPML file: FEED_HTTP_404/);
      expect(reply.lines.join('\n')).not.toMatch(/\bat \S+\.ts:\d+/);
    } finally {
      await server.close();
      await seeded.close();
    }
  });
});
