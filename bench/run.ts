import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chartBench } from './chart.js';
import { buildFeed } from './feed.js';
import { benchPages } from './pages.js';
import { rate, type StageResult } from './stage-result.js';

const FEED_ITEMS = 10_000;
/** Stages after the reference; raw rss-parser runs first and last, and the faster of the two is the reference. */
const STAGES = ['parse', 'parse-normalize', 'match', 'replay', 'pipeline'];

/**
 * Compiles the product and the bench stages with the build's compiler options (`tsconfig.bench.json`:
 * `src/` to `dist/src/` exactly as `npm run build`, and `bench/stage.ts` with the stages it loads to
 * `dist/bench/`), so that every stage runs the JavaScript production runs, in plain node.
 */
function buildStages(): void {
  const tsc = spawnSync(process.execPath, [path.join('node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.bench.json'], { encoding: 'utf8' });
  if (tsc.status !== 0) throw new Error(`bench build failed:\n${tsc.stdout}${tsc.stderr}`);
}

/** Runs one compiled stage in a fresh plain node child process, so its peak memory is its own. */
function runStage(stage: string, feedPath: string): StageResult {
  const child = spawnSync(process.execPath, [path.join('dist', 'bench', 'stage.js'), stage, feedPath], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`bench stage ${stage} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '') as StageResult;
}

function line(result: StageResult, reference: number): string {
  const perSecond = rate(result);
  const figures = `${Math.round(perSecond)} items/s (${result.items} in ${result.cpuMs.toFixed(0)} ms CPU, ${result.ms.toFixed(0)} ms wall)`;
  return `${result.stage.padEnd(16)} ${figures.padEnd(52)} ${((perSecond / reference) * 100).toFixed(1).padStart(6)} % of raw rss-parser   peak RSS ${result.peakMb.toFixed(0)} MB   ${result.detail}`;
}

/**
 * `npm run bench`: compiles the stages and builds the 25 MB bench feed once, then runs raw
 * rss-parser and each stage, compiled, in a plain node child process of its own, and prints every rate (items per second of CPU time, steadier than
 * wall time on a shared CPU) as a ratio to raw rss-parser's rate in the same run; last, the time
 * to draw one digest chart.
 */
async function main(): Promise<void> {
  console.log(`storywatch benchmarks — node ${process.version}, ${new Date().toISOString()}`);
  buildStages();
  const dir = mkdtempSync(path.join(tmpdir(), 'storywatch-bench-feed-'));
  try {
    const feedPath = path.join(dir, 'feed.xml');
    const feed = buildFeed(FEED_ITEMS);
    writeFileSync(feedPath, feed);
    console.log(`bench feed: ${FEED_ITEMS} items, ${(feed.length / 1024 / 1024).toFixed(1)} MB`);
    const first = runStage('raw-rss-parser', feedPath);
    const results = STAGES.map((stage) => runStage(stage, feedPath));
    const last = runStage('raw-rss-parser', feedPath);
    const reference = Math.max(rate(first), rate(last));
    console.log(
      `raw rss-parser   ${Math.round(rate(first))} and ${Math.round(rate(last))} items/s of CPU (first and last run; the faster is 100 %)   peak RSS ${first.peakMb.toFixed(0)} MB`,
    );
    for (const result of results) console.log(line(result, reference));
    await benchPages();
    console.log(await chartBench());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
