import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config/load.js';
import { createLogger } from '../src/core/logger.js';
import { compileStory } from '../src/pipeline/match/compile-story.js';
import { processItem } from '../src/pipeline/process-item.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { workload } from './match.js';
import { peakMb, stopwatch, type StageResult } from './stage-result.js';

const ITEM_COUNT = 10_000;

/** Replays 10,000 mixed-language items one by one (store → match against both stories → detect) into SQLite in one transaction, as `storywatch replay` does. */
export async function benchReplay(): Promise<StageResult> {
  const config = loadConfig({ STORYWATCH_CONFIG_DIR: 'config' });
  if (!config.ok) throw new Error(config.error.message);
  const stories = config.value.stories.map((s) => compileStory(s));
  const base = workload();
  const dir = mkdtempSync(path.join(tmpdir(), 'storywatch-bench-'));
  const store = openSqliteStore(path.join(dir, 'bench.db'));
  try {
    const feed = await store.addFeed({ url: 'https://bench.invalid/', name: 'bench', intervalSec: 3600 }, new Date());
    if (!feed.ok) throw new Error(feed.error.message);
    const log = createLogger('silent');
    let alerts = 0;
    const timer = stopwatch();
    await store.transaction(async (tx) => {
      for (let i = 0; i < ITEM_COUNT; i += 1) {
        const item = base[i % base.length]!;
        const unique = { ...item, key: `${item.key}#${i}`, contentHash: `${item.contentHash}:${i}` };
        const { detections } = await processItem(unique, feed.value.id, stories, { store: tx, log, now: new Date() });
        alerts += detections.filter((d) => d.alertId !== null).length;
      }
    });
    const time = timer();
    const developments = (await Promise.all(stories.map((s) => store.listDevelopments(s.config.id)))).flat().length;
    return {
      stage: 'replay',
      items: ITEM_COUNT,
      ...time,
      peakMb: peakMb(),
      detail: `match ${stories.length} stories + detect; ${alerts} alerts, ${developments} developments`,
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
