import { z } from 'zod';
import { storyTitleIn } from '../src/config/story-title.js';
import { developmentView } from '../src/delivery/build-message.js';
import { channelLocale } from './channel-locale.js';
import { defineCommand, note } from './command.js';
import { resolveStory, shareField, storyField } from './options.js';

const day = (description: string) => z.iso.date({ message: 'expected a date like 2024-01-16' }).describe(description).optional();

/** `/timeline [story] [from] [to]`: the dated developments with source counts and links, in the channel's language. */
export const timelineCommand = defineCommand({
  name: 'timeline',
  description: "The story's developments, by date, with their sources",
  schema: z
    .object({ story: storyField, from: day('first day, YYYY-MM-DD'), to: day('last day, YYYY-MM-DD'), share: shareField })
    .refine((o) => !o.from || !o.to || o.from <= o.to, { path: ['to'], message: '"to" is before "from"' }),
  async handler(input, ctx) {
    const found = await resolveStory(ctx, input.story, 'timeline');
    if ('reply' in found) return found.reply;
    const { store } = ctx.services;
    const locale = await channelLocale(ctx, found.story.id);
    const developments = (await store.listDevelopments(found.story.id)).filter(
      (d) => (!input.from || d.date >= input.from) && (!input.to || d.date <= input.to),
    );
    const title = storyTitleIn(found.story, locale.lang);
    if (developments.length === 0) return note(title, locale.t('noneInPeriod'));
    const items = new Map((await store.getItems(developments.flatMap((d) => d.sources.slice(0, 1)))).map((i) => [i.id, i]));
    return {
      ephemeral: !input.share,
      title: locale.count('timelineTitle', developments.length, { story: title }),
      lines: developments.map((d) => {
        const view = developmentView(found.story, d, items, locale.lang);
        const link = items.get(d.sources[0] ?? -1)?.link ?? null;
        const sources = locale.count('sourcesIn', d.sources.length, { languages: locale.languages(d.languages) });
        return `${locale.date(d.date)} · ${view.label} · ${sources}${link ? ` · ${link}` : ''}`;
      }),
    };
  },
});
