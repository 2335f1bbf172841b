import net from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppError, Result } from '../src/core/result.js';
import { FAILING_THRESHOLD, isFailing } from '../src/core/feed.js';
import { failureDelayMs, nextCheckAfterFailure, nextCheckAfterSuccess } from '../src/pipeline/fetch/backoff.js';
import { createHttpFetcher, DEFAULT_FETCH_LIMITS, parseRetryAfter } from '../src/pipeline/fetch/http-fetcher.js';
import type { FetchOutcome } from '../src/pipeline/fetch/types.js';
import { encoded, hang, oversized, redirect, startFeedServer, staticFeed, status, trickle, type FeedServer } from './fakes/feed-server.js';

const RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>';
const ELEVEN_MB = 11 * 1024 * 1024;

let server: FeedServer;
const local = createHttpFetcher({ allowPrivateNetworks: true, timeoutMs: 5_000 });
const impatient = createHttpFetcher({ allowPrivateNetworks: true, timeoutMs: 300 });

beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(async () => {
  await server.close();
});

function fetched(result: Result<FetchOutcome>): Extract<FetchOutcome, { kind: 'fetched' }> {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  if (result.value.kind !== 'fetched') throw new Error('expected a body, got not_modified');
  return result.value;
}

function failure(result: Result<FetchOutcome>): AppError {
  if (result.ok) throw new Error(`expected a failure, got ${result.value.kind}`);
  return result.error;
}

