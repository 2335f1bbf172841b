import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/core/logger.js';
import { processItem } from '../src/pipeline/process-item.js';
import { askStory, primaryLanguage } from '../src/queries/ask-story.js';
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
    expect(a.lines).toContain(`“${MEDIATE}” — AFP (seed), 2024-01-19, en`);
    expect(a.lines[0]).toBe('From the sources:');
  });

  it('answers "who mediated?" with that sentence first, not with the list of talks', async () => {
    const a = await ask('who mediated?');
    expect(a.citations[0]?.sentence.text).toBe(MEDIATE);
    expect(a.developments).toEqual([]);
  });

  it('answers the French question "quand le Pakistan a-t-il frappé l’Iran ?" with the Pakistani strike of Thursday 18 January', async () => {
    const a = await ask("quand le Pakistan a-t-il frappé l'Iran ?", 'fr');
    expect(a.known).toBe(true);
    expect(a.lines[0]).toMatch(/^18 January 2024 — military strike: Pakistan → Iran/);
    expect(a.citations[0]?.sentence.text).toMatch(PAKISTAN_STRIKES);
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
      expect(await ask(q)).toMatchObject({
        known: false,
        citations: [],
        lines: [expect.stringMatching(/^I don't know: nothing stored about "Iran–Pakistan crisis, January 2024" answers this\.$/)],
      });
    }
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
