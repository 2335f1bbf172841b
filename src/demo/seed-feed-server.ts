import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { escapeMarkup } from '../core/text/markup.js';
import type { SeedArticle } from './seed-articles.js';

function cdata(text: string): string {
  return `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

/** Plain-text articles become paragraphs, as a publisher's feed would carry them; HTML is kept. */
export function asHtml(content: string): string {
  if (/<[a-z][^>]*>/i.test(content)) return content;
  return content
    .split(/\n+/)
    .filter((line) => line.trim() !== '')
    .map((line) => `<p>${escapeMarkup(line)}</p>`)
    .join('\n');
}

/** Builds an RSS 2.0 document from articles, newest first. */
export function buildRss(articles: SeedArticle[], baseUrl: string): string {
  const items = [...articles]
    .sort((a, b) => b.published.localeCompare(a.published))
    .map((a) => {
      const link = `${baseUrl}/articles/${encodeURIComponent(a.file)}`;
      return [
        '<item>',
        `<title>${escapeMarkup(a.title)}</title>`,
        `<link>${escapeMarkup(link)}</link>`,
        `<guid isPermaLink="true">${escapeMarkup(link)}</guid>`,
        `<pubDate>${new Date(a.published).toUTCString()}</pubDate>`,
        `<content:encoded>${cdata(asHtml(a.content))}</content:encoded>`,
        '</item>',
      ].join('');
    });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
    '<channel><title>storywatch demo: seed articles</title>',
    `<link>${escapeMarkup(baseUrl)}/</link><description>The seed articles, released one at a time</description>`,
    ...items,
    '</channel></rss>',
  ].join('\n');
}

/** A local RSS feed that publishes the given articles one at a time. */
export interface SeedFeedServer {
  feedUrl: string;
  /** Publishes the next article; returns it, or null when all are out. */
  releaseNext(): SeedArticle | null;
  close(): Promise<void>;
}

/**
 * Serves `articles` as an RSS feed on 127.0.0.1 (ephemeral port), starting empty. Answers with an
 * ETag and 304 Not Modified when nothing new was released, like a real publisher.
 */
export async function startSeedFeedServer(articles: SeedArticle[]): Promise<SeedFeedServer> {
  let released = 0;
  let baseUrl = '';
  const server: Server = createServer((req, res) => {
    if (req.url !== '/feed.xml') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const body = buildRss(articles.slice(0, released), baseUrl);
    const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    feedUrl: `${baseUrl}/feed.xml`,
    releaseNext: () => (released < articles.length ? (articles[released++] ?? null) : null),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
