import { mentionedDates, type DateMention } from '../dates/mentioned-dates.js';
import { inZones, type Analysis } from './analyze.js';
import type { CompiledStory } from './compile-story.js';

/** Whether an instant is inside the story's window. */
export function instantInWindow(story: CompiledStory, ms: number): boolean {
  return ms >= story.window.from && (story.window.to === null || ms < story.window.to);
}

/** The instants (epoch ms) a written day can name: in its year, or without one in each year of the window; none without a month and day. */
function placements(story: CompiledStory, mention: DateMention): number[] {
  const { month, day } = mention;
  if (month === null || day === null) return [];
  const years = mention.year !== null ? [mention.year] : [...story.windowYears];
  return years.map((y) => Date.UTC(y, month - 1, day));
}

/** Whether a written day (with or without its year) can fall inside the story's window. */
export function inWindow(story: CompiledStory, mention: DateMention): boolean {
  return placements(story, mention).some((ms) => instantInWindow(story, ms));
}

/**
 * The instant a written day names inside the story's window, when exactly one placement does (a
 * window over a year long leaves a day without its year unplaced); else null.
 */
export function placedInWindow(story: CompiledStory, mention: DateMention): number | null {
  const fits = placements(story, mention).filter((ms) => instantInWindow(story, ms));
  return fits.length === 1 ? (fits[0] as number) : null;
}

/**
 * Whether a written day (with or without its year) can fall in the days just before the story's
 * window — its lead-up, `days` long — where an item about the story recalls what set it off.
 */
export function inLeadUp(story: CompiledStory, mention: DateMention, days: number): boolean {
  return placements(story, mention).some((ms) => ms < story.window.from && ms >= story.window.from - days * 86_400_000);
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
/** …and as many characters. */
const DATELINE_CHARS = 120;
const WORDS = /[\p{L}\p{N}]+/gu;
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
    const ms = placedInWindow(story, m);
    if (ms !== null) return new Date(ms);
  }
  return null;
}
