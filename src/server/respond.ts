import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A GET route: a path pattern and its handler, given the pattern's groups. */
export interface GetRoute {
  pattern: RegExp;
  handler: (req: IncomingMessage, res: ServerResponse, params: string[]) => void | Promise<void>;
}

/** True when the request's If-None-Match lists `etag` (or `*`), weak or strong. */
function matches(req: IncomingMessage, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (header === undefined) return false;
  return header.split(',').some((t) => ['*', etag].includes(t.trim().replace(/^W\//, '')));
}

/** A body with its strong ETag, computed once when the body is built. */
export interface TaggedBody {
  body: string;
  etag: string;
}

/** `body` with its strong ETag: a hash of the body. */
export function tagBody(body: string): TaggedBody {
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}

/**
 * Sends a body with its ETag and `Cache-Control: no-cache`, so readers revalidate each time: 304
 * with no body when If-None-Match already names it.
 */
export function sendCached(
  req: IncomingMessage,
  res: ServerResponse,
  { body, etag }: TaggedBody,
  contentType: string,
  extra: Record<string, string> = {},
): void {
  const headers = { etag, 'cache-control': 'no-cache', vary: 'Accept-Language', ...extra };
  if (matches(req, etag)) {
    res.writeHead(304, headers).end();
    return;
  }
  res.writeHead(200, { ...headers, 'content-type': contentType }).end(body);
}

/** Sends a small JSON error. */
export function sendError(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: message }));
}
