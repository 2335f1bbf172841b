import { mentionedDates } from '../dates/mentioned-dates.js';
import { inZones, type Analysis } from './analyze.js';
import type { CompiledStory } from './compile-story.js';

const DAY = 86_400_000;

/** What the matcher knows of a story's timeline: the days of its developments (YYYY-MM-DD). */
export interface StoryContext {
  developmentDays: readonly string[];
}

/**
 * Whether an item published at `ms` comes after the story's active period: after `window.to`, or,
 * in a story without an end, more than `quietAfterDays` after its last development.
 */
export function afterActivePeriod(story: CompiledStory, ms: number, context: StoryContext | undefined): boolean {
  if (story.window.to !== null) return ms >= story.window.to;
  const last = [...(context?.developmentDays ?? [])].sort().at(-1);
  if (last === undefined) return false;
  return ms >= Date.parse(`${last}T00:00:00Z`) + (story.config.quietAfterDays + 1) * DAY;
}

/**
 * Whether an item published at `published` marks an anniversary of `day`: a year or more later, on
 * the same day of the year (±1 day). Such an item commemorates the day; it reports nothing new.
 */
function anniversaryOf(published: Date, day: string): boolean {
  const then = new Date(`${day}T00:00:00Z`);
  const years = published.getUTCFullYear() - then.getUTCFullYear();
  if (years < 1) return false;
  const sameDayThen = Date.UTC(then.getUTCFullYear(), published.getUTCMonth(), published.getUTCDate());
  return Math.abs(sameDayThen - then.getTime()) <= DAY;
}

/**
 * The days written in an item's title and lead that fall in the story's period (the window, or a
 * development day of its timeline, ±1 day): "the January 16 strikes" in a later item. Days are
 * read against the item's publication date. A day the item is an anniversary of ("two years since
 * 19 September 2023", published on 19 September 2025) is left out: commemorating it ties nothing new back.
 */
export function storyDaysReferenced(story: CompiledStory, analysis: Analysis, published: Date, context: StoryContext | undefined): string[] {
  const days = new Set(context?.developmentDays ?? []);
  const near = (day: string): boolean => {
    const ms = Date.parse(`${day}T00:00:00Z`);
    return [ms - DAY, ms, ms + DAY].some((d) => days.has(new Date(d).toISOString().slice(0, 10)));
  };
  const inPeriod = (day: string): boolean => {
    const ms = Date.parse(`${day}T00:00:00Z`);
    return (story.window.to !== null && ms >= story.window.from && ms < story.window.to) || near(day);
  };
  const written = inZones(analysis, ['title', 'lead']).flatMap((s) => mentionedDates(s.text, analysis.lang, published));
  return [
    ...new Set(written.filter((m) => m.kind === 'explicit' && m.date !== null && inPeriod(m.date) && !anniversaryOf(published, m.date)).map((m) => m.text)),
  ];
}
