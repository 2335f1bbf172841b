import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCommand, note, runCommand, type CommandContext, type CommandServices } from '../commands/command.js';
import { feedsCommand } from '../commands/feeds.js';
import { COMMANDS } from '../commands/index.js';
import { subscribeCommand } from '../commands/subscribe.js';
import { toDiscordCommands } from '../src/adapters/discord/commands/definitions.js';
import { commandUsage, helpLines, parseCommandText } from '../src/adapters/slack/commands/parse-text.js';
import { runDefinition } from '../src/cli/run-definition.js';
import { startFeedServer, staticFeed, type FeedServer } from './fakes/feed-server.js';
import { rss } from './helpers/rss.js';
import { seededServices } from './helpers/services.js';

/** A command whose `what` choices are given: the same definition, one choice more or less. */
function withChoices(choices: [string, ...string[]]) {
  return defineCommand({
    name: 'notify',
    description: 'Test command',
    schema: z.object({
      what: z.enum(choices, { message: `expected ${choices.join(' or ')}` }).describe('what to send'),
      note: z.string().describe('a note').optional(),
      loud: z.boolean().describe('say it loudly').optional(),
      secret: z.string().meta({ description: 'only the CLI sets it', cliOnly: true }).optional(),
    }),
    handler: async (input) => ({ ...note('Sent', input.what), done: input.what }),
  });
}

