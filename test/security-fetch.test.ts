import dns from 'node:dns';
import http from 'node:http';
import net from 'node:net';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import zlib from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppError, Result } from '../src/core/result.js';
import { createHttpFetcher } from '../src/pipeline/fetch/http-fetcher.js';
import type { FetchOutcome } from '../src/pipeline/fetch/types.js';
import { parseFeed } from '../src/pipeline/parse/parse-feed.js';
import { redirect, startFeedServer, staticFeed, type FeedServer, type RouteHandler } from './fakes/feed-server.js';
import { listenLocal } from './fakes/listen-local.js';

/**
 * Regression tests for the fetch defences of issue 11 that already held: every request here goes to
 * 127.0.0.1, and every refused spelling points at the fake server's own port, so a guard that let one
 * through would show up as a request the server received.
 */

const RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>ok</title></item></channel></rss>';
const MB = 1024 * 1024;

let server: FeedServer;
let port: string;
const guarded = createHttpFetcher({ timeoutMs: 2_000 });
const local = createHttpFetcher({ allowPrivateNetworks: true, timeoutMs: 5_000 });

beforeAll(async () => {
  server = await startFeedServer();
  port = new URL(server.url('/')).port;
  server.route('/feed.xml', staticFeed({ body: RSS }));
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  vi.restoreAllMocks();
});

function failure(result: Result<FetchOutcome>): AppError {
  if (result.ok) throw new Error(`expected a failure, got ${result.value.kind}`);
  return result.error;
}

function fetched(result: Result<FetchOutcome>): Extract<FetchOutcome, { kind: 'fetched' }> {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  if (result.value.kind !== 'fetched') throw new Error('expected a body');
  return result.value;
}

/** A readable stream of `total` zero bytes, produced lazily in 1 MB chunks; `produced()` says how many were read. */
function zeros(total: number): { stream: Readable; produced: () => number } {
  const chunk = Buffer.alloc(MB);
  let left = total;
  let produced = 0;
  const stream = new Readable({
    read() {
      if (left <= 0) return void this.push(null);
      const piece = chunk.subarray(0, Math.min(left, chunk.length));
      left -= piece.length;
      produced += piece.length;
      this.push(piece);
    },
  });
  return { stream, produced: () => produced };
}

