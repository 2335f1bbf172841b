import cron, { type ScheduledTask } from 'node-cron';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import { enqueueDueDigests } from '../delivery/digest-schedule.js';
import type { Dispatcher, DispatchReport } from '../delivery/dispatch.js';
import { drainOutbox, type DrainReport } from '../delivery/drain.js';
import type { Store } from '../store/ports.js';

/** What one delivery pass did: digests added to the outbox, and the dispatch. */
export interface DeliveryPass {
  digestsQueued: number;
  dispatch: DispatchReport;
}

/**
 * The delivery job: on each tick, queue the digests that are due and send what the outbox holds.
 * Ticks never overlap and never throw; stop() waits for the pass in flight.
 */
export class DeliveryLoop {
  private task: ScheduledTask | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly deps: { store: Store; dispatcher: Dispatcher; clock: Clock; log: Logger },
    private readonly tick = '*/10 * * * * *',
  ) {}

  /** One pass: due digests, then the outbox. */
  async runOnce(): Promise<DeliveryPass> {
    const queued = await enqueueDueDigests(this.deps.store, this.deps.clock.now());
    for (const row of queued) this.deps.log.info({ outbox: row.id, key: row.key }, 'digest queued');
    return { digestsQueued: queued.length, dispatch: await this.deps.dispatcher.dispatchDue() };
  }

  /**
   * For `run --once`: queues the due digests, then sends until nothing that can be sent waits or
   * `budgetMs` is spent (waiting out rate limits and backoff in between); reports what is left.
   */
  async drain(budgetMs: number): Promise<{ digestsQueued: number; dispatch: DrainReport }> {
    const queued = await enqueueDueDigests(this.deps.store, this.deps.clock.now());
    for (const row of queued) this.deps.log.info({ outbox: row.id, key: row.key }, 'digest queued');
    return { digestsQueued: queued.length, dispatch: await drainOutbox(this.deps.dispatcher, { clock: this.deps.clock, budgetMs }) };
  }

  /** Starts ticking. */
  start(): void {
    this.task = cron.schedule(this.tick, () => {
      if (this.running) return;
      this.running = this.runOnce()
        .catch((error: unknown) => this.deps.log.error({ err: error }, 'delivery pass failed; the next tick retries'))
        .finally(() => (this.running = null));
    });
  }

  /** Stops ticking and waits for the pass in flight. */
  async stop(): Promise<void> {
    await this.task?.stop();
    await this.running;
  }
}
