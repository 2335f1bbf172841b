import type { Candidate } from '../../core/development.js';
import type { EventKind } from '../../core/event-kinds.js';
import { mentionedDates, type DateMention } from '../dates/mentioned-dates.js';
import { speaks, type Analysis } from '../match/analyze.js';
import { readSignals } from '../match/read-signals.js';
import { instantInWindow, placedInWindow } from '../match/window.js';
import { splitClauses, vaguelyDated, type Clause } from './background.js';
import { kindRule, leadingKind } from '../../taxonomy/taxonomy.js';

const DAY = 86_400_000;
/** Sentences of the text (after the title) that carry the item's own news. */
const NEWS_SENTENCES = 2;
const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
/** Days after which a written day is a recap's: it may join the development, not start it weeks late. */
const RECAP_DAYS = 7;
const stale = (day: string, published: Date | null): boolean => published !== null && published.getTime() - Date.parse(day) > RECAP_DAYS * DAY;

/**
 * The day of a day and month written without a year in an undated item ("27 сентября"): the one
 * year of the story's window in which that day falls inside the window, or null when none or
 * several do (a window over a year long leaves the day unplaced).
 */
function dayInWindow(story: Analysis['story'], mention: DateMention): string | null {
  if (mention.kind !== 'explicit' || mention.year !== null) return null;
  const ms = placedInWindow(story, mention);
  return ms === null ? null : dayOf(ms);
}

/**
 * The day a clause dates its event: the first written day inside the story window and not after
 * publication; in an undated item a day and month without a year is placed in the window's year.
 */
function writtenDay(analysis: Analysis, clause: Clause, published: Date | null): { day: string | null; outside: boolean; guessed: boolean } {
  const mentions = mentionedDates(clause.text, analysis.lang, published)
    .map((m) => (m.date === null && published === null ? { ...m, date: dayInWindow(analysis.story, m), guessed: true } : { ...m, guessed: false }))
    .filter((m) => m.date !== null);
  if (mentions.length === 0) return { day: null, outside: false, guessed: false };
  const latest = published ? published.getTime() + DAY : Number.POSITIVE_INFINITY;
  const usable = mentions.find((m) => {
    const ms = Date.parse(`${m.date}T00:00:00Z`);
    return instantInWindow(analysis.story, ms) && ms <= latest;
  });
  return usable ? { day: usable.date, outside: false, guessed: usable.guessed } : { day: null, outside: true, guessed: false };
}

/**
 * The developments an item reports, one candidate per family of kinds in each clause: its kinds,
 * actors (the sides named, the first named first) and the day it happened — written in the clause
 * ("Tuesday", "16/1", "周二"), or for the news of the title and lead the publication day. Background
 * clauses ("after strikes this week"), undated body sentences and every mention in an item published
 * outside the story's window can only join developments.
 */
export function extractCandidates(analysis: Analysis, published: Date | null): Candidate[] {
  const candidates: Candidate[] = [];
  // Published outside the story's window (a copy months later): its publication day dates nothing,
  // and what it reports, even on a day written in the window, may join a development but never start one.
  const outsideWindow = published !== null && !instantInWindow(analysis.story, Date.parse(dayOf(published.getTime())));
  /** Families the item itself places in the past: recalled in a background clause, or written days before publication. */
  const recalled = new Set<string>();
  const storyKinds = new Set(analysis.story.config.events.kinds);
  /** Sentences that name a kind but no side ("the explosion happened on Monday"): read for their days only if a headline needs them. */
  const sideless: string[] = [];
  let textSentence = 0;
  for (const segment of analysis.segments) {
    // The news of an item is in its title and first sentences; later ones recall or explain. A
    // sentence silent in the story's terms (page chrome, a teaser) takes no place among them.
    if (segment.zone !== 'title' && !speaks(segment)) continue;
    const opening = segment.zone === 'title' || textSentence++ < NEWS_SENTENCES;
    if (segment.events.size > 0 && segment.sides.size === 0) sideless.push(segment.text);
    if (segment.events.size === 0 || segment.sides.size === 0) continue;
    const sentenceSides = [...segment.sides];
    for (const clause of splitClauses(segment.text, analysis.lang)) {
      const { kinds, sides } = readSignals(analysis.story, clause.text, analysis.lang);
      const relevant = kinds.filter((k) => storyKinds.has(k));
      if (relevant.length === 0) continue;
      const written = writtenDay(analysis, clause, published);
      if (written.outside) continue;
      const news = !clause.background && opening && !vaguelyDated(clause.text, analysis.lang);
      const day = written.day ?? (news && published && !outsideWindow ? dayOf(published.getTime()) : null);
      const actors = [...sides, ...sentenceSides.filter((s) => !sides.includes(s))];
      const families = new Map<string, EventKind[]>();
      const rule = (k: EventKind) => kindRule(analysis.story.taxonomy, k);
      for (const kind of relevant) families.set(rule(kind).family, [...(families.get(rule(kind).family) ?? []), kind]);
      for (const [family, list] of families) {
        const kind = leadingKind(analysis.story.taxonomy, list) as EventKind;
        if (clause.background || (written.day !== null && published !== null && published.getTime() - Date.parse(written.day) >= 2 * DAY)) recalled.add(family);
        candidates.push({
          kinds: list,
          kind,
          family,
          actors,
          date: day,
          dateSource: written.day ? 'written' : day ? 'published' : null,
          ...(written.guessed ? { yearGuessed: true } : {}),
          creates: day !== null && !outsideWindow && !stale(day, published) && list.some((k) => rule(k).standalone),
          summary: segment.text,
          zone: segment.zone,
        });
      }
    }
  }
  // A mention dated only by the publication day ("… turns the page on the strikes") of a kind the
  // item itself recalls as past is that past event again: it may join it, never start one today.
  let sidelessRead: SidelessDay[] | null = null;
  const sidelessDays = (): SidelessDay[] =>
    (sidelessRead ??= published === null ? [] : sideless.flatMap((text) => daysWithoutSides(analysis, storyKinds, text, published)));
  const dated = candidates.map((c) =>
    c.dateSource === 'published' && recalled.has(c.family) ? { ...c, creates: false } : onWrittenDay(c, candidates, sidelessDays),
  );
  return dated.filter((c) => !partOfAnother(analysis.story.taxonomy, c, dated));
}