describe('conditional GET', () => {
  it('returns the body with validators, then 304 when the validators are sent back', async () => {
    const lastModified = 'Tue, 14 Jan 2025 10:00:00 GMT';
    server.route('/cond.xml', staticFeed({ body: RSS, etag: '"v1"', lastModified }));
    const first = fetched(await local.get({ url: server.url('/cond.xml') }));
    expect(first).toMatchObject({ status: 200, etag: '"v1"', lastModified, finalUrl: server.url('/cond.xml') });
    expect(first.contentType).toContain('application/rss+xml');
    expect(first.body.toString()).toBe(RSS);

    const validators = { etag: first.etag, lastModified: first.lastModified };
    const second = await local.get({ url: server.url('/cond.xml'), ...validators });
    expect(second).toEqual({ ok: true, value: { kind: 'not_modified', etag: '"v1"', lastModified } });

    const [plain, conditional] = server.requests.filter((r) => r.path === '/cond.xml');
    expect(plain?.headers['if-none-match']).toBeUndefined();
    expect(conditional?.headers['if-none-match']).toBe('"v1"');
    expect(conditional?.headers['if-modified-since']).toBe(lastModified);
    expect(conditional?.headers['user-agent']).toBe(DEFAULT_FETCH_LIMITS.userAgent);
    expect(conditional?.headers.accept).toContain('application/rss+xml');
    expect(conditional?.headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('keeps the request validators when the 304 carries none', async () => {
    server.route('/bare304', status(304));
    const validators = { etag: '"old"', lastModified: 'Mon, 13 Jan 2025 00:00:00 GMT' };
    const result = await local.get({ url: server.url('/bare304'), ...validators });
    expect(result).toEqual({ ok: true, value: { kind: 'not_modified', ...validators } });
  });
});

describe('HTTP errors', () => {
  it.each([404, 500])('maps %i to FEED_HTTP_<status>', async (code) => {
    server.route(`/status-${code}`, status(code));
    const error = failure(await local.get({ url: server.url(`/status-${code}`) }));
    expect(error.code).toBe(`FEED_HTTP_${code}`);
    expect(error.message).toContain(`HTTP ${code}`);
    expect(error.message).toContain(server.url(`/status-${code}`));
    expect(error.permanent).toBeUndefined();
  });

  it('marks 410 Gone as permanent', async () => {
    server.route('/gone', status(410));
    const error = failure(await local.get({ url: server.url('/gone') }));
    expect(error).toMatchObject({ code: 'FEED_HTTP_410', permanent: true });
    expect(error.message).toBe(`HTTP 410 Gone from ${server.url('/gone')}`);
  });

  it('reads Retry-After seconds on 429', async () => {
    server.route('/busy', status(429, { 'retry-after': '120' }));
    const error = failure(await local.get({ url: server.url('/busy') }));
    expect(error).toMatchObject({ code: 'FEED_HTTP_429', retryAfterMs: 120_000 });
  });

  it('reads a Retry-After HTTP-date on 429', async () => {
    server.route('/busy-date', status(429, { 'retry-after': new Date(Date.now() + 120_000).toUTCString() }));
    const error = failure(await local.get({ url: server.url('/busy-date') }));
    expect(error.code).toBe('FEED_HTTP_429');
    expect(error.retryAfterMs).toBeGreaterThan(110_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(120_000);
  });

  it('reads Retry-After on 503 and leaves it out when absent', async () => {
    server.route('/down', status(503, { 'retry-after': '30' }));
    server.route('/down-plain', status(503));
    const down = failure(await local.get({ url: server.url('/down') }));
    expect(down).toMatchObject({ code: 'FEED_HTTP_503', retryAfterMs: 30_000 });
    expect(failure(await local.get({ url: server.url('/down-plain') })).retryAfterMs).toBeUndefined();
  });

  it('parses Retry-After forms and rejects garbage', () => {
    const now = Date.parse('2025-01-14T10:00:00Z');
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter('Tue, 14 Jan 2025 10:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Tue, 14 Jan 2025 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });
});

describe('timeouts', () => {
  it('gives up on a server that never answers', async () => {
    server.route('/hang', hang());
    const started = Date.now();
    const error = failure(await impatient.get({ url: server.url('/hang') }));
    expect(error.code).toBe('FEED_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('gives up on a body that trickles forever', async () => {
    server.route('/trickle', trickle(50));
    const started = Date.now();
    const error = failure(await impatient.get({ url: server.url('/trickle') }));
    expect(error.code).toBe('FEED_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('redirects', () => {
  it('follows relative and absolute redirects and reports the final URL', async () => {
    server.route('/moved.xml', redirect('/here.xml', 301));
    server.route('/here.xml', redirect(server.url('/final.xml'), 307));
    server.route('/final.xml', staticFeed({ body: RSS }));
    const result = fetched(await local.get({ url: server.url('/moved.xml') }));
    expect(result.finalUrl).toBe(server.url('/final.xml'));
    expect(result.body.toString()).toBe(RSS);
  });

  it('detects a redirect loop', async () => {
    server.route('/loop-a', redirect('/loop-b'));
    server.route('/loop-b', redirect('/loop-a'));
    expect(failure(await local.get({ url: server.url('/loop-a') })).code).toBe('FEED_REDIRECT_LOOP');
  });

  it('follows exactly 5 redirects but not 6', async () => {
    for (let hop = 0; hop < 6; hop += 1) server.route(`/hop-${hop}`, redirect(`/hop-${hop + 1}`, 302));
    server.route('/hop-6', staticFeed({ body: RSS }));
    expect(fetched(await local.get({ url: server.url('/hop-1') })).finalUrl).toBe(server.url('/hop-6'));
    expect(failure(await local.get({ url: server.url('/hop-0') })).code).toBe('FEED_TOO_MANY_REDIRECTS');
  });

  it('refuses a redirect to a non-http scheme', async () => {
    server.route('/to-ftp', redirect('ftp://127.0.0.1/feed.xml'));
    const error = failure(await local.get({ url: server.url('/to-ftp') }));
    expect(error).toMatchObject({ code: 'FEED_BAD_URL', permanent: true });
  });
});

describe('size cap', () => {
  it('rejects early when Content-Length exceeds the cap', async () => {
    server.route('/big-declared', oversized(ELEVEN_MB, true));
    expect(failure(await local.get({ url: server.url('/big-declared') })).code).toBe('FEED_TOO_LARGE');
  });

  it('aborts a streamed body without Content-Length at the cap', async () => {
    server.route('/big-chunked', oversized(ELEVEN_MB, false));
    expect(failure(await local.get({ url: server.url('/big-chunked') })).code).toBe('FEED_TOO_LARGE');
  });

  it('applies the cap to decoded bytes (gzip bomb)', async () => {
    server.route('/bomb', encoded(Buffer.alloc(ELEVEN_MB), 'gzip'));
    expect(failure(await local.get({ url: server.url('/bomb') })).code).toBe('FEED_TOO_LARGE');
  });

  it('accepts a body of exactly maxBytes and refuses one byte more', async () => {
    const fetcher = createHttpFetcher({ allowPrivateNetworks: true, maxBytes: 1_000 });
    server.route('/exact', oversized(1_000, false));
    server.route('/one-more', oversized(1_001, false));
    expect(fetched(await fetcher.get({ url: server.url('/exact') })).body.length).toBe(1_000);
    expect(failure(await fetcher.get({ url: server.url('/one-more') })).code).toBe('FEED_TOO_LARGE');
  });
});

describe('content encoding', () => {
  it.each(['gzip', 'deflate', 'br'] as const)('decodes %s', async (encoding) => {
    server.route(`/enc-${encoding}`, encoded(RSS, encoding));
    expect(fetched(await local.get({ url: server.url(`/enc-${encoding}`) })).body.toString()).toBe(RSS);
  });

  it('reports a corrupt or unsupported encoding', async () => {
    server.route('/corrupt', (_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip' }).end('not gzip at all');
    });
    server.route('/compress', (_req, res) => {
      res.writeHead(200, { 'content-encoding': 'compress' }).end(zlib.gzipSync(RSS));
    });
    expect(failure(await local.get({ url: server.url('/corrupt') })).code).toBe('FEED_BAD_ENCODING');
    expect(failure(await local.get({ url: server.url('/compress') })).code).toBe('FEED_BAD_ENCODING');
  });
});

describe('network and URL errors', () => {
  it('reports a refused connection', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as net.AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const error = failure(await local.get({ url: `http://127.0.0.1:${port}/feed.xml` }));
    expect(error.code).toBe('FEED_NETWORK');
    expect(error.message).toContain('ECONNREFUSED');
  });

  it.each(['not a url', 'ftp://127.0.0.1/feed.xml', 'file:///etc/passwd'])('refuses %s', async (url) => {
    expect(failure(await local.get({ url }))).toMatchObject({ code: 'FEED_BAD_URL', permanent: true });
  });
});

describe('SSRF guard (refuses before connecting)', () => {
  const guarded = createHttpFetcher({ timeoutMs: 2_000 });

  it('refuses the fake server on 127.0.0.1 and `localhost` unless private networks are allowed', async () => {
    server.route('/private.xml', staticFeed({ body: RSS }));
    const before = server.requests.length;
    const port = new URL(server.url('/')).port;
    for (const url of [server.url('/private.xml'), `http://localhost:${port}/private.xml`]) {
      expect(failure(await guarded.get({ url }))).toMatchObject({ code: 'FEED_BLOCKED_ADDRESS', permanent: true });
    }
    expect(server.requests.length).toBe(before);
    expect(fetched(await local.get({ url: server.url('/private.xml') })).body.toString()).toBe(RSS);
  });

  it.each([
    'http://10.0.0.1/feed.xml',
    'http://[::1]:9/feed.xml',
    'http://169.254.169.254/latest/meta-data/',
    'http://[::ffff:127.0.0.1]:9/feed.xml',
    'http://100.64.0.1/feed.xml',
    'http://[fd00::1]/feed.xml',
    'http://2130706433/feed.xml',
    'http://feeds.localhost/feed.xml',
  ])('refuses %s', async (url) => {
    expect(failure(await guarded.get({ url }))).toMatchObject({ code: 'FEED_BLOCKED_ADDRESS', permanent: true });
  });
});

describe('resource hygiene', () => {
  it('leaves no sockets or timers behind after failures', async () => {
    const count = (type: string): number => process.getActiveResourcesInfo().filter((resource) => resource === type).length;
    const own = await startFeedServer();
    own.route('/hang', hang());
    own.route('/trickle', trickle(20));
    own.route('/big', oversized(ELEVEN_MB, false));
    const baseline = { sockets: count('TCPSocketWrap'), timers: count('Timeout') };
    const fetcher = createHttpFetcher({ allowPrivateNetworks: true, timeoutMs: 200 });
    await Promise.all(['/hang', '/trickle', '/big'].map((path) => fetcher.get({ url: own.url(path) })));
    expect(count('Timeout')).toBeLessThanOrEqual(baseline.timers);
    await own.close();
    await vi.waitFor(() => expect(count('TCPSocketWrap')).toBeLessThanOrEqual(baseline.sockets), { timeout: 1_000 });
  });
});

describe('backoff', () => {
  const now = new Date('2025-01-14T10:00:00Z');
  const DAY = 24 * 60 * 60 * 1000;

  it('checks again one interval after a success', () => {
    expect(nextCheckAfterSuccess(600, now).getTime() - now.getTime()).toBe(600_000);
  });

  it('doubles the wait with each consecutive failure, up to 24h', () => {
    expect([1, 2, 3, 4].map((errorCount) => failureDelayMs({ intervalSec: 600, errorCount }))).toEqual([600_000, 1_200_000, 2_400_000, 4_800_000]);
    expect(failureDelayMs({ intervalSec: 600, errorCount: 50 })).toBe(DAY);
    expect(failureDelayMs({ intervalSec: 600, errorCount: 5_000 })).toBe(DAY);
  });

  it('never checks sooner than Retry-After, capped at 24h', () => {
    expect(failureDelayMs({ intervalSec: 60, errorCount: 1, retryAfterMs: 3_600_000 })).toBe(3_600_000);
    expect(failureDelayMs({ intervalSec: 600, errorCount: 3, retryAfterMs: 1_000 })).toBe(2_400_000);
    expect(failureDelayMs({ intervalSec: 60, errorCount: 1, retryAfterMs: 7 * DAY })).toBe(DAY);
  });

  it('waits 24h after a permanent failure', () => {
    const next = nextCheckAfterFailure({ intervalSec: 60, errorCount: 1, permanent: true }, now);
    expect(next.getTime() - now.getTime()).toBe(DAY);
  });

  it('reports a feed as failing from the third consecutive error', () => {
    expect(FAILING_THRESHOLD).toBe(3);
    expect([0, 1, 2, 3, 4].map(isFailing)).toEqual([false, false, false, true, true]);
  });
});
