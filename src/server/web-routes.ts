import type { StoryConfig } from '../config/story-schema.js';
import type { Clock } from '../core/clock.js';
import type { FeedRunReport } from '../pipeline/run-feed.js';
import type { Store } from '../store/ports.js';
import { createStoryMetrics } from './prom-metrics.js';
import type { GetRoute } from './respond.js';
import { storyRoutes } from './story-routes.js';

/** The web side of `storywatch serve`: its GET routes, their paths as the start-up line lists them, and the poll observer for the metrics. */
export interface WebRoutes {
  routes: GetRoute[];
  paths: string[];
  observePoll(report: FeedRunReport, durationMs: number): void;
}

/** What the web routes read. */
export interface WebDeps {
  store: Store;
  stories: readonly StoryConfig[];
  clock: Clock;
  /** The links' base (PUBLIC_URL, else the bound address), read at request time. */
  publicUrl: () => string;
}

/** Builds the story feeds, the JSON API and `/metrics` over the store. */
export function webRoutes(deps: WebDeps): WebRoutes {
  const metrics = createStoryMetrics(
    deps.store,
    deps.stories.map((s) => s.id),
    deps.clock,
  );
  return {
    routes: [...storyRoutes(deps), metrics.route],
    paths: ['GET /stories/<id>/feed.xml|feed.json', 'GET /api/stories/<id>/timeline', 'GET /metrics'],
    observePoll: (report, durationMs) => metrics.observePoll(report, durationMs),
  };
}
