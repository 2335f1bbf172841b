import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Development } from '../core/development.js';
import type { Item } from '../core/item.js';
import { createLogger } from '../core/logger.js';
import { scoreDevelopments, type DevelopmentScores, type LabeledDevelopment } from '../pipeline/detect/evaluate-developments.js';
import type { CompiledStory } from '../pipeline/match/compile-story.js';
import { processItem } from '../pipeline/process-item.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';

/** A labeled line, normalized. */
export interface LabeledItem {
  id: string;
  item: Item;
  developments: LabeledDevelopment[];
}

/**
 * Replays a labeled set in publication order (undated items last, in file order) through match
 * and detection in a temporary store, and scores the developments against the labels.
 */
export async function evaluateDevelopments(story: CompiledStory, lines: LabeledItem[]): Promise<DevelopmentScores> {
  const dir = mkdtempSync(path.join(tmpdir(), 'storywatch-eval-'));
  const store = openSqliteStore(path.join(dir, 'eval.db'));
  try {
    const feed = await store.addFeed({ url: 'https://eval.invalid/', name: 'eval', intervalSec: 3600 }, new Date());
    if (!feed.ok) throw new Error(feed.error.message);
    const ordered = [...lines].sort((a, b) => (a.item.published?.getTime() ?? Infinity) - (b.item.published?.getTime() ?? Infinity));
    const detected = new Map<string, Development[]>();
    const alertedIds = new Set<number>();
    const log = createLogger('silent');
    for (const line of ordered) {
      const { detections } = await processItem(line.item, feed.value.id, [story], { store, log, now: new Date() });
      detected.set(line.id, detections.flatMap((d) => [...d.created, ...d.attached]));
      for (const d of detections) if (d.alertId !== null) d.created.forEach((c) => alertedIds.add(c.id));
    }
    const timeline = await store.listDevelopments(story.config.id);
    const labels = new Map(lines.filter((l) => l.developments.length > 0).map((l) => [l.id, l.developments]));
    return scoreDevelopments(labels, detected, timeline.filter((d) => alertedIds.has(d.id)));
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
