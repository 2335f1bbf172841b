import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import countries from 'i18n-iso-countries';

const require = createRequire(import.meta.url);

/** Languages whose ICU region names are added to the package's (ICU has short forms it lacks). */
const ICU_LANGUAGES = [
  'en', 'ar', 'fa', 'ur', 'zh', 'zh-Hant', 'ja', 'ko', 'vi', 'ru', 'uk', 'tr', 'az', 'fr', 'es', 'de', 'it', 'pt', 'nl',
  'pl', 'cs', 'ro', 'hu', 'sv', 'da', 'nb', 'fi', 'el', 'bg', 'sr', 'hr', 'he', 'hi', 'bn', 'pa', 'ta', 'te', 'mr',
  'id', 'ms', 'th', 'hy', 'ka', 'kk', 'uz', 'ps', 'ku', 'sw', 'am',
];

let registered = false;

/** Registers every locale i18n-iso-countries ships (about 80), once. */
function registerLocales(): void {
  if (registered) return;
  const dir = path.join(path.dirname(require.resolve('i18n-iso-countries/package.json')), 'langs');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    countries.registerLocale(require(path.join(dir, file)) as countries.LocaleData);
  }
  registered = true;
}

/**
 * Names of a country (ISO 3166-1 alpha-2) in many languages: every name and alias from
 * i18n-iso-countries (MIT), merged with the short names of Node's ICU (`Intl.DisplayNames`).
 */
export function countryNames(code: string): string[] {
  registerLocales();
  const names = new Set<string>();
  for (const lang of countries.langs()) {
    const found = countries.getName(code, lang, { select: 'all' }) ?? [];
    for (const name of found) names.add(name);
  }
  for (const lang of ICU_LANGUAGES) {
    const name = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' }).of(code);
    if (name !== undefined) names.add(name);
  }
  return [...names];
}