/** Whether the item reports, on the candidate's day, a kind the candidate's kind is part of (`partOf`): it is that development's. */
function partOfAnother(taxonomy: Analysis['story']['taxonomy'], c: Candidate, all: Candidate[]): boolean {
  const { partOf } = kindRule(taxonomy, c.kind);
  return partOf.length > 0 && all.some((o) => o !== c && o.date === c.date && o.kinds.some((k) => partOf.includes(k)));
}

/** A day a sentence naming no side writes, with the story's kinds of its clause. */
interface SidelessDay {
  kinds: EventKind[];
  day: string;
}

/** The days a sentence naming no side writes for the story's kinds it names, at most a recap's days before publication. */
function daysWithoutSides(analysis: Analysis, storyKinds: ReadonlySet<EventKind>, text: string, published: Date): SidelessDay[] {
  return splitClauses(text, analysis.lang).flatMap((clause) => {
    const kinds = readSignals(analysis.story, clause.text, analysis.lang).kinds.filter((k) => storyKinds.has(k));
    const { day } = kinds.length > 0 ? writtenDay(analysis, clause, published) : { day: null };
    return day !== null && !stale(day, published) ? [{ kinds, day }] : [];
  });
}

/**
 * A headline dated by the publication day tells the news its own text dates: a mention of the
 * family, a side in common, with a day written at most a day before ("reviews …" over "met on
 * Friday") gives it that day. So does the one day that sentences naming no side write for its kind
 * ("the death toll of the explosion rises …", then "the explosion happened on Monday"): they go on about the news.
 */
function onWrittenDay(c: Candidate, all: Candidate[], sideless: () => SidelessDay[]): Candidate {
  if (c.dateSource !== 'published' || c.date === null) return c;
  const published = Date.parse(c.date);
  const written = all.find(
    (w) =>
      w.dateSource === 'written' &&
      w.date !== null &&
      w.family === c.family &&
      w.actors.some((a) => c.actors.includes(a)) &&
      published - Date.parse(w.date) >= 0 &&
      published - Date.parse(w.date) <= DAY,
  );
  if (written) return { ...c, date: written.date, dateSource: 'written' };
  const days = new Set(
    sideless()
      .filter((m) => m.kinds.includes(c.kind) && Date.parse(m.day) <= published)
      .map((m) => m.day),
  );
  return days.size === 1 ? { ...c, date: [...days][0] as string, dateSource: 'written' } : c;
}

/**
 * A day whose year is only guessed (an undated item writing "20/2") starts a development only in the
 * story's active period: within `quietAfterDays` of a development the timeline already has (or while
 * it has none). Further away it is more likely another year's, and may only join.
 */
export function guessesInActivePeriod(candidates: Candidate[], developmentDays: readonly string[], quietAfterDays: number): Candidate[] {
  if (developmentDays.length === 0) return candidates;
  const near = (day: string): boolean => developmentDays.some((d) => Math.abs(Date.parse(d) - Date.parse(day)) <= quietAfterDays * DAY);
  return candidates.map((c) => (c.creates && c.yearGuessed === true && c.date !== null && !near(c.date) ? { ...c, creates: false } : c));
}
