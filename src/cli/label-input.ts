import type { Item } from '../core/item.js';
import { readJsonLines, type InputLine } from './jsonl-input.js';
import { complain, inputItems } from './story-input.js';

/** What reading a labels file (`--labels`) kept and set aside. */
export interface LabelsRead {
  file: string;
  /** Label lines that joined the dev split. */
  lines: number;
  /** Label lines set aside because their source URL is an item of the input's test split. */
  heldOut: number;
}

/** The source URLs of the input's test split, trimmed (an item never moves out of test). */
async function testUrls(input: string): Promise<Set<string>> {
  const urls = new Set<string>();
  for await (const record of readJsonLines(input)) {
    if (record.ok && record.value.split === 'test' && record.value.source_url) urls.add(record.value.source_url.trim());
  }
  return urls;
}

/**
 * The lines of a `storywatch labels export` file, for `eval` and `train`: they join the dev split
 * only (lines of another split are passed over), and a line whose source URL is an item of the
 * input's test split is set aside (counted in `read.heldOut`), so readers' labels never reach the
 * test split. Bad lines are reported on stderr and skipped, as for the input.
 */
export async function* labelItems(file: string, input: string, read: LabelsRead): AsyncGenerator<{ line: InputLine; item: Item }> {
  const held = await testUrls(input);
  for await (const entry of inputItems(file, { split: 'dev' })) {
    if (entry.line.source_url !== undefined && held.has(entry.line.source_url.trim())) {
      read.heldOut += 1;
      continue;
    }
    read.lines += 1;
    yield entry;
  }
  if (read.heldOut > 0) complain(`LABELS_HELD_OUT: ${file}: ${read.heldOut} label line(s) set aside: their source_url is in the test split of ${input}`);
}

/** The entries of each source in turn (an input, then its labels). */
export async function* inOrder<T>(sources: AsyncIterable<T>[]): AsyncGenerator<T> {
  for (const source of sources) yield* source;
}
