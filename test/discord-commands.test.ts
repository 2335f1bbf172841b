import { setTimeout as delay } from 'node:timers/promises';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CommandServices } from '../commands/command.js';
import { COMMANDS } from '../commands/index.js';
import { registerDiscordCommands, toDiscordCommands } from '../src/adapters/discord/commands/definitions.js';
import { createDiscordInteractionHandler } from '../src/adapters/discord/commands/interactions.js';
import type { DiscordReplyData } from '../src/adapters/discord/commands/reply.js';
import { createLogger } from '../src/core/logger.js';
import {
  createInteractionSigner,
  startInteractionApi,
  startInteractionEndpoint,
  type InteractionApi,
  type InteractionEndpoint,
} from './fakes/discord-interactions.js';
import { startFeedServer, type FeedServer } from './fakes/feed-server.js';
import { DISCORD_IDS, DISCORD_TRANSPORTS, interactionPayload, startDiscordTransport, type DiscordTransport, type Who } from './helpers/discord-transports.js';
import { seededServices } from './helpers/services.js';
import { bundledStory } from './helpers/stories.js';

const { user: USER, channel: CHANNEL, guild: GUILD } = DISCORD_IDS;
const DATES = ['2024-01-16', '2024-01-17', '2024-01-18', '2024-01-19', '2024-01-29'];
const RSS =
  '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>Hello</title><link>https://x.example/1</link></item></channel></rss>';
type Answer = { type: number; data: DiscordReplyData & { choices?: { name: string; value: string }[] } };
const log = createLogger('silent');

/** The permissions Discord computes for the sender: Manage Server for an admin. */
const permissions = (who: Who): bigint => (who === 'admin' ? PermissionFlagsBits.ManageGuild : PermissionFlagsBits.SendMessages);
const commandBody = (name: string, options: Record<string, string | boolean> = {}, who: Who = 'member') =>
  interactionPayload(
    2,
    { name, options: Object.entries(options).map(([n, value]) => ({ name: n, type: typeof value === 'boolean' ? 5 : 3, value })) },
    who,
    permissions(who),
  );
const shown = (data: Partial<DiscordReplyData> | Record<string, unknown> | undefined): string =>
  ((data?.embeds ?? []) as { title?: string; description?: string }[]).map((e) => `${e.title}\n${e.description ?? ''}`).join('\n');

