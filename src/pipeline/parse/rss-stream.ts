import sax, { type Tag } from 'sax';

/**
 * An element's value as xml2js (under rss-parser) gives it, for an element without child elements:
 * its text, or, when the text is only whitespace outside CDATA and the element has attributes, an
 * object (which every field then drops as not text).
 */
type FieldValue = string | typeof NOT_TEXT;
const NOT_TEXT: Readonly<Record<string, never>> = Object.freeze({});

/** The channel's elements whose text the feed's fields take. */
const CHANNEL_FIELDS = new Set(['title', 'dc:title', 'language', 'dc:language']);
/** An item's elements whose text its fields take (`atom-*` are the renamed Atom dates, see xml-feed.ts). */
const ITEM_FIELDS = new Set([
  'author',
  'dc:creator',
  'dc:date',
  'dc:language',
  'dc:title',
  'title',
  'link',
  'pubDate',
  'summary',
  'content:encoded',
  'atom-published',
  'atom-updated',
  'description',
  'guid',
]);

/** The document is not one the streaming reader maps exactly: rss-parser reads it instead. */
class NotSimple extends Error {}

interface OpenField {
  name: string;
  text: string;
  cdata: boolean;
  hasAttributes: boolean;
}

interface OpenItem {
  values: Map<string, FieldValue>;
  attributes: Record<string, string> | undefined;
  children: number;
}

/** Whether an element has attributes; one named `_` would be read as the element's text by rss-parser. */
function hasAny(attributes: Record<string, string>): boolean {
  if (Object.hasOwn(attributes, '_')) throw new NotSimple('an attribute named "_"');
  for (const _ in attributes) return true;
  return false;
}

function valueOf(field: OpenField): FieldValue {
  if (!field.cdata && /^\s*$/.test(field.text)) return field.hasAttributes ? NOT_TEXT : field.text;
  return field.text;
}

/** rss-parser's `copyFromXML`: each field in turn takes the first element of its name, if any. */
function copyFields(values: Map<string, FieldValue>, into: Record<string, unknown>, fields: readonly (readonly [string, string])[]): void {
  for (const [from, to] of fields) {
    const value = values.get(from);
    if (value !== undefined) into[to] = value;
  }
}

/** The item fields rss-parser fills that xml-feed.ts reads, in rss-parser's order (later ones win). */
const ITEM_COPIES = [
  ['author', 'creator'],
  ['dc:creator', 'creator'],
  ['dc:date', 'date'],
  ['dc:language', 'language'],
  ['dc:title', 'title'],
  ['title', 'title'],
  ['link', 'link'],
  ['pubDate', 'pubDate'],
  ['author', 'author'],
  ['summary', 'summary'],
  ['content:encoded', 'content:encoded'],
  ['atom-published', 'atomPublished'],
  ['atom-updated', 'atomUpdated'],
] as const;
const CHANNEL_COPIES = [
  ['dc:title', 'title'],
  ['title', 'title'],
  ['language', 'language'],
  ['dc:language', 'dcLanguage'],
] as const;

/** What rss-parser's `parseItemRss` gives for the fields xml-feed.ts reads. */
function toParsedItem(item: OpenItem): Record<string, unknown> {
  if (item.children === 0) throw new NotSimple('an item without elements');
  const parsed: Record<string, unknown> = {};
  copyFields(item.values, parsed, ITEM_COPIES);
  if (item.attributes !== undefined) parsed['xmlLang'] = item.attributes;
  const description = item.values.get('description');
  if (description === NOT_TEXT) throw new NotSimple('a description of attributes only');
  if (description !== undefined) parsed['content'] = description;
  const guid = item.values.get('guid');
  if (guid !== undefined) parsed['guid'] = guid;
  return parsed;
}

/** The channel's fields and attributes as rss-parser gives them (before xml-feed.ts reads them as text). */
export interface RssChannel {
  title?: unknown;
  language?: unknown;
  dcLanguage?: unknown;
  xmlLang?: unknown;
}

/** A streaming reader of one RSS document: see {@link createRssReader}. */
export interface RssReader {
  /** Reads the next piece of the document; false once the reader has given up (then it reads no more). */
  write(piece: string): boolean;
  /** Ends the document; false when the reader gave up, or the document is not one it maps. */
  end(): boolean;
  /** The items read completely since the last call, as rss-parser's `parseItemRss` gives them. */
  takeItems(): Record<string, unknown>[];
  /** The channel's fields read so far (the first element of each name is kept). */
  channel(): RssChannel;
}

