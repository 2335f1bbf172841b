import { MessageFlags } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordSender } from '../src/adapters/discord/discord-sender.js';
import { DISCORD_LIMITS, inertDiscord, renderDiscord, totalChars, type DiscordMessageBody } from '../src/adapters/discord/render.js';
import type { OutboundMessage } from '../src/delivery/message.js';
import { startDiscordServer, type DiscordServer } from './fakes/discord-server.js';
import { D4, D5, HOSTILE_TITLE, VI_SOURCE, firstAlert, hostileAlert, quietDigest, sixtyDigest } from './helpers/messages.js';

const CHANNEL = '1197000000000000001';
let server: DiscordServer;

beforeAll(async () => {
  server = await startDiscordServer({ channels: [CHANNEL] });
});
afterAll(async () => {
  await server.close();
});

function only(message: OutboundMessage): DiscordMessageBody {
  const bodies = renderDiscord(message);
  expect(bodies).toHaveLength(1);
  return bodies[0] as DiscordMessageBody;
}

/** Every string a body shows: content, titles, descriptions, field names and values. */
function shownText(body: DiscordMessageBody): string[] {
  return [
    body.content ?? '',
    ...(body.embeds ?? []).flatMap((e) => [e.title ?? '', e.description ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value])]),
  ];
}

describe('Discord alert', () => {
  it('shows the new development as one embed with date, kind colour, link, language, sources and timestamp', () => {
    const body = only(firstAlert());
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.flags).toBeUndefined();
    expect(body.embeds).toHaveLength(1);
    const embed = body.embeds?.[0];
    expect(embed).toMatchObject({ title: D4.label, url: D4.link, description: D4.summary, timestamp: VI_SOURCE.published });
    expect(embed?.color).toEqual(expect.any(Number));
    expect(embed?.fields).toEqual(
      expect.arrayContaining([
        { name: 'Date', value: '2024-01-19', inline: true },
        { name: 'Kind', value: 'de-escalation', inline: true },
        { name: 'Language', value: 'vi, en, zh', inline: true },
        { name: 'Sources', value: 'also reported by 3 sources', inline: true },
        { name: 'Source', value: `[VOA Tiếng Việt: ${VI_SOURCE.title} (vi)](${VI_SOURCE.link})` },
      ]),
    );
  });

  it('lists the older developments compactly in one field, newest first', () => {
    const earlier = only(firstAlert()).embeds?.[0]?.fields?.find((f) => f.name === 'Earlier in this story');
    expect(earlier?.value.split('\n')).toEqual([
      '`2024-01-18` Pakistan: military strike on Iran · 4 sources',
      '`2024-01-17` Pakistan: diplomatic protest / recall against Iran · 4 sources',
      '`2024-01-16` Iran: military strike on Pakistan · 5 sources',
    ]);
  });

  it('gives each development kind its own colour', () => {
    const colour = (kind: typeof D4.kind): number | undefined =>
      only({ ...(firstAlert() as Extract<OutboundMessage, { type: 'alert' }>), developments: [{ ...D4, kind }] }).embeds?.[0]?.color;
    expect(new Set([colour('military_strike'), colour('de_escalation'), colour('diplomatic_talks'), colour('agreement')]).size).toBe(4);
  });

  it('keeps an alert with many long developments to one message within the limits', () => {
    const alert = firstAlert() as Extract<OutboundMessage, { type: 'alert' }>;
    const many = Array.from({ length: 12 }, (_, i) => ({ ...D4, id: i, summary: D5.summary.repeat(20) }));
    const body = only({ ...alert, developments: many });
    expect(body.embeds?.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedsPerMessage);
    expect(totalChars(body.embeds ?? [])).toBeLessThanOrEqual(DISCORD_LIMITS.charsPerMessage);
    expect(body.content).toContain(`(+${12 - (body.embeds?.length ?? 0)} more)`);
  });

  it('drops a link that is not http(s) instead of sending a broken or dangerous URL', () => {
    const alert = { ...(firstAlert() as Extract<OutboundMessage, { type: 'alert' }>), developments: [{ ...D4, link: 'javascript:alert(1)' }] };
    expect(only(alert).embeds?.[0]?.url).toBeUndefined();
  });
});

