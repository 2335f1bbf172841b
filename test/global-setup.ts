import { readdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

/** The TypeScript sources under `dir`, recursively. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

/**
 * Builds dist/ once before the tests: tests that run the `storywatch` CLI as a child process start
 * `node dist/src/cli.js` (fast, and what users run) instead of compiling the sources at every spawn.
 * The build is esbuild's transpile-only, file by file, laid out as `tsc -p tsconfig.build.json`
 * lays it out (dist/src, dist/commands): about a second instead of a full type-check, which
 * `npm run typecheck` does on its own (decision 020).
 */
export default async function setup(): Promise<void> {
  await build({
    entryPoints: [...sources('src'), ...sources('commands')],
    outdir: 'dist',
    outbase: '.',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
  });
}
