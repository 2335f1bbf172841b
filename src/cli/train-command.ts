import type { Command } from 'commander';
import type { TrainOptions } from './train-run.js';
import type { GlobalOptions } from './with-app.js';

/** Registers `storywatch train`; the matcher and the trainer load when it runs. */
export function registerTrainCommand(program: Command): void {
  program
    .command('train')
    .description("fit the matcher's signal weights on a story's labeled dev split and write config/stories/<id>.weights.yml")
    .option('--story <id>', 'story id (may be omitted when one story is configured)')
    .requiredOption('--input <file>', 'labeled JSON lines file (fields "label" and "split")')
    .option('--split <split>', 'the split to train on: only dev is allowed', 'dev')
    .option('--out <file>', 'where to write the weights (default: next to the story file)')
    .option('--labels <file>', "readers' labels (`storywatch labels export`): they join the dev items")
    .action(async (options: TrainOptions) => (await import('./train-run.js')).trainWeights(options, program.opts<GlobalOptions>()));
}
