import { foldForMatch } from './fold.js';

const CHARACTER_SCRIPTS = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}';
const CHARACTER_SCRIPT = new RegExp(`[${CHARACTER_SCRIPTS}]`, 'u');
const TOKEN = new RegExp(`[${CHARACTER_SCRIPTS}]|(?:(?![${CHARACTER_SCRIPTS}])[\\p{L}\\p{M}\\p{N}])+`, 'gu');

/** Word tokens of a line (letters and digits); in Han, Kana and Thai runs each character bigram is a token. */
export function tokens(text: string): string[] {
  const out: string[] = [];
  let previous: string | null = null;
  for (const token of foldForMatch(text).match(TOKEN) ?? []) {
    const character = token.length === 1 && CHARACTER_SCRIPT.test(token);
    if (character && previous !== null) out.push(previous + token);
    else if (!character) out.push(token);
    previous = character ? token : null;
  }
  return out;
}

/** Dice similarity of two lines' token sets, 0..1; for spotting a headline repeated with small edits. */
export function tokenSimilarity(a: string, b: string): number {
  const left = new Set(tokens(a));
  const right = new Set(tokens(b));
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const t of left) if (right.has(t)) shared += 1;
  return (2 * shared) / (left.size + right.size);
}
