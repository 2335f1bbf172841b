import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openPostgresStore } from '../src/store/postgres/pg-store.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { startSteadyFeeds, type SteadyFeeds } from './steady-feeds.js';

const FEEDS = Number(process.env.BENCH_FEEDS ?? 10_000);
const ITEMS = Number(process.env.BENCH_ITEMS ?? 50);
const NEW_PER_CYCLE = 2;
const CHANGED = Number(process.env.BENCH_CHANGED ?? 1);
const CYCLES = Number(process.env.BENCH_CYCLES ?? 1);
const PG_URL = process.env.STORYWATCH_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const TARGET_FEEDS = 10_000;

/** One database under test: how to seed it, make every feed due, count, and the workers' environment. */
interface Target {
  label: string;
  workers: number;
  targetSeconds: number;
  env: Record<string, string>;
  seed: (urls: string[]) => Promise<void>;
  makeDue: () => Promise<void>;
  /** Feeds fetched at or after `sinceMs` (all feeds when null), and items still pending. */
  progress: (sinceMs: number | null) => Promise<{ polled: number; pending: number; items: number }>;
  close: () => Promise<void>;
}

function sqliteTarget(dir: string): Target {
  const file = path.join(dir, 'steady.db');
  let db: Database.Database | null = null;
  const open = (): Database.Database => {
    if (db) return db;
    db = new Database(file);
    db.pragma('busy_timeout = 10000');
    return db;
  };
  const n = (query: string, ...args: unknown[]): number =>
    Number(
      (
        open()
          .prepare(query)
          .get(...args) as { n: number }
      ).n,
    );
  return {
    label: 'SQLite, 1 process',
    workers: 1,
    targetSeconds: 300,
    env: { STORYWATCH_DB: file },
    seed: async (urls) => {
      await openSqliteStore(file).close();
      const insert = open().prepare('INSERT INTO feeds (url, name, interval_sec, next_check_at, backfill, created_at) VALUES (?, ?, 600, 0, 0, ?)');
      open().transaction(() => urls.forEach((url, i) => insert.run(url, `bench ${i}`, Date.now())))();
    },
    makeDue: async () => void open().prepare('UPDATE feeds SET next_check_at = 0').run(),
    progress: async (since) => ({
      polled: n(`SELECT count(*) AS n FROM feeds WHERE last_fetch_at IS NOT NULL AND last_fetch_at >= ?`, since ?? 0),
      pending: n('SELECT count(*) AS n FROM items WHERE pending = 1'),
      items: n('SELECT count(*) AS n FROM items'),
    }),
    close: async () => void db?.close(),
  };
}

