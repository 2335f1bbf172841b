import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { inputError, withApp, type GlobalOptions } from './with-app.js';

/** Registers `labels export [--story id] [--out file]`: readers' labels as corpus lines for `eval` and `train`. */
export function registerLabelsCommand(program: Command): void {
  const labels = program.command('labels').description('readers\' labels on alerts ("not this story", "wrong date")');
  labels
    .command('export')
    .description('write the labels as JSON lines in the corpus format (split dev) that `eval --labels` and `train --labels` read')
    .option('--story <id>', 'only the labels of this story')
    .option('--out <file>', 'write to this file instead of stdout')
    .action((options: { story?: string; out?: string }, cmd: Command) =>
      withApp(cmd.optsWithGlobals<GlobalOptions>(), async (app, out) => {
        if (options.story !== undefined && !app.config.stories.some((s) => s.id === options.story)) {
          throw inputError('STORY_NOT_FOUND', `--story ${options.story}: no such story (configured: ${app.config.stories.map((s) => s.id).join(', ')})`);
        }
        const { labelLines } = await import('./labels-export.js');
        const lines = await labelLines(app.store, options.story);
        const text = lines.map((l) => `${JSON.stringify(l)}\n`).join('');
        if (options.out === undefined) return void process.stdout.write(text);
        try {
          writeFileSync(options.out, text);
        } catch (e) {
          throw inputError('LABELS_WRITE_FAILED', `${options.out}: ${(e as Error).message}`);
        }
        const offTopic = lines.filter((l) => l.label === 'off_topic').length;
        out(`wrote ${lines.length} labeled item(s) (${offTopic} off_topic, ${lines.length - offTopic} in_cluster with a date note) to ${options.out}`);
      }),
    );
}