/**
 * A reader of an RSS 0.9x/2.0 document (`<rss><channel>…<item>`) with sax, fed in pieces (the
 * document split anywhere; each piece's text handed on as it is read), that keeps one item at a
 * time and never builds the document's tree. It gives what rss-parser's `parseString` gives for
 * the fields xml-feed.ts reads (feed title, languages, `xml:lang`, items), and gives up on anything
 * it does not map exactly as rss-parser does — another root, a second channel, an empty item, a
 * field holding elements, an element named `_`, any XML error — so that rss-parser reads that
 * document (and reports its errors). Same sax parser and options as xml2js, the same events, the
 * same text.
 */
export function createRssReader(): RssReader {
  const parser = sax.parser(true, { trim: false, normalize: false });
  const names: string[] = [];
  const channelValues = new Map<string, FieldValue>();
  let items: Record<string, unknown>[] = [];
  let channelAttributes: Record<string, string> | undefined;
  let channels = 0;
  let channelChildren = 0;
  let field: OpenField | null = null;
  let item: OpenItem | null = null;
  let gaveUp = false;

  parser.onerror = (error) => {
    throw new NotSimple(error.message);
  };
  parser.onopentag = (tag: Tag) => {
    if (tag.name === '_' || field !== null) throw new NotSimple('an element named "_" or inside a field');
    const depth = names.push(tag.name);
    if (depth === 1 && tag.name !== 'rss') throw new NotSimple('not an <rss> document');
    if (depth === 2 && tag.name === 'channel') {
      channels += 1;
      if (channels > 1) throw new NotSimple('a second channel');
      if (hasAny(tag.attributes)) channelAttributes = tag.attributes;
    }
    if (depth === 3 && names[1] === 'channel') {
      channelChildren += 1;
      if (tag.name === 'item') item = { values: new Map(), attributes: hasAny(tag.attributes) ? tag.attributes : undefined, children: 0 };
      else if (CHANNEL_FIELDS.has(tag.name)) field = { name: tag.name, text: '', cdata: false, hasAttributes: hasAny(tag.attributes) };
    }
    if (depth === 4 && item !== null) {
      item.children += 1;
      if (ITEM_FIELDS.has(tag.name)) field = { name: tag.name, text: '', cdata: false, hasAttributes: hasAny(tag.attributes) };
    }
  };
  parser.ontext = (text) => {
    if (field !== null) field.text += text;
  };
  parser.oncdata = (text) => {
    if (field === null) return;
    field.text += text;
    field.cdata = true;
  };
  parser.onclosetag = () => {
    const depth = names.length;
    names.pop();
    if (field !== null) {
      const values = depth === 3 ? channelValues : item?.values;
      if (values !== undefined && !values.has(field.name)) values.set(field.name, valueOf(field));
      field = null;
    } else if (depth === 3 && item !== null) {
      items.push(toParsedItem(item));
      item = null;
    }
  };

  /** Runs one step of sax; a document the reader does not map makes it give up for good. */
  const step = (run: () => void): boolean => {
    if (gaveUp) return false;
    try {
      run();
    } catch (e) {
      if (!(e instanceof NotSimple)) throw e;
      gaveUp = true;
      items = [];
    }
    return !gaveUp;
  };

  return {
    write: (piece) => step(() => parser.write(piece)),
    end: () => step(() => parser.close()) && channels === 1 && channelChildren > 0,
    takeItems: () => {
      const taken = items;
      items = [];
      return taken;
    },
    channel: () => {
      const feed: Record<string, unknown> = {};
      copyFields(channelValues, feed, CHANNEL_COPIES);
      if (channelAttributes !== undefined) feed['xmlLang'] = channelAttributes;
      return feed;
    },
  };
}

/**
 * Reads a whole RSS 0.9x/2.0 document with {@link createRssReader}: what rss-parser's
 * `parseString` returns for the fields xml-feed.ts reads, or null for a document the reader does
 * not map (rss-parser reads it then).
 */
export function readSimpleRss(xml: string): (RssChannel & { items: unknown[] }) | null {
  const reader = createRssReader();
  if (!reader.write(xml) || !reader.end()) return null;
  return { ...reader.channel(), items: reader.takeItems() };
}
