import { z } from 'zod';
import { err, ok, type Result } from '../../core/result.js';
import type { ParsedFeed, RawItem } from '../../core/item.js';
import { readSimpleRss } from './rss-stream.js';
import { htmlEntitiesToNumeric } from './xml-entities.js';

/** Keeps strings, drops anything else (xhtml objects, arrays of attributes). */
function textOf(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}
/** The `xml:lang` of an element's attributes, if it is text. */
function languageAttribute(v: unknown): string | undefined {
  return textOf(typeof v === 'object' && v !== null ? (v as Record<string, unknown>)['xml:lang'] : undefined);
}
const text = z.unknown().optional().transform(textOf);
const attributes = z.unknown().optional().transform(languageAttribute);

const parsedFeedSchema = z.object({
  title: text,
  language: text,
  dcLanguage: text,
  xmlLang: attributes,
  items: z.array(z.unknown()).default([]),
});

/**
 * rss-parser's options. A new parser for each document: xml2js's parser keeps state after a
 * document with text after its root element (the next document's XML errors then went unreported),
 * so one shared parser made a feed's result depend on the feed parsed before it.
 */
const PARSER_OPTIONS = {
  defaultRSS: 2,
  customFields: {
    feed: [
      ['dc:language', 'dcLanguage'],
      ['$', 'xmlLang', { keepArray: true }],
    ] as never,
    item: [
      ['atom-published', 'atomPublished'],
      ['atom-updated', 'atomUpdated'],
      ['$', 'xmlLang', { keepArray: true }],
    ] as never,
  },
};

/**
 * rss-parser's `parseString`, the module loaded on first use: plain RSS, most feeds, is read by the
 * streaming reader, and a process that never meets another document does not hold rss-parser and
 * xml2js (about 10 MB).
 */
async function readWithRssParser(xml: string): Promise<unknown> {
  const { default: Parser } = await import('rss-parser');
  return new Parser(PARSER_OPTIONS).parseString(xml);
}

/**
 * rss-parser converts Atom `published`/`updated` with `new Date(...).toISOString()`, which
 * throws on a malformed date and loses the whole feed. Renaming the elements hands us the
 * text as written; the normalize stage parses dates leniently.
 */
function shieldAtomDates(xml: string): string {
  return xml.replace(/<(\/?)(published|updated)(\s*>)/g, '<$1atom-$2$3');
}

/** The `xml:lang` of the document's root element, if its start (the first 4,096 characters) declares one. */
export function rootLanguage(xml: string): string | undefined {
  const root = /<(?:rss|feed|rdf:RDF)\b[^>]*?\bxml:lang\s*=\s*["']([^"']+)["']/.exec(xml.slice(0, 4096));
  return root?.[1];
}

/**
 * One item as rss-parser hands it back (with the custom fields asked for below) made a RawItem:
 * each field's text, or nothing when it is not text; an item that is not an object has no fields.
 */
export function toRawItem(value: unknown, format: 'rss' | 'atom', feedLanguage: string | undefined): RawItem {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const item = value as Record<string, unknown>;
  const i = (field: string): string | undefined => textOf(item[field]);
  const atom = format === 'atom';
  const fields: Record<keyof RawItem, string | undefined> = {
    guid: atom ? i('id') : i('guid'),
    link: i('link'),
    title: i('title'),
    content: atom ? i('content') : i('content:encoded'),
    summary: atom ? i('summary') : (i('content') ?? i('summary')),
    published: atom ? (i('atomPublished') ?? i('atomUpdated') ?? i('date')) : (i('pubDate') ?? i('date')),
    author: i('creator') ?? i('author'),
    language: i('language') ?? languageAttribute(item['xmlLang']) ?? feedLanguage,
  };
  const raw: RawItem = {};
  for (const [key, v] of Object.entries(fields) as [keyof RawItem, string | undefined][]) {
    if (v !== undefined) raw[key] = v;
  }
  return raw;
}

function describeXmlError(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean)
    .join(', ');
}

