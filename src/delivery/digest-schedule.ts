import type { Store } from '../store/ports.js';
import { localDay } from './build-message.js';
import type { DigestRequest, OutboxRow, Subscription } from '../core/subscription.js';

/** The local wall-clock time (HH:MM) of an instant in an IANA time zone. */
export function localTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

/**
 * The scheduled digests due at `now`: for each active subscription with a digest time, today's
 * digest (in its own zone) once the local time has reached the digest time. The outbox keeps one
 * row per subscription and day, so asking again, from any process, after a restart or across a
 * DST change, adds nothing twice; a digest missed while the bot was down goes out when it is back.
 */
export function dueDigests(subscriptions: Subscription[], now: Date): DigestRequest[] {
  return (
    subscriptions
      .filter((s) => s.status === 'active' && s.digestTime !== null && s.timeZone !== null)
      .filter((s) => localTime(now, s.timeZone as string) >= (s.digestTime as string))
      // A channel that subscribed after today's digest time gets its first digest tomorrow.
      .filter(
        (s) =>
          localDay(s.createdAt, s.timeZone as string) < localDay(now, s.timeZone as string) ||
          localTime(s.createdAt, s.timeZone as string) < (s.digestTime as string),
      )
      .map((s) => ({ subscriptionId: s.id, day: localDay(now, s.timeZone as string), at: now }))
  );
}

/** Adds the digests due now to the outbox; returns the rows added. */
export async function enqueueDueDigests(store: Store, now: Date): Promise<OutboxRow[]> {
  return store.enqueueDigests(dueDigests(await store.listSubscriptions(), now));
}
