import { foldText } from '../../core/text/fold.js';

/** Scripts written without spaces between words: phrases in them match anywhere. */
const SPACELESS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
const SPACELESS_CHARS = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}ー';
/** A spaceless word with the digits it runs into ("造成3名士兵死亡": a phrase "3名士兵" is inside it). */
const SPACELESS_PART = `[${SPACELESS_CHARS}0-9]*[${SPACELESS_CHARS}][${SPACELESS_CHARS}0-9]*`;
/** A run of spaceless script and its digits; single spaces inside it (folded hyphens, "阿尔-哈萨") are skipped. */
const SPACELESS_RUN = new RegExp(`${SPACELESS_PART}(?: ${SPACELESS_PART})*`, 'gu');
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;
const ARABIC_LETTER = /^\p{Script=Arabic}/u;
/** Arabic proclitics in their order: a conjunction, then a preposition, then the article ("وبال…"). */
const CONJUNCTIONS = ['', 'و', 'ف'];
const PREPOSITIONS = ['', 'ب', 'ل', 'ك'];
const ARTICLES = ['', 'ال', 'ل'];
const ARABIC_PREFIXES = [...new Set(CONJUNCTIONS.flatMap((c) => PREPOSITIONS.flatMap((p) => ARTICLES.map((a) => c + p + a))))].filter((x) => x !== '');

/** Where a phrase was found in a folded text. */
export interface PhraseHit<T> {
  payload: T;
  /** Offset of the match in the folded text. */
  index: number;
  /** Offset just after the match (the end of the last word it starts). */
  end: number;
}

interface WordPhrase<T> {
  words: string[];
  payload: T;
  /** Order of addition: hits at one word come in this order. */
  seq: number;
  /** The last word must end where the text word ends (no inflection allowed). */
  whole: boolean;
}

/** A word of a folded text, with its offset. */
interface Word {
  text: string;
  index: number;
}

/** A run of spaceless script with its single spaces skipped, and the offset in the folded text of each character kept. */
interface SpacelessRun {
  text: string;
  offsets: number[];
}

/** A folded text cut into words once, to be searched by several indexes (one per story). */
export interface FoldedText {
  folded: string;
  words: Word[];
  /** Its spaceless runs, cut at the first search that needs them. */
  runs?: SpacelessRun[];
}

/** A text already folded ({@link foldText}), cut into the words {@link PhraseIndex.find} reads. */
export function foldedText(folded: string): FoldedText {
  return { folded, words: [...folded.matchAll(WORD)].map((m) => ({ text: m[0], index: m.index })) };
}

function spacelessRuns(folded: string): SpacelessRun[] {
  const runs: SpacelessRun[] = [];
  for (const run of folded.matchAll(SPACELESS_RUN)) {
    const offsets: number[] = [];
    let text = '';
    for (let k = 0; k < run[0].length; k += 1) {
      if (run[0][k] === ' ') continue;
      text += run[0][k];
      offsets.push(run.index + k);
    }
    runs.push({ text, offsets });
  }
  return runs;
}

/**
 * Smallest length of a one-word phrase at word starts; spaceless phrases need 2 characters, and
 * so do Korean words (two Hangul syllables are a whole noun: 공습, 회담).
 */
const MIN_WORD_PHRASE = 3;
const HANGUL = /^\p{Script=Hangul}/u;

/**
 * A dictionary of phrases (names, cue words) found in text in one pass. A phrase matches at the
 * start of a word and may be followed by more letters (inflections: "Kenya" matches
 * "Kenyan", "Кения" matches "Кении"); each of its words must start the corresponding text word. Arabic-script
 * words are also tried without their proclitics (و، ف، ب، ل، ك، ال). Phrases in Chinese, Japanese
 * and Thai match anywhere as substrings. Matching is on {@link foldText} forms.
 */
export class PhraseIndex<T> {
  private readonly byKey = new Map<string, WordPhrase<T>[]>();
  private readonly spaceless = new Map<string, { phrase: string; payload: T }[]>();
  /** The {@link startCode} of every word key, and the first code unit of every spaceless key: a text word or position without one has no phrase. */
  private readonly wordStarts = new Set<number>();
  private readonly spacelessStarts = new Set<number>();
  private size = 0;

  /**
   * Adds a phrase; returns false (and adds nothing) when it is too short to be specific. With
   * `whole`, the phrase's last word must be a whole text word (for names that begin other words).
   */
  add(phrase: string, payload: T, whole = false): boolean {
    const folded = foldText(phrase).trim();
    if (SPACELESS.test(folded)) {
      const compact = folded.replace(/\s+/g, '');
      if ([...compact].length < 2) return false;
      const key = compact.slice(0, 2);
      this.push(this.spaceless, key, { phrase: compact, payload });
      this.spacelessStarts.add(key.charCodeAt(0));
      return true;
    }
    const words = [...folded.matchAll(WORD)].map((m) => m[0]);
    const first = words[0];
    const minimum = HANGUL.test(first ?? '') ? 2 : MIN_WORD_PHRASE;
    if (first === undefined || (words.length === 1 && first.length < minimum)) return false;
    this.push(this.byKey, keyOf(first), { words, payload, whole, seq: this.size });
    this.wordStarts.add(startCode(keyOf(first)));
    return true;
  }

