import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand, type CommandContext, type CommandServices } from '../commands/command.js';
import { COMMANDS, findCommand } from '../commands/index.js';
import { seededServices } from './helpers/services.js';
import { startFeedServer, staticFeed, type FeedServer } from './fakes/feed-server.js';
import { rss } from './helpers/rss.js';

describe('slash commands, platform-neutral', () => {
  let services: CommandServices;
  let close: () => Promise<void>;
  let feeds: FeedServer;
  const ctx = (over: Partial<CommandContext> = {}): CommandContext => ({
    platform: 'slack',
    userId: 'U1',
    channelId: 'C0NEWS',
    tenantId: 'T0TEAM',
    level: 'member',
    services,
    ...over,
  });
  const run = (name: string, raw: Record<string, unknown>, over: Partial<CommandContext> = {}) => runCommand(findCommand(name)!, raw, ctx(over));

  beforeAll(async () => {
    ({ services, close } = await seededServices());
    feeds = await startFeedServer();
    feeds.route('/feed.xml', staticFeed({ body: rss([{ title: 'Pakistan and Iran hold talks', link: 'https://news.example/talks', html: '<p>Talks.</p>' }]) }));
  });
  afterAll(async () => {
    await close();
    await feeds.close();
  });

  it('defines each command once with a description and typed options', () => {
    expect(COMMANDS.map((c) => c.name)).toEqual(['timeline', 'ask', 'story', 'subscribe', 'unsubscribe', 'alert-options', 'feeds', 'digest']);
    for (const c of COMMANDS) {
      expect(c.description.length).toBeGreaterThan(0);
      expect(c.description.length).toBeLessThanOrEqual(100);
    }
  });

  it('/timeline lists the five dated developments, ephemeral unless shared, and filters by dates', async () => {
    const r = await run('timeline', {});
    expect(r.ephemeral).toBe(true);
    expect(r.lines.map((l) => l.slice(0, 10))).toEqual(['2024-01-16', '2024-01-17', '2024-01-18', '2024-01-19', '2024-01-29']);
    expect((await run('timeline', { share: true })).ephemeral).toBe(false);
    expect((await run('timeline', { from: '2024-01-18', to: '2024-01-19' })).lines).toHaveLength(2);
    expect((await run('timeline', { from: '18/01/2024' })).lines[0]).toContain('from: expected a date like 2024-01-16');
    expect((await run('timeline', { story: 'nope' })).lines[0]).toMatch(/Unknown story "nope"; configured: iran-pakistan-2024/);
  });

  it('/ask answers from the timeline, and refuses an empty or a 2,000-character question', async () => {
    expect((await run('ask', { question: 'when did Pakistan strike Iran?' })).lines[0]).toMatch(
      /^2024-01-18 — military strike: Pakistan → Iran \(D\d+; \d+ sources in /,
    );
    expect((await run('ask', { question: '' })).lines[0]).toContain('question: ask a question of at least 3 characters');
    expect((await run('ask', { question: 'x'.repeat(2000) })).lines[0]).toContain('at most 500 characters');
  });

  it('/story gives the state and the status', async () => {
    const r = await run('story', {});
    expect(r.lines).toEqual([
      'State: quiet since 2024-01-29',
      expect.stringMatching(/^Feeds watched: 1/),
      'Items matched: 5',
      expect.stringMatching(/^Developments: 5; last: 2024-01-29/),
      expect.stringMatching(/^Last fetch: /),
    ]);
  });

  it('/subscribe and /unsubscribe act on the current channel', async () => {
    const admin = { level: 'channel-admin' } as const;
    expect((await run('subscribe', { what: 'alerts' }, admin)).lines[0]).toContain('alerts on, no digest');
    expect((await run('subscribe', { what: 'digest', time: '07:30', tz: 'Asia/Karachi' }, admin)).lines[0]).toContain(
      'alerts on, daily digest at 07:30 Asia/Karachi',
    );
    expect((await run('subscribe', { what: 'digest', tz: 'Mars/Base' }, admin)).lines[0]).toContain('tz: expected an IANA time zone');
    expect((await services.store.listSubscriptions()).map((s) => [s.platform, s.channelId, s.alerts, s.digestTime, s.tenantId])).toEqual([
      ['slack', 'C0NEWS', true, '07:30', 'T0TEAM'],
    ]);
    expect((await run('unsubscribe', {}, admin)).lines[0]).toContain('no longer follows');
    expect((await run('unsubscribe', {}, admin)).lines[0]).toContain('followed no such story');
  });

  it('/feeds and /digest are for admins only', async () => {
    expect((await run('feeds', { action: 'list' })).title).toBe('Not allowed');
    expect((await run('digest', { action: 'now' }, { platform: 'discord' })).lines[0]).toContain('Manage Server permission');
    const admin = { level: 'server-admin' } as const;
    expect((await run('feeds', { action: 'list' }, admin)).lines[0]).toBe('No feeds for this server yet. Add one with /feeds add <url>.');
    expect((await run('feeds', { action: 'list' }, { level: 'operator' })).lines[0]).toMatch(
      /^#1 Seeds · new · every 10m · https:\/\/seeds.example\/feed · operator$/,
    );
    expect((await run('feeds', { action: 'add', url: 'ftp://x' }, admin)).lines[0]).toContain('url: expected an http(s) URL');
    const added = await run('feeds', { action: 'add', url: feeds.url('/feed.xml'), name: 'Local' }, admin);
    expect(added.lines[0]).toMatch(/^#2 Local: 1 item\(s\) recorded as a baseline/);
    expect((await run('feeds', { action: 'remove', url: '2' }, admin)).title).toBe('Feed removed');
    expect((await run('digest', { action: 'now' }, admin)).lines[0]).toContain('follows no story');
  });
});
