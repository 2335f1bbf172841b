import type { Development } from '../core/development.js';
import type { EventKind } from '../core/event-kinds.js';
import type { StoredItem } from '../core/item.js';
import { mentionedDates } from '../pipeline/dates/mentioned-dates.js';
import { kindRule, type Taxonomy } from '../taxonomy/taxonomy.js';
import type { CompiledStory } from '../pipeline/match/compile-story.js';
import { readSignals } from '../pipeline/match/read-signals.js';
import { developmentId } from './timeline.js';
import { sentences } from '../core/text/segments.js';

/** A death toll a source gives for a development: the sentence, and the item it is from. */
export interface Toll {
  text: string;
  lang: string;
  itemId: number;
}

/** One development an answer names: the latest one (for "latest"), or with the toll a source gives ("how many were killed"). */
export interface AnswerEntry {
  development: Development;
  latest: boolean;
  toll: Toll | null;
}

/** An answer from the timeline: the developments it names, in words of no language (see delivery/answer-lines.ts). */
export interface TimelineAnswer {
  known: boolean;
  entries: AnswerEntry[];
  /** D-ids of the developments the answer rests on. */
  developments: string[];
}

/** What the question asks about, read with the story's own names and cue words. */
interface Question {
  latest: boolean;
  casualties: boolean;
  kinds: EventKind[];
  sides: string[];
  days: { month: number; day: number; year: number | null }[];
}

const LATEST = /\b(latest|newest|most recent|last development|what'?s new|what is new)\b/i;
const HOW_MANY_KILLED = /\bhow many\b.*\b(killed|dead|died|casualt|wounded|injured)|\b(death toll|casualties)\b/i;

function readQuestion(story: CompiledStory, text: string, lang: string): Question {
  const { kinds, sides } = readSignals(story, text, lang);
  const days = mentionedDates(text, lang, null)
    .filter((m) => m.month !== null && m.day !== null)
    .map((m) => ({ month: m.month as number, day: m.day as number, year: m.year }));
  return { latest: LATEST.test(text), casualties: HOW_MANY_KILLED.test(text), kinds, sides, days };
}

/** Developments of the asked kinds (by family) whose acting side is the first side asked about. */
function byKindAndActors(taxonomy: Taxonomy, q: Question, timeline: Development[]): Development[] {
  const families = new Set(q.kinds.filter((k) => !kindRule(taxonomy, k).joinsAnyFamily).map((k) => kindRule(taxonomy, k).family));
  return timeline.filter((d) => {
    if (families.size > 0 && !families.has(kindRule(taxonomy, d.kind).family) && !q.kinds.some((k) => d.kinds.includes(k))) return false;
    if (q.sides.length >= 2) return d.actors[0] === q.sides[0] && d.actors.includes(q.sides[1] as string);
    return q.sides.every((s) => d.actors.includes(s));
  });
}

/** A number in digits, Chinese numerals, or a number word of the languages the seeds came in. */
const NUMBER =
  /\d|[一二两三四五六七八九十百千]|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?|hai|bốn|sáu|bảy|tám|chín|mười)\b/iu;

/**
 * A source sentence giving the development's death toll: a casualty cue and a number, in the
 * sentence that dates the development or in the two after it ("…struck on Tuesday. The ministry said
 * it killed two children.").
 */
function casualtySentence(story: CompiledStory, d: Development, item: StoredItem): Toll | null {
  const list = sentences(item.text);
  const isToll = (s: string): boolean => NUMBER.test(s) && readSignals(story, s, item.lang).kinds.includes('casualties');
  for (let i = 0; i < list.length; i += 1) {
    if (!mentionedDates(list[i] as string, item.lang, item.published).some((m) => m.date === d.date)) continue;
    const toll = list.slice(i, i + 3).find(isToll);
    if (toll) return { text: toll, lang: item.lang, itemId: item.id };
  }
  return null;
}

/** Death tolls of developments from their sources, the asker's language first, then English. */
function casualtyEntries(story: CompiledStory, developments: Development[], items: StoredItem[], lang: string): AnswerEntry[] {
  const rank = (i: StoredItem): number => (i.lang === lang ? 0 : i.lang === 'en' ? 1 : 2);
  const entries: AnswerEntry[] = [];
  for (const d of developments) {
    const sources = items.filter((i) => d.sources.includes(i.id)).sort((a, b) => rank(a) - rank(b));
    for (const item of sources) {
      const toll = casualtySentence(story, d, item);
      if (toll) {
        entries.push({ development: d, latest: false, toll });
        break;
      }
    }
  }
  return entries;
}

/**
 * Answers a question about a story from its stored timeline: "latest", "what happened on
 * January 18?", "when did X strike Y?", "how many were killed?", "what did the ministers agree?".
 * Names and kinds are read with the story's own names and cue words, so other languages work too;
 * `asks.howMany` says the question asks "how many" in its language. With nothing to go on, the
 * answer is not known (and names no development).
 */
export function answerQuestion(
  story: CompiledStory,
  question: string,
  timeline: Development[],
  items: StoredItem[],
  lang = 'en',
  asks: { howMany?: boolean } = {},
): TimelineAnswer {
  const q = readQuestion(story, question, lang);
  // "How many" in the question's own words (config/questions.yml) with a casualty cue asks for a toll, as the English phrases do.
  const casualties = q.casualties || (asks.howMany === true && q.kinds.includes('casualties'));
  const reply = (entries: AnswerEntry[]): TimelineAnswer => ({
    known: entries.length > 0,
    entries,
    developments: entries.map((e) => developmentId(e.development.id)),
  });
  const plain = (list: Development[]): AnswerEntry[] => list.map((development) => ({ development, latest: false, toll: null }));
  if (timeline.length === 0) return reply([]);

  if (q.latest) {
    const latest = [...timeline].sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id).at(-1) as Development;
    return reply([{ development: latest, latest: true, toll: null }]);
  }
  if (q.days.length > 0) {
    const on = timeline.filter((d) =>
      q.days.some((x) => {
        const [y, m, day] = d.date.split('-').map(Number);
        return m === x.month && day === x.day && (x.year === null || x.year === y);
      }),
    );
    return reply(plain(on));
  }
  if (casualties) {
    const military = timeline.filter((d) => kindRule(story.taxonomy, d.kind).family === 'military' || d.kinds.includes('casualties'));
    return reply(casualtyEntries(story, military, items, lang));
  }
  // A kind that joins any family (a statement) names no development by itself: without a side, nothing to look up.
  const specific = q.kinds.some((k) => !kindRule(story.taxonomy, k).joinsAnyFamily) || q.sides.length > 0;
  if (q.kinds.length === 0 || !specific) return reply([]);
  return reply(plain(byKindAndActors(story.taxonomy, q, timeline)));
}
