import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommand, type CommandServices } from '../commands/command.js';
import { findCommand } from '../commands/index.js';
import { createDiscordSender } from '../src/adapters/discord/discord-sender.js';
import { createSlackSender } from '../src/adapters/slack/slack-sender.js';
import { ManualClock } from '../src/core/clock.js';
import { createLogger } from '../src/core/logger.js';
import type { OpsSettings } from '../src/core/ops.js';
import { Dispatcher } from '../src/delivery/dispatch.js';
import type { Sender } from '../src/delivery/message.js';
import { createHttpFetcher } from '../src/pipeline/fetch/http-fetcher.js';
import { Poller } from '../src/scheduler/poller.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/ports.js';
import { startDiscordServer, type DiscordServer } from './fakes/discord-server.js';
import { startFeedServer, type FeedServer } from './fakes/feed-server.js';
import { startSlackServer, type SlackServer } from './fakes/slack-server.js';
import { queueAlerts } from './helpers/alerts.js';
import { rss } from './helpers/rss.js';
import { bundledStory } from './helpers/stories.js';

const T0 = new Date('2024-01-19T12:00:00Z');
const DAY = 86_400_000;
const OPS_DISCORD = '990000000000000001';
const OPS_SLACK = 'C0OPSDESK';
const NEWS_SLACK = 'C0NEWSROOM';
const STORY = 'iran-pakistan-2024';
const log = createLogger('silent');
const FEED = rss([{ title: 'Pakistan and Iran hold talks', link: 'https://news.example/talks', html: '<p>Talks.</p>' }]);

