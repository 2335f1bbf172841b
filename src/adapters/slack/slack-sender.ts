import { ErrorCode, LogLevel, WebClient, type Logger, type WebAPICallError } from '@slack/web-api';
import { err, ok, type AppError, type Err, type Result } from '../../core/result.js';
import type { DigestChart, OutboundMessage, Sender, ThreadReply } from '../../delivery/message.js';
import type { SentMessage } from '../../core/subscription.js';
import { markerFor, partsAlreadySent, type HistoryMessage } from './marker.js';
import { renderSlack } from './render.js';
import { renderSlackReply } from './render-reply.js';

/** How to reach Slack's Web API. */
export interface SlackSenderOptions {
  /** The bot token (xoxb-…), sent as `Authorization: Bearer <token>`. */
  token: string;
  /** Web API base, e.g. `http://127.0.0.1:8081/api/`; Slack's own by default. */
  apiUrl?: string;
  /** Whole-request timeout in milliseconds (default 10 s). */
  timeoutMs?: number;
  /** How many recent channel messages to search for an earlier send of the same key (default 50). */
  historyLimit?: number;
  /** Where the WebClient logs; by default only its errors reach the console. */
  logger?: Logger;
}

const GONE = new Set(['channel_not_found', 'is_archived', 'not_in_channel']);
const UNAUTHORIZED = new Set(['invalid_auth', 'token_revoked', 'account_inactive', 'not_authed', 'token_expired']);
/** The token itself may not post (anywhere): like a refused token, this pauses Slack rather than one channel. */
const TOKEN_FORBIDDEN = new Set(['missing_scope', 'ekm_access_denied', 'not_allowed_token_type']);
const FORBIDDEN = new Set(['restricted_action']);
const MESSAGE_GONE = new Set(['message_not_found', 'cant_update_message', 'edit_window_closed']);
const REJECTED = new Set(['invalid_blocks', 'invalid_arguments', 'msg_too_long', 'no_text', 'invalid_metadata_format', 'invalid_metadata_schema']);

/**
 * A `Sender` for Slack on @slack/web-api's WebClient (the client @slack/bolt uses), told never to
 * wait or retry (`retries: 0`, rate-limited calls rejected) so the dispatcher decides. Every message
 * carries its outbox key in message metadata; before posting, the channel's recent history is searched
 * for that key, so a resend after a crash returns the existing `ts` instead of posting twice. A thread
 * reply (decision 024) goes out with `thread_ts` = its alert's `ts`, checked against that thread's replies.
 */
export function createSlackSender(options: SlackSenderOptions): Sender {
  const client = new WebClient(options.token, {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? 10_000,
    ...(options.logger ? { logger: options.logger } : { logLevel: LogLevel.ERROR }),
  });
  const historyLimit = options.historyLimit ?? 50;

  /**
   * Uploads a digest's chart into the digest's thread with Slack's external upload flow
   * (`files.uploadV2`: files.getUploadURLExternal, the bytes to its upload_url, files.completeUploadExternal;
   * scope `files:write`). A resent digest (found in history) first looks for the picture in its thread,
   * so a repeated send posts neither the text nor the picture twice. Never fails the digest: a failed
   * upload is reported to the chart's `uploadFailed`.
   */
  async function uploadChart(channelId: string, digestTs: string, chart: DigestChart, resent: boolean): Promise<void> {
    try {
      if (resent) {
        const thread = await client.conversations.replies({ channel: channelId, ts: digestTs, limit: historyLimit });
        if ((thread.messages ?? []).some((m) => (m.files ?? []).some((f) => f.name === chart.fileName))) return;
      }
      await client.filesUploadV2({
        channel_id: channelId,
        thread_ts: digestTs,
        file: Buffer.from(chart.png),
        filename: chart.fileName,
        title: 'Sources per day',
        alt_text: chart.description.slice(0, ALT_TEXT_MAX),
      });
    } catch (error) {
      const failed = slackError(error, channelId).error;
      chart.uploadFailed(`${failed.code}: ${failed.message}`);
    }
  }

  return {
    platform: 'slack',
    async send(channelId: string, message: OutboundMessage, key: string): Promise<Result<SentMessage>> {
      const parts = renderSlack(message);
      try {
        const history = await client.conversations.history({ channel: channelId, limit: historyLimit, include_all_metadata: true });
        const existing = partsAlreadySent((history.messages ?? []) as HistoryMessage[], key);
        const ids: string[] = [];
        for (const [part, args] of parts.entries()) {
          const ts = existing.get(part) ?? (await client.chat.postMessage({ channel: channelId, ...args, metadata: markerFor(key, part, parts.length) })).ts;
          if (!ts) return err('SLACK_NO_TS', 'Slack accepted the message but returned no ts; will retry');
          ids.push(ts);
        }
        if (message.type === 'digest' && message.chart && ids[0]) await uploadChart(channelId, ids[0], message.chart, existing.has(0));
        return ok({ messageId: ids[0] ?? '', messageIds: ids });
      } catch (error) {
        return slackError(error, channelId);
      }
    },
    async update(channelId: string, messageId: string, message: OutboundMessage): Promise<Result<void>> {
      const [args] = renderSlack(message);
      if (!args) return ok(undefined);
      try {
        await client.chat.update({ channel: channelId, ts: messageId, text: args.text, blocks: args.blocks });
        return ok(undefined);
      } catch (error) {
        return slackError(error, channelId);
      }
    },
    async reply(channelId: string, parentTs: string, reply: ThreadReply, key: string): Promise<Result<SentMessage>> {
      const args = renderSlackReply(reply);
      try {
        // Replies are not in the channel's history: the thread's own replies are searched for the key.
        const thread = await client.conversations.replies({ channel: channelId, ts: parentTs, limit: historyLimit, include_all_metadata: true });
        const earlier = partsAlreadySent((thread.messages ?? []) as HistoryMessage[], key).get(0);
        const ts = earlier ?? (await client.chat.postMessage({ channel: channelId, thread_ts: parentTs, ...args, metadata: markerFor(key, 0, 1) })).ts;
        if (!ts) return err('SLACK_NO_TS', 'Slack accepted the reply but returned no ts; will retry');
        return ok({ messageId: ts, messageIds: [ts] });
      } catch (error) {
        const coded = error as Partial<WebAPICallError> & { data?: { error?: string } };
        if (coded.code === ErrorCode.PlatformError && THREAD_GONE.has(coded.data?.error ?? ''))
          return err('SLACK_THREAD_GONE', `the alert's thread in channel ${channelId} is gone (${coded.data?.error ?? ''})`, { permanent: true });
        return slackError(error, channelId);
      }
    },
  };
}

