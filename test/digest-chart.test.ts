import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordSender } from '../src/adapters/discord/discord-sender.js';
import { createSlackSender } from '../src/adapters/slack/slack-sender.js';
import { loadConfig } from '../src/config/load.js';
import type { StoryConfig } from '../src/config/story-schema.js';
import { createLogger } from '../src/core/logger.js';
import { loadSeedArticles } from '../src/demo/seed-articles.js';
import { startSeedFeedServer, type SeedFeedServer } from '../src/demo/seed-feed-server.js';
import { digestMessage } from '../src/delivery/build-message.js';
import { renderPng } from '../src/delivery/chart-png.js';
import { sourcesChartSvg } from '../src/delivery/chart-svg.js';
import { localeFor } from '../src/delivery/locale/locale.js';
import { withDigestChart } from '../src/delivery/digest-chart.js';
import type { OutboundMessage } from '../src/delivery/message.js';
import { sourcesPerDay, type SourcesPerDay } from '../src/queries/sources-per-day.js';
import { storyDevelopments } from '../src/queries/story-developments.js';
import type { Store } from '../src/store/ports.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { startDiscordServer, type DiscordServer } from './fakes/discord-server.js';
import { startSlackServer, type SlackServer } from './fakes/slack-server.js';
import { runCli } from './helpers/cli.js';

const DISCORD_CHANNEL = '112233445566778899';
const SLACK_CHANNEL = 'C0STORYWATCH';
const STORY = 'iran-pakistan-2024';
const GOLD_DAYS = ['2024-01-16', '2024-01-17', '2024-01-18', '2024-01-19', '2024-01-29'];
/** Set STORYWATCH_SCREENSHOTS=1 to refresh docs/screenshots/digest-chart.png from this run. */
const SHOTS = process.env.STORYWATCH_SCREENSHOTS === '1' ? 'docs/screenshots' : null;

/** A PNG's size from its IHDR, after checking the signature and that its IDAT data inflates to exactly that many RGBA rows. */
function decodePng(png: Buffer): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const [depth, colour] = [png[24], png[25]];
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    if (png.subarray(at + 4, at + 8).toString('latin1') === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const channels = { 2: 3, 6: 4 }[colour as 2 | 6];
  expect(depth).toBe(8);
  expect(channels).toBeDefined();
  expect(inflateSync(Buffer.concat(idat)).length).toBe(height * (1 + width * (channels ?? 0)));
  return { width, height };
}

