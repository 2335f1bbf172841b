import { z } from 'zod';
import type { Locale } from '../src/delivery/locale/locale.js';
import { developmentView } from '../src/delivery/build-message.js';
import { feedFlag } from '../src/core/ops.js';
import { storyState, type StoryState } from '../src/queries/story-state.js';
import { storyTrouble } from '../src/queries/story-trouble.js';
import { channelLocale } from './channel-locale.js';
import { defineCommand, note } from './command.js';
import { resolveStory, storyField } from './options.js';

/** The state in the locale's words: "active (last development 2024-01-29)", "calme depuis le 29 janv. 2024". */
function stateWords(state: StoryState, locale: Locale): string {
  if (state.state === 'active') return locale.t('stateActive', { date: locale.date(state.last) });
  if (state.state === 'quiet') return locale.t('stateQuiet', { date: locale.date(state.since) });
  return locale.t('stateWaiting');
}

/** `/story [story]`: state (active / quiet since …), feeds watched, items matched, last development, last fetch, and the trouble operators are told about. */
export const storyCommand = defineCommand({
  name: 'story',
  description: 'Status of the story: feeds, matched items, last development',
  schema: z.object({ story: storyField }),
  async handler(input, ctx) {
    const found = await resolveStory(ctx, input.story, 'story');
    if ('reply' in found) return found.reply;
    const { store } = ctx.services;
    const feeds = (await store.listFeeds()).filter((f) => f.state === 'active');
    const timeline = await store.listDevelopments(found.story.id);
    const last = [...timeline].sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id).at(-1);
    const lastFetch = feeds.map((f) => f.lastFetchAt?.getTime() ?? 0).reduce((a, b) => Math.max(a, b), 0);
    const reported = new Set((await store.listOpsFlags()).map((f) => f.name));
    const failing = feeds.filter((f) => reported.has(feedFlag(f.id)));
    const trouble = await storyTrouble(store, found.story.id);
    const locale = await channelLocale(ctx, found.story.id);
    const lastLabel = last ? developmentView(found.story, last, new Map(), locale.lang).label : '';
    return note(
      found.story.title,
      locale.t('storyState', { state: stateWords(storyState(found.story, timeline, ctx.services.clock.now()), locale) }),
      `${locale.t('feedsWatched', { count: feeds.length })}${failing.length > 0 ? ` (${locale.t('feedsFailing', { count: failing.length, names: failing.map((f) => f.name).join(', ') })})` : ''}`,
      locale.t('itemsMatched', { count: await store.countMatched(found.story.id) }),
      `${locale.t('developmentCount', { count: timeline.length })}${last ? `; ${locale.t('lastDevelopment', { date: locale.date(last.date), label: lastLabel })}` : ''}`,
      locale.t('lastFetch', { time: lastFetch > 0 ? locale.time(new Date(lastFetch)) : locale.t('never') }),
      ...(trouble.length > 0 ? ['Trouble:', ...trouble.map((t) => `• ${t}`)] : []),
    );
  },
});
