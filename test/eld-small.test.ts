import { eld } from 'eld/small';
import { describe, expect, it } from 'vitest';
import { newSmallDetector } from '../src/pipeline/normalize/eld-small.js';
import { buildFeed } from '../bench/feed.js';
import { labeledRecords } from './helpers/corpus.js';

/** Titles and the start of every body of the labeled sets, in every language they hold. */
function samples(): string[] {
  return labeledRecords().map((record) => {
    const title = typeof record['title'] === 'string' ? record['title'] : '';
    const body = typeof record['content'] === 'string' ? record['content'] : typeof record['summary'] === 'string' ? record['summary'] : '';
    return `${title}\n${body.slice(0, 300)}`;
  });
}

describe('eld small database read as data', () => {
  it('detects exactly as eld/small, scores included, on the labeled sets and the bench feed', async () => {
    const ours = newSmallDetector();
    const bench = [
      ...buildFeed(300)
        .toString('utf8')
        .matchAll(/<title>([^<]*)<\/title>/g),
    ].map((m) => m[1] ?? '');
    const texts = [...samples(), ...bench, 'قالت السلطات إن فرق الإنقاذ', 'Спасатели продолжают', 'नई दिल्ली में बारिश', ''];
    expect(texts.length).toBeGreaterThan(500);
    const languages = new Set<string>();
    for (const text of texts) {
      const expected = eld.detect(text);
      const actual = ours.detect(text) as typeof expected;
      expect({ text, language: actual.language, scores: actual.getScores() }).toEqual({ text, language: expected.language, scores: expected.getScores() });
      languages.add(actual.language);
    }
    expect(languages.size).toBeGreaterThan(5);
  });

  it('keeps a language subset per detector, as eld/small instances do', () => {
    const ours = newSmallDetector();
    ours.setLanguageSubset(['ar', 'fa', 'ur']);
    const theirs = eld.newInstance();
    theirs.setLanguageSubset(['ar', 'fa', 'ur']);
    for (const text of ['بانک مرکزی روز چهارشنبه نرخ بهره را بدون تغییر نگه داشت', 'أعلن البنك المركزي الإبقاء على سعر الفائدة', 'hello world']) {
      expect(ours.detect(text).language).toBe(theirs.detect(text).language);
    }
    expect(newSmallDetector().detect('The central bank kept its benchmark rate unchanged').language).toBe('en');
  });
});
