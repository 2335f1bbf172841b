import { benchMatch } from './match.js';
import { benchParse, benchParseNormalize, benchRawRssParser } from './parse-normalize.js';
import { benchPipeline } from './pipeline.js';
import { benchReplay } from './replay.js';
import type { StageResult } from './stage-result.js';

/** The stages `bench/run.ts` runs, each in a fresh child process. */
const STAGES: Readonly<Record<string, (feedPath: string) => Promise<StageResult> | StageResult>> = {
  'raw-rss-parser': benchRawRssParser,
  parse: benchParse,
  'parse-normalize': benchParseNormalize,
  match: () => benchMatch(),
  replay: () => benchReplay(),
  pipeline: benchPipeline,
};

/** Stage names, for the usage error. */
const STAGE_NAMES = Object.keys(STAGES);

/** Runs one stage (`tsx bench/stage.ts <stage> <feed file>`) and prints its result as one JSON line. */
async function main(): Promise<void> {
  const [name = '', feedPath = ''] = process.argv.slice(2);
  const stage = STAGES[name];
  if (!stage) throw new Error(`unknown stage "${name}"; one of ${STAGE_NAMES.join(', ')}`);
  process.stdout.write(`${JSON.stringify(await stage(feedPath))}\n`);
}

if (process.argv[1]?.endsWith('stage.ts')) await main();
