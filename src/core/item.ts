import type { AppError } from './result.js';

/** An entry as it comes out of a feed document, before any cleaning. */
export interface RawItem {
  guid?: string;
  link?: string;
  title?: string;
  /** Full content (often HTML). */
  content?: string;
  /** Summary / description (often HTML). */
  summary?: string;
  /** Publication date as written in the feed. */
  published?: string;
  author?: string;
  /** Language declared by the item or the feed document, if any. */
  language?: string;
}

/** An entry of a feed document that the parser could not read (a wrong type), and why. */
export interface UnreadableEntry {
  /** Position of the entry in the document, from 0. */
  index: number;
  /** The entry's id when it has a readable one. */
  id?: string;
  error: AppError;
}

/** A feed document after parsing. */
export interface ParsedFeed {
  title?: string;
  language?: string;
  format: 'rss' | 'atom' | 'json';
  /** The readable entries, in document order. */
  items: RawItem[];
  /** Entries skipped because they could not be read; the rest of the feed is kept. */
  unreadable?: UnreadableEntry[];
}

/** Where an item's language came from. */
export type LanguageSource = 'declared' | 'script' | 'detected' | 'feed' | 'unknown';

/** An item after normalization: clean text, language, date and identity. */
export interface Item {
  /** Identity: `url:<canonical link>`, else `guid:<feed>:<guid>`, else `hash:<feed>:<sha256>`. */
  key: string;
  /** sha256 of the normalized title + text; the same article at a new URL has the same hash. */
  contentHash: string;
  guid: string | null;
  /** Canonical link (tracking parameters removed), if any. */
  link: string | null;
  title: string;
  /** Plain text body with boilerplate removed. */
  text: string;
  /** ISO 639-1 code, or 'und' when it cannot be told. */
  lang: string;
  langSource: LanguageSource;
  /** Publication date, or null when the item has none or it cannot be parsed. */
  published: Date | null;
}

/** An item once stored. */
export interface StoredItem extends Item {
  id: number;
  feedId: number;
  fetchedAt: Date;
  /** Stored with its feed's first fetch: it builds the story's record but never alerts. */
  baseline: boolean;
}

/** A stored item without its text: what pages and feeds show of a source. */
export type ItemHead = Pick<StoredItem, 'id' | 'feedId' | 'link' | 'title' | 'lang' | 'published' | 'fetchedAt'>;

/** The matcher's decision on one item for one story. */
export interface ItemMatchRecord {
  itemId: number;
  storyId: string;
  matched: boolean;
  score: number;
  reasons: string[];
  at: Date;
}
