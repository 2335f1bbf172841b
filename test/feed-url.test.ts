import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load.js';
import { normalizeFeedUrl } from '../src/core/feed-url.js';
import { findFeed } from '../src/pipeline/find-feed.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';

describe('normalizeFeedUrl', () => {
  it('lower-cases scheme and host, drops default ports and the fragment, keeps the path as written', () => {
    expect(normalizeFeedUrl('HTTP://News.Example.COM:80/World/Feed.xml#latest')).toBe('http://news.example.com/World/Feed.xml');
    expect(normalizeFeedUrl('HTTPS://news.example:443/rss')).toBe('https://news.example/rss');
    expect(normalizeFeedUrl('https://news.example:8443/rss')).toBe('https://news.example:8443/rss');
    expect(normalizeFeedUrl('  https://news.example/rss  ')).toBe('https://news.example/rss');
  });

  it('drops tracking parameters and keeps the others as written, in their order', () => {
    expect(normalizeFeedUrl('https://news.example/f?utm_source=tw&b=2&a=1&fbclid=x&UTM_Campaign=y')).toBe('https://news.example/f?b=2&a=1');
    for (const name of ['utm_medium', 'gclid', 'mc_cid', 'mc_eid', 'igshid', 'msclkid', '_ga', 'pk_campaign', 'mtm_source']) {
      expect(normalizeFeedUrl(`https://news.example/f?${name}=1`)).toBe('https://news.example/f');
    }
    expect(normalizeFeedUrl('https://news.example/f?q=a%20b&flag&x=a+b')).toBe('https://news.example/f?q=a%20b&flag&x=a+b');
    expect(normalizeFeedUrl('https://news.example/f?%75tm_source=1&k=v')).toBe('https://news.example/f?k=v');
    expect(normalizeFeedUrl('https://news.example/f?')).toBe('https://news.example/f');
  });

  it('keeps parameters that choose a feed (WordPress ?feed=rss2, categories, refs)', () => {
    expect(normalizeFeedUrl('https://blog.example/?feed=rss2&cat=3&ref=home&utm_source=x')).toBe('https://blog.example/?feed=rss2&cat=3&ref=home');
  });

  it('returns text that is not a URL trimmed and unchanged, for validation to report', () => {
    expect(normalizeFeedUrl(' not a url ')).toBe('not a url');
  });
});

describe('findFeed', () => {
  it('finds a feed by id, by its stored URL and by any spelling of it', async () => {
    const store = openSqliteStore(':memory:');
    try {
      const added = await store.addFeed({ url: 'https://news.example/rss?cat=3', name: 'News', intervalSec: 600 }, new Date());
      if (!added.ok) throw new Error(added.error.message);
      const id = added.value.id;
      for (const key of [String(id), 'https://news.example/rss?cat=3', 'HTTPS://NEWS.example:443/rss?cat=3&utm_source=x#top']) {
        expect((await findFeed(store, key))?.id).toBe(id);
      }
      expect(await findFeed(store, 'https://news.example/rss?cat=4')).toBeNull();
      expect(await findFeed(store, String(id + 1))).toBeNull();
    } finally {
      await store.close();
    }
  });
});

describe('feeds.yml', () => {
  it('is synced with normalized URLs, so its spellings and `feeds add` agree on one feed', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'storywatch-feed-url-'));
    try {
      writeFileSync(path.join(dir, 'feeds.yml'), 'feeds:\n  - url: HTTPS://News.Example:443/rss?utm_source=yml&cat=3#top\n');
      const config = loadConfig({ STORYWATCH_CONFIG_DIR: dir });
      if (!config.ok) throw new Error(config.error.message);
      expect(config.value.feeds.map((f) => [f.url, f.name])).toEqual([['https://news.example/rss?cat=3', 'news.example']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
