import type { ServerResponse } from 'node:http';
import type { StoryConfig } from '../config/story-schema.js';
import type { Clock } from '../core/clock.js';
import { traceItems } from '../queries/item-trace.js';
import type { Store } from '../store/ports.js';
import type { RouteHandler } from './http-server.js';
import { loginPage, statusPage } from './pages/status-page.js';
import type { GetRoute } from './respond.js';
import { isOperator, readForm, sameSecret, sessionValue, STATUS_COOKIE } from './status-auth.js';
import { PAGE_CSP } from './story-routes.js';

/** What the status page reads, and its token (STORYWATCH_STATUS_TOKEN; unset: the page is off). */
export interface StatusDeps {
  store: Store;
  stories: readonly StoryConfig[];
  clock: Clock;
  token: string | undefined;
  /** Whether readers reach the server over HTTPS (the cookie is then `Secure`). */
  secure: () => boolean;
}

const RECENT = 30;

function html(res: ServerResponse, status: number, body: string, extra: Record<string, string> = {}): void {
  res
    .writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': PAGE_CSP,
      'x-content-type-options': 'nosniff',
      ...extra,
    })
    .end(body);
}

/**
 * `GET /status` for operators (the token as `Authorization: Bearer`, or the cookie the login form
 * sets; compared in constant time) and `POST /status/login`. Without the token: 401 and the login
 * form; with no token configured: 404, the page is off.
 */
export function statusRoutes(deps: StatusDeps): { get: GetRoute; post: Record<string, RouteHandler> } {
  const get: GetRoute = {
    pattern: /^\/status\/?$/,
    async handler(req, res) {
      if (deps.token === undefined) return html(res, 404, '<!doctype html><p>The status page is off: set STORYWATCH_STATUS_TOKEN to turn it on.</p>');
      if (!isOperator(req, deps.token)) return html(res, 401, loginPage(false), { 'www-authenticate': 'Bearer realm="storywatch status"' });
      const query = (new URL(req.url ?? '/', 'http://x').searchParams.get('q') ?? '').slice(0, 200);
      const [feeds, subscriptions, backlog, outbox, traces] = await Promise.all([
        deps.store.listFeeds(),
        deps.store.listSubscriptions(),
        deps.store.outboxBacklog(),
        deps.store.listOutbox(),
        traceItems(deps.store, deps.stories, query),
      ]);
      const recent = outbox.sort((a, b) => (b.sentAt ?? b.createdAt).getTime() - (a.sentAt ?? a.createdAt).getTime() || b.id - a.id).slice(0, RECENT);
      html(res, 200, statusPage({ feeds, subscriptions, backlog, recent, query, traces, now: deps.clock.now() }));
    },
  };
  const login: RouteHandler = async (req, res) => {
    if (deps.token === undefined) return html(res, 404, '<!doctype html><p>The status page is off.</p>');
    const token = (await readForm(req)).get('token') ?? '';
    if (!sameSecret(token, deps.token)) return html(res, 401, loginPage(true));
    const cookie = `${STATUS_COOKIE}=${sessionValue(deps.token)}; Path=/status; HttpOnly; SameSite=Strict${deps.secure() ? '; Secure' : ''}`;
    res.writeHead(303, { location: '/status', 'set-cookie': cookie, 'cache-control': 'no-store' }).end();
  };
  return { get, post: { '/status/login': login } };
}
