import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { err, ok, type Result } from '../../core/result.js';
import { escapeMarkup } from '../../core/text/markup.js';

/** One feed named in an OPML file. */
export interface OpmlFeed {
  url: string;
  /** The outline's `title`, else its `text`; null when it has neither. */
  name: string | null;
  /** The outline's `language` attribute (not in OPML 2.0, written by storywatch and some readers). */
  language: string | null;
  /** The titles of the folders (outer outlines) it sits in, outermost first. */
  folders: string[];
}

/** What an OPML file holds: its feeds, once each, and the outlines left out with why. */
export interface OpmlContents {
  title: string | null;
  feeds: OpmlFeed[];
  skipped: { outline: string; reason: string }[];
}

const isElement = (node: ChildNode): node is Element => node.type === 'tag';

/** An attribute by name, whatever its case (`xmlUrl`, `xmlurl`, `XMLURL` all occur in the wild). */
function attr(el: Element, name: string): string | null {
  const key = Object.keys(el.attribs).find((k) => k.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : el.attribs[key]?.trim();
  return value ? value : null;
}

function children(el: Element, name: string): Element[] {
  return el.children.filter(isElement).filter((c) => c.name.toLowerCase() === name);
}

function textOf(el: Element | undefined): string | null {
  if (!el) return null;
  const text = el.children
    .map((c) => ('data' in c ? c.data : ''))
    .join('')
    .trim();
  return text || null;
}

/**
 * Reads an OPML subscription list (1.0 or 2.0, as feed readers export it): every outline with an
 * `xmlUrl` is a feed, nested outlines are folders. A URL listed twice is kept once; outlines with a
 * URL that is not http(s) are skipped with the reason. Fails with OPML_INVALID when the text is not
 * an OPML document, and OPML_EMPTY when it lists no feed.
 */
export function parseOpml(text: string): Result<OpmlContents> {
  const doc = parseDocument(text, { xmlMode: true, decodeEntities: true });
  const root = doc.children.filter(isElement).find((el) => el.name.toLowerCase() === 'opml');
  const body = root ? children(root, 'body')[0] : undefined;
  if (!root || !body) return err('OPML_INVALID', 'not an OPML file: expected an <opml> document with a <body>', { permanent: true });
  const title = textOf(children(children(root, 'head')[0] ?? root, 'title')[0]);
  const feeds: OpmlFeed[] = [];
  const skipped: OpmlContents['skipped'] = [];
  const seen = new Set<string>();
  const visit = (el: Element, folders: string[]): void => {
    for (const outline of children(el, 'outline')) {
      const url = attr(outline, 'xmlUrl');
      const name = attr(outline, 'title') ?? attr(outline, 'text');
      if (url === null) {
        visit(outline, name ? [...folders, name] : folders);
        continue;
      }
      if (!/^https?:\/\//i.test(url)) skipped.push({ outline: name ?? url, reason: `not an http(s) URL: ${url}` });
      else if (seen.has(url)) skipped.push({ outline: name ?? url, reason: 'listed twice' });
      else {
        seen.add(url);
        feeds.push({ url, name, language: attr(outline, 'language'), folders });
      }
    }
  };
  visit(body, []);
  if (feeds.length === 0) return err('OPML_EMPTY', 'the OPML file lists no feed (no outline with an xmlUrl)', { permanent: true });
  return ok({ title, feeds, skipped });
}

/** A feed to write into an OPML file. */
export interface OpmlEntry {
  url: string;
  name: string;
  language: string | null;
}

/**
 * Writes feeds as an OPML 2.0 subscription list that feed readers import: one `type="rss"` outline
 * per feed with its name as `text` and `title`, and `language` where it is known.
 */
export function buildOpml(entries: readonly OpmlEntry[], title: string, createdAt: Date): string {
  const outlines = entries.map((e) => {
    const language = e.language ? ` language="${escapeMarkup(e.language)}"` : '';
    const name = escapeMarkup(e.name);
    return `    <outline type="rss" text="${name}" title="${name}" xmlUrl="${escapeMarkup(e.url)}"${language}/>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${escapeMarkup(title)}</title>`,
    `    <dateCreated>${createdAt.toUTCString()}</dateCreated>`,
    '  </head>',
    '  <body>',
    ...outlines,
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}
