import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { latestSchemaVersion, migrations } from '../src/store/migrations/index.js';
import { openSqliteStore, type SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { storeContract } from './store-contract.js';
import { expectTokenStopsRestored, seedOldTokenStops, UNAPPLY_007 } from './helpers/token-stops.js';
import { expectRowsBefore008Read, ROWS_BEFORE_008, sqliteBefore } from './helpers/old-database.js';

const now = new Date('2024-01-19T12:00:00.000Z');
const feed = { url: 'https://www.dawn.com/feeds/home', name: 'Dawn', language: 'en', intervalSec: 600 };

storeContract('sqlite :memory:', () => openSqliteStore(':memory:'));

let contractDir: string | undefined;
storeContract(
  'sqlite file',
  () => {
    contractDir = mkdtempSync(join(tmpdir(), 'storywatch-contract-'));
    return openSqliteStore(join(contractDir, 'nested', 'store.db'));
  },
  () => {
    if (contractDir !== undefined) rmSync(contractDir, { recursive: true, force: true });
  },
);

describe('migrations', () => {
  it('have unique, strictly increasing versions and names', () => {
    const versions = migrations.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(migrations.every((m) => /^[a-z0-9-]+$/.test(m.name) && m.sqlite.trim() !== '')).toBe(true);
    expect(latestSchemaVersion).toBe(versions.at(-1));
  });
});

describe('SQLite store on a file', () => {
  let dir: string;
  let file: string;
  const opened: SqliteStore[] = [];

  function open(): SqliteStore {
    const store = openSqliteStore(file);
    opened.push(store);
    return store;
  }

  function inspect<T>(read: (db: Database.Database) => T): T {
    const db = new Database(file, { readonly: true });
    try {
      return read(db);
    } finally {
      db.close();
    }
  }

  function readMigrations(db: Database.Database): { version: number; name: string; applied_at: number }[] {
    const rows = db.prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').all();
    return rows as { version: number; name: string; applied_at: number }[];
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'storywatch-sqlite-'));
    file = join(dir, 'data', 'storywatch.db');
  });

  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates parent directories and uses WAL', async () => {
    const store = open();
    await store.addFeed(feed, now);
    expect(inspect((db) => db.pragma('journal_mode', { simple: true }))).toBe('wal');
  });

  it('records each migration once and keeps data across reopening', async () => {
    const first = open();
    const added = await first.addFeed(feed, now);
    expect(added.ok).toBe(true);
    await first.close();
    const rowsAfterFirstOpen = inspect(readMigrations);

    const second = open();
    expect((await second.listFeeds()).map((f) => f.url)).toEqual([feed.url]);
    await second.close();
    const rows = inspect(readMigrations);
    expect(rows).toEqual(rowsAfterFirstOpen);
    expect(rows.map(({ version, name }) => ({ version, name }))).toEqual(migrations.map(({ version, name }) => ({ version, name })));
  });

  it('refuses a database migrated by a newer version with STORE_SCHEMA_TOO_NEW, changing nothing', async () => {
    await open().close();
    const future = latestSchemaVersion + 1;
    const db = new Database(file);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(future, 'future', 0);
    db.close();
    expect(() => openSqliteStore(file)).toThrow(
      expect.objectContaining({ code: 'STORE_SCHEMA_TOO_NEW', message: expect.stringContaining(`version ${future}`) }),
    );
    const versions = inspect((db) => db.prepare('SELECT version FROM schema_migrations').pluck().all());
    expect(versions).toContain(future);
  });

  it('migration 007 makes subscriptions stopped for a refused token active again, with their dropped messages pending', async () => {
    const before = open();
    const ids = await seedOldTokenStops(before);
    await before.close();
    const db = new Database(file);
    db.exec(UNAPPLY_007);
    db.close();
    await expectTokenStopsRestored(open(), ids);
  });

  it('opens a file made by migrations 001–007 and reads its rows as they were', async () => {
    const db = sqliteBefore(file, 8);
    db.exec(ROWS_BEFORE_008);
    db.close();
    await expectRowsBefore008Read(open());
    expect(inspect(readMigrations).map((r) => r.version)).toEqual(migrations.map((m) => m.version));
  });

  it('upgrades a file made before migration 009: subscriptions read as English, older sources quote nothing', async () => {
    const first = open();
    const added = await first.addFeed(feed, now);
    if (!added.ok) throw new Error(added.error.message);
    await first.close();
    opened.splice(0);
    const db = new Database(file);
    db.exec(`ALTER TABLE subscriptions DROP COLUMN language; ALTER TABLE development_sources DROP COLUMN quote; DELETE FROM schema_migrations WHERE version = 9;
      INSERT INTO subscriptions (platform, channel_id, story_id, alerts, status, created_at) VALUES ('slack', 'C0OLD', 'iran-pakistan-2024', 1, 'active', ${now.getTime()});`);
    db.close();
    const store = open();
    expect((await store.listSubscriptions()).map((x) => [x.channelId, x.language])).toEqual([['C0OLD', 'en']]);
    expect(inspect(readMigrations).map((m) => m.version)).toContain(9);
  });

  it('migration 010 rebuilds the outbox with its rows, and its ids go on after the highest ever used', async () => {
    const db = sqliteBefore(file, 10);
    db.exec(ROWS_BEFORE_008);
    db.exec("INSERT INTO outbox (subscription_id, kind, key, next_attempt_at, created_at) VALUES (1, 'digest', 'digest-now:1:1', 1, 1)");
    db.exec('DELETE FROM outbox WHERE id = 2');
    db.close();
    const store = open();
    await expectRowsBefore008Read(store);
    const [digest] = await store.enqueueDigests([{ subscriptionId: 1, day: '2024-01-20', at: now }]);
    expect(digest?.id).toBe(3);
    expect(inspect((d) => d.prepare("SELECT sql FROM sqlite_master WHERE name = 'outbox'").pluck().get())).toContain("'thread'");
  });

  it('migration 014 rebuilds subscriptions with their rows, cascading nothing, and keeps foreign keys enforced', async () => {
    const db = sqliteBefore(file, 14, { foreignKeys: true });
    db.exec(ROWS_BEFORE_008);
    db.exec("INSERT INTO alert_settings (subscription_id, threads, ping_kinds, updated_at, updated_by) VALUES (1, 1, '[]', 1, 'U1')");
    db.exec("INSERT INTO subscriptions (platform, channel_id, story_id, alerts, status, created_at) VALUES ('slack', 'C2', 'story-one', 1, 'active', 1)");
    db.exec("DELETE FROM subscriptions WHERE channel_id = 'C2'");
    db.exec("UPDATE subscriptions SET language = 'fr' WHERE id = 1");
    db.close();
    const store = open();
    await expectRowsBefore008Read(store);
    expect((await store.getAlertSettings(1)).threads).toBe(true);
    // Migration 009's column is carried over by the rebuild.
    expect((await store.getSubscription(1))?.language).toBe('fr');
    // Ids go on after the highest ever used (2, deleted), and a webhook subscription is allowed now.
    const hook = await store.subscribe({ platform: 'webhook', channelId: '1', storyId: 'story-one', alerts: true, digestTime: null, timeZone: null }, now);
    expect(hook.id).toBe(3);
    await expect(store.enqueueDigests([{ subscriptionId: 99, day: null, at: now }])).rejects.toThrow(/FOREIGN KEY/);
    expect(inspect((d) => d.prepare("SELECT sql FROM sqlite_master WHERE name = 'subscriptions'").pluck().get())).toContain("'webhook'");
  });

  it('lets two stores on the same file see each other’s writes', async () => {
    const a = open();
    const b = open();
    const added = await a.addFeed(feed, now);
    if (!added.ok) throw new Error(added.error.code);
    expect((await b.getFeed(feed.url))?.id).toBe(added.value.id);
    await b.recordFetch(added.value.id, {
      at: now,
      status: 'ok',
      etag: '"dawn-1"',
      errorCode: null,
      error: null,
      errorCount: 0,
      nextCheckAt: new Date(now.getTime() + 600_000),
      baselineDone: true,
    });
    expect(await a.getFeed(added.value.id)).toMatchObject({ etag: '"dawn-1"', baselineDone: true });
    expect((await b.addFeed(feed, now)).ok).toBe(false);
  });

  it('enforces foreign keys: items need an existing feed', async () => {
    const store = open();
    const item = {
      key: 'url:https://www.dawn.com/news/1806563',
      contentHash: 'a'.repeat(64),
      guid: null,
      link: 'https://www.dawn.com/news/1806563',
      title: 'Pakistan, Iran agree to de-escalate',
      text: 'The foreign ministers spoke by phone on Friday.',
      lang: 'en',
      langSource: 'declared' as const,
      published: null,
    };
    await expect(store.insertItems(404, [item], now)).rejects.toThrow(/FOREIGN KEY/);
  });
});
