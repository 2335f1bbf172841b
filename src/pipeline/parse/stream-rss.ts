import type { RawItem } from '../../core/item.js';
import { neutralizeXmlDeclaration } from './decode.js';
import { createRssReader } from './rss-stream.js';
import { feedFields, isAtomDocument, rootLanguage, toRawItem } from './xml-feed.js';
import { htmlEntitiesToNumeric } from './xml-entities.js';

/** What a streamed read gives: the feed's title and language, and the results of every batch of items in document order. */
export interface StreamedRss<T> {
  title: string | undefined;
  language: string | undefined;
  results: T[];
}

/** Items are handed out once at least this many are read (a few pieces' worth): fewer, larger batches. */
const BATCH_ITEMS = 100;

/** The start of a document the format and the language are read from (`isAtomDocument`, `rootLanguage`). */
const HEAD = 4096;

/**
 * Reads a plain RSS document given as its pieces of text (`first`, already trimmed at its start,
 * then `rest`; each cut just before a `<`), handing its items to `mapBatch` in batches as they are
 * read, so that neither the whole text nor every raw item is held at once. The same items and
 * fields as `parseXmlFeed` reading the joined text with the streaming reader; null, with every
 * result dropped, for a document that `parseXmlFeed` reads otherwise (Atom, any document the
 * streaming reader gives up on, an XML error) or whose channel language comes after items it
 * changes — then the caller reads the whole text as before.
 */
export async function streamRss<T>(first: string, rest: Iterator<string>, mapBatch: (items: RawItem[]) => T[] | Promise<T[]>): Promise<StreamedRss<T> | null> {
  const xml = neutralizeXmlDeclaration(first);
  if (xml.length < HEAD || isAtomDocument(xml)) return null;
  const rootLang = rootLanguage(xml);
  const reader = createRssReader();
  const results: T[] = [];
  const languages = new Set<string | undefined>();
  let waiting: Record<string, unknown>[] = [];
  const handOut = async (least: number): Promise<boolean> => {
    for (const item of reader.takeItems()) waiting.push(item);
    if (waiting.length === 0 || waiting.length < least) return true;
    const items = waiting;
    waiting = [];
    const fields = feedFields({ ...reader.channel(), items: [] }, rootLang);
    if (fields === null) return false;
    languages.add(fields.language);
    for (const result of await mapBatch(items.map((item) => toRawItem(item, 'rss', fields.language)))) results.push(result);
    return true;
  };
  for (let piece: string | undefined = xml; piece !== undefined; piece = rest.next().value) {
    if (!reader.write(htmlEntitiesToNumeric(piece)) || !(await handOut(BATCH_ITEMS))) return null;
  }
  if (!reader.end() || !(await handOut(0))) return null;
  const feed = feedFields({ ...reader.channel(), items: [] }, rootLang);
  if (feed === null || [...languages].some((language) => language !== feed.language)) return null;
  return { title: feed.title, language: feed.language, results };
}
