import { Feed } from 'feed';
import type { StoryConfig } from '../config/story-schema.js';
import { escapeMarkup } from '../core/text/markup.js';
import type { DevelopmentView } from '../queries/story-developments.js';

/** Where the story's pages and feeds live, for absolute links. */
export interface StoryLinks {
  page: string;
  atom: string;
  json: string;
}

/** The links of a story under the server's public address. */
export function storyLinks(publicUrl: string, storyId: string): StoryLinks {
  const page = `${publicUrl}/stories/${encodeURIComponent(storyId)}`;
  return { page, atom: `${page}/feed.xml`, json: `${page}/feed.json` };
}

/** A development's entry body: what happened, the quoted sentence and every source with its link. */
function entryHtml(d: DevelopmentView): string {
  const sources = d.sources.map((s) => {
    const title = escapeMarkup(s.title);
    const linked = s.link ? `<a href="${escapeMarkup(s.link)}">${title}</a>` : title;
    return `<li>${escapeMarkup(s.outlet)} (${escapeMarkup(s.language)}): ${linked}, first seen ${s.firstSeen.toISOString()}</li>`;
  });
  return [
    `<p>${escapeMarkup(d.date)} · ${escapeMarkup(d.kindLabel)} · ${escapeMarkup(d.actors.join(', '))}</p>`,
    `<blockquote lang="${escapeMarkup(d.summaryLang)}">${escapeMarkup(d.summary)}</blockquote>`,
    `<p>${d.sources.length} source(s) in ${escapeMarkup(d.languages.join(', '))}</p>`,
    `<ul>${sources.join('')}</ul>`,
  ].join('\n');
}

/** Entries in a story feed: the newest developments, as feeds usually carry (readers keep what they saw). */
export const FEED_ENTRIES = 100;

/**
 * The story's developments as a feed (built with the `feed` library): one entry per development,
 * the FEED_ENTRIES newest first, its id and link the development's anchor on the story page, its content the
 * quoted sentence and the sources. `updated` is the latest development's recording time.
 */
export function storyFeed(story: StoryConfig, developments: readonly DevelopmentView[], links: StoryLinks): Feed {
  const updated = developments.reduce<Date | null>((latest, d) => (latest === null || d.recordedAt > latest ? d.recordedAt : latest), null);
  const feed = new Feed({
    id: links.page,
    title: `${story.title} — storywatch`,
    description: `Developments of the story "${story.title}", each with its sources`,
    link: links.page,
    updated: updated ?? new Date(0),
    generator: 'storywatch',
    copyright: 'Quoted sentences belong to their publishers; see each source.',
    feedLinks: { atom: links.atom, json: links.json },
  });
  for (const d of developments.slice(0, FEED_ENTRIES)) {
    const anchor = `${links.page}#${d.id}`;
    feed.addItem({
      id: anchor,
      link: anchor,
      title: `${d.date} — ${d.label}`,
      description: d.summary,
      content: entryHtml(d),
      date: d.recordedAt,
      published: d.recordedAt,
      category: [{ name: d.kindLabel, term: d.kind }],
    });
  }
  return feed;
}

/**
 * The feed as JSON Feed 1.1. The `feed` library writes version 1; the two differ only in
 * `author` (1.1: `authors`), which story feeds do not carry, so the version is all that changes.
 */
export function jsonFeed11(feed: Feed): string {
  const doc = JSON.parse(feed.json1()) as Record<string, unknown>;
  return JSON.stringify({ ...doc, version: 'https://jsonfeed.org/version/1.1' }, null, 2);
}
