import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSeedArticles } from '../src/demo/seed-articles.js';
import { startSeedFeedServer, type SeedFeedServer } from '../src/demo/seed-feed-server.js';
import { startDiscordServer, type DiscordServer } from './fakes/discord-server.js';
import { startSlackServer, type SlackServer } from './fakes/slack-server.js';
import { runCli } from './helpers/cli.js';

const DISCORD_CHANNEL = '112233445566778899';
const SLACK_CHANNEL = 'C0STORYWATCH';

/** The operator check of issue 6: seeds published one by one, `run --once` after each, then `digest --now`. */
describe('alerts and digests reach Discord and Slack exactly once', () => {
  let feeds: SeedFeedServer;
  let discord: DiscordServer;
  let slack: SlackServer;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const cli = (...args: string[]) => runCli(['--config', path.join(dir, 'config'), '--db', path.join(dir, 'sw.db'), ...args], env);

  beforeAll(async () => {
    feeds = await startSeedFeedServer(loadSeedArticles(path.join('test', 'fixtures', 'seeds')));
    discord = await startDiscordServer({ channels: [DISCORD_CHANNEL] });
    slack = await startSlackServer({ channels: [SLACK_CHANNEL] });
    dir = mkdtempSync(path.join(tmpdir(), 'storywatch-delivery-'));
    mkdirSync(path.join(dir, 'config'));
    cpSync(path.join('config', 'stories'), path.join(dir, 'config', 'stories'), { recursive: true });
    writeFileSync(path.join(dir, 'config', 'storywatch.yml'), 'fetch:\n  allowPrivateNetworks: true\n');
    env = { DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl, SLACK_BOT_TOKEN: slack.token, SLACK_API_URL: slack.apiUrl };
  });
  afterAll(async () => {
    await Promise.all([feeds.close(), discord.close(), slack.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('subscribes, adds the empty feed, and delivers two alerts per channel as the seeds arrive', async () => {
    const story = ['--story', 'iran-pakistan-2024'];
    expect(await cli('subscribe', '--platform', 'discord', '--channel', DISCORD_CHANNEL, ...story, '--digest', '08:00', '--tz', 'Asia/Karachi')).toMatchObject({
      code: 0,
    });
    expect(await cli('subscribe', '--platform', 'slack', '--channel', SLACK_CHANNEL, ...story, '--digest', '09:30', '--tz', 'Europe/Paris')).toMatchObject({
      code: 0,
    });
    expect((await cli('feeds', 'add', feeds.feedUrl, '--name', 'Seeds')).out).toContain('Baseline: 0 item(s)');
    for (let next = feeds.releaseNext(); next; next = feeds.releaseNext()) {
      const r = await cli('run', '--once');
      expect(r.code, r.err).toBe(0);
    }
    const discordAlerts = discord.messages(DISCORD_CHANNEL);
    const slackAlerts = slack.messages(SLACK_CHANNEL);
    expect(discordAlerts).toHaveLength(2);
    expect(slackAlerts).toHaveLength(2);
    const dates = (text: string) => [...new Set(text.match(/2024-01-\d\d/g) ?? [])].sort();
    expect(dates(JSON.stringify(discordAlerts[0]?.embeds))).toEqual(expect.arrayContaining(['2024-01-16', '2024-01-17', '2024-01-18', '2024-01-19']));
    expect(dates(JSON.stringify(discordAlerts[1]?.embeds))).toContain('2024-01-29');
    expect(dates(JSON.stringify(slackAlerts[0]?.blocks))).toEqual(expect.arrayContaining(['2024-01-16', '2024-01-17', '2024-01-18', '2024-01-19']));
    expect(discordAlerts.every((m) => JSON.stringify(m.allowed_mentions) === '{"parse":[]}')).toBe(true);
    expect(slackAlerts.every((m) => m.unfurl_links === false)).toBe(true);
  }, 90_000);

  it('sends one digest per channel on demand, listing the five developments', async () => {
    const r = await cli('digest', '--now');
    expect(r.out, r.err).toContain('Digest: 2 queued; 2 sent');
    const digest = discord.messages(DISCORD_CHANNEL).at(-1);
    expect(discord.messages(DISCORD_CHANNEL)).toHaveLength(3);
    // The digest's chart is a reply in its thread (decision 031), not a message of the channel.
    const [slackDigest, chart, ...more] = slack.messages(SLACK_CHANNEL).slice(2);
    expect(more).toHaveLength(0);
    expect(chart).toMatchObject({ thread_ts: slackDigest?.ts, files: [{ name: 'sources.png' }] });
    expect(
      discord
        .messages(DISCORD_CHANNEL)
        .at(-1)
        ?.attachments.map((a) => a.filename),
    ).toEqual(['sources.png']);
    const text = JSON.stringify(digest);
    for (const day of ['2024-01-16', '2024-01-17', '2024-01-18', '2024-01-19', '2024-01-29']) expect(text).toContain(day);
    const list = await cli('subscriptions', 'list');
    expect(list.out).toMatch(/#1 discord 112233445566778899 → iran-pakistan-2024: alerts on, digest 08:00 Asia\/Karachi, active/);
  }, 120_000);

  it('refuses bad subscriptions with the option and what was expected', async () => {
    const bad = await cli(
      'subscribe',
      '--platform',
      'discord',
      '--channel',
      'general',
      '--story',
      'iran-pakistan-2024',
      '--digest',
      '25:00',
      '--tz',
      'Mars/Olympus',
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('SUBSCRIPTION_INVALID');
    expect(bad.err).toContain('--digest: expected a local time such as 08:00');
    expect(bad.err).toContain('--tz: expected an IANA time zone such as Asia/Karachi');
    expect(bad.err).toContain('--channel: a Discord channel id is a number of 17–20 digits');
    const nothing = await cli('subscribe', '--platform', 'slack', '--channel', SLACK_CHANNEL, '--story', 'iran-pakistan-2024', '--no-alerts');
    expect(nothing.err).toContain('--alerts: with --no-alerts, give --digest');
    expect((await cli('subscribe', '--platform', 'teams', '--channel', 'x', '--story', 'iran-pakistan-2024')).err).toContain(
      '--platform: expected discord or slack',
    );
    expect((await cli('unsubscribe', '--platform', 'slack', '--channel', 'C0NOTHERE')).err).toContain('SUBSCRIPTION_NOT_FOUND');
  }, 120_000);

  it('says a platform is off without its token, and keeps its messages waiting', async () => {
    const r = await runCli(
      [
        '--config',
        path.join(dir, 'config'),
        '--db',
        path.join(dir, 'sw.db'),
        'subscribe',
        '--platform',
        'slack',
        '--channel',
        'C0OTHERCHAN',
        '--story',
        'iran-pakistan-2024',
      ],
      {},
    );
    expect(r.out).toContain('Note: slack delivery is off until its token is set; messages wait in the outbox.');
  }, 120_000);
});
