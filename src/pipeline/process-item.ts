import type { Item, StoredItem } from '../core/item.js';
import type { Logger } from '../core/logger.js';
import type { Store } from '../store/ports.js';
import { detectDevelopments, type Detection } from './detect/detect-item.js';
import type { CompiledStory } from './match/compile-story.js';
import { matchNewItems } from './match-items.js';

/** What one item did: stored (null when already known), and its effect on each story it matched. */
export interface ProcessedItem {
  stored: StoredItem | null;
  detections: Detection[];
}

/** Stores one normalized item and, if it is new, matches it and merges it into the timelines. */
export async function processItem(item: Item, feedId: number, stories: CompiledStory[], deps: { store: Store; log: Logger; now: Date }, alert = true): Promise<ProcessedItem> {
  const [stored] = await deps.store.insertItems(feedId, [item], deps.now);
  if (!stored) return { stored: null, detections: [] };
  const detections: Detection[] = [];
  for (const match of await matchNewItems([stored], stories, deps)) detections.push(await detectDevelopments(match, deps, alert));
  return { stored, detections };
}
