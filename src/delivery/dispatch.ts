import type { StoryConfig } from '../config/story-schema.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { OpsSettings } from '../core/ops.js';
import type { AppError } from '../core/result.js';
import type { Store } from '../store/ports.js';
import { passSnapshot, type MessageReads } from './build-message.js';
import { isAuthFailure, retryDelayMs, STOPS_SUBSCRIPTION } from './delivery-errors.js';
import { prepareDelivery } from './threads.js';
import type { Sender } from './message.js';
import { checkBacklog, noticeDeliveryPaused, noticeSubscriptionStopped } from './ops-notices.js';
import { sendDueNotices } from './send-notices.js';
import type { OutboxBacklog, OutboxRow, Platform, PlatformPause, Subscription } from '../core/subscription.js';

/** What the dispatcher needs. `senders` holds the platforms that are on (a token is set). */
export interface DispatchDeps {
  store: Store;
  senders: Partial<Record<Platform, Sender>>;
  stories: StoryConfig[];
  clock: Clock;
  log: Logger;
  /** How long a row is claimed while it is sent (other dispatchers skip it); 2 minutes by default. */
  claimMs?: number;
  /** While a platform is paused (token refused), how often its oldest due message probes it; 5 minutes by default. */
  authProbeMs?: number;
  /** Where operators hear about stopped subscriptions, paused platforms and a growing backlog (decision 026). */
  ops?: OpsSettings;
}

/** What one dispatch pass did, and what is left. */
export interface DispatchReport {
  sent: number;
  edited: number;
  retrying: number;
  dropped: number;
  /** Messages still pending after the pass: due later, behind an older one, or on a platform that is off or paused. */
  waiting: number;
  /** Platforms paused because they refused the token (every message of theirs waits). */
  paused?: PlatformPause[];
  /** Per platform: how many messages wait and the earliest next attempt. */
  backlog?: OutboxBacklog[];
  /** Ops notices sent in the pass. */
  notices?: number;
}

/** How one message went: `discarded` is dropped without asking the platform; `skipped` is another dispatcher's. */
type Outcome = 'sent' | 'edited' | 'retrying' | 'dropped' | 'discarded' | 'skipped' | 'paused';

const PLATFORMS: readonly Platform[] = ['discord', 'slack'];
const DEFAULT_AUTH_PROBE_MS = 5 * 60_000;
/**
 * A sent alert is edited (its source count) at most this often: a busy story gains sources on every
 * pass, and editing each time would spend the channel's rate limit on counts.
 */
export const EDIT_INTERVAL_MS = 60_000;

/**
 * Sends what the outbox holds, oldest first, and records each outcome. A rate limit or an outage
 * leaves the row pending with its next attempt time (Retry-After honoured; a global limit holds
 * the platform); later rows of the same channel wait so alerts keep their order. A refused token
 * pauses the whole platform in the store (DELIVERY_AUTH_FAILED, logged at error level once per
 * pause): every message stays pending, in order, and the oldest due one probes the platform every
 * `authProbeMs` until it is accepted. A channel that is gone stops that subscription with the
 * reason; a message the platform rejects is dropped alone. Sent alerts whose developments gained
 * sources are edited in place.
 */
export class Dispatcher {
  private readonly heldUntil = new Map<Platform, number>();
  private readonly warnedOff = new Set<Platform>();

  constructor(private readonly deps: DispatchDeps) {}

  /** One pass over the due rows (stopping at `until`, if given). Never throws for delivery problems. */
  async dispatchDue(limit = 200, until?: Date): Promise<DispatchReport> {
    const { store, clock } = this.deps;
    const report: DispatchReport = { sent: 0, edited: 0, retrying: 0, dropped: 0, waiting: 0 };
    const paused = new Set((await store.listPlatformPauses()).map((p) => p.platform));
    for (const platform of [...paused]) {
      if (this.deps.senders[platform] && (await this.probe(platform, report))) paused.delete(platform);
    }
    const open = PLATFORMS.filter((p) => this.deps.senders[p] && !paused.has(p) && !this.held(p));
    const rows = open.length === 0 ? [] : await store.dueOutbox(clock.now(), limit, { platforms: open });
    // After the rows: every alert they name is in the snapshot (alert and rows are written together).
    const reads = passSnapshot(store);
    const blocked = new Set<string>();
    for (const row of rows) {
      if (until && clock.now() >= until) break;
      const sub = await store.getSubscription(row.subscriptionId);
      if (!sub) continue;
      const channel = `${sub.platform}:${sub.channelId}`;
      if (blocked.has(channel) || paused.has(sub.platform) || this.held(sub.platform)) continue;
      const outcome = await this.deliver(row, sub, reads);
      if (outcome === 'paused') paused.add(sub.platform);
      else count(report, outcome);
      if (outcome === 'retrying' || outcome === 'skipped') blocked.add(channel);
    }
    const noticeDeps = { ...this.deps, claimMs: this.deps.claimMs ?? 120_000, probeMs: this.probeMs() };
    const notices = await sendDueNotices(
      noticeDeps,
      open.filter((p) => !paused.has(p)),
      until,
    );
    return this.withBacklog({ ...report, ...(notices > 0 ? { notices } : {}) });
  }

