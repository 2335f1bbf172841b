import { err, type Result } from '../../core/result.js';
import type { ParsedFeed } from '../../core/item.js';
import { decodeBody, neutralizeXmlDeclaration } from './decode.js';
import { parseJsonFeed } from './json-feed.js';
import { parseXmlFeed, type XmlReadOptions } from './xml-feed.js';

type Sniffed = 'xml' | 'json' | 'html' | 'unknown';

/** The XML declaration, comments, processing instructions and whitespace before the root. */
const PROLOGUE = /^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->)*/;
const HTML_START = /<!doctype\s+html\b|<(?:html|head|body)\b/iy;

/** Decides what a body is from its first bytes; the content type only breaks ties. Reads in place: the body is not copied. */
function sniff(text: string, contentType: string | null): Sniffed {
  const start = PROLOGUE.exec(text)?.[0].length ?? 0;
  HTML_START.lastIndex = start;
  if (HTML_START.test(text)) return 'html';
  if (text.startsWith('{', start) || text.startsWith('[', start)) return 'json';
  if (text.startsWith('<', start)) return 'xml';
  if (/\bjson\b/i.test(contentType ?? '')) return 'json';
  return 'unknown';
}

/**
 * Parses a feed document (RSS 0.9x/1.0/2.0, Atom 1.0 or JSON Feed 1.x) from raw bytes.
 * Decodes the bytes itself (BOM, XML declaration, Content-Type charset, UTF-8), trusts the
 * body over a wrong content type, and never throws: every failure is an error value
 * (`FEED_EMPTY_BODY`, `FEED_NOT_A_FEED`, `FEED_PARSE_ERROR`). `options` as for {@link parseXmlFeed}.
 */
export async function parseFeed(body: Buffer, contentType: string | null, options: XmlReadOptions = {}): Promise<Result<ParsedFeed>> {
  try {
    if (body.length === 0) return err('FEED_EMPTY_BODY', 'The server sent an empty body; the feed is retried at the next check.');
    const { text } = decodeBody(body, contentType);
    if (text.trim() === '') return err('FEED_EMPTY_BODY', 'The body is only whitespace; the feed is retried at the next check.');
    switch (sniff(text, contentType)) {
      case 'json':
        return parseJsonFeed(text);
      case 'xml':
        return await parseXmlFeed(neutralizeXmlDeclaration(text.trimStart()), options);
      case 'html':
        return err('FEED_NOT_A_FEED', 'The URL serves an HTML page, not a feed; check the feed address.', { permanent: true });
      case 'unknown':
        return err('FEED_NOT_A_FEED', 'The body is neither XML nor JSON; check the feed address.', { permanent: true });
    }
  } catch (e) {
    return err('FEED_PARSE_ERROR', `Unexpected parser failure: ${e instanceof Error ? e.message : String(e)}.`);
  }
}
