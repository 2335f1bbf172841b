import { describe, expect, it } from 'vitest';
import { foldText } from '../src/core/text/fold.js';
import { searchTokens } from '../src/core/text/search-tokens.js';
import { json } from '../src/store/sql/schema.js';
import { labeledRecords } from './helpers/corpus.js';
import { seededRandom } from './helpers/seeded-random.js';

const WORDS = new Intl.Segmenter('und', { granularity: 'word' });

/** searchTokens as it was before its ASCII fast path: every text through Intl.Segmenter. */
function segmentedTokens(text: string): string[] {
  const out: string[] = [];
  for (const { segment, isWordLike } of WORDS.segment(foldText(text))) {
    if (!isWordLike) continue;
    for (const token of segment.split(/[^\p{L}\p{M}\p{N}]+/u)) if (token !== '') out.push(token);
  }
  return out;
}

/** Deterministic ASCII strings dense in what word breaking treats specially: apostrophes, dots, colons, underscores, digits. */
function asciiTexts(count: number): string[] {
  const { pick } = seededRandom(5);
  const parts = ['can', "'", 't', '3', '.', '14', ':', '_', 'e', 'g', ' ', '  ', ',', '-', '"', 'A', 'Z9', '@', '#', '\t', '\n', '$', '%', '/', '&'];
  return Array.from({ length: count }, () => Array.from({ length: 24 }, () => pick(parts)).join(''));
}

describe('store fast paths', () => {
  it('searchTokens gives the tokens Intl.Segmenter gives, on the labeled sets and on punctuation-dense ASCII', () => {
    const texts = [
      ...labeledRecords().flatMap((r) => ['title', 'summary', 'content'].map((f) => r[f]).filter((v): v is string => typeof v === 'string')),
      ...asciiTexts(3000),
    ];
    for (const text of texts) expect(searchTokens(text), text).toEqual(segmentedTokens(text));
  });

  it('json drops U+0000 from strings only, and writes the rest as JSON.stringify does', () => {
    expect(json({ a: 'x\u0000y', b: ['\u0000'] })).toBe('{"a":"xy","b":[""]}');
    expect(json({ a: 'back\\u0000slash' })).toBe(JSON.stringify({ a: 'back\\u0000slash' }));
    expect(json({ at: new Date(0), n: [1, 2] })).toBe('{"at":"1970-01-01T00:00:00.000Z","n":[1,2]}');
  });
});
