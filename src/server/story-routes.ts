import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StoryConfig } from '../config/story-schema.js';
import type { DevelopmentView } from '../queries/story-developments.js';
import type { Store } from '../store/ports.js';
import { sendCached, sendError, type GetRoute } from './respond.js';
import { StoryCache } from './story-cache.js';
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
 * answered by 304. Bodies are kept while the story's timeline version stays (`StoryCache`). An
 * unknown story is 404.
 */
export function storyRoutes(deps: StoryRouteDeps): GetRoute[] {
  const cache = new StoryCache(deps.store);
  const links = (story: StoryConfig) => storyLinks(deps.publicUrl(), story.id);
  /** A handler for the story named in the path: 404 for a story not configured. */
  const forStory =
    (handle: (story: StoryConfig, req: IncomingMessage, res: ServerResponse) => Promise<void>): GetRoute['handler'] =>
    async (req, res, [id]) => {
      const story = deps.stories.find((s) => s.id === id);
      if (!story) return sendError(res, 404, `unknown story "${id ?? ''}"`);
      await handle(story, req, res);
    };
  const serve = (type: string, render: (story: StoryConfig, developments: DevelopmentView[]) => string): GetRoute['handler'] =>
    forStory(async (story, req, res) => {
      const body = await cache.render(story, `${type}\u0000${deps.publicUrl()}`, (ds) => render(story, ds));
      sendCached(req, res, body, type);
    });
  return [
    {
      pattern: new RegExp(`^/stories/${STORY_ID}/?$`),
      handler: forStory(async (story, req, res) => {
        const query = new URL(req.url ?? '/', 'http://x').searchParams;
        const lang = pageLanguage(req.headers['accept-language'], query.get('hl'));
        const filter = readFilter(query);
        const page = await cache.render(story, `page\u0000${lang}\u0000${JSON.stringify(filter)}`, (ds) => timelinePage(story, ds, filter, lang));
        sendCached(req, res, page, 'text/html; charset=utf-8', {
          'content-security-policy': PAGE_CSP,
          'content-language': lang,
          'x-content-type-options': 'nosniff',
        });
      }),
    },
    {
      pattern: new RegExp(`^/stories/${STORY_ID}/feed\\.xml$`),
      handler: serve('application/atom+xml; charset=utf-8', (story, ds) => storyFeed(story, ds, links(story)).atom1()),
    },
    {
      pattern: new RegExp(`^/stories/${STORY_ID}/feed\\.json$`),
      handler: serve('application/feed+json; charset=utf-8', (story, ds) => jsonFeed11(storyFeed(story, ds, links(story)))),
    },
    {
      pattern: new RegExp(`^/api/stories/${STORY_ID}/timeline$`),
      handler: serve('application/json; charset=utf-8', (story, ds) =>
        JSON.stringify({ story: { id: story.id, title: story.title, ...links(story) }, developments: ds }),
      ),
    },
  ];
}
