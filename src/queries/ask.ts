import type { Development } from '../core/development.js';
import type { EventKind } from '../core/event-kinds.js';
import type { StoredItem } from '../core/item.js';
import { mentionedDates } from '../pipeline/dates/mentioned-dates.js';
import { kindRule, type Taxonomy } from '../taxonomy/taxonomy.js';
import type { CompiledStory } from '../pipeline/match/compile-story.js';
import { readSignals } from '../pipeline/match/read-signals.js';
import { developmentId } from './timeline.js';
import { sentences } from '../core/text/segments.js';

/** An answer from the timeline: the text, and the developments and sources it rests on. */
export interface Answer {
  known: boolean;
  lines: string[];
  developments: string[];
}

/** What the question asks about, read with the story's own names and cue words. */
interface Question {
  latest: boolean;
  when: boolean;
  casualties: boolean;
  kinds: EventKind[];
  sides: string[];
  days: { month: number; day: number; year: number | null }[];
}

const LATEST = /\b(latest|newest|most recent|last development|what'?s new|what is new)\b/i;
const WHEN = /^\s*when\b/i;
const HOW_MANY_KILLED = /\bhow many\b.*\b(killed|dead|died|casualt|wounded|injured)|\b(death toll|casualties)\b/i;
const longDate = (day: string): string =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

function readQuestion(story: CompiledStory, text: string, lang: string): Question {
  const { kinds, sides } = readSignals(story, text, lang);
  const days = mentionedDates(text, lang, null)
    .filter((m) => m.month !== null && m.day !== null)
    .map((m) => ({ month: m.month as number, day: m.day as number, year: m.year }));
  return { latest: LATEST.test(text), when: WHEN.test(text), casualties: HOW_MANY_KILLED.test(text), kinds, sides, days };
}

function describe(d: Development): string {
  return `${longDate(d.date)} — ${d.label} (${developmentId(d.id)}; ${d.sources.length} source(s) in ${d.languages.join(', ')}): "${d.summary}"`;
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
function casualtySentence(story: CompiledStory, d: Development, item: StoredItem): string | null {
  const list = sentences(item.text);
  const isToll = (s: string): boolean => NUMBER.test(s) && readSignals(story, s, item.lang).kinds.includes('casualties');
  for (let i = 0; i < list.length; i += 1) {
    if (!mentionedDates(list[i] as string, item.lang, item.published).some((m) => m.date === d.date)) continue;
    const toll = list.slice(i, i + 3).find(isToll);
    if (toll) return toll;
  }
  return null;
}

/** Death tolls of developments from their sources, English sources first. */
function casualtyLines(story: CompiledStory, developments: Development[], items: StoredItem[]): string[] {
  const lines: string[] = [];
  for (const d of developments) {
    const sources = items.filter((i) => d.sources.includes(i.id)).sort((a, b) => Number(b.lang === 'en') - Number(a.lang === 'en'));
    for (const item of sources) {
      const toll = casualtySentence(story, d, item);
      if (toll) {
        lines.push(`${longDate(d.date)} — ${d.label} (${developmentId(d.id)}): "${toll}" (${item.lang}, item ${item.id})`);
        break;
      }
    }
  }
  return lines;
}

/**
 * Answers a question about a story from its stored timeline: "latest", "what happened on
 * January 18?", "when did X strike Y?", "how many were killed?", "what did the ministers agree?".
 * Names and kinds are read with the story's own names and cue words, so other languages work too;
 * with nothing to go on, the answer says it does not know.
 */
export function answerQuestion(story: CompiledStory, question: string, timeline: Development[], items: StoredItem[], lang = 'en'): Answer {
  const q = readQuestion(story, question, lang);
  const reply = (list: Development[], lines: string[]): Answer => ({
    known: list.length > 0 && lines.length > 0,
    lines,
    developments: list.map((d) => developmentId(d.id)),
  });
  const dontKnow = (why: string): Answer => ({ known: false, lines: [`I don't know: ${why}`], developments: [] });
  if (timeline.length === 0) return dontKnow('the timeline of this story is empty.');

  if (q.latest) {
    const latest = [...timeline].sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id).at(-1) as Development;
    return reply([latest], [`Latest: ${describe(latest)}`]);
  }
  if (q.days.length > 0) {
    const on = timeline.filter((d) =>
      q.days.some((x) => {
        const [y, m, day] = d.date.split('-').map(Number);
        return m === x.month && day === x.day && (x.year === null || x.year === y);
      }),
    );
    return on.length > 0 ? reply(on, on.map(describe)) : dontKnow(`no development is recorded on ${q.days.map((x) => `${x.day}/${x.month}`).join(', ')}.`);
  }
  if (q.casualties) {
    const military = timeline.filter((d) => kindRule(story.taxonomy, d.kind).family === 'military' || d.kinds.includes('casualties'));
    const lines = casualtyLines(story, military, items);
    return lines.length > 0 ? reply(military, lines) : dontKnow('no source of the timeline gives a death toll.');
  }
  // A kind that joins any family (a statement) names no development by itself: without a side, nothing to look up.
  const specific = q.kinds.some((k) => !kindRule(story.taxonomy, k).joinsAnyFamily) || q.sides.length > 0;
  if (q.kinds.length === 0 || !specific) return dontKnow(`the question names no kind of development of "${story.config.title}" that I can look up.`);
  const found = byKindAndActors(story.taxonomy, q, timeline);
  if (found.length === 0) return dontKnow(`no development matches ${[...q.kinds.map((k) => kindRule(story.taxonomy, k).label), ...q.sides].join(', ')}.`);
  return reply(
    found,
    found.map((d) => (q.when ? `On ${describe(d)}` : describe(d))),
  );
}
