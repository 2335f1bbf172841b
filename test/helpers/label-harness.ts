import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CommandServices } from '../../commands/command.js';
import { createDiscordInteractionHandler } from '../../src/adapters/discord/commands/interactions.js';
import { createDiscordSender } from '../../src/adapters/discord/discord-sender.js';
import { createSlackCommandsApp } from '../../src/adapters/slack/commands/app.js';
import { createSlackSender } from '../../src/adapters/slack/slack-sender.js';
import { ManualClock } from '../../src/core/clock.js';
import type { Alert } from '../../src/core/development.js';
import { createLogger } from '../../src/core/logger.js';
import { Dispatcher, EDIT_INTERVAL_MS, type DispatchReport } from '../../src/delivery/dispatch.js';
import { createHttpFetcher } from '../../src/pipeline/fetch/http-fetcher.js';
import { processItem } from '../../src/pipeline/process-item.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { createInteractionSigner, startInteractionApi, startInteractionEndpoint } from '../fakes/discord-interactions.js';
import { startDiscordServer, type DiscordServer } from '../fakes/discord-server.js';
import { buttonClickForm, postToSlackEvents, startResponseUrlServer } from '../fakes/slack-commands-fake.js';
import { startSlackServer, type SlackServer } from '../fakes/slack-server.js';
import { bundledStory, seedItems } from './stories.js';

export const STORY = 'iran-pakistan-2024';
export const GUILD = '555555555555555555';
export const DISCORD_CHANNEL = '222222222222222222';
export const SLACK_CHANNEL = 'C0NEWSROOM';
export const TEAM = 'T0TEAM';
/** Discord members who click (Slack readers are U… ids). */
export const READERS = ['333333333333333301', '333333333333333302', '333333333333333303'];
const SECRET = 'feedback-signing-secret';

/** A click's answer: HTTP status, the interaction response type and flags, and its text. */
export interface ClickAnswer {
  status: number;
  type: unknown;
  flags: unknown;
  text: string;
}

/** The seeds' alerts posted to the fake Discord and Slack, and both click endpoints, on one SQLite store. */
export interface LabelHarness {
  dir: string;
  store: SqliteStore;
  clock: ManualClock;
  discord: DiscordServer;
  slack: SlackServer;
  services: CommandServices;
  /** The story's alerts, oldest first. */
  alerts: Alert[];
  /** A signed component interaction (type 3) on the Discord HTTP endpoint. */
  discordClick(customId: string, user: string, where?: { guild?: string | null; channel?: string }): Promise<ClickAnswer>;
  /** A signed block_actions click on Bolt's endpoint; the acknowledgement, and the JSON posted to its response_url. */
  slackClick(actionId: string, user: string, team?: string): Promise<{ status: number; answer: Record<string, unknown> }>;
  /** One dispatch pass once the alerts' edit interval has passed. */
  editPass(): Promise<DispatchReport>;
  close(): Promise<void>;
}

/**
 * Subscribes a Discord and a Slack channel, runs the five seeds through the real pipeline, sends
 * their alerts to the fake servers, and serves the Discord interactions endpoint and Bolt's events.
 */
