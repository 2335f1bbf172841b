import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rss } from '../test/helpers/rss.js';
import { workload } from './match.js';

/** A local server of feeds that grow: each `advance()` adds `perCycle` new items to the feeds that change. */
export interface SteadyFeeds {
  server: Server;
  url: (feed: number) => string;
  /** Adds new items to the changing feeds (a new ETag and Last-Modified); returns how many changed. */
  advance: () => number;
  /** Answers given since the last `advance()`: full bodies (200) and 304 Not Modified. */
  answers: { full: number; notModified: number };
}

/**
 * Starts `feeds` feeds of `items` items each on 127.0.0.1, drawn from the labeled sets. A feed keeps
 * its newest `items` items; a feed changes on `advance()` when its index falls in `changedFraction`
 * (spread evenly), and answers 304 to a conditional GET whose validator is current. Bodies are built
 * per request, not cached: 10,000 feeds × 50 items would hold most of a gigabyte.
 */
export async function startSteadyFeeds(feeds: number, items: number, perCycle: number, changedFraction: number): Promise<SteadyFeeds> {
  const base = workload();
  const generation = new Uint32Array(feeds);
  let modified = Math.floor(Date.now() / 1000) * 1000 - 3600_000;
  const modifiedAt = new Float64Array(feeds).fill(modified);
  const answers = { full: 0, notModified: 0 };
  const etag = (feed: number): string => `"${feed}-${generation[feed]}"`;
  const body = (feed: number): string => {
    const newest = generation[feed]! * perCycle + items - 1;
    const list = Array.from({ length: items }, (_, k) => {
      const n = newest - k;
      const item = base[(feed * 7919 + n) % base.length]!;
      return {
        title: `${item.title} (${feed}/${n})`,
        link: `https://bench.example/${feed}/${n}`,
        html: `<p>${item.text.slice(0, 1500).replace(/[<&]/g, ' ')}</p>`,
        date: item.published?.toUTCString(),
      };
    });
    return rss(list);
  };
  const server = createServer((req, res) => {
    const feed = Number(/\/feed\/(\d+)\.xml/.exec(req.url ?? '')?.[1] ?? -1);
    if (feed < 0 || feed >= feeds) return void res.writeHead(404).end();
    const headers = { etag: etag(feed), 'last-modified': new Date(modifiedAt[feed]!).toUTCString() };
    if (req.headers['if-none-match'] === etag(feed)) {
      answers.notModified += 1;
      return void res.writeHead(304, headers).end();
    }
    answers.full += 1;
    res.writeHead(200, { ...headers, 'content-type': 'application/rss+xml' }).end(body(feed));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  let cycle = 0;
  const step = Math.round(changedFraction * 100);
  return {
    server,
    url: (i) => `http://127.0.0.1:${port}/feed/${i}.xml`,
    answers,
    advance: () => {
      cycle += 1;
      modified += 60_000;
      let changed = 0;
      for (let i = 0; i < feeds; i += 1) {
        if ((i + cycle) % 100 >= step) continue;
        generation[i]! += 1;
        modifiedAt[i] = modified;
        changed += 1;
      }
      answers.full = 0;
      answers.notModified = 0;
      return changed;
    },
  };
}