/** Log lines at warn level and above, parsed. */
function capturedLog() {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger('warn', { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { log, lines };
}

/** The (day, language) pairs with sources: one bar segment each. */
function segmentsOf(data: SourcesPerDay): string[] {
  return data.days.flatMap((day, i) => data.series.filter((s) => (s.counts[i] ?? 0) > 0).map((s) => `${day}|${s.language}|${s.counts[i] ?? 0}`));
}

/** Issue 15 item 6: the daily digest carries the story's sources-per-day chart as a PNG, on Discord and Slack. */
describe('the digest chart', () => {
  let feeds: SeedFeedServer;
  let discord: DiscordServer;
  let slack: SlackServer;
  let dir: string;
  let story: StoryConfig;
  const cli = (...args: string[]) =>
    runCli(['--config', path.join(dir, 'config'), '--db', path.join(dir, 'sw.db'), ...args], {
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.apiUrl,
      SLACK_BOT_TOKEN: slack.token,
      SLACK_API_URL: slack.apiUrl,
    });
  /** The store the CLI wrote, read in this process (open it only between CLI runs). */
  const withStore = async <T>(use: (store: Store) => Promise<T>): Promise<T> => {
    const store = openSqliteStore(path.join(dir, 'sw.db'));
    try {
      return await use(store);
    } finally {
      await store.close();
    }
  };
  const digestOf = (store: Store): Promise<OutboundMessage> =>
    digestMessage(store, story, { since: null, until: new Date(), day: '2024-01-30', timeZone: 'UTC' });

  beforeAll(async () => {
    feeds = await startSeedFeedServer(loadSeedArticles(path.join('test', 'fixtures', 'seeds')));
    discord = await startDiscordServer({ channels: [DISCORD_CHANNEL, '112233445566778800'] });
    slack = await startSlackServer({ channels: [SLACK_CHANNEL, 'C0SECONDCHAN'] });
    dir = mkdtempSync(path.join(tmpdir(), 'storywatch-chart-'));
    mkdirSync(path.join(dir, 'config'));
    cpSync(path.join('config', 'stories'), path.join(dir, 'config', 'stories'), { recursive: true });
    writeFileSync(path.join(dir, 'config', 'storywatch.yml'), 'fetch:\n  allowPrivateNetworks: true\n');
    const config = loadConfig({ STORYWATCH_CONFIG_DIR: path.join(dir, 'config') });
    if (!config.ok) throw new Error(config.error.message);
    story = config.value.stories.find((s) => s.id === STORY) as StoryConfig;
    expect((await cli('subscribe', '--platform', 'discord', '--channel', DISCORD_CHANNEL, '--story', STORY, '--no-alerts', '--digest', '08:00')).code).toBe(0);
    expect((await cli('subscribe', '--platform', 'slack', '--channel', SLACK_CHANNEL, '--story', STORY, '--no-alerts', '--digest', '09:30')).code).toBe(0);
    expect((await cli('feeds', 'add', feeds.feedUrl, '--name', 'Seeds')).code).toBe(0);
    for (let next = feeds.releaseNext(); next; next = feeds.releaseNext()) expect((await cli('run', '--once')).code).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([feeds.close(), discord.close(), slack.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('draws one bar segment per day and language with sources, and the five developments of the seed timeline', async () => {
    const data = await withStore(async (store) => sourcesPerDay(await storyDevelopments(store, story)));
    const names = localeFor('en').languageName;
    const svg = sourcesChartSvg(data, { title: `${story.title}: sources per day`, languageName: names });
    const segments = [...svg.matchAll(/<rect class="segment" data-day="([\d-]+)" data-language="([\w-]+)" data-count="(\d+)"/g)].map(
      (m) => `${m[1]}|${m[2]}|${m[3]}`,
    );
    expect(segments.sort()).toEqual(segmentsOf(data).sort());
    expect(new Set(segments.map((s) => s.split('|')[1])).size).toBeGreaterThanOrEqual(3);
    const marks = [...svg.matchAll(/<path class="mark" data-day="([\d-]+)"/g)].map((m) => m[1]);
    expect(marks).toEqual(GOLD_DAYS);
    const legend = [...svg.matchAll(/<text class="legend"[^>]*>([^<]+)</g)].map((m) => m[1]);
    expect(legend).toEqual([...data.series.map((s) => names(s.language)), 'development']);
    expect(legend).toEqual(expect.arrayContaining(['English', 'Vietnamese', 'Chinese']));
    const rendered = await renderPng(svg);
    expect(decodePng(Buffer.from(rendered.png))).toEqual({ width: 800, height: rendered.height });
    if (SHOTS) writeFileSync(path.join(SHOTS, 'digest-chart.png'), rendered.png);
  });

  it('sends the seed replay digest with its PNG: a Discord attachment its embed shows, a Slack upload in the digest thread', async () => {
    const r = await cli('digest', '--now');
    expect(r.out, r.err).toContain('2 sent');
    const [message, ...others] = discord.messages(DISCORD_CHANNEL);
    expect(others).toHaveLength(0);
    for (const day of GOLD_DAYS) expect(JSON.stringify(message?.embeds)).toContain(day);
    expect(message?.attachments).toHaveLength(1);
    const attachment = message?.attachments[0];
    expect(attachment).toMatchObject({ filename: 'sources.png', content_type: 'image/png' });
    expect(attachment?.description).toMatch(
      /^Sources per day by language, 2024-01-\d\d to 2024-01-\d\d: \d+ source\(s\) in \d language\(s\) \(.*English.*\); 5 development\(s\) marked\.$/,
    );
    expect(message?.embeds[0]?.image).toEqual({ url: 'attachment://sources.png' });
    const discordPng = discord.attachmentData(attachment?.id ?? '') as Buffer;
    expect(decodePng(discordPng).width).toBe(800);
    const multipart = discord.requests.find((q) => q.files !== undefined);
    expect(multipart?.files?.map((f) => f.field)).toEqual(['files[0]']);

    const [digest, picture, ...more] = slack.messages(SLACK_CHANNEL);
    expect(more).toHaveLength(0);
    for (const day of GOLD_DAYS) expect(JSON.stringify(digest?.blocks)).toContain(day);
    expect(picture).toMatchObject({ thread_ts: digest?.ts, files: [{ name: 'sources.png', mimetype: 'image/png' }] });
    const calls = slack.requests.map((q) => q.path).filter((p) => /files\.|\/upload\//.test(p));
    expect(calls).toEqual(['/api/files.getUploadURLExternal', expect.stringMatching(/^\/upload\/F\d+$/), '/api/files.completeUploadExternal']);
    const upload = slack.uploads()[0];
    expect(upload?.shared).toEqual({ channel: SLACK_CHANNEL, threadTs: digest?.ts, title: 'Sources per day' });
    expect(Buffer.compare(upload?.data as Buffer, discordPng)).toBe(0);
  }, 60_000);

  it('shows the picture on a quiet digest too: Discord gets an embed holding only the image', async () => {
    const channel = '112233445566778822';
    discord.addChannel(channel);
    await withStore(async (store) => {
      const sender = withDigestChart(createDiscordSender({ token: discord.token, apiUrl: discord.apiUrl }), {
        store,
        stories: [story],
        log: createLogger('silent'),
      });
      const full = await digestOf(store);
      const quiet = full.type === 'digest' ? { ...full, developments: [] } : full;
      expect((await sender.send(channel, quiet, 'quiet-digest')).ok).toBe(true);
    });
    const [message] = discord.messages(channel);
    expect(message?.content).toContain('no new developments since the last digest');
    expect(message?.embeds).toEqual([{ color: 0x5865f2, image: { url: 'attachment://sources.png' } }]);
    expect(decodePng(discord.attachmentData(message?.attachments[0]?.id ?? '') as Buffer).width).toBe(800);
  });

  it('still delivers the digest text, once, when the renderer is broken; the log names the channel', async () => {
    const { log, lines } = capturedLog();
    const broken = async (): Promise<never> => Promise.reject(new Error('no renderer here'));
    await withStore(async (store) => {
      const charts = { store, stories: [story], log, render: broken };
      const discordSender = withDigestChart(createDiscordSender({ token: discord.token, apiUrl: discord.apiUrl }), charts);
      const slackSender = withDigestChart(createSlackSender({ token: slack.token, apiUrl: slack.apiUrl }), charts);
      expect((await discordSender.send('112233445566778800', await digestOf(store), 'broken-d')).ok).toBe(true);
      expect((await slackSender.send('C0SECONDCHAN', await digestOf(store), 'broken-s')).ok).toBe(true);
    });
    expect(discord.messages('112233445566778800')).toHaveLength(1);
    expect(discord.messages('112233445566778800')[0]?.attachments).toEqual([]);
    expect(slack.messages('C0SECONDCHAN')).toHaveLength(1);
    expect(lines.map((l) => [l.code, l.channel])).toEqual([
      ['DIGEST_CHART_FAILED', 'discord:112233445566778800'],
      ['DIGEST_CHART_FAILED', 'slack:C0SECONDCHAN'],
    ]);
    expect(String(lines[0]?.msg)).toContain('no renderer here');
  });

  it('still delivers the digest text, once, when the upload fails with a 500, and a retry posts no second text', async () => {
    const { log, lines } = capturedLog();
    const [discordChannel, slackChannel] = ['112233445566778811', 'C0THIRDCHAN'];
    discord.addChannel(discordChannel);
    slack.addChannel(slackChannel);
    await withStore(async (store) => {
      const charts = { store, stories: [story], log };
      const discordSender = withDigestChart(createDiscordSender({ token: discord.token, apiUrl: discord.apiUrl }), charts);
      const slackSender = withDigestChart(createSlackSender({ token: slack.token, apiUrl: slack.apiUrl }), charts);
      discord.inject({ kind: 'server-error' }, { onPath: `/channels/${discordChannel}/messages` });
      expect((await discordSender.send(discordChannel, await digestOf(store), 'upload-500-d')).ok).toBe(true);
      slack.inject({ kind: 'server-error' }, { onPath: 'files.completeUploadExternal' });
      expect((await slackSender.send(slackChannel, await digestOf(store), 'upload-500-s')).ok).toBe(true);
      expect(slack.messages(slackChannel)).toHaveLength(1);
      // The dispatcher sends the row again (say the process died before recording it): the text is found, only the picture goes.
      expect((await slackSender.send(slackChannel, await digestOf(store), 'upload-500-s')).ok).toBe(true);
      expect((await slackSender.send(slackChannel, await digestOf(store), 'upload-500-s')).ok).toBe(true);
    });
    const posted = discord.messages(discordChannel);
    expect(posted).toHaveLength(1);
    expect(posted[0]?.attachments).toEqual([]);
    expect(posted[0]?.embeds[0]?.image).toBeUndefined();
    const [text, picture, ...more] = slack.messages(slackChannel);
    expect(text?.thread_ts).toBeUndefined();
    expect(picture?.files?.[0]?.name).toBe('sources.png');
    expect(more).toHaveLength(0);
    expect(lines.map((l) => [l.code, l.channel])).toEqual([
      ['DIGEST_CHART_UPLOAD_FAILED', `discord:${discordChannel}`],
      ['DIGEST_CHART_UPLOAD_FAILED', `slack:${slackChannel}`],
    ]);
    expect(String(lines[0]?.msg)).toContain('DISCORD_HTTP_500');
  });
});