describe('operators hear about trouble, through the delivery path', () => {
  const story = bundledStory(STORY);
  let store: Store;
  let discord: DiscordServer;
  let slack: SlackServer;
  let feeds: FeedServer;
  let clock: ManualClock;
  let failing = 0;
  let senders: Partial<Record<'discord' | 'slack', Sender>>;
  const ops: OpsSettings = {
    targets: [
      { platform: 'discord', channelId: OPS_DISCORD },
      { platform: 'slack', channelId: OPS_SLACK },
    ],
    feedFailures: 3,
    backlogLimit: 2,
  };
  const dispatcher = (over: Partial<typeof senders> = {}) =>
    new Dispatcher({ store, senders: { ...senders, ...over }, stories: [story.config], clock, log, ops });
  const poller = () =>
    new Poller(
      { store, clock, log, ops, stories: [story], http: createHttpFetcher({ allowPrivateNetworks: true, timeoutMs: 2000 }) },
      { tick: '* * * * * *', concurrency: 1, perHostConcurrency: 1, perHostDelayMs: 0 },
    );
  /** The notices' text as a reader sees it: without Discord's Markdown escapes and Slack's zero-width fences. */
  const discordNotices = () => discord.messages(OPS_DISCORD).map((m) => m.content.replace(/\\(?=[_*`])/gu, ''));
  const slackNotices = () => slack.messages(OPS_SLACK).map((m) => m.text.replace(/\u200b/gu, ''));
  const storyLines = async () => {
    const services = { store, stories: [story], storyConfigs: [story.config], clock, log } as unknown as CommandServices;
    return (await runCommand(findCommand('story')!, {}, { platform: 'slack', userId: 'U1', channelId: NEWS_SLACK, tenantId: 'T1', level: 'member', services }))
      .lines;
  };

  beforeEach(async () => {
    store = openSqliteStore(':memory:');
    discord = await startDiscordServer({ channels: [OPS_DISCORD] });
    slack = await startSlackServer({ channels: [OPS_SLACK, NEWS_SLACK] });
    senders = {
      discord: createDiscordSender({ token: discord.token, apiUrl: discord.apiUrl, timeoutMs: 1000 }),
      slack: createSlackSender({ token: slack.token, apiUrl: slack.apiUrl, timeoutMs: 1000 }),
    };
    feeds = await startFeedServer();
    failing = 0;
    feeds.route('/feed.xml', (_req, res) => {
      if (failing > 0) {
        failing -= 1;
        res.writeHead(503, { 'content-type': 'text/plain' }).end('down for maintenance');
      } else res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED);
    });
    clock = new ManualClock(T0);
  });
  afterEach(async () => {
    await store.close();
    await Promise.all([discord.close(), slack.close(), feeds.close()]);
  });

  it("tells once after a feed's third failure in a row (code and next retry), not on each failure, and once when it recovers", async () => {
    const added = await store.addFeed({ url: feeds.url('/feed.xml'), name: 'Dawn <@&1> *bold*', intervalSec: 600 }, T0);
    if (!added.ok) throw new Error(added.error.message);
    const polls = poller();
    await polls.runDue();
    failing = 5;
    const counts: number[] = [];
    for (let i = 0; i < 5; i++) {
      clock.advance(DAY);
      await polls.runDue();
      counts.push((await store.listNotices()).length);
    }
    // Nothing after failures 1 and 2; one notice per ops channel at the third; nothing more at the fourth and fifth.
    expect(counts).toEqual([0, 0, 2, 2, 2]);
    expect((await storyLines()).filter((l) => l.startsWith('•'))).toEqual([
      expect.stringMatching(
        /^• Feed failing: Dawn <@&1> \*bold\* \(#1\) — FEED_HTTP_503, 5 failure\(s\) in a row \(reported 2024-01-22T12:00:00Z\); next retry at /,
      ),
    ]);
    const d = dispatcher();
    expect(await d.dispatchDue()).toMatchObject({ notices: 2 });
    await d.dispatchDue();
    expect(discordNotices()).toHaveLength(1);
    expect(discordNotices()[0]).toMatch(
      /^\*\*storywatch ops · Feed failing: Dawn .*\*\*\n.*failed 3 time\(s\) in a row: FEED_HTTP_503: .*\nNext retry at 2024-01-2\dT/u,
    );
    expect(discord.messages(OPS_DISCORD)[0]?.content).not.toMatch(/<@&1>/u);
    expect(discord.messages(OPS_DISCORD)[0]?.allowed_mentions).toEqual({ parse: [] });
    expect(slackNotices()).toEqual([expect.stringMatching(/^storywatch ops · Feed failing: Dawn &lt;@&amp;1&gt; .*FEED_HTTP_503/u)]);

    clock.advance(DAY);
    await polls.runDue();
    await d.dispatchDue();
    expect(discordNotices()).toHaveLength(2);
    expect(discordNotices()[1]).toMatch(
      /Feed recovered: Dawn[\s\S]*answers again at 2024-01-25T12:00:00Z, after failing since 2024-01-22T12:00:00Z \(FEED_HTTP_503\)/u,
    );
    expect(slackNotices()).toHaveLength(2);
    expect((await storyLines()).some((l) => l.startsWith('•'))).toBe(false);
    // Healthy polls add nothing; a new streak is told again.
    clock.advance(DAY);
    await polls.runDue();
    expect(await store.listNotices()).toHaveLength(4);
  });

  it('tells when a subscription stops because its channel is gone, once, and /story shows it', async () => {
    await store.subscribe({ platform: 'slack', channelId: NEWS_SLACK, storyId: STORY, alerts: true, digestTime: null, timeZone: null }, T0);
    slack.removeChannel(NEWS_SLACK);
    await queueAlerts(store, STORY, 2, T0);
    const d = dispatcher();
    await d.dispatchDue();
    await d.dispatchDue();
    expect(slackNotices()).toEqual([expect.stringMatching(/^storywatch ops · Subscription stopped: slack channel C0NEWSROOM: .*SLACK_CHANNEL_GONE/u)]);
    expect(discordNotices()).toEqual([
      expect.stringMatching(/Subscription stopped: slack channel C0NEWSROOM[\s\S]*no longer gets iran-pakistan-2024: SLACK_CHANNEL_GONE/u),
    ]);
    expect(await storyLines()).toContain(
      '• Subscription stopped: slack channel C0NEWSROOM — SLACK_CHANNEL_GONE: ' +
        (await store.listSubscriptions())[0]?.stoppedReason?.split(': ').slice(1).join(': '),
    );
  });

  it('tells when the outbox backlog grows past the limit and when it is back below, once each', async () => {
    await store.subscribe({ platform: 'slack', channelId: NEWS_SLACK, storyId: STORY, alerts: true, digestTime: null, timeZone: null }, T0);
    await queueAlerts(store, STORY, 3, T0);
    // Slack is off in this process: its three alerts wait, over the limit of 2.
    const off = dispatcher({ slack: undefined });
    await off.dispatchDue();
    await off.dispatchDue();
    expect(discordNotices()).toEqual([expect.stringMatching(/Outbox backlog on slack: 3 messages waiting[\s\S]*more than the limit of 2/u)]);
    expect(await storyLines()).toContain(`• Outbox backlog on slack: 3 message(s) waiting — over the limit since ${T0.toISOString().replace('.000', '')}`);
    // Slack on: the alerts go out, the backlog is gone, and the Slack ops channel hears both.
    const on = dispatcher();
    await on.dispatchDue();
    await on.dispatchDue();
    await on.dispatchDue();
    expect(slack.messages(NEWS_SLACK)).toHaveLength(3);
    expect(discordNotices()).toEqual([
      expect.stringMatching(/backlog on slack: 3/u),
      expect.stringMatching(/Outbox backlog on slack back to normal[\s\S]*Waiting on slack now: [01] \(the limit is 2\); it was 3 at 2024-01-19T12:00:00Z/u),
    ]);
    expect(slackNotices()).toHaveLength(2);
    expect((await storyLines()).some((l) => l.startsWith('•'))).toBe(false);
  });

  it('tells at once when a feed answers 410 Gone and is paused, with how to resume it', async () => {
    feeds.route('/gone.xml', (_req, res) => res.writeHead(410).end());
    const added = await store.addFeed({ url: feeds.url('/gone.xml'), name: 'Gone', intervalSec: 600 }, T0);
    if (!added.ok) throw new Error(added.error.message);
    await poller().runDue();
    await dispatcher().dispatchDue();
    expect(discordNotices()).toEqual([
      expect.stringMatching(
        /Feed failing: Gone[\s\S]*failed 1 time\(s\) in a row: FEED_HTTP_410[\s\S]*Paused \(FEED_HTTP_410\): no longer polled\. Resume it with `storywatch feeds resume 1`/u,
      ),
    ]);
    expect(await storyLines()).toContain('• Feed paused: Gone (#1) — FEED_HTTP_410, no longer polled; `storywatch feeds resume 1`');
  });

  it('tells the other platform when one refuses the token, and the notice for the paused one waits', async () => {
    await store.subscribe({ platform: 'discord', channelId: OPS_DISCORD, storyId: STORY, alerts: true, digestTime: null, timeZone: null }, T0);
    await queueAlerts(store, STORY, 1, T0);
    discord.revokeToken();
    const d = dispatcher();
    await d.dispatchDue();
    await d.dispatchDue();
    expect(slackNotices()).toEqual([expect.stringMatching(/Delivery paused on discord: token refused: discord refused the token \(DISCORD_UNAUTHORIZED/u)]);
    expect(discord.messages(OPS_DISCORD)).toEqual([]);
    expect((await store.listNotices()).filter((n) => n.platform === 'discord').map((n) => n.status)).toEqual(['pending']);
    expect((await storyLines()).some((l) => l.startsWith('• Delivery paused on discord since'))).toBe(true);
    discord.restoreToken();
    clock.advance(10 * 60_000);
    await d.dispatchDue();
    await d.dispatchDue();
    // The probe sends the oldest message (the alert, in the same channel here), then the notice follows.
    expect(discordNotices()).toEqual([expect.stringMatching(/^\*\*New development\*\*/u), expect.stringMatching(/Delivery paused on discord/u)]);
  });

  it('retries a notice the platform could not take and never posts it twice', async () => {
    await store.enqueueNotice({ key: 'test:1', kind: 'feed_failing', title: 'Feed failing: X', lines: ['FEED_HTTP_503'], at: T0 }, [
      { platform: 'discord', channelId: OPS_DISCORD },
    ]);
    discord.inject({ kind: 'server-error', status: 502 }, { times: 1 });
    const d = dispatcher();
    expect((await d.dispatchDue()).notices).toBeUndefined();
    expect((await store.listNotices())[0]).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringMatching(/^DISCORD_/u) });
    clock.advance(60_000);
    discord.inject({ kind: 'lost-response' }, { times: 1 });
    await d.dispatchDue();
    clock.advance(10 * 60_000);
    await d.dispatchDue();
    expect(discordNotices()).toHaveLength(1);
    expect((await store.listNotices())[0]).toMatchObject({ status: 'sent' });
  });
});
