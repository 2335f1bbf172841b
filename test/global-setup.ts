import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * Builds dist/ once before the tests: tests that run the `storywatch` CLI as a child process start
 * `node dist/src/cli.js` (fast, and what users run) instead of compiling the sources at every spawn.
 */
export default function setup(): void {
  execFileSync(process.execPath, [path.resolve('node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}
