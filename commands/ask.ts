import { z } from 'zod';
import { answerQuestion } from '../src/queries/ask.js';
import { defineCommand, note } from './command.js';
import { resolveStory, shareField, storyField } from './options.js';

/** `/ask <question> [story]`: answers from the timeline, with the same query code as `storywatch ask`. */
export const askCommand = defineCommand({
  name: 'ask',
  description: 'Ask about the story: "when did … ?", "what happened on 19 January?", "latest"',
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
    const timeline = await ctx.services.store.listDevelopments(story.config.id);
    const items = await ctx.services.store.getItems(timeline.flatMap((d) => d.sources));
    const answer = answerQuestion(story, input.question, timeline, items);
    const used = answer.developments.length > 0 ? [`(from ${answer.developments.join(', ')})`] : [];
    return { ephemeral: !input.share, title: `Q: ${input.question}`, lines: [...answer.lines, ...used] };
  },
});