  /**
   * When something this dispatcher could send becomes due, after a pass that returned `report`:
   * the earliest next attempt on a platform that is on (on a paused one not before its next probe;
   * on a held one not before the end of its global rate limit), or null when nothing it can send waits.
   */
  nextAttemptAt(report: DispatchReport): Date | null {
    let earliest: number | null = null;
    for (const line of report.backlog ?? []) {
      if (!this.deps.senders[line.platform] || line.nextAttemptAt === null) continue;
      const pause = report.paused?.find((p) => p.platform === line.platform);
      const hold = pause ? pause.nextProbeAt.getTime() : (this.heldUntil.get(line.platform) ?? 0);
      const at = Math.max(line.nextAttemptAt.getTime(), hold);
      earliest = earliest === null ? at : Math.min(earliest, at);
    }
    return earliest === null ? null : new Date(earliest);
  }

  private held(platform: Platform): boolean {
    return (this.heldUntil.get(platform) ?? 0) > this.deps.clock.now().getTime();
  }

  /** Adds what is left: pending messages per platform and the pauses; warns once about a platform that is off. */
  private async withBacklog(report: DispatchReport): Promise<DispatchReport> {
    const backlog = await this.deps.store.outboxBacklog();
    for (const line of backlog) {
      if (this.deps.senders[line.platform] || this.warnedOff.has(line.platform)) continue;
      this.warnedOff.add(line.platform);
      this.deps.log.warn({ platform: line.platform, waiting: line.pending }, `${line.platform} is off (no token): its messages wait in the outbox`);
    }
    const paused = await this.deps.store.listPlatformPauses();
    await checkBacklog(this.deps.store, this.deps.ops, backlog, this.deps.clock.now(), this.deps.log);
    return { ...report, waiting: backlog.reduce((n, line) => n + line.pending, 0), paused, backlog };
  }

  /**
   * Tries a paused platform with its oldest due message when its probe is due (one dispatcher
   * across processes takes it). An answer from the platform other than a refused token or a
   * transient failure lifts the pause; returns whether it did.
   */
  private async probe(platform: Platform, report: DispatchReport): Promise<boolean> {
    const { store, clock, log } = this.deps;
    const now = clock.now();
    const [row] = await store.dueOutbox(now, 1, { platforms: [platform] });
    if (!row || !(await store.claimPlatformProbe(platform, now, new Date(now.getTime() + this.probeMs())))) return false;
    const sub = await store.getSubscription(row.subscriptionId);
    if (!sub) return false;
    log.info(
      { platform, outbox: row.id, channel: `${platform}:${sub.channelId}` },
      `${platform} is paused: trying the oldest message to see whether the token works again`,
    );
    const outcome = await this.deliver(row, sub, passSnapshot(store));
    if (outcome === 'paused') return false;
    count(report, outcome);
    if (outcome !== 'sent' && outcome !== 'edited' && outcome !== 'dropped') return false;
    const lifted = await store.resumePlatform(platform);
    if (lifted)
      log.warn({ code: 'DELIVERY_RESUMED', platform, pausedAt: lifted.pausedAt.toISOString() }, `${platform} accepts the token again: delivery resumed`);
    return true;
  }

  private probeMs(): number {
    return this.deps.authProbeMs ?? DEFAULT_AUTH_PROBE_MS;
  }