/**
 * What is structurally wrong with a well-formed document rss-parser could not walk (it then fails
 * with a TypeError such as "Cannot read properties of undefined"): a missing <channel>, an <entry>
 * holding text, or else which format's shape it breaks. Comments and CDATA are not looked into.
 */
function describeStructure(xml: string, isAtom: boolean): string {
  const markup = xml.replace(/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<![^>]*>|<\?[\s\S]*?\?>/g, '');
  const root = /<([A-Za-z_][\w:.-]*)[\s>/]/.exec(markup)?.[1] ?? '';
  const rdf = /(^|:)RDF$/.test(root);
  const label = isAtom ? 'Atom' : rdf ? 'RSS 1.0 (RDF)' : 'RSS';
  if (!isAtom && !/<channel[\s>/]/.test(markup)) return `${label} document has no <channel> element`;
  const textOnly = /<(entry|item|author)\b[^>]*>[^<]*<\/\1>/.exec(markup);
  if (textOnly) return `${label} document has an <${textOnly[1]}> element holding text instead of elements`;
  return `${label} document does not have the structure of the format (an element it requires is missing or of the wrong kind)`;
}

/** Whether a document is Atom: its start (the first 4,096 characters) has an Atom `<feed>`. */
export function isAtomDocument(xml: string): boolean {
  return /<feed\b[^>]*xmlns\s*=\s*["']http:\/\/www\.w3\.org\/2005\/Atom["']/.test(xml.slice(0, 4096));
}

/** A feed's title, language (the channel's, else the root element's `xml:lang`) and items, read from rss-parser's output. */
export interface FeedFields {
  title: string | undefined;
  language: string | undefined;
  items: unknown[];
}

/** The fields of rss-parser's output (or the streaming reader's), or null when it is not a channel. */
export function feedFields(output: unknown, rootLang: string | undefined): FeedFields | null {
  const shape = parsedFeedSchema.safeParse(output);
  if (!shape.success) return null;
  const feed = shape.data;
  return { title: feed.title, language: feed.language ?? feed.dcLanguage ?? feed.xmlLang ?? rootLang, items: feed.items };
}

/** How XML feeds are read. */
export interface XmlReadOptions {
  /** Read every document with rss-parser: the reference the streaming reader is compared with in tests. */
  rssParserOnly?: boolean;
}

/**
 * Parses RSS 0.9x, RSS 1.0 (RDF), RSS 2.0 and Atom 1.0 text (already decoded): plain RSS with the
 * streaming reader (`rss-stream.ts`, the same fields without building the document's tree),
 * everything else, and every document with an error, with rss-parser.
 */
export async function parseXmlFeed(xml: string, options: XmlReadOptions = {}): Promise<Result<ParsedFeed>> {
  const isAtom = isAtomDocument(xml);
  const prepared = htmlEntitiesToNumeric(isAtom ? shieldAtomDates(xml) : xml);
  let output: unknown;
  try {
    output = (isAtom || options.rssParserOnly === true ? null : readSimpleRss(prepared)) ?? (await readWithRssParser(prepared));
  } catch (e) {
    if (e instanceof TypeError) {
      return err('FEED_MALFORMED', `${describeStructure(prepared, isAtom)}; the feed is skipped until it changes.`);
    }
    const reason = describeXmlError(e);
    if (/not recognized as RSS/i.test(reason)) {
      return err('FEED_NOT_A_FEED', 'The document is XML but neither RSS nor Atom; the feed is skipped.', { permanent: true });
    }
    return err('FEED_PARSE_ERROR', `Malformed XML: ${reason}. The feed is skipped until it changes.`);
  }
  const feed = feedFields(output, rootLanguage(xml));
  if (feed === null) return err('FEED_PARSE_ERROR', 'The feed parser returned no channel; the feed is skipped.');
  const format = isAtom ? 'atom' : 'rss';
  const { language } = feed;
  const result: ParsedFeed = {
    format,
    items: feed.items.map((item) => toRawItem(item, format, language)),
  };
  if (feed.title !== undefined) result.title = feed.title;
  if (language !== undefined) result.language = language;
  return ok(result);
}
