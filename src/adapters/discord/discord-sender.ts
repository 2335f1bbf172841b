import { createHash } from 'node:crypto';
import { DefaultRestOptions, DiscordAPIError, HTTPError, RateLimitError, REST, type ResponseLike } from '@discordjs/rest';
import { Routes, type APIMessage } from 'discord-api-types/v10';
import { err, ok, type AppError, type Err, type Result } from '../../core/result.js';
import type { DigestChart, OutboundMessage, Sender, ThreadReply } from '../../delivery/message.js';
import type { SentMessage } from '../../core/subscription.js';
import { withChartAttachment } from './chart-attachment.js';
import { channelInfoReader, openThread, postInForum } from './discord-threads.js';
import { renderDiscord, type DiscordMessageBody } from './render.js';
import { renderDiscordReply } from './render-reply.js';

/** How to reach Discord's REST API. */
export interface DiscordSenderOptions {
  /** The bot token (sent as `Authorization: Bot <token>`). */
  token: string;
  /** API base without the version, e.g. `http://127.0.0.1:8080/api`; Discord's own by default. */
  apiUrl?: string;
  /** Whole-request timeout in milliseconds (default 10 s). */
  timeoutMs?: number;
}

type RequestInit = Parameters<typeof DefaultRestOptions.makeRequest>[1];

const NONCE_LENGTH = 25;
const FALLBACK_RETRY_MS = 1000;

/**
 * A `Sender` for Discord on @discordjs/rest. The library is told never to wait or retry on its own
 * (`retries: 0`, every rate limit rejected, a short timeout), so the dispatcher decides when to try again.
 * Each part of a message carries a nonce derived from the outbox key with `enforce_nonce`, so Discord
 * returns the existing message instead of posting it twice when a send is repeated within its nonce
 * window (a few minutes). An alert with a thread (decision 024) opens one on its message, or is a post
 * in a forum channel; thread replies go to the thread, whose id is the alert message's. A refused token (401) is `DISCORD_UNAUTHORIZED`: the dispatcher pauses
 * Discord and probes later with the same sender.
 */
