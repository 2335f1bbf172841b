import type { Command } from 'commander';
import { findStory } from '../pipeline/match/find-story.js';
import { describeState, storyState } from '../queries/story-state.js';
import { formatTimeline, storyTimeline } from '../queries/timeline.js';
import { inputError, withApp, type GlobalOptions } from './with-app.js';

/** Registers `storywatch timeline` and `storywatch ask`, read from the stored timeline. */
export function registerStoryCommands(program: Command): void {
  program
    .command('timeline')
    .description("print a story's timeline: dated developments with their sources, and its state (active / quiet since …)")
    .option('--story <id>', 'story id (may be omitted when one story is configured)')
    .option('--json', 'print JSON (as in `replay`)')
    .action(async (options: { story?: string; json?: boolean }) => {
      await withApp(program.opts<GlobalOptions>(), async (app, print) => {
        const story = findStory(app.config.stories, options.story);
        if (!story.ok) throw inputError(story.error.code, story.error.message);
        const entries = await storyTimeline(app.store, story.value);
        if (options.json) print(JSON.stringify({ timeline: entries.map(({ summaryLang: _, ...rest }) => rest) }, null, 2));
        else {
          formatTimeline(story.value, entries).forEach((line) => print(line));
          print(`State: ${describeState(storyState(story.value, entries, app.clock.now()))}`);
        }
      });
    });

  program
    .command('ask')
    .description('answer a question about a story from its timeline and its sources\' sentences, in any language ("latest", "what did China say?")')
    .argument('<question...>', 'the question')
    .option('--story <id>', 'story id (may be omitted when one story is configured)')
    .option('--lang <code>', "the asker's language (en, fr, zh…): sources in it are cited first among equals", 'en')
    .action(async (words: string[], options: { story?: string; lang: string }) => {
      await withApp(program.opts<GlobalOptions>(), async (app, print) => {
        const question = words.join(' ').trim();
        if (question === '' || question.length > 500) throw inputError('QUESTION_INVALID', 'ask a question of 1 to 500 characters.');
        const config = findStory(app.config.stories, options.story);
        if (!config.ok) throw inputError(config.error.code, config.error.message);
        const story = app.stories.find((s) => s.config.id === config.value.id);
        if (!story) throw inputError('STORY_NOT_FOUND', config.value.id);
        if (!/^[a-z]{2,3}([-_][a-z0-9]{2,8})*$/iu.test(options.lang))
          throw inputError('LANG_INVALID', `--lang: "${options.lang}" is not a language code (en, fr, zh-CN…)`);
        const { askStory, primaryLanguage } = await import('../queries/ask-story.js'); // date parsing loads only for `ask`
        const { answerLines } = await import('../delivery/answer-lines.js');
        const { localeFor, supportedLanguage } = await import('../delivery/locale/locale.js');
        const answer = await askStory(app.store, story, question, primaryLanguage(options.lang));
        // In the question's language when a catalog has it, else --lang's (localeFor falls back to English).
        const locale = localeFor(supportedLanguage(answer.lang) ?? options.lang);
        answerLines(story.config, answer, locale).forEach((line) => print(line));
      });
    });
}
