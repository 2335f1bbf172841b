import http, { type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import { PassThrough, type Transform } from 'node:stream';
import zlib from 'node:zlib';
import { err, ok, type Err, type AppError, type Result } from '../../core/result.js';
import { BlockedAddressError, guardedLookup, nonPublicHost } from './address-guard.js';
import type { FetchLimits, FetchOutcome, FetchRequest, Http } from './types.js';

/** Limits used when the caller does not override them. */
export const DEFAULT_FETCH_LIMITS: FetchLimits = {
  timeoutMs: 15_000,
  maxBytes: 10 * 1024 * 1024,
  maxRedirects: 5,
  userAgent: 'storywatch/0.1 (+https://github.com/storywatch/storywatch; feed fetcher)',
  allowPrivateNetworks: false,
};

const ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, ' +
  'application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** The status line, headers and (for 2xx only) decoded body of one HTTP exchange. */
interface Reply {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  body: Buffer | null;
}

/** Creates the `Http` port: conditional GETs of feeds within size, time, redirect and address limits. */
export function createHttpFetcher(limits: Partial<FetchLimits> = {}): Http {
  const resolved: FetchLimits = { ...DEFAULT_FETCH_LIMITS, ...limits };
  return { get: (request) => fetchFeed(request, resolved) };
}

/** Runs one fetch, redirects included, under a single whole-request deadline. */
async function fetchFeed(request: FetchRequest, limits: FetchLimits): Promise<Result<FetchOutcome>> {
  const start = parseFeedUrl(request.url);
  if (!start.ok) return start;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), limits.timeoutMs);
  try {
    return await followRedirects(start.value, request, limits, deadline.signal);
  } finally {
    clearTimeout(timer);
  }
}

async function followRedirects(start: URL, request: FetchRequest, limits: FetchLimits, signal: AbortSignal): Promise<Result<FetchOutcome>> {
  const headers = requestHeaders(request, limits.userAgent);
  const visited = new Set<string>();
  let url = start;
  for (let redirects = 0; ; redirects += 1) {
    visited.add(url.href);
    const blocked = limits.allowPrivateNetworks ? null : nonPublicHost(url);
    if (blocked) return blockedAddress(url.hostname, blocked);
    const sent = await sendOnce(url, headers, limits, signal);
    if (!sent.ok) return sent;
    const reply = sent.value;
    if (!REDIRECT_STATUSES.has(reply.status)) return toOutcome(reply, url, request);
    const location = reply.headers.location;
    if (!location) return httpError(reply, url, ' without a Location header');
    const next = parseFeedUrl(location, url);
    if (!next.ok) return next;
    if (visited.has(next.value.href)) {
      return err('FEED_REDIRECT_LOOP', `Redirect loop: ${url.href} redirects back to ${next.value.href}`);
    }
    if (redirects >= limits.maxRedirects) {
      return err('FEED_TOO_MANY_REDIRECTS', `More than ${limits.maxRedirects} redirects starting from ${start.href}`);
    }
    url = next.value;
  }
}

function requestHeaders(request: FetchRequest, userAgent: string): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {
    'user-agent': userAgent,
    accept: ACCEPT,
    'accept-encoding': 'gzip, deflate, br',
  };
  if (request.etag) headers['if-none-match'] = request.etag;
  if (request.lastModified) headers['if-modified-since'] = request.lastModified;
  return headers;
}

/** Parses an absolute (or, with `base`, relative) http/https URL, dropping any fragment. */
function parseFeedUrl(raw: string, base?: URL): Result<URL> {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return err('FEED_BAD_URL', `Invalid feed URL: ${raw}`, { permanent: true });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    const where = base ? ` (redirected from ${base.href})` : '';
    return err('FEED_BAD_URL', `Unsupported URL scheme ${url.protocol} in ${url.href}${where}`, { permanent: true });
  }
  url.hash = '';
  return ok(url);
}

