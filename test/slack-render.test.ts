import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderSlack, SLACK_LIMITS, escapeSlack, type SlackBlock, type SlackMessage } from '../src/adapters/slack/render.js';
import { createSlackSender } from '../src/adapters/slack/slack-sender.js';
import type { OutboundMessage } from '../src/delivery/message.js';
import { startSlackServer, type SlackServer } from './fakes/slack-server.js';
import { D4, D5, HOSTILE_TITLE, VI_SOURCE, firstAlert, hostileAlert, quietDigest, sixtyDigest } from './helpers/messages.js';

const CHANNEL = 'C06EXAMPLE1';
const ZW = '\u200b';
let server: SlackServer;

beforeAll(async () => {
  server = await startSlackServer({ channels: [CHANNEL] });
});
afterAll(async () => {
  await server.close();
});

function only(message: OutboundMessage): SlackMessage {
  const parts = renderSlack(message);
  expect(parts).toHaveLength(1);
  return parts[0] as SlackMessage;
}

/** Every text a message shows: fallback, block texts, fields and context elements. */
function texts(message: SlackMessage): string[] {
  const ofBlock = (block: SlackBlock): string[] => {
    if (block.type === 'divider') return [];
    if (block.type === 'actions') return block.elements.map((e) => e.text.text);
    if (block.type === 'context') return block.elements.map((e) => e.text);
    return [block.text.text, ...(block.type === 'section' ? (block.fields ?? []).map((f) => f.text) : [])];
  };
  return [message.text, ...message.blocks.flatMap(ofBlock)];
}

describe('Slack alert', () => {
  it('is a header, a section with the development and its fields, a source context and the background', () => {
    const message = only(firstAlert());
    expect(message).toMatchObject({ unfurl_links: false, unfurl_media: false });
    expect(message.blocks.map((b) => b.type)).toEqual(['header', 'section', 'context', 'divider', 'context']);
    expect(message.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'New development · Iran–Pakistan crisis, January 2024', emoji: false },
    });
    const section = message.blocks[1] as Extract<SlackBlock, { type: 'section' }>;
    expect(section.text.text).toBe(`*${D4.label}*\n${D4.summary}`);
    expect(section.fields?.map((f) => f.text)).toEqual([
      '*Date*\n2024-01-19',
      '*Kind*\nde-escalation',
      '*Language*\nvi, en, zh',
      '*Sources*\nalso reported by 3 sources',
    ]);
    expect(texts(message)).toContain(`Source: <${VI_SOURCE.link}|VOA Tiếng Việt: ${VI_SOURCE.title}> (vi)`);
    expect(texts(message).at(-1)).toBe(
      '*Earlier in this story*\n2024-01-18 · Pakistan: military strike on Iran · 4 sources\n2024-01-17 · Pakistan: diplomatic protest / recall against Iran · 4 sources\n2024-01-16 · Iran: military strike on Pakistan · 5 sources',
    );
    expect(message.text).toBe('New development in Iran–Pakistan crisis, January 2024: Pakistan: de-escalation with Iran (2024-01-19)');
  });
});

describe('feed text is inert on Slack', () => {
  it('escapes &, <, >, fences formatting characters and breaks bare @everyone/@here/@channel', () => {
    expect(escapeSlack('@here and @Channel')).toBe(`@${ZW}here and @${ZW}Channel`);
    expect(escapeSlack(HOSTILE_TITLE)).toBe(`@${ZW}everyone &lt;!channel&gt; ${ZW}*${ZW}${ZW}*${ZW}bold${ZW}*${ZW}${ZW}*${ZW} &lt;@U123&gt; &amp; co`);
  });

  it('an item titled with mentions and markup pings nobody and stays literal, links keep their escaped label', async () => {
    const message = only(hostileAlert());
    for (const text of texts(message)) expect(text).not.toMatch(/<!|<@|\*\*bold/u);
    expect(texts(message).join('\n')).toContain('&lt;!channel&gt;');
    expect(texts(message).some((t) => t.startsWith(`Source: <${VI_SOURCE.link}|@${ZW}everyone &lt;!channel&gt;`))).toBe(true);
    const sent = await createSlackSender({ token: server.token, apiUrl: server.apiUrl }).send(CHANNEL, hostileAlert(), 'hostile');
    expect(sent.ok).toBe(true);
    expect(server.messages(CHANNEL).at(-1)?.pings).toEqual([]);
  });
});

describe('Slack digest', () => {
  it('splits 60 developments within 50 blocks and 3,000 characters per text, each development once and in order', async () => {
    const digest = sixtyDigest() as Extract<OutboundMessage, { type: 'digest' }>;
    const parts = renderSlack(digest);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
      expect(part.blocks[0]?.type).toBe('header');
      for (const text of texts(part)) expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.text);
      expect((part.blocks[0] as Extract<SlackBlock, { type: 'header' }>).text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.header);
    }
    const dates = parts.flatMap((p) => p.blocks.flatMap((b) => (b.type === 'section' ? [/^\*(\d{4}-\d\d-\d\d)\*/u.exec(b.text.text)?.[1]] : [])));
    expect(dates).toEqual(digest.developments.map((d) => d.date));
    expect(parts.map((p) => (p.blocks[0] as Extract<SlackBlock, { type: 'header' }>).text.text)).toEqual(
      parts.map((_, i) => `Daily digest · Iran–Pakistan crisis, January 2024 · 2024-02-29 (${i + 1}/${parts.length})`),
    );

    const sent = await createSlackSender({ token: server.token, apiUrl: server.apiUrl }).send(CHANNEL, digest, 'digest-60');
    expect(sent.ok && sent.value.messageIds).toHaveLength(parts.length);
  });

  it('says "no new developments" with the latest one linked', () => {
    const message = only(quietDigest());
    expect(texts(message)).toContain(`No new developments since the last digest. Latest: *2024-01-29* <${D5.link}|${D5.label}>`);
  });
});
