import type { StoredItem } from '../core/item.js';
import type { SentenceInput } from '../core/sentence.js';
import { searchTokens } from '../core/text/search-tokens.js';
import { sentences } from '../core/text/segments.js';
import type { SentenceStore } from '../store/ports.js';

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
