import { readFileSync } from 'node:fs';

/** One language detection: the language (ISO 639-1, '' when none scores) and what it was chosen from. */
export interface EldDetection {
  language: string;
  /** Each language's raw score, by eld's language index (0 outside a subset): eld's `results`. */
  scores: Float64Array;
  /** How many distinct n-grams the text gave. */
  ngramCount: number;
}

/** One detector on eld's `small` database (only what language detection calls). */
export interface EldDetector {
  detect(text: string): EldDetection;
  setLanguageSubset(languages: string[]): void;
}

/** Where `eld/small` lives; its n-gram file and helpers sit beside it in the package. */
const ENTRY = import.meta.resolve('eld/small');
const { separators } = (await import(new URL('../regexPatterns.js', ENTRY).href)) as { separators: RegExp };
const { dictionary } = (await import(new URL('../dictionary.js', ENTRY).href)) as { dictionary: readonly string[] };

/** eld's n-gram database, packed: each n-gram's (language, score) pairs are `languages/scores[starts[i]..starts[i+1])`. */
interface Ngrams {
  codes: readonly string[];
  index: Map<string, number>;
  starts: Uint32Array;
  languages: Uint8Array;
  scores: Uint16Array;
}

const QUOTE = 0x27;
const BACKSLASH = 0x5c;
const CLOSE = 0x7d;

/**
 * Reads eld's `small` n-gram file (one 1.6 MB object literal, `{type, languages: {0: 'am', …},
 * ngrams: {'<bytes>': {<language>: <score>, …}, …}}`, keys that are names left bare) in one pass into typed arrays, without
 * compiling it as JavaScript (about 140 MB of peak memory) or building 81,000 small objects.
 * Quoted strings are read as eld writes them: `\x` stands for `x`.
 */
function readSmallNgrams(): Ngrams {
  const source = readFileSync(new URL('../ngrams/small.js', ENTRY), 'utf8');
  const codes: string[] = [];
  for (const match of source.slice(0, source.indexOf('}')).matchAll(/(\d+):'([a-z]+)'/g)) codes[Number(match[1])] = match[2] ?? '';
  const index = new Map<string, number>();
  const starts: number[] = [0];
  const languages: number[] = [];
  const scores: number[] = [];
  let at = source.indexOf('ngrams:{') + 'ngrams:{'.length;
  while (source.charCodeAt(at) !== CLOSE) {
    let key = '';
    if (source.charCodeAt(at) === QUOTE) {
      let from = at + 1;
      for (at = from; source.charCodeAt(at) !== QUOTE; at += 1) {
        if (source.charCodeAt(at) === BACKSLASH) {
          key += source.slice(from, at);
          at += 1;
          from = at;
        }
      }
      key += source.slice(from, at);
      at += 1;
    } else {
      const from = at;
      at = source.indexOf(':', at);
      key = source.slice(from, at);
    }
    at += 2; // ':' and '{'
    while (source.charCodeAt(at - 1) !== CLOSE) {
      let language = 0;
      for (; source.charCodeAt(at) !== 0x3a; at += 1) language = language * 10 + source.charCodeAt(at) - 0x30;
      let score = 0;
      for (at += 1; source.charCodeAt(at) !== 0x2c && source.charCodeAt(at) !== CLOSE; at += 1) score = score * 10 + source.charCodeAt(at) - 0x30;
      languages.push(language);
      scores.push(score);
      at += 1; // ',' or '}'
    }
    index.set(key, starts.length - 1);
    starts.push(languages.length);
    if (source.charCodeAt(at) === 0x2c) at += 1;
  }
  return { codes, index, starts: Uint32Array.from(starts), languages: Uint8Array.from(languages), scores: Uint16Array.from(scores) };
}

const ngrams = readSmallNgrams();

/** eld subtracts this from every stored score to keep the database small. */
const BASE_NGRAM_SCORE = 53;

