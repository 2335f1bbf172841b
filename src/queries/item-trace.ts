import type { StoryConfig } from '../config/story-schema.js';
import type { StoredItem } from '../core/item.js';
import type { Store } from '../store/ports.js';
import { developmentId } from './timeline.js';

/** What one story made of an item: the matcher's decision with its reasons, and what the timeline did with it. */
export interface StoryTrace {
  storyId: string;
  /** Null when the item was never matched against the story (baseline-only feed, or still pending). */
  matched: boolean | null;
  score: number | null;
  reasons: string[];
  /** The developments it is a source of, e.g. "D3 2024-01-18 <label>". */
  developments: string[];
  /** Whether it raised a new-development alert. */
  alerted: boolean;
}

/** An item found by the operator's search, with its feed and what each story made of it. */
export interface ItemTrace {
  item: StoredItem;
  feed: string;
  stories: StoryTrace[];
}

/**
 * Finds items whose title, link or text contains `query` (case-insensitive; at most `limit`), and
 * explains each: per story, the match decision with its score and reasons, the developments it is
 * a source of and whether it alerted.
 */
export async function traceItems(store: Store, stories: readonly StoryConfig[], query: string, limit = 20): Promise<ItemTrace[]> {
  const needle = query.trim();
  if (needle.length === 0) return [];
  const items = await store.searchItems(needle, limit);
  if (items.length === 0) return [];
  const feeds = new Map((await store.listFeeds()).map((f) => [f.id, f.name]));
  const ids = new Set(items.map((i) => i.id));
  const perStory = await Promise.all(
    stories.map(async (story) => {
      const [matches, developments, alerts] = await Promise.all([store.listMatches(story.id), store.listDevelopments(story.id), store.listAlerts(story.id)]);
      return { story, matches: matches.filter((m) => ids.has(m.itemId)), developments, alerted: new Set(alerts.map((a) => a.itemId)) };
    }),
  );
  return items.map((item) => ({
    item,
    feed: feeds.get(item.feedId) ?? `feed ${item.feedId}`,
    stories: perStory.map(({ story, matches, developments, alerted }) => {
      const record = matches.find((m) => m.itemId === item.id);
      return {
        storyId: story.id,
        matched: record?.matched ?? null,
        score: record?.score ?? null,
        reasons: record?.reasons ?? [],
        developments: developments.filter((d) => d.sources.includes(item.id)).map((d) => `${developmentId(d.id)} ${d.date} ${d.label}`),
        alerted: alerted.has(item.id),
      };
    }),
  }));
}
