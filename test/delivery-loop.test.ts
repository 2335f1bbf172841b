import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDiscordSender } from '../src/adapters/discord/discord-sender.js';
import { ManualClock } from '../src/core/clock.js';
import { createLogger } from '../src/core/logger.js';
import { Dispatcher } from '../src/delivery/dispatch.js';
import { processItem } from '../src/pipeline/process-item.js';
import { DeliveryLoop } from '../src/scheduler/delivery-loop.js';
import { openSqliteStore, type SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { startDiscordServer, type DiscordServer } from './fakes/discord-server.js';
import { bundledStory, seedItems } from './helpers/stories.js';

const CHANNEL = '112233445566778800';
const T0 = new Date('2024-01-19T12:00:00Z');
/** A tick that does not come during the test (midnight on 1 January). */
const NEVER = '0 0 0 1 1 *';

describe('delivery loop', () => {
  const story = bundledStory('iran-pakistan-2024');
  let store: SqliteStore;
  let discord: DiscordServer;
  let loop: DeliveryLoop;
  const clock = new ManualClock(T0);

  beforeEach(async () => {
    store = openSqliteStore(':memory:');
    discord = await startDiscordServer({ channels: [CHANNEL] });
    const senders = { discord: createDiscordSender({ token: discord.token, apiUrl: discord.apiUrl, timeoutMs: 1000 }) };
    const log = createLogger('silent');
    loop = new DeliveryLoop({ store, dispatcher: new Dispatcher({ store, senders, stories: [story.config], clock, log }), clock, log }, NEVER);
    const feed = await store.addFeed({ url: 'https://seeds.example/feed', name: 'Seeds', intervalSec: 600 }, T0);
    if (!feed.ok) throw new Error(feed.error.message);
    await store.subscribe({ storyId: story.config.id, alerts: true, digestTime: null, timeZone: null, platform: 'discord', channelId: CHANNEL }, T0);
    const first = seedItems().find((s) => s.file.startsWith('000'))!;
    await processItem(first, feed.value.id, [story], { store, log, now: T0 });
  });
  afterEach(async () => {
    await loop.stop();
    await store.close();
    await discord.close();
  });

  it('sends what a feed run queued as soon as it is nudged, without waiting for its tick', async () => {
    expect((await store.listOutbox()).map((r) => r.status)).toEqual(['pending']);
    loop.nudge(); // not started: nothing happens
    loop.start();
    await new Promise((r) => setTimeout(r, 300));
    expect(discord.messages(CHANNEL)).toHaveLength(0);
    loop.nudge();
    loop.nudge(); // during the pass: one more pass follows, which finds nothing left
    await expect.poll(() => discord.messages(CHANNEL).length, { timeout: 5_000 }).toBe(1);
    await loop.stop();
    expect((await store.listOutbox()).map((r) => r.status)).toEqual(['sent']);
    expect(discord.messages(CHANNEL)).toHaveLength(1);
  });
});
