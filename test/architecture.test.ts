import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

function filesUnder(dir: string, ext = /\.ts$/): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full, ext) : ext.test(name) ? [full] : [];
  });
}

/** Names a story config gives (id words, actors and their aliases when present): none may appear in src/. */
function storyTerms(): string[] {
  const terms = new Set<string>();
  for (const file of filesUnder('config/stories', /\.ya?ml$/)) {
    const story = parseYaml(readFileSync(file, 'utf8')) as Record<string, unknown>;
    for (const part of String(story.id).split('-')) if (/^[a-z]{4,}$/.test(part)) terms.add(part);
    const walk = (value: unknown, inNames: boolean): void => {
      if (Array.isArray(value)) value.forEach((v) => walk(v, inNames));
      else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) walk(v, inNames || /^(names|aliases)$/.test(k));
      } else if (inNames && typeof value === 'string' && value.length >= 4) terms.add(value.toLowerCase());
    };
    const parts = [story.sides, story.entities, story.nearMisses].flatMap((list) => (Array.isArray(list) ? list : []));
    for (const part of parts as { label?: unknown }[]) if (typeof part.label === 'string') terms.add(part.label.toLowerCase());
    walk(story, false);
  }
  return [...terms];
}

describe('architecture', () => {
  const sources = filesUnder('src').map((f) => ({ file: f, text: readFileSync(f, 'utf8') }));

  it('keeps story knowledge out of src/', () => {
    const terms = storyTerms();
    expect(terms).toContain('iran');
    // Whole words only: "Armenian" (a Unicode script) or "isPromo" do not name a story.
    const named = (text: string, term: string): boolean =>
      new RegExp(`(?<![\\p{L}\\p{M}])${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{M}])`, 'iu').test(text);
    const hits = sources.flatMap(({ file, text }) => terms.filter((t) => named(text, t)).map((t) => `${file}: ${t}`));
    expect(hits).toEqual([]);
  });

  it('keeps chat platforms out of the pipeline, queries, delivery and commands', () => {
    const layered = [...sources.filter(({ file }) => /src\/(pipeline|queries|delivery)\//.test(file)), ...filesUnder('commands').map((f) => ({ file: f, text: readFileSync(f, 'utf8') }))];
    const hits = layered.filter(({ text }) => /from ['"](discord\.js|@discordjs\/[^'"]+|@slack\/[^'"]+)['"]/.test(text)).map(({ file }) => file);
    expect(hits).toEqual([]);
  });

  it('keeps commands/ upstream of the CLI: no import from src/cli/', () => {
    const hits = filesUnder('commands').filter((f) => /from ['"][./]*src\/cli\//.test(readFileSync(f, 'utf8')));
    expect(hits).toEqual([]);
  });

  it('reads process.env only in src/config/ and src/main.ts', () => {
    const hits = sources
      .filter(({ file }) => !file.startsWith(path.join('src', 'config')) && file !== path.join('src', 'main.ts'))
      .filter(({ text }) => /process\.env\b/.test(text))
      .map(({ file }) => file);
    expect(hits).toEqual([]);
  });

  it('never mocks our own modules in tests', () => {
    const hits = filesUnder('test')
      .filter((f) => f !== path.join('test', 'architecture.test.ts'))
      .filter((f) => /\bvi\.(mock|doMock)\(/.test(readFileSync(f, 'utf8')));
    expect(hits).toEqual([]);
  });
});