  /** Number of phrases added. */
  get count(): number {
    return this.size;
  }

  /** Every occurrence of every phrase in an already folded text (or one already cut by {@link foldedText}), in text order. */
  find(input: string | FoldedText): PhraseHit<T>[] {
    const text = typeof input === 'string' ? foldedText(input) : input;
    const hits: PhraseHit<T>[] = [];
    const { words } = text;
    for (let i = 0; i < words.length; i += 1) {
      const word = words[i] as Word;
      const found: WordPhrase<T>[] = [];
      for (const variant of wordVariants(word.text)) this.collect(variant, words, i, found);
      for (const phrase of found) {
        const last = words[i + phrase.words.length - 1] as Word;
        hits.push({ payload: phrase.payload, index: word.index, end: last.index + last.text.length });
      }
    }
    if (this.spaceless.size > 0) this.findSpaceless((text.runs ??= spacelessRuns(text.folded)), hits);
    return longestOnly(hits).sort((a, b) => a.index - b.index);
  }

  /**
   * Adds to `found` the phrases not found yet that start at word `i` read as `variant`: those keyed
   * by its first three characters and those whose first word is shorter, in the order they were added.
   */
  private collect(variant: string, words: Word[], i: number, found: WordPhrase<T>[]): void {
    // Every key looked up below is the variant's first two characters or three, or the whole one-character variant.
    if (!this.wordStarts.has(startCode(variant))) return;
    const start = found.length;
    const short = this.byKey.get(variant.slice(0, 2));
    const long = variant.length < 3 ? undefined : this.byKey.get(variant.slice(0, 3));
    for (const phrase of short ?? []) if (!found.includes(phrase) && phraseAt(phrase, variant, words, i)) found.push(phrase);
    const shortEnd = found.length;
    for (const phrase of long ?? []) if (!found.includes(phrase) && phraseAt(phrase, variant, words, i)) found.push(phrase);
    // Both kinds found: put them back in the order they were added.
    if (shortEnd > start && found.length > shortEnd) found.splice(start, found.length - start, ...found.slice(start).sort((a, b) => a.seq - b.seq));
  }

  private findSpaceless(runs: SpacelessRun[], hits: PhraseHit<T>[]): void {
    for (const { text, offsets } of runs) {
      for (let i = 0; i + 1 < text.length; i += 1) {
        if (!this.spacelessStarts.has(text.charCodeAt(i))) continue;
        for (const entry of this.spaceless.get(text.slice(i, i + 2)) ?? []) {
          if (!text.startsWith(entry.phrase, i)) continue;
          const start = offsets[i] as number;
          hits.push({ payload: entry.payload, index: start, end: (offsets[i + entry.phrase.length - 1] as number) + 1 });
        }
      }
    }
  }

  private push<V>(map: Map<string, V[]>, key: string, value: V): void {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
    this.size += 1;
  }
}

/**
 * Drops hits inside a longer hit: "North Rhine-Westphalia" is one place, not also "Westphalia";
 * "Democratic Republic of the Congo" is not also "Republic of the Congo".
 */
function longestOnly<T>(hits: PhraseHit<T>[]): PhraseHit<T>[] {
  if (hits.length < 2) return hits;
  return hits.filter((h) => !hits.some((g) => g !== h && g.index <= h.index && g.end >= h.end && g.end - g.index > h.end - h.index));
}

/** A word's first two code units as one number (or its one code unit): equal for a word and every key it can find. */
function startCode(word: string): number {
  return word.length < 2 ? word.charCodeAt(0) : 0x10000 * (word.charCodeAt(0) + 1) + word.charCodeAt(1);
}

/**
 * Index key of a phrase's first word: its first three characters, or the whole word when shorter (a
 * text word that starts with the phrase word starts with its key).
 */
function keyOf(word: string): string {
  return word.slice(0, 3);
}

/** A text word, and for Arabic script the word without each proclitic it may carry. */
function wordVariants(word: string): string[] {
  if (!ARABIC_LETTER.test(word)) return [word];
  const variants = [word];
  for (const prefix of ARABIC_PREFIXES) {
    if (word.startsWith(prefix) && word.length - prefix.length >= 2) variants.push(word.slice(prefix.length));
  }
  return variants;
}

function phraseAt<T>(phrase: WordPhrase<T>, firstWord: string, words: Word[], start: number): boolean {
  const last = phrase.words.length - 1;
  for (let k = 0; k <= last; k += 1) {
    const text = k === 0 ? firstWord : words[start + k]?.text;
    const want = phrase.words[k] as string;
    if (text === undefined || !text.startsWith(want)) return false;
    if (k === last && phrase.whole && text.length !== want.length) return false;
  }
  return true;
}
