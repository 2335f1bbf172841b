import { z } from 'zod';
import { storyTimeline } from '../src/queries/timeline.js';
import { defineCommand, note } from './command.js';
import { resolveStory, shareField, storyField } from './options.js';

const day = (description: string) => z.iso.date({ message: 'expected a date like 2024-01-16' }).describe(description).optional();

/** `/timeline [story] [from] [to]`: the dated developments with source counts and links. */
export const timelineCommand = defineCommand({
  name: 'timeline',
  description: "The story's developments, by date, with their sources",
  schema: z
    .object({ story: storyField, from: day('first day, YYYY-MM-DD'), to: day('last day, YYYY-MM-DD'), share: shareField })
    .refine((o) => !o.from || !o.to || o.from <= o.to, { path: ['to'], message: '"to" is before "from"' }),
  async handler(input, ctx) {
    const found = await resolveStory(ctx, input.story, 'timeline');
    if ('reply' in found) return found.reply;
    const entries = (await storyTimeline(ctx.services.store, found.story)).filter(
      (e) => (!input.from || e.date >= input.from) && (!input.to || e.date <= input.to),
    );
    if (entries.length === 0) return note(found.story.title, 'No developments recorded for that period yet.');
    const items = await ctx.services.store.getItems((await ctx.services.store.listDevelopments(found.story.id)).map((d) => d.firstItemId ?? -1));
    const links = new Map(items.map((i) => [String(i.id), i.link]));
    return {
      ephemeral: !input.share,
      title: `${found.story.title}: ${entries.length} development(s)`,
      lines: entries.map((e) => {
        const link = links.get(e.sources[0] ?? '') ?? null;
        return `${e.date} · ${e.label} · ${e.sources.length} source(s) in ${e.languages.join(', ')}${link ? ` · ${link}` : ''}`;
      }),
    };
  },
});
