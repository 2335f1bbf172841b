import cron, { type ScheduledTask } from 'node-cron';
import pLimit, { type LimitFunction } from 'p-limit';
import type { FeedRecord } from '../core/feed.js';
import { processPendingItems } from '../pipeline/process-pending.js';
import { recordInternalError, runFeed, type FeedRunReport, type RunFeedDeps } from '../pipeline/run-feed.js';
import { HostGate } from './host-gate.js';

/** How the poller spreads work. */
export interface PollerOptions {
  /** Cron expression (seconds first) for how often due feeds are looked up. */
  tick: string;
  concurrency: number;
  perHostConcurrency: number;
  perHostDelayMs: number;
  /** How long a feed is leased to this process while it runs (another process skips it meanwhile); 75 s by default. */
  leaseMs?: number;
}

/** Called with each feed's report, e.g. to pass new items on or print them. */
export type ReportHandler = (report: FeedRunReport) => void | Promise<void>;

/**
 * Polls due feeds: each feed on its own interval (its stored next-check time), never the same
 * feed twice at once (in this process, and through the store's lease across processes), a global
 * concurrency limit and per-host politeness. `stop()` drains.
 */
export class Poller {
  private readonly inFlight = new Set<number>();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly limit: LimitFunction;
  private readonly hosts: HostGate;
  private task: ScheduledTask | null = null;
  private stopping = false;

  constructor(
    private readonly deps: RunFeedDeps,
    private readonly options: PollerOptions,
    private readonly onReport: ReportHandler = () => {},
  ) {
    this.limit = pLimit(options.concurrency);
    this.hosts = new HostGate(options.perHostConcurrency, options.perHostDelayMs);
  }

  /**
   * One pass: runs every feed that is due now and not already running; resolves when they finish.
   * With `ignoreInterval` (the `run --once` of cron users, whose crontab is the schedule) every feed
   * is polled except those backing off after errors, whose next-check time is still honoured.
   */
  async runDue(options: { ignoreInterval?: boolean } = {}): Promise<FeedRunReport[]> {
    if (this.stopping) return [];
    const now = this.deps.clock.now();
    const candidates = options.ignoreInterval
      ? (await this.deps.store.listFeeds()).filter((f) => f.state === 'active' && (f.errorCount === 0 || f.nextCheckAt <= now))
      : await this.deps.store.dueFeeds(now);
    const due = candidates.filter((f) => !this.inFlight.has(f.id));
    const runs = due.map((feed) => this.schedule(feed));
    const reports = await Promise.all(runs);
    return reports.filter((r): r is FeedRunReport => r !== null);
  }

  /** Starts the cron tick. Each tick starts due feeds without waiting for slow ones. */
  start(): void {
    this.task = cron.schedule(
      this.options.tick,
      async () => {
        try {
          await this.runDue();
        } catch (error) {
          this.deps.log.error({ err: error }, 'poll tick failed; the next tick will retry');
        }
      },
      { name: 'poll-feeds', noOverlap: false },
    );
    this.deps.log.info({ tick: this.options.tick }, 'poller started');
    void this.recoverPending().then(() => this.runDue());
  }

  /** Matches and merges the items an earlier process stored but did not get to process (it died). */
  private async recoverPending(): Promise<void> {
    try {
      const { items } = await processPendingItems({ ...this.deps, now: this.deps.clock.now() });
      if (items.length > 0) this.deps.log.info({ items: items.length }, 'processed items an earlier run left pending');
    } catch (error) {
      this.deps.log.error({ err: error }, 'could not process pending items; each feed picks up its own on its next run');
    }
  }

  /** Stops scheduling new work and waits for in-flight feeds to finish. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.task) await this.task.destroy();
    this.task = null;
    await Promise.allSettled([...this.pending]);
  }

  private schedule(feed: FeedRecord): Promise<FeedRunReport | null> {
    this.inFlight.add(feed.id);
    const run = this.limit(() => this.hosts.run(feed.url, () => this.runOne(feed))).finally(() => {
      this.inFlight.delete(feed.id);
      this.pending.delete(run);
    });
    this.pending.add(run);
    return run;
  }

  private async runOne(feed: FeedRecord): Promise<FeedRunReport | null> {
    if (this.stopping) return null;
    try {
      const now = this.deps.clock.now();
      const claimed = await this.deps.store.claimFeed(feed.id, now, new Date(now.getTime() + (this.options.leaseMs ?? 75_000)));
      if (!claimed) {
        this.deps.log.debug({ feed: feed.url }, 'feed is being fetched by another process; skipped');
        return null;
      }
      const report = await runFeed(claimed, this.deps);
      await this.onReport(report);
      return report;
    } catch (error) {
      await recordInternalError(feed, error, this.deps);
      return null;
    }
  }
}
