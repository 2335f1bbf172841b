import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordSender } from '../src/adapters/discord/discord-sender.js';
import { inertDiscord, renderDiscord } from '../src/adapters/discord/render.js';
import { escapeSlack, renderSlack, type SlackBlock, type SlackMessage } from '../src/adapters/slack/render.js';
import { createSlackSender } from '../src/adapters/slack/slack-sender.js';
import type { DevelopmentView, OutboundMessage } from '../src/delivery/message.js';
import { normalizeItem } from '../src/pipeline/normalize/normalize-item.js';
import { startDiscordServer, type DiscordServer } from './fakes/discord-server.js';
import { startSlackServer, type SlackServer } from './fakes/slack-server.js';
import { D4, D5, VI_SOURCE, firstAlert } from './helpers/messages.js';

/**
 * Regression tests for issue 11's injection cases that already held: feed text reaching Discord or Slack
 * pings nobody and renders literally (role, channel and special mentions, masked links, code fences,
 * headings, subtext), and `javascript:` and other non-http links never become links.
 */

const DISCORD_CHANNEL = '1197000000000000001';
const SLACK_CHANNEL = 'C06EXAMPLE1';
const ZW = '\u200b';

/** Every Discord and Slack markup a feed title could carry to ping people or take over the message. */
const ATTACKS = [
  '@everyone',
  '@here',
  '<@&1197000000000000009>',
  '<@!333333333333333333>',
  '<#1197000000000000001>',
  '</ban:1>',
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<!subteam^S0123ABC|@team>',
  '<@U0123ABC>',
  '<#C0123ABC|general>',
  '[click me](https://evil.example/x)',
  '[a](<https://evil.example/y>)',
  '<https://evil.example/z|click me>',
  '```js\nfetch("x")\n```',
  '`code`',
  '**bold**',
  '__under__',
  '~~strike~~',
  '||spoiler||',
].join(' ');
const HEADINGS = ['# Big', '## Big', '-# small', '> quote', '>>> block', '- item', '1. item'];

/** An alert whose summary, label, source title and feed name all carry `text`. */
function hostile(text: string, link: string | null = D4.link): OutboundMessage {
  const dev: DevelopmentView = { ...D4, label: text, summary: text, link };
  return {
    type: 'alert',
    storyId: 'iran-pakistan-2024',
    storyTitle: 'Story',
    developments: [dev],
    context: [{ ...D5, label: text, link }],
    source: { ...VI_SOURCE, title: text, feedName: text, link },
  };
}

function hostileDigest(text: string, link: string | null): OutboundMessage {
  const dev: DevelopmentView = { ...D4, label: text, summary: text, link };
  return {
    type: 'digest',
    storyId: 'iran-pakistan-2024',
    storyTitle: 'Story',
    day: '2024-01-30',
    timeZone: 'UTC',
    developments: [dev, { ...D5, link }],
    latest: dev,
  };
}

function quietDigest(link: string | null): OutboundMessage {
  return { type: 'digest', storyId: 'iran-pakistan-2024', storyTitle: 'Story', day: '2024-01-31', timeZone: 'UTC', developments: [], latest: { ...D5, link } };
}

/** Every string a Discord body shows. */
function discordTexts(message: OutboundMessage): string[] {
  return renderDiscord(message).flatMap((body) => [
    body.content ?? '',
    ...(body.embeds ?? []).flatMap((e) => [e.title ?? '', e.description ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value])]),
  ]);
}

/** Every mrkdwn text a Slack message shows. */
function slackTexts(message: OutboundMessage): string[] {
  const ofBlock = (block: SlackBlock): string[] => {
    if (block.type === 'divider') return [];
    if (block.type === 'actions') return block.elements.map((e) => e.text.text);
    if (block.type === 'context') return block.elements.map((e) => e.text);
    if (block.type === 'header') return [];
    return [block.text.text, ...(block.fields ?? []).map((f) => f.text)];
  };
  return renderSlack(message).flatMap((m: SlackMessage) => [m.text, ...m.blocks.flatMap(ofBlock)]);
}

let discord: DiscordServer;
let slack: SlackServer;
beforeAll(async () => {
  discord = await startDiscordServer({ channels: [DISCORD_CHANNEL] });
  slack = await startSlackServer({ channels: [SLACK_CHANNEL] });
});
afterAll(async () => {
  await Promise.all([discord.close(), slack.close()]);
});

