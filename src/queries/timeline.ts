import type { Development } from '../core/development.js';
import { kindRule, storyTaxonomy } from '../taxonomy/taxonomy.js';
import type { StoryConfig } from '../config/story-schema.js';
import type { Store } from '../store/ports.js';

/** A development as commands and the CLI present it: actors by label, sources counted. */
export interface TimelineEntry {
  id: string;
  date: string;
  kind: string;
  actors: string[];
  label: string;
  summary: string;
  summaryLang: string;
  /** Item ids (store ids, or the caller's ids through `itemName`). */
  sources: string[];
  languages: string[];
}

/** The public id of a development: "D" and its number. */
export const developmentId = (id: number): string => `D${id}`;

/** Presents a development; `itemName` turns store item ids into the ids the caller knows. */
export function toEntry(story: StoryConfig, d: Development, itemName: (id: number) => string = String): TimelineEntry {
  const sides = new Map(story.sides.map((s) => [s.id, s.label]));
  return {
    id: developmentId(d.id),
    date: d.date,
    kind: d.kind,
    actors: d.actors.map((a) => sides.get(a) ?? a),
    label: d.label,
    summary: d.summary,
    summaryLang: d.summaryLang,
    sources: d.sources.map(itemName),
    languages: d.languages,
  };
}

/** A story's timeline in date order. */
export async function storyTimeline(store: Store, story: StoryConfig, itemName?: (id: number) => string): Promise<TimelineEntry[]> {
  return (await store.listDevelopments(story.id)).map((d) => toEntry(story, d, itemName));
}

/** The timeline as text, one development per line with its summary and sources under it. */
export function formatTimeline(story: StoryConfig, entries: TimelineEntry[]): string[] {
  if (entries.length === 0) return [`${story.title}: no developments yet.`];
  return [
    `${story.title} — ${entries.length} development(s)`,
    ...entries.flatMap((e) => [
      `${e.date}  ${e.id}  ${e.label}`,
      `            ${kindRule(storyTaxonomy(story), e.kind).label}; ${e.sources.length} source(s) in ${e.languages.join(', ')}`,
      `            "${e.summary.length > 220 ? `${e.summary.slice(0, 219)}…` : e.summary}" (${e.summaryLang})`,
    ]),
  ];
}
