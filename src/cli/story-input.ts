import type { Item } from '../core/item.js';
import { loadAppConfig } from '../main.js';
import { compileStory, type CompiledStory } from '../pipeline/match/compile-story.js';
import { findStory } from '../pipeline/match/find-story.js';
import { inputToItem, readJsonLines, type InputLine } from './jsonl-input.js';
import type { GlobalOptions } from './with-app.js';

/** Writes a coded problem on stderr. */
export const complain = (message: string): void => void process.stderr.write(`storywatch: ${message}\n`);

/** Loads the config and compiles the named story; on failure prints the error and sets exit code 2. */
export function openStory(globals: GlobalOptions, id: string | undefined): CompiledStory | null {
  const config = loadAppConfig({ configDir: globals.config });
  const story = config.ok ? findStory(config.value.stories, id) : config;
  if (!story.ok) {
    complain(`${story.error.code}: ${story.error.message}`);
    process.exitCode = 2;
    return null;
  }
  return compileStory(story.value);
}

/** Which lines `inputItems` yields, and what it tells of the others. */
export interface InputFilter {
  /** Only lines of this corpus split; lines of another split, or of none, are passed over silently. */
  split?: 'dev' | 'test';
  /** Called for each line rejected (reported on stderr and skipped). */
  onRejected?: () => void;
  /** Called for each valid line of another split. */
  onOtherSplit?: () => void;
}

/** The valid lines of a JSONL input (`match`, `eval`, `replay`), normalized; bad lines are reported on stderr and skipped. */
export async function* inputItems(file: string, filter: InputFilter = {}): AsyncGenerator<{ line: InputLine; item: Item }> {
  for await (const record of readJsonLines(file)) {
    if (!record.ok) {
      complain(`${file}:${record.line}: INPUT_INVALID: ${record.error}; line skipped`);
      filter.onRejected?.();
      continue;
    }
    if (filter.split !== undefined && record.value.split !== filter.split) {
      filter.onOtherSplit?.();
      continue;
    }
    const item = inputToItem(record.value, new Date());
    if (!item.ok) {
      complain(`${file}:${record.line}: ${item.error.code}: ${item.error.message}; line skipped`);
      filter.onRejected?.();
      continue;
    }
    yield { line: record.value, item: item.value };
  }
}