export async function startLabelHarness(): Promise<LabelHarness> {
  const story = bundledStory(STORY);
  const signer = createInteractionSigner();
  const log = createLogger('silent');
  const clock = new ManualClock(new Date('2024-02-01T08:00:00Z'));
  const dir = mkdtempSync(path.join(tmpdir(), 'storywatch-feedback-'));
  const store = openSqliteStore(path.join(dir, 'sw.db'));
  const [discord, slack, api, hooks] = await Promise.all([
    startDiscordServer({ channels: [DISCORD_CHANNEL] }),
    startSlackServer({ channels: [SLACK_CHANNEL] }),
    startInteractionApi(),
    startResponseUrlServer(),
  ]);
  const base = { storyId: STORY, alerts: true, digestTime: null, timeZone: null };
  await store.subscribe({ ...base, platform: 'discord', channelId: DISCORD_CHANNEL, tenantId: GUILD }, clock.now());
  await store.subscribe({ ...base, platform: 'slack', channelId: SLACK_CHANNEL, tenantId: TEAM }, clock.now());
  const feed = await store.addFeed({ url: 'https://seeds.example/feed', name: 'Seeds', intervalSec: 600 }, clock.now());
  if (!feed.ok) throw new Error(feed.error.message);
  for (const seed of seedItems()) await processItem(seed, feed.value.id, [story], { store, log, now: clock.now() });
  const senders = {
    discord: createDiscordSender({ token: discord.token, apiUrl: discord.apiUrl }),
    slack: createSlackSender({ token: slack.token, apiUrl: slack.apiUrl }),
  };
  const dispatcher = new Dispatcher({ store, senders, stories: [story.config], clock, log });
  // One alert per channel a pass (later ones wait behind the first): pass until nothing is sent.
  while ((await dispatcher.dispatchDue()).sent > 0);
  const services: CommandServices = {
    store,
    stories: [story],
    storyConfigs: [story.config],
    http: createHttpFetcher({ allowPrivateNetworks: true }),
    clock,
    log,
    dispatch: () => dispatcher.dispatchDue(),
    defaultIntervalSec: 600,
  };
  const endpoint = await startInteractionEndpoint(
    createDiscordInteractionHandler({ publicKey: signer.publicKey, apiUrl: api.apiUrl, applicationId: api.applicationId, services, logger: log }),
  );
  const app = createSlackCommandsApp({
    mode: 'http',
    signingSecret: SECRET,
    botToken: slack.token,
    apiUrl: slack.apiUrl,
    services,
    adminUserIds: [],
    logger: log,
  });
  if (app.mode !== 'http') throw new Error('expected HTTP mode');
  const server = http.createServer(app.requestListener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const eventsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  let seq = 0;

  return {
    dir,
    store,
    clock,
    discord,
    slack,
    services,
    alerts: await store.listAlerts(STORY),
    async discordClick(customId, user, where = {}) {
      const guild = where.guild === undefined ? GUILD : where.guild;
      const asker = guild === null ? { user: { id: user } } : { guild_id: guild, member: { user: { id: user }, permissions: '0' } };
      seq += 1;
      const body = JSON.stringify({
        type: 3,
        id: String(seq),
        application_id: api.applicationId,
        token: `click-${seq}`,
        channel_id: where.channel ?? DISCORD_CHANNEL,
        ...asker,
        data: { custom_id: customId, component_type: 2 },
        message: { id: discord.messages(DISCORD_CHANNEL)[0]?.id },
      });
      const res = await endpoint.post(body, signer.headers(body));
      const data = res.json.data as { flags?: number; embeds?: { title: string; description: string }[] } | undefined;
      const embed = data?.embeds?.[0];
      return { status: res.status, type: res.json.type, flags: data?.flags, text: `${embed?.title ?? ''}: ${embed?.description ?? ''}` };
    },
    async slackClick(actionId, user, team = TEAM) {
      const hook = hooks.hook();
      const messageTs = slack.messages(SLACK_CHANNEL)[0]?.ts ?? '';
      const form = buttonClickForm({
        actionId,
        value: actionId,
        userId: user,
        channelId: SLACK_CHANNEL,
        responseUrl: hook,
        teamId: team,
        blockId: 'sw_feedback',
        messageTs,
      });
      const ack = await postToSlackEvents(eventsUrl, form, { secret: SECRET });
      const [answer = {}] = await hooks.waitFor(hook);
      return { status: ack.status, answer };
    },
    editPass() {
      clock.advance(EDIT_INTERVAL_MS + 1000);
      return dispatcher.dispatchDue();
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([endpoint.close(), api.close(), hooks.close(), discord.close(), slack.close()]);
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
