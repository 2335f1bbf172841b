import type { StoryConfig } from '../config/story-schema.js';
import type { Development } from '../core/development.js';
import { kindRule, storyTaxonomy } from '../taxonomy/taxonomy.js';
import type { Store } from '../store/ports.js';
import { developmentId } from './timeline.js';

/** One source of a development as readers see it: the outlet, the item's language, link and title, when it was first seen. */
export interface SourceView {
  itemId: number;
  outlet: string;
  language: string;
  title: string;
  link: string | null;
  published: Date | null;
  /** When storywatch first fetched the item. */
  firstSeen: Date;
}

/** A development with its sources spelled out, for pages, feeds and the JSON API. */
export interface DevelopmentView {
  id: string;
  date: string;
  kind: string;
  kindLabel: string;
  /** The actors' labels, and their side ids (for names in other languages). */
  actors: string[];
  sides: string[];
  label: string;
  summary: string;
  summaryLang: string;
  languages: string[];
  sources: SourceView[];
  /** When the timeline recorded it. */
  recordedAt: Date;
}

/**
 * The story's developments, newest first, each with every source it still has (a feed purged with
 * its items leaves none): outlet (the feed's name), language, link, first-seen time, first first.
 */
export async function storyDevelopments(store: Store, story: StoryConfig): Promise<DevelopmentView[]> {
  const developments = await store.listDevelopments(story.id);
  const itemIds = [...new Set(developments.flatMap((d) => d.sources))];
  const [items, feeds] = await Promise.all([store.itemHeads(itemIds), store.listFeeds()]);
  const outlets = new Map(feeds.map((f) => [f.id, f.name]));
  const byId = new Map(items.map((i) => [i.id, i]));
  const taxonomy = storyTaxonomy(story);
  const sides = new Map(story.sides.map((s) => [s.id, s.label]));
  const view = (d: Development): DevelopmentView => ({
    id: developmentId(d.id),
    date: d.date,
    kind: d.kind,
    kindLabel: kindRule(taxonomy, d.kind).label,
    actors: d.actors.map((a) => sides.get(a) ?? a),
    sides: d.actors,
    label: d.label,
    summary: d.summary,
    summaryLang: d.summaryLang,
    languages: d.languages,
    recordedAt: d.createdAt,
    sources: d.sources.flatMap((id) => {
      const item = byId.get(id);
      if (!item) return [];
      return [
        {
          itemId: item.id,
          outlet: outlets.get(item.feedId) ?? `feed ${item.feedId}`,
          language: item.lang,
          title: item.title,
          link: item.link,
          published: item.published,
          firstSeen: item.fetchedAt,
        },
      ];
    }),
  });
  // Newest first: by day, then by id (plain comparisons: a locale collation costs more than the rest at 1,000 developments).
  const newest = [...developments].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : b.id - a.id));
  return newest.map(view);
}
