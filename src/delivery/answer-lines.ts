import type { StoryConfig } from '../config/story-schema.js';
import { storyTitleIn } from '../config/story-title.js';
import type { StoredSentence } from '../core/sentence.js';
import type { AnswerEntry } from '../queries/ask.js';
import type { StoryAnswer } from '../queries/ask-story.js';
import { developmentId } from '../queries/timeline.js';
import { developmentNames } from './build-message.js';
import type { Locale } from './locale/locale.js';
import { quoteFor } from './locale/localize-development.js';

/** A cited sentence with its source: outlet, day (or "undated"), language and link, in the locale's words. */
function citationLine(s: StoredSentence, locale: Locale): string {
  const day = s.published ? locale.date(s.published.toISOString().slice(0, 10)) : locale.t('askUndated');
  return `${locale.t('askQuote', { text: s.text })} — ${s.outlet}, ${day}, ${locale.languageName(s.lang)}${s.link ? ` <${s.link}>` : ''}`;
}

/**
 * The lines of an answer to `/ask` and `storywatch ask` in a locale: each development named (its
 * day, kind and actors, source count and the quote in that language when a source has one), a
 * death toll with the language it is quoted in, then the cited sentences of the sources and the
 * developments the answer rests on. "I don't know" only when nothing answers. Reads nothing: the
 * answer holds every development and sentence it names.
 */
export function answerLines(story: StoryConfig, answer: StoryAnswer, locale: Locale): string[] {
  if (!answer.known) return [locale.t('askDontKnow', { story: storyTitleIn(story, locale.lang) })];
  const entryLine = ({ development: d, latest, toll }: AnswerEntry): string => {
    const head = `${latest ? `${locale.t('latest')} ` : ''}${locale.date(d.date)} — ${developmentNames(story, d, locale).label}`;
    if (toll) return `${head} (${developmentId(d.id)}): ${locale.t('askQuote', { text: toll.text })} (${locale.languageName(toll.lang)})`;
    const sources = locale.count('sourcesIn', d.sources.length, { languages: locale.languages(d.languages) });
    const quote = quoteFor(d, locale);
    return `${head} (${developmentId(d.id)}; ${sources}): ${locale.t('askQuote', { text: quote.text })}${quote.languageNote ? ` ${quote.languageNote}` : ''}`;
  };
  const lines = answer.entries.map(entryLine);
  if (answer.citations.length > 0) lines.push(locale.t('askFromSources'), ...answer.citations.map((c) => citationLine(c.sentence, locale)));
  if (answer.developments.length > 0) lines.push(locale.t('askBasedOn', { ids: answer.developments.join(', ') }));
  return lines;
}
