import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const RUNS = 7;
const PRELOAD = path.resolve('bench', 'peak-rss.mjs');
const DIST_CLI = path.resolve('dist', 'src', 'cli.js');

/** One timed start of a process: wall time to exit and peak resident memory. */
interface Sample {
  ms: number;
  rssMb: number;
}

/** Runs `node <args>` once, with the peak-RSS preload, and measures it. */
function sample(args: string[]): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', PRELOAD, ...args], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
      env: { ...process.env, LOG_LEVEL: 'silent' },
    });
    let rss = '';
    let err = '';
    child.stdio[3]?.on('data', (d: Buffer) => (rss += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`node ${args.join(' ')} exited with ${code}: ${err.trim()}`));
      else resolve({ ms: performance.now() - started, rssMb: Number(rss) / 1024 });
    });
  });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/**
 * Start-up of CLI commands that match nothing, next to a bare `node -e 0`: median wall time and
 * peak RSS over RUNS rounds, as figures and as ratios to node. Every round runs each command once,
 * in turn, so a busy machine slows them alike and the ratios stay comparable. `cli` is the built
 * entry point (dist/src/cli.js by default: run `npm run build` first).
 */
export async function benchStartup(cli = DIST_CLI, runs = RUNS): Promise<void> {
  const entry = path.resolve(cli);
  if (!existsSync(entry)) throw new Error(`${entry} not found: run \`npm run build\` first`);
  const dir = mkdtempSync(path.join(tmpdir(), 'storywatch-bench-startup-'));
  const db = path.join(dir, 'sw.db');
  const story =
    readdirSync(path.join('config', 'stories'))
      .find((f) => /^[^.]+\.ya?ml$/.test(f))
      ?.replace(/\.ya?ml$/, '') ?? '';
  const commands: [string, string[]][] = [
    ['node -e 0', ['-e', '0']],
    ['--version', [entry, '--version']],
    ['--help', [entry, '--help']],
    ['feeds list', [entry, '--db', db, 'feeds', 'list']],
    ['subscriptions list', [entry, '--db', db, 'subscriptions', 'list']],
    ['timeline', [entry, '--db', db, 'timeline', '--story', story]],
    ['audit', [entry, '--db', db, 'audit']],
  ];
  try {
    await sample(commands[3]?.[1] ?? []); // creates the database, so every timed run opens an existing one
    const samples = new Map<string, Sample[]>(commands.map(([name]) => [name, []]));
    for (let round = 0; round < runs; round += 1) {
      for (const [name, args] of commands) samples.get(name)?.push(await sample(args));
    }
    const base = samples.get('node -e 0') ?? [];
    const [baseMs, baseMb] = [median(base.map((s) => s.ms)), median(base.map((s) => s.rssMb))];
    console.log(`\nstart-up (${path.relative(process.cwd(), entry)}, median of ${runs}; ratios to node -e 0)`);
    console.log(`${'command'.padEnd(20)} ${'ms'.padStart(7)} ${'×'.padStart(6)} ${'MB'.padStart(7)} ${'×'.padStart(6)}`);
    for (const [name] of commands) {
      const list = samples.get(name) ?? [];
      const [ms, mb] = [median(list.map((s) => s.ms)), median(list.map((s) => s.rssMb))];
      console.log(
        `${name.padEnd(20)} ${ms.toFixed(0).padStart(7)} ${(ms / baseMs).toFixed(1).padStart(6)} ${mb.toFixed(1).padStart(7)} ${(mb / baseMb).toFixed(1).padStart(6)}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