describe('SSRF: every spelling of loopback and of "this host" is refused before connecting', () => {
  it.each([
    '127.0.0.1',
    '127.1',
    '127.0.1',
    '0x7f000001',
    '0x7f.1',
    '2130706433',
    '017700000001',
    '0177.0.0.1',
    '%31%32%37.0.0.1',
    '127.0.0.1.',
    '127.255.255.254',
    '0.0.0.0',
    '0',
    '[::1]',
    '[0:0:0:0:0:0:0:1]',
    '[::]',
    '[::ffff:127.0.0.1]',
    '[::ffff:7f00:1]',
    '[::127.0.0.1]',
    '[fe80::1]',
    'localhost',
    'LOCALHOST',
    'localhost.',
    'feeds.localhost',
    'feeds.localhost.',
  ])('http://%s:PORT/ is refused with FEED_BLOCKED_ADDRESS and the server sees nothing', async (host) => {
    const before = server.requests.length;
    const error = failure(await guarded.get({ url: `http://${host}:${port}/feed.xml` }));
    expect(error).toMatchObject({ code: 'FEED_BLOCKED_ADDRESS', permanent: true });
    expect(server.requests.length).toBe(before);
  });

  it('checks the address a name resolves to at connect time, every address of it', async () => {
    // Our own answer for two names: one loopback, one mixing private ranges; nothing outside this machine.
    const answers: Record<string, dns.LookupAddress[]> = {
      'loopback.invalid': [{ address: '127.0.0.1', family: 4 }],
      'mixed.invalid': [
        { address: '10.0.0.7', family: 4 },
        { address: '127.0.0.1', family: 4 },
      ],
    };
    vi.spyOn(dns, 'lookup').mockImplementation(((hostname: string, _options: unknown, callback: (e: Error | null, a: dns.LookupAddress[]) => void) => {
      const found = answers[hostname];
      if (!found) return callback(Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
      callback(null, found);
    }) as never);
    const before = server.requests.length;
    for (const host of Object.keys(answers)) {
      const error = failure(await guarded.get({ url: `http://${host}:${port}/feed.xml` }));
      expect(error).toMatchObject({ code: 'FEED_BLOCKED_ADDRESS', permanent: true });
      expect(error.message).toContain(host);
    }
    expect(server.requests.length).toBe(before);
  });
});

describe('SSRF: a redirect to a private hop is refused before following it', () => {
  /**
   * A fake network for the guarded fetcher: the public-looking first hop `redirector.invalid` (a name
   * that never resolves) is dialled to the fake server. Every connection is forced to 127.0.0.1, so a
   * hop the guard let through reaches only the fake server, which records it.
   */
  function dialEverythingToFakeServer(): void {
    vi.spyOn(http.Agent.prototype, 'createConnection').mockImplementation(((_options: unknown, callback?: (e: Error | null, s: net.Socket) => void) => {
      const socket = net.createConnection({ host: '127.0.0.1', port: Number(port) });
      if (callback) socket.once('connect', () => callback(null, socket));
      return socket;
    }) as never);
  }

  it('follows a same-host redirect through the fake network (the control)', async () => {
    dialEverythingToFakeServer();
    server.route('/to-same-host', redirect('/feed.xml'));
    const result = fetched(await guarded.get({ url: 'http://redirector.invalid/to-same-host' }));
    expect(result.finalUrl).toBe('http://redirector.invalid/feed.xml');
    expect(result.body.toString()).toBe(RSS);
  });

  it.each([
    'http://127.0.0.1:PORT/feed.xml',
    'http://0x7f000001:PORT/feed.xml',
    'http://[::1]:PORT/feed.xml',
    'http://[::ffff:127.0.0.1]:PORT/feed.xml',
    'http://localhost:PORT/feed.xml',
    'http://10.0.0.1/feed.xml',
    'http://192.168.1.1/feed.xml',
    'http://169.254.169.254/latest/meta-data/',
    'http://0.0.0.0:PORT/feed.xml',
  ])('refuses the hop to %s', async (target) => {
    dialEverythingToFakeServer();
    const location = target.replace('PORT', port);
    const path = `/to-private-${server.requests.length}`;
    server.route(path, redirect(location, 302));
    const before = server.requests.length;
    const error = failure(await guarded.get({ url: `http://redirector.invalid${path}` }));
    expect(error).toMatchObject({ code: 'FEED_BLOCKED_ADDRESS', permanent: true });
    // Only the first hop reached the server; the private hop was never requested.
    expect(server.requests.slice(before).map((r) => r.path)).toEqual([path]);
  });
});

describe('size and decompression bombs', () => {
  /** Streams `total` bytes of zeros (with or without Content-Length); records how many it wrote and when the client left. */
  function hugeBody(total: number, withContentLength: boolean): { handler: RouteHandler; written: () => number; closed: Promise<void> } {
    let written = 0;
    let markClosed: () => void = () => undefined;
    const closed = new Promise<void>((resolve) => (markClosed = resolve));
    const handler: RouteHandler = (_req, res) => {
      const headers: http.OutgoingHttpHeaders = { 'content-type': 'application/rss+xml' };
      if (withContentLength) headers['content-length'] = total;
      res.writeHead(200, headers);
      const body = zeros(total);
      body.stream.on('data', (chunk: Buffer) => {
        written += chunk.length;
        if (!res.write(chunk)) body.stream.pause();
      });
      res.on('drain', () => body.stream.resume());
      body.stream.on('end', () => res.end());
      res.on('close', () => {
        body.stream.destroy();
        markClosed();
      });
    };
    return { handler, written: () => written, closed };
  }

  it.each([false, true])('cuts a 200 MB body at the 10 MB default (Content-Length sent: %s) and the server stops', async (withLength) => {
    const big = hugeBody(200 * MB, withLength);
    const path = `/200mb-${withLength}`;
    server.route(path, big.handler);
    const started = Date.now();
    const error = failure(await createHttpFetcher({ allowPrivateNetworks: true }).get({ url: server.url(path) }));
    expect(error.code).toBe('FEED_TOO_LARGE');
    expect(error.message).toContain(`${10 * MB}-byte limit`);
    await big.closed;
    expect(big.written()).toBeLessThan(40 * MB);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it.each([
    ['gzip', (): zlib.Gzip => zlib.createGzip({ level: 9 })],
    ['deflate', (): zlib.Deflate => zlib.createDeflate({ level: 9 })],
    ['br', (): zlib.BrotliCompress => zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } })],
  ] as const)('stops decoding a %s bomb (128 MB of zeros in a few hundred KB) at the cap', async (encoding, compressor) => {
    const bomb = await buffer(zeros(128 * MB).stream.pipe(compressor()));
    expect(bomb.length).toBeLessThan(MB);
    server.route(`/bomb-${encoding}`, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': encoding }).end(bomb);
    });
    const fetcher = createHttpFetcher({ allowPrivateNetworks: true, maxBytes: 4 * MB });
    const error = failure(await fetcher.get({ url: server.url(`/bomb-${encoding}`) }));
    expect(error.code).toBe('FEED_TOO_LARGE');
  });
});

