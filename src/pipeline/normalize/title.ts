/** Longest title derived from the text. */
const DERIVED_TITLE_MAX = 120;

/**
 * A title for an item that has none: the first sentence of its text, cut at a word boundary
 * near 120 characters (with an ellipsis when cut).
 */
export function titleFromText(text: string): string {
  const firstLine = text.split('\n', 1)[0] ?? '';
  const sentence = /^.+?[.!?。！？؟۔](?=\s|$)/u.exec(firstLine)?.[0] ?? firstLine;
  if (sentence.length <= DERIVED_TITLE_MAX) return sentence;
  const space = sentence.slice(0, DERIVED_TITLE_MAX + 1).lastIndexOf(' ');
  const cut = sentence.slice(0, space > DERIVED_TITLE_MAX / 2 ? space : DERIVED_TITLE_MAX);
  return `${cut.replace(/[\s,;:]+$/u, '')}…`;
}
