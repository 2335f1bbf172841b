import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDiscordSender } from '../src/adapters/discord/discord-sender.js';
import { createSlackSender } from '../src/adapters/slack/slack-sender.js';
import { ManualClock } from '../src/core/clock.js';
import { createLogger } from '../src/core/logger.js';
import { dueDigests } from '../src/delivery/digest-schedule.js';
import { Dispatcher, EDIT_INTERVAL_MS } from '../src/delivery/dispatch.js';
import type { Subscription } from '../src/core/subscription.js';
import { processItem } from '../src/pipeline/process-item.js';
import { openSqliteStore, type SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { startDiscordServer, type DiscordServer } from './fakes/discord-server.js';
import { startSlackServer, type SlackServer } from './fakes/slack-server.js';
import { bundledStory, seedItems } from './helpers/stories.js';

const DISCORD_CHANNEL = '112233445566778899';
const SLACK_CHANNEL = 'C0STORYWATCH';
const T0 = new Date('2024-01-19T12:00:00Z');

describe('dispatcher against fake Discord and Slack', () => {
  const story = bundledStory('iran-pakistan-2024');
  let dir: string;
  let store: SqliteStore;
  let discord: DiscordServer;
  let slack: SlackServer;
  let clock: ManualClock;
  let dispatcher: Dispatcher;
  let feedId: number;
  const seeds = () => {
    const order = ['000', '001', '003', '004', '002'];
    return seedItems().sort((a, b) => order.indexOf(a.file.slice(0, 3)) - order.indexOf(b.file.slice(0, 3)));
  };
  const ingest = (n: number) => processItem(seeds()[n]!, feedId, [story], { store, log: createLogger('silent'), now: clock.now() });

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'storywatch-dispatch-'));
    store = openSqliteStore(path.join(dir, 'd.db'));
    discord = await startDiscordServer({ channels: [DISCORD_CHANNEL] });
    slack = await startSlackServer({ channels: [SLACK_CHANNEL] });
    clock = new ManualClock(T0);
    const senders = {
      discord: createDiscordSender({ token: discord.token, apiUrl: discord.apiUrl, timeoutMs: 1000 }),
      slack: createSlackSender({ token: slack.token, apiUrl: slack.apiUrl, timeoutMs: 1000 }),
    };
    dispatcher = new Dispatcher({ store, senders, stories: [story.config], clock, log: createLogger('silent') });
    const feed = await store.addFeed({ url: 'https://seeds.example/feed', name: 'Seeds', intervalSec: 600 }, T0);
    if (!feed.ok) throw new Error(feed.error.message);
    feedId = feed.value.id;
    const base = { storyId: story.config.id, alerts: true, digestTime: null, timeZone: null };
    await store.subscribe({ ...base, platform: 'discord', channelId: DISCORD_CHANNEL }, T0);
    await store.subscribe({ ...base, platform: 'slack', channelId: SLACK_CHANNEL }, T0);
  });
  afterEach(async () => {
    await store.close();
    await Promise.all([discord.close(), slack.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes one outbox row per alert and channel with the alert, and sends each once', async () => {
    await ingest(0);
    expect((await store.listOutbox()).map((r) => [r.kind, r.status])).toEqual([
      ['alert', 'pending'],
      ['alert', 'pending'],
    ]);
    expect(await dispatcher.dispatchDue()).toMatchObject({ sent: 2 });
    expect(await dispatcher.dispatchDue()).toMatchObject({ sent: 0 });
    expect(discord.messages(DISCORD_CHANNEL)).toHaveLength(1);
    expect(slack.messages(SLACK_CHANNEL)).toHaveLength(1);
  });

  it('rides out a 429 storm: waits as told, keeps channel order, and ends with exactly one message per alert', async () => {
    await ingest(0);
    await ingest(4);
    discord.inject({ kind: 'rate-limit', retryAfterSec: 2 }, { times: 3 });
    slack.inject({ kind: 'rate-limit', retryAfterSec: 3 }, { times: 3, onPath: 'chat.postMessage' });
    for (let pass = 0; pass < 12; pass += 1) {
      await dispatcher.dispatchDue();
      clock.advance(1_000);
    }
    expect(discord.messages(DISCORD_CHANNEL)).toHaveLength(2);
    expect(slack.messages(SLACK_CHANNEL)).toHaveLength(2);
    expect(JSON.stringify(discord.messages(DISCORD_CHANNEL)[0])).toContain('2024-01-16');
    expect(JSON.stringify(discord.messages(DISCORD_CHANNEL)[1])).toContain('2024-01-29');
    expect((await store.listOutbox()).every((r) => r.status === 'sent')).toBe(true);
  });

  it('keeps alerts through a five-minute outage and delivers them when the API is back', async () => {
    await ingest(0);
    discord.inject({ kind: 'server-error', status: 503 }, { times: 1000 });
    for (let minute = 0; minute < 5; minute += 1) {
      await dispatcher.dispatchDue();
      clock.advance(60_000);
    }
    expect(discord.messages(DISCORD_CHANNEL)).toHaveLength(0);
    const row = (await store.listOutbox()).find((r) => r.key.endsWith(':1'));
    expect(row).toMatchObject({ status: 'pending', lastError: expect.stringMatching(/^DISCORD_/) });
    expect(row?.attempts).toBeGreaterThanOrEqual(3);
    discord.inject({ kind: 'server-error' }, { times: 0 });
    await discord.close();
    discord = await startDiscordServer({ channels: [DISCORD_CHANNEL] });
    const back = new Dispatcher({
      store,
      senders: { discord: createDiscordSender({ token: discord.token, apiUrl: discord.apiUrl }) },
      stories: [story.config],
      clock,
      log: createLogger('silent'),
    });
    clock.advance(10 * 60_000);
    expect(await back.dispatchDue()).toMatchObject({ sent: 1 });
    expect(discord.messages(DISCORD_CHANNEL)).toHaveLength(1);
  });

  it('does not post twice when the answer to a send was lost (nonce on Discord, marker on Slack)', async () => {
    await ingest(0);
    discord.inject({ kind: 'lost-response' });
    slack.inject({ kind: 'lost-response' }, { onPath: 'chat.postMessage' });
    await dispatcher.dispatchDue();
    expect((await store.listOutbox()).map((r) => r.status)).toEqual(['pending', 'pending']);
    clock.advance(60_000);
    expect(await dispatcher.dispatchDue()).toMatchObject({ sent: 2 });
    expect(discord.messages(DISCORD_CHANNEL)).toHaveLength(1);
    expect(slack.messages(SLACK_CHANNEL)).toHaveLength(1);
  });

  it('sends each message once when two dispatchers on one database run at the same moment', async () => {
    await ingest(0);
    const other = openSqliteStore(path.join(dir, 'd.db'));
    const senders = {
      discord: createDiscordSender({ token: discord.token, apiUrl: discord.apiUrl, timeoutMs: 1000 }),
      slack: createSlackSender({ token: slack.token, apiUrl: slack.apiUrl, timeoutMs: 1000 }),
    };
    const second = new Dispatcher({ store: other, senders, stories: [story.config], clock, log: createLogger('silent') });
    const [a, b] = await Promise.all([dispatcher.dispatchDue(), second.dispatchDue()]);
    await other.close();
    expect(a.sent + b.sent).toBe(2);
    expect(slack.requests.filter((r) => r.path.endsWith('chat.postMessage'))).toHaveLength(1);
    expect(discord.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(discord.messages(DISCORD_CHANNEL)).toHaveLength(1);
    expect(slack.messages(SLACK_CHANNEL)).toHaveLength(1);
  });

  it('sends a message whose dispatcher died mid-send once its claim lapses', async () => {
    await ingest(0);
    const [row] = await store.dueOutbox(clock.now(), 10);
    expect(await store.claimOutbox(row!.id, row!.nextAttemptAt, new Date(clock.now().getTime() + 120_000))).toBe(true);
    expect(await dispatcher.dispatchDue()).toMatchObject({ sent: 1 });
    expect(await store.claimOutbox(row!.id, row!.nextAttemptAt, new Date(clock.now().getTime() + 120_000))).toBe(false);
    clock.advance(120_000);
    expect(await dispatcher.dispatchDue()).toMatchObject({ sent: 1 });
    expect((await store.listOutbox()).map((r) => r.status)).toEqual(['sent', 'sent']);
  });

  it('stops a subscription whose channel is gone, with the reason, and keeps the other', async () => {
    await ingest(0);
    discord.removeChannel(DISCORD_CHANNEL);
    expect(await dispatcher.dispatchDue()).toMatchObject({ sent: 1, dropped: 1 });
    const subs = await store.listSubscriptions();
    expect(subs.map((s) => [s.platform, s.status])).toEqual([
      ['discord', 'stopped'],
      ['slack', 'active'],
    ]);
    expect(subs[0]?.stoppedReason).toMatch(/^DISCORD_CHANNEL_GONE/);
    await ingest(4);
    expect((await store.listOutbox()).filter((r) => r.status === 'pending').length).toBe(1);
  });

  it('edits a sent alert when later sources confirm its developments, at most once a minute', async () => {
    await ingest(0);
    await dispatcher.dispatchDue();
    await ingest(1);
    expect((await store.listOutbox()).every((r) => r.needsUpdate)).toBe(true);
    expect(await dispatcher.dispatchDue()).toMatchObject({ edited: 0, sent: 0 });
    clock.advance(EDIT_INTERVAL_MS);
    expect(await dispatcher.dispatchDue()).toMatchObject({ edited: 2, sent: 0 });
    await ingest(3);
    expect(await dispatcher.dispatchDue()).toMatchObject({ edited: 0 });
    clock.advance(EDIT_INTERVAL_MS);
    expect(await dispatcher.dispatchDue()).toMatchObject({ edited: 2 });
    expect(discord.messages(DISCORD_CHANNEL)).toHaveLength(1);
    expect(discord.messages(DISCORD_CHANNEL)[0]?.edited_timestamp).not.toBeNull();
    expect(JSON.stringify(discord.messages(DISCORD_CHANNEL)[0])).toMatch(/also reported by 2 (other )?sources/);
  });
});

describe('digest timing', () => {
  const sub = (digestTime: string, timeZone: string, createdAt = '2024-01-01T00:00:00Z'): Subscription => ({
    id: 1,
    platform: 'slack',
    channelId: SLACK_CHANNEL,
    storyId: 's',
    alerts: true,
    digestTime,
    timeZone,
    status: 'active',
    stoppedReason: null,
    lastDigestAt: null,
    createdAt: new Date(createdAt),
    tenantId: null,
    unsubscribedAt: null,
    unsubscribedBy: null,
    language: 'en',
  });

  it('is due from the local digest time, per time zone, with the local day', () => {
    const at = new Date('2024-01-20T03:05:00Z'); // 08:05 in Karachi, 04:05 in Paris, 22:05 the day before in New York
    expect(dueDigests([sub('08:00', 'Asia/Karachi')], at)).toEqual([{ subscriptionId: 1, day: '2024-01-20', at }]);
    expect(dueDigests([sub('08:00', 'Europe/Paris')], at)).toEqual([]);
    expect(dueDigests([sub('22:00', 'America/New_York')], at)).toEqual([{ subscriptionId: 1, day: '2024-01-19', at }]);
  });

  it('follows daylight saving time: 08:00 in Paris is 07:00 UTC in winter and 06:00 UTC in summer', () => {
    expect(dueDigests([sub('08:00', 'Europe/Paris')], new Date('2024-03-30T06:30:00Z'))).toEqual([]);
    expect(dueDigests([sub('08:00', 'Europe/Paris')], new Date('2024-03-31T06:30:00Z'))).toHaveLength(1);
    expect(dueDigests([sub('02:30', 'Europe/Paris')], new Date('2024-03-31T01:30:00Z'))).toHaveLength(1); // 02:30 does not exist that night: sent at 03:30
  });

  it('waits for the next day when the channel subscribed after the digest time', () => {
    expect(dueDigests([sub('08:00', 'Asia/Karachi', '2024-01-20T04:00:00Z')], new Date('2024-01-20T05:00:00Z'))).toEqual([]);
    expect(dueDigests([sub('08:00', 'Asia/Karachi', '2024-01-20T04:00:00Z')], new Date('2024-01-21T03:01:00Z'))).toHaveLength(1);
  });
});