  private async deliver(row: OutboxRow, sub: Subscription, reads: MessageReads): Promise<Outcome> {
    const { store, clock, log } = this.deps;
    const fields = { channel: `${sub.platform}:${sub.channelId}`, story: sub.storyId, outbox: row.id, key: row.key };
    if (sub.status === 'stopped') {
      await store.recordDelivery(row.id, { status: 'dropped', lastError: `subscription stopped: ${sub.stoppedReason ?? ''}`, needsUpdate: false });
      return 'discarded';
    }
    const sender = this.deps.senders[sub.platform];
    if (!sender) return 'skipped';
    // Another dispatcher (a second process, a worker whose job expired) may have read the row too.
    if (!(await store.claimOutbox(row.id, row.nextAttemptAt, new Date(clock.now().getTime() + (this.deps.claimMs ?? 120_000))))) {
      log.debug(fields, 'another dispatcher is sending this message');
      return 'skipped';
    }
    const story = this.deps.stories.find((s) => s.id === sub.storyId);
    const delivery = story ? await prepareDelivery(store, reads, story, sub, row) : { nothing: 'nothing to send: story or alert no longer configured' };
    if ('nothing' in delivery || ('reply' in delivery && !sender.reply)) {
      const reason = 'nothing' in delivery ? delivery.nothing : `nothing to send: ${sub.platform} has no threads`;
      await store.recordDelivery(row.id, { status: 'dropped', lastError: reason, needsUpdate: false });
      return 'discarded';
    }
    const editing = row.status === 'sent';
    const result =
      'reply' in delivery
        ? await sender.reply!(sub.channelId, delivery.parentId, delivery.reply, row.key)
        : editing
          ? await sender.update(sub.channelId, row.messageId ?? '', delivery.message)
          : await sender.send(sub.channelId, delivery.message, row.key);
    const now = clock.now();
    if (result.ok) {
      const nextEditAt = new Date(now.getTime() + EDIT_INTERVAL_MS);
      if (editing) await store.recordDelivery(row.id, { status: 'sent', needsUpdate: false, lastError: null, nextAttemptAt: nextEditAt });
      else {
        const sent = result.value as Exclude<typeof result.value, void>;
        const digestSent = row.kind === 'digest' ? { subscriptionId: sub.id, until: row.digestUntil ?? row.createdAt } : undefined;
        await store.recordDelivery(row.id, {
          status: 'sent',
          sent,
          sentAt: now,
          attempts: row.attempts + 1,
          lastError: null,
          needsUpdate: false,
          nextAttemptAt: nextEditAt,
          ...(digestSent ? { digestSent } : {}),
        });
        log.info({ ...fields, messageId: sent.messageId }, `${row.kind} delivered`);
      }
      return editing ? 'edited' : 'sent';
    }
    const error = result.error;
    if (isAuthFailure(error)) return this.pause(row, sub, error);
    if (error.permanent && STOPS_SUBSCRIPTION.test(error.code)) {
      await store.stopSubscription(sub.id, `${error.code}: ${error.message}`);
      await store.recordDelivery(row.id, { status: editing ? 'sent' : 'dropped', lastError: `${error.code}: ${error.message}`, needsUpdate: false });
      await noticeSubscriptionStopped(store, this.deps.ops, sub, error, now, log);
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
    if (error.code.endsWith('_RATE_LIMITED_GLOBAL')) this.heldUntil.set(sub.platform, nextAttemptAt.getTime());
    await store.recordDelivery(row.id, { status: row.status, attempts, nextAttemptAt, lastError: `${error.code}: ${error.message}` });
    log.warn({ ...fields, code: error.code, attempts, nextAttemptAt: nextAttemptAt.toISOString() }, `delivery failed, will retry: ${error.message}`);
    return 'retrying';
  }

  /**
   * The platform refused the token: the message goes back as it was (due, same attempts, its
   * claim released) and the platform is paused in the store. The dispatcher that paused it logs
   * DELIVERY_AUTH_FAILED at error level, once per pause; the others note that it is still refused.
   */
  private async pause(row: OutboxRow, sub: Subscription, error: AppError): Promise<Outcome> {
    const { store, clock, log } = this.deps;
    const now = clock.now();
    const nextProbeAt = new Date(now.getTime() + this.probeMs());
    await store.recordDelivery(row.id, { status: row.status, nextAttemptAt: row.nextAttemptAt, lastError: `${error.code}: ${error.message}` });
    const pause = { platform: sub.platform, code: error.code, reason: error.message, channelId: sub.channelId, pausedAt: now, nextProbeAt };
    const first = await store.pausePlatform(pause);
    if (first) await noticeDeliveryPaused(store, this.deps.ops, pause, Math.round(this.probeMs() / 1000), log);
    const fields = {
      code: 'DELIVERY_AUTH_FAILED',
      cause: error.code,
      platform: sub.platform,
      channel: `${sub.platform}:${sub.channelId}`,
      outbox: row.id,
      nextProbeAt: nextProbeAt.toISOString(),
    };
    if (first) {
      log.error(
        fields,
        `${sub.platform} refused the token (${error.message}): delivery on ${sub.platform} is paused and every message waits in the outbox; ` +
          `it resumes by itself once the token works (checked every ${Math.round(this.probeMs() / 1000)} s), or at once with \`storywatch subscriptions resume --platform ${sub.platform}\``,
      );
    } else {
      log.warn(fields, `${sub.platform} still refuses the token: delivery stays paused`);
    }
    return 'paused';
  }
}

/** Adds an outcome to the pass's counts (a message dropped without asking the platform is still dropped). */
function count(report: DispatchReport, outcome: Exclude<Outcome, 'paused'>): void {
  if (outcome === 'discarded') report.dropped += 1;
  else if (outcome !== 'skipped') report[outcome] += 1;
}
