import { mentionedDates, type DateMention } from '../dates/mentioned-dates.js';
import { inZones, type Analysis } from './analyze.js';
import type { CompiledStory } from './compile-story.js';

/** Whether an instant is inside the story's window. */
export function instantInWindow(story: CompiledStory, ms: number): boolean {
  return ms >= story.window.from && (story.window.to === null || ms < story.window.to);
}

/** Whether a written day (with or without its year) can fall inside the story's window. */
export function inWindow(story: CompiledStory, mention: DateMention): boolean {
  if (mention.month === null || mention.day === null) return false;
  const years = mention.year !== null ? [mention.year] : [...story.windowYears];
  return years.some((y) => instantInWindow(story, Date.UTC(y, mention.month! - 1, mention.day!)));
}

/**
 * Whether a written day (with or without its year) can fall in the days just before the story's
 * window — its lead-up, `days` long — where an item about the story recalls what set it off.
 */
export function inLeadUp(story: CompiledStory, mention: DateMention, days: number): boolean {
  if (mention.month === null || mention.day === null) return false;
  const years = mention.year !== null ? [mention.year] : [...story.windowYears];
  return years.some((y) => {
    const ms = Date.UTC(y, mention.month! - 1, mention.day!);
    return ms < story.window.from && ms >= story.window.from - days * 86_400_000;
  });
}

/** Days written in an item's title and lead, unresolved (the item has no date to resolve them against). */
export function focusDates(analysis: Analysis): DateMention[] {
  return inZones(analysis, ['title', 'lead']).flatMap((s) => mentionedDates(s.text, analysis.lang, null));
}
