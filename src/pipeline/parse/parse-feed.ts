import { err, ok, type Result } from '../../core/result.js';
import type { ParsedFeed, RawItem } from '../../core/item.js';
import { bodyEncoding, decodeBody, declarationReadable, neutralizeXmlDeclaration, utf8Pieces } from './decode.js';
import { parseJsonFeed } from './json-feed.js';
import { streamRss } from './stream-rss.js';
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
 * Whether the first piece of a document (trimmed at its start) settles that the whole document
 * sniffs as XML: its prologue ends well inside the piece at an element's start (so it is the whole
 * document's prologue) and its XML declaration, if any, is read in full.
 */
function startsAsXml(first: string): boolean {
  const start = PROLOGUE.exec(first)?.[0].length ?? 0;
  return start + 64 < first.length && /^<[A-Za-z_]/.test(first.slice(start, start + 2)) && sniff(first, null) === 'xml' && declarationReadable(first);
}

/** A feed read with its items handed out in batches: the feed's fields, and what the batches gave for its items, in document order. */
export type FeedRead<T> = Omit<ParsedFeed, 'items'> & { results: T[] };

/** A failure of the caller's batch function, passed on as it is rather than as a parse failure. */
class BatchFailure {
  constructor(readonly cause: unknown) {}
}

/** Bodies above this size, in UTF-8, are decoded and read in pieces of about this size (see {@link readFeed}). */
const PIECE_BYTES = 48 * 1024;

async function readWhole<T>(
  body: Buffer,
  contentType: string | null,
  mapBatch: (items: RawItem[]) => Promise<T[]>,
  options: XmlReadOptions,
): Promise<Result<FeedRead<T>>> {
  if (body.length === 0) return err('FEED_EMPTY_BODY', 'The server sent an empty body; the feed is retried at the next check.');
  const { text } = decodeBody(body, contentType);
  if (text.trim() === '') return err('FEED_EMPTY_BODY', 'The body is only whitespace; the feed is retried at the next check.');
  let parsed: Result<ParsedFeed>;
  switch (sniff(text, contentType)) {
    case 'json':
      parsed = parseJsonFeed(text);
      break;
    case 'xml':
      parsed = await parseXmlFeed(neutralizeXmlDeclaration(text.trimStart()), options);
      break;
    case 'html':
      return err('FEED_NOT_A_FEED', 'The URL serves an HTML page, not a feed; check the feed address.', { permanent: true });
    case 'unknown':
      return err('FEED_NOT_A_FEED', 'The body is neither XML nor JSON; check the feed address.', { permanent: true });
  }
  if (!parsed.ok) return parsed;
  const { format, items, ...rest } = parsed.value;
  return ok({ format, results: await mapBatch(items), ...rest });
}

/** A plain RSS document in UTF-8 above one piece, read in pieces (`streamRss`); null when it must be read whole. */
async function readInPieces<T>(body: Buffer, contentType: string | null, mapBatch: (items: RawItem[]) => Promise<T[]>): Promise<Result<FeedRead<T>> | null> {
  if (body.length <= PIECE_BYTES) return null;
  const { encoding, offset } = bodyEncoding(body, contentType);
  if (encoding !== 'utf-8') return null;
  const pieces = utf8Pieces(offset === 0 ? body : body.subarray(offset), PIECE_BYTES);
  const first = (pieces.next().value ?? '').trimStart();
  if (!startsAsXml(first)) return null;
  const streamed = await streamRss(first, pieces, mapBatch);
  if (streamed === null) return null;
  const read: FeedRead<T> = { format: 'rss', results: streamed.results };
  if (streamed.title !== undefined) read.title = streamed.title;
  if (streamed.language !== undefined) read.language = streamed.language;
  return ok(read);
}

/**
 * Reads a feed document (RSS 0.9x/1.0/2.0, Atom 1.0 or JSON Feed 1.x) from raw bytes and hands its
 * items to `mapBatch`, in document order, in one or more batches: a large plain RSS document in
 * UTF-8 is decoded and read piece by piece, its items handed out in batches as they are read, so that
 * neither its whole text nor all its raw items are held at once (a document that turns out to need
 * the whole-text reading is read again whole, and the results of the batches already handed out are
 * dropped: `mapBatch` must have no effect but its results). Decodes the bytes itself (BOM, XML
 * declaration, Content-Type charset, UTF-8), trusts the body over a wrong content type, and never
 * throws for the document: every failure is an error value (`FEED_EMPTY_BODY`, `FEED_NOT_A_FEED`,
 * `FEED_PARSE_ERROR`…); what `mapBatch` throws is thrown. `options` as for {@link parseXmlFeed}.
 */
export async function readFeed<T>(
  body: Buffer,
  contentType: string | null,
  mapBatch: (items: RawItem[]) => T[] | Promise<T[]>,
  options: XmlReadOptions = {},
): Promise<Result<FeedRead<T>>> {
  return read(body, contentType, mapBatch, options, options.rssParserOnly !== true);
}

async function read<T>(
  body: Buffer,
  contentType: string | null,
  mapBatch: (items: RawItem[]) => T[] | Promise<T[]>,
  options: XmlReadOptions,
  inPieces: boolean,
): Promise<Result<FeedRead<T>>> {
  const guarded = async (items: RawItem[]): Promise<T[]> => {
    try {
      return await mapBatch(items);
    } catch (e) {
      throw new BatchFailure(e);
    }
  };
  try {
    const streamed = inPieces ? await readInPieces(body, contentType, guarded) : null;
    return streamed ?? (await readWhole(body, contentType, guarded, options));
  } catch (e) {
    if (e instanceof BatchFailure) throw e.cause;
    return err('FEED_PARSE_ERROR', `Unexpected parser failure: ${e instanceof Error ? e.message : String(e)}.`);
  }
}

/**
 * Parses a feed document from raw bytes into its fields and all its raw items. The document is
 * read whole: every raw item is kept anyway, so reading it in pieces would save no memory (see
 * {@link readFeed}). Never throws: every failure is an error value.
 */
export async function parseFeed(body: Buffer, contentType: string | null, options: XmlReadOptions = {}): Promise<Result<ParsedFeed>> {
  const parsed = await read(body, contentType, (items) => items, options, false);
  if (!parsed.ok) return parsed;
  const { format, results, ...rest } = parsed.value;
  return ok({ format, items: results, ...rest });
}
