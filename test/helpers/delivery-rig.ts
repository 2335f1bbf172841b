import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDiscordSender } from '../../src/adapters/discord/discord-sender.js';
import { createSlackSender } from '../../src/adapters/slack/slack-sender.js';
import { ManualClock } from '../../src/core/clock.js';
import type { Item } from '../../src/core/item.js';
import { createLogger } from '../../src/core/logger.js';
import { Dispatcher } from '../../src/delivery/dispatch.js';
import type { CompiledStory } from '../../src/pipeline/match/compile-story.js';
import { processItem } from '../../src/pipeline/process-item.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { startDiscordServer, type DiscordServer } from '../fakes/discord-server.js';
import { startSlackServer, type SlackServer } from '../fakes/slack-server.js';

/** A SQLite store with the seeds' feed, fake Discord and Slack on 127.0.0.1, their real senders and a dispatcher on a manual clock. */
export interface DeliveryRig {
  store: SqliteStore;
  discord: DiscordServer;
  slack: SlackServer;
  clock: ManualClock;
  feedId: number;
  /** The real Discord and Slack senders, pointed at the fakes. */
  senders(): { discord: ReturnType<typeof createDiscordSender>; slack: ReturnType<typeof createSlackSender> };
  /** A new dispatcher over the rig's store, senders and clock. */
  dispatcher(): Dispatcher;
  /** Runs an item through the pipeline for the story, on the rig's feed, at the clock's time. */
  ingest(item: Item): ReturnType<typeof processItem>;
  close(): Promise<void>;
}

/** Starts a delivery rig for `story` with these channels, the clock at `t0`. */
export async function startDeliveryRig(story: CompiledStory, channels: { discord: string[]; slack: string[] }, t0: Date): Promise<DeliveryRig> {
  const dir = mkdtempSync(path.join(tmpdir(), 'storywatch-delivery-'));
  const store = openSqliteStore(path.join(dir, 'd.db'));
  const discord = await startDiscordServer({ channels: channels.discord });
  const slack = await startSlackServer({ channels: channels.slack });
  const clock = new ManualClock(t0);
  const feed = await store.addFeed({ url: 'https://seeds.example/feed', name: 'Seeds', intervalSec: 600 }, t0);
  if (!feed.ok) throw new Error(feed.error.message);
  const log = createLogger('silent');
  const senders = () => ({
    discord: createDiscordSender({ token: discord.token, apiUrl: discord.apiUrl, timeoutMs: 1000 }),
    slack: createSlackSender({ token: slack.token, apiUrl: slack.apiUrl, timeoutMs: 1000 }),
  });
  return {
    store,
    discord,
    slack,
    clock,
    feedId: feed.value.id,
    senders,
    dispatcher: () => new Dispatcher({ store, senders: senders(), stories: [story.config], clock, log }),
    ingest: (item) => processItem(item, feed.value.id, [story], { store, log, now: clock.now() }),
    close: async () => {
      await store.close();
      await Promise.all([discord.close(), slack.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
