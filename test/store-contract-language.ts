import { describe, expect, it } from 'vitest';
import type { Store } from '../src/store/ports.js';
import { updateTimeline } from '../src/pipeline/detect/update-timeline.js';

const T0 = new Date('2024-01-19T12:00:00.000Z');
const STORY = 'iran-pakistan-2024';
const VI = 'Pakistan và Iran hôm 19/1 nhất trí xoa dịu căng thẳng và tái lập lại quan hệ ngoại giao đầy đủ.';
const EN = 'Pakistan and Iran “agreed to de-escalate” tensions Friday, Islamabad said.';
const AR = 'قالت باكستان وإيران، الإثنين، إن كلا منهما تحترم سيادة وسلامة أراضي الأخرى.';

/** Contract of the channel's language (decision 023): a subscription's language, and each source's quoted sentence. */
export function languageContract(store: () => Store): void {
  describe("the channel's language", () => {
    const input = { platform: 'slack' as const, channelId: 'C0LANG', storyId: STORY, alerts: true, digestTime: null, timeZone: null };

    it('stores a subscription in English unless told, keeps its language when subscribed again without one, and changes it when told', async () => {
      const s = store();
      expect((await s.subscribe(input, T0)).language).toBe('en');
      expect((await s.subscribe({ ...input, language: 'fr' }, T0)).language).toBe('fr');
      expect((await s.subscribe({ ...input, alerts: false }, T0)).language).toBe('fr');
      expect((await s.subscribe({ ...input, language: 'ar' }, T0)).language).toBe('ar');
      expect((await s.listSubscriptions()).map((x) => [x.channelId, x.language, x.alerts])).toEqual([['C0LANG', 'ar', true]]);
      expect((await s.getSubscription((await s.listSubscriptions())[0]?.id ?? 0))?.language).toBe('ar');
    });

    it("keeps each source's quoted sentence, in source order with its language, exactly as written", async () => {
      const s = store();
      const feed = await s.addFeed({ url: 'https://seeds.example/lang', name: 'Seeds', intervalSec: 600 }, T0);
      if (!feed.ok) throw new Error(feed.error.message);
      const item = (n: number, lang: string, text: string) => ({
        key: `url:https://seeds.example/${n}`,
        contentHash: `h${n}`,
        guid: `g${n}`,
        link: `https://seeds.example/${n}`,
        title: text.slice(0, 40),
        text,
        lang,
        langSource: 'declared' as const,
        published: new Date(T0.getTime() + n * 3_600_000),
      });
      const [vi, en, ar, old] = await s.insertItems(
        feed.value.id,
        [item(1, 'vi', VI), item(2, 'en', EN), item(3, 'ar', AR), item(4, 'en', 'An older source.')],
        T0,
      );
      if (!vi || !en || !ar || !old) throw new Error('items not stored');
      const dev = { storyId: STORY, kind: 'de_escalation' as const, kinds: ['de_escalation' as const], date: '2024-01-19', actors: ['pakistan', 'iran'] };
      const created = await updateTimeline(
        s,
        STORY,
        vi,
        T0,
        () => ({ attach: [], create: [{ ...dev, label: 'de-escalation: Pakistan, Iran', summary: VI, summaryLang: 'vi' }] }),
        true,
      );
      const id = created.created[0]?.id ?? 0;
      expect(created.created[0]?.quotes).toEqual([{ itemId: vi.id, lang: 'vi', text: VI }]);
      await updateTimeline(s, STORY, en, T0, () => ({ attach: [id], create: [], quotes: { [id]: EN } }), true);
      await updateTimeline(s, STORY, ar, T0, () => ({ attach: [id], create: [], quotes: { [id]: AR } }), true);
      // A source recorded without a sentence (as before migration 009) counts, but quotes nothing.
      await updateTimeline(s, STORY, old, T0, () => ({ attach: [id], create: [] }), true);
      const [stored] = await s.listDevelopments(STORY);
      expect(stored?.sources).toEqual([vi.id, en.id, ar.id, old.id]);
      expect(stored?.quotes).toEqual([
        { itemId: vi.id, lang: 'vi', text: VI },
        { itemId: en.id, lang: 'en', text: EN },
        { itemId: ar.id, lang: 'ar', text: AR },
      ]);
      expect((await s.developmentsById([id]))[0]?.quotes).toEqual(stored?.quotes);
    });
  });
}