/** One HTTP GET without following redirects; reads and decodes the body only for 2xx answers. */
function sendOnce(url: URL, headers: OutgoingHttpHeaders, limits: FetchLimits, signal: AbortSignal): Promise<Result<Reply>> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(timeoutError(url, limits.timeoutMs));
    const transport = url.protocol === 'https:' ? https : http;
    const lookup = limits.allowPrivateNetworks ? undefined : guardedLookup;
    const req = transport.request(url, { method: 'GET', headers, agent: false, lookup });
    let response: IncomingMessage | undefined;
    let decoder: Transform | undefined;
    let settled = false;
    const finish = (result: Result<Reply>): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      decoder?.destroy();
      response?.destroy();
      req.destroy();
      resolve(result);
    };
    const onAbort = (): void => finish(timeoutError(url, limits.timeoutMs));
    signal.addEventListener('abort', onAbort, { once: true });
    req.on('error', (error) => finish(requestError(url, error)));
    req.on('response', (res) => {
      response = res;
      const status = res.statusCode ?? 0;
      const statusText = res.statusMessage || (http.STATUS_CODES[status] ?? '');
      const reply = { status, statusText, headers: res.headers };
      if (status < 200 || status >= 300) return finish(ok({ ...reply, body: null }));
      if (Number(res.headers['content-length']) > limits.maxBytes) return finish(tooLarge(url, limits.maxBytes));
      const created = createDecoder(res.headers['content-encoding'], url);
      if (!created.ok) return finish(created);
      decoder = created.value;
      const chunks: Buffer[] = [];
      let rawBytes = 0;
      let decodedBytes = 0;
      res.on('data', (chunk: Buffer) => {
        rawBytes += chunk.length;
        if (rawBytes > limits.maxBytes) finish(tooLarge(url, limits.maxBytes));
      });
      res.on('error', (error) => finish(requestError(url, error)));
      decoder.on('data', (chunk: Buffer) => {
        decodedBytes += chunk.length;
        if (decodedBytes > limits.maxBytes) return finish(tooLarge(url, limits.maxBytes));
        chunks.push(chunk);
      });
      decoder.on('error', (error) => {
        finish(err('FEED_BAD_ENCODING', `Could not decode the body from ${url.href}: ${error.message}`));
      });
      decoder.on('end', () => finish(ok({ ...reply, body: Buffer.concat(chunks) })));
      res.pipe(decoder);
    });
    req.end();
  });
}

/** A stream that undoes the response's Content-Encoding (identity passes through). */
function createDecoder(encoding: string | undefined, url: URL): Result<Transform> {
  const name = (encoding ?? 'identity').trim().toLowerCase();
  const lenient = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
  switch (name) {
    case '':
    case 'identity':
      return ok(new PassThrough());
    case 'gzip':
    case 'x-gzip':
      return ok(zlib.createGunzip(lenient));
    case 'deflate':
      return ok(zlib.createInflate(lenient));
    case 'br':
      return ok(zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH }));
    default:
      return err('FEED_BAD_ENCODING', `Unsupported Content-Encoding "${name}" from ${url.href}`);
  }
}

function toOutcome(reply: Reply, url: URL, request: FetchRequest): Result<FetchOutcome> {
  const etag = reply.headers.etag ?? null;
  const lastModified = reply.headers['last-modified'] ?? null;
  if (reply.status === 304) {
    return ok({
      kind: 'not_modified',
      etag: etag ?? request.etag ?? null,
      lastModified: lastModified ?? request.lastModified ?? null,
    });
  }
  if (reply.status < 200 || reply.status >= 300 || !reply.body) return httpError(reply, url);
  return ok({
    kind: 'fetched',
    status: reply.status,
    body: reply.body,
    contentType: reply.headers['content-type'] ?? null,
    etag,
    lastModified,
    finalUrl: url.href,
  });
}

/** `FEED_HTTP_<status>`; 410 is permanent; 429 and 503 carry `retryAfterMs` when the server says. */
function httpError(reply: Reply, url: URL, detail = ''): Err<AppError> {
  const extra: Partial<AppError> = {};
  if (reply.status === 410) extra.permanent = true;
  let message = `HTTP ${reply.status} ${reply.statusText} from ${url.href}${detail}`;
  if (reply.status === 429 || reply.status === 503) {
    const retryAfterMs = parseRetryAfter(reply.headers['retry-after'], Date.now());
    if (retryAfterMs !== null) {
      extra.retryAfterMs = retryAfterMs;
      message += `; Retry-After ${Math.ceil(retryAfterMs / 1000)} s`;
    }
  }
  return err(`FEED_HTTP_${reply.status}`, message, extra);
}

/** Parses Retry-After (delta-seconds or HTTP-date) into milliseconds from `nowMs`; null when absent or invalid. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | null {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

function blockedAddress(host: string, address: string): Err<AppError> {
  return err('FEED_BLOCKED_ADDRESS', `Refused to fetch from ${host} (${address}): not a public address`, {
    permanent: true,
  });
}

function timeoutError(url: URL, timeoutMs: number): Err<AppError> {
  return err('FEED_TIMEOUT', `Fetching ${url.href} did not finish within ${timeoutMs} ms`);
}

function tooLarge(url: URL, maxBytes: number): Err<AppError> {
  return err('FEED_TOO_LARGE', `Body from ${url.href} exceeds the ${maxBytes}-byte limit`);
}

function requestError(url: URL, error: Error): Err<AppError> {
  if (error instanceof BlockedAddressError) return blockedAddress(url.hostname, error.message);
  const code = (error as NodeJS.ErrnoException).code;
  const detail = error instanceof AggregateError ? error.errors.map(String).join('; ') : error.message;
  const cause = code && !detail.includes(code) ? `${code}: ${detail}` : detail;
  return err('FEED_NETWORK', `Network error fetching ${url.href}: ${cause}`);
}
