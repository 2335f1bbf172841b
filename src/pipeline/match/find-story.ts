import type { StoryConfig } from '../../config/story-schema.js';
import { err, ok, type Result } from '../../core/result.js';

/**
 * The configured story with this id; with no id and exactly one story configured, that story.
 * Fails with STORY_NOT_FOUND naming the stories there are.
 */
export function findStory(stories: StoryConfig[], id: string | undefined): Result<StoryConfig> {
  const known = stories.map((s) => s.id).join(', ') || 'none';
  if (id === undefined) {
    const only = stories.length === 1 ? stories[0] : undefined;
    const listed = stories.map((s) => `${s.id} (${s.title})`).join(', ') || 'none';
    return only ? ok(only) : err('STORY_NOT_FOUND', `${stories.length} stories are configured; name one with --story: ${listed}.`);
  }
  const story = stories.find((s) => s.id === id);
  return story ? ok(story) : err('STORY_NOT_FOUND', `Unknown story "${id}"; configured: ${known}.`);
}
