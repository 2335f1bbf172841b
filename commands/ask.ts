import { z } from 'zod';
import { answerLines } from '../src/delivery/answer-lines.js';
import { localeFor, supportedLanguage } from '../src/delivery/locale/locale.js';
import { askStory, primaryLanguage } from '../src/queries/ask-story.js';
import { channelLocale } from './channel-locale.js';
import { defineCommand, note } from './command.js';
import { resolveStory, shareField, storyField } from './options.js';

/**
 * `/ask <question> [story]`: answers from the timeline and the sources' sentences, with the same
 * query code as `storywatch ask`, in the language the question is written in when a catalog has it,
 * else in the channel's (decision 023).
 */
export const askCommand = defineCommand({
  name: 'ask',
  description: 'Ask about the story: "when did … ?", "what did … say?", "who …?", "latest" — in any language',
  schema: z.object({
    question: z
      .string({ message: 'ask a question' })
      .trim()
      .min(3, 'ask a question of at least 3 characters')
      .max(500, 'ask a question of at most 500 characters')
      .describe('your question'),
    story: storyField,
    share: shareField,
  }),
  async handler(input, ctx) {
    const found = await resolveStory(ctx, input.story, 'ask');
    if ('reply' in found) return found.reply;
    const story = ctx.services.stories.find((s) => s.config.id === found.story.id);
    if (!story) return note('Unknown story', found.story.id);
    const answer = await askStory(ctx.services.store, story, input.question, primaryLanguage(ctx.locale));
    const locale = supportedLanguage(answer.lang) ? localeFor(answer.lang) : await channelLocale(ctx, story.config.id);
    return { ephemeral: !input.share, title: `Q: ${input.question}`, lines: answerLines(story.config, answer, locale) };
  },
});
