import type { StoryConfig } from '../config/story-schema.js';
import type { Clock } from '../core/clock.js';
import type { FeedRunReport } from '../pipeline/run-feed.js';
import type { Store } from '../store/ports.js';
import { createStoryMetrics } from './prom-metrics.js';
import type { GetRoute } from './respond.js';
import { storyRoutes } from './story-routes.js';
import { assetRoutes } from './pages/assets.js';
import type { RouteHandler } from './http-server.js';
import { statusRoutes } from './status-routes.js';

/** The web side of `storywatch serve`: its GET routes, their paths as the start-up line lists them, and the poll observer for the metrics. */
export interface WebRoutes {
  routes: GetRoute[];
  /** POST routes (the status page's login form). */
  posts: Record<string, RouteHandler>;
  paths: string[];
  observePoll: (report: FeedRunReport, durationMs: number) => void;
}

/** What the web routes read. */
export interface WebDeps {
  store: Store;
  stories: readonly StoryConfig[];
  clock: Clock;
  /** The links' base (PUBLIC_URL, else the bound address), read at request time. */
  publicUrl: () => string;
  /** STORYWATCH_STATUS_TOKEN; unset: no status page. */
  statusToken?: string | undefined;
}

/** Builds the story page, feeds and JSON API, the operator status page, the assets and `/metrics` over the store. */
export function webRoutes(deps: WebDeps): WebRoutes {
  const metrics = createStoryMetrics(
    deps.store,
    deps.stories.map((s) => s.id),
    deps.clock,
  );
  const status = statusRoutes({ ...deps, token: deps.statusToken, secure: () => deps.publicUrl().startsWith('https:') });
  return {
    routes: [...storyRoutes(deps), ...assetRoutes(), status.get, metrics.route],
    posts: status.post,
    paths: ['GET /stories/<id>', 'GET /stories/<id>/feed.xml|feed.json', 'GET /api/stories/<id>/timeline', 'GET /status', 'GET /metrics'],
    observePoll: metrics.observePoll,
  };
}
