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

  it('answers "what happened on January 18?" with the Pakistani strike', () => {
    const a = ask('what happened on January 18?');
    expect(a.known).toBe(true);
    expect(a.lines).toHaveLength(1);
    expect(a.lines[0]).toMatch(/^18 January 2024 — military strike: Pakistan → Iran \(D\d+; \d source\(s\) in /);
  });

  it('answers "when did Pakistan strike Iran?" with 18 January, not the Iranian strike of the 16th', () => {
    const a = ask('when did Pakistan strike Iran?');
    expect(a.lines).toEqual([expect.stringMatching(/^On 18 January 2024 — military strike: Pakistan → Iran/)]);
    expect(ask('When did Iran strike Pakistan?').lines).toEqual([expect.stringMatching(/^On 16 January 2024 — military strike: Iran → Pakistan/)]);
  });

  it('answers "latest" with the talks of 29 January', () => {
    expect(ask('latest').lines[0]).toMatch(/^Latest: 29 January 2024 — .*Pakistan, Iran/);
  });

  it('answers "how many were killed" from the sources, with the numbers', () => {
    const a = ask('how many were killed');
    expect(a.known).toBe(true);
    const text = a.lines.join('\n');
    expect(text).toMatch(/16 January 2024 .*(two children|hai trẻ em|两名儿童)/);
    expect(text).toMatch(/18 January 2024 .*nine/);
  });

  it('answers "what did the foreign ministers agree?" with the de-escalation and the talks', () => {
    const a = ask('what did the foreign ministers agree?');
    expect(a.lines.map((l) => l.slice(0, 16))).toEqual(['19 January 2024 ', '29 January 2024 ']);
  });

  it('says it does not know when the timeline has no answer', () => {
    expect(ask('what happened on March 3?')).toMatchObject({
      known: false,
      lines: [expect.stringMatching(/^I don't know: no development is recorded on 3\/3/)],
    });
    expect(ask('who won the cricket?')).toMatchObject({ known: false, lines: [expect.stringMatching(/^I don't know/)] });
    expect(ask('when did Pakistan impose sanctions on Iran?').known).toBe(false);
  });
});
