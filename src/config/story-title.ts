import { primarySubtag } from '../core/language-tag.js';
import type { StoryConfig } from './story-schema.js';

/** A story's title in a language: its `titles` entry for the language's primary subtag ("fr-CA" → fr), else `title`. */
export function storyTitleIn(story: Pick<StoryConfig, 'title' | 'titles'>, lang: string | null | undefined): string {
  return story.titles?.[primarySubtag(lang)] ?? story.title;
}