export function createDiscordSender(options: DiscordSenderOptions): Sender {
  const rest = new REST({
    api: options.apiUrl ?? DefaultRestOptions.api,
    version: '10',
    retries: 0,
    timeout: options.timeoutMs ?? 10_000,
    offset: 0,
    rejectOnRateLimit: () => true,
    makeRequest: withPreciseRetryAfter,
  }).setToken(options.token);

  // After a 401 @discordjs/rest forgets the token; set it again so a later probe reaches Discord
  // and finds out whether the token works again.
  const rearm = (): void => void rest.setToken(options.token);
  const channelInfo = channelInfoReader(rest);

  return {
    platform: 'discord',
    async send(channelId: string, message: OutboundMessage, key: string): Promise<Result<SentMessage>> {
      rearm();
      if (message.type === 'alert' && message.thread) return sendThreaded(channelId, message.thread.name, renderDiscord(message)[0]!, key);
      const ids: string[] = [];
      for (const [part, body] of renderDiscord(message).entries()) {
        const chart = part === 0 && message.type === 'digest' ? message.chart : undefined;
        try {
          const sent = chart
            ? await postWithChart(channelId, body, chart, nonceFor(key, part))
            : ((await rest.post(Routes.channelMessages(channelId), {
                body: { ...body, nonce: nonceFor(key, part), enforce_nonce: true },
              })) as APIMessage);
          ids.push(sent.id);
        } catch (error) {
          return discordError(error, channelId);
        }
      }
      return ok({ messageId: ids[0] ?? '', messageIds: ids });
    },
    async update(channelId: string, messageId: string, message: OutboundMessage): Promise<Result<void>> {
      const [body] = renderDiscord(message);
      rearm();
      try {
        // A forum post's first message lives in its thread, whose id is the message's.
        const forum = message.type === 'alert' && message.thread !== undefined && (await channelInfo(channelId)).forum;
        await rest.patch(Routes.channelMessage(forum ? messageId : channelId, messageId), { body });
        return ok(undefined);
      } catch (error) {
        return discordError(error, channelId);
      }
    },
    async reply(channelId: string, parentId: string, reply: ThreadReply, key: string): Promise<Result<SentMessage>> {
      rearm();
      // The thread's id is its parent message's; the nonce makes a repeated reply return the one posted.
      const post = async (): Promise<APIMessage> =>
        (await rest.post(Routes.channelMessages(parentId), {
          body: { ...renderDiscordReply(reply), nonce: nonceFor(key, 0), enforce_nonce: true },
        })) as APIMessage;
      try {
        let sent: APIMessage;
        try {
          sent = await post();
        } catch (error) {
          // No thread on the alert yet (threads were turned on after it, or opening one failed): open it now.
          if (!(error instanceof DiscordAPIError && error.code === UNKNOWN_CHANNEL) || (await channelInfo(channelId)).forum) throw error;
          await openThread(rest, channelId, parentId, reply.threadName);
          sent = await post();
        }
        return ok({ messageId: sent.id, messageIds: [sent.id] });
      } catch (error) {
        return threadError(error, channelId);
      }
    },
  };

  /**
   * A digest's first part with its chart as a file (decision 031). Should Discord refuse or fail the
   * upload for any reason but one that would stop the text as well (rate limit, token, channel), the
   * part goes again without the picture, with the same nonce: a message Discord did create despite
   * the failure comes back instead of a second one.
   */
  async function postWithChart(channelId: string, body: DiscordMessageBody, chart: DigestChart, nonce: string): Promise<APIMessage> {
    const attached = withChartAttachment(body, chart);
    try {
      return (await rest.post(Routes.channelMessages(channelId), {
        body: { ...attached.body, nonce, enforce_nonce: true },
        files: attached.files,
      })) as APIMessage;
    } catch (error) {
      const failed = discordError(error, channelId).error;
      if (failed.retryAfterMs !== undefined || STOPS_TEXT.has(failed.code)) throw error;
      chart.uploadFailed(`${failed.code}: ${failed.message}`);
      return (await rest.post(Routes.channelMessages(channelId), { body: { ...body, nonce, enforce_nonce: true } })) as APIMessage;
    }
  }

  /**
   * An alert that opens a thread: in a forum channel, a post; elsewhere the message (with its nonce)
   * and then a thread on it. A thread Discord refuses for good (no permission) leaves the alert
   * posted; its first reply tries again. A transient failure retries the whole send, and the nonce
   * returns the message already posted.
   */
  async function sendThreaded(channelId: string, name: string, body: DiscordMessageBody, key: string): Promise<Result<SentMessage>> {
    try {
      const info = await channelInfo(channelId);
      if (info.forum) {
        const id = await postInForum(rest, channelId, info, name, body);
        return ok({ messageId: id, messageIds: [id] });
      }
      const sent = (await rest.post(Routes.channelMessages(channelId), { body: { ...body, nonce: nonceFor(key, 0), enforce_nonce: true } })) as APIMessage;
      try {
        await openThread(rest, channelId, sent.id, name);
      } catch (error) {
        const failed = discordError(error, channelId);
        if (!failed.error.permanent) return failed;
      }
      return ok({ messageId: sent.id, messageIds: [sent.id] });
    } catch (error) {
      return discordError(error, channelId);
    }
  }
}

/** Failures that would stop a digest's text as well as its picture: these are not retried without the picture. */
const STOPS_TEXT = new Set(['DISCORD_UNAUTHORIZED', 'DISCORD_FORBIDDEN', 'DISCORD_CHANNEL_GONE']);

/** Discord's "Unknown Channel": a thread that does not exist (yet). */
const UNKNOWN_CHANNEL = 10003;

/**
 * A reply's failure: the thread or its alert gone (`DISCORD_THREAD_GONE`) or refused
 * (`DISCORD_THREAD_REFUSED`) drops that reply alone, never the channel's subscription.
 */
