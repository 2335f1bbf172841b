import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createDiscordSender, nonceFor } from '../src/adapters/discord/discord-sender.js';
import type { AppError, Result } from '../src/core/result.js';
import type { OutboundMessage, Sender } from '../src/delivery/message.js';
import type { SentMessage } from '../src/core/subscription.js';
import { startDiscordServer, type DiscordServer } from './fakes/discord-server.js';
import { D4, firstAlert, sixtyDigest } from './helpers/messages.js';

const CHANNEL = '1197000000000000002';
const servers: DiscordServer[] = [];
let server: DiscordServer;

beforeEach(async () => {
  server = await startDiscordServer({ channels: [CHANNEL] });
  servers.push(server);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

function sender(timeoutMs = 2_000): Sender {
  return createDiscordSender({ token: server.token, apiUrl: server.apiUrl, timeoutMs });
}

function sent(result: Result<SentMessage>): SentMessage {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function failed(result: Result<unknown>): AppError {
  if (result.ok) throw new Error('expected a failure');
  return result.error;
}

const posts = (): number => server.requests.filter((r) => r.method === 'POST').length;

describe('Discord sender', () => {
  it('posts with the bot token, a nonce from the key and enforce_nonce, and returns the snowflake', async () => {
    const result = sent(await sender().send(CHANNEL, firstAlert(), 'alert:4:discord:1'));
    expect(result.messageId).toMatch(/^\d{17,20}$/u);
    expect(result.messageIds).toEqual([result.messageId]);
    const [request] = server.requests;
    expect(request).toMatchObject({ method: 'POST', path: `/api/v10/channels/${CHANNEL}/messages`, headers: { authorization: `Bot ${server.token}` } });
    expect(request?.body).toMatchObject({ nonce: nonceFor('alert:4:discord:1', 0), enforce_nonce: true, allowed_mentions: { parse: [] } });
    expect(nonceFor('alert:4:discord:1', 0)).toHaveLength(25);
    expect(server.messages(CHANNEL)).toHaveLength(1);
  });

  it('does not create a second message when the same key is sent again (nonce)', async () => {
    const first = sent(await sender().send(CHANNEL, firstAlert(), 'same-key'));
    const again = sent(await sender().send(CHANNEL, firstAlert(), 'same-key'));
    expect(again.messageId).toBe(first.messageId);
    expect(posts()).toBe(2);
    expect(server.messages(CHANNEL)).toHaveLength(1);
    sent(await sender().send(CHANNEL, firstAlert(), 'other-key'));
    expect(server.messages(CHANNEL)).toHaveLength(2);
  });

  it('after a response lost in a timeout, the resend finds the message Discord already created', async () => {
    server.inject({ kind: 'lost-response' });
    expect(failed(await sender(300).send(CHANNEL, firstAlert(), 'lost'))).toMatchObject({ code: 'DISCORD_TIMEOUT' });
    expect(server.messages(CHANNEL)).toHaveLength(1);
    const again = sent(await sender().send(CHANNEL, firstAlert(), 'lost'));
    expect(again.messageId).toBe(server.messages(CHANNEL)[0]?.id);
    expect(server.messages(CHANNEL)).toHaveLength(1);
  });

  it('resends only the missing parts of a split digest', async () => {
    const digest = sixtyDigest();
    server.inject({ kind: 'server-error', status: 502 }, { after: 1 });
    expect(failed(await sender().send(CHANNEL, digest, 'digest:day'))).toMatchObject({ code: 'DISCORD_HTTP_502' });
    const [first] = server.messages(CHANNEL);
    expect(server.messages(CHANNEL)).toHaveLength(1);
    const again = sent(await sender().send(CHANNEL, digest, 'digest:day'));
    expect(again.messageIds.length).toBeGreaterThan(1);
    expect(again.messageId).toBe(first?.id);
    expect(server.messages(CHANNEL).map((m) => m.id)).toEqual(again.messageIds);
  });

  it('on 429 returns retryAfterMs from retry_after, posts nothing and leaves the retry to the dispatcher', async () => {
    server.inject({ kind: 'rate-limit', retryAfterSec: 2.5 });
    const started = Date.now();
    const error = failed(await sender().send(CHANNEL, firstAlert(), 'limited'));
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(error).toMatchObject({ code: 'DISCORD_RATE_LIMITED', retryAfterMs: 2_500 });
    expect(error.permanent).toBeUndefined();
    expect(server.requests).toHaveLength(1);
    expect(server.messages(CHANNEL)).toHaveLength(0);
  });

  it('flags a global rate limit and refuses further sends until it is over, without touching the network', async () => {
    server.inject({ kind: 'rate-limit', retryAfterSec: 0.3, global: true });
    const discord = sender();
    expect(failed(await discord.send(CHANNEL, firstAlert(), 'g1'))).toMatchObject({ code: 'DISCORD_RATE_LIMITED_GLOBAL', retryAfterMs: 300 });
    const blocked = failed(await discord.send(CHANNEL, firstAlert(), 'g2'));
    expect(blocked.code).toBe('DISCORD_RATE_LIMITED_GLOBAL');
    expect(blocked.retryAfterMs).toBeGreaterThan(0);
    expect(server.requests).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 350));
    sent(await discord.send(CHANNEL, firstAlert(), 'g2'));
    expect(server.messages(CHANNEL)).toHaveLength(1);
  });

  it('treats 500 and timeouts as retryable, with one request each', async () => {
    server.inject({ kind: 'server-error' });
    const error = failed(await sender().send(CHANNEL, firstAlert(), 'five-hundred'));
    expect(error).toMatchObject({ code: 'DISCORD_HTTP_500' });
    expect(error.permanent).toBeUndefined();
    server.inject({ kind: 'hang' });
    expect(failed(await sender(300).send(CHANNEL, firstAlert(), 'hang'))).toMatchObject({ code: 'DISCORD_TIMEOUT' });
    expect(server.requests).toHaveLength(2);
    expect(server.messages(CHANNEL)).toHaveLength(0);
  });

  it('stops on a deleted channel, a lost permission or a revoked token', async () => {
    expect(failed(await sender().send('1197000000000000404', firstAlert(), 'k'))).toMatchObject({ code: 'DISCORD_CHANNEL_GONE', permanent: true });
    server.forbidChannel(CHANNEL);
    expect(failed(await sender().send(CHANNEL, firstAlert(), 'k'))).toMatchObject({ code: 'DISCORD_FORBIDDEN', permanent: true });
    server.revokeToken();
    const discord = sender();
    expect(failed(await discord.send(CHANNEL, firstAlert(), 'k'))).toMatchObject({ code: 'DISCORD_UNAUTHORIZED', permanent: true });
    expect(failed(await discord.send(CHANNEL, firstAlert(), 'k'))).toMatchObject({ code: 'DISCORD_UNAUTHORIZED', permanent: true });
  });

  it('uses its token again once Discord accepts it after a 401 (the REST client forgets it on a 401)', async () => {
    const discord = sender();
    server.revokeToken();
    expect(failed(await discord.send(CHANNEL, firstAlert(), 'probe'))).toMatchObject({ code: 'DISCORD_UNAUTHORIZED', permanent: true });
    server.restoreToken();
    expect(sent(await discord.send(CHANNEL, firstAlert(), 'probe')).messageId).toMatch(/^\d+$/u);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual([`Bot ${server.token}`, `Bot ${server.token}`]);
    expect(server.messages(CHANNEL)).toHaveLength(1);
  });

  it('edits an alert in place with the new source count', async () => {
    const discord = sender();
    const { messageId } = sent(await discord.send(CHANNEL, firstAlert(), 'edit-me'));
    const confirmed: OutboundMessage = { ...(firstAlert() as Extract<OutboundMessage, { type: 'alert' }>), developments: [{ ...D4, sourceCount: 7 }] };
    expect(await discord.update(CHANNEL, messageId, confirmed)).toEqual({ ok: true, value: undefined });
    const [message] = server.messages(CHANNEL);
    expect(server.messages(CHANNEL)).toHaveLength(1);
    expect(message?.edited_timestamp).not.toBeNull();
    expect(message?.embeds[0]).toMatchObject({ fields: expect.arrayContaining([{ name: 'Sources', value: 'also reported by 6 sources', inline: true }]) });
    expect(server.requests.at(-1)).toMatchObject({ method: 'PATCH', path: `/api/v10/channels/${CHANNEL}/messages/${messageId}` });
    expect(failed(await discord.update(CHANNEL, '1197000000000000777', confirmed))).toMatchObject({ code: 'DISCORD_MESSAGE_GONE', permanent: true });
  });
});

describe('fake Discord', () => {
  it('rejects what Discord rejects: a bad token, too long content, too many embeds, over 6,000 characters', async () => {
    const post = (body: unknown, token = server.token): Promise<Response> =>
      fetch(`${server.apiUrl}/v10/channels/${CHANNEL}/messages`, {
        method: 'POST',
        headers: { authorization: `Bot ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post({ content: 'hi' }, 'wrong')).status).toBe(401);
    const long = await post({ content: 'x'.repeat(2001) });
    expect(long.status).toBe(400);
    expect(await long.json()).toMatchObject({ code: 50035, errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } });
    expect((await post({ embeds: Array.from({ length: 11 }, () => ({ title: 't' })) })).status).toBe(400);
    const big = await post({ embeds: [{ description: 'x'.repeat(4000) }, { description: 'y'.repeat(2001) }] });
    expect(await big.json()).toMatchObject({ errors: { embeds: { _errors: [{ code: 'MAX_EMBED_SIZE_EXCEEDED' }] } } });
    expect((await post({ embeds: [{ description: 'x'.repeat(4097) }] })).status).toBe(400);
    expect((await post({ embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }] })).status).toBe(400);
    expect(await (await post({})).json()).toMatchObject({ code: 50006 });
    expect(server.messages(CHANNEL)).toHaveLength(0);
  });
});
