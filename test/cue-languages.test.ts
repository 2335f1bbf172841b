import { describe, expect, it } from 'vitest';
import { matchItem } from '../src/pipeline/match/match-item.js';
import { readSignals } from '../src/pipeline/match/read-signals.js';
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

describe('cue words of the European and Thai lines, on real dev items', () => {
  const cases: [string, string, string, RegExp][] = [
    ['ip-5d3121c623', 'nl', 'iran-pakistan-2024', /military strike/],
    ['ip-ea7c73d1b5', 'hr', 'iran-pakistan-2024', /military strike/],
    ['ip-e542d77c9f', 'sr', 'iran-pakistan-2024', /diplomatic protest/],
    ['ip-64e4426ef5', 'ca', 'iran-pakistan-2024', /military strike/],
    ['ip-6e671be84d', 'el', 'iran-pakistan-2024', /military strike/],
    ['ip-871bdbba1c', 'th', 'iran-pakistan-2024', /military strike/],
    ['nk-eb62b0b478', 'nl', 'nagorno-karabakh-2023', /de-escalation/],
    ['nk-e3643777be', 'hu', 'nagorno-karabakh-2023', /casualties/],
    ['nk-a570cc1eb0', 'bg', 'nagorno-karabakh-2023', /military strike/],
  ];
  for (const [id, lang, story, kind] of cases) {
    it(`reads the kind of a real ${lang} item (${id}) in its own cue words`, () => {
      const l = devItem(id, story);
      expect(l.lang).toBe(lang);
      expect(l.label).toBe('in_cluster');
      const m = matchItem(bundledStory(story), { title: l.title ?? '', text: l.summary, lang, published: l.published === null ? null : new Date(l.published) });
      const reasons = m.reasons.join(' · ');
      expect(reasons).not.toMatch(/no cue words|no event cue/);
      expect(reasons).toMatch(kind);
      expect(m.matched, reasons).toBe(true);
    });
  }

  it('does not read words that only begin like a cue (el "σύμφωνα", bg "срещу", cs "předvolební", fi "jännittävä")', () => {
    const story = bundledStory('iran-pakistan-2024');
    for (const [lang, word] of [
      ['el', 'σύμφωνα'],
      ['bg', 'срещу'],
      ['cs', 'předvolební'],
      ['fi', 'jännittävä'],
    ] as const) {
      expect(readSignals(story, word, lang).kinds, `${lang} ${word}`).toEqual([]);
    }
  });
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
