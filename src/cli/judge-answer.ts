import type { CompiledStory } from '../pipeline/match/compile-story.js';
import { mentionedDates } from '../pipeline/dates/mentioned-dates.js';
import { readSignals } from '../pipeline/match/read-signals.js';
import type { StoryAnswer } from '../queries/ask-story.js';
import { kindRule } from '../taxonomy/taxonomy.js';
import type { Expectation } from './question-set.js';

/**
 * Whether an answer meets its expectation: "unknown" when it says it does not know; otherwise it
 * is known and one of its cited sentences holds one of the substrings (case-insensitive), or
 * carries the kind (or one of its family) and gives the day, as written or resolved against its item's date.
 */
export function judgeAnswer(story: CompiledStory, answer: StoryAnswer, expect: Expectation): boolean {
  if (expect === 'unknown') return !answer.known;
  if (!answer.known) return false;
  return answer.citations.some(({ sentence: s }) => {
    if ('sentence' in expect) return expect.sentence.some((part) => s.text.toLowerCase().includes(part.toLowerCase()));
    const family = kindRule(story.taxonomy, expect.kind).family;
    const kinds = readSignals(story, s.text, s.lang).kinds;
    if (!kinds.some((k) => k === expect.kind || kindRule(story.taxonomy, k).family === family)) return false;
    const [year, month, day] = expect.date.split('-').map(Number);
    return mentionedDates(s.text, s.lang, s.published).some(
      (m) => m.date === expect.date || (m.date === null && m.month === month && m.day === day && (m.year === null || m.year === year)),
    );
  });
}
