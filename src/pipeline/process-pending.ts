import type { StoredItem } from '../core/item.js';
import type { Logger } from '../core/logger.js';
import type { Store } from '../store/ports.js';
import { detectDevelopments, type Detection } from './detect/detect-item.js';
import type { CompiledStory } from './match/compile-story.js';
import { matchNewItems } from './match-items.js';
import type { StoryMatch } from './match/match-item.js';

/** What processing the pending items did. */
export interface ProcessedItems {
  items: StoredItem[];
  matches: StoryMatch[];
  detections: Detection[];
}

/** What processing items needs. */
export interface ProcessDeps {
  store: Store;
  log: Logger;
  stories: CompiledStory[];
  now: Date;
  /** Called as soon as an item's alert and its messages are stored. */
  onAlert?: () => void;
}

const BATCH = 200;

/**
 * Matches the stored items still pending (of one feed, or all) against every story, merges the
 * matches into the timelines (alerting unless an item is a baseline one) and marks them done, in
 * batches of 200 in publication order (the store's order, never arrival order: a feed listing its
 * newest items first builds the timeline and alerts as a date-ordered replay would). Items left
 * pending by a process that died are picked up here: the
 * timeline merge is idempotent per item (an item alerts once per story), so doing one twice is safe.
 * `onAlert` is called as soon as an item's alert and its messages are stored.
 */
export async function processPendingItems(deps: ProcessDeps, feedId?: number): Promise<ProcessedItems> {
  const done: ProcessedItems = { items: [], matches: [], detections: [] };
  for (;;) {
    const items = await deps.store.pendingItems({ feedId, limit: BATCH });
    if (items.length === 0) return done;
    const processed = await processItems(items, deps);
    done.items.push(...processed.items);
    done.matches.push(...processed.matches);
    done.detections.push(...processed.detections);
  }
}

/**
 * Matches stored items (in the order given) against every story, merges the matches into the
 * timelines and marks the items done: the work `processPendingItems` does for each batch.
 */
export async function processItems(items: StoredItem[], deps: ProcessDeps): Promise<ProcessedItems> {
  const matches = await matchNewItems(items, deps.stories, deps);
  const detections: Detection[] = [];
  for (const match of matches) {
    const detection = await detectDevelopments(match, deps, !match.item.baseline);
    if (detection.alertId !== null) deps.onAlert?.();
    detections.push(detection);
  }
  await deps.store.markProcessed(items.map((i) => i.id));
  return { items, matches, detections };
}
