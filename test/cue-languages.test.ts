import { describe, expect, it } from 'vitest';
import { matchItem } from '../src/pipeline/match/match-item.js';
import { devItem } from './helpers/corpus.js';
import { bundledStory } from './helpers/stories.js';

/**
 * Languages whose cue words live only in config/taxonomy/base.yml (issue 12: "a story in new
 * languages needs config only"): real dev items in Bengali, Telugu, Tamil, Malayalam, Marathi,
 * Ukrainian, Polish and Uzbek, which matched no event cue before those lines were added.
 */

const judge = (id: string) => {
  const l = devItem(id);
  return {
    line: l,
    match: matchItem(bundledStory('iran-pakistan-2024'), {
      title: l.title ?? '',
      text: l.summary,
      lang: l.lang,
      published: l.published === null ? null : new Date(l.published),
    }),
  };
};

describe('cue words in languages added by configuration only', () => {
  const cases: [string, string, RegExp][] = [
    ['ip-81676f8aa0', 'bn', /military strike/],
    ['ip-59ffeec3d7', 'te', /military strike/],
    ['ip-a8c7790096', 'ta', /military strike/],
    ['ip-41d05e6598', 'ml', /military strike/],
    ['ip-8353dde3c9', 'mr', /diplomatic protest/],
    ['ip-7e967d44fd', 'uk', /diplomatic protest/],
    ['ip-41136d9a7d', 'pl', /military strike|casualties/],
    ['ip-e6959c8d3e', 'uz', /military strike/],
  ];
  for (const [id, lang, kind] of cases) {
    it(`finds the development kind of a real ${lang} item (${id}) and matches it`, () => {
      const { line, match } = judge(id);
      expect(line.lang).toBe(lang);
      expect(line.label).toBe('in_cluster');
      const reasons = match.reasons.join(' · ');
      expect(reasons).not.toMatch(/no event cue/);
      expect(reasons).toMatch(kind);
      expect(match.matched, reasons).toBe(true);
    });
  }
});

describe('story names that must match whole words ("$")', () => {
  it('reads Hindi "पाक" as Pakistan in a headline (real dev item)', () => {
    const { match } = judge('ip-808e2749ee');
    expect(match.reasons.join(' · ')).toMatch(/Pakistan \(title: Pakistan/);
    expect(match.matched).toBe(true);
  });

  it('does not read a word that only begins with it ("पाकशास्त्र", cookery) as Pakistan', () => {
    const m = matchItem(bundledStory('iran-pakistan-2024'), { title: 'ईरान में पाकशास्त्र उत्सव', text: '', lang: 'hi', published: null });
    expect(m.reasons.join(' · ')).toMatch(/Pakistan \(absent\)/);
  });
});
