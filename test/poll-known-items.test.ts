import { describe, expect, it } from 'vitest';
import { ManualClock } from '../src/core/clock.js';
import type { Item } from '../src/core/item.js';
import { createLogger } from '../src/core/logger.js';
import { ok } from '../src/core/result.js';
import type { Http } from '../src/pipeline/fetch/types.js';
import { pollFeed } from '../src/pipeline/run-feed.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { rss } from './helpers/rss.js';

const item = (n: number) => ({
  title: `Talks resume between the two capitals, round ${n}`,
  link: `https://news.example/talks-${n}?utm_source=rss`,
  date: 'Fri, 19 Jan 2024 10:00:00 GMT',
  html: `<p>Delegations met again on Friday for round ${n} of the talks.</p>`,
});

/** An Http port that answers the current document with a full body. */
function feedOf(doc: { xml: string }): Http {
  return {
    get: async () =>
      ok({
        kind: 'fetched',
        status: 200,
        body: Buffer.from(doc.xml),
        contentType: 'application/rss+xml',
        etag: null,
        lastModified: null,
        finalUrl: 'http://127.0.0.1/feed.xml',
      }),
  };
}

describe('a poll leaves out the entries already stored before normalizing them', () => {
  it('hands the store only the new entries, and still stores and reports them', async () => {
    const store = openSqliteStore(':memory:');
    const handed: Item[][] = [];
    const recording = { ...store, insertItems: (...args: Parameters<typeof store.insertItems>) => (handed.push(args[1]), store.insertItems(...args)) };
    const doc = { xml: rss([item(2), item(1)]) };
    const clock = new ManualClock(new Date('2024-01-19T12:00:00Z'));
    const deps = { store: recording, http: feedOf(doc), clock, log: createLogger('silent'), stories: [] };
    const added = await store.addFeed({ url: 'http://127.0.0.1/feed.xml', name: 'talks', intervalSec: 600 }, clock.now());
    if (!added.ok) throw new Error(added.error.message);

    const first = await pollFeed(added.value, deps);
    expect(first.baselineItems).toBe(2);
    doc.xml = rss([item(3), item(2), item(1)]);
    const feed = (await store.listFeeds())[0]!;
    const second = await pollFeed(feed, deps);

    expect(handed[1]?.map((i) => i.link)).toEqual(['https://news.example/talks-3']);
    expect(second.itemsSeen).toBe(3);
    expect(second.newItems.map((i) => i.link)).toEqual(['https://news.example/talks-3']);
    expect(await store.countItems(feed.id)).toBe(3);
    await store.close();
  });
});
