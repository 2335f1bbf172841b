import { questionWords, type QuestionWords } from '../config/question-words.js';
import type { CompiledStory } from '../pipeline/match/compile-story.js';
import type { Store } from '../store/ports.js';
import { answerQuestion, type AnswerEntry } from './ask.js';
import { answerFromSources, type Citation } from './ask-sources.js';

/**
 * An answer to a question about a story: the developments of its timeline that answer it, and the
 * sentences of its sources cited. No words of any language: delivery/answer-lines.ts writes them in
 * the asker's.
 */
export interface StoryAnswer {
  known: boolean;
  entries: AnswerEntry[];
  /** Developments the timeline part rests on (D-ids). */
  developments: string[];
  citations: Citation[];
  /** The language the question was read in (by its question words; the asker's on a tie). */
  lang: string;
}

/** The language of a locale ("zh-CN" → "zh", "pt-BR" → "pt"); English when none is known. */
export function primaryLanguage(locale: string | undefined): string {
  const lang = /^([a-z]{2,3})(?:[-_]|$)/iu.exec(locale ?? '')?.[1];
  return lang ? lang.toLowerCase() : 'en';
}

/** The languages whose country names a question may use: the story's and those of the question words. */
export function questionLanguages(story: CompiledStory, words: QuestionWords): string[] {
  return [...new Set([...(story.config.languages ?? []), ...Object.keys(words.languages)])];
}

/**
 * Answers a question about a story for `/ask` and `storywatch ask`: the timeline's answer (dates,
 * "latest", tolls) when it has one, then the best sentences of the sources with where they come
 * from, the asker's language (`lang`) first among equals. "I don't know" only when neither the
 * timeline nor any stored sentence answers.
 */
export async function askStory(
  store: Store,
  story: CompiledStory,
  question: string,
  lang = 'en',
  words: QuestionWords = questionWords(),
): Promise<StoryAnswer> {
  const timeline = await store.listDevelopments(story.config.id);
  const items = await store.getItems(timeline.flatMap((d) => d.sources));
  const fromSources = await answerFromSources(store, story, words, question, lang, questionLanguages(story, words));
  // The timeline knows dates, kinds and tolls, not who said or did what: those questions go to the sources alone.
  const aspects = fromSources.question.aspects;
  const timelineFits = !aspects.has('who') && !aspects.has('said') && !aspects.has('where');
  const fromTimeline = timelineFits
    ? answerQuestion(story, question, timeline, items, fromSources.question.lang, { howMany: aspects.has('how_many') })
    : { known: false, entries: [], developments: [] };
  return {
    known: fromTimeline.known || fromSources.known,
    entries: fromTimeline.entries,
    developments: fromTimeline.developments,
    citations: fromSources.citations,
    lang: fromSources.question.lang,
  };
}
