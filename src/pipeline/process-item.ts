import type { Item, StoredItem } from '../core/item.js';
import type { Logger } from '../core/logger.js';
import type { Store } from '../store/ports.js';
import type { Detection } from './detect/detect-item.js';
import type { CompiledStory } from './match/compile-story.js';
import { processItems } from './process-pending.js';

/** What one item did: stored (null when already known), and its effect on each story it matched. */
export interface ProcessedItem {
  stored: StoredItem | null;
  detections: Detection[];
}

/**
 * Stores one normalized item and, if it is new, matches it and merges it into the timelines, all
 * in one store transaction (within the caller's, when it opened one: `replay` and `eval` process
 * a whole file in one).
 */
export async function processItem(
  item: Item,
  feedId: number,
  stories: CompiledStory[],
  deps: { store: Store; log: Logger; now: Date },
  alert = true,
): Promise<ProcessedItem> {
  return deps.store.transaction(async (store) => {
    const [stored] = await store.insertItems(feedId, [item], deps.now, { baseline: !alert });
    if (!stored) return { stored: null, detections: [] };
    const { detections } = await processItems([stored], { ...deps, store, stories });
    return { stored, detections };
  });
}
