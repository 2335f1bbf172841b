import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandServices } from '../commands/command.js';
import { COMMANDS } from '../commands/index.js';
import { EXPIRED_PAGES, PAGE_ACTIONS } from '../src/adapters/slack/commands/reply.js';
import { CANNOT_POST } from '../src/adapters/slack/commands/routes.js';
import { createLogger } from '../src/core/logger.js';
import { startFeedServer, staticFeed, type FeedServer } from './fakes/feed-server.js';
import { postToSlackEvents, slashCommandForm, startResponseUrlServer, type ResponseUrlServer, type Signing } from './fakes/slack-commands-fake.js';
import { HOSTILE_TITLE } from './helpers/messages.js';
import { rss } from './helpers/rss.js';
import { seededServices } from './helpers/services.js';
import { SLACK_SECRET, SLACK_TRANSPORTS, startSlackTransport, type SlackTransport } from './helpers/slack-transports.js';

const ADMIN = 'U0ADMIN';
const USER = 'U0READER';
const FIVE_DAYS = ['2024-01-16', '2024-01-17', '2024-01-18', '2024-01-19', '2024-01-29'];
type Message = Record<string, unknown> & { blocks: { type: string; text?: { type: string; text: string }; elements?: Record<string, unknown>[] }[] };
const log = createLogger('silent');

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

describe('Slack events endpoint (HTTP only): request signatures', () => {
  let seeded: Awaited<ReturnType<typeof seededServices>>;
  let hooks: ResponseUrlServer;
  let t: SlackTransport;

  beforeAll(async () => {
    seeded = await seededServices();
    hooks = await startResponseUrlServer();
    t = await startSlackTransport('http', { services: seeded.services, adminUserIds: [ADMIN], logger: log, ackWithinMs: 1000 });
  });
  afterAll(async () => {
    await Promise.all([t.close(), hooks.close()]);
    await seeded.close();
  });
  const services = () => seeded.services;
  const eventsUrl = () => t.eventsUrl ?? '';
  const slash = async (command: string, text: string, options: { channel: string; signing: Partial<Signing> }) => {
    const hook = hooks.hook();
    const form = slashCommandForm({ command, text, userId: USER, channelId: options.channel, responseUrl: hook });
    return { http: await postToSlackEvents(eventsUrl(), form, { secret: SLACK_SECRET, ...options.signing }), hook };
  };

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
    expect((await services().store.listSubscriptions()).filter((s) => s.channelId === 'C0FORGED')).toEqual([]);
    expect((await fetch(eventsUrl().replace('/slack/events', '/elsewhere'), { method: 'POST' })).status).toBe(404);
  });
});

describe.each(SLACK_TRANSPORTS)('Slack slash commands over %s', (kind) => {
  let services: CommandServices;
  let closeServices: () => Promise<void>;
  let hooks: ResponseUrlServer;
  let feeds: FeedServer;
  let t: SlackTransport;
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
    feeds = await startFeedServer();
    feeds.route('/feed.xml', staticFeed({ body: rss([{ title: 'Local news', link: 'https://news.example/local', html: '<p>Local.</p>' }]) }));
    t = await startSlackTransport(kind, { services, adminUserIds: [ADMIN], logger: log, ackWithinMs: 1000 });
  });
  afterAll(async () => {
    await Promise.all([t.close(), hooks.close(), feeds.close()]);
    await closeServices();
  });

  /** Sends a slash command; returns the acknowledgement and the answer itself (the acknowledgement or the response_url post). */
  async function slash(command: string, text = '', options: { user?: string; channel?: string; hook?: string } = {}) {
    const hook = options.hook ?? hooks.hook();
    const ack = await t.command({ command, text, userId: options.user ?? USER, channelId: options.channel ?? 'C0NEWS', responseUrl: hook });
    const answer = async (): Promise<Message> => (ack as Message | null) ?? ((await hooks.waitFor(hook)).at(-1) as Message);
    return { ack, hook, answer };
  }
  const ask = async (command: string, text = '', options: { user?: string; channel?: string } = {}) => (await slash(command, text, options)).answer();

  it('answers /timeline at once with the five dated developments, ephemeral, escaped, links not unfurled', async () => {
    const { ack, hook } = await slash('/timeline');
    const m = ack as Message;
    expect(m).toMatchObject({ response_type: 'ephemeral', unfurl_links: false, unfurl_media: false });
    expect(header(m)).toMatch(/: 5 development\(s\)$/);
    expect(sectionLines(m).map((l) => l.slice(0, 10))).toEqual(FIVE_DAYS);
    expect(sectionLines(m)[0]).toMatch(/^2024-01-16 · military strike: Iran → Pakistan · \d sources? in /);
    expect(hooks.posts(hook)).toEqual([]);
  });

  it('/ask when did Pakistan strike Iran? answers 18 January 2024; the question may name the story', async () => {
    const m = await ask('/ask', 'when did Pakistan strike Iran?');
    expect(header(m)).toBe('Q: when did Pakistan strike Iran?');
    expect(sectionLines(m)[0]).toMatch(/^2024-01-18 — military strike: Pakistan → Iran \(D\d+; \d+ sources in /);
    expect(sectionLines(await ask('/ask', 'story:iran-pakistan-2024 latest'))[0]).toMatch(/^Latest: 2024-01-29 — talks: Pakistan, Iran/);
  });

  it('the umbrella command serves every command and lists them', async () => {
    expect(sectionLines(await ask('/storywatch', 'timeline')).map((l) => l.slice(0, 10))).toEqual(FIVE_DAYS);
    expect(sectionLines(await ask('/storywatch', 'ask "what happened on 19 January?"'))[0]).toMatch(/^2024-01-19 — /);
    const help = await ask('/storywatch', 'help');
    expect(sectionLines(help).map((l) => l.split(' ')[0])).toEqual([...COMMANDS.map((c) => `/${c.name}`), '/storywatch']);
    expect(sectionLines(await ask('/storywatch', 'weather'))[0]).toContain('/storywatch weather is not a storywatch command');
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
    expect(digest.ack).toBeNull();
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
    expect(shared.ack).toBeNull();
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
    expect(sectionLines(fallback as Message)[1]).toMatch(/^Latest: 2024-01-29 — talks: Pakistan, Iran/);
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
      expect(await t.click({ actionId: PAGE_ACTIONS.next, value, userId: ADMIN, channelId: 'C0NEWS', responseUrl: hook })).toBeNull();
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
