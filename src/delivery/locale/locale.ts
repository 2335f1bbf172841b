import { primarySubtag } from '../../core/language-tag.js';
import { catalogLanguages, catalogOf, type Catalog, type PluralKey, type WordKey } from './catalog.js';

/** The language used when a channel's has no catalog. */
export const DEFAULT_LANGUAGE = 'en';

/**
 * The catalog language for a platform or user locale: its primary subtag when a catalog has it
 * (`fr-CA` → `fr`, `zh-CN` → `zh`), else null.
 */
export function supportedLanguage(locale: string | null | undefined): string | null {
  const primary = primarySubtag(locale);
  return primary && catalogLanguages().includes(primary) ? primary : null;
}

/** How messages are written in one language: the catalog's words, and ICU's dates, numbers, plurals and language names. */
export interface Locale {
  /** The catalog language (`en`, `fr`, `ar`…). */
  lang: string;
  /** A word of the catalog with its placeholders filled (`{story}` → vars.story; numbers written the language's way). */
  t(key: WordKey, vars?: Record<string, string | number>): string;
  /** A phrase with a count, in the plural form Intl.PluralRules picks for it (other placeholders from `vars`). */
  count(key: PluralKey, n: number, vars?: Record<string, string | number>): string;
  /** A development's day (YYYY-MM-DD) as the catalog writes dates: ISO, or ICU's medium date in the language. */
  date(day: string): string;
  /** An instant as the catalog writes dates: ISO to the second, or ICU's medium date and short time, in UTC. */
  time(at: Date): string;
  /** A language's name in this language (Intl.DisplayNames), or its code when ICU has none. */
  languageName(code: string): string;
  /** Languages as the catalog lists them: codes comma separated, or names (Intl.DisplayNames) as a list. */
  languages(codes: readonly string[]): string;
  /** Names as a list in the language (Intl.ListFormat): "Kenya et Somalie", "كينيا والصومال". */
  list(items: readonly string[]): string;
}

function fill(text: string, vars: Record<string, string | number>, numbers: Intl.NumberFormat): string {
  return text.replace(/\{(\w+)\}/gu, (whole, name: string) => {
    const value = vars[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? numbers.format(value) : value;
  });
}

function build(lang: string, catalog: Catalog): Locale {
  const numbers = new Intl.NumberFormat(lang);
  const rules = new Intl.PluralRules(lang);
  const dates = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' });
  const times = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  const names = new Intl.DisplayNames([lang], { type: 'language', fallback: 'code' });
  const list = new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' });
  const named = new Map<string, string>();
  const languageName = (code: string): string => {
    let name = named.get(code);
    if (name === undefined) {
      try {
        name = names.of(code) ?? code;
      } catch {
        name = code;
      }
      named.set(code, name);
    }
    return name;
  };
  return {
    lang,
    t: (key, vars = {}) => fill(catalog.words[key], vars, numbers),
    count: (key, n, vars = {}) => {
      const forms = catalog.plurals[key];
      const form = (n === 0 ? forms.zero : undefined) ?? forms[rules.select(n)] ?? forms.other;
      return fill(form, { ...vars, count: n }, numbers);
    },
    date: (day) => {
      if (catalog.dates === 'iso' || !/^\d{4}-\d{2}-\d{2}$/u.test(day)) return day;
      return dates.format(new Date(`${day}T00:00:00Z`));
    },
    time: (at) => (catalog.dates === 'iso' ? at.toISOString().replace(/\.\d{3}Z$/u, 'Z') : `${times.format(at)} UTC`),
    languageName,
    languages: (codes) => (catalog.languages === 'codes' ? codes.join(', ') : list.format(codes.map(languageName))),
    list: (items) => list.format(items),
  };
}

const built = new Map<string, Locale>();

/** The locale of a language (`supportedLanguage` of it), English when it has no catalog. Built once per language. */
export function localeFor(language?: string | null): Locale {
  const lang = supportedLanguage(language) ?? DEFAULT_LANGUAGE;
  let locale = built.get(lang);
  if (!locale) {
    locale = build(lang, catalogOf(lang));
    built.set(lang, locale);
  }
  return locale;
}
