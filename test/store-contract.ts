import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FeedInput } from '../src/core/feed.js';
import type { Item } from '../src/core/item.js';
import type { FetchStateUpdate, Store } from '../src/store/ports.js';
import { labelsContract } from './store-contract-labels.js';
import { languageContract } from './store-contract-language.js';
import { opsContract } from './store-contract-ops.js';
import { sentencesContract } from './store-contract-sentences.js';
import { webhooksContract } from './store-contract-webhooks.js';
import { tenancyContract } from './store-contract-tenancy.js';
import { threadsContract } from './store-contract-threads.js';
import { updateTimeline } from '../src/pipeline/detect/update-timeline.js';

const T0 = new Date('2024-01-19T12:00:00.123Z');
const LAST_MODIFIED = 'Fri, 19 Jan 2024 12:00:00 GMT';
const minutes = (n: number): Date => new Date(T0.getTime() + n * 60_000);

const vnexpress = feedInput('https://vnexpress.net/rss/the-gioi.rss', 'VnExpress Thế giới', 'vi', 600);
const aljazeera = feedInput('https://www.aljazeera.net/aljazeerarss', 'الجزيرة نت', 'ar', 300);
const xinhua: FeedInput = { url: 'http://www.news.cn/world/rss.xml', name: '新华网 国际', intervalSec: 900 };

function feedInput(url: string, name: string, language: string, intervalSec: number): FeedInput {
  return { url, name, language, intervalSec };
}

/** A normalized item as the pipeline would hand it over; the hash follows title and text. */
function item(slug: string, lang: string, published: string | null, title: string, text: string): Item {
  const link = `https://news.example/${slug}`;
  const contentHash = createHash('sha256').update(`${title}\n${text}`).digest('hex');
  const date = published === null ? null : new Date(published);
  const identity = { key: `url:${link}`, contentHash, guid: slug, link };
  return { ...identity, title, text, lang, langSource: 'declared', published: date };
}

const strikes = item(
  'iran-strikes',
  'en',
  '2024-01-16T21:30:00.250Z',
  'Iran strikes militant bases in Pakistan',
  'Iran said on Tuesday it struck two bases of the militant group Jaish al-Adl inside Pakistan.',
);
const retaliation = item(
  'pakistan-responds',
  'ar',
  '2024-01-18T06:05:00.999Z',
  'باكستان تشن ضربات داخل إيران',
  'أعلنت باكستان الخميس أنها شنت ضربات على مخابئ مسلحين في إقليم سيستان وبلوشستان الإيراني.',
);
const talks = item('fm-call', 'zh', '2024-01-19T15:00:00.001Z', '巴基斯坦和伊朗同意缓和紧张局势', '两国外长周五通电话，同意恢复大使级外交关系。');
const undated = item(
  'ngoai-giao',
  'vi',
  null,
  'Pakistan và Iran nhất trí xoa dịu căng thẳng',
  'Pakistan và Iran hôm 19/1 nhất trí tái lập quan hệ ngoại giao đầy đủ sau các đợt không kích qua lại.',
);

function fetchOk(at: Date, extra: Partial<FetchStateUpdate> = {}): FetchStateUpdate {
  return { at, status: 'ok', errorCode: null, error: null, errorCount: 0, nextCheckAt: minutes(10), ...extra };
}

/**
 * Declares the behaviour every Store backend must show. `open` gives a fresh, empty store for each
 * test; the store is closed after the test and then `cleanup` runs (drop files, schemas, …).
 */
