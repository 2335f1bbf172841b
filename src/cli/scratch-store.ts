import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openSqliteStore, type SqliteStore } from '../store/sqlite/sqlite-store.js';

/**
 * Runs `work` on a fresh SQLite store in a temporary folder holding one pseudo feed (items need a
 * feed), then closes and removes it: for `replay` and `eval`, which must not touch the real database.
 */
export async function withScratchStore<T>(name: string, work: (store: SqliteStore, feedId: number) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(tmpdir(), `storywatch-${name}-`));
  const store = openSqliteStore(path.join(dir, `${name}.db`));
  try {
    const feed = await store.addFeed({ url: `https://${name}.invalid/`, name, intervalSec: 3600 }, new Date());
    if (!feed.ok) throw new Error(feed.error.message);
    return await work(store, feed.value.id);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
