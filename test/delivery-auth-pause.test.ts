import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDiscordSender } from '../src/adapters/discord/discord-sender.js';
import { createSlackSender } from '../src/adapters/slack/slack-sender.js';
import { ManualClock } from '../src/core/clock.js';
import { createLogger } from '../src/core/logger.js';
import { Dispatcher } from '../src/delivery/dispatch.js';
import { drainOutbox } from '../src/delivery/drain.js';
import type { Platform } from '../src/core/subscription.js';
import { openSqliteStore, type SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { startDiscordServer, type DiscordServer } from './fakes/discord-server.js';
import { startSlackServer, type SlackServer } from './fakes/slack-server.js';
import { queueAlerts } from './helpers/alerts.js';
import { bundledStory } from './helpers/stories.js';

const T0 = new Date('2024-02-10T12:00:00Z');
const PROBE_MS = 5 * 60_000;
const CHANNELS: Record<Platform, [string, string]> = { discord: ['112233445566778899', '112233445566778800'], slack: ['C0STORYWATCH', 'C0OTHERCHAN'] };
type LogLine = { level: number; code?: string; platform?: string; channel?: string; msg: string };

describe.each(['discord', 'slack'] as const)('a refused token on %s', (platform) => {
  const other: Platform = platform === 'discord' ? 'slack' : 'discord';
  const story = bundledStory('iran-pakistan-2024');
  const [channel, second] = CHANNELS[platform];
  let dir: string;
  let store: SqliteStore;
  let discord: DiscordServer;
  let slack: SlackServer;
  let clock: ManualClock;
  let logs: LogLine[];
  const server = () => (platform === 'discord' ? discord : slack);
  const sentTo = (id: string): string[] => (platform === 'discord' ? discord.messages(id).map((m) => m.id) : slack.messages(id).map((m) => m.ts));
  const dispatcher = (on: SqliteStore = store) =>
    new Dispatcher({
      store: on,
      senders: {
        discord: createDiscordSender({ token: discord.token, apiUrl: discord.apiUrl, timeoutMs: 1000 }),
        slack: createSlackSender({ token: slack.token, apiUrl: slack.apiUrl, timeoutMs: 1000 }),
      },
      stories: [story.config],
      clock,
      log: createLogger('debug', { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) }),
      authProbeMs: PROBE_MS,
    });
  const base = { storyId: story.config.id, alerts: true, digestTime: null, timeZone: null };

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'storywatch-pause-'));
    store = openSqliteStore(path.join(dir, 'p.db'));
    discord = await startDiscordServer({ channels: CHANNELS.discord });
    slack = await startSlackServer({ channels: CHANNELS.slack });
    clock = new ManualClock(T0);
    logs = [];
  });
  afterEach(async () => {
    await store.close();
    await Promise.all([discord.close(), slack.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('pauses the platform through a 401 storm, stops no subscription, and delivers every alert and the digest once, in order, when the token works again', async () => {
    const sub = await store.subscribe({ ...base, platform, channelId: channel }, T0);
    const otherSub = await store.subscribe({ ...base, platform: other, channelId: CHANNELS[other][0] }, T0);
    await queueAlerts(store, story.config.id, 3, T0);
    await store.enqueueDigests([{ subscriptionId: sub.id, day: null, at: T0 }]);
    server().revokeToken();

    const first = await dispatcher().dispatchDue();
    expect(first.paused?.map((p) => [p.platform, p.channelId])).toEqual([[platform, channel]]);
    expect(first.paused?.[0]?.code).toBe(platform === 'discord' ? 'DISCORD_UNAUTHORIZED' : 'SLACK_UNAUTHORIZED');
    expect(first.waiting).toBe(4 + 2); // this platform's four, and the other platform's two behind its first
    expect((await store.listSubscriptions()).map((s) => s.status)).toEqual(['active', 'active']);
    const ops = logs.filter((l) => l.code === 'DELIVERY_AUTH_FAILED');
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatchObject({ level: 50, platform, channel: `${platform}:${channel}` });

    // Paused: passes every 10 s, from this process and from a second one on the same database, leave the platform alone.
    const asked = server().requests.length;
    const otherProcess = openSqliteStore(path.join(dir, 'p.db'));
    for (let s = 10; s < PROBE_MS / 1000; s += 10) {
      clock.advance(10_000);
      await dispatcher().dispatchDue();
      expect((await dispatcher(otherProcess).dispatchDue()).paused?.map((p) => p.platform)).toEqual([platform]);
    }
    await otherProcess.close();
    expect(server().requests.length).toBe(asked);
    expect((await store.listOutbox()).filter((r) => r.subscriptionId === otherSub.id).map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);

    // The probe at five minutes still meets the refusal: one request, still paused, no second alarm.
    clock.advance(10_000);
    expect((await dispatcher().dispatchDue()).paused).toHaveLength(1);
    expect(server().requests.length).toBe(asked + 1);
    expect(logs.filter((l) => l.code === 'DELIVERY_AUTH_FAILED' && l.level >= 50)).toHaveLength(1);
    const mine = (await store.listOutbox()).filter((r) => r.subscriptionId === sub.id);
    expect(mine.map((r) => [r.kind, r.status, r.attempts])).toEqual([
      ['alert', 'pending', 0],
      ['alert', 'pending', 0],
      ['alert', 'pending', 0],
      ['digest', 'pending', 0],
    ]);

    // The token works again: the next probe lifts the pause and everything goes out once, in order.
    server().restoreToken();
    clock.advance(PROBE_MS);
    const drained = await drainOutbox(dispatcher(), { clock, budgetMs: 60_000, sleep: async (ms) => clock.advance(ms) });
    expect(drained).toMatchObject({ sent: 4, waiting: 0, paused: [], budgetExhausted: false });
    expect(logs.some((l) => l.code === 'DELIVERY_RESUMED')).toBe(true);
    const rows = (await store.listOutbox()).filter((r) => r.subscriptionId === sub.id);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    expect(sentTo(channel)).toEqual(rows.map((r) => r.messageId));
    expect((await store.listSubscriptions()).map((s) => s.status)).toEqual(['active', 'active']);
  });

  it('keeps the pause across a restart and lifts it at once on resume', async () => {
    await store.subscribe({ ...base, platform, channelId: channel }, T0);
    await queueAlerts(store, story.config.id, 2, T0);
    server().inject({ kind: 'unauthorized' });
    await dispatcher().dispatchDue();
    await store.close();
    store = openSqliteStore(path.join(dir, 'p.db'));
    expect((await store.listPlatformPauses()).map((p) => p.platform)).toEqual([platform]);
    expect((await dispatcher().dispatchDue()).sent).toBe(0);
    expect(await store.resumePlatform(platform)).toMatchObject({ platform, channelId: channel });
    const drained = await drainOutbox(dispatcher(), { clock, budgetMs: 60_000, sleep: async (ms) => clock.advance(ms) });
    expect(drained).toMatchObject({ sent: 2, waiting: 0, paused: [] });
    expect(sentTo(channel)).toHaveLength(2);
  });

  it('lets a drain wait for the probe and the backoff within its budget, without spinning', async () => {
    await store.subscribe({ ...base, platform, channelId: channel }, T0);
    await queueAlerts(store, story.config.id, 2, T0);
    server().inject({ kind: 'unauthorized' });
    await dispatcher().dispatchDue();
    const [head] = await store.listOutbox();
    await store.recordDelivery(head!.id, { status: 'pending', nextAttemptAt: new Date(T0.getTime() + 8 * 60_000), lastError: 'X_HTTP_503: later' });
    const sleeps: number[] = [];
    const sleep = async (ms: number) => void (sleeps.push(ms), clock.advance(ms));
    const drained = await drainOutbox(dispatcher(), { clock, budgetMs: 10 * 60_000, sleep });
    expect(drained).toMatchObject({ sent: 2, waiting: 0, paused: [], budgetExhausted: false });
    expect(sleeps).toEqual([8 * 60_000]);
    expect(drained.passes).toBe(2); // one that finds nothing due, one whose probe succeeds and sends the rest

    await queueAlerts(store, story.config.id, 1, clock.now());
    server().revokeToken();
    const short = await drainOutbox(dispatcher(), { clock, budgetMs: 60_000, sleep });
    expect(short).toMatchObject({ sent: 0, waiting: 1, budgetExhausted: true, passes: 1 });
    expect(short.paused?.map((p) => p.platform)).toEqual([platform]);
  });

  it('stops only the subscription whose channel is gone, and pauses nothing', async () => {
    await store.subscribe({ ...base, platform, channelId: channel }, T0);
    await store.subscribe({ ...base, platform, channelId: second }, T0);
    server().removeChannel(second);
    await queueAlerts(store, story.config.id, 1, T0);
    const pass = await dispatcher().dispatchDue();
    expect(pass).toMatchObject({ sent: 1, dropped: 1, paused: [] });
    const subs = await store.listSubscriptions();
    expect(subs.map((s) => [s.channelId, s.status])).toEqual([
      [channel, 'active'],
      [second, 'stopped'],
    ]);
    expect(subs[1]?.stoppedReason).toMatch(/_CHANNEL_GONE: /);
    clock.advance(1000);
    await queueAlerts(store, story.config.id, 1, clock.now());
    expect(await dispatcher().dispatchDue()).toMatchObject({ sent: 1, dropped: 0, waiting: 0 });
    expect(sentTo(channel)).toHaveLength(2);
  });
});
