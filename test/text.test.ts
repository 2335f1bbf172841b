import { describe, expect, it } from 'vitest';
import { asciiDigits } from '../src/core/text/digits.js';
import { oneLine, plural, truncate } from '../src/core/text/display.js';
import { sentences } from '../src/core/text/segments.js';

describe('core text utilities', () => {
  it('reads Persian and Arabic-Indic digits as ASCII and leaves other text alone', () => {
    expect(asciiDigits('۰۱۲۳۴۵۶۷۸۹ ٠١٢٣٤٥٦٧٨٩')).toBe('0123456789 0123456789');
    expect(asciiDigits('۲۶ دی ۱۴۰۲، 16/1')).toBe('26 دی 1402، 16/1');
    expect(asciiDigits('١٦ يناير')).toBe('16 يناير');
  });

  it('cuts display text on one line at a code-point boundary', () => {
    expect(oneLine(' a\n\n b\t c ')).toBe('a b c');
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('ab😀cd', 4)).toBe('ab…');
    expect(plural(1, 'source')).toBe('1 source');
    expect(plural(3, 'source')).toBe('3 sources');
  });

  it('splits sentences in many scripts', () => {
    expect(sentences('First one. Second one?\nThird؟ رابع')).toEqual(['First one.', 'Second one?', 'Third؟', 'رابع']);
    expect(sentences('第一句。第二句')).toEqual(['第一句。', '第二句']);
  });
});
