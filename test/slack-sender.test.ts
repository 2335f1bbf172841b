import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { MARKER_EVENT } from '../src/adapters/slack/marker.js';
import { ErrorCode } from '@slack/web-api';
import { createSlackSender, slackError } from '../src/adapters/slack/slack-sender.js';
import type { AppError, Result } from '../src/core/result.js';
import type { OutboundMessage, Sender } from '../src/delivery/message.js';
import type { SentMessage } from '../src/core/subscription.js';
import { startSlackServer, type SlackServer } from './fakes/slack-server.js';
import { D4, firstAlert, sixtyDigest } from './helpers/messages.js';

const CHANNEL = 'C06EXAMPLE2';
const servers: SlackServer[] = [];
let server: SlackServer;

beforeEach(async () => {
  server = await startSlackServer({ channels: [CHANNEL] });
  servers.push(server);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

function sender(timeoutMs = 2_000, token = server.token): Sender {
  return createSlackSender({ token, apiUrl: server.apiUrl, timeoutMs });
}

function sent(result: Result<SentMessage>): SentMessage {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function failed(result: Result<unknown>): AppError {
  if (result.ok) throw new Error('expected a failure');
  return result.error;
}

const calls = (method: string): number => server.requests.filter((r) => r.path === `/api/${method}`).length;

describe('Slack sender', () => {
  it('checks the history, then posts with the bearer token, no unfurling and the outbox marker; returns the ts', async () => {
    const { messageId, messageIds } = sent(await sender().send(CHANNEL, firstAlert(), 'alert:4:slack:1'));
    expect(messageId).toMatch(/^\d+\.\d{6}$/u);
    expect(messageIds).toEqual([messageId]);
    expect(server.requests.map((r) => r.path)).toEqual(['/api/conversations.history', '/api/chat.postMessage']);
    expect(server.requests[0]?.body).toMatchObject({ channel: CHANNEL, limit: '50', include_all_metadata: 'true' });
    expect(server.requests[1]?.headers.authorization).toBe(`Bearer ${server.token}`);
    expect(server.messages(CHANNEL)).toEqual([
      expect.objectContaining({
        ts: messageId,
        unfurl_links: false,
        unfurl_media: false,
        metadata: { event_type: MARKER_EVENT, event_payload: { key: 'alert:4:slack:1', part: 0, parts: 1 } },
      }),
    ]);
  });

  it('a resend with the same key finds the marker in the history and returns the same ts without posting', async () => {
    const first = sent(await sender().send(CHANNEL, firstAlert(), 'same-key'));
    const again = sent(await sender().send(CHANNEL, firstAlert(), 'same-key'));
    expect(again.messageId).toBe(first.messageId);
    expect(calls('chat.postMessage')).toBe(1);
    expect(server.messages(CHANNEL)).toHaveLength(1);
    sent(await sender().send(CHANNEL, firstAlert(), 'other-key'));
    expect(server.messages(CHANNEL)).toHaveLength(2);
  });

  it('after a response lost in a timeout, the resend finds the posted message', async () => {
    server.inject({ kind: 'lost-response' }, { onPath: 'chat.postMessage' });
    expect(failed(await sender(300).send(CHANNEL, firstAlert(), 'lost'))).toMatchObject({ code: 'SLACK_TIMEOUT' });
    expect(server.messages(CHANNEL)).toHaveLength(1);
    const again = sent(await sender().send(CHANNEL, firstAlert(), 'lost'));
    expect(again.messageId).toBe(server.messages(CHANNEL)[0]?.ts);
    expect(server.messages(CHANNEL)).toHaveLength(1);
  });

  it('after a split digest failed half-way, posts only the missing parts', async () => {
    server.inject({ kind: 'rate-limit', retryAfterSec: 1 }, { onPath: 'chat.postMessage', after: 1 });
    expect(failed(await sender().send(CHANNEL, sixtyDigest(), 'digest:day'))).toMatchObject({ code: 'SLACK_RATE_LIMITED' });
    const [first] = server.messages(CHANNEL);
    const again = sent(await sender().send(CHANNEL, sixtyDigest(), 'digest:day'));
    expect(again.messageId).toBe(first?.ts);
    expect(server.messages(CHANNEL).map((m) => m.ts)).toEqual(again.messageIds);
    expect(again.messageIds.length).toBeGreaterThan(1);
  });

  it('on 429 returns retryAfterMs from Retry-After, posts nothing and does not retry by itself', async () => {
    server.inject({ kind: 'rate-limit', retryAfterSec: 3 }, { onPath: 'chat.postMessage' });
    const started = Date.now();
    const error = failed(await sender().send(CHANNEL, firstAlert(), 'limited'));
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(error).toMatchObject({ code: 'SLACK_RATE_LIMITED', retryAfterMs: 3_000 });
    expect(error.permanent).toBeUndefined();
    expect(calls('chat.postMessage')).toBe(1);
    expect(server.messages(CHANNEL)).toHaveLength(0);
  });

  it('treats 500 and timeouts as retryable, with one request each', async () => {
    server.inject({ kind: 'server-error' }, { onPath: 'chat.postMessage' });
    const error = failed(await sender().send(CHANNEL, firstAlert(), 'five-hundred'));
    expect(error).toMatchObject({ code: 'SLACK_HTTP_500' });
    expect(error.permanent).toBeUndefined();
    server.inject({ kind: 'hang' });
    expect(failed(await sender(300).send(CHANNEL, firstAlert(), 'hang'))).toMatchObject({ code: 'SLACK_TIMEOUT' });
    expect(server.requests).toHaveLength(3);
    expect(server.messages(CHANNEL)).toHaveLength(0);
  });

  it('stops on an unknown or archived channel and on a revoked or wrong token', async () => {
    expect(failed(await sender().send('C0GONE', firstAlert(), 'k'))).toMatchObject({ code: 'SLACK_CHANNEL_GONE', permanent: true });
    server.archiveChannel(CHANNEL);
    expect(failed(await sender().send(CHANNEL, firstAlert(), 'k'))).toMatchObject({ code: 'SLACK_CHANNEL_GONE', permanent: true });
    expect(failed(await sender(2_000, 'xoxb-wrong').send(CHANNEL, firstAlert(), 'k'))).toMatchObject({ code: 'SLACK_UNAUTHORIZED', permanent: true });
    server.revokeToken();
    const error = failed(await sender().send(CHANNEL, firstAlert(), 'k'));
    expect(error).toMatchObject({ code: 'SLACK_UNAUTHORIZED', permanent: true });
    expect(error.message).toContain('token_revoked');
  });

  it('tells a token that may not post anywhere (scopes) from a channel the bot may not post in', () => {
    const platform = (error: string) => slackError({ code: ErrorCode.PlatformError, data: { error } }, CHANNEL).error;
    for (const code of ['missing_scope', 'not_allowed_token_type', 'ekm_access_denied'])
      expect(platform(code)).toMatchObject({ code: 'SLACK_TOKEN_FORBIDDEN', permanent: true });
    for (const code of ['invalid_auth', 'token_revoked', 'account_inactive', 'not_authed', 'token_expired'])
      expect(platform(code)).toMatchObject({ code: 'SLACK_UNAUTHORIZED', permanent: true });
    expect(platform('restricted_action')).toMatchObject({ code: 'SLACK_FORBIDDEN', permanent: true });
    expect(platform('restricted_action').message).toContain(CHANNEL);
  });

  it('edits an alert in place with chat.update, keeping its marker', async () => {
    const slack = sender();
    const { messageId } = sent(await slack.send(CHANNEL, firstAlert(), 'edit-me'));
    const confirmed: OutboundMessage = { ...(firstAlert() as Extract<OutboundMessage, { type: 'alert' }>), developments: [{ ...D4, sourceCount: 7 }] };
    expect(await slack.update(CHANNEL, messageId, confirmed)).toEqual({ ok: true, value: undefined });
    const [message] = server.messages(CHANNEL);
    expect(server.messages(CHANNEL)).toHaveLength(1);
    expect(message?.edited).toBeDefined();
    expect(JSON.stringify(message?.blocks)).toContain('also reported by 6 sources');
    expect(server.requests.at(-1)).toMatchObject({ path: '/api/chat.update', body: { channel: CHANNEL, ts: messageId } });
    expect(sent(await slack.send(CHANNEL, confirmed, 'edit-me')).messageId).toBe(messageId);
    expect(failed(await slack.update(CHANNEL, '1706000000.000999', confirmed))).toMatchObject({ code: 'SLACK_MESSAGE_GONE', permanent: true });
  });
});

describe('fake Slack', () => {
  it('rejects what Slack rejects: over 50 blocks, a text over 3,000 characters, a long header, no auth', async () => {
    const call = async (method: string, body: unknown, token: string | null = server.token): Promise<Record<string, unknown>> => {
      const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
      if (token) headers.authorization = `Bearer ${token}`;
      const res = await fetch(`${server.apiUrl}${method}`, { method: 'POST', headers, body: JSON.stringify(body) });
      return (await res.json()) as Record<string, unknown>;
    };
    const section = (text: string): unknown => ({ type: 'section', text: { type: 'mrkdwn', text } });
    expect(await call('chat.postMessage', { channel: CHANNEL, text: 'hi' }, null)).toEqual({ ok: false, error: 'not_authed' });
    expect(await call('chat.postMessage', { channel: CHANNEL, blocks: Array.from({ length: 51 }, () => section('x')) })).toMatchObject({
      ok: false,
      error: 'invalid_blocks',
    });
    expect(await call('chat.postMessage', { channel: CHANNEL, blocks: [section('x'.repeat(3001))] })).toMatchObject({
      error: 'invalid_blocks',
      errors: ['must be less than 3001 characters [json-pointer:/blocks/0/text/text]'],
    });
    expect(
      await call('chat.postMessage', { channel: CHANNEL, blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }] }),
    ).toMatchObject({ error: 'invalid_blocks' });
    expect(await call('chat.postMessage', { channel: CHANNEL })).toMatchObject({ error: 'no_text' });
    expect(await call('chat.postMessage', { channel: CHANNEL, text: 'ok <!channel>' })).toMatchObject({ ok: true });
    expect(server.messages(CHANNEL).map((m) => m.pings)).toEqual([['!channel']]);
  });
});
