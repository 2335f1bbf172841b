import { z } from 'zod';
import { askStory, primaryLanguage } from '../src/queries/ask-story.js';
import { defineCommand, note } from './command.js';
import { resolveStory, shareField, storyField } from './options.js';

/** `/ask <question> [story]`: answers from the timeline and the sources' sentences, with the same query code as `storywatch ask`. */
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
    const used = answer.developments.length > 0 ? [`(from ${answer.developments.join(', ')})`] : [];
    return { ephemeral: !input.share, title: `Q: ${input.question}`, lines: [...answer.lines, ...used] };
  },
});
