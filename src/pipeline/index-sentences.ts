import type { StoredItem } from '../core/item.js';
import type { SentenceInput } from '../core/sentence.js';
import { searchTokens } from '../core/text/search-tokens.js';
import { sentences } from '../core/text/segments.js';
import type { SentenceStore, Store } from '../store/ports.js';

/** Sentences kept per item, and characters per sentence: a page that is no article does not fill the index. */
const MAX_SENTENCES = 300;
const MAX_CHARS = 1200;

/** An item's sentences as the index takes them: the title first (ord 0), then the text's sentences, with their search tokens. */
export function itemSentences(item: Pick<StoredItem, 'title' | 'text'>): SentenceInput[] {
  const list = [item.title.trim(), ...sentences(item.text)].slice(0, MAX_SENTENCES + 1);
  const out: SentenceInput[] = [];
  list.forEach((raw, ord) => {
    const text = raw.length > MAX_CHARS ? `${raw.slice(0, MAX_CHARS)}…` : raw;
    const tokens = searchTokens(text);
    if (tokens.length > 0) out.push({ ord, text, tokens });
  });
  return out;
}

/** Indexes the sentences of an item matched to a story (again: what was indexed of it before is replaced). */
export async function indexMatchedItem(store: SentenceStore, storyId: string, item: StoredItem): Promise<void> {
  await store.indexSentences(storyId, item, itemSentences(item));
}

/** Items read and indexed per transaction when a story is reindexed. */
const REINDEX_BATCH = 200;

/**
 * Indexes again the sentences of every item matched to a story (`storywatch reindex`): fills the
 * index for items matched before it existed, or after the sentence rules changed. Each item's
 * sentences are replaced, so running it twice changes nothing. Returns the items and sentences indexed.
 */
export async function reindexStory(store: Store, storyId: string): Promise<{ items: number; sentences: number }> {
  const ids = (await store.listMatches(storyId, { matchedOnly: true })).map((m) => m.itemId).sort((a, b) => a - b);
  let items = 0;
  for (let i = 0; i < ids.length; i += REINDEX_BATCH) {
    const batch = await store.getItems(ids.slice(i, i + REINDEX_BATCH));
    await store.transaction(async (tx) => {
      for (const item of batch) await indexMatchedItem(tx, storyId, item);
    });
    items += batch.length;
  }
  return { items, sentences: await store.countSentences(storyId) };
}
