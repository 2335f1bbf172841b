import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/core/logger.js';
import { processItem } from '../src/pipeline/process-item.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { runCli } from './helpers/cli.js';
import { bundledStory, seedItems } from './helpers/stories.js';

const STORY = 'iran-pakistan-2024';

/** `storywatch ask --lang`, `reindex` and `eval --questions`, run as a user runs them, on the seed articles and the corpus. */
describe('storywatch ask, reindex and eval --questions', () => {
  let dir: string;
  let db: string;
  const cli = (...args: string[]) => runCli(['--db', db, ...args]);

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'storywatch-ask-cli-'));
    db = path.join(dir, 'sw.db');
    const store = openSqliteStore(db);
    const story = bundledStory(STORY);
    const feed = await store.addFeed({ url: 'https://seeds.example/feed', name: 'Seeds', intervalSec: 600 }, new Date());
    if (!feed.ok) throw new Error(feed.error.message);
    for (const seed of seedItems()) await processItem(seed, feed.value.id, [story], { store, log: createLogger('silent'), now: new Date() });
    // As a database from before the sentence index: its matched items have no sentences yet.
    for (const item of await store.listItems()) await store.indexSentences(STORY, item, []);
    expect(await store.countSentences(STORY)).toBe(0);
    await store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('does not know before the index is filled, and answers after `reindex`', async () => {
    expect((await cli('ask', '--story', STORY, 'who mediated?')).out).toMatch(/^I don't know/);
    const reindex = await cli('reindex');
    expect(reindex).toMatchObject({ code: 0, err: '' });
    expect(reindex.out).toMatch(new RegExp(`^${STORY}: 5 matched items indexed, \\d{2,} sentences$`, 'm'));
    expect(reindex.out).toMatch(/^nagorno-karabakh-2023: 0 matched items indexed, 0 sentences$/m);
    const again = await cli('reindex', '--story', STORY);
    expect(again.out.trim()).toBe(reindex.out.split('\n')[0]);
    const a = await cli('ask', '--story', STORY, 'who mediated?');
    expect(a).toMatchObject({ code: 0, err: '' });
    expect(a.out).toContain('“The United Nations and the United States appealed for restraint, while China offered to mediate.” — Seeds, 2024-01-19, English');
  });

  it('cites the asker’s language first with --lang, and refuses a bad one', async () => {
    const zh = await cli('ask', '--story', STORY, '--lang', 'zh-CN', 'when did Pakistan strike Iran?');
    expect(zh.out.split('\n').find((l) => l.startsWith('“'))).toMatch(/^“周四，巴基斯坦对伊朗东南部边境省份.* — Seeds, 2024-01-19, Chinese$/);
    const bad = await cli('ask', '--story', STORY, '--lang', 'no such', 'who mediated?');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('LANG_INVALID');
  });

  it('reports the share of the question set answered correctly per split', async () => {
    const run = await runCli(['eval', '--questions', path.join('test', 'fixtures', 'questions', `${STORY}.yml`), '--json']);
    expect(run).toMatchObject({ code: 0, err: '' });
    const figures = JSON.parse(run.out) as { splits: { split: string; questions: number; languages: number; share: number }[] };
    const [dev, test] = figures.splits;
    expect(dev).toMatchObject({ split: 'dev', questions: 43, languages: 15 });
    expect(test).toMatchObject({ split: 'test', questions: 21, languages: 12 });
    expect(dev?.share).toBeGreaterThanOrEqual(0.85);
    expect(test?.share).toBeGreaterThanOrEqual(0.6);
    const bad = await runCli(['eval', '--questions', path.join(dir, 'none.yml')]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('INPUT_NOT_FOUND');
  }, 240_000);
});
