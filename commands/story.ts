import { z } from 'zod';
import { feedFlag } from '../src/core/ops.js';
import { describeState, storyState } from '../src/queries/story-state.js';
import { storyTrouble } from '../src/queries/story-trouble.js';
import { defineCommand, note } from './command.js';
import { resolveStory, storyField } from './options.js';

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
    return note(
      found.story.title,
      `State: ${describeState(storyState(found.story, timeline, ctx.services.clock.now()))}`,
      `Feeds watched: ${feeds.length}${failing.length > 0 ? ` (${failing.length} failing: ${failing.map((f) => f.name).join(', ')})` : ''}`,
      `Items matched: ${await store.countMatched(found.story.id)}`,
      `Developments: ${timeline.length}${last ? `; last: ${last.date} ${last.label}` : ''}`,
      `Last fetch: ${lastFetch > 0 ? new Date(lastFetch).toISOString().replace(/\.\d{3}Z$/, 'Z') : 'never'}`,
      ...(trouble.length > 0 ? ['Trouble:', ...trouble.map((t) => `• ${t}`)] : []),
    );
  },
});
