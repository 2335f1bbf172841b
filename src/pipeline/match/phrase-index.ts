import { foldText } from './fold-text.js';

/** Scripts written without spaces between words: phrases in them match anywhere. */
const SPACELESS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
const SPACELESS_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}ー]+/gu;
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
}

interface WordPhrase<T> {
  words: string[];
  payload: T;
}

/** A word of a folded text, with its offset. */
interface Word {
  text: string;
  index: number;
}

/** Smallest length of a Latin/Cyrillic/other word-start phrase; spaceless phrases need 2 characters. */
const MIN_WORD_PHRASE = 3;

/**
 * A dictionary of phrases (names, cue words) found in text in one pass. A phrase matches at the
 * start of a word and may be followed by more letters (inflections: "Pakistan" matches
 * "Pakistani", "Пакистана"); each of its words must start the corresponding text word. Arabic-script
 * words are also tried without their proclitics (و، ف، ب، ل، ك، ال). Phrases in Chinese, Japanese
 * and Thai match anywhere as substrings. Matching is on {@link foldText} forms.
 */
export class PhraseIndex<T> {
  private readonly byKey = new Map<string, WordPhrase<T>[]>();
  private readonly spaceless = new Map<string, { phrase: string; payload: T }[]>();
  private size = 0;

  /** Adds a phrase; returns false (and adds nothing) when it is too short to be specific. */
  add(phrase: string, payload: T): boolean {
    const folded = foldText(phrase).trim();
    if (SPACELESS.test(folded)) {
      const compact = folded.replace(/\s+/g, '');
      if ([...compact].length < 2) return false;
      const key = compact.slice(0, 2);
      this.push(this.spaceless, key, { phrase: compact, payload });
      return true;
    }
    const words = [...folded.matchAll(WORD)].map((m) => m[0]);
    const first = words[0];
    if (first === undefined || (words.length === 1 && first.length < MIN_WORD_PHRASE)) return false;
    this.push(this.byKey, keyOf(first), { words, payload });
    return true;
  }

  /** Number of phrases added. */
  get count(): number {
    return this.size;
  }

  /** Every occurrence of every phrase in an already folded text, in text order. */
  find(folded: string): PhraseHit<T>[] {
    const hits: PhraseHit<T>[] = [];
    const words: Word[] = [...folded.matchAll(WORD)].map((m) => ({ text: m[0], index: m.index }));
    for (let i = 0; i < words.length; i += 1) {
      const word = words[i] as Word;
      const found = new Set<WordPhrase<T>>();
      for (const variant of wordVariants(word.text)) {
        for (const phrase of this.byKey.get(keyOf(variant)) ?? []) {
          if (!found.has(phrase) && phraseAt(phrase.words, variant, words, i)) found.add(phrase);
        }
      }
      for (const phrase of found) hits.push({ payload: phrase.payload, index: word.index });
    }
    if (this.spaceless.size > 0) this.findSpaceless(folded, hits);
    return hits.sort((a, b) => a.index - b.index);
  }

  private findSpaceless(folded: string, hits: PhraseHit<T>[]): void {
    for (const run of folded.matchAll(SPACELESS_RUN)) {
      const text = run[0];
      for (let i = 0; i + 1 < text.length; i += 1) {
        for (const entry of this.spaceless.get(text.slice(i, i + 2)) ?? []) {
          if (text.startsWith(entry.phrase, i)) hits.push({ payload: entry.payload, index: run.index + i });
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

/** Index key: the first two characters (a phrase word and a text word that starts with it share them). */
function keyOf(word: string): string {
  return word.slice(0, 2);
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

function phraseAt(phrase: string[], firstWord: string, words: Word[], start: number): boolean {
  if (!firstWord.startsWith(phrase[0] as string)) return false;
  for (let k = 1; k < phrase.length; k += 1) {
    const word = words[start + k];
    if (word === undefined || !word.text.startsWith(phrase[k] as string)) return false;
  }
  return true;
}
