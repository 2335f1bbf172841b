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

  it('does not end a sentence at an ordinal day or number (real corpus leads)', () => {
    // German and Croatian write days as ordinals; ICU's day-and-month format says so.
    expect(sentences('Am 22. April traf der iranische Präsident in Islamabad ein. Er blieb drei Tage.')).toEqual([
      'Am 22. April traf der iranische Präsident in Islamabad ein.',
      'Er blieb drei Tage.',
    ]);
    expect(sentences('Die Botschafter sollen jeweils bis zum 26. Januar zurückkehren, hieß es am Montag.')).toHaveLength(1);
    // A number with a dot before a word in lower case is an ordinal ("10th day"): no sentence starts so.
    expect(sentences('ABD-İsrail ile İran arasında süregelen çatışmalar 10. gününe girdi.')).toHaveLength(1);
    // English writes no ordinal dot: a date then a capitalised word is a sentence end.
    expect(sentences('BAKU, Azerbaijan, October 15. The main reason we are here today is the people.')).toEqual([
      'BAKU, Azerbaijan, October 15.',
      'The main reason we are here today is the people.',
    ]);
  });
});
