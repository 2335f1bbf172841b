import { foldForMatch } from '../normalize/fold.js';

/** Letters that NFD does not split into a base letter and a mark. */
const LATIN_LETTERS: Readonly<Record<string, string>> = { 'đ': 'd', 'ı': 'i', 'ø': 'o', 'ł': 'l', 'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'ð': 'd', 'þ': 'th' };

/** Persian (۰–۹) and Arabic-Indic (٠–٩) digits as ASCII digits. */
function asciiDigits(text: string): string {
  return text.replace(/[\u06f0-\u06f9\u0660-\u0669]/g, (d) => String((d.charCodeAt(0) & 0xf) % 10));
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
