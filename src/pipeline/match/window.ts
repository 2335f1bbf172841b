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

/** How many sentences at the top of the text may hold the dateline. */
const DATELINE_SENTENCES = 3;
/** Words a dateline may hold beside its date: a place and an agency ("WASHINGTON, January 19. /TASS/"). */
const DATELINE_WORDS = 3;
/** Words a dateline may hold in all, its date's included ("Friday, 19 de enero de 2024"): longer is prose. */
const DATELINE_LENGTH = 10;
const WORDS = /[\p{L}\p{N}]+/gu;
/** …and as many characters. */
const DATELINE_CHARS = 120;
/** A dateline writes its day in digits (of any script). */
const DIGIT = /\p{N}/u;
const wordCount = (text: string): number => (text.match(WORDS) ?? []).length;

/**
 * Days written in a dateline near the top of the text: a short sentence among the first that is mostly a
 * day ("WASHINGTON, January 19.", "PARIS, 29 janv. (AFP)"). It tells when the item was written,
 * though it stands before the lead or after it.
 */
export function datelineDates(analysis: Analysis): DateMention[] {
  return analysis.segments
    .filter((s) => s.zone !== 'title')
    .slice(0, DATELINE_SENTENCES)
    .flatMap((s) => {
      if (s.text.length > DATELINE_CHARS || !DIGIT.test(s.text) || wordCount(s.text) > DATELINE_LENGTH) return [];
      const days = mentionedDates(s.text, analysis.lang, null).filter((m) => m.kind === 'explicit' && m.month !== null && m.day !== null);
      if (days.length === 0) return [];
      const rest = days.reduce((text, m) => text.replace(m.text, ' '), s.text);
      return wordCount(rest) <= DATELINE_WORDS ? days : [];
    });
}

/**
 * The day an undated item's dateline gives, when it falls in the story's window (a day written without
 * its year in the one year of the window it fits); else null.
 */
export function datelineDay(story: CompiledStory, analysis: Analysis): Date | null {
  for (const m of datelineDates(analysis)) {
    const years = m.year !== null ? [m.year] : [...story.windowYears];
    const fits = years.map((y) => Date.UTC(y, m.month! - 1, m.day!)).filter((ms) => instantInWindow(story, ms));
    if (fits.length === 1) return new Date(fits[0] as number);
  }
  return null;
}
