import { z } from 'zod';
import type { StoryConfig } from '../src/config/story-schema.js';
import type { Platform } from '../src/core/subscription.js';
import { findStory } from '../src/pipeline/match/find-story.js';
import type { Store } from '../src/store/ports.js';
import { failed, type CommandContext, type Reply } from './command.js';

/** The `story` option: may be omitted in a channel that follows one story, or when one story is configured; completes the story ids. */
export const storyField = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .meta({ description: "story id (default: the channel's story, or the only one)", autocomplete: 'story' })
  .optional();
/** The `share` option: post the answer to the channel instead of only to the asker (Slack passes text). */
export const shareField = z
  .union([z.boolean(), z.enum(['true', 'false', 'yes', 'no']).transform((v) => v === 'true' || v === 'yes')])
  .describe('show the answer to the whole channel')
  .optional();

/** The configured stories a channel actively follows, in configuration order (stories no longer configured are left out). */
export async function channelStories(store: Store, configs: readonly StoryConfig[], platform: Platform, channelId: string): Promise<StoryConfig[]> {
  const subs = (await store.listSubscriptions()).filter((s) => s.status === 'active' && s.platform === platform && s.channelId === channelId);
  return configs.filter((c) => subs.some((s) => s.storyId === c.id));
}

/** The answer asking which story: one line per choice with the command to type; adapters may rewrite the commands (`Reply.choose`). */
function askWhich(command: string, intro: string, stories: readonly StoryConfig[]): Reply {
  const reply = failed('Which story?', 'STORY_NOT_CHOSEN', intro, true);
  return {
    ...reply,
    lines: [intro, ...stories.map((s) => `${s.id} (${s.title}): /${command} story:${s.id}`)],
    choose: { option: 'story', values: stories.map((s) => ({ value: s.id, label: `${s.id} (${s.title})` })) },
  };
}

/**
 * The story a command is about: the one named; else, in a chat channel, the one story the channel
 * follows; else the only story configured. Otherwise an answer asking which, listing the
 * channel's stories (or, when it follows none, every story) with the command to type. The CLI has
 * no channel of its own: there only the story named or the only one configured counts.
 */
export async function resolveStory(ctx: CommandContext, id: string | undefined, command: string): Promise<{ story: StoryConfig } | { reply: Reply }> {
  const configs = ctx.services.storyConfigs;
  if (id !== undefined || configs.length <= 1 || ctx.cli) {
    const found = findStory(configs, id);
    return found.ok ? { story: found.value } : { reply: failed('Unknown story', found.error.code, found.error.message, true) };
  }
  const followed = ctx.platform && ctx.channelId ? await channelStories(ctx.services.store, configs, ctx.platform, ctx.channelId) : [];
  const only = followed.length === 1 ? followed[0] : undefined;
  if (only) return { story: only };
  if (followed.length > 1) return { reply: askWhich(command, `This channel follows ${followed.length} stories; name the one you mean:`, followed) };
  return { reply: askWhich(command, `${configs.length} stories are configured and this channel follows none; name one:`, configs) };
}
