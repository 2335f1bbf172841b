import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config/load.js';
import { systemClock } from '../src/core/clock.js';
import { createLogger } from '../src/core/logger.js';
import { createHttpFetcher } from '../src/pipeline/fetch/http-fetcher.js';
import { compileStory } from '../src/pipeline/match/compile-story.js';
import { runFeed } from '../src/pipeline/run-feed.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { peakMb, stopwatch, type StageResult } from './stage-result.js';

/**
 * The whole pipeline on the bench feed: fetched over HTTP from 127.0.0.1, parsed, normalized,
 * stored in SQLite, matched against every configured story and merged into their timelines.
 */
export async function benchPipeline(feedPath: string): Promise<StageResult> {
  const body = readFileSync(feedPath);
  const server = createServer((_, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
  const config = loadConfig({ STORYWATCH_CONFIG_DIR: 'config' });
  if (!config.ok) throw new Error(config.error.message);
  const stories = config.value.stories.map((s) => compileStory(s));
  const dir = mkdtempSync(path.join(tmpdir(), 'storywatch-bench-'));
  const store = openSqliteStore(path.join(dir, 'bench.db'));
  try {
    const feed = await store.addFeed({ url, name: 'bench', intervalSec: 3600 }, new Date());
    if (!feed.ok) throw new Error(feed.error.message);
    const http = createHttpFetcher({ maxBytes: 64 * 1024 * 1024, timeoutMs: 120_000, allowPrivateNetworks: true });
    const timer = stopwatch();
    const report = await runFeed(feed.value, { store, http, clock: systemClock, log: createLogger('silent'), stories });
    const time = timer();
    if (report.outcome !== 'fetched') throw new Error(`bench feed run failed: ${report.error?.message ?? report.outcome}`);
    return {
      stage: 'pipeline',
      items: report.itemsSeen,
      ...time,
      peakMb: peakMb(),
      detail: `fetch → parse → normalize → store → match ${stories.length} stories → detect; ${report.matches.length} matches`,
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    server.close();
  }
}
