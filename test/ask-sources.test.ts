import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/core/logger.js';
import { processItem } from '../src/pipeline/process-item.js';
import { answerLines } from '../src/delivery/answer-lines.js';
import { localeFor } from '../src/delivery/locale/locale.js';
import { askStory, primaryLanguage, type StoryAnswer } from '../src/queries/ask-story.js';
import { openSqliteStore, type SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { bundledStory, seedItems } from './helpers/stories.js';

/** The seed sentences that date the Pakistani strike on Iran (Thursday 18 January), in English, Vietnamese and Chinese. */
const PAKISTAN_STRIKES =
  /^(Pakistan on Thursday carried out retaliatory airstrikes|Hôm 18\/1, Pakistan đã tiến hành các cuộc không kích|周四，巴基斯坦对伊朗东南部边境省份)/;
const MEDIATE = 'The United Nations and the United States appealed for restraint, while China offered to mediate.';

describe('ask from the sources, on the seed articles', () => {
  const story = bundledStory('iran-pakistan-2024');
  let store: SqliteStore;
  const ask = (q: string, lang = 'en') => askStory(store, story, q, lang);
  const texts = async (q: string, lang = 'en') => (await ask(q, lang)).citations.map((c) => c.sentence.text);
  /** The answer's lines as a chat user reads them, in the language the question was read in. */
  const shown = (a: StoryAnswer) => answerLines(story.config, a, localeFor(a.lang));

  beforeAll(async () => {
    store = openSqliteStore(':memory:');
    const feed = await store.addFeed({ url: 'https://seeds.example/feed', name: 'AFP (seed)', intervalSec: 600 }, new Date());
    if (!feed.ok) throw new Error(feed.error.message);
    const order = ['000', '001', '003', '004', '002'];
    const seeds = seedItems().sort((a, b) => order.indexOf(a.file.slice(0, 3)) - order.indexOf(b.file.slice(0, 3)));
    for (const seed of seeds) await processItem(seed, feed.value.id, [story], { store, log: createLogger('silent'), now: new Date() });
  });
  afterAll(async () => store.close());

  it('indexes the sentences of the matched seed articles when they are matched', async () => {
    expect(await store.countSentences(story.config.id)).toBeGreaterThan(80);
    expect(await store.countSentences('nagorno-karabakh-2023')).toBe(0);
  });

  it('answers "what did China say?" from the English seed sentence about China offering to mediate, with its source', async () => {
    const a = await ask('what did China say?');
    expect(a.known).toBe(true);
    expect(a.citations.map((c) => c.sentence.text)).toContain(MEDIATE);
    const lines = shown(a);
    expect(lines[0]).toBe('From the sources:');
    expect(lines).toContain(`“${MEDIATE}” — AFP (seed), 2024-01-19, English`);
  });

  it('answers "who mediated?" with that sentence first, not with the list of talks', async () => {
    const a = await ask('who mediated?');
    expect(a.citations[0]?.sentence.text).toBe(MEDIATE);
    expect(a.developments).toEqual([]);
  });

  it('answers the French question "quand le Pakistan a-t-il frappé l’Iran ?" with the Pakistani strike of Thursday 18 January', async () => {
    const a = await ask("quand le Pakistan a-t-il frappé l'Iran ?", 'fr');
    expect(a.known).toBe(true);
    expect(a.citations[0]?.sentence.text).toMatch(PAKISTAN_STRIKES);
    // Answered in French: the development's day, kind and actors, its sources' languages, and where each cited sentence is from.
    expect(a.lang).toBe('fr');
    const lines = shown(a);
    expect(lines[0]).toMatch(
      /^18 janv\. 2024 — frappe militaire: Pakistan → Iran \(D\d+; 4 sources en vietnamien, anglais et chinois\): « Hôm 18\/1, .*» \(vietnamien\)$/u,
    );
    expect(lines).toContain('D’après les sources :');
    expect(lines.filter((l) => /^« .* » — AFP \(seed\), 19 janv\. 2024, (vietnamien|anglais|chinois)$/u.test(l))).toHaveLength(a.citations.length);
    expect(lines.at(-1)).toMatch(/^\(d’après D\d+\)$/u);
  });

  it('answers an Arabic question in Arabic words, and a French "how many" with the tolls the sources give', async () => {
    const ar = shown(await ask('متى قصفت باكستان إيران؟', 'ar'));
    expect(ar[0]).toMatch(/ — ضربة عسكرية: باكستان → إيران \(D\d+; /u);
    expect(ar).toContain('من المصادر:');
    const tolls = await ask('combien de morts ?', 'fr');
    expect(tolls.entries.map((e) => [e.development.date, e.toll?.lang])).toEqual([
      ['2024-01-16', 'en'], // no French seed gives a toll: English comes next
      ['2024-01-18', 'en'],
    ]);
    expect(shown(tolls).slice(0, 2)).toEqual([
      expect.stringMatching(/^16 janv\. 2024 — frappe militaire: Iran → Pakistan \(D\d+\): « .*two children.* » \(anglais\)$/u),
      expect.stringMatching(/^18 janv\. 2024 — frappe militaire: Pakistan → Iran \(D\d+\): « .*nine.* » \(anglais\)$/u),
    ]);
  });

  it('answers in Chinese and Arabic from sentences in other languages too, citing the asker’s language first', async () => {
    const zh = await texts('中国说了什么？', 'zh');
    expect(zh[0]).toMatch(/美国和中国敦促这两个邻国保持克制/);
    expect(zh).toContain(MEDIATE);
    const ar = await texts('متى قصفت باكستان إيران؟', 'ar');
    expect(ar[0]).toMatch(PAKISTAN_STRIKES);
    expect((await texts('when did Pakistan strike Iran?', 'zh'))[0]).toMatch(/^周四，巴基斯坦对伊朗东南部边境省份/);
  });

  it('says "I don\'t know" only when nothing relevant is stored', async () => {
    for (const q of ['what is the price of bitcoin?', 'who won the cricket?', 'when did Pakistan impose sanctions on Iran?']) {
      const a = await ask(q);
      expect(a).toMatchObject({ known: false, citations: [], entries: [] });
      expect(shown(a)).toEqual(["I don't know: nothing stored about “Iran–Pakistan crisis, January 2024” answers this."]);
    }
    expect(answerLines(story.config, await ask('wer hat das Cricket gewonnen?', 'de'), localeFor('de'))).toEqual([
      'Das weiß ich nicht: Nichts Gespeichertes zu „Krise zwischen Iran und Pakistan, Januar 2024“ beantwortet das.',
    ]);
  });

  it('reads the asker’s language from a locale', () => {
    expect([primaryLanguage('zh-CN'), primaryLanguage('pt-BR'), primaryLanguage('fr'), primaryLanguage(undefined), primaryLanguage('?')]).toEqual([
      'zh',
      'pt',
      'fr',
      'en',
      'en',
    ]);
  });
});
