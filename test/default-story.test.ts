import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCommand, type CommandContext, type CommandServices } from '../commands/command.js';
import { findCommand } from '../commands/index.js';
import { withExactCommands } from '../src/adapters/slack/commands/routes.js';
import { createLogger } from '../src/core/logger.js';
import type { Platform } from '../src/core/subscription.js';
import { findStory } from '../src/pipeline/match/find-story.js';
import { DISCORD_IDS, DISCORD_TRANSPORTS, interactionPayload, startDiscordTransport, type DiscordTransport } from './helpers/discord-transports.js';
import { startResponseUrlServer, type ResponseUrlServer } from './fakes/slack-commands-fake.js';
import { runCli } from './helpers/cli.js';
import { seededServices } from './helpers/services.js';
import { SLACK_TRANSPORTS, startSlackTransport, type SlackTransport } from './helpers/slack-transports.js';
import { bundledStory } from './helpers/stories.js';

const log = createLogger('silent');
const IRAN = 'iran-pakistan-2024';
const KARABAKH = 'nagorno-karabakh-2023';
const FIVE_DAYS = ['2024-01-16', '2024-01-17', '2024-01-18', '2024-01-19', '2024-01-29'];

/** The seeded Iran–Pakistan timeline, with both bundled stories configured (as config/ ships them). */
async function twoStories(): Promise<{ services: CommandServices; close(): Promise<void> }> {
  const seeded = await seededServices();
  const stories = [bundledStory(IRAN), bundledStory(KARABAKH)];
  return { services: { ...seeded.services, stories, storyConfigs: stories.map((s) => s.config) }, close: seeded.close };
}

/** Makes a channel follow these stories (alerts), as /subscribe does. */
async function follow(services: CommandServices, platform: Platform, channelId: string, storyIds: string[]): Promise<void> {
  for (const storyId of storyIds)
    await services.store.subscribe({ platform, channelId, storyId, alerts: true, digestTime: null, timeZone: null, tenantId: 'T' }, new Date());
}

