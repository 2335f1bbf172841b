import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandServices } from '../commands/command.js';
import { COMMANDS } from '../commands/index.js';
import { toDiscordCommands } from '../src/adapters/discord/commands/definitions.js';
import { handleGatewayInteraction, type AutocompleteLike, type ButtonLike, type ChatInputLike } from '../src/adapters/discord/commands/gateway.js';
import { createDiscordInteractionHandler } from '../src/adapters/discord/commands/interactions.js';
import { createReplyPager, type DiscordReplyData } from '../src/adapters/discord/commands/reply.js';
import { createSlackCommandsApp } from '../src/adapters/slack/commands/app.js';
import { createLogger } from '../src/core/logger.js';
import {
  createInteractionSigner,
  startInteractionApi,
  startInteractionEndpoint,
  type InteractionApi,
  type InteractionEndpoint,
} from './fakes/discord-interactions.js';
import { startFeedServer, staticFeed, type FeedServer } from './fakes/feed-server.js';
import { postToSlackEvents, slashCommandForm, startResponseUrlServer, type ResponseUrlServer } from './fakes/slack-commands-fake.js';
import { startSlackServer, type SlackServer } from './fakes/slack-server.js';
import { rss } from './helpers/rss.js';
import { seededServices } from './helpers/services.js';

const GUILD_A = '510000000000000001';
const GUILD_B = '520000000000000002';
const MEMBER = '600000000000000001';
const MOD = '600000000000000002';
const ADMIN_A = '600000000000000003';
const ADMIN_B = '600000000000000004';
const OPERATOR = '600000000000000009';
const SLACK_ADMIN = 'U0ADMIN';
const SLACK_READER = 'U0READER';
const SLACK_OPERATOR = 'U0OPS';
const SECRET = 'permissions-signing-secret';
const NONE = '0';
const MANAGE_CHANNELS = String(PermissionFlagsBits.ManageChannels);
const MANAGE_SERVER = String(PermissionFlagsBits.ManageGuild);

type SlackMessage = { blocks: { type: string; text?: { text: string } }[] };
const slackText = (m: SlackMessage): string =>
  m.blocks
    .map((b) => b.text?.text ?? '')
    .join('\n')
    .replace(/\u200b/gu, '');
const discordText = (data: DiscordReplyData): string =>
  data.embeds
    .map((e) => `${e.title ?? ''}\n${e.description ?? ''}`)
    .join('\n')
    .replace(/\u200b/gu, '');

