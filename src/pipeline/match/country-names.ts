import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import countries from 'i18n-iso-countries';
import { foldText } from '../../core/text/fold.js';

const require = createRequire(import.meta.url);

/** Languages whose ICU region names are added to the package's (ICU has short forms it lacks). */
const ICU_LANGUAGES = [
  'en',
  'ar',
  'fa',
  'ur',
  'zh',
  'zh-Hant',
  'ja',
  'ko',
  'vi',
  'ru',
  'uk',
  'tr',
  'az',
  'fr',
  'es',
  'de',
  'it',
  'pt',
  'nl',
  'pl',
  'cs',
  'ro',
  'hu',
  'sv',
  'da',
  'nb',
  'fi',
  'el',
  'bg',
  'sr',
  'hr',
  'he',
  'hi',
  'bn',
  'pa',
  'ta',
  'te',
  'mr',
  'id',
  'ms',
  'th',
  'hy',
  'ka',
  'kk',
  'uz',
  'ps',
  'ku',
  'sw',
  'am',
];

let allNames: Map<string, string[]> | null = null;

/** Every country's names in every language the package and ICU know, folded names included, built once. */
function namesByCountry(): Map<string, string[]> {
  if (allNames) return allNames;
  const dir = path.join(path.dirname(require.resolve('i18n-iso-countries/package.json')), 'langs');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    countries.registerLocale(require(path.join(dir, file)) as countries.LocaleData);
  }
  const icu = ICU_LANGUAGES.map((lang) => new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' }));
  allNames = new Map();
  for (const code of Object.keys(countries.getAlpha2Codes())) {
    const names = new Set<string>();
    for (const lang of countries.langs()) for (const name of countries.getName(code, lang, { select: 'all' }) ?? []) names.add(name);
    for (const display of icu) {
      const name = display.of(code);
      if (name !== undefined) names.add(name);
    }
    allNames.set(code, [...names]);
  }
  return allNames;
}

/** A country name, and whether it must match as a whole word. */
export interface CountryName {
  name: string;
  whole: boolean;
}

/**
 * Names of a country (ISO 3166-1 alpha-2) in many languages: every name and alias from
 * i18n-iso-countries (MIT), merged with the short names of Node's ICU (`Intl.DisplayNames`).
 * Names match at word starts with inflections, but a name that, folded, begins another country's
 * name must match whole: Portuguese "Irã" folds to "ira", which begins "Iraque".
 */
export function countryNames(code: string): CountryName[] {
  const cached = namesOf.get(code);
  if (cached) return cached;
  const index = foldedIndex();
  const names = (namesByCountry().get(code) ?? []).map((name) => {
    const own = foldText(name);
    // Folded names sort by code unit, so those that begin with `own` follow it in one run.
    let whole = false;
    for (let i = lowerBound(index, own); i < index.length && index[i]![0].startsWith(own) && !whole; i += 1) {
      whole = index[i]![1] !== code && index[i]![0] !== own;
    }
    return { name, whole };
  });
  namesOf.set(code, names);
  return names;
}

/** countryNames by code, computed once: every story naming a country asks for it again. */
const namesOf = new Map<string, CountryName[]>();
let sortedFolded: [folded: string, code: string][] | null = null;

/** Every country's names folded, with the country's code, sorted by folded name; built once. */
function foldedIndex(): [string, string][] {
  sortedFolded ??= [...namesByCountry()]
    .flatMap(([code, names]) => names.map((name): [string, string] => [foldText(name), code]))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return sortedFolded;
}

/** The first position in `index` whose name is not below `key`. */
function lowerBound(index: [string, string][], key: string): number {
  let [lo, hi] = [0, index.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (index[mid]![0] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