describe('Discord interactions endpoint (HTTP only): signatures and command registration', () => {
  const signer = createInteractionSigner();
  let seeded: Awaited<ReturnType<typeof seededServices>>;
  let api: InteractionApi;
  let endpoint: InteractionEndpoint;

  beforeAll(async () => {
    seeded = await seededServices();
    api = await startInteractionApi();
    const handler = createDiscordInteractionHandler({
      publicKey: signer.publicKey,
      apiUrl: api.apiUrl,
      applicationId: api.applicationId,
      logger: log,
      services: seeded.services,
    });
    endpoint = await startInteractionEndpoint(handler);
  });
  afterAll(async () => {
    await Promise.all([endpoint.close(), api.close()]);
    await seeded.close();
  });
  const call = async (body: object) => {
    const text = JSON.stringify(body);
    return endpoint.post(text, signer.headers(text));
  };

  it('answers PING with PONG, and refuses bad signatures, missing headers and stale timestamps with 401', async () => {
    expect((await call({ type: 1, id: '1', application_id: api.applicationId, token: 't' })).json).toEqual({ type: 1 });
    const text = JSON.stringify(commandBody('subscribe', { what: 'alerts' }, 'admin'));
    // Headers are made just before each request, 302 s off: still more than 5 minutes off when the request takes up to a second.
    const now = () => Math.floor(Date.now() / 1000);
    const refused = [
      () => createInteractionSigner().headers(text),
      () => ({ ...signer.headers(text), 'x-signature-ed25519': signer.headers(`${text} `)['x-signature-ed25519'] as string }),
      () => ({}),
      () => ({ 'x-signature-timestamp': String(now()) }),
      () => signer.headers(text, now() - 302),
      () => signer.headers(text, now() + 302),
    ];
    for (const headers of refused) expect((await endpoint.post(text, headers())).status).toBe(401);
    expect(await seeded.services.store.listSubscriptions()).toEqual([]);
    const bad = '{"type": 2,';
    expect((await endpoint.post(bad, signer.headers(bad))).status).toBe(400);
  });

  it('registers every command in one bulk PUT, admin commands behind Manage Server', async () => {
    expect(await registerDiscordCommands({ token: api.token, apiUrl: api.apiUrl, applicationId: api.applicationId, guildId: '444444444444444444' })).toEqual({
      ok: true,
      value: { scope: 'guild', names: COMMANDS.map((c) => c.name) },
    });
    expect((await registerDiscordCommands({ token: api.token, apiUrl: api.apiUrl, applicationId: api.applicationId })).ok).toBe(true);
    const global = api.registered.get('global') ?? [];
    expect(global).toEqual(api.registered.get('444444444444444444')?.map((c) => ({ ...c, id: expect.any(String) })));
    expect(global.filter((c) => c.default_member_permissions === '32' && c.dm_permission === false).map((c) => c.name)).toEqual(['feeds', 'digest']);
    expect(global.filter((c) => c.default_member_permissions === '16' && c.dm_permission === false).map((c) => c.name)).toEqual([
      'subscribe',
      'unsubscribe',
      'alert-options',
    ]);
    expect(global.filter((c) => c.default_member_permissions === undefined).map((c) => c.name)).toEqual(['timeline', 'ask', 'story']);
    expect(global.find((c) => c.name === 'ask')).toMatchObject({
      type: 1,
      options: [
        { name: 'question', type: 3, required: true },
        { name: 'story', autocomplete: true },
        { name: 'share', type: 5 },
      ],
    });
    expect(toDiscordCommands(COMMANDS).find((c) => c.name === 'subscribe')?.options?.[0]).toMatchObject({
      choices: [
        { name: 'alerts', value: 'alerts' },
        { name: 'digest', value: 'digest' },
      ],
    });
    const refused = await registerDiscordCommands({ token: 'wrong', apiUrl: api.apiUrl, applicationId: api.applicationId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'DISCORD_REGISTER_FAILED', permanent: true } });
  });
});