function postgresTarget(): Target {
  const schema = `sw_steady_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  const connected = admin.connect();
  const n = async (query: string, args: unknown[] = []): Promise<number> => Number((await admin.query(query, args)).rows[0].n);
  return {
    label: 'PostgreSQL, 3 workers',
    workers: 3,
    targetSeconds: 150,
    env: { DATABASE_URL: PG_URL, DATABASE_SCHEMA: schema },
    seed: async (urls) => {
      await connected;
      await (await openPostgresStore(PG_URL, { schema })).close();
      const values = urls.map((url, i) => `('${url}', 'bench ${i}', 600, to_timestamp(0), false, now())`).join(',');
      await admin.query(`INSERT INTO ${schema}.feeds (url, name, interval_sec, next_check_at, backfill, created_at) VALUES ${values}`);
    },
    makeDue: async () => void (await admin.query(`UPDATE ${schema}.feeds SET next_check_at = to_timestamp(0)`)),
    progress: async (since) => ({
      polled: await n(`SELECT count(*) AS n FROM ${schema}.feeds WHERE last_fetch_at >= to_timestamp($1 / 1000.0)`, [since ?? 0]),
      pending: await n(`SELECT count(*) AS n FROM ${schema}.items WHERE pending`),
      items: await n(`SELECT count(*) AS n FROM ${schema}.items`),
    }),
    close: async () => {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    },
  };
}

/** Waits until every feed was fetched since `sinceMs` and no item is left pending; returns the items then. */
async function settle(target: Target, sinceMs: number | null): Promise<number> {
  for (;;) {
    await new Promise((r) => setTimeout(r, 500));
    const p = await target.progress(sinceMs);
    if (p.polled >= FEEDS && p.pending === 0) return p.items;
    if (sinceMs !== null && Date.now() - sinceMs > 60 * 60_000) throw new Error('a cycle did not finish in an hour');
  }
}

/** Runs the target's workers: a baseline ingestion, then CYCLES cycles of new items on every changing feed. */
async function runTarget(target: Target, feeds: SteadyFeeds, dir: string): Promise<void> {
  const workers: ChildProcess[] = [];
  try {
    await target.seed(Array.from({ length: FEEDS }, (_, i) => feeds.url(i)));
    const cli = [path.resolve('node_modules/tsx/dist/cli.mjs'), path.resolve('src/cli.ts'), '--config', path.join(dir, 'config'), 'run'];
    const env = { ...process.env, LOG_LEVEL: 'silent', ...target.env };
    const start = Date.now();
    for (let i = 0; i < target.workers; i += 1) workers.push(spawn(process.execPath, cli, { env, stdio: ['ignore', 'ignore', 'inherit'] }));
    let items = await settle(target, null);
    console.log(`  ${target.label}: baseline of ${FEEDS} feeds × ${ITEMS} items in ${((Date.now() - start) / 1000).toFixed(1)} s (start-up included)`);
    for (let c = 1; c <= CYCLES; c += 1) {
      const changed = feeds.advance();
      const t0 = Date.now();
      await target.makeDue();
      const after = await settle(target, t0);
      const seconds = (Date.now() - t0) / 1000;
      const scaled = (seconds * TARGET_FEEDS) / FEEDS;
      const verdict = (s: number): string => (s < target.targetSeconds ? 'meets' : 'misses');
      console.log(
        `  ${target.label}, cycle ${c}: ${FEEDS} feeds (${changed} with ${NEW_PER_CYCLE} new items, ${feeds.answers.notModified} answered 304, ${feeds.answers.full} full bodies), +${after - items} items, ` +
          `cycle ${seconds.toFixed(1)} s = ${(FEEDS / seconds).toFixed(1)} polls/s; target < ${target.targetSeconds} s at ${TARGET_FEEDS} feeds: ` +
          (FEEDS === TARGET_FEEDS ? verdict(seconds) : `EXTRAPOLATED (linear, ${FEEDS} → ${TARGET_FEEDS} feeds) ${scaled.toFixed(0)} s, ${verdict(scaled)}`),
      );
      items = after;
    }
  } finally {
    for (const w of workers) w.kill('SIGTERM');
    await Promise.all(workers.map((w) => new Promise((r) => (w.exitCode !== null ? r(null) : w.once('exit', r)))));
    await target.close();
  }
}

/**
 * Issue 13's steady-state benchmark: FEEDS feeds × ITEMS items on a local server; after a baseline
 * ingestion, each cycle adds 2 new items to the changing feeds (BENCH_CHANGED, a fraction; the rest
 * answer 304), makes every feed due, and times until every feed was polled and every new item
 * matched and stored. One `storywatch run` on SQLite, then three on PostgreSQL (BENCH_ONLY=sqlite|postgres).
 */
export async function benchSteady(): Promise<void> {
  const only = process.env.BENCH_ONLY;
  console.log(
    `steady state: ${FEEDS} feeds × ${ITEMS} items, ${NEW_PER_CYCLE} new items per changing feed per cycle, ${Math.round(CHANGED * 100)}% of feeds change`,
  );
  const makers = [(root: string) => sqliteTarget(root), () => postgresTarget()];
  for (const make of makers.filter((_, i) => !only || only === ['sqlite', 'postgres'][i])) {
    const root = benchDir();
    const feeds = await startSteadyFeeds(FEEDS, ITEMS, NEW_PER_CYCLE, CHANGED);
    try {
      await runTarget(make(root), feeds, root);
    } finally {
      feeds.server.close();
      rmSync(root, { recursive: true, force: true });
    }
  }
}

/** A temporary directory with the bench config: the stories, private networks allowed, a 1 s tick. */
function benchDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'storywatch-steady-'));
  mkdirSync(path.join(d, 'config'));
  cpSync(path.join('config', 'stories'), path.join(d, 'config', 'stories'), { recursive: true });
  writeFileSync(path.join(d, 'config', 'storywatch.yml'), 'fetch:\n  allowPrivateNetworks: true\n');
  // Every feed is on the one local server: the per-host politeness of real feeds would make this a benchmark of the delay.
  writeFileSync(path.join(d, 'config', 'schedules.yml'), "poll:\n  tick: '* * * * * *'\n  concurrency: 8\n  perHostConcurrency: 8\n  perHostDelayMs: 0\n");
  return d;
}
