import { PermissionFlagsBits } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGateway, type FakeGateway } from './fakes/discord-gateway.js';
import { startInteractionApi, type InteractionApi } from './fakes/discord-interactions.js';
import { slashCommandFields, startResponseUrlServer, type ResponseUrlServer } from './fakes/slack-commands-fake.js';
import { startSlackServer, type SlackServer } from './fakes/slack-server.js';
import { startFakeSocketMode, type FakeSocketMode } from './fakes/slack-socket-mode.js';
import { callbackOf, DISCORD_APPLICATION_ID, DISCORD_BOT_TOKEN, interactionPayload } from './helpers/discord-transports.js';
import { startServe, type ServeProcess } from './helpers/serve.js';
import { SLACK_APP_TOKEN } from './helpers/slack-transports.js';

const DAYS = ['2024-01-16', '2024-01-17', '2024-01-18', '2024-01-19', '2024-01-29'];

/**
 * The done-when check of issue 14, item 9: `storywatch serve` given only the tokens (and the fakes'
 * base URLs) serves commands over the Discord gateway and Slack Socket Mode, also after both sockets drop.
 */
describe('storywatch serve with only tokens: Discord gateway and Slack Socket Mode', () => {
  let gateway: FakeGateway;
  let discordApi: InteractionApi;
  let socket: FakeSocketMode;
  let slackApi: SlackServer;
  let hooks: ResponseUrlServer;
  let serve: ServeProcess;

  beforeAll(async () => {
    gateway = await startFakeGateway({ token: DISCORD_BOT_TOKEN, applicationId: DISCORD_APPLICATION_ID, heartbeatIntervalMs: 1000 });
    discordApi = await startInteractionApi({ token: DISCORD_BOT_TOKEN, applicationId: DISCORD_APPLICATION_ID, gatewayUrl: gateway.url });
    socket = await startFakeSocketMode();
    slackApi = await startSlackServer({ socketMode: { appToken: SLACK_APP_TOKEN, openUrl: () => socket.openUrl() } });
    hooks = await startResponseUrlServer();
    serve = await startServe({
      DISCORD_TOKEN: DISCORD_BOT_TOKEN,
      DISCORD_API_URL: discordApi.apiUrl,
      SLACK_BOT_TOKEN: slackApi.token,
      SLACK_APP_TOKEN,
      SLACK_API_URL: slackApi.apiUrl,
    });
  }, 60_000);
  afterAll(async () => {
    await serve.stop();
    await Promise.all([gateway.close(), discordApi.close(), socket.close(), slackApi.close(), hooks.close()]);
  });

  /** /timeline of the seeded story over the gateway: the dates of the answer's lines. */
  const discordTimeline = async (): Promise<string[]> => {
    const option = { name: 'story', type: 3, value: 'iran-pakistan-2024' };
    const interaction = interactionPayload(2, { name: 'timeline', options: [option] }, 'member', PermissionFlagsBits.SendMessages);
    gateway.dispatch('INTERACTION_CREATE', interaction);
    const answer = await callbackOf(discordApi, interaction.token);
    expect(answer).toMatchObject({ type: 4, data: { flags: 64, allowed_mentions: { parse: [] } } });
    const [embed] = (answer.data?.embeds ?? []) as { description: string }[];
    return (embed?.description ?? '').split('\n').map((line) => line.slice(0, 10));
  };
  /** /timeline of the seeded story over Socket Mode: the dates of the acknowledged answer. */
  const slackTimeline = async (): Promise<string[]> => {
    const fields = slashCommandFields({
      command: '/timeline',
      text: 'story:iran-pakistan-2024',
      userId: 'U0SERVE',
      channelId: 'C0SERVE',
      responseUrl: hooks.hook(),
    });
    const ack = await socket.send('slash_commands', fields);
    expect(ack).toMatchObject({ response_type: 'ephemeral' });
    const sections = ((ack?.blocks ?? []) as { type: string; text?: { text: string } }[]).filter((b) => b.type === 'section');
    return sections.flatMap((b) => b.text?.text.split('\n') ?? []).map((line) => line.slice(0, 10));
  };

  it('connects both at start-up and serves no HTTP command endpoint', async () => {
    expect(serve.output()).toContain('Discord: gateway connected');
    expect(serve.output()).toContain('Slack: Socket Mode connected');
    expect(serve.output()).toMatch(/Listening on port \d+ at 127\.0\.0\.1: GET \/healthz, GET \/stories\/<id>,[^\n]* GET \/metrics, POST \/status\/login\n/);
    expect(serve.output()).not.toMatch(/POST \/(discord|slack)/);
    expect(gateway.log.identifies).toMatchObject([{ token: DISCORD_BOT_TOKEN, intents: 1 }]);
    expect(slackApi.requests.filter((r) => r.path === '/api/apps.connections.open')).toHaveLength(1);
    expect((await fetch(`${serve.base}/healthz`)).status).toBe(200);
  });

  it('answers /timeline over the gateway and over Socket Mode, and again after both sockets drop', async () => {
    expect(await discordTimeline()).toEqual(DAYS);
    expect(await slackTimeline()).toEqual(DAYS);
    const readies = gateway.log.readies.length;
    gateway.drop();
    socket.drop();
    await gateway.ready(readies + 1);
    expect(gateway.log.readies.at(-1)).toBe('RESUMED');
    expect(await discordTimeline()).toEqual(DAYS);
    await socket.connected(2);
    expect(await slackTimeline()).toEqual(DAYS);
  });
});
