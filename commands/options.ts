import { z } from 'zod';
import type { StoryConfig } from '../src/config/story-schema.js';
import { findStory } from '../src/pipeline/match/find-story.js';
import type { CommandContext } from './command.js';

/** The `story` option: may be omitted when one story is configured; completes the configured ids. */
export const storyField = z.string().trim().min(1).max(100).meta({ description: 'story id (optional with one story)', autocomplete: 'story' }).optional();
/** The `share` option: post the answer to the channel instead of only to the asker (Slack passes text). */
export const shareField = z
  .union([z.boolean(), z.enum(['true', 'false', 'yes', 'no']).transform((v) => v === 'true' || v === 'yes')])
  .describe('show the answer to the whole channel')
  .optional();

/** The story a command is about, or the message saying which stories there are. */
export function resolveStory(ctx: CommandContext, id: string | undefined): { story: StoryConfig } | { error: string } {
  const found = findStory(ctx.services.storyConfigs, id);
  return found.ok ? { story: found.value } : { error: found.error.message };
}
