import { readFileSync } from 'node:fs';

/** A line of a labeled corpus file (test/fixtures/corpus/<story>.jsonl), as tests read it. */
export type CorpusLine = { id: string; lang: string; title: string | null; summary: string; published: string | null; split: string; label: string };

/** An item of a story's corpus dev split, by id; a test-split id throws (tests never tune on test). */
export function devItem(id: string, story = 'iran-pakistan-2024'): CorpusLine {
  const line = readFileSync(`test/fixtures/corpus/${story}.jsonl`, 'utf8')
    .split('\n')
    .find((l) => l.includes(`"${id}"`));
  const found = JSON.parse(line ?? 'null') as CorpusLine | null;
  if (!found || found.split !== 'dev') throw new Error(`${id}: not a dev item`);
  return found;
}