/** eld's `strToUtf8Bytes`: the words of the text as UTF-8 bytes in its dictionary, cut near 350–380 bytes. */
function utf8Words(text: string): string[] {
  let encoded = '';
  const words: string[] = [];
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    let code = text.charCodeAt(i);
    if (code < 0x80) {
      if (code === 32) {
        if (encoded !== '') {
          words.push(encoded);
          encoded = '';
        }
        if (bytes > 350) break;
      } else encoded += text[i];
      bytes += 1;
    } else if (code < 0x800) {
      encoded += `${dictionary[0xc0 | (code >> 6)]}${dictionary[0x80 | (code & 0x3f)]}`;
      bytes += 2;
    } else if (code < 0xd800 || code >= 0xe000) {
      encoded += `${dictionary[0xe0 | (code >> 12)]}${dictionary[0x80 | ((code >> 6) & 0x3f)]}${dictionary[0x80 | (code & 0x3f)]}`;
      bytes += 3;
    } else {
      i += 1;
      code = 0x10000 + (((code & 0x3ff) << 10) | (text.charCodeAt(i) & 0x3ff));
      encoded += `${dictionary[0xf0 | (code >> 18)]}${dictionary[0x80 | ((code >> 12) & 0x3f)]}${dictionary[0x80 | ((code >> 6) & 0x3f)]}${dictionary[0x80 | (code & 0x3f)]}`;
      bytes += 4;
    }
    if (bytes > 380) break;
  }
  if (encoded !== '') words.push(encoded);
  return words;
}

/** eld's `getByteNgrams`: 4-byte n-grams at a stride of 3, the first marked by a leading space and the last by a trailing one. */
function byteNgrams(words: readonly string[]): Set<string> {
  const found = new Set<string>();
  for (const word of words) {
    const length = Math.min(word.length, 70);
    let j = 0;
    for (; j + 4 < length; j += 3) found.add(`${j === 0 ? ' ' : ''}${word.substring(j, j + 4)}`);
    found.add(`${j === 0 ? ' ' : ''}${word.substring(length !== 3 ? length - 4 : 0)} `);
  }
  return found;
}

/**
 * A new detector on eld's `small` database that detects exactly as `eld/small`'s `detect` (same
 * text processing, n-grams, integer scores, subset filter and first-highest choice), with the
 * database held in typed arrays instead of eld's objects (decision 035).
 */
export function newSmallDetector(): EldDetector {
  let subset: Uint8Array | null = null;
  return {
    setLanguageSubset(languages) {
      const allowed = new Uint8Array(ngrams.codes.length);
      for (const code of languages) {
        const at = ngrams.codes.indexOf(code);
        if (at >= 0) allowed[at] = 1;
      }
      subset = allowed.includes(1) ? allowed : null;
    },
    detect(text) {
      const found = byteNgrams(utf8Words(text.substring(0, 1000).replace(separators, ' ').trim().toLowerCase()));
      const scores = new Float64Array(ngrams.codes.length);
      for (const ngram of found) {
        const at = ngrams.index.get(ngram);
        if (at === undefined) continue;
        for (let pair = ngrams.starts[at] ?? 0, end = ngrams.starts[at + 1] ?? 0; pair < end; pair += 1) {
          const language = ngrams.languages[pair] ?? 0;
          scores[language] = (scores[language] ?? 0) + (ngrams.scores[pair] ?? 0) + BASE_NGRAM_SCORE;
        }
      }
      let best = -1;
      let bestScore = 0;
      for (let language = 0; language < scores.length; language += 1) {
        if (subset !== null && subset[language] !== 1) scores[language] = 0;
        const score = scores[language] ?? 0;
        if (score > bestScore) {
          best = language;
          bestScore = score;
        }
      }
      return best < 0 ? { language: '', scores: new Float64Array(0), ngramCount: 0 } : { language: ngrams.codes[best] ?? '', scores, ngramCount: found.size };
    },
  };
}
