import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Clock } from '../core/clock.js';
import type { FeedRunReport } from '../pipeline/run-feed.js';
import type { Store } from '../store/ports.js';
import type { GetRoute } from './respond.js';

/** The Prometheus metrics of one `storywatch serve` process. */
export interface StoryMetrics {
  /** Counts one feed run: its outcome, error code, new items, matches, developments and alerts, and its duration. */
  observePoll: (report: FeedRunReport, durationMs: number) => void;
  /** `GET /metrics` in the Prometheus text format. */
  route: GetRoute;
}

/**
 * A registry with this process's counters (polls by outcome, fetch errors by code, new items,
 * matches, developments and alerts by story, a poll-duration histogram) and gauges read from the
 * store at each scrape, so they hold across restarts and other processes: items stored, items
 * matched and developments by story, outbox messages by platform, kind and status (the deliveries'
 * outcomes), and the outbox lag (age of the oldest pending message) by platform. Node's default
 * process metrics too, all prefixed `storywatch_`.
 */
export function createStoryMetrics(store: Store, storyIds: readonly string[], clock: Clock): StoryMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'storywatch_' });
  const registers = [registry];
  const polls = new Counter({
    name: 'storywatch_polls_total',
    help: 'Feed polls by outcome (fetched, not_modified, error)',
    labelNames: ['outcome'],
    registers,
  });
  const errors = new Counter({ name: 'storywatch_fetch_errors_total', help: 'Failed feed fetches by error code', labelNames: ['code'], registers });
  const newItems = new Counter({ name: 'storywatch_items_new_total', help: 'Items stored by polls of this process, baseline included', registers });
  const matches = new Counter({ name: 'storywatch_matches_total', help: 'Items matched to a story by this process', labelNames: ['story'], registers });
  const created = new Counter({
    name: 'storywatch_developments_created_total',
    help: 'Developments created by this process',
    labelNames: ['story'],
    registers,
  });
  const alerts = new Counter({ name: 'storywatch_alerts_total', help: 'New-development alerts recorded by this process', labelNames: ['story'], registers });
  const duration = new Histogram({
    name: 'storywatch_poll_duration_seconds',
    help: 'Time to fetch, store, match and merge one feed',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  for (const story of storyIds) for (const c of [matches, created, alerts]) c.inc({ story }, 0);
  new Gauge({
    name: 'storywatch_items_stored',
    help: 'Items in the store',
    registers,
    async collect() {
      this.set(await store.countItems());
    },
  });
  new Gauge({
    name: 'storywatch_story_items_matched',
    help: 'Items matched to each story, in the store',
    labelNames: ['story'],
    registers,
    async collect() {
      for (const story of storyIds) this.set({ story }, await store.countMatched(story));
    },
  });
  new Gauge({
    name: 'storywatch_story_developments',
    help: 'Developments on each story timeline, in the store',
    labelNames: ['story'],
    registers,
    async collect() {
      for (const story of storyIds) this.set({ story }, (await store.developmentDays(story)).length);
    },
  });
  const outbox = new Gauge({
    name: 'storywatch_outbox_messages',
    help: 'Outbox messages by platform, kind and status: sent and failed are the deliveries, pending the backlog',
    labelNames: ['platform', 'kind', 'status'],
    registers,
  });
  const lag = new Gauge({
    name: 'storywatch_outbox_lag_seconds',
    help: 'Age of the oldest pending outbox message, by platform (0: none waits)',
    labelNames: ['platform'],
    registers,
  });
  const readOutbox = async (): Promise<void> => {
    const [rows, subscriptions] = await Promise.all([store.listOutbox(), store.listSubscriptions()]);
    const platformOf = new Map(subscriptions.map((s) => [s.id, s.platform]));
    outbox.reset();
    lag.reset();
    const oldest = new Map<string, number>();
    for (const platform of ['discord', 'slack']) lag.set({ platform }, 0);
    for (const row of rows) {
      const platform = platformOf.get(row.subscriptionId) ?? 'unknown';
      outbox.inc({ platform, kind: row.kind, status: row.status });
      if (row.status === 'pending') oldest.set(platform, Math.min(oldest.get(platform) ?? Infinity, row.createdAt.getTime()));
    }
    for (const [platform, at] of oldest) lag.set({ platform }, Math.max(0, (clock.now().getTime() - at) / 1000));
  };
  return {
    observePoll: (report, durationMs) => {
      polls.inc({ outcome: report.outcome });
      if (report.error) errors.inc({ code: report.error.code });
      newItems.inc(report.newItems.length + report.baselineItems);
      for (const m of report.matches) matches.inc({ story: m.storyId });
      for (const d of report.detections) {
        const story = d.match.storyId;
        if (d.created.length > 0) created.inc({ story }, d.created.length);
        if (d.alertId !== null) alerts.inc({ story });
      }
      duration.observe(durationMs / 1000);
    },
    route: {
      pattern: /^\/metrics$/,
      async handler(_req, res) {
        await readOutbox();
        const body = await registry.metrics();
        res.writeHead(200, { 'content-type': registry.contentType }).end(body);
      },
    },
  };
}
