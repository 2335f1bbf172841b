import { primarySubtag } from '../../core/language-tag.js';
import { catalogLanguages, catalogOf, type PageKey } from '../../delivery/locale/catalog.js';

/** The words of the web pages in one language (config/locale/<lang>.yml `page:`); counts and dates come from ICU. */
export type PageStrings = Readonly<Record<PageKey, string>>;

/** Languages written right to left: the page's `dir`. */
export const RTL_LANGUAGES: ReadonlySet<string> = new Set(['ar', 'fa', 'ur', 'he', 'ps', 'sd', 'ug', 'yi', 'dv']);

/** The pages' words in `lang` (one the catalog has). */
export function pageStrings(lang: string): PageStrings {
  return catalogOf(lang).page;
}

/**
 * The page language for a request: `?hl=` when the catalog has it, else the first language of
 * Accept-Language (by q-value, region dropped: `fr-CA` → `fr`) the catalog has, else English.
 */
export function pageLanguage(acceptLanguage: string | undefined, requested: string | null): string {
  const known = new Set(catalogLanguages());
  if (requested && known.has(requested)) return requested;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? '1',
      );
      return { lang: primarySubtag(tag), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((r) => r.lang && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.find((r) => known.has(r.lang))?.lang ?? 'en';
}