describe('the story a command is about, platform-neutral', () => {
  let seeded: Awaited<ReturnType<typeof twoStories>>;
  beforeAll(async () => {
    seeded = await twoStories();
    await follow(seeded.services, 'slack', 'C0ONE', [IRAN]);
    await follow(seeded.services, 'slack', 'C0BOTH', [IRAN, KARABAKH]);
  });
  afterAll(async () => seeded.close());
  const ctx = (over: Partial<CommandContext>): CommandContext => ({
    platform: 'slack',
    userId: 'U1',
    channelId: 'C0NONE',
    tenantId: 'T',
    level: 'member',
    services: seeded.services,
    ...over,
  });

  it("uses the channel's one story, asks in a channel with several or none, and never guesses from the CLI", async () => {
    const timeline = findCommand('timeline')!;
    expect((await runCommand(timeline, {}, ctx({ channelId: 'C0ONE' }))).lines.map((l) => l.slice(0, 10))).toEqual(FIVE_DAYS);
    const both = await runCommand(timeline, {}, ctx({ channelId: 'C0BOTH' }));
    expect(both).toMatchObject({ title: 'Which story?', failure: { code: 'STORY_NOT_CHOSEN', badInput: true } });
    expect(both.lines).toEqual([
      'This channel follows 2 stories; name the one you mean:',
      expect.stringMatching(/^iran-pakistan-2024 \(.+\): \/timeline story:iran-pakistan-2024$/),
      expect.stringMatching(/^nagorno-karabakh-2023 \(.+\): \/timeline story:nagorno-karabakh-2023$/),
    ]);
    expect((await runCommand(timeline, {}, ctx({}))).lines[0]).toBe('2 stories are configured and this channel follows none; name one:');
    // The CLI names the channel by hand: only --story or a single configured story decides.
    const cli = await runCommand(findCommand('story')!, {}, ctx({ channelId: 'C0ONE', cli: true, level: 'operator' }));
    expect(cli.failure?.code).toBe('STORY_NOT_FOUND');
    expect(cli.lines[0]).toMatch(/^2 stories are configured; name one with --story: iran-pakistan-2024 \(.+\), nagorno-karabakh-2023 \(.+\)\.$/);
    expect((await runCommand(timeline, { story: KARABAKH }, ctx({ channelId: 'C0ONE' }))).lines[0]).toBe('No developments recorded for that period yet.');
  });

  it('the CLI with one story configured uses it, with several it lists them', async () => {
    const [one] = seeded.services.storyConfigs;
    expect(findStory([one!], undefined)).toMatchObject({ ok: true, value: { id: IRAN } });
    const dir = mkdtempSync(path.join(tmpdir(), 'storywatch-default-story-'));
    try {
      mkdirSync(path.join(dir, 'config', 'stories'), { recursive: true });
      const db = ['--db', path.join(dir, 's.db')];
      const several = await runCli(['--config', 'config', ...db, 'timeline']);
      expect([several.code, several.err.trim()]).toEqual([
        2,
        expect.stringMatching(
          /^storywatch: STORY_NOT_FOUND: 2 stories are configured; name one with --story: iran-pakistan-2024 \(.+\), nagorno-karabakh-2023 \(.+\)\.$/u,
        ),
      ]);
      cpSync(path.join('config', 'stories', `${KARABAKH}.yml`), path.join(dir, 'config', 'stories', `${KARABAKH}.yml`));
      const single = await runCli(['--config', path.join(dir, 'config'), ...db, 'timeline']);
      expect([single.code, single.out]).toEqual([0, expect.stringMatching(/^State: no development yet$/mu)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('Slack writes the exact command typed, prefix and options kept, for each choice', () => {
    const reply = { ephemeral: true, title: 'Which story?', lines: ['intro', 'x'], choose: { option: 'story', values: [{ value: 'a', label: 'a (A)' }] } };
    expect(withExactCommands(reply, '/sw-timeline', ' from:2024-01-18 ').lines).toEqual(['intro', 'a (A): /sw-timeline from:2024-01-18 story:a']);
    expect(withExactCommands({ ...reply, choose: undefined }, '/x', '')).toMatchObject({ lines: ['intro', 'x'] });
  });
});

describe.each(DISCORD_TRANSPORTS)('Discord over %s: the channel’s story by default', (kind) => {
  let seeded: Awaited<ReturnType<typeof twoStories>>;
  let t: DiscordTransport;
  const perms = PermissionFlagsBits.SendMessages;
  beforeAll(async () => {
    seeded = await twoStories();
    t = await startDiscordTransport(kind, { services: seeded.services, logger: log, deferAfterMs: 2000 });
  });
  afterAll(async () => {
    await t.close();
    await seeded.close();
  });
  type Answer = { type: number; data?: { embeds?: { title?: string; description?: string }[]; choices?: { name: string; value: string }[] } };
  const run = async (name: string): Promise<Answer> => {
    const body = interactionPayload(2, { name, options: [] }, 'member', perms);
    const first = (await t.send(body)) as Answer;
    if (first.type !== 5) return first;
    const thread = t.api.thread(body.token);
    await vi.waitFor(() => expect(thread.edits.length).toBeGreaterThan(0), { timeout: 10_000 });
    return { type: 4, data: thread.edits[0] as Answer['data'] };
  };
  const complete = async (typed: string) =>
    ((await t.send(interactionPayload(4, { name: 'timeline', options: [{ name: 'story', type: 3, value: typed, focused: true }] }, 'member', perms))) as Answer)
      .data?.choices ?? [];

  it("/timeline without a story answers for the channel's one story; with several it asks, and completion offers the channel's first", async () => {
    expect((await run('timeline')).data?.embeds?.[0]?.title).toBe('Which story?');
    expect((await complete('')).map((c) => c.value)).toEqual([IRAN, KARABAKH]);
    await follow(seeded.services, 'discord', DISCORD_IDS.channel, [KARABAKH]);
    expect((await complete('')).map((c) => [c.value, c.name.endsWith('(this channel)')])).toEqual([
      [KARABAKH, true],
      [IRAN, false],
    ]);
    expect((await complete('ir')).map((c) => c.value)).toEqual([IRAN]);
    expect((await run('timeline')).data?.embeds?.[0]?.description).toBe('No developments recorded for that period yet.');
    await seeded.services.store.unsubscribe('discord', DISCORD_IDS.channel, KARABAKH);
    await follow(seeded.services, 'discord', DISCORD_IDS.channel, [IRAN]);
    const answer = await run('timeline');
    expect(answer.data?.embeds?.[0]?.description?.split('\n').map((l) => l.slice(0, 10))).toEqual(FIVE_DAYS);
    await follow(seeded.services, 'discord', DISCORD_IDS.channel, [KARABAKH]);
    const asked = (await run('story')).data?.embeds?.[0];
    expect(asked?.title).toBe('Which story?');
    expect(asked?.description).toMatch(/This channel follows 2 stories[\s\S]*\/story story:iran-pakistan-2024[\s\S]*\/story story:nagorno-karabakh-2023/);
  });
});

describe.each(SLACK_TRANSPORTS)('Slack over %s: the channel’s story by default', (kind) => {
  let seeded: Awaited<ReturnType<typeof twoStories>>;
  let t: SlackTransport;
  let hooks: ResponseUrlServer;
  beforeAll(async () => {
    seeded = await twoStories();
    await follow(seeded.services, 'slack', 'C0ONE', [IRAN]);
    await follow(seeded.services, 'slack', 'C0BOTH', [IRAN, KARABAKH]);
    hooks = await startResponseUrlServer();
    t = await startSlackTransport(kind, { services: seeded.services, adminUserIds: [], logger: log, ackWithinMs: 1000 });
  });
  afterAll(async () => {
    await Promise.all([t.close(), hooks.close()]);
    await seeded.close();
  });
  type Message = { response_type?: string; blocks: { type: string; text?: { text: string } }[] };
  const ask = async (command: string, text: string, channelId: string): Promise<Message> => {
    const hook = hooks.hook();
    const ack = (await t.command({ command, text, userId: 'U0READER', channelId, responseUrl: hook })) as Message | null;
    return ack ?? ((await hooks.waitFor(hook)).at(-1) as Message);
  };
  const lines = (m: Message) => m.blocks.filter((b) => b.type === 'section').flatMap((b) => b.text?.text.replace(/\u200b/gu, '').split('\n') ?? []);

  it("/timeline without a story answers for the channel's one story; with several, an ephemeral list of the exact commands", async () => {
    expect(lines(await ask('/timeline', '', 'C0ONE')).map((l) => l.slice(0, 10))).toEqual(FIVE_DAYS);
    const asked = await ask('/timeline', 'from:2024-01-18', 'C0BOTH');
    expect(asked.response_type).toBe('ephemeral');
    const choices = lines(asked);
    expect(choices[0]).toBe('This channel follows 2 stories; name the one you mean:');
    expect(choices.slice(1).map((l) => l.replace(/^.*: (?=\/)/u, ''))).toEqual([
      `/timeline from:2024-01-18 story:${IRAN}`,
      `/timeline from:2024-01-18 story:${KARABAKH}`,
    ]);
    // The command listed is the one to type: it answers.
    const [command, ...words] = (choices[1] ?? '').replace(/^.*: (?=\/)/u, '').split(' ');
    expect(lines(await ask(command ?? '', words.join(' '), 'C0BOTH')).map((l) => l.slice(0, 10))).toEqual(FIVE_DAYS.slice(2));
    expect(lines(await ask('/storywatch', 'ask latest', 'C0BOTH')).at(-1)).toMatch(/: \/storywatch ask latest story:nagorno-karabakh-2023$/);
  });
});
