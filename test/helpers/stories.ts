import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inputLineSchema, inputToItem, type InputLine } from '../../src/cli/jsonl-input.js';
import { loadConfig } from '../../src/config/load.js';
import type { Item } from '../../src/core/item.js';
import { loadSeedArticles } from '../../src/demo/seed-articles.js';
import { asHtml } from '../../src/demo/seed-feed-server.js';
import { compileStory, type CompiledStory } from '../../src/pipeline/match/compile-story.js';
import { normalizeItem } from '../../src/pipeline/normalize/normalize-item.js';

const compiled = new Map<string, CompiledStory>();

/** A story of the bundled config/, compiled once per test file. */
export function bundledStory(id: string): CompiledStory {
  const cached = compiled.get(id);
  if (cached) return cached;
  const config = loadConfig({ STORYWATCH_CONFIG_DIR: 'config' });
  if (!config.ok) throw new Error(config.error.message);
  const story = config.value.stories.find((s) => s.id === id);
  if (!story) throw new Error(`no story ${id} in config/`);
  const result = compileStory(story);
  compiled.set(id, result);
  return result;
}

/** A labeled set's lines with their normalized items. */
export function labeledSet(file: string): { line: InputLine; item: Item }[] {
  return readFileSync(path.join('test', 'fixtures', 'eval', file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const line = inputLineSchema.parse(JSON.parse(l));
      const item = inputToItem(line, new Date());
      if (!item.ok) throw new Error(`${file} ${line.id}: ${item.error.message}`);
      return { line, item: item.value };
    });
}

/** The five seed articles as the demo feed serves them (plain-text paragraphs as HTML), normalized. */
export function seedItems(): (Item & { file: string })[] {
  return loadSeedArticles(path.join('test', 'fixtures', 'seeds')).map((seed) => {
    const item = normalizeItem({ title: seed.title, content: asHtml(seed.content), published: seed.published }, { url: 'https://seed.example/' });
    if (!item.ok) throw new Error(`${seed.file}: ${item.error.message}`);
    return { ...item.value, file: seed.file };
  });
}
