import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** A line of a labeled corpus file (test/fixtures/corpus/<story>.jsonl), as tests read it. */
export type CorpusLine = {
  id: string;
  lang: string;
  title: string | null;
  summary: string;
  published: string | null;
  split: string;
  label: string;
  source_url?: string;
};

/** An item of a story's corpus dev split, by id; a test-split id throws (tests never tune on test). */
export function devItem(id: string, story = 'iran-pakistan-2024'): CorpusLine {
  const line = readFileSync(`test/fixtures/corpus/${story}.jsonl`, 'utf8')
    .split('\n')
    .find((l) => l.includes(`"${id}"`));
  const found = JSON.parse(line ?? 'null') as CorpusLine | null;
  if (!found || found.split !== 'dev') throw new Error(`${id}: not a dev item`);
  return found;
}

/** Every record of the labeled sets (test/fixtures/corpus and test/fixtures/eval, both splits), as parsed JSON. */
export function labeledRecords(): Record<string, unknown>[] {
  const fixtures = path.join('test', 'fixtures');
  return ['corpus', 'eval'].flatMap((dir) =>
    readdirSync(path.join(fixtures, dir))
      .filter((f) => f.endsWith('.jsonl'))
      .flatMap((file) =>
        readFileSync(path.join(fixtures, dir, file), 'utf8')
          .split('\n')
          .filter((line) => line.trim() !== '')
          .map((line) => JSON.parse(line) as Record<string, unknown>),
      ),
  );
}