describe('one definition per command drives Discord, Slack and the CLI', () => {
  let services: CommandServices;
  let close: () => Promise<void>;
  let feeds: FeedServer;
  const cli = (over: Partial<CommandContext> = {}): CommandContext => ({
    platform: null,
    channelId: null,
    userId: 'ops',
    tenantId: null,
    level: 'operator',
    cli: true,
    services,
    ...over,
  });
  const chat = (over: Partial<CommandContext> = {}): CommandContext => ({
    platform: 'slack',
    userId: 'U0ADMIN',
    channelId: 'C0DEFINED',
    tenantId: 'T0TEAM',
    level: 'server-admin',
    services,
    ...over,
  });

  beforeAll(async () => {
    const seeded = await seededServices();
    close = seeded.close;
    services = { ...seeded.services, defaultIntervalSec: 900 };
    feeds = await startFeedServer();
    for (const name of ['a', 'b'])
      feeds.route(`/${name}.xml`, staticFeed({ body: rss([{ title: `News ${name}`, link: `https://news.example/${name}`, html: '<p>x</p>' }]) }));
  });
  afterAll(async () => {
    await feeds.close();
    await close();
  });

  it('a choice added to the schema appears in the Discord registration, the Slack usage and parsing, and the CLI validation', async () => {
    const before = withChoices(['alerts', 'digest']);
    const after = withChoices(['alerts', 'digest', 'weekly']);
    const choices = (def: typeof before) => toDiscordCommands([def])[0]?.options?.find((o) => o.name === 'what');
    expect(choices(before)).toMatchObject({
      type: 3,
      required: true,
      description: 'what to send',
      choices: [
        { name: 'alerts', value: 'alerts' },
        { name: 'digest', value: 'digest' },
      ],
    });
    expect(choices(after)).toMatchObject({ choices: [{ value: 'alerts' }, { value: 'digest' }, { value: 'weekly' }] });
    expect([commandUsage(before), commandUsage(after)]).toEqual(['<alerts|digest> [note] [--loud]', '<alerts|digest|weekly> [note] [--loud]']);

    const slack = async (def: typeof before, text: string) => {
      const parsed = parseCommandText(def, text);
      if (!parsed.ok) throw new Error(parsed.error);
      return runCommand(def, parsed.raw, chat());
    };
    expect((await slack(before, 'weekly')).lines).toEqual(['what: expected alerts or digest']);
    expect((await slack(after, 'weekly --loud')).lines).toEqual(['weekly']);

    await expect(runDefinition(before, { what: 'weekly' }, cli(), 'NOTIFY_INVALID')).rejects.toThrow('NOTIFY_INVALID: --what: expected alerts or digest');
    expect(await runDefinition(after, { what: 'weekly' }, cli(), 'NOTIFY_INVALID')).toBe('weekly');
  });

  it('keeps cliOnly options off the chat platforms', () => {
    const def = withChoices(['alerts']);
    expect(def.options.map((o) => o.name)).toEqual(['what', 'note', 'loud']);
    expect(toDiscordCommands([def])[0]?.options?.map((o) => o.name)).toEqual(['what', 'note', 'loud']);
    expect(parseCommandText(def, 'alerts --secret x')).toMatchObject({ ok: false, error: expect.stringMatching(/^unknown option --secret/) });
    expect(feedsCommand.options.map((o) => o.name)).toEqual(['action', 'url', 'name', 'file', 'interval', 'language']);
  });

  it('derives the real commands’ Slack help and Discord options from their schemas', () => {
    expect(helpLines()).toContain('/feeds <add|list|remove|import> [url] [name] [file] [interval] [language] — Manage watched feeds (admins)');
    const feeds = toDiscordCommands(COMMANDS).find((c) => c.name === 'feeds');
    expect(feeds?.options?.map((o) => [o.name, o.required])).toEqual([
      ['action', true],
      ['url', false],
      ['name', false],
      ['file', false],
      ['interval', false],
      ['language', false],
    ]);
    expect(feeds?.options?.find((o) => o.name === 'file')?.type).toBe(11);
    expect(feeds?.default_member_permissions).toBe('32');
  });

  it('checks the channel id the same way for a chat channel and the CLI’s --channel', async () => {
    const fromChat = await runCommand(subscribeCommand, { what: 'alerts' }, chat({ channelId: 'general', level: 'channel-admin' }));
    expect(fromChat.lines).toEqual(['channel: a Slack channel id looks like C0123ABCDEF']);
    await expect(
      runDefinition(subscribeCommand, { what: 'alerts' }, cli({ platform: 'discord', channelId: '#general' }), 'SUBSCRIPTION_INVALID'),
    ).rejects.toThrow('SUBSCRIPTION_INVALID: --channel: a Discord channel id is a number of 17–20 digits');
    await expect(
      runDefinition(subscribeCommand, { what: 'alerts', tz: 'Asia/Karachi' }, cli({ platform: 'slack', channelId: 'C0DEFINED' }), 'SUBSCRIPTION_INVALID'),
    ).rejects.toThrow('SUBSCRIPTION_INVALID: --tz: a time zone goes with a digest');
    expect(await services.store.listSubscriptions()).toEqual([]);
  });

  it('adds a feed at the configured default interval from chat and from the CLI, and lets only operators backfill', async () => {
    expect((await runCommand(feedsCommand, { action: 'add', url: feeds.url('/a.xml'), backfill: true }, chat())).lines[0]).toMatch(
      /^Only operators may backfill/,
    );
    expect((await runCommand(feedsCommand, { action: 'add', url: feeds.url('/a.xml') }, chat())).title).toBe('Feed added');
    expect((await runCommand(feedsCommand, { action: 'list' }, chat())).lines).toEqual([expect.stringMatching(/ · every 15m · /)]);
    const added = await runDefinition(feedsCommand, { action: 'add', url: feeds.url('/b.xml'), interval: '2h' }, cli(), 'FEED_INVALID');
    expect(added).toMatchObject({ action: 'add', intervalSec: 7200 });
    await expect(runDefinition(feedsCommand, { action: 'add', url: feeds.url('/b.xml') }, cli(), 'FEED_INVALID')).rejects.toMatchObject({
      message: expect.stringMatching(/^FEED_EXISTS: /),
      exitCode: 1,
    });
    const audit = (await services.store.listAudit({ limit: 4 })).reverse();
    expect(audit.map((e) => [e.platform, e.userId, e.action, e.outcome])).toEqual([
      ['slack', 'U0ADMIN', 'feeds.add', 'refused'],
      ['slack', 'U0ADMIN', 'feeds.add', 'ok'],
      ['cli', 'ops', 'feeds.add', 'ok'],
      ['cli', 'ops', 'feeds.add', 'refused'],
    ]);
  });
});
