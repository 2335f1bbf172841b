import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { NoticeRow } from '../core/ops.js';
import type { Platform } from '../core/subscription.js';
import type { Store } from '../store/ports.js';
import { isAuthFailure, retryDelayMs } from './delivery-errors.js';
import type { Sender } from './message.js';

/** What sending the notices needs: the dispatcher's store, senders and clock. */
export interface NoticeSendDeps {
  store: Store;
  senders: Partial<Record<Platform, Sender>>;
  clock: Clock;
  log: Logger;
  claimMs: number;
  probeMs: number;
}

/**
 * Sends the due ops notices on `platforms`, oldest first and in order per channel, with the outbox's
 * rules: the row's key is the idempotency key (a resend does not post twice), a claim keeps other
 * dispatchers off it, a transient failure retries with backoff or Retry-After, a refused token
 * pauses the platform (the notice waits, nothing is dropped). A notice the platform refuses for
 * good (ops channel gone, message rejected) is marked failed and logged at error level: there is
 * nowhere else to tell. Returns how many were sent.
 */
export async function sendDueNotices(deps: NoticeSendDeps, platforms: readonly Platform[], until?: Date, limit = 50): Promise<number> {
  const rows = await deps.store.dueNotices(deps.clock.now(), limit, platforms);
  const blocked = new Set<string>();
  let sent = 0;
  for (const row of rows) {
    if (until && deps.clock.now() >= until) break;
    const channel = `${row.platform}:${row.channelId}`;
    if (blocked.has(row.platform) || blocked.has(channel)) continue;
    const outcome = await sendNotice(deps, row);
    if (outcome === 'sent') sent += 1;
    else if (outcome === 'paused') blocked.add(row.platform);
    else if (outcome === 'retrying') blocked.add(channel);
  }
  return sent;
}

async function sendNotice(deps: NoticeSendDeps, row: NoticeRow): Promise<'sent' | 'retrying' | 'failed' | 'paused' | 'skipped'> {
  const { store, clock, log } = deps;
  const sender = deps.senders[row.platform];
  const fields = { channel: `${row.platform}:${row.channelId}`, notice: row.id, key: row.key, kind: row.kind };
  if (!sender || !(await store.claimNotice(row.id, row.nextAttemptAt, new Date(clock.now().getTime() + deps.claimMs)))) return 'skipped';
  const result = await sender.send(row.channelId, { type: 'notice', kind: row.kind, title: row.title, lines: row.lines }, row.key);
  const now = clock.now();
  const attempts = row.attempts + 1;
  if (result.ok) {
    await store.recordNotice(row.id, { status: 'sent', attempts, lastError: null, messageId: result.value.messageId, sentAt: now });
    log.info(fields, 'ops notice delivered');
    return 'sent';
  }
  const error = result.error;
  const lastError = `${error.code}: ${error.message}`;
  if (isAuthFailure(error)) {
    await store.recordNotice(row.id, { status: 'pending', nextAttemptAt: row.nextAttemptAt, lastError });
    const first = await store.pausePlatform({
      platform: row.platform,
      code: error.code,
      reason: error.message,
      channelId: row.channelId,
      pausedAt: now,
      nextProbeAt: new Date(now.getTime() + deps.probeMs),
    });
    log[first ? 'error' : 'warn'](
      { ...fields, code: 'DELIVERY_AUTH_FAILED', cause: error.code },
      `${row.platform} refused the token: delivery paused, the notice waits`,
    );
    return 'paused';
  }
  if (error.permanent) {
    await store.recordNotice(row.id, { status: 'failed', attempts, lastError });
    log.error({ ...fields, code: error.code }, `ops notice not delivered, the ops channel refused it (check ops in storywatch.yml): ${error.message}`);
    return 'failed';
  }
  const nextAttemptAt = new Date(now.getTime() + retryDelayMs(attempts, error));
  await store.recordNotice(row.id, { status: 'pending', attempts, nextAttemptAt, lastError });
  log.warn({ ...fields, code: error.code, attempts, nextAttemptAt: nextAttemptAt.toISOString() }, `ops notice not delivered, will retry: ${error.message}`);
  return 'retrying';
}
