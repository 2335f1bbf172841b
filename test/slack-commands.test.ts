import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { CommandServices } from '../commands/command.js';
import { COMMANDS, findCommand } from '../commands/index.js';
import { createSlackCommandsApp } from '../src/adapters/slack/commands/app.js';
import { commandUsage, parseCommandText, parseSlashCommand, splitWords } from '../src/adapters/slack/commands/parse-text.js';
import { EXPIRED_PAGES, PAGE_ACTIONS } from '../src/adapters/slack/commands/reply.js';
import { CANNOT_POST } from '../src/adapters/slack/commands/routes.js';
import { createLogger } from '../src/core/logger.js';
import { startFeedServer, staticFeed, type FeedServer } from './fakes/feed-server.js';
import {
  buttonClickForm,
  postToSlackEvents,
  slashCommandForm,
  startResponseUrlServer,
  type ResponseUrlServer,
  type Signing,
} from './fakes/slack-commands-fake.js';
import { startSlackServer, type SlackServer } from './fakes/slack-server.js';
import { HOSTILE_TITLE } from './helpers/messages.js';
import { rss } from './helpers/rss.js';
import { seededServices } from './helpers/services.js';

const SECRET = 'test-signing-secret-8f2a';
const ADMIN = 'U0ADMIN';
const USER = 'U0READER';
const FIVE_DAYS = ['2024-01-16', '2024-01-17', '2024-01-18', '2024-01-19', '2024-01-29'];
type Message = Record<string, unknown> & { blocks: { type: string; text?: { type: string; text: string }; elements?: Record<string, unknown>[] }[] };

/** Every text of a message: fallback, header, sections, context, buttons. */
function texts(message: Message): string[] {
  const walk = (value: unknown): string[] =>
    Array.isArray(value)
      ? value.flatMap(walk)
      : value && typeof value === 'object'
        ? Object.entries(value).flatMap(([k, v]) => (k === 'text' && typeof v === 'string' ? [v] : walk(v)))
        : [];
  return walk(message);
}
/** The lines of the sections, without the zero-width spaces that fence mrkdwn formatting characters. */
const sectionLines = (m: Message): string[] =>
  m.blocks.filter((b) => b.type === 'section').flatMap((b) => b.text?.text.replace(/\u200b/gu, '').split('\n') ?? []);
const header = (m: Message): string => m.blocks.find((b) => b.type === 'header')?.text?.text ?? '';

