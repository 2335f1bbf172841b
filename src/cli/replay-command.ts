import type { Command } from 'commander';
import type { ReplayOptions } from './replay-run.js';
import type { GlobalOptions } from './with-app.js';

/** Registers `storywatch replay`: items in file order through match and detection, in a fresh temporary store; the pipeline loads when it runs. */
export function registerReplayCommand(program: Command): void {
  program
    .command('replay')
    .description('process JSON lines in order in a fresh temporary store; print the alerts and the timeline as JSON')
    .option('--story <id>', 'story id (may be omitted when one story is configured)')
    .requiredOption('--input <file>', 'JSON lines file, or - for stdin')
    .action(async (options: ReplayOptions) => (await import('./replay-run.js')).replayInput(options, program.opts<GlobalOptions>()));
}