describe('mention and markdown injection on Discord', () => {
  it('breaks role, user, channel, command and everyone mentions, and escapes masked links and code fences', () => {
    const shown = discordTexts(hostile(ATTACKS)).join('\n');
    expect(shown).not.toMatch(/<[@#/]|@everyone|@here/u);
    expect(shown).not.toMatch(/(?<!\\)\[[^\]]*(?<!\\)\]\(/u);
    expect(shown).not.toMatch(/(?<!\\)```|(?<!\\)\*\*bold|(?<!\\)\|\|spoiler/u);
    expect(shown).toContain(`<${ZW}@&1197000000000000009>`);
    expect(shown).toContain('\\[click me\\](https://evil.example/x)');
    expect(shown).toContain('\\`\\`\\`js fetch("x") \\`\\`\\`');
  });

  it.each(HEADINGS)('keeps a summary starting with "%s" from becoming a heading, quote, list or subtext', (start) => {
    const inert = inertDiscord(`${start} text`);
    expect(inert.startsWith('\\') || /^\d\\\./u.test(inert)).toBe(true);
    expect(inert.replace(/\\/gu, '')).toBe(`${start} text`);
  });

  it('posts the hostile alert to the fake Discord without pinging anyone', async () => {
    const sent = await createDiscordSender({ token: discord.token, apiUrl: discord.apiUrl }).send(DISCORD_CHANNEL, hostile(ATTACKS), 'sec-discord');
    expect(sent.ok).toBe(true);
    expect(discord.messages(DISCORD_CHANNEL).at(-1)).toMatchObject({ allowed_mentions: { parse: [] }, mention_everyone: false, mentions: [] });
  });
});

describe('mention and markdown injection on Slack', () => {
  it('turns <!channel>, <!here>, <!subteam^…>, <@U…>, <#C…> and <url|label> into text and fences code', () => {
    const shown = slackTexts(hostile(ATTACKS));
    const ours = `<${VI_SOURCE.link}|`;
    for (const text of shown) expect(text.replaceAll(ours, '').replaceAll(`<${D4.link}|`, '')).not.toMatch(/<[!@#h]/u);
    const all = shown.join('\n');
    expect(all).toContain('&lt;!subteam^S0123ABC|@team&gt;');
    expect(all).toContain('&lt;https://evil.example/z|click me&gt;');
    expect(all).not.toMatch(/```|`code`|\*\*bold|~~strike/u);
    expect(escapeSlack('```x```')).toBe(`${ZW}\`${ZW}`.repeat(3) + 'x' + `${ZW}\`${ZW}`.repeat(3));
  });

  it('posts the hostile alert to the fake Slack without a single ping', async () => {
    const sent = await createSlackSender({ token: slack.token, apiUrl: slack.apiUrl }).send(SLACK_CHANNEL, hostile(ATTACKS), 'sec-slack');
    expect(sent.ok).toBe(true);
    expect(slack.messages(SLACK_CHANNEL).at(-1)?.pings).toEqual([]);
  });
});

describe('javascript: and other non-http links never become links', () => {
  const LINKS = [
    'javascript:alert(document.cookie)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'file:///etc/passwd',
  ];
  const DANGEROUS = /javascript|vbscript|data:text|file:/iu;

  it.each(LINKS)('drops %j from Discord alerts and digests, and from Slack alerts and digests', (link) => {
    for (const message of [hostile('Title', link), hostileDigest('Title', link), quietDigest(link)]) {
      expect(JSON.stringify(renderDiscord(message))).not.toMatch(DANGEROUS);
      expect(JSON.stringify(renderSlack(message))).not.toMatch(DANGEROUS);
    }
    const [body] = renderDiscord(hostile('Title', link));
    expect(body?.embeds?.[0]?.url).toBeUndefined();
  });

  it('keeps an http link of the same message (the control)', () => {
    expect(JSON.stringify(renderDiscord(firstAlert()))).toContain(VI_SOURCE.link);
    expect(JSON.stringify(renderSlack(firstAlert()))).toContain(VI_SOURCE.link);
  });

  it.each(LINKS)('is not kept as an item link by normalize (%j), nor are links inside the item text', (link) => {
    const result = normalizeItem(
      {
        title: 'Hello <a href="javascript:alert(1)">there</a>',
        link,
        guid: 'g1',
        content: `<p>Body <a href="${link}">click</a> <img src=x onerror=alert(1)> <script>alert(2)</script></p>`,
      },
      { url: 'https://feeds.example/rss' },
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.link).toBeNull();
    expect(result.value.key).toBe('guid:https://feeds.example/rss:g1');
    expect(JSON.stringify(result.value)).not.toMatch(/javascript|vbscript|data:text|file:|onerror|<script/iu);
  });
});
