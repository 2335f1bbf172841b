import type { StageResult } from './stage-result.js';

/**
 * The stages `bench/run.ts` runs, each in a fresh child process. Each loads only its own modules, so
 * a stage's peak memory does not include another stage's code and data (country names, n-grams…).
 */
const STAGES: Readonly<Record<string, (feedPath: string) => Promise<StageResult>>> = {
  'raw-rss-parser': async (feed) => (await import('./raw-rss-parser.js')).benchRawRssParser(feed),
  parse: async (feed) => (await import('./parse-normalize.js')).benchParse(feed),
  'parse-normalize': async (feed) => (await import('./parse-normalize.js')).benchParseNormalize(feed),
  match: async () => (await import('./match.js')).benchMatch(),
  replay: async () => (await import('./replay.js')).benchReplay(),
  pipeline: async (feed) => (await import('./pipeline.js')).benchPipeline(feed),
};

/** Runs one stage (`node dist/bench/stage.js <stage> <feed file>`, compiled by `bench/run.ts`) and prints its result as one JSON line. */
async function main(): Promise<void> {
  const [name = '', feedPath = ''] = process.argv.slice(2);
  const stage = STAGES[name];
  if (!stage) throw new Error(`unknown stage "${name}"; one of ${Object.keys(STAGES).join(', ')}`);
  process.stdout.write(`${JSON.stringify(await stage(feedPath))}\n`);
}

await main();