describe('feed text is inert on Discord', () => {
  it('escapes markdown and breaks @everyone, @here and <@…> while keeping the words', () => {
    expect(inertDiscord(HOSTILE_TITLE)).toBe('@\u200beveryone <!channel> \\*\\*bold\\*\\* <\u200b@U123> & co');
    expect(inertDiscord('> quote [x](https://evil.example) @here <@123456789012345678> __u__')).toBe(
      '\\> quote \\[x\\](https://evil.example) @\u200bhere <\u200b@123456789012345678> \\_\\_u\\_\\_',
    );
  });

  it('an item titled with mentions and markup pings nobody and stays literal', async () => {
    const body = only(hostileAlert());
    const text = shownText(body).join('\n');
    expect(text).not.toMatch(/@everyone|@here|<@|\*\*bold\*\*/u);
    expect(text).toContain('\\*\\*bold\\*\\*');
    const sent = await createDiscordSender({ token: server.token, apiUrl: server.apiUrl }).send(CHANNEL, hostileAlert(), 'hostile');
    expect(sent.ok).toBe(true);
    const stored = server.messages(CHANNEL).at(-1);
    expect(stored).toMatchObject({ allowed_mentions: { parse: [] }, mention_everyone: false, mentions: [] });
  });
});

describe('Discord digest', () => {
  it('splits 60 developments into messages within every limit, each development once and in order', async () => {
    const digest = sixtyDigest() as Extract<OutboundMessage, { type: 'digest' }>;
    const bodies = renderDiscord(digest);
    expect(bodies.length).toBeGreaterThan(1);
    for (const body of bodies) {
      expect(body.allowed_mentions).toEqual({ parse: [] });
      expect((body.content ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
      expect(body.embeds?.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedsPerMessage);
      expect(totalChars(body.embeds ?? [])).toBeLessThanOrEqual(DISCORD_LIMITS.charsPerMessage);
      for (const embed of body.embeds ?? []) {
        expect((embed.title ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.embedTitle);
        expect((embed.description ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
        expect((embed.fields ?? []).length).toBeLessThanOrEqual(DISCORD_LIMITS.fields);
      }
    }
    const dates = bodies.flatMap((b) => (b.embeds ?? []).flatMap((e) => [...(e.description ?? '').matchAll(/^\*\*(\d{4}-\d\d-\d\d)\*\*/gmu)].map((m) => m[1])));
    expect(dates).toEqual(digest.developments.map((d) => d.date));
    expect(bodies.map((b) => b.embeds?.[0]?.title)).toEqual(
      bodies.map((_, i) => `Daily digest · Iran–Pakistan crisis, January 2024 · 2024-02-29 (${i + 1}/${bodies.length})`),
    );
    expect(bodies[0]?.content).toContain('60 developments');

    const sent = await createDiscordSender({ token: server.token, apiUrl: server.apiUrl }).send(CHANNEL, digest, 'digest-60');
    expect(sent.ok && sent.value.messageIds).toHaveLength(bodies.length);
    expect(server.requests.filter((r) => r.method === 'POST').every((r) => r.body.nonce !== undefined)).toBe(true);
  });

  it('says "no new developments" in one plain line, with the latest one linked and its preview suppressed', () => {
    const body = only(quietDigest());
    expect(body.embeds).toBeUndefined();
    expect(body.flags).toBe(MessageFlags.SuppressEmbeds);
    expect(body.content).toBe(
      `**Daily digest · Iran–Pakistan crisis, January 2024 · 2024-01-31** — no new developments since the last digest. Latest: **2024-01-29** ${D5.label} ${D5.link}`,
    );
  });
});
