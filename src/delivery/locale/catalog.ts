import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { describeIssues } from '../../config/describe-issues.js';
import { parseYaml } from '../../config/parse-yaml.js';
import { packageRoot } from '../../core/paths.js';

const WORD_KEYS = [
  'newDevelopment',
  'alertTitle',
  'alertFallback',
  'digestTitle',
  'date',
  'kind',
  'language',
  'sources',
  'source',
  'earlierInStory',
  'earlier',
  'more',
  'firstReport',
  'firstReported',
  'noSourceCounts',
  'disputed',
  'withdrawn',
  'withdrawnNote',
  'notThisStory',
  'wrongDate',
  'quiet',
  'quietInline',
  'quietNone',
  'noNew',
  'latest',
  'link',
  'sourceLink',
  'quotedIn',
  'noneInPeriod',
  'storyState',
  'stateActive',
  'stateQuiet',
  'stateWaiting',
  'feedsWatched',
  'feedsFailing',
  'itemsMatched',
  'developmentCount',
  'lastDevelopment',
  'lastFetch',
  'never',
  'askDontKnow',
  'askFromSources',
  'askUndated',
  'askQuote',
  'askBasedOn',
  'anotherSource',
  'correction',
  'correctionNote',
] as const;
/** The words of the web pages (src/server/pages/): counts are labelled with nouns ("Sources: 4"), so they need no plurals. */
const PAGE_KEYS = [
  'timeline',
  'developments',
  'sources',
  'inLanguages',
  'filter',
  'kind',
  'language',
  'from',
  'to',
  'all',
  'apply',
  'firstSeen',
  'none',
  'chart',
  'mark',
  'feeds',
] as const;
const PLURAL_KEYS = ['alsoReported', 'developments', 'sourceCount', 'languageCount', 'moreDevelopments', 'timelineTitle', 'sourcesIn'] as const;

/** A word or phrase of the catalog. */
export type WordKey = (typeof WORD_KEYS)[number];
/** A word of the web pages. */
export type PageKey = (typeof PAGE_KEYS)[number];
/** A phrase with a count, one form per plural category. */
export type PluralKey = (typeof PLURAL_KEYS)[number];

const phrase = z.string().trim().min(1);
/** Forms by Intl.PluralRules category; `other` is always there. */
const pluralForms = z.strictObject({
  zero: phrase.optional(),
  one: phrase.optional(),
  two: phrase.optional(),
  few: phrase.optional(),
  many: phrase.optional(),
  other: phrase,
});

/** One config/locale/<lang>.yml: every word and plural phrase, and how dates and languages are written. */
export const catalogSchema = z.strictObject({
  dates: z.enum(['iso', 'medium']),
  languages: z.enum(['codes', 'names']),
  words: z.strictObject(Object.fromEntries(WORD_KEYS.map((k) => [k, phrase])) as Record<WordKey, typeof phrase>),
  plurals: z.strictObject(Object.fromEntries(PLURAL_KEYS.map((k) => [k, pluralForms])) as Record<PluralKey, typeof pluralForms>),
  page: z.strictObject(Object.fromEntries(PAGE_KEYS.map((k) => [k, phrase])) as Record<PageKey, typeof phrase>),
});

/** A language's message catalog. */
export type Catalog = z.output<typeof catalogSchema>;

/** A catalog file that cannot be used (code LOCALE_INVALID), naming the file and field. */
export class CatalogError extends Error {
  readonly code = 'LOCALE_INVALID';
}

/** The folder of the shipped catalogs: config/locale/. */
export function catalogDir(): string {
  return path.join(packageRoot(), 'config', 'locale');
}

/** Reads and validates one catalog file. Throws CatalogError naming the file and field. */
export function readCatalog(file: string): Catalog {
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CatalogError(`LOCALE_INVALID: ${file}: cannot be read as YAML: ${(e as Error).message}`);
  }
  const parsed = catalogSchema.safeParse(doc);
  if (!parsed.success) throw new CatalogError(`LOCALE_INVALID: ${describeIssues(file, parsed.error)}`);
  return parsed.data;
}

let languages: readonly string[] | undefined;
const catalogs = new Map<string, Catalog>();

/** The languages with a catalog (the file names of config/locale/), sorted; read once. */
export function catalogLanguages(): readonly string[] {
  languages ??= existsSync(catalogDir())
    ? readdirSync(catalogDir())
        .filter((f) => /^[a-z]{2,3}\.yml$/u.test(f))
        .map((f) => f.slice(0, -4))
        .sort()
    : [];
  return languages;
}

/** The catalog of a language that has one (see `catalogLanguages`), read once. */
export function catalogOf(lang: string): Catalog {
  let catalog = catalogs.get(lang);
  if (!catalog) {
    catalog = readCatalog(path.join(catalogDir(), `${lang}.yml`));
    catalogs.set(lang, catalog);
  }
  return catalog;
}
