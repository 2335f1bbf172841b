import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config/load.js';
import type { Item } from '../src/core/item.js';
import { inputLineSchema, inputToItem } from '../src/cli/jsonl-input.js';
import { loadSeedArticles } from '../src/demo/seed-articles.js';
import { compileStory } from '../src/pipeline/match/compile-story.js';
import { matchItem } from '../src/pipeline/match/match-item.js';
import { normalizeItem } from '../src/pipeline/normalize/normalize-item.js';
import { peakMb, stopwatch, type StageResult } from './stage-result.js';

const ITEM_COUNT = 20_000;

/** The labeled sets and the seeds, normalized: a mixed-language workload of headlines, leads and long articles. */
export function workload(): Item[] {
  const now = new Date();
  const items: Item[] = [];
  for (const file of ['iran-pakistan-2024.jsonl', 'nagorno-karabakh-2023.jsonl']) {
    for (const line of readFileSync(path.join('test', 'fixtures', 'eval', file), 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const item = inputToItem(inputLineSchema.parse(JSON.parse(line)), now);
      if (item.ok) items.push(item.value);
    }
  }
  for (const seed of loadSeedArticles(path.join('test', 'fixtures', 'seeds'))) {
    const item = normalizeItem({ title: seed.title, content: seed.content, published: seed.published }, { url: 'https://seed.example/' });
    if (item.ok) items.push(item.value);
  }
  return items;
}

/** Matches 20,000 mixed-language items against the first configured story, single process. */
export function benchMatch(): StageResult {
  const config = loadConfig({ STORYWATCH_CONFIG_DIR: 'config' });
  if (!config.ok) throw new Error(config.error.message);
  const compileStart = performance.now();
  const stories = config.value.stories.map((s) => compileStory(s));
  const compileMs = performance.now() - compileStart;
  const items = workload();
  const chars = items.reduce((n, i) => n + i.title.length + i.text.length, 0) / items.length;
  for (const item of items.slice(0, 200)) matchItem(stories[0]!, item);
  let matched = 0;
  const timer = stopwatch();
  for (let i = 0; i < ITEM_COUNT; i += 1) if (matchItem(stories[0]!, items[i % items.length]!).matched) matched += 1;
  const time = timer();
  const langs = new Set(items.map((i) => i.lang)).size;
  return {
    stage: 'match',
    items: ITEM_COUNT,
    ...time,
    peakMb: peakMb(),
    detail: `${items.length} distinct items, ${langs} languages, ${Math.round(chars)} chars avg, ${matched} matched; compiled ${stories.length} stories in ${Math.round(compileMs)} ms`,
  };
}
