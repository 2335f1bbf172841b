import { asciiDigits } from './digits.js';

/** Arabic-script variants folded together for matching: hamza-carrying alifs, yeh and kaf forms. */
const ARABIC_FOLDS: Readonly<Record<string, string>> = {
  'أ': 'ا',
  'إ': 'ا',
  'آ': 'ا',
  'ٱ': 'ا',
  'ى': 'ي',
  'ی': 'ي',
  'ک': 'ك',
  'ۀ': 'ه',
  'ة': 'ه',
};

/** Letters that NFD does not split into a base letter and a mark. */
const LATIN_LETTERS: Readonly<Record<string, string>> = { 'đ': 'd', 'ı': 'i', 'ø': 'o', 'ł': 'l', 'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'ð': 'd', 'þ': 'th' };

/**
 * A run of `[\s\u200c\u200b]` that is not already one ASCII space: replacing these by a space is
 * replacing every run, without rewriting each space between two words.
 */
const FOLDED_SPACES = /(?:[^\S ]|[\u200c\u200b])[\s\u200c\u200b]*| [\s\u200c\u200b]+/g;
/** A run of `\s` that is not already one ASCII space. */
const SPACES = /[^\S ]\s*| \s+/g;

/**
 * Folds text for phrase matching (never for display): NFKC, lowercase (the dot "İ" leaves behind
 * dropped), Arabic diacritics, tatweel and ZWNJ removed, letter variants unified, whitespace collapsed.
 */
export function foldForMatch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u0307\u064b-\u065f\u0670\u0640]/g, '')
    .replace(/[أإآٱىیکۀة]/g, (c) => ARABIC_FOLDS[c] ?? c)
    .replace(FOLDED_SPACES, ' ')
    .trim();
}

/**
 * Folds text for name and cue matching: {@link foldForMatch} (case, Arabic-script variants), then
 * accents removed from Latin, Greek and Cyrillic letters ("México" → "mexico", "thứ Ba" →
 * "thu ba"), a few special letters spelled out, and Persian/Arabic digits made ASCII. Hyphens and
 * apostrophes separate words. Text and phrases go through the same fold, so they compare equal.
 */
export function foldText(text: string): string {
  return asciiDigits(foldForMatch(text))
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .replace(/[đıøłßæœðþ]/g, (c) => LATIN_LETTERS[c] ?? c)
    .replace(/[-‐‑‒–—'’ʼ`´]/g, ' ');
}

/** Lowercases and collapses whitespace: the form hashed for content identity. */
export function normalizeForHash(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(SPACES, ' ').trim();
}