/** Slack's limit on a file's alt text. */
const ALT_TEXT_MAX = 1000;

/** The alert a reply belongs to was deleted: that reply is dropped, the channel's subscription stays. */
const THREAD_GONE = new Set(['thread_not_found', 'message_not_found']);

/** Maps what the WebClient throws to an `AppError`: rate limits with their wait, permanent failures flagged. */
export function slackError(error: unknown, channelId: string): Err<AppError> {
  const coded = error as Partial<WebAPICallError>;
  switch (coded.code) {
    case ErrorCode.RateLimitedError: {
      const seconds = (error as { retryAfter: number }).retryAfter;
      return err('SLACK_RATE_LIMITED', `Slack rate limit; retry in ${seconds} s`, { retryAfterMs: seconds * 1000 });
    }
    case ErrorCode.PlatformError:
      return platformError((error as { data: { error: string } }).data.error, channelId);
    case ErrorCode.HTTPError: {
      const status = (error as { statusCode: number }).statusCode;
      return err(`SLACK_HTTP_${status}`, `Slack answered HTTP ${status}; will retry`);
    }
    case ErrorCode.RequestError: {
      const original = (error as { original: Error }).original;
      if (original.name === 'TimeoutError' || original.name === 'AbortError') {
        return err('SLACK_TIMEOUT', 'Slack did not answer in time; will retry (history is checked before resending)');
      }
      return err('SLACK_NETWORK', `cannot reach Slack: ${original.message}; will retry`);
    }
    default:
      return err('SLACK_NETWORK', `Slack call failed: ${error instanceof Error ? error.message : String(error)}; will retry`);
  }
}

function platformError(code: string, channelId: string): Err<AppError> {
  if (GONE.has(code)) return err('SLACK_CHANNEL_GONE', `channel ${channelId} is gone for the bot (${code}); stopping this channel`, { permanent: true });
  if (UNAUTHORIZED.has(code)) return err('SLACK_UNAUTHORIZED', `Slack rejected the token (${code}); set a valid SLACK_BOT_TOKEN`, { permanent: true });
  if (TOKEN_FORBIDDEN.has(code)) return err('SLACK_TOKEN_FORBIDDEN', `the bot's token may not post (${code}); check its scopes`, { permanent: true });
  if (FORBIDDEN.has(code)) return err('SLACK_FORBIDDEN', `the bot may not post in channel ${channelId} (${code}); stopping this channel`, { permanent: true });
  if (MESSAGE_GONE.has(code)) return err('SLACK_MESSAGE_GONE', `the message to edit cannot be edited (${code})`, { permanent: true });
  if (REJECTED.has(code)) return err('SLACK_REJECTED', `Slack rejected the message (${code}); not retrying`, { permanent: true });
  if (code === 'ratelimited') return err('SLACK_RATE_LIMITED', 'Slack rate limit; retry in 1 s', { retryAfterMs: 1000 });
  return err(`SLACK_API_${code.toUpperCase()}`, `Slack answered ${code}; will retry`);
}
