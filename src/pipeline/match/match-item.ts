import { analyze, type Analysis } from './analyze.js';
import type { CompiledStory } from './compile-story.js';
import { scoreAnalysis, type MatchResult } from './score.js';

/** What the matcher needs of an item: its clean title and text, and its date if known. */
export interface MatchInput {
  title: string;
  text: string;
  published: Date | null;
  /** ISO 639-1 language, for reading dates. */
  lang: string;
}

/** A decision with the analysis behind it (development detection reads the same analysis). */
export interface ItemMatch extends MatchResult {
  analysis: Analysis;
}

/** Decides whether an item belongs to a story, with a score and the reasons for it. */
export function matchItem(story: CompiledStory, item: MatchInput): ItemMatch {
  const analysis = analyze(story, item.title, item.text, item.lang);
  return { ...scoreAnalysis(analysis, item.published), analysis };
}
