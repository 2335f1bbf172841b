import type { StoryConfig } from '../../config/story-schema.js';
import { systemClock, type Clock } from '../../core/clock.js';
import { err, ok, type Result } from '../../core/result.js';
import type { SentMessage } from '../../core/subscription.js';
import { signWebhook, WEBHOOK_HEADERS } from '../../core/webhook.js';
import type { Sender } from '../../delivery/message.js';
import { parseRetryAfter } from '../../pipeline/fetch/http-fetcher.js';
import { storyDevelopments } from '../../queries/story-developments.js';
import type { Store } from '../../store/ports.js';
import { postJson, type PostLimits, type PostOutcome } from './post-json.js';
import { webhookPayload } from './webhook-payload.js';

/** What the webhook sender needs: the store (targets, the story's sources), the stories, and how it posts. */
export interface WebhookSenderDeps {
  store: Store;
  stories: readonly StoryConfig[];
  /** The signatures' clock: the real time of sending, which receivers compare with theirs. */
  clock?: Clock;
  limits?: Partial<PostLimits>;
}

const DEFAULT_LIMITS: PostLimits = {
  timeoutMs: 10_000,
  allowPrivateNetworks: false,
  userAgent: 'storywatch/0.1 (+https://github.com/storywatch/storywatch; webhook)',
};

/** A target's URL as messages name it: its origin only (paths and queries of webhook URLs often hold tokens). */
function origin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'an invalid URL';
  }
}

/**
 * What an answer means for the outbox: 2xx delivered; 410 the target is gone (the subscription
 * stops, WEBHOOK_CHANNEL_GONE); 408, 429 (Retry-After honoured) and 5xx, timeouts and network
 * errors are retried; any other 3xx or 4xx fails this message for good, with the status and the
 * start of the receiver's answer as the reason. Redirects are not followed.
 */
function outcomeResult(outcome: PostOutcome, where: string, key: string): Result<SentMessage> {
  if (outcome.kind === 'blocked')
    return err('WEBHOOK_FORBIDDEN', `refused to post to ${where} (${outcome.address}): not a public address`, { permanent: true });
  if (outcome.kind === 'timeout') return err('WEBHOOK_TIMEOUT', `${where} did not answer in time`);
  if (outcome.kind === 'network') return err('WEBHOOK_NETWORK', `network error posting to ${where}: ${outcome.detail}`);
  const { status, statusText } = outcome;
  if (status >= 200 && status < 300) return ok({ messageId: key, messageIds: [key] });
  const answer = outcome.bodyStart.replace(/\s+/g, ' ').trim();
  const message = `HTTP ${status} ${statusText} from ${where}${answer ? `: ${answer.slice(0, 200)}` : ''}`;
  if (status === 410) return err('WEBHOOK_CHANNEL_GONE', message, { permanent: true });
  if (status === 429 || status === 503) {
    const retryAfterMs = parseRetryAfter(outcome.headers['retry-after'], Date.now());
    const code = status === 429 ? 'WEBHOOK_RATE_LIMITED' : 'WEBHOOK_HTTP_503';
    return err(code, message, retryAfterMs === null ? {} : { retryAfterMs });
  }
  if (status === 408 || status >= 500) return err(`WEBHOOK_HTTP_${status}`, message);
  const why = status >= 300 && status < 400 ? ' (redirects are not followed: give the final URL)' : '';
  return err(`WEBHOOK_HTTP_${status}`, `${message}${why}`, { permanent: true });
}

/**
 * The `webhook` platform's sender (decision 030): POSTs an alert or digest as JSON to the target
 * the channel id names, signed with its secret — `X-Storywatch-Signature: v1=<hex HMAC-SHA256 of
 * "<timestamp>.<body>">`, `X-Storywatch-Timestamp`, and `X-Storywatch-Delivery`, the outbox key,
 * the same on every attempt so receivers can drop a repeat. Edits are not sent: `update` does nothing.
 */
export function createWebhookSender(deps: WebhookSenderDeps): Sender {
  const limits = { ...DEFAULT_LIMITS, ...deps.limits };
  const clock = deps.clock ?? systemClock;
  return {
    platform: 'webhook',
    async send(channelId, message, key) {
      const target = /^\d+$/.test(channelId) ? await deps.store.getWebhookTarget(Number(channelId)) : null;
      if (!target) return err('WEBHOOK_CHANNEL_GONE', `webhook target ${channelId} is not in the store`, { permanent: true });
      const where = `webhook #${target.id} (${origin(target.url)})`;
      let url: URL;
      try {
        url = new URL(target.url);
      } catch {
        return err('WEBHOOK_CHANNEL_GONE', `${where} has an invalid URL`, { permanent: true });
      }
      if (url.protocol !== 'https:' && url.protocol !== 'http:') return err('WEBHOOK_CHANNEL_GONE', `${where}: only http(s) URLs`, { permanent: true });
      const story = message.type === 'notice' ? undefined : deps.stories.find((s) => s.id === message.storyId);
      const payload = webhookPayload(message, key, story ? await storyDevelopments(deps.store, story) : []);
      if (!payload) return err('WEBHOOK_REJECTED', `${where} carries alerts and digests only`, { permanent: true });
      const body = JSON.stringify(payload);
      const timestamp = Math.floor(clock.now().getTime() / 1000);
      const headers = {
        [WEBHOOK_HEADERS.timestamp]: String(timestamp),
        [WEBHOOK_HEADERS.signature]: signWebhook(target.secret, timestamp, body),
        [WEBHOOK_HEADERS.delivery]: key,
        [WEBHOOK_HEADERS.event]: payload.event,
      };
      return outcomeResult(await postJson(url, headers, body, limits), where, key);
    },
    // A webhook delivery is an event, not a message to edit (the store marks none for edits); the current state is on the story's JSON API.
    update: async () => ok(undefined),
  };
}
