import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../core/logger.js';
import type { GetRoute } from './respond.js';

/** Handles one request on a route. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** Where the server listens. */
export interface ListenAddress {
  /** 0 picks a free port. */
  port: number;
  /** An address or host name; 127.0.0.1 keeps the endpoints to this machine, 0.0.0.0 opens every interface. */
  host: string;
}

/** A running HTTP server. */
export interface RunningServer {
  port: number;
  /** The address it is bound to, as the system reports it (e.g. 127.0.0.1, ::). */
  host: string;
  close(): Promise<void>;
}

/**
 * The HTTP side of `storywatch serve`: `GET /healthz` (what `health` returns, as JSON), `GET`
 * routes by pattern (story pages, feeds, metrics), and `POST` routes (the Discord and Slack
 * interaction endpoints). Unknown paths get 404; a handler that
 * throws gets 500 and is logged — the server keeps running. It listens only on `at.host`, and logs
 * the address it is bound to.
 */
export function startHttpServer(
  at: ListenAddress,
  routes: Record<string, RouteHandler>,
  health: () => Promise<Record<string, unknown>>,
  log: Logger,
  gets: readonly GetRoute[] = [],
): Promise<RunningServer> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const reply = (status: number, body: unknown): void => {
      if (!res.headersSent) res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && path === '/healthz') {
      health().then(
        (h) => reply(200, { status: 'ok', ...h }),
        (error: unknown) => reply(503, { status: 'error', error: String(error) }),
      );
      return;
    }
    const get = req.method === 'GET' ? gets.map((g) => ({ g, m: g.pattern.exec(path) })).find((r) => r.m !== null) : undefined;
    const route: RouteHandler | undefined = get?.m ? (q, s) => get.g.handler(q, s, get.m?.slice(1) ?? []) : req.method === 'POST' ? routes[path] : undefined;
    if (!route) {
      reply(404, { error: 'not found' });
      return;
    }
    Promise.resolve()
      .then(() => route(req, res))
      .catch((error: unknown) => {
        log.error({ err: error, path }, 'request handler failed');
        reply(500, { error: 'internal error' });
      });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(at.port, at.host, () => {
      const bound = server.address() as AddressInfo;
      log.info({ host: bound.address, port: bound.port }, 'HTTP server listening');
      resolve({
        port: bound.port,
        host: bound.address,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