export function storeContract(name: string, open: () => Promise<Store> | Store, cleanup?: () => Promise<void> | void): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;

    beforeEach(async () => {
      store = await open();
    });

    afterEach(async () => {
      await store.close();
      await cleanup?.();
    });

    async function addFeed(input: FeedInput, now = T0): Promise<number> {
      const added = await store.addFeed(input, now);
      if (!added.ok) throw new Error(`could not add ${input.url}: ${added.error.code}`);
      return added.value.id;
    }

    tenancyContract(() => store);
    labelsContract(() => store);
    languageContract(() => store);
    threadsContract(() => store);
    opsContract(() => store);
    sentencesContract(() => store);
    webhooksContract(() => store);

    describe('feeds', () => {
      it('adds a feed that is new, due now and not yet a baseline', async () => {
        const added = await store.addFeed(vnexpress, T0);
        expect(added.ok).toBe(true);
        if (!added.ok) return;
        expect(added.value).toMatchObject({
          url: vnexpress.url,
          name: 'VnExpress Thế giới',
          language: 'vi',
          intervalSec: 600,
          etag: null,
          lastModified: null,
          status: 'new',
          lastFetchAt: null,
          lastErrorCode: null,
          lastError: null,
          errorCount: 0,
          baselineDone: false,
          backfill: false,
        });
        expect(added.value.nextCheckAt).toEqual(T0);
        expect(added.value.createdAt).toEqual(T0);
      });

      it('stores a missing language as null and keeps the backfill option', async () => {
        const added = await store.addFeed(xinhua, T0, { backfill: true });
        expect(added.ok && added.value.language).toBeNull();
        expect(added.ok && added.value.backfill).toBe(true);
      });

      it('refuses a URL that is already watched with FEED_EXISTS', async () => {
        await addFeed(aljazeera);
        const again = await store.addFeed({ ...aljazeera, name: 'Al Jazeera' }, minutes(5));
        expect(again.ok).toBe(false);
        if (!again.ok) expect(again.error.code).toBe('FEED_EXISTS');
        const feeds = await store.listFeeds();
        expect(feeds.map((f) => f.name)).toEqual(['الجزيرة نت']);
      });

      it('lists feeds oldest first and finds them by id or URL', async () => {
        const a = await addFeed(aljazeera, minutes(2));
        const v = await addFeed(vnexpress, minutes(1));
        expect((await store.listFeeds()).map((f) => f.id)).toEqual([v, a]);
        expect((await store.getFeed(a))?.url).toBe(aljazeera.url);
        expect((await store.getFeed(vnexpress.url))?.id).toBe(v);
        expect(await store.getFeed(a + v + 100)).toBeNull();
        expect(await store.getFeed('https://unknown.example/feed')).toBeNull();
      });

      it('removes a feed by id or URL (soft: kept, listed as removed) and says whether there was one', async () => {
        const a = await addFeed(aljazeera);
        await addFeed(vnexpress);
        expect(await store.removeFeed(a, { at: minutes(1) })).toBe(true);
        expect(await store.removeFeed(vnexpress.url, { at: minutes(2) })).toBe(true);
        expect(await store.removeFeed(a)).toBe(false);
        expect(await store.removeFeed('https://unknown.example/feed')).toBe(false);
        expect((await store.listFeeds()).map((f) => [f.state, f.removedAt])).toEqual([
          ['removed', minutes(1)],
          ['removed', minutes(2)],
        ]);
      });

      it('syncs configured feeds: adds the missing ones, updates the others, leaves the rest', async () => {
        const manual = await addFeed(xinhua);
        const existing = await addFeed(vnexpress);
        await store.recordFetch(existing, fetchOk(minutes(1), { etag: '"v1"', baselineDone: true }));
        const synced = await store.syncFeeds([aljazeera, { ...vnexpress, name: 'VnExpress', language: null, intervalSec: 1200 }], minutes(30));
        expect(synced.map((f) => f.url)).toEqual([aljazeera.url, vnexpress.url]);
        const [added, updated] = synced;
        expect(added).toMatchObject({ name: 'الجزيرة نت', status: 'new', baselineDone: false, backfill: false });
        expect(added?.nextCheckAt).toEqual(minutes(30));
        expect(updated).toMatchObject({ id: existing, name: 'VnExpress', language: null, intervalSec: 1200 });
        expect(updated).toMatchObject({ etag: '"v1"', baselineDone: true, status: 'ok' });
        expect(await store.getFeed(manual)).not.toBeNull();
        expect(await store.listFeeds()).toHaveLength(3);
      });

      it('returns due feeds soonest first, honouring the limit and skipping future ones', async () => {
        const a = await addFeed(aljazeera);
        const v = await addFeed(vnexpress);
        const x = await addFeed(xinhua);
        await store.recordFetch(a, fetchOk(T0, { nextCheckAt: minutes(3) }));
        await store.recordFetch(v, fetchOk(T0, { nextCheckAt: minutes(1) }));
        await store.recordFetch(x, fetchOk(T0, { nextCheckAt: minutes(60) }));
        expect((await store.dueFeeds(minutes(5))).map((f) => f.id)).toEqual([v, a]);
        expect((await store.dueFeeds(minutes(5), 1)).map((f) => f.id)).toEqual([v]);
        expect((await store.dueFeeds(minutes(3))).map((f) => f.id)).toEqual([v, a]);
        expect(await store.dueFeeds(new Date(minutes(1).getTime() - 1))).toEqual([]);
      });

      it('leases a feed to one claimant until the lease ends or its fetch is recorded', async () => {
        const v = await addFeed(vnexpress);
        const a = await addFeed(aljazeera);
        const claimed = await store.claimFeed(v, T0, minutes(2));
        expect(claimed?.url).toBe(vnexpress.url);
        // Held: nobody else gets it, and it is not offered as due.
        expect(await store.claimFeed(v, minutes(1), minutes(3))).toBeNull();
        expect((await store.dueFeeds(minutes(1))).map((f) => f.id)).toEqual([a]);
        // The holder died: the lease runs out and the feed is due and claimable again.
        expect((await store.dueFeeds(minutes(2))).map((f) => f.id)).toEqual([v, a]);
        expect((await store.claimFeed(v, minutes(2), minutes(4)))?.id).toBe(v);
        // Recording the fetch ends the lease.
        await store.recordFetch(v, fetchOk(minutes(3), { nextCheckAt: minutes(13) }));
        expect((await store.claimFeed(v, minutes(3), minutes(5)))?.id).toBe(v);
      });

      it('claims only due feeds with dueOnly, and never a removed one', async () => {
        const v = await addFeed(vnexpress);
        await store.recordFetch(v, fetchOk(T0, { nextCheckAt: minutes(10) }));
        expect(await store.claimFeed(v, minutes(5), minutes(6), { dueOnly: true })).toBeNull();
        expect((await store.claimFeed(v, minutes(10), minutes(11), { dueOnly: true }))?.id).toBe(v);
        await store.removeFeed(v);
        expect(await store.claimFeed(v, minutes(20), minutes(21))).toBeNull();
      });
    });

    describe('recordFetch', () => {
      it('stores validators, status and times with millisecond precision', async () => {
        const id = await addFeed(vnexpress);
        const at = new Date('2024-01-19T12:34:56.789Z');
        const next = new Date('2024-01-19T12:44:56.001Z');
        await store.recordFetch(id, fetchOk(at, { etag: 'W/"abc"', lastModified: LAST_MODIFIED, nextCheckAt: next }));
        const feed = await store.getFeed(id);
        expect(feed).toMatchObject({ status: 'ok', etag: 'W/"abc"', lastModified: LAST_MODIFIED });
        expect(feed?.lastFetchAt?.getTime()).toBe(at.getTime());
        expect(feed?.nextCheckAt.getTime()).toBe(next.getTime());
        expect(feed?.createdAt.getTime()).toBe(T0.getTime());
      });

      it('keeps validators when undefined and clears them when null', async () => {
        const id = await addFeed(vnexpress);
        await store.recordFetch(id, fetchOk(minutes(1), { etag: '"e1"', lastModified: LAST_MODIFIED }));
        await store.recordFetch(id, fetchOk(minutes(2), { status: 'not_modified' }));
        const unchanged = await store.getFeed(id);
        expect(unchanged).toMatchObject({ status: 'not_modified', etag: '"e1"', lastModified: LAST_MODIFIED });
        await store.recordFetch(id, fetchOk(minutes(3), { etag: null }));
        expect(await store.getFeed(id)).toMatchObject({ etag: null, lastModified: LAST_MODIFIED });
        await store.recordFetch(id, fetchOk(minutes(4), { lastModified: null }));
        expect(await store.getFeed(id)).toMatchObject({ etag: null, lastModified: null });
      });

      it('records errors and their count, then resets them on success', async () => {
        const id = await addFeed(aljazeera);
        const failure = (n: number): FetchStateUpdate => ({
          at: minutes(n),
          status: 'error',
          errorCode: 'FEED_HTTP_503',
          error: 'Service unavailable; retrying with backoff.',
          errorCount: n,
          nextCheckAt: minutes(n * 10),
        });
        await store.recordFetch(id, failure(1));
        await store.recordFetch(id, failure(2));
        expect(await store.getFeed(id)).toMatchObject({
          status: 'error',
          lastErrorCode: 'FEED_HTTP_503',
          lastError: 'Service unavailable; retrying with backoff.',
          errorCount: 2,
        });
        await store.recordFetch(id, fetchOk(minutes(30)));
        const recovered = await store.getFeed(id);
        expect(recovered).toMatchObject({ status: 'ok', lastErrorCode: null, lastError: null, errorCount: 0 });
      });

      it('changes baselineDone only when given', async () => {
        const id = await addFeed(xinhua);
        await store.recordFetch(id, fetchOk(minutes(1)));
        expect((await store.getFeed(id))?.baselineDone).toBe(false);
        await store.recordFetch(id, fetchOk(minutes(2), { baselineDone: true }));
        await store.recordFetch(id, fetchOk(minutes(3)));
        expect((await store.getFeed(id))?.baselineDone).toBe(true);
        await store.recordFetch(id, fetchOk(minutes(4), { baselineDone: false }));
        expect((await store.getFeed(id))?.baselineDone).toBe(false);
      });
    });

    describe('items', () => {
      it('returns only new items, in input order, with their stored fields', async () => {
        const feedId = await addFeed(vnexpress);
        const fetchedAt = minutes(1);
        const first = await store.insertItems(feedId, [talks, strikes, retaliation], fetchedAt);
        expect(first.map((i) => i.key)).toEqual([talks.key, strikes.key, retaliation.key]);
        expect(first[0]).toMatchObject({ ...talks, feedId });
        expect(first.every((i) => i.fetchedAt.getTime() === fetchedAt.getTime())).toBe(true);
        expect(new Set(first.map((i) => i.id)).size).toBe(3);
        const second = await store.insertItems(feedId, [strikes, undated, talks], minutes(2));
        expect(second.map((i) => i.key)).toEqual([undated.key]);
        expect(await store.countItems(feedId)).toBe(4);
      });

      it('round-trips Arabic, Chinese and Vietnamese text exactly, and dates to the millisecond', async () => {
        const feedId = await addFeed(aljazeera);
        await store.insertItems(feedId, [retaliation, talks, undated], minutes(1));
        const stored = await store.listItems({ feedId });
        const byKey = new Map(stored.map((i) => [i.key, i]));
        for (const original of [retaliation, talks, undated]) {
          const back = byKey.get(original.key);
          expect(back?.title).toBe(original.title);
          expect(back?.text).toBe(original.text);
          expect(back?.published?.getTime()).toBe(original.published?.getTime());
        }
        expect(byKey.get(undated.key)?.published).toBeNull();
        expect(byKey.get(retaliation.key)?.published).toEqual(new Date('2024-01-18T06:05:00.999Z'));
      });

      it('tells which item keys are already stored, by any feed', async () => {
        const v = await addFeed(vnexpress);
        const a = await addFeed(aljazeera);
        await store.insertItems(v, [strikes], minutes(1));
        await store.insertItems(a, [talks], minutes(1));
        expect(await store.knownKeys([talks.key, undated.key, strikes.key])).toEqual(new Set([talks.key, strikes.key]));
        expect(await store.knownKeys([])).toEqual(new Set());
      });

      it('treats a known key as a duplicate even in another feed', async () => {
        const v = await addFeed(vnexpress);
        const a = await addFeed(aljazeera);
        await store.insertItems(v, [strikes], minutes(1));
        const rewritten = { ...strikes, title: 'Iran hits militant bases in Pakistan', contentHash: 'f'.repeat(64) };
        expect(await store.insertItems(a, [rewritten], minutes(2))).toEqual([]);
        expect(await store.countItems(a)).toBe(0);
      });

      it('treats the same content at a new URL as a duplicate in the same feed, but not in another', async () => {
        const v = await addFeed(vnexpress);
        const a = await addFeed(aljazeera);
        await store.insertItems(v, [strikes], minutes(1));
        const link = 'https://news.example/2024/01/16/iran-strikes';
        const moved = { ...strikes, key: `url:${link}`, link };
        expect(await store.insertItems(v, [moved], minutes(2))).toEqual([]);
        const elsewhere = await store.insertItems(a, [moved], minutes(2));
        expect(elsewhere.map((i) => i.key)).toEqual([moved.key]);
        expect(await store.countItems()).toBe(2);
      });

      it('de-duplicates within one batch by key and by content hash', async () => {
        const feedId = await addFeed(xinhua);
        const sameHash = { ...talks, key: 'guid:xinhua:20240119-001', link: null };
        const stored = await store.insertItems(feedId, [talks, retaliation, talks, sameHash], minutes(1));
        expect(stored.map((i) => i.key)).toEqual([talks.key, retaliation.key]);
        expect(await store.countItems(feedId)).toBe(2);
      });

      it('lists items newest first by fetch time then id, by feed and with a limit', async () => {
        const v = await addFeed(vnexpress);
        const a = await addFeed(aljazeera);
        await store.insertItems(v, [strikes], minutes(1));
        await store.insertItems(a, [retaliation, talks], minutes(2));
        await store.insertItems(v, [undated], minutes(3));
        const all = await store.listItems();
        expect(all.map((i) => i.key)).toEqual([undated.key, talks.key, retaliation.key, strikes.key]);
        expect((await store.listItems({ limit: 2 })).map((i) => i.key)).toEqual([undated.key, talks.key]);
        expect((await store.listItems({ feedId: v })).map((i) => i.key)).toEqual([undated.key, strikes.key]);
        expect((await store.listItems({ feedId: a, limit: 1 })).map((i) => i.key)).toEqual([talks.key]);
        expect(await store.countItems()).toBe(4);
        expect(await store.countItems(a)).toBe(2);
        expect(await store.countItems(a + v + 100)).toBe(0);
      });

      it('keeps new items pending, with their baseline flag, until they are marked processed', async () => {
        const v = await addFeed(vnexpress);
        const a = await addFeed(aljazeera);
        await store.insertItems(v, [strikes, undated], minutes(1), { baseline: true });
        await store.insertItems(a, [retaliation], minutes(2));
        const pending = await store.pendingItems();
        expect(pending.map((i) => [i.key, i.baseline])).toEqual([
          [strikes.key, true],
          [retaliation.key, false],
          [undated.key, true],
        ]);
        expect((await store.pendingItems({ feedId: a })).map((i) => i.key)).toEqual([retaliation.key]);
        expect((await store.pendingItems({ limit: 1 })).map((i) => i.key)).toEqual([strikes.key]);
        expect(await store.feedsWithPendingItems(minutes(1))).toEqual([v]);
        expect(await store.feedsWithPendingItems(minutes(2))).toEqual([v, a]);
        await store.markProcessed([pending[0]!.id, pending[1]!.id]);
        expect((await store.pendingItems()).map((i) => i.key)).toEqual([undated.key]);
        expect(await store.feedsWithPendingItems(minutes(5))).toEqual([v]);
        await store.markProcessed([]);
        expect(await store.countItems()).toBe(3);
      });

      it('hands pending items out in publication order, not arrival order: undated last, ties by key', async () => {
        const v = await addFeed(vnexpress);
        const sameTime = (key: string): Item => ({ ...talks, key, contentHash: `hash-${key}`, link: null, guid: key });
        await store.insertItems(v, [undated, sameTime('guid:z'), talks, retaliation, sameTime('guid:a'), strikes], minutes(1));
        // Three items share talks' publication time: by key ('guid:a' < 'guid:z' < 'url:…'), whatever came first.
        expect((await store.pendingItems({ feedId: v })).map((i) => i.key)).toEqual([strikes.key, retaliation.key, 'guid:a', 'guid:z', talks.key, undated.key]);
        expect((await store.pendingItems({ limit: 2 })).map((i) => i.key)).toEqual([strikes.key, retaliation.key]);
      });

      it('purges a feed together with its items', async () => {
        const v = await addFeed(vnexpress);
        const a = await addFeed(aljazeera);
        await store.insertItems(v, [strikes, undated], minutes(1));
        await store.insertItems(a, [retaliation], minutes(1));
        expect(await store.purgeFeed(v)).toBe(true);
        expect(await store.purgeFeed(v)).toBe(false);
        expect(await store.countItems(v)).toBe(0);
        expect((await store.listItems()).map((i) => i.key)).toEqual([retaliation.key]);
        const readded = await addFeed(vnexpress, minutes(5));
        expect((await store.insertItems(readded, [strikes], minutes(6))).map((i) => i.key)).toEqual([strikes.key]);
      });
    });

    describe('item matches', () => {
      it('records decisions per story, replaces a re-decided one, and lists and counts matches', async () => {
        const feedId = await addFeed(vnexpress);
        const [a, b] = await store.insertItems(feedId, [strikes, talks], minutes(1));
        if (!a || !b) throw new Error('items not stored');
        const reasons = ['sides: A (title); B (lead)', 'event: military strike'];
        await store.recordMatches([
          { itemId: a.id, storyId: 'story-one', matched: true, score: 0.875, reasons, at: minutes(2) },
          { itemId: b.id, storyId: 'story-one', matched: false, score: 0.25, reasons: ['no event cue'], at: minutes(2) },
          { itemId: b.id, storyId: 'story-two', matched: true, score: 0.6, reasons: [], at: minutes(2) },
        ]);
        expect(await store.countMatched('story-one')).toBe(1);
        expect(await store.listMatches('story-one', { matchedOnly: true })).toEqual([
          { itemId: a.id, storyId: 'story-one', matched: true, score: 0.875, reasons, at: minutes(2) },
        ]);
        expect((await store.listMatches('story-one')).map((m) => m.itemId)).toEqual([b.id, a.id]);
        await store.recordMatches([{ itemId: b.id, storyId: 'story-one', matched: true, score: 0.7, reasons: ['re-scored'], at: minutes(3) }]);
        expect(await store.countMatched('story-one')).toBe(2);
        expect((await store.listMatches('story-one', { matchedOnly: true }))[0]).toEqual({
          itemId: b.id,
          storyId: 'story-one',
          matched: true,
          score: 0.7,
          reasons: ['re-scored'],
          at: minutes(3),
        });
        expect(await store.countMatched('unknown')).toBe(0);
        await store.purgeFeed(feedId);
        expect(await store.listMatches('story-two')).toEqual([]);
      });
    });

    describe('timeline', () => {
      const newDev = (date: string, kind: 'military_strike' | 'diplomatic_protest', summary: string) => ({
        storyId: 'story-one',
        kind,
        kinds: [kind],
        date,
        actors: ['a', 'b'],
        label: `${kind}: A → B`,
        summary,
        summaryLang: 'en',
      });

      it('creates developments with the item as first source, attaches later items, and records one alert per item', async () => {
        const feedId = await addFeed(vnexpress);
        const [first, second] = await store.insertItems(feedId, [strikes, retaliation], minutes(1));
        if (!first || !second) throw new Error('items not stored');
        const seen: number[] = [];
        const up1 = await updateTimeline(
          store,
          'story-one',
          { id: first.id, lang: 'en' },
          minutes(2),
          (timeline) => {
            seen.push(timeline.length);
            return { attach: [], create: [newDev('2024-01-16', 'military_strike', 'Iran struck.'), newDev('2024-01-17', 'diplomatic_protest', 'Recall.')] };
          },
          true,
        );
        expect(up1.created.map((d) => [d.date, d.kind, d.sources, d.languages, d.firstItemId])).toEqual([
          ['2024-01-16', 'military_strike', [first.id], ['en'], first.id],
          ['2024-01-17', 'diplomatic_protest', [first.id], ['en'], first.id],
        ]);
        expect(up1.alertId).not.toBeNull();
        const [strike] = up1.created;
        const up2 = await updateTimeline(
          store,
          'story-one',
          { id: second.id, lang: 'ar' },
          minutes(3),
          (timeline) => {
            seen.push(timeline.length);
            return { attach: [strike!.id], create: [] };
          },
          true,
        );
        expect(up2).toMatchObject({ created: [], alertId: null });
        expect(up2.attached.map((d) => [d.id, d.date])).toEqual([[strike!.id, '2024-01-16']]);
        const attachedNow = (await store.listDevelopments('story-one')).find((d) => d.id === strike!.id);
        expect([attachedNow?.sources, attachedNow?.languages]).toEqual([
          [first.id, second.id],
          ['en', 'ar'],
        ]);
        expect(seen).toEqual([0, 2]);
        const again = await updateTimeline(
          store,
          'story-one',
          { id: first.id, lang: 'en' },
          minutes(4),
          () => ({ attach: [], create: [newDev('2024-01-18', 'military_strike', 'Again.')] }),
          true,
        );
        expect(again.alertId).toBeNull();
        expect((await store.listDevelopments('story-one')).map((d) => d.date)).toEqual(['2024-01-16', '2024-01-17', '2024-01-18']);
        expect(await store.developmentDays('story-one')).toEqual(['2024-01-16', '2024-01-17', '2024-01-18']);
        expect(await store.developmentDays('story-two')).toEqual([]);
        expect((await store.listAlerts('story-one')).map((a) => [a.itemId, a.developments.length, a.context])).toEqual([[first.id, 2, []]]);
        expect(await store.listDevelopments('story-two')).toEqual([]);
      });

      it('shows the planner each first report in publication order, and lets an earlier report revise a development', async () => {
        const feedId = await addFeed(vnexpress);
        const [later, earlier] = await store.insertItems(feedId, [retaliation, strikes], minutes(1));
        if (!later || !earlier) throw new Error('items not stored');
        const first = await updateTimeline(
          store,
          'story-one',
          { id: later.id, lang: 'ar' },
          minutes(2),
          () => ({ attach: [], create: [newDev('2024-01-18', 'military_strike', 'ضربات.')] }),
          true,
        );
        const [dev] = first.created;
        let seen: unknown[] = [];
        const up = await updateTimeline(
          store,
          'story-one',
          { id: earlier.id, lang: 'en' },
          minutes(3),
          (timeline) => {
            seen = timeline.map((d) => [d.id, d.firstReport]);
            return {
              attach: [],
              create: [],
              revise: [
                {
                  id: dev!.id,
                  development: { ...newDev('2024-01-16', 'military_strike', 'Iran struck.'), actors: ['b', 'a'], label: 'military strike: B → A' },
                },
              ],
            };
          },
          true,
        );
        expect(seen).toEqual([[dev!.id, { published: retaliation.published, key: retaliation.key }]]);
        expect(up).toMatchObject({ created: [], attached: [], alertId: null });
        expect(up.revised.map((d) => [d.id, d.date, d.actors, d.label, d.summary, d.summaryLang, d.firstItemId, d.sources])).toEqual([
          // Sources in publication order (the earlier report first), whatever order they were matched in.
          [dev!.id, '2024-01-16', ['b', 'a'], 'military strike: B → A', 'Iran struck.', 'en', earlier.id, [earlier.id, later.id]],
        ]);
        expect((await store.listDevelopments('story-one')).map((d) => [d.id, d.date, d.firstItemId])).toEqual([[dev!.id, '2024-01-16', earlier.id]]);
        expect((await store.listAlerts('story-one')).map((a) => [a.itemId, a.developments])).toEqual([[later.id, [dev!.id]]]);
        await updateTimeline(
          store,
          'story-one',
          { id: later.id, lang: 'ar' },
          minutes(4),
          (timeline) => {
            seen = timeline.map((d) => d.firstReport?.key);
            return { attach: [], create: [] };
          },
          true,
        );
        expect(seen).toEqual([strikes.key]);
      });

      it("keeps whether a development's day was written, and gives one dated by a publication day the day a later source writes", async () => {
        const feedId = await addFeed(vnexpress);
        const [first, second] = await store.insertItems(feedId, [retaliation, strikes], minutes(1));
        if (!first || !second) throw new Error('items not stored');
        const made = await updateTimeline(
          store,
          'story-one',
          { id: first.id, lang: 'ar' },
          minutes(2),
          () => ({
            attach: [],
            create: [{ ...newDev('2024-01-18', 'military_strike', 'ضربات.'), dateWritten: false }, newDev('2024-01-18', 'diplomatic_protest', 'استدعاء.')],
          }),
          true,
        );
        const [strike, protest] = made.created.map((d) => d.id);
        expect(made.created.map((d) => d.dateWritten)).toEqual([false, true]);
        expect((await store.timelineEntries('story-one')).map((d) => [d.id, d.dateWritten])).toEqual([
          [strike, false],
          [protest, true],
        ]);
        const up = await updateTimeline(
          store,
          'story-one',
          { id: second.id, lang: 'en' },
          minutes(3),
          () => ({ attach: [strike!, protest!], create: [], redate: [{ id: strike!, date: '2024-01-17' }] }),
          true,
        );
        // The re-dated development is reported as it is now; the other as it was.
        expect(up.attached.map((d) => d.id)).toEqual([protest]);
        expect(up.revised).toEqual([]);
        // Sources in publication order: the second item was published first.
        expect(up.redated.map((d) => [d.id, d.date, d.dateWritten, d.sources])).toEqual([[strike, '2024-01-17', true, [second.id, first.id]]]);
        expect((await store.listDevelopments('story-one')).map((d) => [d.id, d.date, d.dateWritten])).toEqual([
          [strike, '2024-01-17', true],
          [protest, '2024-01-18', true],
        ]);
        expect((await store.timelineEntries('story-one')).map((d) => [d.id, d.date])).toEqual([
          [strike, '2024-01-17'],
          [protest, '2024-01-18'],
        ]);
      });

      it('records no alert for a baseline item, and keeps developments when their items go', async () => {
        const feedId = await addFeed(vnexpress);
        const [item] = await store.insertItems(feedId, [talks], minutes(1));
        if (!item) throw new Error('item not stored');
        const up = await updateTimeline(
          store,
          'story-one',
          { id: item.id, lang: 'zh' },
          minutes(2),
          () => ({ attach: [], create: [newDev('2024-01-19', 'military_strike', '两国外长通电话。')] }),
          false,
        );
        expect(up.alertId).toBeNull();
        expect(await store.listAlerts('story-one')).toEqual([]);
        expect((await store.getItems([item.id, 999])).map((i) => i.key)).toEqual([talks.key]);
        // Title, link or text; ASCII case folded; LIKE's wildcards taken literally.
        expect((await store.searchItems('外长周五', 5)).map((i) => i.id)).toEqual([item.id]);
        expect((await store.searchItems('NEWS.EXAMPLE/FM-CALL', 5)).map((i) => i.id)).toEqual([item.id]);
        expect(await store.searchItems('fm_call', 5)).toEqual([]);
        expect(await store.searchItems('100%', 5)).toEqual([]);
        const [full] = await store.getItems([item.id]);
        expect(await store.itemHeads([item.id, 999, item.id])).toEqual([
          { id: item.id, feedId, link: full?.link, title: full?.title, lang: full?.lang, published: full?.published, fetchedAt: full?.fetchedAt },
        ]);
        await store.removeFeed(feedId);
        expect((await store.listDevelopments('story-one')).map((d) => [d.sources, d.firstItemId])).toEqual([[[item.id], item.id]]);
        await store.purgeFeed(feedId);
        expect((await store.listDevelopments('story-one')).map((d) => [d.summary, d.sources, d.firstItemId])).toEqual([['两国外长通电话。', [], null]]);
      });

      it('within one transaction, reads the timeline and its days as they are after each of its writes', async () => {
        const [v, a] = [await addFeed(vnexpress), await addFeed(aljazeera)];
        const [first] = await store.insertItems(v, [strikes], minutes(1));
        const [second] = await store.insertItems(a, [retaliation], minutes(1));
        if (!first || !second) throw new Error('items not stored');
        const view = async (s: Store) => [await s.timelineEntries('story-one'), await s.developmentDays('story-one')] as const;
        const inside = await store.transaction(async (tx) => {
          const seen = [await view(tx)];
          const [strike] = await tx.createDevelopments({ id: first.id }, minutes(2), [newDev('2024-01-16', 'military_strike', 'Iran struck.')]);
          seen.push(await view(tx));
          await tx.createDevelopments({ id: second.id }, minutes(3), [newDev('2024-01-15', 'diplomatic_protest', 'Recall.')]);
          await tx.addSources([strike!], { id: second.id, lang: 'ar' }, minutes(3));
          seen.push(await view(tx));
          await tx.reviseDevelopment('story-one', strike!, { id: second.id }, newDev('2024-01-17', 'military_strike', 'Iran struck again.'));
          seen.push(await view(tx));
          await tx.purgeFeed(a);
          seen.push(await view(tx));
          return seen;
        });
        expect(inside.map(([entries, days]) => [entries.map((d) => [d.date, d.summary, d.firstReport?.key ?? null]), days])).toEqual([
          [[], []],
          [[['2024-01-16', 'Iran struck.', strikes.key]], ['2024-01-16']],
          [
            [
              ['2024-01-15', 'Recall.', retaliation.key],
              ['2024-01-16', 'Iran struck.', strikes.key],
            ],
            ['2024-01-15', '2024-01-16'],
          ],
          [
            [
              ['2024-01-15', 'Recall.', retaliation.key],
              ['2024-01-17', 'Iran struck again.', retaliation.key],
            ],
            ['2024-01-15', '2024-01-17'],
          ],
          [
            [
              ['2024-01-15', 'Recall.', null],
              ['2024-01-17', 'Iran struck again.', null],
            ],
            ['2024-01-15', '2024-01-17'],
          ],
        ]);
        expect(await view(store)).toEqual(inside.at(-1));
      });

      it('changes the timeline version with every write readers would see, and only then', async () => {
        const [v, a] = [await addFeed(vnexpress), await addFeed(aljazeera)];
        const [first] = await store.insertItems(v, [strikes], minutes(1));
        const [second] = await store.insertItems(a, [retaliation], minutes(1));
        if (!first || !second) throw new Error('items not stored');
        const versions = [await store.timelineVersion('story-one')];
        const [strike] = await store.createDevelopments({ id: first.id }, minutes(2), [newDev('2024-01-16', 'military_strike', 'Iran struck.')]);
        await store.addSources([strike!], { id: first.id, lang: 'vi' }, minutes(2));
        versions.push(await store.timelineVersion('story-one'));
        versions.push(await store.timelineVersion('story-one'));
        await store.addSources([strike!], { id: second.id, lang: 'ar' }, minutes(3));
        versions.push(await store.timelineVersion('story-one'));
        await store.reviseDevelopment('story-one', strike!, { id: second.id }, newDev('2024-01-17', 'military_strike', 'Iran struck again.'));
        versions.push(await store.timelineVersion('story-one'));
        await store.withdrawSource('story-one', second.id, minutes(4));
        versions.push(await store.timelineVersion('story-one'));
        await store.purgeFeed(a);
        versions.push(await store.timelineVersion('story-one'));
        expect(versions[1]).toBe(versions[2]);
        expect(new Set(versions).size).toBe(versions.length - 1);
        expect(await store.timelineVersion('story-two')).toBe(await store.timelineVersion('no-such-story'));
      });
    });

    describe('platform pauses and the outbox backlog', () => {
      const sub = (platform: 'discord' | 'slack', channelId: string) =>
        store.subscribe({ platform, channelId, storyId: 'story-one', alerts: true, digestTime: null, timeZone: null }, T0);
      const pause = (platform: 'discord' | 'slack', at: Date, channelId = 'c1') =>
        store.pausePlatform({ platform, code: 'X_UNAUTHORIZED', reason: 'token revoked', channelId, pausedAt: at, nextProbeAt: minutes(5) });

      it('pauses a platform once, keeps the first pause, and lifts it on resume', async () => {
        expect(await store.listPlatformPauses()).toEqual([]);
        expect(await pause('slack', minutes(0))).toBe(true);
        expect(await pause('slack', minutes(1), 'c2')).toBe(false);
        expect(await pause('discord', minutes(2))).toBe(true);
        expect((await store.listPlatformPauses()).map((p) => [p.platform, p.channelId, p.pausedAt, p.nextProbeAt, p.code, p.reason])).toEqual([
          ['discord', 'c1', minutes(2), minutes(5), 'X_UNAUTHORIZED', 'token revoked'],
          ['slack', 'c1', minutes(0), minutes(5), 'X_UNAUTHORIZED', 'token revoked'],
        ]);
        expect(await store.resumePlatform('slack')).toMatchObject({ platform: 'slack', pausedAt: minutes(0) });
        expect(await store.resumePlatform('slack')).toBeNull();
        expect((await store.listPlatformPauses()).map((p) => p.platform)).toEqual(['discord']);
      });

      it("gives a paused platform's probe to one caller when it is due, and moves the next one", async () => {
        expect(await store.claimPlatformProbe('slack', minutes(9), minutes(10))).toBe(false);
        await pause('slack', minutes(0));
        expect(await store.claimPlatformProbe('slack', minutes(4), minutes(9))).toBe(false);
        expect(await store.claimPlatformProbe('slack', minutes(5), minutes(10))).toBe(true);
        expect(await store.claimPlatformProbe('slack', minutes(5), minutes(10))).toBe(false);
        expect((await store.listPlatformPauses())[0]?.nextProbeAt).toEqual(minutes(10));
        expect(await store.claimPlatformProbe('discord', minutes(5), minutes(10))).toBe(false);
      });

      it('serves due rows of the given platforms only, and counts what waits per platform', async () => {
        const d1 = await sub('discord', 'd1');
        const s1 = await sub('slack', 's1');
        const s2 = await sub('slack', 's2');
        const stopped = await sub('slack', 's3');
        await store.enqueueDigests([
          { subscriptionId: d1.id, day: null, at: minutes(1) },
          { subscriptionId: s1.id, day: null, at: minutes(1) },
          { subscriptionId: s1.id, day: null, at: minutes(2) },
          { subscriptionId: s2.id, day: null, at: minutes(3) },
          { subscriptionId: stopped.id, day: null, at: minutes(1) },
        ]);
        await store.stopSubscription(stopped.id, 'SLACK_CHANNEL_GONE: gone');
        const kinds = async (platforms?: ('discord' | 'slack')[]) =>
          (await store.dueOutbox(minutes(10), 10, platforms ? { platforms } : {})).map((r) => r.subscriptionId);
        expect(await kinds()).toEqual([d1.id, s1.id, s2.id, stopped.id]);
        expect(await kinds(['slack'])).toEqual([s1.id, s2.id, stopped.id]);
        expect(await kinds(['discord'])).toEqual([d1.id]);
        expect(await kinds([])).toEqual([]);

        const [first] = (await store.listOutbox()).filter((r) => r.subscriptionId === s1.id);
        await store.recordDelivery(first!.id, { status: 'pending', attempts: 1, nextAttemptAt: minutes(30), lastError: 'SLACK_RATE_LIMITED: wait' });
        expect((await store.outboxBacklog()).map((b) => [b.platform, b.pending, b.nextAttemptAt, b.lastError])).toEqual([
          ['discord', 1, minutes(1), null],
          // s1's second digest waits behind its first (due at 30), so the earliest is s2's at 3
          ['slack', 3, minutes(3), null],
        ]);
        const [s2row] = (await store.listOutbox()).filter((r) => r.subscriptionId === s2.id);
        await store.recordDelivery(s2row!.id, { status: 'sent', sentAt: minutes(4), lastError: null, needsUpdate: false });
        expect((await store.outboxBacklog()).find((b) => b.platform === 'slack')).toEqual({
          platform: 'slack',
          pending: 2,
          nextAttemptAt: minutes(30),
          lastError: 'SLACK_RATE_LIMITED: wait',
        });
      });
    });
  });
}
