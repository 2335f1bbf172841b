import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import countries from 'i18n-iso-countries';
import { foldText } from '../../core/text/fold.js';

const require = createRequire(import.meta.url);

/** Languages whose ICU region names are added to the package's (ICU has short forms it lacks). */
const ICU_LANGUAGES = [
  'en', 'ar', 'fa', 'ur', 'zh', 'zh-Hant', 'ja', 'ko', 'vi', 'ru', 'uk', 'tr', 'az', 'fr', 'es', 'de', 'it', 'pt', 'nl',
  'pl', 'cs', 'ro', 'hu', 'sv', 'da', 'nb', 'fi', 'el', 'bg', 'sr', 'hr', 'he', 'hi', 'bn', 'pa', 'ta', 'te', 'mr',
  'id', 'ms', 'th', 'hy', 'ka', 'kk', 'uz', 'ps', 'ku', 'sw', 'am',
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
  const byCountry = namesByCountry();
  const others = [...byCountry].filter(([other]) => other !== code).flatMap(([, names]) => names.map(foldText));
  return (byCountry.get(code) ?? []).map((name) => {
    const folded = foldText(name);
    return { name, whole: others.some((other) => other !== folded && other.startsWith(folded)) };
  });
}
