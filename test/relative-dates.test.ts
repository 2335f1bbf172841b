import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mentionedDates } from '../src/pipeline/dates/mentioned-dates.js';
import { matchItem } from '../src/pipeline/match/match-item.js';
import { bundledStory } from './helpers/stories.js';

/** Lead sentences of undated items, as published (from the dev split of the corpus, unless noted), with the relative phrase in them. */
const PHRASES: { lang: string; text: string; phrase: string }[] = [
  { lang: 'en', text: 'Iranian Envoy also likely to return Pakistan today', phrase: 'today' },
  { lang: 'en', text: 'Pakistan recalled its ambassador yesterday and said the envoy would return two days later.', phrase: 'two days later' },
  { lang: 'en', text: 'Talks between the foreign ministers are due tomorrow.', phrase: 'tomorrow' },
  { lang: 'ar', text: 'في الهجمات التي شنتها باكستان فجر اليوم.', phrase: 'اليوم' },
  { lang: 'ar', text: 'ويصل وزير الخارجية إلى إسلام آباد غداً', phrase: 'غدا' },
  { lang: 'id', text: 'Dua hari kemudian, Pakistan membalas dengan serangan ke wilayah Iran.', phrase: 'Dua hari kemudian' },
  { lang: 'ru', text: 'после ракетного удара, нанесенного вчера иранским Корпусом стражей исламской революции (КСИР)', phrase: 'вчера' },
  { lang: 'tr', text: 'İran takımı dün çeyrek finalde Japonya ile karşı karşıya gelmişti.', phrase: 'dün' },
  { lang: 'zh', text: '巴基斯坦昨天对伊朗境内目标发动了空袭。', phrase: '昨天' },
  { lang: 'fr', text: 'Le Pakistan a frappé hier des cibles en Iran.', phrase: 'hier' },
  { lang: 'es', text: 'Irán y Pakistán anunciaron ayer que sus embajadores volverían a trabajar', phrase: 'ayer' },
  { lang: 'de', text: 'Pakistan hat gestern Ziele im Iran angegriffen.', phrase: 'gestern' },
  { lang: 'fa', text: 'سخنگوی وزارت خارجه دیروز حمله را محکوم کرد.', phrase: 'دیروز' },
  { lang: 'it', text: 'meno di due giorni dopo che un attacco iraniano simile aveva infiammato le relazioni tra i due stati.', phrase: 'due giorni dopo' },
  { lang: 'ur', text: 'دفتر خارجہ کے مطابق آج صبح پاکستان نے ایران کے صوبہ سیستان میں دہشت گردوں کے مخصوص ٹھکانوں کو نشانہ بنایا۔', phrase: 'آج' },
  { lang: 'hi', text: 'पाकिस्तान ने कल ईरान पर हमला किया।', phrase: 'कल' },
];

describe('relative dates in undated text', () => {
  it('name no day at all without a reference, in ten languages and more', () => {
    expect(new Set(PHRASES.map((p) => p.lang)).size).toBeGreaterThanOrEqual(10);
    for (const { lang, text, phrase } of PHRASES) {
      const days = mentionedDates(text, lang, null).filter((m) => m.month !== null || m.day !== null || m.date !== null);
      expect(days, `${lang}: "${phrase}"`).toEqual([]);
    }
  });

  it('still resolve against a publication date', () => {
    const ref = new Date('2024-01-19T08:00:00Z');
    expect(mentionedDates('Pakistan recalled its ambassador yesterday.', 'en', ref).map((m) => m.date)).toEqual(['2024-01-18']);
    expect(mentionedDates('ضربات فجر اليوم', 'ar', ref).map((m) => m.date)).toEqual(['2024-01-19']);
    expect(mentionedDates('нанесенного вчера', 'ru', ref).map((m) => m.date)).toEqual(['2024-01-18']);
  });

  it('give no day for an offset in weeks or months, which names none (nk-9dc61c7cfa: "della scorsa settimana")', () => {
    const ref = new Date('2023-09-29T00:00:00Z');
    const lead = 'L’esodo è iniziato da alcuni giorni a seguito dell’offensiva militare azera della scorsa settimana.';
    expect(mentionedDates(lead, 'it', ref)).toEqual([]);
    for (const [lang, text] of [
      ['en', 'after strikes last week'],
      ['en', 'three weeks ago'],
      ['ru', 'на прошлой неделе'],
      ['fr', 'la semaine dernière'],
      ['de', 'letzte Woche'],
    ] as const) {
      expect(mentionedDates(text, lang, ref), `${lang} ${text}`).toEqual([]);
    }
  });

  it('keep days written out, with or without a year', () => {
    const [jan] = mentionedDates('the January 16 strikes', 'en', null);
    expect(jan).toMatchObject({ kind: 'explicit', month: 1, day: 16, year: null });
    const [fr] = mentionedDates('le 18 janvier 2024', 'fr', null);
    expect(fr).toMatchObject({ kind: 'explicit', month: 1, day: 18, year: 2024, date: '2024-01-18' });
  });
});

type CorpusLine = { id: string; lang: string; title: string | null; summary: string; published: string | null; split: string };
const devItem = (id: string): CorpusLine => {
  const lines = readFileSync('test/fixtures/corpus/iran-pakistan-2024.jsonl', 'utf8')
    .split('\n')
    .filter((l) => l.includes(`"${id}"`));
  const item = JSON.parse(lines[0] ?? 'null') as CorpusLine | null;
  if (!item || item.split !== 'dev') throw new Error(`${id}: not a dev item`);
  return item;
};

describe('the matcher on undated items with relative dates', () => {
  const story = () => bundledStory('iran-pakistan-2024');
  const run = (item: CorpusLine) => matchItem(story(), { title: item.title ?? '', text: item.summary, published: null, lang: item.lang });

  it('does not count a relative phrase as a date outside the window (real dev items: ar, ru, es, ur, it)', () => {
    for (const id of ['ip-45aaf05cd5', 'ip-73c6fc0739', 'ip-f7fe0a47af', 'ip-a20fc13375', 'ip-ca40692c02']) {
      const item = devItem(id);
      expect(item.published).toBeNull();
      const m = run(item);
      expect(m.reasons, id).toContain('undated');
      expect(m.reasons.join(' · '), id).not.toMatch(/outside the window/);
    }
  });

  it('still counts a day written out that the window cannot hold', () => {
    const m = matchItem(story(), {
      title: 'Iran and Pakistan foreign ministers meet',
      text: 'The ministers met in Islamabad on 12 July.',
      published: null,
      lang: 'en',
    });
    expect(m.reasons).toContain('mentions dates outside the window: on 12 July');
  });
});
