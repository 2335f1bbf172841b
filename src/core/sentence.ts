/** A sentence of an item matched to a story, to be indexed: its place in the item, its text and its search tokens. */
export interface SentenceInput {
  /** 0 for the title, then the text's sentences in order. */
  ord: number;
  text: string;
  /** `searchTokens(text)`: what the full-text index holds. */
  tokens: string[];
}

/** A stored sentence with what a citation needs: its item's language, link, outlet (the feed's name) and date. */
export interface StoredSentence {
  id: number;
  storyId: string;
  itemId: number;
  ord: number;
  lang: string;
  text: string;
  link: string | null;
  outlet: string;
  published: Date | null;
}
