import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import zlib from 'node:zlib';
import { listenLocal } from './listen-local.js';

/** Answers one request to a route. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** One request the server received, for assertions on method, path and headers. */
export interface LoggedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
}

/** A fake feed server on 127.0.0.1 with an ephemeral port. */
export interface FeedServer {
  /** Absolute URL of `path` on this server, e.g. `url('/feed.xml')`. */
  url(path: string): string;
  /** Registers or replaces the handler for an exact path (query string included). */
  route(path: string, handler: RouteHandler): void;
  /** Every request received, in order. */
  readonly requests: LoggedRequest[];
  /** Stops listening and destroys open sockets, hanging ones included. */
  close(): Promise<void>;
}

/** Starts a fake feed server; unknown paths answer 404. */
export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, RouteHandler>();
  const requests: LoggedRequest[] = [];
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ method: req.method ?? 'GET', path, headers: req.headers });
    (routes.get(path) ?? status(404))(req, res);
  });
  const { origin, close } = await listenLocal(server);
  return {
    url: (path) => `${origin}${path}`,
    route: (path, handler) => void routes.set(path, handler),
    requests,
    close,
  };
}

/** Options for a static feed body. */
export interface StaticFeed {
  body: string | Buffer;
  contentType?: string;
  etag?: string;
  lastModified?: string;
}

/** Serves a fixed body with validators; answers 304 when If-None-Match or If-Modified-Since match. */
export function staticFeed(feed: StaticFeed): RouteHandler {
  const contentType = feed.contentType ?? 'application/rss+xml; charset=utf-8';
  const headers: http.OutgoingHttpHeaders = { 'content-type': contentType };
  if (feed.etag) headers.etag = feed.etag;
  if (feed.lastModified) headers['last-modified'] = feed.lastModified;
  return (req, res) => {
    if (isNotModified(req, feed)) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(200, headers).end(feed.body);
  };
}

/** RFC 9110 §13.2.2: If-None-Match wins over If-Modified-Since. */
function isNotModified(req: IncomingMessage, feed: StaticFeed): boolean {
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    const tags = ifNoneMatch.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
    return feed.etag !== undefined && (tags.includes('*') || tags.includes(feed.etag.replace(/^W\//, '')));
  }
  const since = Date.parse(req.headers['if-modified-since'] ?? '');
  const modified = Date.parse(feed.lastModified ?? '');
  return !Number.isNaN(since) && !Number.isNaN(modified) && modified <= since;
}

/** Answers a bare status (404, 410, 429, 500, 503...) with optional headers and body. */
export function status(code: number, headers: http.OutgoingHttpHeaders = {}, body = ''): RouteHandler {
  return (_req, res) => {
    res.writeHead(code, { 'content-type': 'text/plain', ...headers }).end(body);
  };
}

/** Never answers: the request hangs until the client gives up or the server closes. */
export function hang(): RouteHandler {
  return () => undefined;
}

/** Sends headers, then one small chunk every `intervalMs`, forever. */
export function trickle(intervalMs = 50, chunk = '<!-- . -->'): RouteHandler {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.write('<?xml version="1.0"?><rss version="2.0">');
    const timer = setInterval(() => res.write(chunk), intervalMs);
    res.on('close', () => clearInterval(timer));
  };
}

/** Redirects to `location` (a path or an absolute URL) with the given status. */
export function redirect(location: string, code = 302): RouteHandler {
  return (_req, res) => {
    res.writeHead(code, { location }).end();
  };
}

/** Streams `bytes` bytes of filler, with or without a Content-Length header, honouring backpressure. */
export function oversized(bytes: number, withContentLength: boolean): RouteHandler {
  return (_req, res) => {
    const headers: http.OutgoingHttpHeaders = { 'content-type': 'application/rss+xml' };
    if (withContentLength) headers['content-length'] = bytes;
    res.writeHead(200, headers);
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let left = bytes;
    const pump = (): void => {
      while (left > 0 && !res.destroyed) {
        const piece = chunk.subarray(0, Math.min(left, chunk.length));
        left -= piece.length;
        if (!res.write(piece)) return void res.once('drain', pump);
      }
      if (!res.destroyed) res.end();
    };
    pump();
  };
}

/** Serves `body` compressed with gzip, deflate or br, with the matching Content-Encoding. */
export function encoded(body: string | Buffer, encoding: 'gzip' | 'deflate' | 'br', contentType = 'application/rss+xml; charset=utf-8'): RouteHandler {
  const compress = { gzip: zlib.gzipSync, deflate: zlib.deflateSync, br: zlib.brotliCompressSync }[encoding];
  const payload = compress(body);
  return (_req, res) => {
    res.writeHead(200, { 'content-type': contentType, 'content-encoding': encoding }).end(payload);
  };
}
