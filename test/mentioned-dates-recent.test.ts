import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { segmentItem } from '../src/core/text/segments.js';
import { splitClauses } from '../src/pipeline/detect/background.js';
import { mentionedDates, readDates } from '../src/pipeline/dates/mentioned-dates.js';

interface Line {
  lang: string;
  title: string | null;
  summary: string | null;
  published: string | null;
}

const CORPORA = ['iran-pakistan-2024', 'nagorno-karabakh-2023'];
const lines = CORPORA.flatMap((id) =>
  readFileSync(`test/fixtures/corpus/${id}.jsonl`, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Line),
);

describe('mentionedDates keeps the last texts it read', () => {
  it('gives what a fresh read gives, the first time and again, for every sentence and clause of both corpora, with and without a reference', () => {
    let texts = 0;
    for (const line of lines) {
      const published = line.published === null ? null : new Date(line.published);
      for (const segment of segmentItem(line.title ?? '', line.summary ?? '')) {
        for (const text of [segment.text, ...splitClauses(segment.text, line.lang).map((c) => c.text)]) {
          for (const reference of [published, null]) {
            const fresh = readDates(text, line.lang, reference);
            expect(mentionedDates(text, line.lang, reference)).toEqual(fresh);
            expect(mentionedDates(text, line.lang, reference)).toEqual(fresh);
            texts += 1;
          }
        }
      }
    }
    expect(texts).toBeGreaterThan(5_000);
  });

  it('tells a text apart by its language and its reference', () => {
    const text = 'Officials met yesterday, on Tuesday 16/1.';
    for (const [lang, reference] of [
      ['en', new Date('2024-01-19T12:00:00Z')],
      ['en', new Date('2024-02-02T12:00:00Z')],
      ['en', null],
      ['vi', new Date('2024-01-19T12:00:00Z')],
      ['tr', new Date('2024-01-19T12:00:00Z')],
    ] as const) {
      expect(mentionedDates(text, lang, reference)).toEqual(readDates(text, lang, reference));
    }
  });

  it('hands out copies: a caller changing a mention changes nothing the next caller reads', () => {
    const reference = new Date('2024-01-19T12:00:00Z');
    const first = mentionedDates('Iran struck on Tuesday, January 16.', 'en', reference);
    first[0]!.date = 'changed';
    first.pop();
    expect(mentionedDates('Iran struck on Tuesday, January 16.', 'en', reference)).toEqual(readDates('Iran struck on Tuesday, January 16.', 'en', reference));
  });
});
