import type { StoryConfig } from '../config/story-schema.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { AppError } from '../core/result.js';
import type { Store } from '../store/ports.js';
import { buildMessage, passSnapshot, type MessageReads } from './build-message.js';
import type { Sender } from './message.js';
import type { OutboxRow, Platform, Subscription } from './subscription.js';

/** What the dispatcher needs. `senders` holds the platforms that are on (a token is set). */
export interface DispatchDeps {
  store: Store;
  senders: Partial<Record<Platform, Sender>>;
  stories: StoryConfig[];
  clock: Clock;
  log: Logger;
  /** How long a row is claimed while it is sent (other dispatchers skip it); 2 minutes by default. */
  claimMs?: number;
}

/** What one dispatch pass did. */
export interface DispatchReport {
  sent: number;
  edited: number;
  retrying: number;
  dropped: number;
  /** Rows left for a platform that is off (no token), or paused by a global rate limit. */
  waiting: number;
}

const BASE_RETRY_MS = 5_000;
const MAX_RETRY_MS = 10 * 60_000;
/**
 * A sent alert is edited (its source count) at most this often: a busy story gains sources on every
 * pass, and editing each time would spend the channel's rate limit on counts.
 */
export const EDIT_INTERVAL_MS = 60_000;
/** Errors that end a subscription: the channel is gone or the bot may not use it. */
const STOPS_SUBSCRIPTION = /_(CHANNEL_GONE|FORBIDDEN|UNAUTHORIZED)$/;

/** Exponential backoff for a failed delivery: 5 s, 10 s, 20 s … at most 10 minutes. */
export function retryDelayMs(attempts: number, error: AppError): number {
  return error.retryAfterMs ?? Math.min(MAX_RETRY_MS, BASE_RETRY_MS * 2 ** Math.max(0, attempts - 1));
}

/**
 * Sends what the outbox holds, oldest first, and records each outcome. A rate limit or an outage
 * leaves the row pending with its next attempt time (Retry-After honoured; a global limit pauses
 * the platform); later rows of the same channel wait so alerts keep their order. A channel that is
 * gone or a refused token stops the subscription with the reason; a message the platform rejects is
 * dropped alone. Sent alerts whose developments gained sources are edited in place.
 */
export class Dispatcher {
  private readonly pausedUntil = new Map<Platform, number>();
  private readonly warnedOff = new Set<Platform>();

  constructor(private readonly deps: DispatchDeps) {}

  /** One pass over the due rows. Never throws for delivery problems. */
  async dispatchDue(limit = 200): Promise<DispatchReport> {
    const { store, clock } = this.deps;
    const report: DispatchReport = { sent: 0, edited: 0, retrying: 0, dropped: 0, waiting: 0 };
    const blocked = new Set<string>();
    const rows = await store.dueOutbox(clock.now(), limit);
    const reads = passSnapshot(store);
    for (const row of rows) {
      const sub = await store.getSubscription(row.subscriptionId);
      if (!sub) continue;
      const channel = `${sub.platform}:${sub.channelId}`;
      if (blocked.has(channel)) continue;
      const outcome = await this.deliver(row, sub, reads);
      report[outcome] += 1;
      if (outcome === 'retrying' || outcome === 'waiting') blocked.add(channel);
    }
    return report;
  }

  private async deliver(row: OutboxRow, sub: Subscription, reads: MessageReads): Promise<keyof DispatchReport> {
    const { store, clock, log } = this.deps;
    const fields = { channel: `${sub.platform}:${sub.channelId}`, story: sub.storyId, outbox: row.id, key: row.key };
    if (sub.status === 'stopped') {
      await store.recordDelivery(row.id, { status: 'dropped', lastError: `subscription stopped: ${sub.stoppedReason ?? ''}`, needsUpdate: false });
      return 'dropped';
    }
    const sender = this.deps.senders[sub.platform];
    if (!sender || (this.pausedUntil.get(sub.platform) ?? 0) > clock.now().getTime()) {
      if (!sender && !this.warnedOff.has(sub.platform)) log.warn(fields, `${sub.platform} is off (no token): its messages wait in the outbox`);
      if (!sender) this.warnedOff.add(sub.platform);
      return 'waiting';
    }
    // Another dispatcher (a second process, a worker whose job expired) may have read the row too.
    if (!(await store.claimOutbox(row.id, row.nextAttemptAt, new Date(clock.now().getTime() + (this.deps.claimMs ?? 120_000))))) {
      log.debug(fields, 'another dispatcher is sending this message');
      return 'waiting';
    }
    const story = this.deps.stories.find((s) => s.id === sub.storyId);
    const message = story ? await buildMessage(reads, story, sub, row) : null;
    if (!message) {
      await store.recordDelivery(row.id, { status: 'dropped', lastError: 'nothing to send: story or alert no longer configured', needsUpdate: false });
      return 'dropped';
    }
    const editing = row.status === 'sent';
    const result = editing
      ? await sender.update(sub.channelId, row.messageId ?? '', message)
      : await sender.send(sub.channelId, message, row.key);
    const now = clock.now();
    if (result.ok) {
      const nextEditAt = new Date(now.getTime() + EDIT_INTERVAL_MS);
      if (editing) await store.recordDelivery(row.id, { status: 'sent', needsUpdate: false, lastError: null, nextAttemptAt: nextEditAt });
      else {
        const sent = result.value as Exclude<typeof result.value, void>;
        const digestSent = row.kind === 'digest' ? { subscriptionId: sub.id, until: row.digestUntil ?? row.createdAt } : undefined;
        await store.recordDelivery(row.id, {
          status: 'sent', sent, sentAt: now, attempts: row.attempts + 1, lastError: null, needsUpdate: false, nextAttemptAt: nextEditAt, ...(digestSent ? { digestSent } : {}),
        });
        log.info({ ...fields, messageId: sent.messageId }, `${row.kind} delivered`);
      }
      return editing ? 'edited' : 'sent';
    }
    const error = result.error;
    if (error.permanent && STOPS_SUBSCRIPTION.test(error.code)) {
      await store.stopSubscription(sub.id, `${error.code}: ${error.message}`);
      await store.recordDelivery(row.id, { status: editing ? 'sent' : 'dropped', lastError: `${error.code}: ${error.message}`, needsUpdate: false });
      log.error({ ...fields, code: error.code }, `subscription stopped: ${error.message}`);
      return 'dropped';
    }
    if (error.permanent) {
      await store.recordDelivery(row.id, { status: editing ? 'sent' : 'failed', lastError: `${error.code}: ${error.message}`, needsUpdate: false });
      log.error({ ...fields, code: error.code }, `message dropped: ${error.message}`);
      return 'dropped';
    }
    const attempts = row.attempts + 1;
    const nextAttemptAt = new Date(now.getTime() + retryDelayMs(attempts, error));
    if (error.code.endsWith('_RATE_LIMITED_GLOBAL')) this.pausedUntil.set(sub.platform, nextAttemptAt.getTime());
    await store.recordDelivery(row.id, { status: row.status, attempts, nextAttemptAt, lastError: `${error.code}: ${error.message}` });
    log.warn({ ...fields, code: error.code, attempts, nextAttemptAt: nextAttemptAt.toISOString() }, `delivery failed, will retry: ${error.message}`);
    return 'retrying';
  }
}
