import { foldText } from './fold.js';

const WORDS = new Intl.Segmenter('und', { granularity: 'word' });
/** What a search token may hold: letters, marks and digits of any script (everything else separates). */
const NOT_WORD = /[^\p{L}\p{M}\p{N}]+/u;
/** Outside printable ASCII (and its tab and line breaks): text the fast path does not take. */
const NOT_ASCII = /[^\t\n\r\x20-\x7e]/u;

/**
 * The full-text search tokens of a text, in order: folded as names and cue words are
 * (`foldText`: case, accents, Arabic-script variants), cut into words by `Intl.Segmenter`
 * (dictionary word breaks for Chinese, Japanese and Thai, which write no spaces), letters, marks
 * and digits only. Stored sentences and questions are tokenised by this one function, so SQLite
 * FTS5 and PostgreSQL see the same words and never apply their own tokenisers' rules.
 */
export function searchTokens(text: string): string[] {
  const folded = foldText(text);
  // In ASCII a word break never falls inside a run of letters and digits, and every segment holding one is word-like.
  if (!NOT_ASCII.test(folded)) return folded.split(NOT_WORD).filter((token) => token !== '');
  const out: string[] = [];
  for (const { segment, isWordLike } of WORDS.segment(folded)) {
    if (!isWordLike) continue;
    for (const token of segment.split(NOT_WORD)) if (token !== '') out.push(token);
  }
  return out;
}
