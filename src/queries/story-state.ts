import type { StoryConfig } from '../config/story-schema.js';
import type { Development } from '../core/development.js';

const DAY = 86_400_000;

/** Where a story stands: developing, quiet since its last development, or nothing yet. */
export type StoryState = { state: 'active'; last: string } | { state: 'quiet'; since: string } | { state: 'waiting' };

/**
 * A story's state from its timeline: active while its last development is at most
 * `quietAfterDays` old (and, with a `window.to`, before the window closed), quiet since that
 * development afterwards, waiting before the first one.
 */
export function storyState(story: Pick<StoryConfig, 'window' | 'quietAfterDays'>, timeline: readonly Pick<Development, 'date'>[], now: Date): StoryState {
  const last = timeline
    .map((d) => d.date)
    .sort()
    .at(-1);
  if (last === undefined) return { state: 'waiting' };
  const closed = story.window.to !== undefined && now.getTime() >= Date.parse(`${story.window.to}T00:00:00Z`) + DAY;
  const quiet = now.getTime() >= Date.parse(`${last}T00:00:00Z`) + (story.quietAfterDays + 1) * DAY;
  return closed || quiet ? { state: 'quiet', since: last } : { state: 'active', last };
}

/** The state in words: "active (last development 2024-01-29)", "quiet since 2024-01-29". */
export function describeState(state: StoryState): string {
  if (state.state === 'active') return `active (last development ${state.last})`;
  if (state.state === 'quiet') return `quiet since ${state.since}`;
  return 'no development yet';
}
