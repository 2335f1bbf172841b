import { ordinalBeforeBreak } from './ordinal-dates.js';

/** Where in an item a sentence stands: the headline, the lead, or the rest of the body. */
export type Zone = 'title' | 'lead' | 'body';

/** A sentence of an item, with its zone. */
export interface Segment {
  zone: Zone;
  text: string;
}

/**
 * The lead is the first sentence, and the second too when the first is short: the "who did what"
 * of news writing. Later sentences are body, where background ("weeks after the strikes…") lives.
 */
const LEAD_SENTENCES = 2;
const LEAD_CHARS = 120;

const SENTENCE_END = /(?<=[.!?؟۔।][»"”’)\]]?)\s+(?=\S)|(?<=[。！？])/gu;

/** A paragraph cut at sentence punctuation, except after an ordinal number ("am 22. April", see {@link ordinalBeforeBreak}). */
function paragraphSentences(paragraph: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (const m of paragraph.matchAll(SENTENCE_END)) {
    const cut = m.index;
    const next = cut + m[0].length;
    if (paragraph[cut - 1] === '.' && ordinalBeforeBreak(paragraph.slice(Math.max(start, cut - 6), cut), paragraph.slice(next, next + 40))) continue;
    pieces.push(paragraph.slice(start, cut));
    start = next;
  }
  pieces.push(paragraph.slice(start));
  return pieces;
}

/** Splits text into sentences (paragraphs first, then sentence punctuation of many scripts). */
export function sentences(text: string): string[] {
  return text
    .split(/\n+/)
    .flatMap(paragraphSentences)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * Cuts an item into zoned sentences: the title, the lead (the first sentences of the text, where
 * news writing puts who did what), and the body. Evidence in the title and lead says what an item
 * is about; evidence only in the body is background.
 */
export function segmentItem(title: string, text: string): Segment[] {
  const segments: Segment[] = title.trim() === '' ? [] : [{ zone: 'title', text: title.trim() }];
  let leadChars = 0;
  let leadCount = 0;
  let fragments = 0;
  for (const sentence of sentences(text)) {
    const inLead = leadCount < LEAD_SENTENCES && leadChars < LEAD_CHARS;
    segments.push({ zone: inLead ? 'lead' : 'body', text: sentence });
    // Page chrome before the text (a byline, "Key points", an image path, an agency tag) is no
    // sentence of the news: it does not use up the lead.
    if (inLead && fragments < MAX_FRAGMENTS && isFragment(sentence)) fragments += 1;
    else if (inLead) {
      leadCount += 1;
      leadChars += sentence.length;
    }
  }
  return segments;
}

/** Leading fragments that may stand before the lead without using it up. */
const MAX_FRAGMENTS = 2;
/** A piece of page chrome rather than a sentence: a few words at most, or a path with no spaces. */
function isFragment(sentence: string): boolean {
  if (/^\S*[/\\]\S*$/u.test(sentence)) return true;
  const words = sentence.split(/\s+/u).filter((w) => /\p{L}/u.test(w));
  const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(sentence);
  return cjk ? [...sentence].length <= 8 : words.length <= 3 && sentence.length <= 30;
}
