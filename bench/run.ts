import { benchMatch } from './match.js';
import { benchParseNormalize } from './parse-normalize.js';
import { benchReplay } from './replay.js';

/** Runs every benchmark in turn and prints its figures. */
async function main(): Promise<void> {
  console.log(`storywatch benchmarks — node ${process.version}, ${new Date().toISOString()}`);
  await benchParseNormalize();
  benchMatch();
  await benchReplay();
}

await main();
