import { eld } from 'eld/small';
import { describe, expect, it } from 'vitest';
import { newSmallDetector, type EldDetection } from '../src/pipeline/normalize/eld-small.js';
import { buildFeed } from '../bench/feed.js';
import { labeledRecords } from './helpers/corpus.js';
import { seededRandom } from './helpers/seeded-random.js';

type EldResult = ReturnType<typeof eld.detect>;
type LanguageResultClass = new (language: string, results: ArrayLike<number>, numNgrams: number, langCodes: unknown) => EldResult;
const ENTRY = import.meta.resolve('eld/small');
const { LanguageResult } = (await import(new URL('../LanguageResult.js', ENTRY).href)) as { LanguageResult: LanguageResultClass };
const LANGUAGE_CODES = (eld.info() as { Languages: Record<string, string> }).Languages;

/** Titles and the start of every body of the labeled sets, in every language they hold. */
function samples(): string[] {
  return labeledRecords().map((record) => {
    const title = typeof record['title'] === 'string' ? record['title'] : '';
    const body = typeof record['content'] === 'string' ? record['content'] : typeof record['summary'] === 'string' ? record['summary'] : '';
    return `${title}\n${body.slice(0, 300)}`;
  });
}

/** Generated texts: words of the samples shuffled and cut, with digits, punctuation, apostrophes, astral characters and long words. */
function generated(pool: readonly string[], count: number): string[] {
  const { next, pick } = seededRandom(35);
  const words = pool.flatMap((text) => text.split(/\s+/)).filter((w) => w !== '');
  const extras = ['', ' ', '—', "don't", 'l’État', '2024', '😀', '𠜎𠜱', 'a'.repeat(90), '\n', '...', 'İstanbul', 'ǅ', '\u200b'];
  return Array.from({ length: count }, () => {
    const length = Math.floor(next() * 120);
    return Array.from({ length }, () => (next() < 0.1 ? pick(extras) : pick(words))).join(next() < 0.5 ? ' ' : '');
  });
}

/** What eld reports for one of our detections: its language and eld's own scores computed from our raw scores. */
function asEld(result: EldDetection): { language: string; scores: Record<string, number> } {
  return { language: result.language, scores: new LanguageResult(result.language, result.scores, result.ngramCount, LANGUAGE_CODES).getScores() };
}

describe('eld small detector on typed arrays', () => {
  it('detects exactly as eld/small, scores included, on the labeled sets, the bench feed and generated texts', () => {
    const ours = newSmallDetector();
    const bench = [
      ...buildFeed(300)
        .toString('utf8')
        .matchAll(/<title>([^<]*)<\/title>/g),
    ].map((m) => m[1] ?? '');
    const base = [...samples(), ...bench, 'قالت السلطات إن فرق الإنقاذ', 'Спасатели продолжают', 'नई दिल्ली में बारिश', ''];
    const texts = [...base, ...generated(base, 5000)];
    expect(texts.length).toBeGreaterThan(5500);
    const languages = new Set<string>();
    for (const text of texts) {
      const expected = eld.detect(text);
      expect({ text, ...asEld(ours.detect(text)) }).toEqual({ text, language: expected.language, scores: expected.getScores() });
      languages.add(expected.language);
    }
    expect(languages.size).toBeGreaterThan(20);
  });

  it('keeps a language subset per detector, as eld/small instances do', () => {
    const base = [...samples(), 'بانک مرکزی روز چهارشنبه نرخ بهره را بدون تغییر نگه داشت', 'أعلن البنك المركزي الإبقاء على سعر الفائدة', 'hello world'];
    const texts = [...base, ...generated(base, 1000)];
    for (const subset of [
      ['ar', 'fa', 'ur'],
      ['ru', 'uk', 'bg', 'sr', 'be'],
      ['hi', 'mr'],
    ]) {
      const ours = newSmallDetector();
      ours.setLanguageSubset(subset);
      const theirs = eld.newInstance();
      theirs.setLanguageSubset(subset);
      for (const text of texts) {
        const expected = theirs.detect(text);
        expect({ text, ...asEld(ours.detect(text)) }).toEqual({ text, language: expected.language, scores: expected.getScores() });
      }
    }
    expect(newSmallDetector().detect('The central bank kept its benchmark rate unchanged').language).toBe('en');
  });
});
