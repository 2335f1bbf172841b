/** Writing systems told apart by Unicode script property. */
export type Script =
  | 'Latin' | 'Cyrillic' | 'Arabic' | 'Han' | 'Kana' | 'Hangul' | 'Thai' | 'Devanagari' | 'Bengali' | 'Greek'
  | 'Hebrew' | 'Georgian' | 'Armenian' | 'Tamil' | 'Telugu' | 'Kannada' | 'Malayalam' | 'Gujarati' | 'Gurmukhi'
  | 'Oriya' | 'Sinhala' | 'Khmer' | 'Lao' | 'Myanmar' | 'Ethiopic';

const SCRIPT_PATTERNS: ReadonlyArray<readonly [Script, RegExp]> = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Han', /\p{Script=Han}/u],
  ['Kana', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['Hangul', /\p{Script=Hangul}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Devanagari', /\p{Script=Devanagari}/u],
  ['Bengali', /\p{Script=Bengali}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Georgian', /\p{Script=Georgian}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Tamil', /\p{Script=Tamil}/u],
  ['Telugu', /\p{Script=Telugu}/u],
  ['Kannada', /\p{Script=Kannada}/u],
  ['Malayalam', /\p{Script=Malayalam}/u],
  ['Gujarati', /\p{Script=Gujarati}/u],
  ['Gurmukhi', /\p{Script=Gurmukhi}/u],
  ['Oriya', /\p{Script=Oriya}/u],
  ['Sinhala', /\p{Script=Sinhala}/u],
  ['Khmer', /\p{Script=Khmer}/u],
  ['Lao', /\p{Script=Lao}/u],
  ['Myanmar', /\p{Script=Myanmar}/u],
  ['Ethiopic', /\p{Script=Ethiopic}/u],
];

/** One character of these scripts carries about as much as a short word does in alphabets. */
const CHARACTER_WEIGHT: Partial<Record<Script, number>> = { Han: 3, Kana: 2, Hangul: 2 };

/** Letters counted per script. */
export type ScriptCensus = Partial<Record<Script, number>>;

/** One pass over the text: each alternative captures a run of one script; the first skips non-letters fast. */
const SCRIPT_RUNS = new RegExp(
  ['[^\\p{L}]+', ...SCRIPT_PATTERNS.map(([, pattern]) => `(${pattern.source}+)`)].join('|'),
  'gu',
);

/** Counts the letters of each script in a text. */
export function scriptCensus(text: string): ScriptCensus {
  const census: ScriptCensus = {};
  for (const match of text.matchAll(SCRIPT_RUNS)) {
    const group = match.findIndex((run, index) => index > 0 && run !== undefined);
    const script = SCRIPT_PATTERNS[group - 1]?.[0];
    if (script !== undefined) census[script] = (census[script] ?? 0) + [...(match[0] ?? '')].length;
  }
  return census;
}

/** The script with the most weight in a census (Han and Kana count as one script), or null. */
export function dominantScript(census: ScriptCensus): Script | null {
  let best: Script | null = null;
  let bestWeight = 0;
  for (const [script, count] of Object.entries(census) as [Script, number][]) {
    const weight = script === 'Kana' ? 0 : count * (CHARACTER_WEIGHT[script] ?? 1);
    const withKana = script === 'Han' ? weight + (census.Kana ?? 0) * 2 : weight;
    if (withKana > bestWeight) [best, bestWeight] = [script, withKana];
  }
  if (best === null && (census.Kana ?? 0) > 0) return 'Kana';
  return best;
}

/** Scripts each language is written in; languages missing here are written in Latin script. */
export const LANGUAGE_SCRIPTS: Readonly<Record<string, readonly Script[]>> = {
  ru: ['Cyrillic'], uk: ['Cyrillic'], bg: ['Cyrillic'], be: ['Cyrillic'], mk: ['Cyrillic'], sr: ['Cyrillic', 'Latin'],
  kk: ['Cyrillic'], ky: ['Cyrillic'], mn: ['Cyrillic'], tg: ['Cyrillic'], tt: ['Cyrillic'], ba: ['Cyrillic'],
  az: ['Latin', 'Cyrillic'], uz: ['Latin', 'Cyrillic'],
  ar: ['Arabic'], fa: ['Arabic'], ur: ['Arabic'], ps: ['Arabic'], sd: ['Arabic'], ug: ['Arabic'], ku: ['Latin', 'Arabic'],
  zh: ['Han'], ja: ['Han', 'Kana'], ko: ['Hangul', 'Han'], th: ['Thai'],
  hi: ['Devanagari'], mr: ['Devanagari'], ne: ['Devanagari'], sa: ['Devanagari'],
  bn: ['Bengali'], as: ['Bengali'], el: ['Greek'], he: ['Hebrew'], yi: ['Hebrew'], ka: ['Georgian'], hy: ['Armenian'],
  ta: ['Tamil'], te: ['Telugu'], kn: ['Kannada'], ml: ['Malayalam'], gu: ['Gujarati'], pa: ['Gurmukhi', 'Arabic'],
  or: ['Oriya'], si: ['Sinhala'], km: ['Khmer'], lo: ['Lao'], my: ['Myanmar'], am: ['Ethiopic'], ti: ['Ethiopic'],
};

/** Scripts that only one common language uses: the script alone names the language. */
export const SINGLE_LANGUAGE_SCRIPTS: Partial<Record<Script, string>> = {
  Kana: 'ja', Hangul: 'ko', Thai: 'th', Greek: 'el', Hebrew: 'he', Georgian: 'ka', Armenian: 'hy', Tamil: 'ta',
  Telugu: 'te', Kannada: 'kn', Malayalam: 'ml', Gujarati: 'gu', Gurmukhi: 'pa', Oriya: 'or', Sinhala: 'si',
  Khmer: 'km', Lao: 'lo', Myanmar: 'my', Ethiopic: 'am', Bengali: 'bn',
};

/** True when `lang` is normally written in `script`. */
export function writtenIn(lang: string, script: Script): boolean {
  return (LANGUAGE_SCRIPTS[lang] ?? ['Latin']).includes(script);
}
