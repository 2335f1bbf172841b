import type { StoryConfig } from '../config/story-schema.js';
import { storyDevelopments, type DevelopmentView } from '../queries/story-developments.js';
import type { Store } from '../store/ports.js';
import { tagBody, type TaggedBody } from './respond.js';

/** Rendered bodies kept per story version, at most this many (the oldest goes first). */
const MAX_BODIES = 256;

/**
 * The stories' developments and rendered pages with their ETags, kept while the story's timeline
 * version (one aggregate query) stays the same: a page asked again is not read, rendered nor hashed
 * again, and any change to the timeline (a development, a source added or withdrawn) is seen on the
 * next request.
 */
export class StoryCache {
  private readonly views = new Map<string, { version: string; developments: Promise<DevelopmentView[]> }>();
  private readonly bodies = new Map<string, TaggedBody>();

  constructor(private readonly store: Store) {}

  /** The body rendered under `key` for the story's current timeline, with its ETag; rendered and hashed when the timeline changed. */
  async render(story: StoryConfig, key: string, render: (developments: DevelopmentView[]) => string): Promise<TaggedBody> {
    const version = await this.store.timelineVersion(story.id);
    const cacheKey = `${story.id}\u0000${version}\u0000${key}`;
    const cached = this.bodies.get(cacheKey);
    if (cached !== undefined) return cached;
    const body = tagBody(render(await this.developments(story, version)));
    if (this.bodies.size >= MAX_BODIES) this.bodies.delete(this.bodies.keys().next().value ?? '');
    this.bodies.set(cacheKey, body);
    return body;
  }

  private developments(story: StoryConfig, version: string): Promise<DevelopmentView[]> {
    const view = this.views.get(story.id);
    if (view?.version === version) return view.developments;
    const developments = storyDevelopments(this.store, story);
    this.views.set(story.id, { version, developments });
    developments.catch(() => this.views.delete(story.id));
    return developments;
  }
}
