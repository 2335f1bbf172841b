import type { Logger } from '../core/logger.js';
import { backlogFlag, DEFAULT_OPS, type OpsSettings } from '../core/ops.js';
import type { AppError } from '../core/result.js';
import type { OutboxBacklog, Platform, PlatformPause, Subscription } from '../core/subscription.js';
import type { Store } from '../store/ports.js';

const PLATFORMS: readonly Platform[] = ['discord', 'slack'];
/** A backlog reported high is reported back to normal once it is at or under this share of the limit (no notice per message at the line). */
export const BACKLOG_CLEAR_SHARE = 0.8;

const iso = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/u, 'Z');

/** Runs `work`, logging instead of throwing: a notice never breaks the delivery that raised it. */
async function safely(log: Logger, what: string, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    log.error({ err: error }, `could not queue the ops notice: ${what}`);
  }
}

/** Tells the operators that a subscription stopped (its channel is gone or refused us), with the reason. Never throws. */
export async function noticeSubscriptionStopped(
  store: Store,
  ops: OpsSettings | undefined,
  sub: Subscription,
  error: AppError,
  at: Date,
  log: Logger,
): Promise<void> {
  const targets = (ops ?? DEFAULT_OPS).targets;
  await safely(log, 'subscription stopped', () =>
    store.enqueueNotice(
      {
        key: `subscription:${sub.id}:stopped:${at.getTime()}`,
        kind: 'subscription_stopped',
        title: `Subscription stopped: ${sub.platform} channel ${sub.channelId}`,
        lines: [
          `${sub.platform} channel ${sub.channelId} no longer gets ${sub.storyId}: ${error.code}: ${error.message}`,
          `Its pending messages are dropped. Once the channel works again, /subscribe there (or \`storywatch subscribe --platform ${sub.platform} --channel ${sub.channelId} --story ${sub.storyId}\`).`,
        ],
        at,
      },
      targets,
    ),
  );
}

/** Tells the operators that a platform refused the token and its delivery is paused (said once per pause). Never throws. */
export async function noticeDeliveryPaused(store: Store, ops: OpsSettings | undefined, pause: PlatformPause, probeSeconds: number, log: Logger): Promise<void> {
  const targets = (ops ?? DEFAULT_OPS).targets;
  await safely(log, 'delivery paused', () =>
    store.enqueueNotice(
      {
        key: `platform:${pause.platform}:paused:${pause.pausedAt.getTime()}`,
        kind: 'delivery_paused',
        title: `Delivery paused on ${pause.platform}: token refused`,
        lines: [
          `${pause.platform} refused the token (${pause.code}: ${pause.reason}); every message waits in the outbox, nothing is dropped.`,
          `It resumes by itself once the token works (tried every ${probeSeconds} s), or at once with \`storywatch subscriptions resume --platform ${pause.platform}\`.`,
        ],
        at: pause.pausedAt,
      },
      targets,
    ),
  );
}

/**
 * Reports each platform's outbox backlog when it grows past `ops.backlogLimit` (once, until it is
 * back at or under 80 % of the limit, which is reported too). Never throws.
 */
export async function checkBacklog(store: Store, ops: OpsSettings | undefined, backlog: readonly OutboxBacklog[], at: Date, log: Logger): Promise<void> {
  const { targets, backlogLimit } = ops ?? DEFAULT_OPS;
  await safely(log, 'outbox backlog', async () => {
    const raised = new Set((await store.listOpsFlags()).map((f) => f.name));
    for (const platform of PLATFORMS) {
      const pending = backlog.find((b) => b.platform === platform)?.pending ?? 0;
      const name = backlogFlag(platform);
      if (pending > backlogLimit && !raised.has(name)) {
        await store.raiseOpsFlag(
          { name, raisedAt: at, detail: String(pending) },
          {
            key: `backlog:${platform}:high:${at.getTime()}`,
            kind: 'backlog_high',
            title: `Outbox backlog on ${platform}: ${pending} messages waiting`,
            lines: [
              `${pending} messages wait to go out on ${platform}, more than the limit of ${backlogLimit} (ops.backlogLimit). They are kept and sent as ${platform} allows; \`storywatch run --once\` prints why they wait.`,
            ],
            at,
          },
          targets,
        );
      } else if (pending <= backlogLimit * BACKLOG_CLEAR_SHARE && raised.has(name)) {
        await store.clearOpsFlag(
          name,
          (flag) => ({
            key: `backlog:${platform}:ok:${flag.raisedAt.getTime()}`,
            kind: 'backlog_ok',
            title: `Outbox backlog on ${platform} back to normal`,
            lines: [`Waiting on ${platform} now: ${pending} (the limit is ${backlogLimit}); it was ${flag.detail} at ${iso(flag.raisedAt)}.`],
            at,
          }),
          targets,
        );
      }
    }
  });
}
