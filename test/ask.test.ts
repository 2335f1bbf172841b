import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Development } from '../src/core/development.js';
import type { StoredItem } from '../src/core/item.js';
import { createLogger } from '../src/core/logger.js';
import { processItem } from '../src/pipeline/process-item.js';
import { answerQuestion } from '../src/queries/ask.js';
import { openSqliteStore, type SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { bundledStory, seedItems } from './helpers/stories.js';

describe('ask on the seed timeline', () => {
  const story = bundledStory('iran-pakistan-2024');
  let dir: string;
  let store: SqliteStore;
  let timeline: Development[];
  let items: StoredItem[];
  const ask = (q: string) => answerQuestion(story, q, timeline, items);

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'storywatch-ask-'));
    store = openSqliteStore(path.join(dir, 'ask.db'));
    const feed = await store.addFeed({ url: 'https://seeds.example/feed', name: 'seeds', intervalSec: 600 }, new Date());
    if (!feed.ok) throw new Error(feed.error.message);
    const order = ['000', '001', '003', '004', '002'];
    const seeds = seedItems().sort((a, b) => order.indexOf(a.file.slice(0, 3)) - order.indexOf(b.file.slice(0, 3)));
    for (const seed of seeds) await processItem(seed, feed.value.id, [story], { store, log: createLogger('silent'), now: new Date() });
    timeline = await store.listDevelopments(story.config.id);
    items = await store.getItems(timeline.flatMap((d) => d.sources));
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** An answer's developments as "day kind actor→actor", and its tolls. */
  const named = (q: string) => ask(q).entries.map((e) => `${e.development.date} ${e.development.kind} ${e.development.actors.join('→')}`);

  it('answers "what happened on January 18?" with the Pakistani strike', () => {
    const a = ask('what happened on January 18?');
    expect(a.known).toBe(true);
    expect(named('what happened on January 18?')).toEqual(['2024-01-18 military_strike pakistan→iran']);
    expect(a.developments).toEqual([expect.stringMatching(/^D\d+$/)]);
  });

  it('answers "when did Pakistan strike Iran?" with 18 January, not the Iranian strike of the 16th', () => {
    expect(named('when did Pakistan strike Iran?')).toEqual(['2024-01-18 military_strike pakistan→iran']);
    expect(named('When did Iran strike Pakistan?')).toEqual(['2024-01-16 military_strike iran→pakistan']);
  });

  it('answers "latest" with the talks of 29 January', () => {
    const [latest] = ask('latest').entries;
    expect(latest).toMatchObject({ latest: true, toll: null, development: { date: '2024-01-29' } });
  });

  it('answers "how many were killed" from the sources, with the numbers', () => {
    const a = ask('how many were killed');
    expect(a.known).toBe(true);
    const tolls = a.entries.map((e) => `${e.development.date} ${e.toll?.text}`);
    expect(tolls).toEqual([expect.stringMatching(/^2024-01-16 .*(two children|hai trẻ em|两名儿童)/), expect.stringMatching(/^2024-01-18 .*nine/)]);
    expect(a.entries.every((e) => e.toll !== null && e.development.sources.includes(e.toll.itemId))).toBe(true);
  });

  it('answers "what did the foreign ministers agree?" with the de-escalation and the talks', () => {
    expect(ask('what did the foreign ministers agree?').entries.map((e) => e.development.date)).toEqual(['2024-01-19', '2024-01-29']);
  });

  it('says it does not know when the timeline has no answer', () => {
    for (const q of ['what happened on March 3?', 'who won the cricket?', 'when did Pakistan impose sanctions on Iran?'])
      expect(ask(q), q).toEqual({ known: false, entries: [], developments: [] });
  });
});
