import { z } from 'zod';
import { err, ok, type Result } from '../../core/result.js';
import type { ParsedFeed, RawItem, UnreadableEntry } from '../../core/item.js';

const optionalText = z.string().nullish();
/** A feed-level text field: a wrong type is ignored rather than losing the feed. */
const lenientText = z
  .unknown()
  .optional()
  .transform((v) => (typeof v === 'string' ? v : undefined));

const authorSchema = z.object({ name: optionalText }).loose();

/** One JSON Feed item (1.0 and 1.1); everything but the shape is optional, normalize decides. */
const jsonFeedItemSchema = z
  .object({
    id: z.union([z.string(), z.number()]).nullish(),
    url: optionalText,
    external_url: optionalText,
    title: optionalText,
    content_html: optionalText,
    content_text: optionalText,
    summary: optionalText,
    date_published: optionalText,
    date_modified: optionalText,
    language: optionalText,
    author: authorSchema.nullish(),
    authors: z.array(authorSchema).nullish(),
  })
  .loose();

/** A JSON Feed document, https://www.jsonfeed.org/version/1.1/ (1.0 is a subset). */
export const jsonFeedSchema = z
  .object({
    version: z.string().regex(/^https?:\/\/jsonfeed\.org\/version\/1(\.\d+)?\/?$/, 'not a JSON Feed version URL'),
    title: lenientText,
    home_page_url: lenientText,
    feed_url: lenientText,
    language: lenientText,
    // Items are checked one by one (see readItems): one bad item must not lose the others.
    items: z.array(z.unknown()),
  })
  .loose();

type JsonFeedItem = z.infer<typeof jsonFeedItemSchema>;

function present(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value.trim() === '' ? undefined : value;
}

function toRawItem(item: JsonFeedItem, feedLanguage: string | undefined): RawItem {
  const raw: RawItem = {};
  const assign = (key: keyof RawItem, value: string | null | undefined): void => {
    const v = present(value);
    if (v !== undefined) raw[key] = v;
  };
  assign('guid', item.id === null || item.id === undefined ? undefined : String(item.id));
  assign('link', item.url ?? item.external_url);
  assign('title', item.title);
  assign('content', item.content_html ?? item.content_text);
  assign('summary', item.summary);
  assign('published', item.date_published ?? item.date_modified);
  assign('author', item.authors?.[0]?.name ?? item.author?.name);
  assign('language', item.language ?? feedLanguage);
  return raw;
}

/** The id of an entry that failed its schema, when it has a readable one. */
function entryId(value: unknown): string | undefined {
  const id = typeof value === 'object' && value !== null ? (value as Record<string, unknown>).id : undefined;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/** Reads each item on its own: an item with a wrong type is reported as unreadable, the others are kept. */
function readItems(values: unknown[], feedLanguage: string | undefined): { items: RawItem[]; unreadable: UnreadableEntry[] } {
  const items: RawItem[] = [];
  const unreadable: UnreadableEntry[] = [];
  values.forEach((value, index) => {
    const parsed = jsonFeedItemSchema.safeParse(value);
    if (parsed.success) {
      items.push(toRawItem(parsed.data, feedLanguage));
      return;
    }
    const id = entryId(value);
    const issue = parsed.error.issues[0];
    const field = issue && issue.path.length > 0 ? `field "${issue.path.join('.')}"` : 'the item';
    const why = value === null || typeof value !== 'object' || Array.isArray(value) ? 'not an object' : `${field}: ${issue?.message ?? 'invalid'}`;
    unreadable.push({
      index,
      ...(id !== undefined ? { id } : {}),
      error: { code: 'FEED_ITEM_INVALID', message: `JSON Feed item ${index}${id !== undefined ? ` (id "${id}")` : ''}: ${why}; the item is skipped.` },
    });
  });
  return { items, unreadable };
}

/**
 * Parses a JSON Feed 1.0/1.1 document; bad JSON or a document-level schema failure names the
 * offending field and fails the feed, while an item with a wrong type is skipped (and listed in
 * `unreadable`) and the rest of the feed is read.
 */
export function parseJsonFeed(text: string): Result<ParsedFeed> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return err('FEED_PARSE_ERROR', `Invalid JSON: ${(e as Error).message}. The feed is skipped until it changes.`);
  }
  const parsed = jsonFeedSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue && issue.path.length > 0 ? issue.path.join('.') : '(root)';
    return err('FEED_PARSE_ERROR', `JSON Feed field "${field}": ${issue?.message ?? 'invalid'}.`);
  }
  const feed = parsed.data;
  const language = present(feed.language);
  const { items, unreadable } = readItems(feed.items, language);
  const result: ParsedFeed = { format: 'json', items, ...(unreadable.length > 0 ? { unreadable } : {}) };
  const title = present(feed.title);
  if (title !== undefined) result.title = title;
  if (language !== undefined) result.language = language;
  return ok(result);
}
