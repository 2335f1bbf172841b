/** Writing systems told apart by Unicode script property. */
export type Script =
  | 'Latin'
  | 'Cyrillic'
  | 'Arabic'
  | 'Han'
  | 'Kana'
  | 'Hangul'
  | 'Thai'
  | 'Devanagari'
  | 'Bengali'
  | 'Greek'
  | 'Hebrew'
  | 'Georgian'
  | 'Armenian'
  | 'Tamil'
  | 'Telugu'
  | 'Kannada'
  | 'Malayalam'
  | 'Gujarati'
  | 'Gurmukhi'
  | 'Oriya'
  | 'Sinhala'
  | 'Khmer'
  | 'Lao'
  | 'Myanmar'
  | 'Ethiopic';

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

const LETTER = 0x40;
const NO_SCRIPT = 0x3f;
/** Per BMP code point, once looked up: whether it is a letter, and which script of SCRIPT_PATTERNS it is in (0 = not looked up yet). */
const BMP_CLASSES = new Uint8Array(0x10000);
const ASTRAL_CLASSES = new Map<number, number>();
const IS_LETTER = /\p{L}/u;

function lookUp(character: string): number {
  const index = SCRIPT_PATTERNS.findIndex(([, pattern]) => pattern.test(character));
  return 0x80 | (IS_LETTER.test(character) ? LETTER : 0) | (index < 0 ? NO_SCRIPT : index);
}

/** A code point's class: bit 0x40 set for a letter, the low six bits its script's index (NO_SCRIPT for none). */
function classOf(codePoint: number): number {
  if (codePoint < 0x10000) {
    const known = BMP_CLASSES[codePoint] ?? 0;
    if (known !== 0) return known;
    const found = lookUp(String.fromCharCode(codePoint));
    BMP_CLASSES[codePoint] = found;
    return found;
  }
  let found = ASTRAL_CLASSES.get(codePoint);
  if (found === undefined) ASTRAL_CLASSES.set(codePoint, (found = lookUp(String.fromCodePoint(codePoint))));
  return found;
}

/**
 * Counts the letters of each script in a text: a run starts at a letter of one of the scripts and
 * takes every following character of that script (a mark or digit of the script too), as the
 * regular expression `[^\p{L}]+|(\p{Script=Latin}+)|(\p{Script=Cyrillic}+)|…` would count its runs;
 * each code point's class is looked up once and kept.
 */
export function scriptCensus(text: string): ScriptCensus {
  const census: ScriptCensus = {};
  let i = 0;
  while (i < text.length) {
    let codePoint = text.codePointAt(i) as number;
    const first = classOf(codePoint);
    const script = first & NO_SCRIPT;
    i += codePoint > 0xffff ? 2 : 1;
    if ((first & LETTER) === 0 || script === NO_SCRIPT) continue;
    let count = 1;
    while (i < text.length) {
      codePoint = text.codePointAt(i) as number;
      if ((classOf(codePoint) & NO_SCRIPT) !== script) break;
      count += 1;
      i += codePoint > 0xffff ? 2 : 1;
    }
    const name = (SCRIPT_PATTERNS[script] as readonly [Script, RegExp])[0];
    census[name] = (census[name] ?? 0) + count;
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
  ru: ['Cyrillic'],
  uk: ['Cyrillic'],
  bg: ['Cyrillic'],
  be: ['Cyrillic'],
  mk: ['Cyrillic'],
  sr: ['Cyrillic', 'Latin'],
  kk: ['Cyrillic'],
  ky: ['Cyrillic'],
  mn: ['Cyrillic'],
  tg: ['Cyrillic'],
  tt: ['Cyrillic'],
  ba: ['Cyrillic'],
  az: ['Latin', 'Cyrillic'],
  uz: ['Latin', 'Cyrillic'],
  ar: ['Arabic'],
  fa: ['Arabic'],
  ur: ['Arabic'],
  ps: ['Arabic'],
  sd: ['Arabic'],
  ug: ['Arabic'],
  ku: ['Latin', 'Arabic'],
  zh: ['Han'],
  ja: ['Han', 'Kana'],
  ko: ['Hangul', 'Han'],
  th: ['Thai'],
  hi: ['Devanagari'],
  mr: ['Devanagari'],
  ne: ['Devanagari'],
  sa: ['Devanagari'],
  bn: ['Bengali'],
  as: ['Bengali'],
  el: ['Greek'],
  he: ['Hebrew'],
  yi: ['Hebrew'],
  ka: ['Georgian'],
  hy: ['Armenian'],
  ta: ['Tamil'],
  te: ['Telugu'],
  kn: ['Kannada'],
  ml: ['Malayalam'],
  gu: ['Gujarati'],
  pa: ['Gurmukhi', 'Arabic'],
  or: ['Oriya'],
  si: ['Sinhala'],
  km: ['Khmer'],
  lo: ['Lao'],
  my: ['Myanmar'],
  am: ['Ethiopic'],
  ti: ['Ethiopic'],
};

/** Scripts that only one common language uses: the script alone names the language. */
export const SINGLE_LANGUAGE_SCRIPTS: Partial<Record<Script, string>> = {
  Kana: 'ja',
  Hangul: 'ko',
  Thai: 'th',
  Greek: 'el',
  Hebrew: 'he',
  Georgian: 'ka',
  Armenian: 'hy',
  Tamil: 'ta',
  Telugu: 'te',
  Kannada: 'kn',
  Malayalam: 'ml',
  Gujarati: 'gu',
  Gurmukhi: 'pa',
  Oriya: 'or',
  Sinhala: 'si',
  Khmer: 'km',
  Lao: 'lo',
  Myanmar: 'my',
  Ethiopic: 'am',
  Bengali: 'bn',
};

/** True when `lang` is normally written in `script`. */
export function writtenIn(lang: string, script: Script): boolean {
  return (LANGUAGE_SCRIPTS[lang] ?? ['Latin']).includes(script);
}
