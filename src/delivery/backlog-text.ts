import type { DispatchReport } from './dispatch.js';
import type { DeliveryPlatform, PlatformPause } from '../core/subscription.js';

/** One line about a paused platform: since when, why, which channel hit it, and how it resumes. */
export function describePause(p: PlatformPause): string {
  return (
    `${p.platform} delivery PAUSED since ${p.pausedAt.toISOString()} (DELIVERY_AUTH_FAILED: ${p.code} on channel ${p.channelId ?? '?'}): ` +
    `messages wait; next probe at ${p.nextProbeAt.toISOString()}, or run \`storywatch subscriptions resume --platform ${p.platform}\` once the token is fixed`
  );
}

/**
 * What still waits after a dispatch, one line per platform: how many messages, and when and why
 * the next attempt comes (paused platform, platform off, rate limit, retry backoff, or due now
 * when the time budget ran out).
 */
export function describeBacklog(report: DispatchReport, on: (platform: DeliveryPlatform) => boolean, now: Date): string[] {
  return (report.backlog ?? []).map((line) => {
    const head = `Waiting on ${line.platform}: ${line.pending} message(s)`;
    const pause = report.paused?.find((p) => p.platform === line.platform);
    if (pause) return `${head}; ${describePause(pause)}`;
    if (!on(line.platform)) return `${head}; ${line.platform} delivery is off (no token)`;
    const at = line.nextAttemptAt;
    if (at === null || at.getTime() <= now.getTime()) return `${head}; due now`;
    const code = line.lastError?.split(':')[0] ?? '';
    const why = /RATE_LIMITED/.test(code) ? `rate limited (${code})` : code ? `retry backoff after ${code}` : 'not due yet';
    return `${head}; next attempt at ${at.toISOString()}: ${why}`;
  });
}
