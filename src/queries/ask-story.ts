import { questionWords, type QuestionWords } from '../config/question-words.js';
import type { StoredSentence } from '../core/sentence.js';
import type { CompiledStory } from '../pipeline/match/compile-story.js';
import type { Store } from '../store/ports.js';
import { answerQuestion } from './ask.js';
import { answerFromSources, type Citation } from './ask-sources.js';

/** An answer to a question about a story: from its timeline when it can, and from the sentences of its sources. */
export interface StoryAnswer {
  known: boolean;
  lines: string[];
  /** Developments the timeline part rests on (D-ids). */
  developments: string[];
  citations: Citation[];
}

/** A cited sentence with its source: outlet, day, language and link. */
export function citeSentence(s: StoredSentence): string {
  const day = s.published ? s.published.toISOString().slice(0, 10) : 'undated';
  return `“${s.text}” — ${s.outlet}, ${day}, ${s.lang}${s.link ? ` <${s.link}>` : ''}`;
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
    ? answerQuestion(story, question, timeline, items, fromSources.question.lang)
    : { known: false, lines: [], developments: [] };
  const cited = fromSources.citations.map((c) => citeSentence(c.sentence));
  if (!fromTimeline.known && !fromSources.known) {
    return { known: false, lines: [`I don't know: nothing stored about "${story.config.title}" answers this.`], developments: [], citations: [] };
  }
  const lines = [...(fromTimeline.known ? fromTimeline.lines : []), ...(cited.length > 0 ? ['From the sources:', ...cited] : [])];
  return { known: true, lines, developments: fromTimeline.known ? fromTimeline.developments : [], citations: fromSources.citations };
}