function threadError(error: unknown, channelId: string): Err<AppError> {
  if (error instanceof DiscordAPIError && (error.code === UNKNOWN_CHANNEL || error.code === 10008))
    return err('DISCORD_THREAD_GONE', `the alert's thread in channel ${channelId} is gone (${error.status} ${String(error.code)} ${error.message})`, {
      permanent: true,
    });
  if (error instanceof DiscordAPIError && error.status === 403)
    return err('DISCORD_THREAD_REFUSED', `the bot may not post in the alert's thread in channel ${channelId} (${error.message})`, { permanent: true });
  return discordError(error, channelId);
}

/** The nonce of one part of an outbox message: a hash of key and part, within Discord's 25 characters. */
export function nonceFor(key: string, part: number): string {
  return createHash('sha256').update(`${key}#${part}`).digest('hex').slice(0, NONCE_LENGTH);
}

/**
 * Wraps the default request strategy: on a 429, Discord's body holds the precise `retry_after`
 * (seconds, float) and `global`, while the `Retry-After` header is rounded; this copies them into
 * the headers @discordjs/rest reads, so its `RateLimitError` carries the precise wait.
 */
async function withPreciseRetryAfter(url: string, init: RequestInit): Promise<ResponseLike> {
  const res = await DefaultRestOptions.makeRequest(url, init);
  if (res.status !== 429) return res;
  const text = await res.text();
  const headers = new Headers([...res.headers.entries()]);
  try {
    const body = JSON.parse(text) as { retry_after?: unknown; global?: unknown };
    if (typeof body.retry_after === 'number') headers.set('retry-after', String(body.retry_after));
    if (body.global === true) headers.set('x-ratelimit-global', 'true');
  } catch {
    // Not JSON (e.g. a proxy's page): keep the headers as they came.
  }
  return new Response(text, { status: 429, statusText: res.statusText, headers });
}

/** Maps what @discordjs/rest throws to an `AppError`: rate limits with their wait, permanent failures flagged. */
export function discordError(error: unknown, channelId: string): Err<AppError> {
  if (error instanceof RateLimitError) {
    const waitMs = Math.max(error.retryAfter, error.timeToReset, 0) || FALLBACK_RETRY_MS;
    const scope = error.global ? 'global' : `route ${error.route}`;
    return err(error.global ? 'DISCORD_RATE_LIMITED_GLOBAL' : 'DISCORD_RATE_LIMITED', `Discord rate limit (${scope}); retry in ${waitMs} ms`, {
      retryAfterMs: waitMs,
    });
  }
  if (error instanceof DiscordAPIError) return apiError(error, channelId);
  if (error instanceof HTTPError) {
    return err(`DISCORD_HTTP_${error.status}`, `Discord answered ${error.status} ${error.message}; will retry`);
  }
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
    return err('DISCORD_TIMEOUT', 'Discord did not answer in time; will retry (the nonce prevents a duplicate)');
  }
  if (error instanceof Error && /Expected token/u.test(error.message)) {
    return err('DISCORD_UNAUTHORIZED', 'Discord token was rejected earlier (401); set a valid DISCORD_TOKEN', { permanent: true });
  }
  const message = error instanceof Error ? error.message : String(error);
  return err('DISCORD_NETWORK', `cannot reach Discord: ${message}; will retry`);
}

function apiError(error: DiscordAPIError, channelId: string): Err<AppError> {
  const detail = `${error.status} ${String(error.code)} ${error.message}`;
  if (error.status === 401) return err('DISCORD_UNAUTHORIZED', `Discord rejected the token (${detail}); set a valid DISCORD_TOKEN`, { permanent: true });
  if (error.status === 403) return err('DISCORD_FORBIDDEN', `no access to channel ${channelId} (${detail}); stopping this channel`, { permanent: true });
  if (error.code === 10003) return err('DISCORD_CHANNEL_GONE', `channel ${channelId} no longer exists (${detail}); stopping this channel`, { permanent: true });
  if (error.code === 10008) return err('DISCORD_MESSAGE_GONE', `the message to edit was deleted (${detail})`, { permanent: true });
  if (error.status >= 500) return err(`DISCORD_HTTP_${error.status}`, `Discord answered ${detail}; will retry`);
  return err('DISCORD_REJECTED', `Discord rejected the message (${detail}); not retrying`, { permanent: true });
}
