import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { nonceFor } from '../src/adapters/discord/discord-sender.js';
import { startDiscordServer } from '../test/fakes/discord-server.js';
import { rss } from '../test/helpers/rss.js';
import { loadConfig } from '../src/config/load.js';
import { systemClock } from '../src/core/clock.js';
import { createLogger } from '../src/core/logger.js';
import { createHttpFetcher } from '../src/pipeline/fetch/http-fetcher.js';
import { compileStory } from '../src/pipeline/match/compile-story.js';
import { Poller } from '../src/scheduler/poller.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { workload } from './match.js';

const FEEDS = Number(process.env.BENCH_FEEDS ?? 2000);
const ITEMS = Number(process.env.BENCH_ITEMS ?? 50);
const WORKERS = 3;
const PG_URL = process.env.STORYWATCH_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const CHANNEL = '667788990011223344';

/** A local feed server: FEEDS feeds of ITEMS distinct items each, drawn from the labeled sets. */
async function startFeeds(): Promise<{ server: Server; url: (i: number) => string }> {
  const base = workload();
  const bodies = new Map<number, string>();
  const body = (feed: number): string => {
    const cached = bodies.get(feed);
    if (cached) return cached;
    const items = Array.from({ length: ITEMS }, (_, n) => {
      const item = base[(feed * ITEMS + n) % base.length]!;
      return {
        title: `${item.title} (${feed}/${n})`,
        link: `https://bench.example/${feed}/${n}`,
        html: `<p>${item.text.slice(0, 1500).replace(/[<&]/g, ' ')}</p>`,
        date: item.published?.toUTCString(),
      };
    });
    const xml = rss(items);
    bodies.set(feed, xml);
    return xml;
  };
  const server = createServer((req, res) => {
    const feed = Number(/\/feed\/(\d+)\.xml/.exec(req.url ?? '')?.[1] ?? -1);
    if (feed < 0) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body(feed));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return { server, url: (i) => `http://127.0.0.1:${port}/feed/${i}.xml` };
}

/** The same feeds polled by one process on SQLite (the Poller, all feeds due), for comparison. */
async function singleProcessSqlite(feedUrl: (i: number) => string): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'storywatch-scale-sqlite-'));
  const store = openSqliteStore(path.join(dir, 'bench.db'));
  try {
    const config = loadConfig({ STORYWATCH_CONFIG_DIR: 'config' });
    if (!config.ok) throw new Error(config.error.message);
    for (let i = 0; i < FEEDS; i += 1) await store.addFeed({ url: feedUrl(i), name: `bench ${i}`, intervalSec: 600 }, new Date(), { backfill: true });
    const deps = {
      store,
      http: createHttpFetcher({ allowPrivateNetworks: true }),
      clock: systemClock,
      log: createLogger('silent'),
      stories: config.value.stories.map((st) => compileStory(st)),
    };
    const poller = new Poller(deps, { tick: '* * * * *', concurrency: 8, perHostConcurrency: 8, perHostDelayMs: 0 });
    const start = Date.now();
    const reports = await poller.runDue({ ignoreInterval: true });
    const seconds = (Date.now() - start) / 1000;
    const items = reports.reduce((n, r) => n + r.newItems.length, 0);
    console.log(
      `  single process, SQLite: ${reports.length} polls in ${seconds.toFixed(1)} s = ${(reports.length / seconds).toFixed(1)} polls/s, ${(items / seconds).toFixed(0)} items/s`,
    );
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Issue 8's benchmark: 3 `storywatch run` workers on one PostgreSQL, FEEDS feeds × ITEMS items on a
 * local server, one subscribed Discord channel on the fake API. Prints polls/s, items/s, alert
 * latency (alert recorded → message received) and duplicate deliveries.
 */
export async function benchScale(): Promise<void> {
  const schema = `sw_bench_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  const feeds = await startFeeds();
  const discord = await startDiscordServer({ channels: [CHANNEL] });
  const dir = mkdtempSync(path.join(tmpdir(), 'storywatch-scale-'));
  const workers: ChildProcess[] = [];
  try {
    mkdirSync(path.join(dir, 'config'));
    cpSync(path.join('config', 'stories'), path.join(dir, 'config', 'stories'), { recursive: true });
    writeFileSync(path.join(dir, 'config', 'storywatch.yml'), 'fetch:\n  allowPrivateNetworks: true\n');
    // Every feed is on the one local server: the per-host politeness of real feeds would make this a benchmark of the delay.
    writeFileSync(path.join(dir, 'config', 'schedules.yml'), "poll:\n  tick: '* * * * * *'\n  concurrency: 8\n  perHostConcurrency: 8\n  perHostDelayMs: 0\n");
    const env = {
      ...process.env,
      LOG_LEVEL: 'silent',
      DATABASE_URL: PG_URL,
      DATABASE_SCHEMA: schema,
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.apiUrl,
    };
    const cli = [path.resolve('node_modules/tsx/dist/cli.mjs'), path.resolve('src/cli.ts'), '--config', path.join(dir, 'config')];
    const setup = spawn(process.execPath, [...cli, 'subscribe', '--platform', 'discord', '--channel', CHANNEL, '--story', 'iran-pakistan-2024'], {
      env,
      stdio: 'ignore',
    });
    await new Promise((r) => setup.on('exit', r));
    const values = Array.from({ length: FEEDS }, (_, i) => `('${feeds.url(i)}', 'bench ${i}', 600, to_timestamp(0), true, to_timestamp(0))`).join(',');
    await admin.query(`INSERT INTO ${schema}.feeds (url, name, interval_sec, next_check_at, backfill, created_at) VALUES ${values}`);
    const start = Date.now();
    for (let i = 0; i < WORKERS; i += 1) workers.push(spawn(process.execPath, [...cli, 'run'], { env, stdio: 'ignore' }));
    const count = async (sql: string): Promise<number> => Number((await admin.query(sql)).rows[0].n);
    let polledAt = 0;
    for (;;) {
      await new Promise((r) => setTimeout(r, 1000));
      const polled = await count(`SELECT count(*) AS n FROM ${schema}.feeds WHERE last_fetch_at IS NOT NULL`);
      const unmatched = await count(`SELECT count(*) AS n FROM ${schema}.items WHERE pending`);
      // Done polling when every feed was fetched and every item it brought matched and merged.
      if (polled >= FEEDS && unmatched === 0 && polledAt === 0) polledAt = Date.now();
      const pending = await count(`SELECT count(*) AS n FROM ${schema}.outbox WHERE status = 'pending'`);
      if (polledAt > 0 && pending === 0) break;
      if (Date.now() - start > 30 * 60_000) throw new Error('benchmark did not finish in 30 minutes');
    }
    const seconds = (polledAt - start) / 1000;
    const items = await count(`SELECT count(*) AS n FROM ${schema}.items`);
    const alerts = (
      await admin.query(
        `SELECT o.key, (extract(epoch FROM a.created_at) * 1000)::bigint AS created_at FROM ${schema}.outbox o JOIN ${schema}.alerts a ON a.id = o.alert_id WHERE o.kind = 'alert'`,
      )
    ).rows as { key: string; created_at: string }[];
    const messages = discord.messages(CHANNEL);
    const recorded = new Map(alerts.map((a) => [nonceFor(a.key, 0), Number(a.created_at)]));
    const latencies = messages
      .flatMap((m) => (recorded.has(String(m.nonce)) ? [Date.parse(m.timestamp) - (recorded.get(String(m.nonce)) ?? 0)] : []))
      .sort((a, b) => a - b);
    const posts = discord.requests.filter((r) => r.method === 'POST').length;
    console.log(
      `scale: ${WORKERS} workers, PostgreSQL, ${FEEDS} feeds × ${ITEMS} items: ${FEEDS} polls in ${seconds.toFixed(1)} s = ${(FEEDS / seconds).toFixed(1)} polls/s, ${(items / seconds).toFixed(0)} items/s`,
    );
    console.log(
      `  ${alerts.length} alerts; ${messages.length} messages received (${posts} sends); duplicate deliveries ${Math.max(0, messages.length - alerts.length)}; alert latency p50 ${latencies[Math.floor(latencies.length / 2)] ?? 0} ms, max ${latencies.at(-1) ?? 0} ms`,
    );
    await singleProcessSqlite(feeds.url);
  } finally {
    for (const w of workers) w.kill('SIGTERM');
    await Promise.all(workers.map((w) => new Promise((r) => (w.exitCode !== null ? r(null) : w.once('exit', r)))));
    feeds.server.close();
    await discord.close();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  }
}
