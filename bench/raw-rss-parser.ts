import { readFileSync } from 'node:fs';
import Parser from 'rss-parser';
import { peakMb, stopwatch, type StageResult } from './stage-result.js';

/** Raw rss-parser (no options) on the bench feed: the reference every figure is compared with. */
export async function benchRawRssParser(feedPath: string): Promise<StageResult> {
  const body = readFileSync(feedPath);
  const timer = stopwatch();
  const output = await new Parser().parseString(body.toString('utf8'));
  return { stage: 'raw rss-parser', items: output.items.length, ...timer(), peakMb: peakMb(), detail: 'parseString of the whole document' };
}
