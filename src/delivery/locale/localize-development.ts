import type { StoryConfig } from '../../config/story-schema.js';
import type { Development } from '../../core/development.js';
import { primarySubtag } from '../../core/language-tag.js';
import type { KindRule } from '../../taxonomy/taxonomy.js';
import type { Locale } from './locale.js';

/**
 * A side's name in a language: the story's own `labels` for it, else — for a side that is one
 * country — ICU's name of that country (Intl.DisplayNames), else the side's label.
 */
export function sideName(story: StoryConfig, sideId: string, lang: string): string {
  const side = story.sides.find((s) => s.id === sideId);
  if (!side) return sideId;
  const own = side.labels?.[lang];
  if (own) return own;
  if (lang === 'en') return side.label;
  const countries = story.entities.filter((e) => e.side === sideId && e.kind === 'country').flatMap((e) => e.countries ?? []);
  if (countries.length === 1) {
    const name = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' }).of(countries[0] as string);
    if (name) return name;
  }
  return side.label;
}

/** A kind's label in a language: the taxonomy's `labels` for it, else its English label. */
export function kindName(rule: KindRule, lang: string): string {
  return rule.labels?.[lang] ?? rule.label;
}

/** The one-line label of a development in a language: "frappe militaire: Kenya → Somalie", "désescalade: Kenya et Somalie". */
export function developmentTitle(rule: KindRule, kind: string, actors: string[], locale: Locale): string {
  return actors.length === 0 ? kind : `${kind}: ${rule.directed ? actors.join(' → ') : locale.list(actors)}`;
}

/** A quote for a development: the sentence as published, its language, and that language named when it is not the channel's. */
export interface Quote {
  text: string;
  lang: string;
  /** "(vietnamien)" when the sentence is in another language than the channel's, else null. */
  languageNote: string | null;
}

/**
 * The sentence an alert quotes for a development in a channel's language: its summary when that is
 * in the language, else the first counting source's sentence in the language, else the summary
 * with its language named in the channel's language ("(vietnamien)"). Nothing is translated.
 */
export function quoteFor(d: Development, locale: Locale): Quote {
  if (primarySubtag(d.summaryLang) === locale.lang) return { text: d.summary, lang: d.summaryLang, languageNote: null };
  const same = d.quotes?.find((q) => primarySubtag(q.lang) === locale.lang);
  if (same) return { text: same.text, lang: same.lang, languageNote: null };
  return { text: d.summary, lang: d.summaryLang, languageNote: locale.t('quotedIn', { language: locale.languageName(d.summaryLang) }) };
}
