import type { Development } from '../core/development.js';
import type { Item } from '../core/item.js';
import { createLogger } from '../core/logger.js';
import { comparePublication } from '../core/publication-order.js';
import type { CompiledStory } from '../pipeline/match/compile-story.js';
import { processItem } from '../pipeline/process-item.js';
import type { LabeledDevelopment } from './jsonl-input.js';
import { withScratchStore } from './scratch-store.js';
import { scoreDetection, type DetectionScores } from './score-detection.js';

/** A labeled line, normalized. */
export interface LabeledItem {
  id: string;
  item: Item;
  developments: LabeledDevelopment[];
}

/**
 * Replays a labeled set in publication order (undated items last, ties by item key) through match
 * and detection in a temporary store, and scores the developments against the labels (any kind,
 * known to the taxonomy or not; undated labels are not placed on a day).
 */
export async function evaluateDevelopments(story: CompiledStory, lines: LabeledItem[]): Promise<DetectionScores> {
  return withScratchStore('eval', async (store, feedId) => {
    const ordered = [...lines].sort((a, b) => comparePublication(a.item, b.item));
    const detected = new Map<string, Pick<Development, 'kind' | 'date'>[]>();
    const alertedIds = new Set<number>();
    const log = createLogger('silent');
    // The whole set in one transaction of this run's own store.
    await store.transaction(async (tx) => {
      for (const line of ordered) {
        const { detections } = await processItem(line.item, feedId, [story], { store: tx, log, now: new Date() });
        detected.set(
          line.id,
          detections.flatMap((d) => [...d.created, ...d.attached, ...d.revised, ...d.redated]),
        );
        for (const d of detections) if (d.alertId !== null) d.created.forEach((c) => alertedIds.add(c.id));
      }
    });
    const timeline = await store.listDevelopments(story.config.id);
    const labels = new Map(lines.filter((l) => l.developments.length > 0).map((l) => [l.id, l.developments]));
    return {
      items: lines.length,
      ...scoreDetection(
        labels,
        detected,
        timeline.filter((d) => alertedIds.has(d.id)),
        timeline,
        story.taxonomy,
      ),
    };
  });
}
