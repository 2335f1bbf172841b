import type { Clock } from '../core/clock.js';
import type { Dispatcher, DispatchReport } from './dispatch.js';

/** What a drain did over all its passes; `waiting`, `paused` and `backlog` are what is left at the end. */
export interface DrainReport extends DispatchReport {
  passes: number;
  /** True when the time budget ended the drain while messages it could send were still waiting. */
  budgetExhausted: boolean;
}

/** How a drain runs: its time budget, and how it waits (a timer; tests move a manual clock instead). */
export interface DrainOptions {
  clock: Clock;
  budgetMs: number;
  sleep?: (ms: number) => Promise<void>;
}

/** A pass that changed nothing is not repeated sooner than this, so a drain never spins. */
const IDLE_MS = 100;

const timer = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends every message that is due or becomes due within the budget, in passes: after each pass it
 * waits until the next message may go (the next in a channel's queue at once; a rate-limited or
 * retried one at its Retry-After or backoff; a paused platform at its next probe) and stops when
 * nothing it can send waits, or when the next attempt lies beyond the budget. The per-channel
 * order, Retry-After and global limits are the dispatcher's, as in the long-running loop.
 */
export async function drainOutbox(dispatcher: Dispatcher, options: DrainOptions): Promise<DrainReport> {
  const { clock, budgetMs, sleep = timer } = options;
  const deadline = clock.now().getTime() + budgetMs;
  const total = { sent: 0, edited: 0, retrying: 0, dropped: 0 };
  for (let passes = 1; ; passes += 1) {
    const pass = await dispatcher.dispatchDue(200, new Date(deadline));
    for (const key of ['sent', 'edited', 'retrying', 'dropped'] as const) total[key] += pass[key];
    const next = dispatcher.nextAttemptAt(pass);
    const now = clock.now().getTime();
    const progressed = pass.sent + pass.edited + pass.retrying + pass.dropped > 0;
    const wait = next === null ? 0 : Math.max(next.getTime() - now, progressed ? 0 : IDLE_MS);
    if (next === null || now + wait > deadline) {
      return { ...pass, ...total, passes, budgetExhausted: next !== null };
    }
    if (wait > 0) await sleep(wait);
  }
}
