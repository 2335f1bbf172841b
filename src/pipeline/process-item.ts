import type { Item, StoredItem } from '../core/item.js';
import type { Logger } from '../core/logger.js';
import type { Store } from '../store/ports.js';
import type { Detection } from './detect/detect-item.js';
import type { CompiledStory } from './match/compile-story.js';
import { processPendingItems } from './process-pending.js';

/** What one item did: stored (null when already known), and its effect on each story it matched. */
export interface ProcessedItem {
  stored: StoredItem | null;
  detections: Detection[];
}

/** Stores one normalized item and, if it is new, matches it and merges it into the timelines. */
export async function processItem(
  item: Item,
  feedId: number,
  stories: CompiledStory[],
  deps: { store: Store; log: Logger; now: Date },
  alert = true,
): Promise<ProcessedItem> {
  const [stored] = await deps.store.insertItems(feedId, [item], deps.now, { baseline: !alert });
  if (!stored) return { stored: null, detections: [] };
  const { detections } = await processPendingItems({ ...deps, stories }, feedId);
  return { stored, detections };
}
