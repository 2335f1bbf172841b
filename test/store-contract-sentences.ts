import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Item } from '../src/core/item.js';
import { searchTokens } from '../src/core/text/search-tokens.js';
import type { Store } from '../src/store/ports.js';

const T0 = new Date('2024-01-19T14:00:00.000Z');
const STORY = 'iran-pakistan-2024';

/** Sentences of the seed articles and the corpus, in four scripts. */
const EN = [
  'Pakistan and Iran agree to ‘de-escalate’ after trading air strikes',
  'The United Nations and the United States appealed for restraint, while China offered to mediate.',
  'Pakistan recalled its ambassador from Tehran and said Iran’s envoy — on a visit home — was blocked from returning to Islamabad.',
];
const ZH = ['中国外交部发言人表示，中方愿同有关各方一道，为缓和局势发挥建设性作用。', '巴基斯坦18日对伊朗境内目标发动空袭。'];
const UR = ['پاکستان نے ایران میں دہشت گردوں کے ٹھکانوں پر حملہ کیا۔'];
const HI = ['पाकिस्तान ने ईरान पर जवाबी हमला किया।'];

function item(slug: string, lang: string, lines: string[]): Item {
  const link = `https://news.example/${slug}`;
  const [title = '', ...rest] = lines;
  const text = rest.join(' ');
  return {
    key: `url:${link}`,
    contentHash: createHash('sha256').update(`${title}\n${text}`).digest('hex'),
    guid: slug,
    link,
    title,
    text,
    lang,
    langSource: 'declared',
    published: T0,
  };
}

const input = (lines: string[]) => lines.map((text, ord) => ({ ord, text, tokens: searchTokens(text) }));

/** Contract of the sentence index (full-text search over matched items' sentences), for every backend. */
export function sentencesContract(store: () => Store): void {
  describe('sentence index', () => {
    async function indexed(s: Store) {
      const feed = await s.addFeed({ url: 'https://news.example/feed', name: 'Agence Exemple', language: 'en', intervalSec: 600 }, T0);
      if (!feed.ok) throw new Error(feed.error.code);
      const docs = [item('en', 'en', EN), item('zh', 'zh', ZH), item('ur', 'ur', UR), item('hi', 'hi', HI)];
      const stored = await s.insertItems(feed.value.id, docs, T0);
      for (const [i, lines] of [EN, ZH, UR, HI].entries()) await s.indexSentences(STORY, stored[i] as { id: number; lang: string }, input(lines));
      return { feedId: feed.value.id, stored };
    }

    it('finds sentences by word prefix in any script, with what a citation needs', async () => {
      const s = store();
      const { stored } = await indexed(s);
      expect(await s.countSentences(STORY)).toBe(EN.length + ZH.length + UR.length + HI.length);
      const china = await s.searchSentences(STORY, ['china']);
      expect(china).toEqual([
        {
          id: expect.any(Number),
          storyId: STORY,
          itemId: stored[0]?.id,
          ord: 1,
          lang: 'en',
          text: EN[1],
          link: 'https://news.example/en',
          outlet: 'Agence Exemple',
          published: T0,
        },
      ]);
      expect((await s.searchSentences(STORY, ['mediat'])).map((x) => x.text)).toEqual([EN[1]]);
      expect((await s.searchSentences(STORY, ['中国'])).map((x) => x.lang)).toEqual(['zh']);
      expect((await s.searchSentences(STORY, ['پاكستان'])).map((x) => x.lang)).toEqual(['ur']);
      expect((await s.searchSentences(STORY, ['पाकिस्तान', 'ईरान'])).map((x) => x.lang)).toEqual(['hi']);
      expect((await s.searchSentences(STORY, ['伊朗'])).map((x) => x.text)).toEqual([ZH[1]]);
    });

    it('keeps the newest sentences under the limit, in id order, keeps stories apart and ignores unusable terms', async () => {
      const s = store();
      await indexed(s);
      expect((await s.searchSentences(STORY, ['pakistan'])).map((x) => x.text)).toEqual([EN[0], EN[2]]);
      expect((await s.searchSentences(STORY, ['pakistan', 'china'], 2)).map((x) => x.text)).toEqual([EN[1], EN[2]]);
      expect((await s.searchSentences(STORY, ['pakistan', 'china', '巴基斯坦'], 1)).map((x) => x.text)).toEqual([ZH[1]]);
      expect(await s.searchSentences('nagorno-karabakh-2023', ['china'])).toEqual([]);
      expect(await s.searchSentences(STORY, [])).toEqual([]);
      expect(await s.searchSentences(STORY, ['"china', "o'r", '*'])).toEqual([]);
      expect(await s.searchSentences(STORY, ['cricket'])).toEqual([]);
    });

    it('replaces an item’s sentences when indexed again, and drops them with a purged feed', async () => {
      const s = store();
      const { stored } = await indexed(s);
      const en = stored[0] as { id: number; lang: string };
      await s.indexSentences(STORY, en, input(EN.slice(0, 2)));
      await s.indexSentences(STORY, en, input(EN.slice(0, 2)));
      expect(await s.countSentences(STORY)).toBe(2 + ZH.length + UR.length + HI.length);
      expect(await s.searchSentences(STORY, ['ambassador'])).toEqual([]);
      expect(await s.searchSentences(STORY, ['china'])).toHaveLength(1);
      await s.transaction((tx) => tx.indexSentences(STORY, en, []));
      expect(await s.searchSentences(STORY, ['china'])).toEqual([]);
      expect(await s.purgeFeed('https://news.example/feed')).toBe(true);
      expect(await s.countSentences(STORY)).toBe(0);
      expect(await s.searchSentences(STORY, ['伊朗', 'pakistan', 'پاكستان'])).toEqual([]);
    });
  });
}
