import type { Command } from 'commander';
import type { EvalOptions, MatchOptions } from './match-run.js';
import type { GlobalOptions } from './with-app.js';

/** Registers `storywatch match` and `storywatch eval`; the matcher loads when one of them runs. */
export function registerMatchCommands(program: Command): void {
  program
    .command('match')
    .description('decide for each JSON line {id, title, summary, content, link, published, lang} whether it belongs to a story')
    .option('--story <id>', 'story id (may be omitted when one story is configured)')
    .requiredOption('--input <file>', 'JSON lines file, or - for stdin')
    .action(async (options: MatchOptions) => (await import('./match-run.js')).matchInput(options, program.opts<GlobalOptions>()));

  program
    .command('eval')
    .description('measure precision, recall and F1 of the matcher, and development detection, on labeled JSON lines (field "label")')
    .option('--story <id>', 'story id (may be omitted when one story is configured)')
    .option('--input <file>', 'labeled JSON lines file: in_cluster | near_miss | off_topic')
    .option('--questions <file>', 'instead: a question set (test/fixtures/questions/<story>.yml): the share of /ask answers that are correct, per split')
    .option('--split <split>', 'only the lines (or questions) of this split: dev | test')
    .option('--json', 'print the figures as one JSON object instead of the tables')
    .option('--labels <file>', "readers' labels (`storywatch labels export`): they join the dev split, never the test split")
    .action(async (options: EvalOptions & { questions?: string }) => {
      const globals = program.opts<GlobalOptions>();
      if (options.questions !== undefined) return (await import('./question-eval-run.js')).evalQuestions({ ...options, questions: options.questions }, globals);
      return (await import('./match-run.js')).evalInput(options, globals);
    });
}