describe('who may do what, per platform and tenant, audited', () => {
  let services: CommandServices;
  let close: () => Promise<void>;
  let api: InteractionApi;
  let endpoint: InteractionEndpoint;
  let hooks: ResponseUrlServer;
  let slackApi: SlackServer;
  let slackServer: http.Server;
  let eventsUrl: string;
  let feeds: FeedServer;
  const signer = createInteractionSigner();
  const log = createLogger('silent');
  let seq = 0;

  beforeAll(async () => {
    const seeded = await seededServices();
    close = seeded.close;
    services = { ...seeded.services, operators: [OPERATOR, SLACK_OPERATOR] };
    api = await startInteractionApi();
    endpoint = await startInteractionEndpoint(
      createDiscordInteractionHandler({
        publicKey: signer.publicKey,
        apiUrl: api.apiUrl,
        applicationId: api.applicationId,
        logger: log,
        services,
        deferAfterMs: 5000,
      }),
    );
    hooks = await startResponseUrlServer();
    slackApi = await startSlackServer();
    const slack = createSlackCommandsApp({
      mode: 'http',
      signingSecret: SECRET,
      botToken: slackApi.token,
      apiUrl: slackApi.apiUrl,
      services,
      adminUserIds: [SLACK_ADMIN],
      logger: log,
      ackWithinMs: 5000,
    });
    if (slack.mode !== 'http') throw new Error('expected HTTP mode');
    slackServer = http.createServer(slack.requestListener);
    await new Promise<void>((resolve) => slackServer.listen(0, '127.0.0.1', resolve));
    eventsUrl = `http://127.0.0.1:${(slackServer.address() as AddressInfo).port}/slack/events`;
    feeds = await startFeedServer();
    for (const name of ['a', 'b'])
      feeds.route(`/${name}.xml`, staticFeed({ body: rss([{ title: `News ${name}`, link: `https://news.example/${name}`, html: '<p>x</p>' }]) }));
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => slackServer.close(() => resolve()));
    await Promise.all([endpoint.close(), api.close(), hooks.close(), slackApi.close(), feeds.close()]);
    await close();
  });

  /** Runs a Discord command over the signed HTTP endpoint as `user` with `permissions` in `guild` (null: a DM). */
  async function discord(
    name: string,
    options: Record<string, string>,
    who: { user: string; permissions: string; guild: string | null; channel?: string },
  ): Promise<string> {
    seq += 1;
    const body = JSON.stringify({
      type: 2,
      id: String(seq),
      application_id: api.applicationId,
      token: `token-${seq}`,
      channel_id: who.channel ?? '700000000000000001',
      ...(who.guild === null ? { user: { id: who.user } } : { guild_id: who.guild, member: { user: { id: who.user }, permissions: who.permissions } }),
      data: { name, type: 1, options: Object.entries(options).map(([n, value]) => ({ name: n, type: 3, value })) },
    });
    const res = await endpoint.post(body, signer.headers(body));
    expect(res.status).toBe(200);
    return discordText((res.json as { data: DiscordReplyData }).data);
  }

  /** Runs a Slack command over the signed HTTP endpoint. */
  async function slack(command: string, text: string, who: { user: string; channel?: string; team?: string }): Promise<string> {
    const hook = hooks.hook();
    const form = slashCommandForm({
      command,
      text,
      userId: who.user,
      channelId: who.channel ?? 'C0NEWS',
      responseUrl: hook,
      ...(who.team ? { teamId: who.team } : {}),
    });
    const res = await postToSlackEvents(eventsUrl, form, { secret: SECRET });
    return slackText(((res.body as SlackMessage | null) ?? (await hooks.waitFor(hook)).at(-1)) as SlackMessage);
  }

  const auditSince = async (count: number) => (await services.store.listAudit({ limit: count })).reverse();

  it('registers the changing commands with default_member_permissions: Manage Channels to subscribe, Manage Server for feeds and digests, none in DMs', () => {
    const registered = toDiscordCommands(COMMANDS);
    expect(registered.map((c) => [c.name, c.default_member_permissions ?? null, c.dm_permission ?? null])).toEqual([
      ['timeline', null, null],
      ['ask', null, null],
      ['story', null, null],
      ['subscribe', '16', false],
      ['unsubscribe', '16', false],
      ['alert-options', '16', false],
      ['feeds', '32', false],
      ['digest', '32', false],
    ]);
  });

  it('refuses /subscribe and /unsubscribe to a Discord member with permissions "0" and to a Slack non-admin, keeps the subscriptions and their queue, and audits each refusal', async () => {
    const channel = '700000000000000010';
    const sub = await services.store.subscribe(
      { platform: 'discord', channelId: channel, storyId: 'iran-pakistan-2024', alerts: true, digestTime: '08:00', timeZone: 'UTC', tenantId: GUILD_A },
      new Date(),
    );
    const [queued] = await services.store.enqueueDigests([{ subscriptionId: sub.id, day: '2024-01-20', at: new Date() }]);
    const slackSub = await services.store.subscribe(
      { platform: 'slack', channelId: 'C0KEEP', storyId: 'iran-pakistan-2024', alerts: true, digestTime: null, timeZone: null, tenantId: 'T0TEAM' },
      new Date(),
    );

    const member = { user: MEMBER, permissions: NONE, guild: GUILD_A, channel };
    expect(await discord('unsubscribe', {}, member)).toMatch(/^Not allowed\n\/unsubscribe needs the Manage Channels permission\.$/);
    expect(await discord('subscribe', { what: 'alerts' }, member)).toMatch(/^Not allowed\n\/subscribe needs the Manage Channels permission/);
    expect(await slack('/unsubscribe', '', { user: SLACK_READER, channel: 'C0KEEP' })).toMatch(
      /^Not allowed\n\/unsubscribe needs a workspace admin \(listed in SLACK_ADMIN_USERS\)/,
    );
    expect(await slack('/subscribe', 'digest 09:00', { user: SLACK_READER, channel: 'C0KEEP' })).toMatch(/^Not allowed/);

    expect(await services.store.getSubscription(sub.id)).toMatchObject({ status: 'active', alerts: true, digestTime: '08:00' });
    expect(await services.store.getSubscription(slackSub.id)).toMatchObject({ status: 'active', digestTime: null });
    expect((await services.store.listOutbox()).find((o) => o.id === queued?.id)?.status).toBe('pending');
    expect((await auditSince(4)).map((e) => [e.platform, e.tenantId, e.userId, e.action, e.target, e.outcome])).toEqual([
      ['discord', GUILD_A, MEMBER, 'unsubscribe', `channel ${channel}`, 'refused'],
      ['discord', GUILD_A, MEMBER, 'subscribe', `channel ${channel}`, 'refused'],
      ['slack', 'T0TEAM', SLACK_READER, 'unsubscribe', 'channel C0KEEP', 'refused'],
      ['slack', 'T0TEAM', SLACK_READER, 'subscribe', 'channel C0KEEP', 'refused'],
    ]);
  });

  it('lets Manage Channels (Discord) and a Slack admin subscribe and unsubscribe; unsubscribing keeps the record and drops the queue with the reason; all audited', async () => {
    const channel = '700000000000000020';
    const mod = { user: MOD, permissions: MANAGE_CHANNELS, guild: GUILD_A, channel };
    expect(await discord('subscribe', { what: 'digest', time: '07:00' }, mod)).toMatch(/^Subscribed\nThis channel follows .*daily digest at 07:00 UTC/);
    const sub = (await services.store.listSubscriptions()).find((s) => s.channelId === channel);
    expect(sub).toMatchObject({ status: 'active', tenantId: GUILD_A });
    const [queued] = await services.store.enqueueDigests([{ subscriptionId: sub?.id ?? -1, day: '2024-01-21', at: new Date() }]);
    expect(await discord('unsubscribe', {}, mod)).toMatch(/^Unsubscribed\nThis channel no longer follows/);
    expect(await services.store.getSubscription(sub?.id ?? -1)).toMatchObject({ status: 'stopped', stoppedReason: 'unsubscribed', unsubscribedBy: MOD });
    expect((await services.store.listOutbox()).find((o) => o.id === queued?.id)).toMatchObject({
      status: 'dropped',
      lastError: expect.stringMatching(new RegExp(`^UNSUBSCRIBED: the channel was unsubscribed by ${MOD} at `)),
    });
    expect(await discord('feeds', { action: 'list' }, mod)).toMatch(/^Not allowed\n\/feeds needs the Manage Server permission/);
    expect(await discord('subscribe', { what: 'alerts' }, mod)).toMatch(/^Subscribed/);
    expect(await services.store.getSubscription(sub?.id ?? -1)).toMatchObject({ status: 'active', alerts: true, unsubscribedAt: null });

    expect(await slack('/subscribe', 'alerts', { user: SLACK_ADMIN, channel: 'C0ADMIN' })).toMatch(/^Subscribed/);
    expect((await services.store.listSubscriptions()).find((s) => s.channelId === 'C0ADMIN')).toMatchObject({ platform: 'slack', tenantId: 'T0TEAM' });
    expect(await slack('/unsubscribe', '', { user: SLACK_ADMIN, channel: 'C0ADMIN' })).toMatch(/^Unsubscribed/);
    expect((await auditSince(6)).map((e) => [e.platform, e.userId, e.action, e.outcome])).toEqual([
      ['discord', MOD, 'subscribe', 'ok'],
      ['discord', MOD, 'unsubscribe', 'ok'],
      ['discord', MOD, 'feeds.list', 'refused'],
      ['discord', MOD, 'subscribe', 'ok'],
      ['slack', SLACK_ADMIN, 'subscribe', 'ok'],
      ['slack', SLACK_ADMIN, 'unsubscribe', 'ok'],
    ]);
  });

  it('gives each server its own feeds: two guilds see only theirs and cannot remove each other’s; a shared URL is one feed', async () => {
    const adminA = { user: ADMIN_A, permissions: MANAGE_SERVER, guild: GUILD_A };
    const adminB = { user: ADMIN_B, permissions: MANAGE_SERVER, guild: GUILD_B };
    expect(await discord('feeds', { action: 'add', url: feeds.url('/a.xml'), name: 'Feed A' }, adminA)).toMatch(/^Feed added/);
    expect(await discord('feeds', { action: 'add', url: feeds.url('/b.xml'), name: 'Feed B' }, adminB)).toMatch(/^Feed added/);
    const a = await services.store.getFeed(feeds.url('/a.xml'));
    const b = await services.store.getFeed(feeds.url('/b.xml'));
    expect([a?.operatorOwned, b?.operatorOwned]).toEqual([false, false]);
    const listA = await discord('feeds', { action: 'list' }, adminA);
    const listB = await discord('feeds', { action: 'list' }, adminB);
    expect(listA.split('\n').slice(1)).toEqual([expect.stringMatching(new RegExp(`^#${a?.id} Feed A · ok · `))]);
    expect(listB.split('\n').slice(1)).toEqual([expect.stringMatching(new RegExp(`^#${b?.id} Feed B · ok · `))]);

    expect(await discord('feeds', { action: 'remove', url: String(b?.id) }, adminA)).toBe(`Unknown feed\nNo feed ${b?.id} watched by this server.`);
    expect(await discord('feeds', { action: 'remove', url: feeds.url('/b.xml') }, adminA)).toMatch(/^Unknown feed/);
    expect((await services.store.getFeed(b?.id ?? -1))?.state).toBe('active');
    expect((await auditSince(2)).map((e) => [e.tenantId, e.action, e.target, e.outcome])).toEqual([
      [GUILD_A, 'feeds.remove', `feed #${b?.id} ${feeds.url('/b.xml')}`, 'refused'],
      [GUILD_A, 'feeds.remove', `feed #${b?.id} ${feeds.url('/b.xml')}`, 'refused'],
    ]);

    // Guild B adds A's URL: the same feed (fetched once), now watched by both.
    expect(await discord('feeds', { action: 'add', url: feeds.url('/a.xml'), name: 'A for B' }, adminB)).toMatch(new RegExp(`^Feed added\\n#${a?.id} `));
    expect((await services.store.listFeeds()).filter((f) => f.url === feeds.url('/a.xml'))).toHaveLength(1);
    expect(await discord('feeds', { action: 'remove', url: String(a?.id) }, adminA)).toMatch(
      /^Feed removed\nStopped watching .* for this server; its items stay/,
    );
    expect(await discord('feeds', { action: 'list' }, adminA)).toMatch(new RegExp(`#${a?.id} Feed A · removed · `));
    expect((await services.store.getFeed(a?.id ?? -1))?.state).toBe('active');
    expect(await discord('feeds', { action: 'remove', url: String(a?.id) }, adminB)).toMatch(/^Feed removed/);
    expect((await services.store.getFeed(a?.id ?? -1))?.state).toBe('removed');
    expect(await services.store.countItems(a?.id)).toBe(1);

    // Slack workspaces are tenants too.
    expect(await slack('/feeds', 'list', { user: SLACK_ADMIN, team: 'T0OTHER' })).toMatch(/No feeds for this server yet/);
  });

  it('keeps operator-level feeds for operators: refused to a server admin, allowed to an operator (on either platform); DMs change nothing', async () => {
    const seeds = (await services.store.listFeeds())[0];
    expect(seeds).toMatchObject({ name: 'Seeds', operatorOwned: true, state: 'active' });
    const admin = { user: ADMIN_A, permissions: MANAGE_SERVER, guild: GUILD_A };
    expect(await discord('feeds', { action: 'remove', url: String(seeds?.id) }, admin)).toMatch(
      /^Not allowed\nFeed #\d+ is an operator-level feed .*only operators \(STORYWATCH\\_OPERATORS\) may change it\.$/,
    );
    expect((await auditSince(1))[0]).toMatchObject({
      platform: 'discord',
      tenantId: GUILD_A,
      userId: ADMIN_A,
      action: 'feeds.remove',
      outcome: 'refused',
      detail: expect.stringMatching(/^FEED_OPERATOR_ONLY/),
    });
    expect((await services.store.getFeed(seeds?.id ?? -1))?.state).toBe('active');

    // An operator sees every feed, whoever owns it, even without any Discord permission.
    const operator = { user: OPERATOR, permissions: NONE, guild: GUILD_B };
    expect(await discord('feeds', { action: 'list' }, operator)).toMatch(new RegExp(`#${seeds?.id} Seeds · [^\\n]* · operator`));
    expect(await slack('/feeds', 'list', { user: SLACK_OPERATOR })).toMatch(new RegExp(`#${seeds?.id} Seeds · `));
    expect(await discord('subscribe', { what: 'alerts' }, { ...operator, guild: null })).toMatch(
      /^Not allowed\n\/subscribe needs the Manage Channels permission in a server or workspace channel; nothing can be changed from DMs\.$/,
    );
    expect(await slack('/unsubscribe', '', { user: SLACK_OPERATOR, channel: 'D0DIRECT' })).toMatch(/nothing can be changed from DMs/);
    expect(await discord('feeds', { action: 'remove', url: String(seeds?.id) }, operator)).toMatch(/^Feed removed\nStopped watching .* everywhere/);
    expect(await services.store.getFeed(seeds?.id ?? -1)).toMatchObject({ state: 'removed' });
    expect(await services.store.countItems(seeds?.id)).toBe(5);
    expect((await auditSince(1))[0]).toMatchObject({ userId: OPERATOR, action: 'feeds.remove', outcome: 'ok', detail: 'removed by an operator' });
  });

  it('checks the member permissions of every gateway interaction too', async () => {
    const replies: unknown[] = [];
    const interaction = (bitfield: bigint, channelId: string): ChatInputLike => ({
      user: { id: MEMBER },
      channelId,
      guildId: GUILD_A,
      memberPermissions: { bitfield },
      guildLocale: null,
      isChatInputCommand(): this is ChatInputLike {
        return true;
      },
      isButton(): this is ButtonLike {
        return false;
      },
      isAutocomplete(): this is AutocompleteLike {
        return false;
      },
      commandName: 'subscribe',
      options: { data: [{ name: 'what', type: 3, value: 'alerts' }] },
      reply: async (r: unknown) => void replies.push(r),
      deferReply: async () => undefined,
      editReply: async () => undefined,
      followUp: async () => undefined,
      deleteReply: async () => undefined,
    });
    const deps = { services, pager: createReplyPager(), logger: log };
    await handleGatewayInteraction(interaction(0n, '700000000000000030'), deps);
    await handleGatewayInteraction(interaction(PermissionFlagsBits.ManageChannels, '700000000000000031'), deps);
    expect(replies.map((r) => discordText(r as DiscordReplyData).split('\n')[0])).toEqual(['Not allowed', 'Subscribed']);
    expect((await services.store.listSubscriptions()).filter((s) => s.channelId.startsWith('70000000000000003')).map((s) => [s.channelId, s.tenantId])).toEqual(
      [['700000000000000031', GUILD_A]],
    );
    expect((await auditSince(2)).map((e) => [e.userId, e.action, e.outcome])).toEqual([
      [MEMBER, 'subscribe', 'refused'],
      [MEMBER, 'subscribe', 'ok'],
    ]);
  });

  it('/alert-options on both platforms: a moderator sets threads and a ping, a member and another server are refused, all audited', async () => {
    const channel = '700000000000000030';
    const role = '710000000000000001';
    const mod = { user: MOD, permissions: MANAGE_CHANNELS, guild: GUILD_A, channel };
    expect(await discord('subscribe', { what: 'alerts' }, mod)).toMatch(/^Subscribed/);
    const set = { threads: 'on', ping: `<@&${role}>`, kinds: 'military_strike' };
    expect(await discord('alert-options', set, { ...mod, user: MEMBER, permissions: NONE })).toMatch(
      /^Not allowed\n\/alert-options needs the Manage Channels permission/,
    );
    expect(await discord('alert-options', set, mod)).toMatch(
      new RegExp(`^Alert options\nThis channel, alerts of .*: threads on; pings role ${role} on military strike\\.`, 'u'),
    );
    expect(await discord('alert-options', { threads: 'off' }, { user: ADMIN_B, permissions: MANAGE_SERVER, guild: GUILD_B, channel })).toMatch(
      /^Not allowed\nThis subscription belongs to another server or workspace/,
    );
    expect(await slack('/subscribe', 'alerts', { user: SLACK_ADMIN, channel: 'C0OPTIONS' })).toMatch(/^Subscribed/);
    expect(await slack('/alert-options', 'on <!subteam^S0STRIKES|@strikes> military_strike', { user: SLACK_READER, channel: 'C0OPTIONS' })).toMatch(
      /^Not allowed/,
    );
    expect(await slack('/alert-options', 'on <!subteam^S0STRIKES|@strikes> military_strike', { user: SLACK_ADMIN, channel: 'C0OPTIONS' })).toMatch(
      /threads on; pings user group S0STRIKES on military strike/,
    );
    const subs = await services.store.listSubscriptions();
    const settings = await Promise.all(
      subs
        .filter((s) => s.channelId === channel || s.channelId === 'C0OPTIONS')
        .map(async (s) => [s.platform, await services.store.getAlertSettings(s.id)] as const),
    );
    expect(settings.map(([platform, a]) => [platform, a.threads, a.ping?.target])).toEqual([
      ['discord', true, role],
      ['slack', true, 'S0STRIKES'],
    ]);
    const audit = (await auditSince(6)).filter((a) => a.action === 'alert-options');
    expect(audit.map((a) => [a.userId, a.outcome])).toEqual([
      [MEMBER, 'refused'],
      [MOD, 'ok'],
      [ADMIN_B, 'refused'],
      [SLACK_READER, 'refused'],
      [SLACK_ADMIN, 'ok'],
    ]);
  });
});
