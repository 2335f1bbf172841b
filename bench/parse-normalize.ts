import { readFileSync } from 'node:fs';
import { normalizeItem } from '../src/pipeline/normalize/normalize-item.js';
import { parseFeed, readFeed } from '../src/pipeline/parse/parse-feed.js';
import { peakMb, stopwatch, type StageResult } from './stage-result.js';

/** parseFeed alone (decode, sniff, parse) on the bench feed. */
export async function benchParse(feedPath: string): Promise<StageResult> {
  const body = readFileSync(feedPath);
  const timer = stopwatch();
  const parsed = await parseFeed(body, 'application/rss+xml');
  if (!parsed.ok) throw new Error(`bench feed did not parse: ${parsed.error.message}`);
  return { stage: 'parse', items: parsed.value.items.length, ...timer(), peakMb: peakMb(), detail: 'parseFeed' };
}

/**
 * readFeed + normalizeItem on the bench feed, as `pollFeed` reads a feed (each batch of items
 * normalized as the document is read); prints the wall time spent normalizing (CPU time is not
 * read per batch: each reading costs a system call).
 */
export async function benchParseNormalize(feedPath: string): Promise<StageResult> {
  const body = readFileSync(feedPath);
  const feed = { url: 'https://news.example.com/feed.xml' };
  const timer = stopwatch();
  let normalizeMs = 0;
  const read = await readFeed(body, 'application/rss+xml', (raws) => {
    const start = performance.now();
    const normalized = raws.map((raw) => normalizeItem(raw, feed).ok);
    normalizeMs += performance.now() - start;
    return normalized;
  });
  if (!read.ok) throw new Error(`bench feed did not parse: ${read.error.message}`);
  const time = timer();
  return {
    stage: 'parse+normalize',
    items: read.value.results.filter(Boolean).length,
    ...time,
    peakMb: peakMb(),
    detail: `readFeed, items normalized batch by batch (${normalizeMs.toFixed(0)} ms of wall time normalizing)`,
  };
}
