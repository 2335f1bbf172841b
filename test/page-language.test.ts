import { describe, expect, it } from 'vitest';
import { pageLanguage } from '../src/server/pages/page-strings.js';

describe('pageLanguage: the web pages speak the reader’s language', () => {
  it('takes ?hl= when the catalog has it, over Accept-Language', () => {
    expect(pageLanguage('fr-CA,fr;q=0.9', 'vi')).toBe('vi');
    expect(pageLanguage('fr-CA,fr;q=0.9', 'xx')).toBe('fr');
  });

  it('ranks Accept-Language by q-value, drops regions and skips languages without a catalog or with q=0', () => {
    expect(pageLanguage('ja-JP, ar;q=0.5, de;q=0.8', null)).toBe('de');
    expect(pageLanguage('de;q=0, zh-CN;q=0.7', null)).toBe('zh');
    expect(pageLanguage('FR-ca ;q=0.9, en;q=0.1', null)).toBe('fr');
  });

  it('falls back to English when nothing fits', () => {
    expect(pageLanguage(undefined, null)).toBe('en');
    expect(pageLanguage('ja, ko;q=0.5', null)).toBe('en');
  });
});
