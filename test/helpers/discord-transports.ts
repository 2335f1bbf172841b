import type { CommandServices } from '../../commands/command.js';
import { startDiscordGateway, type DiscordGateway } from '../../src/adapters/discord/commands/gateway.js';
import { createDiscordInteractionHandler } from '../../src/adapters/discord/commands/interactions.js';
import type { Logger } from '../../src/core/logger.js';
import { startFakeGateway, type FakeGateway } from '../fakes/discord-gateway.js';
import { createInteractionSigner, startInteractionApi, startInteractionEndpoint, type InteractionApi } from '../fakes/discord-interactions.js';

/** How Discord reaches the bot: it posts interactions to our HTTP endpoint, or the bot holds a gateway connection. */
export type DiscordTransportKind = 'http' | 'gateway';

/** Both transports, for `describe.each`. */
export const DISCORD_TRANSPORTS: readonly DiscordTransportKind[] = ['http', 'gateway'];

/** An interaction's first answer: the HTTP response body, or what the gateway client posted to the callback route. */
export interface InteractionAnswer {
  type: number;
  data?: Record<string, unknown>;
}

/** One transport serving the commands, with the fake Discord behind it. */
export interface DiscordTransport {
  kind: DiscordTransportKind;
  /** The fake REST API: its webhook threads hold the edits and follow-ups of deferred answers. */
  api: InteractionApi;
  /** The fake gateway (gateway transport only). */
  gateway?: FakeGateway;
  /** Delivers an interaction as Discord does (a signed POST, or INTERACTION_CREATE) and resolves with its first answer. */
  send(interaction: { token: string }): Promise<InteractionAnswer>;
  close(): Promise<void>;
}

/** The application and bot token the fakes stand for. */
export const DISCORD_APPLICATION_ID = '111111111111111111';
export const DISCORD_BOT_TOKEN = 'fake-discord-token';

/** Polls `check` every 10 ms until it returns a value (at most `timeoutMs`). */
async function until<T>(check: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Waits for the gateway client's answer to the interaction with `token`: the first callback it posted to `api`. */
export function callbackOf(api: InteractionApi, token: string): Promise<InteractionAnswer> {
  const thread = api.thread(token);
  return until(() => thread.callbacks[0] as InteractionAnswer | undefined, `the answer to interaction ${token}`);
}

/**
 * Starts the production code for `kind` against fakes on 127.0.0.1: the HTTP interactions endpoint
 * (requests signed with a fresh key), or `startDiscordGateway` with a discord.js Client that finds the
 * fake gateway through the fake REST API's `GET /gateway/bot`.
 */
export async function startDiscordTransport(
  kind: DiscordTransportKind,
  options: { services: CommandServices; logger: Logger; deferAfterMs: number; heartbeatIntervalMs?: number },
): Promise<DiscordTransport> {
  if (kind === 'http') {
    const api = await startInteractionApi({ token: DISCORD_BOT_TOKEN, applicationId: DISCORD_APPLICATION_ID });
    const signer = createInteractionSigner();
    const handler = createDiscordInteractionHandler({ ...options, publicKey: signer.publicKey, apiUrl: api.apiUrl, applicationId: DISCORD_APPLICATION_ID });
    const endpoint = await startInteractionEndpoint(handler);
    return {
      kind,
      api,
      async send(interaction) {
        const text = JSON.stringify(interaction);
        const res = await endpoint.post(text, signer.headers(text));
        if (res.status !== 200) throw new Error(`interaction answered ${res.status}: ${JSON.stringify(res.json)}`);
        return res.json as unknown as InteractionAnswer;
      },
      close: async () => void (await Promise.all([endpoint.close(), api.close()])),
    };
  }
  const gateway = await startFakeGateway({
    token: DISCORD_BOT_TOKEN,
    applicationId: DISCORD_APPLICATION_ID,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 1000,
  });
  const api = await startInteractionApi({ token: DISCORD_BOT_TOKEN, applicationId: DISCORD_APPLICATION_ID, gatewayUrl: gateway.url });
  const started = await startDiscordGateway({ token: DISCORD_BOT_TOKEN, apiUrl: api.apiUrl, ...options });
  if (!started.ok) throw new Error(`${started.error.code}: ${started.error.message}`);
  const client: DiscordGateway = started.value;
  return {
    kind,
    api,
    gateway,
    async send(interaction) {
      gateway.dispatch('INTERACTION_CREATE', interaction);
      return callbackOf(api, interaction.token);
    },
    close: async () => {
      await client.stop();
      await Promise.all([gateway.close(), api.close()]);
    },
  };
}

/** Who sends an interaction: a member without Manage Server, an admin with it, or a user in a DM. */
export type Who = 'member' | 'admin' | 'dm';

/** Where the interactions come from. */
export const DISCORD_IDS = { user: '333333333333333333', channel: '222222222222222222', guild: '555555555555555555', bot: '900000000000000001' };

let sequence = 0n;

/**
 * An interaction as Discord sends it, to the endpoint or in INTERACTION_CREATE (the same object):
 * from a guild member (`permissions` as Discord computes them) or a DM user; a component
 * interaction carries the message it is attached to.
 */
export function interactionPayload(type: number, data: Record<string, unknown>, who: Who, permissions: bigint): Record<string, unknown> & { token: string } {
  const id = ((BigInt(Date.now()) - 1_420_070_400_000n) << 22n) | (sequence++ & 0xfffn);
  const user = { id: DISCORD_IDS.user, username: 'reporter', discriminator: '0', global_name: 'Reporter', avatar: null, public_flags: 0 };
  const inGuild = who !== 'dm';
  const place = inGuild
    ? {
        guild_id: DISCORD_IDS.guild,
        guild: { id: DISCORD_IDS.guild, locale: 'en-US', features: [] },
        guild_locale: 'en-US',
        channel: { id: DISCORD_IDS.channel, type: 0, guild_id: DISCORD_IDS.guild, name: 'news', position: 0, flags: 0, permissions: String(permissions) },
        member: {
          user,
          roles: [],
          joined_at: '2024-01-01T00:00:00.000Z',
          deaf: false,
          mute: false,
          flags: 0,
          pending: false,
          nick: null,
          avatar: null,
          permissions: String(permissions),
        },
        context: 0,
      }
    : { user, channel: { id: DISCORD_IDS.channel, type: 1, flags: 0, recipients: [user] }, context: 1 };
  const message =
    type === 3
      ? {
          message: {
            id: String(id - 1n),
            type: 20,
            channel_id: DISCORD_IDS.channel,
            author: { id: DISCORD_IDS.bot, username: 'storywatch', discriminator: '0', avatar: null, bot: true },
            content: '',
            embeds: [],
            components: [],
            attachments: [],
            mentions: [],
            mention_roles: [],
            mention_everyone: false,
            pinned: false,
            tts: false,
            flags: 64,
            timestamp: new Date().toISOString(),
            edited_timestamp: null,
          },
        }
      : {};
  return {
    id: String(id),
    application_id: DISCORD_APPLICATION_ID,
    type,
    token: `interaction-token-${id}`,
    version: 1,
    data: type === 3 ? data : { id: '700000000000000001', type: 1, ...data },
    channel_id: DISCORD_IDS.channel,
    app_permissions: String(permissions),
    locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: inGuild ? { '0': DISCORD_IDS.guild } : { '1': DISCORD_IDS.user },
    attachment_size_limit: 10_485_760,
    ...place,
    ...message,
  };
}
