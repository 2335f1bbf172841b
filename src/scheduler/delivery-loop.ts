import cron, { type ScheduledTask } from 'node-cron';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import { enqueueDueDigests } from '../delivery/digest-schedule.js';
import type { Dispatcher } from '../delivery/dispatch.js';
import { drainOutbox, type DrainReport } from '../delivery/drain.js';
import type { Store } from '../store/ports.js';

/** How long one tick of the long-running loop may keep sending (below the 10 s tick, so ticks never pile up). */
const TICK_BUDGET_MS = 5_000;

/**
 * The delivery job: on each tick, queue the digests that are due and drain the outbox (a backlog
 * of several messages per channel goes out in one tick, within the platforms' rate limits), and
 * at once when nudged. Passes never overlap and never throw; stop() waits for the pass in flight.
 */
export class DeliveryLoop {
  private task: ScheduledTask | null = null;
  private running: Promise<unknown> | null = null;
  private again = false;

  constructor(
    private readonly deps: { store: Store; dispatcher: Dispatcher; clock: Clock; log: Logger },
    private readonly tick = '*/10 * * * * *',
  ) {}

  /**
   * Queues the due digests, then sends until nothing that can be sent waits or `budgetMs` is spent
   * (waiting out rate limits and backoff in between); reports what is left. `run --once` calls it
   * with delivery.onceBudgetSeconds, each tick of the long-running loop with a few seconds.
   */
  async drain(budgetMs: number): Promise<{ digestsQueued: number; dispatch: DrainReport }> {
    const queued = await enqueueDueDigests(this.deps.store, this.deps.clock.now());
    for (const row of queued) this.deps.log.info({ outbox: row.id, key: row.key }, 'digest queued');
    return { digestsQueued: queued.length, dispatch: await drainOutbox(this.deps.dispatcher, { clock: this.deps.clock, budgetMs }) };
  }

  /** Starts ticking. */
  start(): void {
    this.task = cron.schedule(this.tick, () => {
      if (!this.running) this.pass();
    });
  }

  /**
   * Sends now rather than at the next tick: this process just queued messages (an item made an
   * alert). A pass in flight is followed by one more. Does nothing unless started.
   */
  nudge(): void {
    if (!this.task) return;
    if (this.running) this.again = true;
    else this.pass();
  }

  /** Stops ticking and waits for the pass in flight. */
  async stop(): Promise<void> {
    const task = this.task;
    this.task = null;
    await task?.stop();
    while (this.running) await this.running;
  }

  private pass(): void {
    this.again = false;
    this.running = this.drain(TICK_BUDGET_MS)
      .catch((error: unknown) => this.deps.log.error({ err: error }, 'delivery pass failed; the next tick retries'))
      .finally(() => {
        this.running = null;
        if (this.again && this.task) this.pass();
      });
  }
}
