import type { Command } from 'commander';
import { createLogger } from '../core/logger.js';
import { runDemo } from '../demo/run-demo.js';
import type { GlobalOptions } from './with-app.js';

/** Registers `demo`: the offline end-to-end run on the seed articles. */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('offline demo: serve the seed articles on 127.0.0.1 and run the pipeline on them (temporary SQLite)')
    .action(async (_options: unknown, cmd: Command) => {
      const { logLevel } = cmd.optsWithGlobals<GlobalOptions>();
      try {
        await runDemo((line) => process.stdout.write(`${line}\n`), createLogger(logLevel ?? 'warn'));
      } catch (error) {
        process.stderr.write(`storywatch demo failed: ${(error as Error).message}\n`);
        process.exitCode = 1;
      }
    });
}
