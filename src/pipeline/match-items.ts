import type { StoredItem } from '../core/item.js';
import type { Logger } from '../core/logger.js';
import type { Store } from '../store/ports.js';
import type { CompiledStory } from './match/compile-story.js';
import type { StoryContext } from './match/follow-up.js';
import { readyText } from './match/analyze.js';
import { matchItem, type StoryMatch } from './match/match-item.js';
import { indexMatchedItem } from './index-sentences.js';

/**
 * Matches new items against every story, records each decision (matched or not, with its reasons),
 * indexes the sentences of the items that matched (for questions, decision 025) and returns the
 * matches in the order of `items`.
 */
export async function matchNewItems(items: StoredItem[], stories: CompiledStory[], deps: { store: Store; log: Logger; now: Date }): Promise<StoryMatch[]> {
  const matches: StoryMatch[] = [];
  const records = [];
  // The timeline's days, so that a follow-up after a quiet period can tie back to the story.
  const contexts = new Map<string, StoryContext>();
  for (const story of items.length > 0 ? stories : []) contexts.set(story.config.id, { developmentDays: await deps.store.developmentDays(story.config.id) });
  // Item by item, so that detection (and alerts) follow the items' publication order across stories.
  for (const item of items) {
    const ready = readyText(item.title, item.text);
    for (const story of stories) {
      const match = matchItem(story, item, contexts.get(story.config.id), ready);
      records.push({ itemId: item.id, storyId: story.config.id, matched: match.matched, score: match.score, reasons: match.reasons, at: deps.now });
      if (match.matched) {
        matches.push({ item, storyId: story.config.id, match });
        deps.log.info({ story: story.config.id, item: item.key, score: match.score }, 'item matches the story');
      }
    }
  }
  if (records.length > 0) await deps.store.recordMatches(records);
  for (const { item, storyId } of matches) await indexMatchedItem(deps.store, storyId, item);
  return matches;
}
