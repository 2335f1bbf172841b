import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogLanguages, catalogOf, readCatalog } from '../src/delivery/locale/catalog.js';
import { localeFor, supportedLanguage } from '../src/delivery/locale/locale.js';
import { baseTaxonomy } from '../src/taxonomy/base-taxonomy.js';

const REQUIRED = ['en', 'fr', 'es', 'de', 'ru', 'tr', 'ar', 'fa', 'ur', 'hi', 'zh', 'vi', 'id'];

describe('message catalogs (config/locale/)', () => {
  it('has a catalog for every language the brief names', () => {
    expect(catalogLanguages()).toEqual(expect.arrayContaining(REQUIRED));
  });

  it("gives every plural phrase a form for each plural category ICU uses for the language's counts", () => {
    const missing = catalogLanguages().flatMap((lang) => {
      const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
      return Object.entries(catalogOf(lang).plurals).flatMap(([key, forms]) => categories.filter((c) => !(c in forms)).map((c) => `${lang}.${key}.${c}`));
    });
    expect(missing).toEqual([]);
  });

  it('picks the plural form by ICU rules and writes numbers the way the language does', () => {
    expect([1, 3, 5, 21].map((n) => localeFor('ru').count('sourceCount', n))).toEqual(['1 источник', '3 источника', '5 источников', '21 источник']);
    expect([0, 1, 2, 3, 11, 100].map((n) => localeFor('ar').count('sourceCount', n))).toEqual([
      'لا مصادر',
      'مصدر واحد',
      'مصدران',
      `${new Intl.NumberFormat('ar').format(3)} مصادر`,
      `${new Intl.NumberFormat('ar').format(11)} مصدرًا`,
      `${new Intl.NumberFormat('ar').format(100)} مصدر`,
    ]);
    expect(localeFor('fa').count('sourceCount', 3)).toBe('۳ منبع');
    expect(localeFor('en').count('sourceCount', 1)).toBe('1 source');
  });

  it('writes dates and language names with ICU, ISO dates and codes in English', () => {
    expect(localeFor('fr').date('2024-01-16')).toBe('16 janv. 2024');
    expect(localeFor('de').date('2024-01-16')).toBe('16.01.2024');
    expect(localeFor('zh').date('2024-01-16')).toBe('2024年1月16日');
    expect(localeFor('en').date('2024-01-16')).toBe('2024-01-16');
    expect(localeFor('fr').languages(['vi', 'ar'])).toBe('vietnamien et arabe');
    expect(localeFor('ur').languageName('vi')).toBe(new Intl.DisplayNames(['ur'], { type: 'language' }).of('vi'));
    expect(localeFor('en').languages(['vi', 'ar'])).toBe('vi, ar');
  });

  it('maps platform locales to catalog languages, and anything else to English', () => {
    expect(['fr', 'es-ES', 'zh-CN', 'pt-BR', 'EN-us', '', null].map(supportedLanguage)).toEqual(['fr', 'es', 'zh', null, 'en', null, null]);
    expect(localeFor('pt-BR').lang).toBe('en');
  });

  it('names the file and the field of a catalog that cannot be used', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'storywatch-locale-'));
    const file = path.join(dir, 'xx.yml');
    writeFileSync(file, 'dates: iso\nlanguages: codes\nwords: {}\nplurals: {}\n');
    try {
      expect(() => readCatalog(file)).toThrow(/LOCALE_INVALID: .*xx\.yml.*words\.newDevelopment/su);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('labels every base kind in every catalog language (config/taxonomy/base.yml)', () => {
    const missing = [...baseTaxonomy().values()].flatMap((k) =>
      catalogLanguages()
        .filter((l) => l !== 'en' && !k.labels?.[l])
        .map((l) => `${k.id}.${l}`),
    );
    expect(missing).toEqual([]);
  });
});
