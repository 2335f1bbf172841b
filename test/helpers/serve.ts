import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger } from '../../src/core/logger.js';
import { processItem } from '../../src/pipeline/process-item.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Item } from '../../src/core/item.js';
import { bundledStory, seedItems } from './stories.js';

/** A running `storywatch serve`. */
export interface ServeProcess {
  /** `http://127.0.0.1:PORT`. */
  base: string;
  /** What it printed on stdout so far. */
  output(): string;
  /** SIGTERM, then waits for it to exit and removes its folder. */
  stop(): Promise<void>;
}

/**
 * Starts `node dist/src/cli.js serve --port 0` with `env` over a copy of the bundled stories and a
 * SQLite store holding the five seeds' timeline (and `extra` items, processed after them on the
 * same feed); resolves once it is listening.
 */
export async function startServe(env: Record<string, string>, extra: Item[] = []): Promise<ServeProcess> {
  const dir = mkdtempSync(path.join(tmpdir(), 'storywatch-serve-'));
  mkdirSync(path.join(dir, 'config'));
  cpSync(path.join('config', 'stories'), path.join(dir, 'config', 'stories'), { recursive: true });
  writeFileSync(path.join(dir, 'config', 'storywatch.yml'), 'log:\n  level: silent\n');
  const store = openSqliteStore(path.join(dir, 'sw.db'));
  const feed = await store.addFeed({ url: 'https://seeds.example/feed', name: 'Seeds', intervalSec: 86_400 }, new Date());
  if (!feed.ok) throw new Error(feed.error.message);
  const order = ['000', '001', '003', '004', '002'];
  const seeds = seedItems().sort((a, b) => order.indexOf(a.file.slice(0, 3)) - order.indexOf(b.file.slice(0, 3)));
  for (const item of [...seeds, ...extra]) {
    await processItem(item, feed.value.id, [bundledStory('iran-pakistan-2024')], { store, log: createLogger('silent'), now: new Date() });
  }
  // The seeds' feed is not served anywhere: as if just fetched, so serve's poller leaves it alone (no lookup leaves 127.0.0.1).
  const now = new Date();
  await store.recordFetch(feed.value.id, {
    at: now,
    status: 'ok',
    errorCode: null,
    error: null,
    errorCount: 0,
    nextCheckAt: new Date(now.getTime() + 365 * 86_400_000),
    baselineDone: true,
  });
  await store.close();
  const args = [path.resolve('dist/src/cli.js'), '--config', path.join(dir, 'config'), '--db', path.join(dir, 'sw.db'), 'serve', '--port', '0'];
  const child: ChildProcess = spawn(process.execPath, args, { env: { ...process.env, LOG_LEVEL: 'silent', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString('utf8')));
  const base = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      const port = /Listening on port (\d+)/.exec(out)?.[1];
      if (port) resolve(`http://127.0.0.1:${port}`);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}${err}`)));
  });
  return {
    base,
    output: () => out,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