describe('slow servers hit the whole-request deadline', () => {
  it('drips the status line and headers one byte at a time (slowloris)', async () => {
    const drips: NodeJS.Timeout[] = [];
    const raw = net.createServer((socket) => {
      const reply = Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nX-Pad: ${'.'.repeat(200)}\r\n\r\n${RSS}`);
      let at = 0;
      const timer = setInterval(() => {
        if (at >= reply.length || socket.destroyed) return clearInterval(timer);
        socket.write(reply.subarray(at, at + 1));
        at += 1;
      }, 20);
      drips.push(timer);
      socket.on('close', () => clearInterval(timer));
      socket.on('error', () => undefined);
    });
    const { origin, close } = await listenLocal(raw as unknown as http.Server);
    try {
      const started = Date.now();
      const error = failure(await createHttpFetcher({ allowPrivateNetworks: true, timeoutMs: 400 }).get({ url: `${origin}/feed.xml` }));
      expect(error.code).toBe('FEED_TIMEOUT');
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      for (const timer of drips) clearInterval(timer);
      await close();
    }
  });

  it('counts the deadline over all redirects, not per hop', async () => {
    // Each hop answers after 150 ms, well within a 400 ms timeout; five of them are not.
    for (let hop = 0; hop < 5; hop += 1) {
      server.route(`/slow-hop-${hop}`, (_req, res) => {
        setTimeout(() => res.writeHead(302, { location: `/slow-hop-${hop + 1}` }).end(), 150);
      });
    }
    server.route('/slow-hop-5', staticFeed({ body: RSS }));
    const started = Date.now();
    const error = failure(await createHttpFetcher({ allowPrivateNetworks: true, timeoutMs: 400 }).get({ url: server.url('/slow-hop-0') }));
    expect(error.code).toBe('FEED_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('gives up on a body that keeps coming a byte at a time within the deadline', async () => {
    server.route('/drip-body', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const timer = setInterval(() => res.write(' '), 10);
      res.on('close', () => clearInterval(timer));
    });
    const started = Date.now();
    const error = failure(await createHttpFetcher({ allowPrivateNetworks: true, timeoutMs: 300 }).get({ url: server.url('/drip-body') }));
    expect(error.code).toBe('FEED_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(1_500);
  });
});

describe('redirect loops', () => {
  it('detects a page redirecting to itself, also through a fragment or an absolute spelling', async () => {
    server.route('/self', redirect('/self'));
    server.route('/self-frag', redirect('/self-frag#again'));
    server.route('/self-abs', redirect(server.url('/self-abs')));
    for (const path of ['/self', '/self-frag', '/self-abs']) {
      const before = server.requests.length;
      expect(failure(await local.get({ url: server.url(path) })).code).toBe('FEED_REDIRECT_LOOP');
      expect(server.requests.length - before).toBe(1);
    }
  });

  it('detects a three-hop cycle after one request each', async () => {
    server.route('/cycle-a', redirect('/cycle-b'));
    server.route('/cycle-b', redirect('/cycle-c'));
    server.route('/cycle-c', redirect('/cycle-a'));
    const before = server.requests.length;
    expect(failure(await local.get({ url: server.url('/cycle-a') })).code).toBe('FEED_REDIRECT_LOOP');
    expect(server.requests.slice(before).map((r) => r.path)).toEqual(['/cycle-a', '/cycle-b', '/cycle-c']);
  });
});

describe('XML entity tricks in a feed', () => {
  const LAUGHS = ['<!ENTITY lol "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`)].join('');

  it('does not expand a billion-laughs bomb: the feed fails fast with FEED_PARSE_ERROR', async () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE rss [${LAUGHS}]><rss version="2.0"><channel><title>&lol9;</title><item><title>a &lol9;</title></item></channel></rss>`;
    const started = Date.now();
    const result = await parseFeed(Buffer.from(xml), 'application/rss+xml');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('FEED_PARSE_ERROR');
    expect(JSON.stringify(result)).not.toContain('lollol');
  });

  it('does not read external entities (XXE): the reference stays literal text', async () => {
    const xml =
      '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/hosts">]><rss version="2.0"><channel><title>T</title><item><title>a &xxe; b</title></item></channel></rss>';
    const result = await parseFeed(Buffer.from(xml), 'application/rss+xml');
    expect(JSON.stringify(result)).not.toMatch(/127\.0\.0\.1|localhost/u);
    if (result.ok) expect(result.value.items.map((i) => i.title)).toEqual(['a &xxe; b']);
  });
});
