import { readFileSync } from 'node:fs';
import { normalizeItem } from '../src/pipeline/normalize/normalize-item.js';
import { parseFeed } from '../src/pipeline/parse/parse-feed.js';
import { peakMb, stopwatch, type StageResult } from './stage-result.js';

/** parseFeed alone (decode, sniff, parse) on the bench feed. */
export async function benchParse(feedPath: string): Promise<StageResult> {
  const body = readFileSync(feedPath);
  const timer = stopwatch();
  const parsed = await parseFeed(body, 'application/rss+xml');
  if (!parsed.ok) throw new Error(`bench feed did not parse: ${parsed.error.message}`);
  return { stage: 'parse', items: parsed.value.items.length, ...timer(), peakMb: peakMb(), detail: 'parseFeed' };
}

/** parseFeed + normalizeItem on the bench feed; prints how the time splits. */
export async function benchParseNormalize(feedPath: string): Promise<StageResult> {
  const body = readFileSync(feedPath);
  const feed = { url: 'https://news.example.com/feed.xml' };
  const timer = stopwatch();
  const parsed = await parseFeed(body, 'application/rss+xml');
  if (!parsed.ok) throw new Error(`bench feed did not parse: ${parsed.error.message}`);
  const parseCpuMs = timer().cpuMs;
  let normalized = 0;
  for (const raw of parsed.value.items) if (normalizeItem(raw, feed).ok) normalized += 1;
  const time = timer();
  return {
    stage: 'parse+normalize',
    items: normalized,
    ...time,
    peakMb: peakMb(),
    detail: `CPU: parse ${parseCpuMs.toFixed(0)} ms, normalize ${(time.cpuMs - parseCpuMs).toFixed(0)} ms`,
  };
}
