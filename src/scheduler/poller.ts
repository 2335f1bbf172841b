import cron, { type ScheduledTask } from 'node-cron';
import pLimit, { type LimitFunction } from 'p-limit';
import type { FeedRecord } from '../core/feed.js';
import { processPendingItems } from '../pipeline/process-pending.js';
import { pollFeed, recordInternalError, type FeedRunReport, type RunFeedDeps } from '../pipeline/run-feed.js';
import { HostGate } from './host-gate.js';

/** How the poller spreads work. */
export interface PollerOptions {
  /** Cron expression (seconds first) for how often due feeds are looked up. */
  tick: string;
  concurrency: number;
  perHostConcurrency: number;
  perHostDelayMs: number;
  /**
   * How long a feed is leased to this process while it is fetched (another process skips it
   * meanwhile); also how long stored items may stay pending before the tick takes them as left by
   * a process that died. 75 s by default.
   */
  leaseMs?: number;
}

/** Called with each feed's report and how long its fetch, store, match and merge took, e.g. to pass new items on, print them or count them. */
export type ReportHandler = (report: FeedRunReport, durationMs: number) => void | Promise<void>;

/**
 * Polls due feeds: each feed on its own interval (its stored next-check time), never the same
 * feed twice at once (in this process, and through the store's lease across processes), a global
 * concurrency limit and per-host politeness (both per process). Any number of processes may run a
 * poller on one database (decision 017): the store's claims share the feeds out. `stop()` drains.
 */
export class Poller {
  private readonly inFlight = new Set<number>();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly limit: LimitFunction;
  private readonly matching: LimitFunction = pLimit(1);
  private readonly hosts: HostGate;
  private task: ScheduledTask | null = null;
  private stopping = false;
  private sweeping = false;

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
    // On the schedule, a feed another process polled since it was listed is no longer due: skip it.
    const runs = due.map((feed) => this.schedule(feed, !options.ignoreInterval));
    const reports = await Promise.all(runs);
    return reports.filter((r): r is FeedRunReport => r !== null);
  }

  /**
   * Starts the cron tick. Each tick starts due feeds without waiting for slow ones, and matches the
   * items another process stored but did not process (see `processAbandoned`).
   */
  start(): void {
    this.task = cron.schedule(
      this.options.tick,
      async () => {
        try {
          await Promise.all([this.runDue(), this.track(this.processAbandoned())]);
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

  /**
   * Matches and merges the items pending for longer than a lease, feed by feed: the process that
   * stored them died before processing them (a live one processes its items right after storing
   * them). Without this they would wait for their feed's next poll. Doing an item twice is safe.
   */
  private async processAbandoned(): Promise<void> {
    if (this.sweeping || this.stopping) return;
    this.sweeping = true;
    try {
      const now = this.deps.clock.now();
      const feedIds = await this.deps.store.feedsWithPendingItems(new Date(now.getTime() - this.leaseMs()), 100);
      for (const feedId of feedIds) {
        if (this.stopping) return;
        if (this.inFlight.has(feedId)) continue;
        const { items } = await this.matching(() => processPendingItems({ ...this.deps, now }, feedId));
        if (items.length > 0) this.deps.log.info({ feedId, items: items.length }, 'processed items a process that died left pending');
      }
    } catch (error) {
      this.deps.log.error({ err: error }, 'could not process abandoned pending items; the next tick retries');
    } finally {
      this.sweeping = false;
    }
  }

  /** Stops scheduling new work and waits for in-flight feeds to finish. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.task) await this.task.destroy();
    this.task = null;
    await Promise.allSettled([...this.pending]);
  }

  private leaseMs(): number {
    return this.options.leaseMs ?? 75_000;
  }

  /** Keeps `work` in the set `stop()` waits for until it settles. */
  private track<T>(work: Promise<T>): Promise<T> {
    const tracked = work.finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
    return tracked;
  }

  private schedule(feed: FeedRecord, dueOnly: boolean): Promise<FeedRunReport | null> {
    this.inFlight.add(feed.id);
    return this.track(this.runOne(feed, dueOnly).finally(() => this.inFlight.delete(feed.id)));
  }

  /**
   * Fetches and stores within the concurrency and per-host limits, then matches and merges the
   * feed's pending items outside them, one feed at a time: matching is CPU work, so running it for
   * several feeds at once only delays each feed's alerts and holds fetch slots meanwhile.
   */
  private async runOne(feed: FeedRecord, dueOnly: boolean): Promise<FeedRunReport | null> {
    try {
      let started = 0;
      const polled = await this.limit(() =>
        this.hosts.run(feed.url, () => {
          started = performance.now();
          return this.pollOne(feed, dueOnly);
        }),
      );
      if (!polled) return null;
      const processed = await this.matching(() => processPendingItems({ ...this.deps, now: this.deps.clock.now() }, feed.id));
      const report = { ...polled, matches: processed.matches, detections: processed.detections };
      await this.onReport(report, performance.now() - started);
      return report;
    } catch (error) {
      await recordInternalError(feed, error, this.deps);
      return null;
    }
  }

  /** Claims the feed (null when another process holds it, or polled it since it was listed) and polls it. */
  private async pollOne(feed: FeedRecord, dueOnly: boolean): Promise<FeedRunReport | null> {
    if (this.stopping) return null;
    const now = this.deps.clock.now();
    const claimed = await this.deps.store.claimFeed(feed.id, now, new Date(now.getTime() + this.leaseMs()), { dueOnly });
    if (!claimed) {
      this.deps.log.debug({ feed: feed.url }, 'feed is being fetched by another process, or was since it was listed; skipped');
      return null;
    }
    return pollFeed(claimed, this.deps);
  }
}
