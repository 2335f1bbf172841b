import type { Command } from 'commander';
import path from 'node:path';
import { createLogger } from '../core/logger.js';
import { packageRoot } from '../core/paths.js';
import type { GlobalOptions } from './with-app.js';

/** Registers `demo`: the offline end-to-end run on the seed articles. */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('offline demo: serve the seed articles on 127.0.0.1 and run the pipeline on them (temporary SQLite)')
    .action(async (_options: unknown, cmd: Command) => {
      const { logLevel, config } = cmd.optsWithGlobals<GlobalOptions>();
      // The app's wiring, the matcher and the pipeline load when the demo runs, not with every command.
      const { loadAppConfig } = await import('../main.js');
      const loaded = loadAppConfig({ configDir: config ?? path.join(packageRoot(), 'config') });
      if (!loaded.ok) {
        process.stderr.write(`storywatch: ${loaded.error.code}:\n${loaded.error.message}\n`);
        process.exitCode = 2;
        return;
      }
      try {
        const [{ compileStory }, { runDemo }] = await Promise.all([import('../pipeline/match/compile-story.js'), import('../demo/run-demo.js')]);
        const stories = loaded.value.stories.map((story) => compileStory(story));
        await runDemo((line) => process.stdout.write(`${line}\n`), createLogger(logLevel ?? 'warn'), stories);
      } catch (error) {
        process.stderr.write(`storywatch demo failed: ${(error as Error).message}\n`);
        process.exitCode = 1;
      }
    });
}
