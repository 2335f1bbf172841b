import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CommandServices } from '../../commands/command.js';
import { systemClock } from '../../src/core/clock.js';
import { createLogger } from '../../src/core/logger.js';
import { createHttpFetcher } from '../../src/pipeline/fetch/http-fetcher.js';
import { processItem } from '../../src/pipeline/process-item.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { bundledStory, seedItems } from './stories.js';

/** Command services over a temporary SQLite store holding the five seeds' timeline; `close` removes it. */
export async function seededServices(): Promise<{ services: CommandServices; close(): Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'storywatch-services-'));
  const store = openSqliteStore(path.join(dir, 's.db'));
  const story = bundledStory('iran-pakistan-2024');
  const log = createLogger('silent');
  const feed = await store.addFeed({ url: 'https://seeds.example/feed', name: 'Seeds', intervalSec: 600 }, new Date());
  if (!feed.ok) throw new Error(feed.error.message);
  const order = ['000', '001', '003', '004', '002'];
  for (const seed of seedItems().sort((a, b) => order.indexOf(a.file.slice(0, 3)) - order.indexOf(b.file.slice(0, 3)))) {
    await processItem(seed, feed.value.id, [story], { store, log, now: new Date() });
  }
  const services: CommandServices = {
    store,
    stories: [story],
    storyConfigs: [story.config],
    http: createHttpFetcher({ allowPrivateNetworks: true, timeoutMs: 2000 }),
    clock: systemClock,
    log,
    dispatch: async () => ({ sent: 0, edited: 0, retrying: 0, dropped: 0, waiting: 0 }),
    defaultIntervalSec: 600,
  };
  return { services, close: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })) };
}