describe('Slack slash commands over HTTP (Bolt receiver on our node:http server)', () => {
  let services: CommandServices;
  let closeServices: () => Promise<void>;
  let hooks: ResponseUrlServer;
  let slackApi: SlackServer;
  let feeds: FeedServer;
  let server: http.Server;
  let eventsUrl: string;
  let releaseDispatch: () => void = () => undefined;
  let dispatched = 0;

  beforeAll(async () => {
    const seeded = await seededServices();
    closeServices = seeded.close;
    services = {
      ...seeded.services,
      // `/digest now` waits for this gate, so its answer must go through response_url.
      dispatch: async () => {
        dispatched += 1;
        await new Promise<void>((resolve) => (releaseDispatch = resolve));
        return { sent: 1, edited: 0, retrying: 0, dropped: 0, waiting: 0 };
      },
    };
    hooks = await startResponseUrlServer();
    slackApi = await startSlackServer();
    feeds = await startFeedServer();
    feeds.route('/feed.xml', staticFeed({ body: rss([{ title: 'Local news', link: 'https://news.example/local', html: '<p>Local.</p>' }]) }));
    const slack = createSlackCommandsApp({
      mode: 'http',
      signingSecret: SECRET,
      botToken: slackApi.token,
      apiUrl: slackApi.apiUrl,
      services,
      adminUserIds: [ADMIN],
      logger: createLogger('silent'),
      ackWithinMs: 1000,
    });
    if (slack.mode !== 'http') throw new Error('expected HTTP mode');
    server = http.createServer(slack.requestListener);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    eventsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await Promise.all([hooks.close(), slackApi.close(), feeds.close()]);
    await closeServices();
  });

  /** Posts a signed slash command; returns the HTTP answer and the answer itself (acknowledgement or response_url post). */
  async function slash(command: string, text = '', options: { user?: string; channel?: string; signing?: Partial<Signing>; hook?: string } = {}) {
    const hook = options.hook ?? hooks.hook();
    const form = slashCommandForm({ command, text, userId: options.user ?? USER, channelId: options.channel ?? 'C0NEWS', responseUrl: hook });
    const http = await postToSlackEvents(eventsUrl, form, { secret: SECRET, ...options.signing });
    const answer = async (): Promise<Message> => (http.body as Message | null) ?? ((await hooks.waitFor(hook)).at(-1) as Message);
    return { http, hook, answer };
  }
  const ask = async (command: string, text = '', options: { user?: string; channel?: string } = {}) => (await slash(command, text, options)).answer();

  it('answers a signed /timeline at once with the five dated developments, ephemeral, escaped, links not unfurled', async () => {
    const { http, hook } = await slash('/timeline');
    expect(http.status).toBe(200);
    const m = http.body as Message;
    expect(m).toMatchObject({ response_type: 'ephemeral', unfurl_links: false, unfurl_media: false });
    expect(header(m)).toMatch(/: 5 development\(s\)$/);
    expect(sectionLines(m).map((l) => l.slice(0, 10))).toEqual(FIVE_DAYS);
    expect(sectionLines(m)[0]).toMatch(/^2024-01-16 · military strike: Iran → Pakistan · \d source\(s\) in /);
    expect(hooks.posts(hook)).toEqual([]);
  });

  it('/ask when did Pakistan strike Iran? answers 18 January 2024; the question may name the story', async () => {
    const m = await ask('/ask', 'when did Pakistan strike Iran?');
    expect(header(m)).toBe('Q: when did Pakistan strike Iran?');
    expect(sectionLines(m)[0]).toMatch(/^On 18 January 2024 — military strike: Pakistan → Iran/);
    expect(sectionLines(await ask('/ask', 'story:iran-pakistan-2024 latest'))[0]).toMatch(/^Latest: 29 January 2024/);
  });

  it('the umbrella command serves every command and lists them', async () => {
    expect(sectionLines(await ask('/storywatch', 'timeline')).map((l) => l.slice(0, 10))).toEqual(FIVE_DAYS);
    expect(sectionLines(await ask('/storywatch', 'ask "what happened on 19 January?"'))[0]).toMatch(/^19 January 2024/);
    const help = await ask('/storywatch', 'help');
    expect(sectionLines(help).map((l) => l.split(' ')[0])).toEqual([...COMMANDS.map((c) => `/${c.name}`), '/storywatch']);
    expect(sectionLines(await ask('/storywatch', 'weather'))[0]).toContain('/storywatch weather is not a storywatch command');
  });

  it('refuses a wrong, a missing, a stale or a future-stamped signature with 401, and runs no handler', async () => {
    const now = Math.floor(Date.now() / 1000);
    const attempts = [
      { secret: 'not-the-secret' },
      { headers: null },
      { headers: { 'x-slack-request-timestamp': String(now) } },
      { timestamp: now - 6 * 60 },
      { timestamp: now + 10 * 60 },
      { timestamp: now + 6 * 60 },
    ];
    for (const signing of attempts) {
      const { http, hook } = await slash('/subscribe', 'alerts', { channel: 'C0FORGED', signing });
      expect(http).toEqual({ status: 401, body: null });
      expect(hooks.posts(hook)).toEqual([]);
    }
    expect((await services.store.listSubscriptions()).filter((s) => s.channelId === 'C0FORGED')).toEqual([]);
    expect((await fetch(eventsUrl.replace('/slack/events', '/elsewhere'), { method: 'POST' })).status).toBe(404);
  });

  it('/story gives the state and the status; an unknown story or a bad date gets a clear ephemeral message', async () => {
    expect(sectionLines(await ask('/story'))).toEqual([
      'State: quiet since 2024-01-29',
      'Feeds watched: 1',
      'Items matched: 5',
      expect.stringMatching(/^Developments: 5; last: 2024-01-29 /),
      expect.stringMatching(/^Last fetch: /),
    ]);
    for (const [command, text] of [
      ['/story', 'nope'],
      ['/timeline', 'story:nope'],
      ['/ask', 'latest --story nope'],
    ]) {
      const m = await ask(command as string, text);
      expect(m.response_type).toBe('ephemeral');
      expect(header(m)).toBe('Unknown story');
      expect(sectionLines(m)[0]).toMatch(/^Unknown story "nope"; configured: iran-pakistan-2024/);
    }
    expect(sectionLines(await ask('/timeline', 'from:18/01/2024'))[0]).toBe('from: expected a date like 2024-01-16');
    expect(sectionLines(await ask('/timeline', 'iran-pakistan-2024 2024-01-18 2024-01-19'))).toHaveLength(2);
  });

  it('/ask refuses an empty or a 2,000-character question with a clear message', async () => {
    expect(sectionLines(await ask('/ask'))).toEqual(['question: ask a question']);
    const long = await ask('/ask', 'why '.repeat(500));
    expect(long).toMatchObject({ response_type: 'ephemeral' });
    expect(header(long)).toBe('/ask: invalid input');
    expect(sectionLines(long)).toEqual(['question: ask a question of at most 500 characters']);
  });

  it('/subscribe, /digest now (answered later through response_url) and /unsubscribe act on the channel', async () => {
    expect(sectionLines(await ask('/subscribe', 'digest 07:30 Asia/Karachi', { channel: 'C0DESK', user: ADMIN }))[0]).toContain(
      'alerts off, daily digest at 07:30 Asia/Karachi',
    );
    expect(sectionLines(await ask('/subscribe', 'alerts', { channel: 'C0DESK', user: ADMIN }))[0]).toContain('alerts on, daily digest at 07:30 Asia/Karachi');
    expect(sectionLines(await ask('/subscribe', 'weekly', { user: ADMIN }))[0]).toBe('what: expected alerts or digest');
    const digest = await slash('/digest', 'now', { user: ADMIN, channel: 'C0DESK' });
    expect(digest.http).toEqual({ status: 200, body: null });
    expect(dispatched).toBe(1);
    releaseDispatch();
    const [later] = (await hooks.waitFor(digest.hook)) as Message[];
    expect(later).toMatchObject({ response_type: 'ephemeral' });
    expect(sectionLines(later as Message)).toEqual(['1 digest(s) queued; 1 sent.']);
    expect(sectionLines(await ask('/unsubscribe', '', { channel: 'C0DESK', user: ADMIN }))[0]).toContain('no longer follows');
    expect(sectionLines(await ask('/unsubscribe', '', { channel: 'C0DESK', user: ADMIN }))[0]).toContain('followed no such story');
  });

  it('/feeds and /digest are refused to users not in the admin list; admins add, list and remove feeds', async () => {
    const dispatchedBefore = dispatched;
    for (const [command, text] of [
      ['/feeds', 'list'],
      ['/digest', 'now'],
      ['/storywatch', 'feeds list'],
    ]) {
      const m = await ask(command as string, text);
      expect(header(m)).toBe('Not allowed');
      expect(sectionLines(m)[0]).toContain('listed in SLACK_ADMIN_USERS');
    }
    expect(dispatched).toBe(dispatchedBefore);
    const added = await ask('/feeds', `add ${feeds.url('/feed.xml')} "Local news"`, { user: ADMIN });
    expect(sectionLines(added)[0]).toMatch(/^#(\d+) Local news: 1 item\(s\) recorded as a baseline/);
    const id = /^#(\d+)/.exec(sectionLines(added)[0] ?? '')?.[1];
    expect(sectionLines(await ask('/feeds', 'list', { user: ADMIN })).map((l) => l.split(' · ')[0])).toEqual([`#${id} Local news`]);
    expect(header(await ask('/feeds', `remove ${id}`, { user: ADMIN }))).toBe('Feed removed');
    expect(sectionLines(await ask('/feeds', 'add', { user: ADMIN }))[0]).toBe('url: give the feed URL (or id to remove)');
  });

  it('shares an answer with --share through response_url; where Slack refuses it, the asker gets it ephemerally', async () => {
    const shared = await slash('/timeline', '--share');
    expect(shared.http).toEqual({ status: 200, body: null });
    const m = await shared.answer();
    expect(m.response_type).toBe('in_channel');
    expect(sectionLines(m).map((l) => l.slice(0, 10))).toEqual(FIVE_DAYS);

    const hook = hooks.hook();
    hooks.refuseInChannel(hook);
    await slash('/ask', 'latest --share', { hook, channel: 'G0PRIVATE' });
    const [refused, fallback] = (await hooks.waitFor(hook, 2)) as Message[];
    expect(refused?.response_type).toBe('in_channel');
    expect(fallback?.response_type).toBe('ephemeral');
    expect(sectionLines(fallback as Message)[0]).toBe(CANNOT_POST);
    expect(sectionLines(fallback as Message)[1]).toMatch(/^Latest: 29 January 2024/);
  });

  it('pages long answers with buttons; a click replaces the message with the page; feed text stays inert', async () => {
    const owner = { platform: 'slack' as const, tenantId: 'T0TEAM', userId: ADMIN };
    for (let i = 1; i <= 25; i++)
      await services.store.addFeed({ url: `https://feeds.example/${i}`, name: i === 12 ? HOSTILE_TITLE : `Feed ${i}`, intervalSec: 600 }, new Date(), {
        owner,
      });
    const first = await ask('/feeds', 'list', { user: ADMIN });
    expect(sectionLines(first)).toHaveLength(10);
    expect(texts(first)).toContain('Page 1/3');
    const buttons = first.blocks.find((b) => b.type === 'actions')?.elements ?? [];
    expect(buttons.map((b) => b.action_id)).toEqual([PAGE_ACTIONS.next]);

    const click = async (value: string): Promise<Message> => {
      const hook = hooks.hook();
      const form = buttonClickForm({ actionId: PAGE_ACTIONS.next, value, userId: ADMIN, channelId: 'C0NEWS', responseUrl: hook });
      expect(await postToSlackEvents(eventsUrl, form, { secret: SECRET })).toEqual({ status: 200, body: null });
      return (await hooks.waitFor(hook))[0] as Message;
    };
    const second = await click(String(buttons[0]?.value));
    expect(second).toMatchObject({ replace_original: true, response_type: 'ephemeral', unfurl_links: false });
    expect(texts(second)).toContain('Page 2/3');
    expect(second.blocks.find((b) => b.type === 'actions')?.elements?.map((b) => b.action_id)).toEqual([PAGE_ACTIONS.previous, PAGE_ACTIONS.next]);
    const hostile = sectionLines(second).find((l) => l.includes('&lt;!channel&gt;'));
    expect(hostile).toMatch(/^#\d+ @everyone &lt;!channel&gt; \*\*bold\*\* &lt;@U123&gt; &amp; co · .* · <https:\/\/feeds\.example\/12>$/);
    expect(texts(second).join('\n')).toContain('\u200b*\u200b\u200b*\u200bbold');
    for (const m of [first, second]) expect(texts(m).filter((t) => /<!channel>|<@U123>|<!everyone>|<!here>/.test(t))).toEqual([]);
    expect(await click('unknown-id:1')).toMatchObject({ response_type: 'ephemeral', replace_original: false, text: EXPIRED_PAGES });
  });

  it('keeps every answer within Block Kit limits', async () => {
    const answers = [
      await ask('/timeline'),
      await ask('/feeds', 'list', { user: ADMIN }),
      await ask('/storywatch', 'help'),
      await ask('/ask', 'x'.repeat(400)),
    ];
    for (const m of answers) {
      expect(m.blocks.length).toBeLessThanOrEqual(50);
      expect(header(m).length).toBeLessThanOrEqual(150);
      for (const b of m.blocks) if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000);
      expect(String(m.text).length).toBeGreaterThan(0);
    }
  });
});

describe('Slack command text and names', () => {
  const raw = (name: string, text: string) => parseCommandText(findCommand(name)!, text);

  it('splits words on spaces, keeping quoted values (straight or curly) and apostrophes', () => {
    expect(splitWords(`add https://x.example/feed "Dawn News" name:'A B' --tz="Asia/Karachi"`)).toEqual([
      'add',
      'https://x.example/feed',
      'Dawn News',
      'name:A B',
      '--tz=Asia/Karachi',
    ]);
    expect(splitWords('what’s new “in Quetta” today')).toEqual(['what’s', 'new', 'in Quetta', 'today']);
    expect(splitWords(`"unclosed quote`)).toEqual(['"unclosed', 'quote']);
  });

  it('maps text to options from the definition: required ones by position, the rest named', () => {
    expect(raw('ask', 'when did Pakistan strike Iran?')).toEqual({ ok: true, raw: { question: 'when did Pakistan strike Iran?' } });
    expect(raw('ask', 'story:iran-pakistan-2024 latest --share')).toEqual({ ok: true, raw: { question: 'latest', story: 'iran-pakistan-2024', share: true } });
    expect(raw('subscribe', 'digest 08:00 Asia/Karachi')).toEqual({ ok: true, raw: { what: 'digest', time: '08:00', tz: 'Asia/Karachi' } });
    expect(raw('subscribe', 'digest --tz Europe/Paris time:09:30')).toEqual({ ok: true, raw: { what: 'digest', tz: 'Europe/Paris', time: '09:30' } });
    expect(raw('timeline', 'from:2024-01-18 --share no')).toEqual({ ok: true, raw: { from: '2024-01-18', share: 'no' } });
    expect(raw('feeds', 'remove 3')).toEqual({ ok: true, raw: { action: 'remove', url: '3' } });
    expect(raw('digest', 'now please')).toEqual({ ok: false, error: 'unexpected "please": put a value with spaces in quotes; usage: /digest <now>' });
    expect(raw('timeline', '--since 2024')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^unknown option --since; usage: \/timeline \[story\] \[from\] \[to\] \[--share\]/),
    });
  });

  it('routes by the configured names: a prefix, the umbrella, Slack-escaped text', () => {
    expect(parseSlashCommand('/sw-timeline', 'from:2024-01-18', 'sw-')).toMatchObject({
      kind: 'command',
      def: { name: 'timeline' },
      raw: { from: '2024-01-18' },
    });
    expect(parseSlashCommand('/sw-storywatch', 'ask latest', 'sw-')).toMatchObject({ kind: 'command', def: { name: 'ask' }, raw: { question: 'latest' } });
    expect(parseSlashCommand('/storywatch', '')).toEqual({ kind: 'help' });
    expect(parseSlashCommand('/feeds', 'add <https://x.example/f?a=1&amp;b=2|x.example/f> &lt;b&gt;')).toMatchObject({
      raw: { url: 'https://x.example/f?a=1&b=2', name: '<b>' },
    });
    expect(parseSlashCommand('/weather', '')).toMatchObject({ kind: 'error', title: 'Unknown command' });
  });

  it('the manifest declares every command with the definitions’ descriptions and usage, plus the umbrella', () => {
    const manifest = parseYaml(readFileSync('slack-app-manifest.yml', 'utf8')) as {
      features: { slash_commands: { command: string; description: string; usage_hint: string }[] };
      oauth_config: { scopes: { bot: string[] } };
      settings: { socket_mode_enabled: boolean; interactivity: { is_enabled: boolean } };
    };
    const declared = manifest.features.slash_commands;
    expect(declared.map((c) => c.command)).toEqual([...COMMANDS.map((c) => `/${c.name}`), '/storywatch']);
    for (const def of COMMANDS)
      expect(declared.find((c) => c.command === `/${def.name}`)).toMatchObject({ description: def.description, usage_hint: commandUsage(def) });
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['commands', 'chat:write', 'channels:history', 'groups:history']));
    expect(manifest.settings).toMatchObject({ socket_mode_enabled: true, interactivity: { is_enabled: true } });
  });

  it('builds a Socket Mode app without connecting (start() would open the socket with the app token)', () => {
    const slack = createSlackCommandsApp({
      mode: 'socket',
      appToken: 'xapp-1-A0-fake',
      botToken: 'xoxb-fake',
      services: {} as CommandServices,
      adminUserIds: [],
      logger: createLogger('silent'),
    });
    expect(slack.mode).toBe('socket');
    expect(slack).toMatchObject({ start: expect.any(Function), stop: expect.any(Function) });
  });
});
