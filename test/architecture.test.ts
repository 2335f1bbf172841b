import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { layerRules } from '../eslint/layers.js';

function filesUnder(dir: string, ext = /\.ts$/): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full, ext) : ext.test(name) ? [full] : [];
  });
}

/** Names a story config gives (id words, actors and their aliases when present): none may appear in src/. */
function storyTerms(): string[] {
  const terms = new Set<string>();
  // A story's learned weights file (`<id>.weights.yml`) sits beside it and names no term.
  for (const file of filesUnder('config/stories', /\.ya?ml$/).filter((f) => !f.endsWith('.weights.yml'))) {
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
    // Whole words only: "Armenian" (a Unicode script) or "isPromo" do not name a story. One pattern per term, for every file.
    const patterns = terms.map((term) => ({
      term,
      pattern: new RegExp(`(?<![\\p{L}\\p{M}])${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{M}])`, 'iu'),
    }));
    const hits = sources.flatMap(({ file, text }) => patterns.filter(({ pattern }) => pattern.test(text)).map(({ term }) => `${file}: ${term}`));
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

/**
 * The layering itself is checked by `npm run lint` (eslint/layers.js) on the whole tree; these cases
 * show that its rules refuse what they should and let through what they should.
 */
describe('layer rules (eslint/layers.js)', () => {
  const eslint = new ESLint({
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...layerRules],
  });
  const refused = async (filePath: string, code: string): Promise<string[]> => {
    const [result] = await eslint.lintText(code, { filePath });
    return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
  };

  it.each([
    ['src/core/text/x.ts', "import type { Store } from '../../store/ports.js';", 'core may not import store'],
    ['src/core/x.ts', "export { buildMessage } from '../delivery/build-message.js';", 'core may not import delivery'],
    ['src/config/x.ts', "import { scoreAnalysis } from '../pipeline/match/score.js';", 'config may not import match'],
    ['src/store/sqlite/x.ts', "import { dispatch } from '../../delivery/dispatch.js';", 'store may not import delivery'],
    ['src/pipeline/detect/x.ts', "import { matchNewItems } from '../match-items.js';", 'detect may not import orchestrators'],
    ['src/pipeline/match/x.ts', "import { extractCandidates } from '../detect/extract.js';", 'match may not import detect'],
    ['src/pipeline/normalize/x.ts', "import { foldText } from '../match/fold-text.js';", 'normalize may not import match'],
    ['src/queries/x.ts', "import { PhraseIndex } from '../pipeline/match/phrase-index.js';", 'queries may not import match'],
    ['src/queries/x.ts', "import { splitClauses } from '../pipeline/detect/background.js';", 'queries may not import detect'],
    ['src/delivery/x.ts', "import { answerQuestion } from '../cli/guard.js';", 'delivery may not import cli'],
    ['src/adapters/slack/x.ts', "import { renderAlert } from '../discord/render.js';", 'adapters/slack may not import adapters/discord'],
    ['src/scheduler/x.ts', "import { DiscordSender } from '../adapters/discord/discord-sender.js';", 'scheduler may not import adapters/discord'],
    ['src/main.ts', "import { runCli } from './cli/guard.js';", 'main may not import cli'],
    ['src/pipeline/x.ts', "import { Client } from 'discord.js';", 'chat platforms live only in src/adapters/discord/'],
    ['src/delivery/x.ts', "import { WebClient } from '@slack/web-api';", 'chat platforms live only in src/adapters/slack/'],
    ['commands/x.ts', "import { REST } from '@discordjs/rest';", 'chat platforms live only in src/adapters/discord/'],
    ['src/queries/x.ts', "import { App } from '@slack/bolt';", 'chat platforms live only in src/adapters/slack/'],
  ])('%s: refuses %s', async (file, code, message) => {
    const messages = await refused(file, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^no-restricted-imports: /);
    expect(messages[0]).toContain(message);
  });

  it.each([
    ['src/pipeline/detect/x.ts', "import { readSignals } from '../match/read-signals.js';\nimport { mentionedDates } from '../dates/mentioned-dates.js';"],
    ['src/queries/x.ts', "import { readSignals } from '../pipeline/match/read-signals.js';\nimport { sentences } from '../core/text/segments.js';"],
    ['src/pipeline/run-feed2.ts', "import { extractCandidates } from './detect/extract.js';\nimport type { Store } from '../store/ports.js';"],
    ['src/adapters/discord/x.ts', "import { Client } from 'discord.js';\nimport { commands } from '../../../commands/index.js';"],
    ['src/cli/x.ts', "import { main } from '../main.js';\nimport { runDemo } from '../demo/run-demo.js';"],
  ])('%s: allows %s', async (file, code) => {
    expect(await refused(file, code)).toEqual([]);
  });
});
