import type { Command } from 'commander';
import { findStory } from '../pipeline/match/find-story.js';
import { reindexStory } from '../pipeline/index-sentences.js';
import { inputError, withApp, type GlobalOptions } from './with-app.js';

/** Registers `storywatch reindex`: rebuilds the sentence index that `/ask` searches from the items matched to each story. */
export function registerReindexCommand(program: Command): void {
  program
    .command('reindex')
    .description('index again the sentences of the items matched to each story (or one), which /ask and `ask` search')
    .option('--story <id>', 'only this story')
    .action(async (options: { story?: string }) => {
      await withApp(program.opts<GlobalOptions>(), async (app, print) => {
        let stories = app.config.stories;
        if (options.story !== undefined) {
          const one = findStory(app.config.stories, options.story);
          if (!one.ok) throw inputError(one.error.code, one.error.message);
          stories = [one.value];
        }
        for (const story of stories) {
          const done = await reindexStory(app.store, story.id);
          print(`${story.id}: ${done.items} matched items indexed, ${done.sentences} sentences`);
        }
      });
    });
}
