/** What places an item in publication order: its publication date (null when undated) and its key. */
export interface PublicationKey {
  published: Date | null;
  key: string;
}

/**
 * Compares two items in publication order: dated items oldest first, undated ones after them, ties
 * broken by item key (code-unit order, as the stores sort keys) — never by the order they arrived in.
 */
export function comparePublication(a: PublicationKey, b: PublicationKey): number {
  const at = (x: PublicationKey): number => x.published?.getTime() ?? Number.POSITIVE_INFINITY;
  const byDate = at(a) - at(b);
  if (byDate !== 0 && !Number.isNaN(byDate)) return byDate;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
