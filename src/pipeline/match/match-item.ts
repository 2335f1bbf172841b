import type { StoredItem } from '../../core/item.js';
import { analyze, type Analysis, type ReadyText } from './analyze.js';
import type { CompiledStory } from './compile-story.js';
import type { StoryContext } from './follow-up.js';
import { scoreAnalysis, type ItemWhen, type MatchResult } from './score.js';

/** What the matcher needs of an item: its clean title and text, its date if known and its link. */
export interface MatchInput extends ItemWhen {
  title: string;
  text: string;
  /** ISO 639-1 language, for reading dates. */
  lang: string;
}

/** A decision with the analysis behind it (development detection reads the same analysis). */
export interface ItemMatch extends MatchResult {
  analysis: Analysis;
}

/** An item that matched a story, with the decision (and its analysis) for development detection. */
export interface StoryMatch {
  item: StoredItem;
  storyId: string;
  match: ItemMatch;
}

/**
 * Decides whether an item belongs to a story, with a score and the reasons for it; `context` (the
 * story's development days) lets a follow-up after a quiet period tie back to the timeline.
 * `ready` is the item's title and text cut by {@link readyText}, when it is matched against several stories.
 */
export function matchItem(story: CompiledStory, item: MatchInput, context?: StoryContext, ready?: ReadyText): ItemMatch {
  const analysis = analyze(story, item.title, item.text, item.lang, ready);
  return { ...scoreAnalysis(analysis, item, context), analysis };
}