describe.each(DISCORD_TRANSPORTS)('Discord slash commands over %s', (kind) => {
  const story = bundledStory('iran-pakistan-2024');
  let seeded: Awaited<ReturnType<typeof seededServices>>;
  let services: CommandServices;
  let t: DiscordTransport;
  let slow: DiscordTransport;
  let feeds: FeedServer;
  let dispatchMs = 0;

  beforeAll(async () => {
    seeded = await seededServices();
    const dispatch = async () => (await delay(dispatchMs), { sent: 1, edited: 0, retrying: 0, dropped: 0, waiting: 0 });
    services = { ...seeded.services, dispatch };
    const { store } = services;
    t = await startDiscordTransport(kind, { services, logger: log, deferAfterMs: 2000 });
    // The same store behind 200 ms per call: every command that reads it is deferred.
    const slowStore = new Proxy(store, {
      get: (target, prop) => {
        const value: unknown = Reflect.get(target, prop);
        return typeof value !== 'function'
          ? value
          : async (...args: unknown[]) => (await delay(200), (value as (...a: unknown[]) => unknown).apply(target, args));
      },
    });
    slow = await startDiscordTransport(kind, { services: { ...services, store: slowStore }, logger: log, deferAfterMs: 50 });
    feeds = await startFeedServer();
    feeds.route('/rss.xml', (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS));
  });
  afterAll(async () => {
    await Promise.all([t.close(), slow.close(), feeds.close()]);
    await seeded.close();
  });

  const send = async (body: { token: string }, to = t) => (await to.send(body)) as unknown as Answer;
  /** The answer the asker sees: the reply or, when a loaded machine made the command slow enough to be deferred, the edit or follow-up. */
  const run = async (name: string, options: Record<string, string | boolean> = {}, who: Who = 'member', locale?: string): Promise<Answer> => {
    const body = { ...commandBody(name, options, who), ...(locale ? { locale } : {}) };
    const first = await send(body);
    if (first.type !== 5) return first;
    const thread = t.api.thread(body.token);
    await vi.waitFor(() => expect(thread.edits.length + thread.followUps.length).toBeGreaterThan(0), { timeout: 10_000 });
    return { type: first.type, data: thread.followUps[0] ?? { ...thread.edits[0], flags: first.data?.flags } } as unknown as Answer;
  };

  it('answers a timeline command with the five dated developments, ephemeral and inert', async () => {
    const { type, data } = await run('timeline');
    expect(type).toBe(4);
    expect(data.flags).toBe(64);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    expect(data.embeds[0]?.description?.split('\n').map((l) => l.slice(0, 10))).toEqual(DATES);
    expect((await run('timeline', { from: '2024-01-18', to: '2024-01-19', share: true })).data).toMatchObject({
      embeds: [{ description: expect.stringMatching(/^2024-01-18.*\n2024-01-19/) }],
    });
    expect((await run('timeline', { from: 'soon' })).data.embeds[0]?.description).toMatch(/from: expected a date like 2024-01-16/);
  });

  it('answers /ask "when did Pakistan strike Iran?" with 18 January 2024, and refuses empty or 2,000-character questions', async () => {
    expect(shown((await run('ask', { question: 'when did Pakistan strike Iran?' })).data)).toMatch(
      /^2024-01-18 — military strike: Pakistan → Iran \(D\d+; \d+ sources in /m,
    );
    for (const [question, message] of [
      ['', /at least 3 characters/],
      ['x'.repeat(2000), /at most 500 characters/],
    ] as const) {
      const { data } = await run('ask', { question });
      expect(data.flags).toBe(64);
      expect(shown(data)).toMatch(message);
    }
    expect(shown((await run('ask', { question: 'latest', story: 'nope' })).data)).toMatch(/Unknown story[\s\S]*"nope"; configured: iran-pakistan-2024/);
  });

  it('answers /ask from the sources, citing the asker’s Discord language first', async () => {
    const question = 'when did Pakistan strike Iran?';
    expect(shown((await run('ask', { question }, 'member', 'zh-CN')).data)).toMatch(/From the sources:\n“周四，巴基斯坦对伊朗东南部边境省份/);
    expect(shown((await run('ask', { question: 'who mediated?' }, 'member', 'fr')).data)).toMatch(
      /^Q: who mediated\?\nFrom the sources:\n“The United Nations and the United States appealed for restraint, while China offered to mediate\.”/,
    );
  });

  it('shows the story status, and subscribes and unsubscribes the channel', async () => {
    expect(shown((await run('story')).data)).toMatch(/Feeds watched: 1[\s\S]*Developments: 5; last: 2024-01-29/);
    expect(shown((await run('subscribe', { what: 'digest', time: '08:00', tz: 'Asia/Karachi' }, 'admin')).data)).toMatch(/daily digest at 08:00 Asia\/Karachi/);
    expect(await services.store.listSubscriptions()).toMatchObject([{ platform: 'discord', channelId: CHANNEL, digestTime: '08:00', tenantId: GUILD }]);
    expect(shown((await run('subscribe', { what: 'weekly' }, 'admin')).data)).toMatch(/what: expected alerts or digest/);
    expect(shown((await run('unsubscribe', {}, 'admin')).data)).toMatch(/no longer follows/);
    await run('subscribe', { what: 'alerts' }, 'admin');
  });

  it('refuses admin commands without Manage Server (and in DMs), and runs them with it', async () => {
    for (const who of ['member', 'dm'] as const) expect(shown((await run('feeds', { action: 'list' }, who)).data)).toMatch(/Not allowed[\s\S]*Manage Server/);
    expect(shown((await run('feeds', { action: 'list' }, 'admin')).data)).toMatch(/No feeds for this server yet/);
    const added = await run('feeds', { action: 'add', url: feeds.url('/rss.xml'), name: 'local' }, 'admin');
    expect(shown(added.data)).toMatch(/Feed added[\s\S]*1 item\(s\) recorded as a baseline/);
    expect(shown((await run('feeds', { action: 'list' }, 'admin')).data)).toMatch(/^(?![\s\S]*seeds)[\s\S]*#\d+ local · ok/);
    expect(shown((await run('feeds', { action: 'remove', url: feeds.url('/rss.xml') }, 'admin')).data)).toMatch(/Feed removed/);
    expect(shown((await run('unknown-thing')).data)).toMatch(/Unknown command/);
  });

  it('defers a slow /digest now and sends the answer as a follow-up through the webhook', async () => {
    dispatchMs = 2500;
    const body = commandBody('digest', { action: 'now' }, 'admin');
    expect(await send(body)).toEqual({ type: 5, data: { flags: 64 } });
    await vi.waitFor(() => expect(t.api.thread(body.token).edits).toHaveLength(1), { timeout: 10_000 });
    expect(shown(t.api.thread(body.token).edits[0])).toMatch(/Digest[\s\S]*1 digest\(s\) queued; 1 sent/);
    expect(t.api.thread(body.token).edits[0]).toMatchObject({ allowed_mentions: { parse: [] } });
    dispatchMs = 0;
  });

  it('edits the deferred answer of a slow timeline, or follows up when it is ephemeral after a shared deferral', async () => {
    const body = commandBody('timeline');
    expect(await send(body, slow)).toEqual({ type: 5, data: { flags: 64 } });
    await vi.waitFor(() => expect(slow.api.thread(body.token).edits).toHaveLength(1), { timeout: 10_000 });
    expect(DATES.every((d) => shown(slow.api.thread(body.token).edits[0]).includes(d))).toBe(true);
    const shared = commandBody('timeline', { from: '2025-01-01', share: true });
    const deferred = await send(shared, slow);
    expect([deferred.type, (deferred.data?.flags ?? 0) & 64]).toEqual([5, 0]);
    await vi.waitFor(() => expect(slow.api.thread(shared.token).deleted).toBe(true), { timeout: 10_000 });
    expect(slow.api.thread(shared.token).followUps).toMatchObject([{ flags: 64, embeds: [{ description: 'No developments recorded for that period yet.' }] }]);
  });

  it('completes the story option from the typed prefix (the channel subscribed above follows it)', async () => {
    const complete = async (typed: string) =>
      send(interactionPayload(4, { name: 'timeline', options: [{ name: 'story', type: 3, value: typed, focused: true }] }, 'member', permissions('member')));
    expect(await complete('ir')).toEqual({
      type: 8,
      data: { choices: [{ name: `iran-pakistan-2024 — ${story.config.title} (this channel)`, value: 'iran-pakistan-2024' }] },
    });
    expect((await complete('zz')).data.choices).toEqual([]);
  });

  it('pages long answers with buttons, keeps feed text inert, and says when pages expired', async () => {
    const owner = { platform: 'discord' as const, tenantId: GUILD, userId: USER };
    for (let i = 0; i < 24; i++)
      await services.store.addFeed(
        { url: `https://f${i}.example/rss`, name: i === 0 ? '@everyone **boom** <@1234>' : `feed ${i}`, intervalSec: 600 },
        new Date(),
        {
          owner,
        },
      );
    const first = await run('feeds', { action: 'list' }, 'admin');
    expect(first.data.allowed_mentions).toEqual({ parse: [] });
    expect(shown(first.data)).toContain('@\u200beveryone \\*\\*boom\\*\\* <\u200b@1234>');
    expect(first.data.embeds[0]?.footer?.text).toBe('Page 1/3');
    const next = first.data.components[0]?.components[1];
    expect(next).toMatchObject({ label: 'Next ▶', custom_id: expect.stringMatching(/^sw:page:1:/) });
    const click = (customId: string) => send(interactionPayload(3, { custom_id: customId, component_type: 2 }, 'admin', permissions('admin')));
    const turned = await click((next as { custom_id: string }).custom_id);
    expect(turned).toMatchObject({ type: 7, data: { embeds: [{ footer: { text: 'Page 2/3' } }], allowed_mentions: { parse: [] } } });
    expect(turned.data.flags).toBeUndefined();
    expect(shown(turned.data).split('\n').slice(1)).toEqual(
      Array.from({ length: 10 }, () => expect.stringMatching(/^#\d+ feed \d+ · new · every 10m · https:\/\/f\d+\.example\/rss$/)),
    );
    expect(await click('sw:page:1:gone')).toMatchObject({ type: 4, data: { flags: 64, embeds: [{ description: expect.stringMatching(/expired/) }] } });
  });
});
