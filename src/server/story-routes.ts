import type { StoryConfig } from '../config/story-schema.js';
import { storyDevelopments } from '../queries/story-developments.js';
import type { Store } from '../store/ports.js';
import { sendCached, sendError, type GetRoute } from './respond.js';
import { jsonFeed11, storyFeed, storyLinks } from './story-feeds.js';
import { pageLanguage } from './pages/page-strings.js';
import { readFilter, timelinePage } from './pages/timeline-page.js';

/** The pages' Content-Security-Policy: only storywatch's own scripts and styles, nothing from elsewhere. */
export const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** What the story routes read. */
export interface StoryRouteDeps {
  store: Store;
  stories: readonly StoryConfig[];
  /** The server's public address, without a trailing slash; read at each request (the port may be chosen at bind time). */
  publicUrl: () => string;
}

const STORY_ID = '([a-z0-9][a-z0-9-]{0,63})';

/**
 * The story's timeline page `/stories/<id>` (in the language the browser asks for, `?hl=` to
 * choose; filters `?kind=&source=&from=&to=`), its feeds `/stories/<id>/feed.xml` (Atom 1.0) and
 * `/stories/<id>/feed.json` (JSON Feed 1.1), and `/api/stories/<id>/timeline`, each with an ETag
 * answered by 304. An unknown story is 404.
 */
export function storyRoutes(deps: StoryRouteDeps): GetRoute[] {
  const serve =
    (render: (story: StoryConfig, developments: Awaited<ReturnType<typeof storyDevelopments>>) => [string, string]): GetRoute['handler'] =>
    async (req, res, [id]) => {
      const story = deps.stories.find((s) => s.id === id);
      if (!story) return sendError(res, 404, `unknown story "${id ?? ''}"`);
      const [body, type] = render(story, await storyDevelopments(deps.store, story));
      sendCached(req, res, body, type);
    };
  const links = (story: StoryConfig) => storyLinks(deps.publicUrl(), story.id);
  return [
    {
      pattern: new RegExp(`^/stories/${STORY_ID}/?$`),
      handler: async (req, res, [id]) => {
        const story = deps.stories.find((s) => s.id === id);
        if (!story) return sendError(res, 404, `unknown story "${id ?? ''}"`);
        const query = new URL(req.url ?? '/', 'http://x').searchParams;
        const lang = pageLanguage(req.headers['accept-language'], query.get('hl'));
        const html = timelinePage(story, await storyDevelopments(deps.store, story), readFilter(query), lang);
        sendCached(req, res, html, 'text/html; charset=utf-8', {
          'content-security-policy': PAGE_CSP,
          'content-language': lang,
          'x-content-type-options': 'nosniff',
        });
      },
    },
    {
      pattern: new RegExp(`^/stories/${STORY_ID}/feed\\.xml$`),
      handler: serve((story, ds) => [storyFeed(story, ds, links(story)).atom1(), 'application/atom+xml; charset=utf-8']),
    },
    {
      pattern: new RegExp(`^/stories/${STORY_ID}/feed\\.json$`),
      handler: serve((story, ds) => [jsonFeed11(storyFeed(story, ds, links(story))), 'application/feed+json; charset=utf-8']),
    },
    {
      pattern: new RegExp(`^/api/stories/${STORY_ID}/timeline$`),
      handler: serve((story, ds) => [
        JSON.stringify({ story: { id: story.id, title: story.title, ...links(story) }, developments: ds }),
        'application/json; charset=utf-8',
      ]),
    },
  ];
}
