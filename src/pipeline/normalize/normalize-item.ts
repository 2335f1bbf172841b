import type { Item, RawItem } from '../../core/item.js';
import { err, ok, type Result } from '../../core/result.js';
import { removeBoilerplate } from './boilerplate.js';
import { cleanInlineText, htmlToPlainText } from './html-to-text.js';
import { canonicalLink, contentHash, itemKey } from './item-key.js';
import { detectLanguage } from './language.js';
import { parsePublishedDate } from './published-date.js';
import { titleFromText } from './title.js';

/** The feed an item came from, as normalize needs it. */
export interface FeedContext {
  url: string;
  /** Language the operator configured for the feed, if any. */
  language?: string | null;
}

/**
 * A copy of a field's text that shares no memory with the document it was read from: the parser
 * hands out slices of the document's pieces, and one slice kept in an item keeps its whole piece
 * alive as long as the item.
 */
function ownCopy(text: string): string {
  return ` ${text}`.slice(1);
}

/** The body text: full content when it has any text, else the summary. */
function bodyText(raw: RawItem): string {
  const content = raw.content === undefined ? '' : htmlToPlainText(raw.content);
  if (content !== '' || raw.summary === undefined) return content;
  return htmlToPlainText(raw.summary);
}

/**
 * Turns a raw feed entry into an Item: plain text without boilerplate, a clean title (derived from
 * the first sentence when missing), language, publication date, canonical link, item key and
 * content hash. `now` bounds future dates. Fails with `ITEM_EMPTY` when there is no title, no
 * text and no link.
 */
export function normalizeItem(raw: RawItem, feed: FeedContext, now: Date = new Date()): Result<Item> {
  const givenTitle = raw.title === undefined ? '' : ownCopy(cleanInlineText(raw.title));
  const text = removeBoilerplate(bodyText(raw), givenTitle);
  const title = givenTitle !== '' ? givenTitle : titleFromText(text);
  const link = raw.link === undefined ? null : canonicalLink(raw.link, feed.url);
  if (title === '' && text === '' && link === null) {
    return err('ITEM_EMPTY', 'The entry has no title, no text and no link; it is skipped.');
  }
  const guid = raw.guid === undefined ? null : ownCopy(raw.guid.trim()) || null;
  const hash = contentHash(title, text);
  const language = detectLanguage({ title, text, declared: raw.language, feedLanguage: feed.language });
  return ok({
    key: itemKey({ link, guid, hash, feedUrl: feed.url }),
    contentHash: hash,
    guid,
    link,
    title,
    text,
    lang: language.lang,
    langSource: language.source,
    published: parsePublishedDate(raw.published, now),
  });
}
